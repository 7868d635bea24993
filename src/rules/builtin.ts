import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readRuleDir, ruleSetFromLayer, type RuleOrigin } from './load-dir.js';
import type { RuleSet } from './ruleset.js';
import { packageRoot } from '../cli/package-root.js';

/**
 * The built-in rule set. The build validates rules/ and writes it as
 * dist/rules.json beside the bundle, so that start-up is one JSON.parse; run
 * from source (tests), it reads and validates rules/ directly.
 */
export function builtinRuleSet(): { rules: RuleSet; origins?: Map<string, RuleOrigin> } {
  const root = packageRoot();
  const compiled = join(root, 'dist', 'rules.json');
  if (import.meta.url.endsWith('.js') && existsSync(compiled)) {
    return { rules: JSON.parse(readFileSync(compiled, 'utf8')) as RuleSet };
  }
  return readSourceRuleSet(join(root, 'rules'));
}

export function readSourceRuleSet(dir: string): { rules: RuleSet; origins: Map<string, RuleOrigin> } {
  const layer = readRuleDir(dir);
  return { rules: ruleSetFromLayer(layer), origins: new Map(layer.rules.map((r) => [r.rule.id, r.origin])) };
}
