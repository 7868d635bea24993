import { join, resolve } from 'node:path';
import { compiledRuleSet } from './compiled-rules.js';
import { packageRoot } from './package-root.js';
import type { RuleOrigin } from '../rules/load-dir.js';
import { createContext, type EngineContext } from '../engine/context.js';
import { UserError } from '../shared/errors.js';
import { isRealDate } from '../load/partnership-schema.js';
import { DEFAULT_LIMITS } from '../load/yaml-source.js';
import { readCountryTables } from '../load/country-resolver.js';
import type { RuleSet } from '../rules/ruleset.js';
import { isLang, LANGUAGES, type Lang } from '../rules/i18n.js';

export interface ContextFlags {
  rules?: string[];
  /** The language of the texts (already resolved: see resolveLang). */
  lang?: Lang;
  today?: string;
  maxFileSize?: number;
}

/** Today's date for expiry and review checks: --today, CDRISK_TODAY, or the clock. */
export function resolveToday(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const value = flag ?? env.CDRISK_TODAY;
  if (value === undefined) return new Date().toISOString().slice(0, 10);
  const from = flag !== undefined ? '--today' : 'the environment variable CDRISK_TODAY';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || !isRealDate(value))
    throw new UserError(`${from} expects a date written YYYY-MM-DD (one that exists), got "${value}"`);
  return value;
}

/** The language of the reports: --lang, CDRISK_LANG, or English. */
export function resolveLang(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): Lang {
  const value = flag ?? (env.CDRISK_LANG || undefined);
  if (value === undefined) return 'en';
  if (isLang(value)) return value;
  const names = LANGUAGES.map((l) => `${l} (${new Intl.DisplayNames([l], { type: 'language' }).of(l)})`).join(', ');
  throw new UserError(`${flag !== undefined ? '--lang' : 'CDRISK_LANG'}: unknown language "${value}"; available: ${names}`);
}

let fromSource: Promise<{ rules: RuleSet; origins?: Map<string, RuleOrigin> }> | undefined;
/** The built-in rules read from rules/ (running from source): read and validated once per process, as nothing changes them. */
function sourceRuleSet(): Promise<{ rules: RuleSet; origins?: Map<string, RuleOrigin> }> {
  fromSource ??= import('./rule-files.js').then((m) => m.readSourceRuleSet(join(packageRoot(), 'rules')));
  return fromSource;
}

/**
 * The rule set ready to evaluate. From the bundle, the built-in rules come
 * precompiled; the YAML rule reader (and its schemas) loads only for --rules
 * or when running from source.
 */
export async function loadContext(flags: ContextFlags): Promise<EngineContext> {
  const compiled = compiledRuleSet();
  const builtin = compiled ? { rules: compiled } : await sourceRuleSet();
  let rules = builtin.rules;
  const origins = new Map(builtin.origins ?? []);
  for (const dir of flags.rules ?? []) {
    const [{ mergeLayer }, { readRuleDir }] = await Promise.all([import('../rules/load-dir.js'), import('./rule-files.js')]);
    const layer = readRuleDir(resolve(dir));
    rules = mergeLayer(rules, layer);
    for (const r of layer.rules) origins.set(r.rule.id, r.origin);
    for (const { pack, source } of layer.obligations)
      pack.obligations.forEach((o, i) => origins.set(`obligation:${o.id}`, { source, path: ['obligations', i] }));
  }
  if (flags.lang && flags.lang !== 'en') {
    const { localise } = await import('./localise.js');
    rules = localise(rules, flags.lang, [join(packageRoot(), 'rules'), ...(flags.rules ?? []).map((d) => resolve(d))]);
  }
  return createContext(rules, {
    today: resolveToday(flags.today),
    lang: flags.lang,
    origins,
    // dist/rules.json was cross-checked by the build; a --rules layer changes it, so check again.
    crossChecked: builtin.origins === undefined && !flags.rules?.length,
    limits: { ...DEFAULT_LIMITS, ...(flags.maxFileSize ? { maxBytes: flags.maxFileSize } : {}) },
    countryTables: () => readCountryTables(join(packageRoot(), 'rules')),
  });
}
