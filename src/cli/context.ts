import { resolve } from 'node:path';
import { builtinRuleSet } from '../rules/builtin.js';
import { mergeLayer, readRuleDir } from '../rules/load-dir.js';
import { createContext, type EngineContext } from '../engine/context.js';
import { UserError } from '../engine/errors.js';
import { isRealDate } from '../load/partnership-schema.js';
import { DEFAULT_LIMITS } from '../load/yaml-source.js';

export interface ContextFlags {
  rules?: string[];
  today?: string;
  maxFileSize?: number;
}

/** Today's date for expiry and review checks: --today, CDRISK_TODAY, or the clock. */
export function resolveToday(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const value = flag ?? env.CDRISK_TODAY;
  if (value === undefined) return new Date().toISOString().slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || !isRealDate(value)) throw new UserError(`--today expects a date written YYYY-MM-DD, got "${value}"`);
  return value;
}

export function loadContext(flags: ContextFlags): EngineContext {
  const builtin = builtinRuleSet();
  let rules = builtin.rules;
  const origins = new Map(builtin.origins ?? []);
  for (const dir of flags.rules ?? []) {
    const layer = readRuleDir(resolve(dir));
    rules = mergeLayer(rules, layer);
    for (const r of layer.rules) origins.set(r.rule.id, r.origin);
  }
  return createContext(rules, {
    today: resolveToday(flags.today),
    origins,
    // dist/rules.json was cross-checked by the build; a --rules layer changes it, so check again.
    crossChecked: builtin.origins === undefined && !flags.rules?.length,
    limits: { ...DEFAULT_LIMITS, ...(flags.maxFileSize ? { maxBytes: flags.maxFileSize } : {}) },
  });
}
