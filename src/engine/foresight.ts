import type { Partnership } from '../load/partnership-schema.js';
import type { YamlSource } from '../load/yaml-source.js';
import type { PolicyWhen } from '../rules/schema.js';
import type { EngineContext } from './context.js';
import { evaluate } from './condition.js';
import { dedupeEvidence } from './evidence.js';
import { gapEntry } from './gaps.js';
import { levelRank, type Level } from '../shared/levels.js';
import type { Finding, ForesightStep, Gap, ManagementCategory, StakeholderEntry } from '../report/types.js';

/** Runs the foresight steps of rules/foresight.yaml and picks the recommendation. */
export function runForesight(
  p: Partnership,
  findings: Finding[],
  stakeholders: StakeholderEntry[],
  gaps: Gap[],
  level: Level,
  ctx: EngineContext,
  source: YamlSource | undefined,
): { steps: ForesightStep[]; recommendation: string; reason: string } {
  const f = ctx.rules.foresight;
  // Accepted risks are a CI matter (openLevel, the exit code): the verdict a
  // council reads weighs every finding at its full weight.
  const open = findings;
  const pending = stakeholders.filter((s) => !s.consulted).map((s) => s.code);

  // The policy's last entry has no conditions (foresight.yaml is validated so), so one always matches.
  const policy = f.recommendation.find((entry) => matches(entry.when, p, open, level, pending, gaps, ctx))!;
  const recommendation = policy.recommendation;
  const top = open[0];
  const fill = (template: string, extra: Record<string, string> = {}) =>
    template.replace(/\{(\w+)\}/g, (_, key: string) => extra[key] ?? vars[key] ?? `{${key}}`);
  // The words of the rule data's language (foresight.terms); without them, the ids.
  const words = f.terms;
  const vars: Record<string, string> = {
    level: words?.levels[level] ?? level,
    recommendation: words?.recommendations[recommendation] ?? recommendation,
    top: top?.title ?? words?.none ?? 'none',
    pending: pending.length ? pending.join(words?.separator ?? ', ') : (words?.nobody ?? 'nobody'),
    count: String(open.length),
    gaps: String(gaps.length),
  };
  const reason = fill(policy.reason);

  const steps: ForesightStep[] = f.steps.map((step) => {
    const named = new Set(findings.flatMap((x) => x.stakeholders));
    const asked = step.questions.filter((q) => !q.ask_if_named || named.has(q.ask_if_named));
    const answers = asked.map((q) => {
      const yes = evaluate(q.yes, p, ctx);
      const no = q.no ? evaluate(q.no, p, ctx) : undefined;
      let answer: 'yes' | 'no' | 'unknown' = 'unknown';
      let evidence = yes.evidence;
      if (yes.truth === 'true') answer = 'yes';
      else if (no?.truth === 'true') {
        answer = 'no';
        evidence = no.evidence;
      } else if (!no && yes.truth === 'false') answer = 'no';
      const concern = q.concern ?? 'yes';
      if (answer !== 'unknown') return { id: q.id, question: q.ask, answer, concern, evidence: dedupeEvidence(evidence, source) };
      // Unknown: the facts that would settle it, each with its question.
      const paths = [...new Set([...yes.unknown, ...(no?.unknown ?? [])])].sort();
      const open = paths.map((path) => ({ path, ...gapEntry(path, ctx) }));
      return { id: q.id, question: q.ask, answer, concern, evidence: [], open };
    });
    const inStep = open.filter((x) => step.scenarios.includes(x.scenario));
    const blocked = inStep.filter((x) => x.blocking);
    const titles = (list: Finding[]) => list.map((x) => x.title).join('; ');
    const template =
      blocked.length && step.outcome.blocked ? step.outcome.blocked : inStep.length ? step.outcome.concerns : step.outcome.clear;
    return {
      step: step.step,
      title: step.title,
      answers,
      findings: inStep.map((x) => x.ruleId),
      outcome: fill(template, { count: String(inStep.length), titles: titles(blocked.length ? blocked : inStep) }),
    };
  });
  return { steps, recommendation, reason };
}

function matches(
  when: PolicyWhen,
  p: Partnership,
  open: Finding[],
  openLevel: Level,
  pending: string[],
  gaps: Gap[],
  ctx: EngineContext,
): boolean {
  const status = p.status ?? 'proposed';
  if (when.gap_potential && !gaps.some((g) => (when.gap_potential as Level[]).includes(g.potential))) return false;
  if (when.status && !(when.status as string[]).includes(status)) return false;
  if (when.level && !when.level.includes(openLevel)) return false;
  if (when.blocking !== undefined && open.some((x) => x.blocking) !== when.blocking) return false;
  if (when.mitigable !== undefined) {
    const top = open.filter((x) => x.residual.level === openLevel);
    const mitigable = top.length > 0 && top.every((x) => x.available.length > 0);
    if (mitigable !== when.mitigable) return false;
  }
  if (when.stuck_category !== undefined) {
    const stuck = stuckCategories(open, ctx).length > 0;
    if (stuck !== when.stuck_category) return false;
  }
  if (when.pending_stakeholder !== undefined) {
    const code = when.pending_stakeholder;
    const needs = open.some((x) => levelRank(x.residual.level) >= levelRank(ctx.rules.bands.attention) && x.stakeholders.includes(code));
    if (!(needs && pending.includes(code))) return false;
  }
  return true;
}

/** Categories at the top level that no further measure of the catalogue can lower. */
function stuckCategories(open: Finding[], ctx: EngineContext): string[] {
  const top = ctx.rules.bands.bands[ctx.rules.bands.bands.length - 1].level;
  return Object.keys(ctx.rules.matrix.categories).filter((cat) => {
    const atTop = open.filter((x) => x.category === cat && x.residual.level === top);
    return atTop.length > 0 && atTop.some((x) => x.available.length === 0);
  });
}

/** The management flowchart, for partnerships already running. */
export function runManagement(
  p: Partnership,
  findings: Finding[],
  declared: Set<string>,
  ctx: EngineContext,
): { categories: ManagementCategory[]; triggers: string[] } {
  const open = findings;
  const stuck = new Set(stuckCategories(open, ctx));
  const m = ctx.rules.foresight.management;
  const categories = Object.keys(ctx.rules.matrix.categories).map((id) => {
    const inCat = findings.filter((x) => x.category === id);
    const level = inCat.reduce<Level>((acc, x) => (levelRank(x.residual.level) > levelRank(acc) ? x.residual.level : acc), 'low');
    const addressing = [...new Set(inCat.flatMap((x) => [...x.residual.mitigations, ...x.available]))].sort();
    return {
      id,
      level,
      declared: addressing.filter((x) => declared.has(x)),
      available: addressing.filter((x) => !declared.has(x)),
      // What to watch follows the facts: no IP agreement to review for an exchange that shares none.
      monitor: (m.monitor[id] ?? [])
        .filter((e) => !e.when || evaluate(e.when, p, ctx).truth === 'true')
        .map((e) => e.text)
        .join(' '),
      stop: stuck.has(id),
    };
  });
  return { categories, triggers: m.triggers };
}
