import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RuleSet } from '../rules/ruleset.js';
import { packageRoot } from './package-root.js';

/**
 * The built-in rule set as the build compiled it (dist/rules.json, validated
 * and cross-checked then). Only when running from the bundle: from source the
 * rules are read from rules/ so that edits show at once. Kept apart from the
 * YAML rule reader so that start-up never loads the rule-pack schemas.
 */
export function compiledRuleSet(): RuleSet | undefined {
  if (!import.meta.url.endsWith('.js')) return undefined;
  const compiled = join(packageRoot(), 'dist', 'rules.json');
  return existsSync(compiled) ? (JSON.parse(readFileSync(compiled, 'utf8')) as RuleSet) : undefined;
}
