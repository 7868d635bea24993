import { readRuleDir, ruleSetFromLayer, type RuleOrigin } from './load-dir.js';
import type { RuleSet } from './ruleset.js';

/**
 * A complete rule set read and validated from a rules directory that has
 * every table (the built-in rules/), with where each rule came from. The
 * caller (the CLI, a build script, a test) says where the directory is.
 */
export function readSourceRuleSet(dir: string): { rules: RuleSet; origins: Map<string, RuleOrigin> } {
  const layer = readRuleDir(dir);
  const origins = new Map(layer.rules.map((r) => [r.rule.id, r.origin]));
  for (const { pack, source } of layer.obligations) pack.obligations.forEach((o, i) => origins.set(`obligation:${o.id}`, { source, path: ['obligations', i] }));
  return { rules: ruleSetFromLayer(layer), origins };
}
