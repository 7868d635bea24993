import type { Partnership } from '../load/partnership-schema.js';
import type { YamlSource } from '../load/yaml-source.js';
import type { Rule } from '../rules/schema.js';
import type { EngineContext } from './context.js';
import { evaluate } from './condition.js';
import { clampRating, levelRank, maxLevel, scoreToLevel, type Level } from '../shared/levels.js';
import { runForesight, runManagement } from './foresight.js';
import type { Evidence } from './tri.js';
import { dedupeEvidence } from './evidence.js';
import { factsOf } from './normalise.js';
import { gapEntry } from './gaps.js';
import { evaluateObligations, prohibitionVerdict } from './obligations.js';
import type { CategoryScore, FileResult, Finding, Gap, StakeholderEntry } from '../report/types.js';

/** Assesses one valid partnership. Pure: no I/O, same input, same output. */
export function assessPartnership(file: string, given: Partnership, source: YamlSource | undefined, ctx: EngineContext): FileResult {
  const r = ctx.rules;
  const p = factsOf(given);
  const declared = new Set(p.mitigations ?? []);
  const findings: Finding[] = [];
  const gapRules = new Map<string, { rules: Set<string>; potential: Level }>();
  const warnings: string[] = [];
  const acceptances = acceptanceIndex(p, ctx, file, warnings);

  for (const rule of r.rules) {
    const outcome = evaluate(rule.when, p, ctx);
    if (outcome.truth === 'unknown') {
      const potential = scoreToLevel(rule.likelihood.base * rule.impact.base, r.bands.bands);
      for (const path of outcome.unknown) {
        const g = gapRules.get(path) ?? { rules: new Set<string>(), potential: 'low' as Level };
        g.rules.add(rule.id);
        g.potential = maxLevel(g.potential, potential);
        gapRules.set(path, g);
      }
      continue;
    }
    if (outcome.truth === 'false') continue;
    findings.push(buildFinding(rule, outcome.evidence, p, source, declared, acceptances.get(rule.id), ctx));
  }

  // Obligations (rules/obligations/): a fact they need and the file lacks is a gap too.
  const legal = evaluateObligations(p, ctx, source);
  for (const g of legal.gaps) {
    const entry = gapRules.get(g.path) ?? { rules: new Set<string>(), potential: 'low' as Level };
    entry.rules.add(g.obligation);
    entry.potential = maxLevel(entry.potential, g.potential);
    gapRules.set(g.path, entry);
  }

  findings.sort((a, b) => b.residual.score - a.residual.score || b.score - a.score || a.ruleId.localeCompare(b.ruleId));

  const categories: CategoryScore[] = Object.keys(r.matrix.categories).map((id) => {
    const inCat = findings.filter((f) => f.category === id);
    const score = Math.max(0, ...inCat.map((f) => f.residual.score));
    const inherentScore = Math.max(0, ...inCat.map((f) => f.score));
    return { id, level: score ? scoreToLevel(score, r.bands.bands) : ('low' as Level), score, inherentScore };
  });
  const score = Math.max(0, ...findings.map((f) => f.residual.score));
  const inherentScore = Math.max(0, ...findings.map((f) => f.score));
  const level = score ? scoreToLevel(score, r.bands.bands) : 'low';
  const open = findings.filter((f) => !f.accepted);
  const openLevel = open.reduce<Level>((acc, f) => maxLevel(acc, f.residual.level), 'low');

  const stakeholders = stakeholderList(findings, p, ctx);
  const gaps = gapList(gapRules, ctx);
  // The verdict weighs every finding in full: acceptances only change openLevel (the CI gate).
  const advised = runForesight(p, findings, stakeholders, gaps, level, ctx, source);
  // A legal prohibition decides the recommendation, whatever the risk policy says.
  const verdict = prohibitionVerdict(legal.obligations, p.status ?? 'proposed', ctx.words);
  const foresight = verdict ? { ...advised, ...verdict } : advised;
  const management =
    p.status !== undefined && r.foresight.management.statuses.includes(p.status) ? runManagement(p, findings, declared, ctx) : undefined;

  return {
    file,
    id: p.id,
    title: p.title,
    status: p.status ?? 'proposed',
    valid: true,
    errors: [],
    level,
    score,
    openLevel,
    inherent: { level: inherentScore ? scoreToLevel(inherentScore, r.bands.bands) : 'low', score: inherentScore },
    categories,
    findings,
    foresight,
    ...(management ? { management } : {}),
    stakeholders,
    gaps,
    obligations: legal.obligations,
    warnings,
  };
}

function buildFinding(
  rule: Rule,
  whenEvidence: Evidence[],
  p: Partnership,
  source: YamlSource | undefined,
  declared: Set<string>,
  acceptance: { reason: string; approved_by: string; expires: string } | undefined,
  ctx: EngineContext,
): Finding {
  const r = ctx.rules;
  const modifiers: Finding['modifiers'] = [];
  const evidence: Evidence[] = [...whenEvidence];
  const rate = (kind: 'likelihood' | 'impact') => {
    let value = rule[kind].base;
    for (const m of rule[kind].modifiers ?? []) {
      const o = evaluate(m.when, p, ctx);
      if (o.truth !== 'true') continue;
      value += m.add;
      modifiers.push({ rating: kind, add: m.add, note: m.note });
      evidence.push(...o.evidence);
    }
    return clampRating(value);
  };
  const likelihood = rate('likelihood');
  const impact = rate('impact');
  const applied = rule.mitigations.filter((m) => declared.has(m));
  const available = rule.mitigations.filter((m) => !declared.has(m));
  const cut = (k: 'likelihood' | 'impact') => applied.reduce((sum, m) => sum + (r.mitigations[m].reduces[k] ?? 0), 0);
  const rl = clampRating(likelihood - cut('likelihood'));
  const ri = clampRating(impact - cut('impact'));
  const score = likelihood * impact;
  const running = p.status === 'active' || p.status === 'suspended';
  const advice = rule.advice?.find((a) => evaluate(a.when, p, ctx).truth === 'true');
  const recommendation = running
    ? advice
      ? (advice.recommendation_running ?? advice.recommendation)
      : (rule.recommendation_running ?? rule.recommendation)
    : (advice?.recommendation ?? rule.recommendation);
  // A stakeholder with a condition is named only when the facts do not rule it out.
  const stakeholders = rule.stakeholders.filter((code) => {
    const cond = rule.stakeholders_when?.[code];
    return !cond || evaluate(cond, p, ctx).truth !== 'false';
  });
  return composeFinding(rule, {
    ruleId: rule.id,
    likelihood,
    impact,
    score,
    level: scoreToLevel(score, r.bands.bands),
    modifiers,
    residual: { likelihood: rl, impact: ri, score: rl * ri, level: scoreToLevel(rl * ri, r.bands.bands), mitigations: applied },
    available,
    evidence: dedupeEvidence(evidence, source),
    stakeholders,
    recommendation,
    accepted: acceptance !== undefined,
    ...(acceptance ? { acceptance } : {}),
  });
}

/** What a finding says that its rule does not: what the assessment measured. */
export type MeasuredFinding = Omit<Finding, 'title' | 'category' | 'scenario' | 'impacts' | 'blocking' | 'phase'>;

/** A finding in the report's key order: the rule's own fields around what was measured. */
export function composeFinding(rule: Rule, m: MeasuredFinding): Finding {
  return {
    ruleId: rule.id,
    title: rule.title,
    category: rule.category,
    scenario: rule.scenario,
    impacts: rule.impacts,
    likelihood: m.likelihood,
    impact: m.impact,
    score: m.score,
    level: m.level,
    modifiers: m.modifiers,
    residual: m.residual,
    available: m.available,
    evidence: m.evidence,
    stakeholders: m.stakeholders,
    recommendation: m.recommendation,
    blocking: rule.blocking ?? false,
    phase: rule.phase ?? 'foresight',
    accepted: m.accepted,
    ...(m.acceptance ? { acceptance: m.acceptance } : {}),
  };
}

function acceptanceIndex(p: Partnership, ctx: EngineContext, file: string, warnings: string[]) {
  const out = new Map<string, { reason: string; approved_by: string; expires: string }>();
  for (const a of p.accepted_risks ?? []) {
    if (a.expires >= ctx.today) out.set(a.rule, { reason: a.reason, approved_by: a.approved_by, expires: a.expires });
    else warnings.push(ctx.words('warning.acceptance-expired', { file, rule: a.rule, expires: ctx.words.date(a.expires) }));
  }
  return out;
}

/** A rule's question for a stakeholder, in the running-partnership wording when there is one. */
function questionFor(rule: Rule | undefined, code: string, p: Partnership): string | undefined {
  const running = p.status === 'active' || p.status === 'suspended';
  return (running ? rule?.questions_running?.[code] : undefined) ?? rule?.questions?.[code];
}

function stakeholderList(findings: Finding[], p: Partnership, ctx: EngineContext): StakeholderEntry[] {
  const consulted = new Set(p.stakeholders_consulted ?? []);
  const rulesById = new Map(ctx.rules.rules.map((x) => [x.id, x]));
  const codes = Object.keys(ctx.rules.vocabulary.stakeholder);
  const out: StakeholderEntry[] = [];
  for (const code of codes) {
    const reasons = findings.filter((f) => f.stakeholders.includes(code)).map((f) => f.ruleId);
    if (!reasons.length) continue;
    const questions = [...new Set(reasons.map((id) => questionFor(rulesById.get(id), code, p)).filter((q): q is string => !!q))];
    out.push({ code, name: ctx.rules.vocabulary.stakeholder[code], reasons, consulted: consulted.has(code), questions });
  }
  return out;
}

function gapList(gapRules: Map<string, { rules: Set<string>; potential: Level }>, ctx: EngineContext): Gap[] {
  const out: Gap[] = [];
  for (const [path, g] of gapRules) {
    const entry = gapEntry(path, ctx);
    out.push({
      path,
      question: entry.question,
      ask: entry.ask,
      rules: [...g.rules].sort(),
      potential: g.potential,
    });
  }
  return out.sort((a, b) => levelRank(b.potential) - levelRank(a.potential) || a.path.localeCompare(b.path));
}
