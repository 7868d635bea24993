import { readSourceRuleSet } from './builtin.js';
import { createContext } from '../engine/context.js';

/** Validates rules/ (schemas and cross-references) and returns it as JSON for the bundle. */
export function compileRules(dir: string): string {
  const { rules, origins } = readSourceRuleSet(dir);
  createContext(rules, { today: '2000-01-01', origins });
  return JSON.stringify(rules);
}
