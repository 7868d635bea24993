import type { RuleSet } from '../rules/ruleset.js';
import type { EvidenceItem } from '../report/types.js';

export function scenarioName(rules: RuleSet, id: string): string {
  return rules.matrix.scenarios[id]?.name ?? id;
}

export function categoryName(rules: RuleSet, id: string): string {
  return rules.matrix.categories[id]?.name ?? id;
}

export function impactName(rules: RuleSet, id: string): string {
  return rules.matrix.impacts[id]?.name ?? id;
}

export function showValue(value: unknown): string {
  if (value === null || value === undefined) return 'not stated';
  if (Array.isArray(value)) return `[${value.map((v) => String(v)).join(', ')}]`;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** "partner.country = CN (line 12): closed-autocracy ..." */
export function evidenceLine(e: EvidenceItem): string {
  const at = e.line !== undefined ? ` (line ${e.line})` : '';
  const note = e.note ? `: ${e.note}` : '';
  return `${e.path} = ${showValue(e.value)}${at}${note}`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
