import { readRuleDir, ruleSetFromLayer, type RuleOrigin } from './load-dir.js';
import type { RuleSet } from './ruleset.js';
import { catalogueFile, readEnglishLabels } from './i18n-catalogue.js';
import { UserError } from '../shared/errors.js';

/**
 * A complete rule set read and validated from a rules directory that has
 * every table (the built-in rules/), with where each rule came from. The
 * caller (the CLI, a build script, a test) says where the directory is.
 */
export function readSourceRuleSet(dir: string): { rules: RuleSet; origins: Map<string, RuleOrigin> } {
  const layer = readRuleDir(dir);
  const origins = new Map(layer.rules.map((r) => [r.rule.id, r.origin]));
  for (const { pack, source } of layer.obligations) pack.obligations.forEach((o, i) => origins.set(`obligation:${o.id}`, { source, path: ['obligations', i] }));
  const labels = readEnglishLabels(dir);
  if (!labels) throw new UserError(`rules directory ${dir} lacks ${catalogueFile(dir, 'en')}, the English report labels`);
  return { rules: ruleSetFromLayer(layer, labels), origins };
}
