import { join } from 'node:path';
import { readRuleDir, ruleSetFromLayer, type RuleOrigin } from './load-dir.js';
import type { RuleSet } from './ruleset.js';
import { packageRoot } from '../cli/package-root.js';
import { compiledRuleSet } from './compiled.js';

/**
 * The built-in rule set. The build validates rules/ and writes it as
 * dist/rules.json beside the bundle, so that start-up is one JSON.parse; run
 * from source (tests), it reads and validates rules/ directly.
 */
export function builtinRuleSet(): { rules: RuleSet; origins?: Map<string, RuleOrigin> } {
  const compiled = compiledRuleSet();
  if (compiled) return { rules: compiled };
  return readSourceRuleSet(join(packageRoot(), 'rules'));
}

export function readSourceRuleSet(dir: string): { rules: RuleSet; origins: Map<string, RuleOrigin> } {
  const layer = readRuleDir(dir);
  const origins = new Map(layer.rules.map((r) => [r.rule.id, r.origin]));
  for (const { pack, source } of layer.obligations) pack.obligations.forEach((o, i) => origins.set(`obligation:${o.id}`, { source, path: ['obligations', i] }));
  return { rules: ruleSetFromLayer(layer), origins };
}
