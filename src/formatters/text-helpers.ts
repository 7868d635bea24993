import type { RuleSet } from '../rules/ruleset.js';
import type { EvidenceItem } from '../report/types.js';
import type { Say } from './say.js';

export function scenarioName(rules: RuleSet, id: string): string {
  return rules.matrix.scenarios[id]?.name ?? id;
}

export function categoryName(rules: RuleSet, id: string): string {
  return rules.matrix.categories[id]?.name ?? id;
}

export function impactName(rules: RuleSet, id: string): string {
  return rules.matrix.impacts[id]?.name ?? id;
}

export function showValue(value: unknown, say: Say): string {
  if (value === null || value === undefined) return say('common.not-stated');
  if (Array.isArray(value)) return `[${value.map((v) => String(v)).join(', ')}]`;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** "partner.country = CN (line 12): closed-autocracy ..." */
export function evidenceLine(e: EvidenceItem, say: Say): string {
  const at = e.line !== undefined ? say('common.at-line', { line: e.line }) : '';
  const note = e.note ? `: ${e.note}` : '';
  return `${e.path} = ${showValue(e.value, say)}${at}${note}`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
