// Build entry (bundled and run by scripts/build.mjs): validates rules/ with
// its schemas and the engine's cross-checks, and returns it as the JSON the
// bundle loads at start-up (dist/rules.json).
import { readSourceRuleSet } from '../src/cli/rule-files.js';
import { createContext } from '../src/engine/context.js';

export function compileRules(dir: string): string {
  const { rules, origins } = readSourceRuleSet(dir);
  createContext(rules, { today: '2000-01-01', origins });
  return JSON.stringify(rules);
}
