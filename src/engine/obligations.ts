import type { Partnership } from '../load/partnership-schema.js';
import type { YamlSource } from '../load/yaml-source.js';
import type { Obligation, ObligationPack } from '../rules/obligations-schema.js';
import { OPERATORS, type Condition } from '../rules/condition-types.js';
import type { RuleOrigin } from '../rules/load-dir.js';
import type { FileResult, ObligationResult, ObligationStatus } from '../report/types.js';
import type { EngineContext } from './context.js';
import { evaluate } from './condition.js';
import { dedupeEvidence } from './evidence.js';
import { UserError } from '../shared/errors.js';
import type { Level } from '../shared/levels.js';
import type { Evidence } from './tri.js';
import type { EngineWords } from './words.js';

// What the law requires of a partnership: the obligation packs of
// rules/obligations/ evaluated against one file. Pure, like the rest of the
// engine: the same file, rules and --today give the same result.

/** A fact an obligation needs and the file does not give: it becomes an information gap. */
export interface ObligationGap {
  path: string;
  obligation: string;
  potential: Level;
}

/** How much a missing fact could matter, by the kind of obligation it could trigger. */
const GAP_POTENTIAL: Record<Obligation['kind'], Level> = {
  prohibition: 'critical',
  approval: 'high',
  screening: 'medium',
  notification: 'medium',
  registration: 'medium',
};

const ENTERED_STATUSES = new Set(['active', 'suspended', 'ended']);

export function evaluateObligations(
  p: Partnership,
  ctx: EngineContext,
  source: YamlSource | undefined,
): { obligations: ObligationResult[]; gaps: ObligationGap[] } {
  const out: ObligationResult[] = [];
  const gaps: ObligationGap[] = [];
  const filed = new Map((p.notifications ?? []).map((n) => [n.obligation, n]));
  for (const pack of ctx.rules.obligations) {
    for (const o of pack.obligations) {
      const outcome = evaluate(o.when, p, ctx);
      if (outcome.truth === 'false') continue;
      const window = inWindow(o, p, ctx.today);
      if (window.truth === 'false') continue;
      const unknown = [...(outcome.truth === 'unknown' ? outcome.unknown : []), ...window.unknown];
      if (unknown.length) {
        for (const path of new Set(unknown)) gaps.push({ path, obligation: o.id, potential: GAP_POTENTIAL[o.kind] });
        continue;
      }
      const evidence = dedupeEvidence([...outcome.evidence, ...window.evidence], source);
      out.push(result(o, pack, p, ctx, filed.get(o.id), evidence));
    }
  }
  return { obligations: out, gaps };
}

/** Whether the arrangement falls in the obligation's `arrangements` window (by the date it was entered). */
function inWindow(o: Obligation, p: Partnership, today: string): { truth: 'true' | 'false'; unknown: string[]; evidence: Evidence[] } {
  const w = o.arrangements;
  if (!w) return { truth: 'true', unknown: [], evidence: [] };
  const entered = enteredOn(p, today);
  if (entered.kind === 'unknown') return { truth: 'true', unknown: ['agreement.signing_date'], evidence: [] };
  const evidence: Evidence[] = entered.kind === 'on' ? [{ path: ['agreement', 'signing_date'], value: entered.date }] : [];
  if (w.entered_before && !(entered.kind === 'on' && entered.date < w.entered_before)) return { truth: 'false', unknown: [], evidence };
  if (w.entered_from && entered.kind === 'on' && entered.date < w.entered_from) return { truth: 'false', unknown: [], evidence };
  return { truth: 'true', unknown: [], evidence };
}

/**
 * When the arrangement was entered: on its signing date if that has passed;
 * `not-yet` for a proposed partnership not signed by today; unknown for a
 * running one whose file gives no signing date.
 */
function enteredOn(p: Partnership, today: string): { kind: 'on'; date: string } | { kind: 'not-yet' } | { kind: 'unknown' } {
  const signed = p.agreement?.signing_date;
  const status = p.status ?? 'proposed';
  if (typeof signed === 'string' && signed !== 'unknown') {
    if (signed <= today || ENTERED_STATUSES.has(status)) return { kind: 'on', date: signed };
    return { kind: 'not-yet' };
  }
  return ENTERED_STATUSES.has(status) ? { kind: 'unknown' } : { kind: 'not-yet' };
}

function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

function result(
  o: Obligation,
  pack: ObligationPack,
  p: Partnership,
  ctx: Pick<EngineContext, 'today' | 'words'>,
  filed: { date: string; reference?: string } | undefined,
  evidence: ObligationResult['evidence'],
): ObligationResult {
  const { status, due } = statusOf(o, p, ctx.today, filed);
  return {
    id: o.id,
    kind: o.kind,
    jurisdiction: o.jurisdiction,
    jurisdictionName: pack.name,
    title: o.title,
    action: o.action,
    deadline: { ...o.deadline, ...(due ? { due } : {}), text: deadlineText(o, due, ctx.words) },
    authority: o.authority,
    consequence: o.consequence,
    effective: o.effective,
    source: o.source,
    reviewed: o.reviewed ?? null,
    unconfirmed: o.unconfirmed ?? [],
    status,
    blocking: o.kind === 'prohibition' && (status === 'due' || status === 'overdue'),
    ...(filed ? { notification: { date: filed.date, ...(filed.reference ? { reference: filed.reference } : {}) } } : {}),
    evidence,
  };
}

/**
 * due: it applies now and is not done; overdue: its deadline has passed;
 * done: the file records the filing (or, for a prohibition, the partnership
 * has ended); not-yet-applicable: the law is not in force yet, or the event
 * it follows (entering the arrangement) has not happened.
 */
function statusOf(
  o: Obligation,
  p: Partnership,
  today: string,
  filed: { date: string } | undefined,
): { status: ObligationStatus; due?: string } {
  if (today < o.effective.from) return { status: 'not-yet-applicable' };
  const status = p.status ?? 'proposed';
  if (o.kind === 'prohibition') {
    if (status === 'ended') return { status: 'done' };
    if (status === 'proposed') return { status: 'due' };
    if (o.deadline.kind === 'by-date') return { status: today > o.deadline.date! ? 'overdue' : 'due', due: o.deadline.date };
    return { status: 'due' };
  }
  if (filed) return { status: 'done' };
  const entered = enteredOn(p, today);
  switch (o.deadline.kind) {
    case 'before-negotiating':
    case 'before-entering':
      return { status: entered.kind === 'not-yet' ? 'due' : 'overdue' };
    case 'within-days-of-entering': {
      if (entered.kind === 'not-yet') return { status: 'not-yet-applicable' };
      if (entered.kind === 'unknown') return { status: 'due' };
      const due = addDays(entered.date, o.deadline.days!);
      return { status: today > due ? 'overdue' : 'due', due };
    }
    case 'by-date':
      return { status: today > o.deadline.date! ? 'overdue' : 'due', due: o.deadline.date };
    default:
      return { status: 'due' };
  }
}

function deadlineText(o: Obligation, due: string | undefined, w: EngineWords): string {
  const d = o.deadline;
  switch (d.kind) {
    case 'before-negotiating':
      return w('deadline.before-negotiating');
    case 'before-entering':
      return w('deadline.before-entering');
    case 'within-days-of-entering':
      return due
        ? w('deadline.within-days-by', { days: w.number(d.days!), due: w.date(due) })
        : w('deadline.within-days', { days: w.number(d.days!) });
    case 'before-completion':
      return w('deadline.before-completion');
    case 'by-date':
      return w('deadline.by-date', { date: w.date(d.date!) });
    default:
      return d.note ?? w('deadline.none');
  }
}

/**
 * The verdict a prohibition imposes: do-not-proceed for a partnership not yet
 * entered, disengage (with the legal deadline) for a running one. The reason
 * names the law. Undefined when no prohibition applies.
 */
export function prohibitionVerdict(
  obligations: readonly ObligationResult[],
  status: string,
  w: EngineWords,
): { recommendation: string; reason: string } | undefined {
  const banned = obligations.filter((o) => o.blocking);
  if (!banned.length) return undefined;
  const laws = w.join(banned.map((o) => w('prohibited.law', { title: o.title, statute: o.source.statute, section: o.source.section })));
  const action = banned[0].action;
  if (status === 'proposed') return { recommendation: 'do-not-proceed', reason: w('prohibited.proposed', { laws, action }) };
  const deadlines = w.join(
    banned.map((o) =>
      w(o.status === 'overdue' ? 'prohibited.deadline-overdue' : 'prohibited.deadline', { id: o.id, deadline: o.deadline.text }),
    ),
  );
  return { recommendation: 'disengage', reason: w('prohibited.running', { laws, action, deadlines }) };
}

/** A file fails the CI gate on an applicable prohibition or an overdue obligation, whatever --fail-on says. */
export function obligationFails(r: Pick<FileResult, 'valid' | 'obligations'>): boolean {
  return r.valid && (r.obligations ?? []).some((o) => o.blocking || o.status === 'overdue');
}

/** Every obligation's condition must name fields, values, sets and functions that exist. */
export function checkObligations(ctx: EngineContext, sets: ReadonlySet<string>, origins?: Map<string, RuleOrigin>): void {
  const shapes = ctx.loader.shapes;
  const seen = new Set<string>();
  for (const pack of ctx.rules.obligations) {
    for (const [index, o] of pack.obligations.entries()) {
      const fail = (where: (string | number)[], message: string): never => {
        const origin = origins?.get(`obligation:${o.id}`);
        const at = origin ? { file: origin.source.file, ...origin.source.locate([...origin.path, ...where]) } : undefined;
        throw new UserError(`obligation ${o.id} (${pack.obligations_for}, entry ${index + 1}): ${message}`, at);
      };
      if (seen.has(o.id)) fail(['id'], 'duplicate obligation id');
      seen.add(o.id);
      if (o.jurisdiction.slice(0, 2) !== pack.obligations_for)
        fail(['jurisdiction'], `"${o.jurisdiction}" is not in ${pack.obligations_for}, the pack's jurisdiction`);
      const check = (cond: Condition, at: (string | number)[]): void => {
        if ('all' in cond) return cond.all.forEach((c, i) => check(c, [...at, 'all', i]));
        if ('any' in cond) return cond.any.forEach((c, i) => check(c, [...at, 'any', i]));
        if ('not' in cond) return check(cond.not, [...at, 'not']);
        if ('fn' in cond) {
          const fn = ctx.functions[cond.fn];
          if (!fn) fail([...at, 'fn'], `unknown function "${cond.fn}" (known: ${Object.keys(ctx.functions).join(', ')})`);
          const parsed = fn.options.safeParse(cond.with ?? {});
          if (!parsed.success) fail([...at, 'with'], `options of ${cond.fn}: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
          return;
        }
        const shape = shapes.get(cond.path);
        if (!shape) fail([...at, 'path'], `"${cond.path}" is not a field of the partnership format`);
        for (const op of OPERATORS) {
          const v = cond[op];
          if (typeof v === 'string' && (op === 'in' || op === 'intersects') && !sets.has(v.slice(1))) {
            fail([...at, op], `unknown set "${v}" (known: ${[...sets].map((s) => '@' + s).join(', ')})`);
          }
          if (Array.isArray(v)) {
            const allowed = shape!.values ?? shape!.itemValues;
            v.forEach((x, i) => {
              if (allowed && !allowed.includes(String(x)))
                fail([...at, op, i], `"${String(x)}" is not a value of ${cond.path} (allowed: ${allowed.join(', ')})`);
            });
          }
          if (op === 'equals' && typeof v === 'string' && shape!.values && !shape!.values.includes(v)) {
            fail([...at, op], `"${v}" is not a value of ${cond.path} (allowed: ${shape!.values.join(', ')})`);
          }
        }
      };
      check(o.when, ['when']);
    }
  }
}

/** The ISO 3166-2 subdivisions the obligation packs name: what city.region suggests from. */
export function knownRegions(packs: readonly ObligationPack[]): string[] {
  return [...new Set(packs.flatMap((p) => p.obligations.map((o) => o.jurisdiction)).filter((j) => j.includes('-')))].sort();
}
