// What the briefing note (markdown) and the HTML report share: the order in
// which findings are shown and numbered, the plain words for a recommendation,
// and the method and sources. Pure: data in, data out. The words are the
// labels markdown.* (rules/i18n); a `say` left out speaks the rule set's labels
// with English dates and numbers.
import { LEVELS, levelRank, maxScore, scaleTop, scoreToLevel, type Level } from '../shared/levels.js';
import type { FileResult, Finding } from '../report/types.js';
import type { RuleSet } from '../rules/ruleset.js';
import { makeSay, type Say } from './say.js';

export interface NumberedFinding {
  /** 1-based, the same in the heat map, the findings list and the stakeholder reasons. */
  n: number;
  finding: Finding;
}

export interface CategoryGroup {
  id: string;
  findings: NumberedFinding[];
}

/** Findings grouped by category in the order of the risk matrix, worst residual score first, then numbered. */
export function groupFindings(r: FileResult, rules: RuleSet): CategoryGroup[] {
  const order = Object.keys(rules.matrix.categories);
  const ids = [...new Set([...order, ...r.findings.map((f) => f.category)])];
  let n = 0;
  const groups: CategoryGroup[] = [];
  for (const id of ids) {
    const list = r.findings
      .filter((f) => f.category === id)
      .sort((a, b) => b.residual.score - a.residual.score || b.score - a.score || compare(a.ruleId, b.ruleId));
    if (list.length) groups.push({ id, findings: list.map((finding) => ({ n: ++n, finding })) });
  }
  return groups;
}

export function numberedFindings(groups: readonly CategoryGroup[]): NumberedFinding[] {
  return groups.flatMap((g) => g.findings);
}

/** Finding numbers by rule id, to refer to findings as "F1, F3". */
export function findingNumbers(groups: readonly CategoryGroup[]): Map<string, number> {
  return new Map(numberedFindings(groups).map((x) => [x.finding.ruleId, x.n]));
}

/** The findings a stakeholder is named for, as F-numbers in report order (rules without a number last, by id). */
export function concernRefs(reasons: readonly string[], numbers: ReadonlyMap<string, number>): string[] {
  const rank = (id: string) => numbers.get(id) ?? Infinity;
  return [...reasons].sort((a, b) => rank(a) - rank(b) || compare(a, b)).map((id) => (numbers.has(id) ? `F${numbers.get(id)}` : id));
}

export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function recommendationLabel(rec: string): string {
  return rec.replace(/-/g, ' ');
}

/** The recommendation in plain words (rules/foresight.yaml), worded for a proposal or a running partnership (management.statuses). */
export function recommendationWords(rules: RuleSet, rec: string, status: string | undefined): string {
  const running = status !== undefined && rules.foresight.management.statuses.includes(status);
  return (running ? rules.foresight.words.running[rec] : rules.foresight.words.before[rec]) ?? rec;
}

export function levelLabel(level: Level): string {
  return level.charAt(0).toUpperCase() + level.slice(1);
}

/** Valid results first, worst level first, then highest score, then by id; invalid files last, by file name. */
export function portfolioOrder(results: readonly FileResult[]): FileResult[] {
  return [...results].sort((a, b) => {
    if (a.valid !== b.valid) return a.valid ? -1 : 1;
    if (a.valid && b.valid) {
      const byLevel = levelRank(b.level!) - levelRank(a.level!) || (b.score ?? 0) - (a.score ?? 0);
      if (byLevel) return byLevel;
    }
    return compare(a.id ?? a.file, b.id ?? b.file) || compare(a.file, b.file);
  });
}

/** The level of a cell of the heat map (likelihood x impact), by the rule data's bands. */
export function cellLevel(likelihood: number, impact: number, rules: RuleSet): Level {
  return scoreToLevel(likelihood * impact, rules.bands.bands);
}

/** "score 12 of 25": the top score comes from the rating scales of the rule data. */
export function scoreOutOf(score: number, rules: RuleSet, say: Say = makeSay(rules)): string {
  return say('common.score-out-of', { score: say.number(score), max: say.number(maxScore(rules.bands)) });
}

/** "1-4 low, 5-9 medium, 10-14 high, 15-25 critical", from the rule data. */
export function bandsSentence(rules: RuleSet, say: Say = makeSay(rules)): string {
  return rules.bands.bands
    .map((b) => say('common.method.band', { min: b.min, max: b.max, level: say.level(b.level) }))
    .join(say('common.list'));
}

export function likelihoodName(rules: RuleSet, n: number): string {
  return rules.bands.likelihood[String(n)] ?? '';
}

export function impactRatingName(rules: RuleSet, n: number): string {
  return rules.bands.impact[String(n)] ?? '';
}

export function mitigationTitle(rules: RuleSet, id: string): string {
  return rules.mitigations[id]?.title ?? id;
}

export function stakeholderName(rules: RuleSet, code: string): string {
  return (rules.vocabulary.stakeholder as Record<string, string> | undefined)?.[code] ?? code;
}

export interface SourceLine {
  id: string;
  citation: string;
  url?: string;
}

/** The sources behind one partnership's assessment: the brief, the bands, the regime data and each rule that fired. */
export function sourcesFor(r: FileResult, rules: RuleSet): SourceLine[] {
  const ids = new Set<string>([
    rules.matrix.source,
    ...rules.foresight.steps.flatMap((s) => s.source),
    rules.bands.source,
    rules.countries.source.id,
  ]);
  for (const f of r.findings) {
    for (const s of rules.rules.find((x) => x.id === f.ruleId)?.source ?? []) ids.add(s);
  }
  return [...ids]
    .filter((id) => rules.sources[id])
    .map((id) => {
      const s = rules.sources[id];
      return { id, citation: s.citation, ...(s.url ? { url: s.url } : {}) };
    });
}

/** The work the matrix comes from, as running text names it: "Cities at the Crossroads" (authors, publisher, year). */
export function briefCitation(rules: RuleSet, say: Say = makeSay(rules)): string {
  const s = rules.sources[rules.matrix.source];
  return s?.short ? say('common.method.brief', { ...s.short }) : (s?.title ?? rules.matrix.source);
}

/** The method as one paragraph, for the markdown briefing and the HTML page alike. */
export function methodParagraph(rules: RuleSet, say: Say = makeSay(rules)): string {
  return methodSentences(rules, say).reduce((before, after) => say('common.then', { before, after }));
}

/** The method in a few sentences, built from the rule data (so it says what the tool really did). */
function methodSentences(rules: RuleSet, say: Say = makeSay(rules)): string[] {
  const bandsSource = rules.sources[rules.bands.source]?.title ?? rules.bands.source;
  const row = rules.countries.source;
  return [
    say('common.method.matrix', { brief: briefCitation(rules, say) }),
    say('common.method.scores', {
      likelihoodTop: say.number(scaleTop(rules.bands.likelihood)),
      impactTop: say.number(scaleTop(rules.bands.impact)),
      bands: bandsSentence(rules, say),
      source: bandsSource,
    }),
    say('common.method.regime', { title: row.title, citation: row.citation, licence: row.licence }),
    say('common.method.flowcharts'),
    say('common.method.judgement'),
  ];
}

/** "3 critical, 4 high, 1 medium": the findings by residual level, worst first. */
export function levelCounts(findings: readonly Finding[], say?: Say): string {
  const counts = [...LEVELS]
    .reverse()
    .map((l) => [l, findings.filter((f) => f.residual.level === l).length] as const)
    .filter(([, n]) => n > 0)
    .map(([l, n]) => (say ? say('common.level-count', { count: say.number(n), level: say.level(l) }) : `${n} ${l}`));
  return counts.join(say ? say('common.list') : ', ');
}
