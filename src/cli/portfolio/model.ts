import type { EngineContext } from '../../engine/context.js';
import { LEVELS, levelRank, type Level } from '../../shared/levels.js';
import { VERSION } from '../../shared/version.js';
import type { Partnership } from '../../load/partnership-schema.js';
import type { FileResult } from '../../report/types.js';

/** One partnership as the portfolio keeps it: small, whatever the number of rows. */
export interface PortfolioResult {
  /** The file, or "register.csv" with `row`. */
  source: string;
  row?: number;
  id: string | null;
  title?: string;
  status?: string;
  valid: boolean;
  errors: string[];
  city: { name: string; country: string; region?: string } | null;
  partner: { name: string; country: string; region?: string } | null;
  level: Level | null;
  openLevel: Level | null;
  score: number | null;
  recommendation: string | null;
  rules: string[];
  gaps: string[];
  reviewNext?: string;
  reviewOverdue: boolean;
  acceptancesExpiring: { rule: string; expires: string }[];
}

type ByLevel = Record<Level, number>;
const zero = (): ByLevel => Object.fromEntries(LEVELS.map((l) => [l, 0])) as ByLevel;

export interface Portfolio {
  total: number;
  invalid: number;
  byLevel: ByLevel;
  byPartnerCountry: { country: string; name: string; total: number; byLevel: ByLevel; regime: string; tensions: string[] }[];
  byCity: { name: string; country: string; total: number; byLevel: ByLevel }[];
  byRule: { rule: string; title: string; count: number; byLevel: ByLevel }[];
  reviewsOverdue: { id: string; source: string; row?: number; next: string | null }[];
  acceptancesExpiring: { id: string; source: string; row?: number; rule: string; expires: string }[];
  topGaps: { path: string; question: string; count: number }[];
}

export interface PortfolioHistoryPoint {
  month: string;
  commit: string;
  total: number;
  invalid: number;
  byLevel: ByLevel;
}

export interface PortfolioReport {
  schemaVersion: 1;
  tool: { name: 'cdrisk'; version: string };
  portfolio: Portfolio;
  history?: PortfolioHistoryPoint[];
  results: PortfolioResult[];
}

/** Accepted risks expiring within this many days are listed. */
export const EXPIRY_WINDOW_DAYS = 90;

function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

// Registers repeat the same lists of rules and gaps: results share one copy of each.
const NONE: never[] = [];
const interned = new Map<string, string[]>();
const isShared = new WeakSet<string[]>();
function intern(list: string[]): string[] {
  if (!list.length) return NONE;
  if (isShared.has(list)) return list;
  const key = list.join('\u0000');
  let shared = interned.get(key);
  if (!shared) {
    shared = list;
    if (interned.size < 100_000) {
      interned.set(key, shared);
      isShared.add(shared);
    }
  }
  return shared;
}

/** The same result with its lists shared with earlier results (a result that came from a worker thread holds copies). */
export function shareLists(r: PortfolioResult): PortfolioResult {
  r.rules = intern(r.rules);
  r.gaps = intern(r.gaps);
  if (!r.errors.length) r.errors = NONE;
  if (!r.acceptancesExpiring.length) r.acceptancesExpiring = NONE;
  return r;
}

/** ctx.today plus the expiry window, worked out once per date rather than once per row. */
let expiryLimit: { today: string; limit: string } | undefined;
const limitFor = (today: string) =>
  expiryLimit?.today === today ? expiryLimit.limit : (expiryLimit = { today, limit: addDays(today, EXPIRY_WINDOW_DAYS) }).limit;

/** Keeps of an assessed partnership what the portfolio shows. */
export function portfolioResult(
  source: string,
  row: number | undefined,
  r: FileResult,
  p: Partnership | undefined,
  ctx: EngineContext,
): PortfolioResult {
  const base = { source, ...(row !== undefined ? { row } : {}) };
  if (!r.valid || !p) {
    return {
      ...base,
      id: r.id,
      valid: false,
      errors: r.errors.map((e) => (e.line ? `${e.line}:${e.column ?? 1}: ${e.message}` : e.message)),
      city: null,
      partner: null,
      level: null,
      openLevel: null,
      score: null,
      recommendation: null,
      rules: NONE,
      gaps: NONE,
      reviewOverdue: false,
      acceptancesExpiring: NONE,
    };
  }
  const next = p.review?.next;
  const nextDate = next && next !== 'unknown' ? next : undefined;
  const running = p.status === 'active' || p.status === 'suspended';
  const limit = limitFor(ctx.today);
  const side = (s: { name: string; country: string; region?: string }) => ({
    name: s.name,
    country: s.country,
    ...(s.region ? { region: s.region } : {}),
  });
  return {
    ...base,
    id: r.id,
    ...(r.title !== undefined ? { title: r.title } : {}),
    ...(r.status !== undefined ? { status: r.status } : {}),
    valid: true,
    errors: NONE,
    city: side(p.city),
    partner: side(p.partner),
    level: r.level,
    openLevel: r.openLevel,
    score: r.score,
    recommendation: r.foresight?.recommendation ?? null,
    rules: intern([...new Set(r.findings.map((f) => f.ruleId))].sort()),
    gaps: intern(r.gaps.map((g) => g.path)),
    ...(nextDate ? { reviewNext: nextDate } : {}),
    reviewOverdue: running && (nextDate === undefined ? r.findings.some((f) => f.ruleId === 'review-overdue') : nextDate < ctx.today),
    acceptancesExpiring: !p.accepted_risks?.length
      ? NONE
      : p.accepted_risks.filter((a) => a.expires >= ctx.today && a.expires <= limit).map((a) => ({ rule: a.rule, expires: a.expires })),
  };
}

/** Adds up the results. The same results give the same bytes: every list has a total order. */
export function summarise(results: readonly PortfolioResult[], ctx: EngineContext): Portfolio {
  const byLevel = zero();
  const countries = new Map<string, { total: number; byLevel: ByLevel; tensions: Set<string> }>();
  const cities = new Map<string, { name: string; country: string; total: number; byLevel: ByLevel }>();
  const rules = new Map<string, { count: number; byLevel: ByLevel }>();
  const gaps = new Map<string, number>();
  const reviewsOverdue: Portfolio['reviewsOverdue'] = [];
  const acceptancesExpiring: Portfolio['acceptancesExpiring'] = [];
  let invalid = 0;
  for (const r of results) {
    if (!r.valid || !r.level || !r.city || !r.partner) {
      invalid++;
      continue;
    }
    byLevel[r.level]++;
    const c = countries.get(r.partner.country) ?? { total: 0, byLevel: zero(), tensions: new Set<string>() };
    c.total++;
    c.byLevel[r.level]++;
    if (c.tensions.size < 50) for (const t of ctx.tensionsBetween(r.city.country, r.partner.country)) c.tensions.add(t.id);
    countries.set(r.partner.country, c);
    const cityKey = `${r.city.name}\u0000${r.city.country}`;
    const city = cities.get(cityKey) ?? { name: r.city.name, country: r.city.country, total: 0, byLevel: zero() };
    city.total++;
    city.byLevel[r.level]++;
    cities.set(cityKey, city);
    for (const rule of r.rules) {
      const e = rules.get(rule) ?? { count: 0, byLevel: zero() };
      e.count++;
      e.byLevel[r.level]++;
      rules.set(rule, e);
    }
    for (const g of r.gaps) gaps.set(g, (gaps.get(g) ?? 0) + 1);
    if (r.reviewOverdue)
      reviewsOverdue.push({ id: r.id!, source: r.source, ...(r.row !== undefined ? { row: r.row } : {}), next: r.reviewNext ?? null });
    for (const a of r.acceptancesExpiring)
      acceptancesExpiring.push({
        id: r.id!,
        source: r.source,
        ...(r.row !== undefined ? { row: r.row } : {}),
        rule: a.rule,
        expires: a.expires,
      });
  }
  const titles = new Map(ctx.rules.rules.map((r) => [r.id, r.title]));
  const byCount =
    <T extends { total?: number; count?: number }>(key: (x: T) => string) =>
    (a: T, b: T) =>
      (b.total ?? b.count ?? 0) - (a.total ?? a.count ?? 0) || (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);
  return {
    total: results.length,
    invalid,
    byLevel,
    byPartnerCountry: [...countries]
      .map(([country, c]) => ({
        country,
        name: ctx.countries.nameOf(country),
        total: c.total,
        byLevel: c.byLevel,
        regime: ctx.regimeOf(country),
        tensions: [...c.tensions].sort(),
      }))
      .sort(byCount((x) => x.country)),
    byCity: [...cities.values()].sort(byCount((x) => `${x.name}\u0000${x.country}`)),
    byRule: [...rules]
      .map(([rule, e]) => ({ rule, title: titles.get(rule) ?? rule, count: e.count, byLevel: e.byLevel }))
      .sort(byCount((x) => x.rule)),
    reviewsOverdue: reviewsOverdue.sort((a, b) => (a.next ?? '').localeCompare(b.next ?? '') || a.id.localeCompare(b.id)),
    acceptancesExpiring: acceptancesExpiring.sort((a, b) => a.expires.localeCompare(b.expires) || a.id.localeCompare(b.id)),
    topGaps: [...gaps]
      .map(([path, count]) => ({ path, question: ctx.rules.gaps[path]?.question ?? '', count }))
      .sort((a, b) => b.count - a.count || a.path.localeCompare(b.path))
      .slice(0, 10),
  };
}

export function buildPortfolioReport(results: PortfolioResult[], ctx: EngineContext, history?: PortfolioHistoryPoint[]): PortfolioReport {
  return {
    schemaVersion: 1,
    tool: { name: 'cdrisk', version: VERSION },
    portfolio: summarise(results, ctx),
    ...(history ? { history } : {}),
    results,
  };
}

/** Worst first: level, then score, then id. */
export function worst(results: readonly PortfolioResult[], n: number): PortfolioResult[] {
  return results
    .filter((r) => r.valid && r.level)
    .sort((a, b) => levelRank(b.level!) - levelRank(a.level!) || (b.score ?? 0) - (a.score ?? 0) || (a.id ?? '').localeCompare(b.id ?? ''))
    .slice(0, n);
}
