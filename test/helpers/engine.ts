import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { stringify, parse } from 'yaml';
import { readSourceRuleSet } from '../../src/cli/rule-files.js';
import { createContext, type EngineContext } from '../../src/engine/context.js';
import { assessPartnership } from '../../src/engine/assess.js';
import type { FileResult } from '../../src/report/types.js';
import type { Partnership } from '../../src/load/partnership-schema.js';
import { deepMerge, type Json } from './merge.js';

export const TODAY = '2026-11-22';
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const RULES_DIR = `${ROOT}rules`;

let cached: EngineContext | undefined;
/** The built-in rules read from source, validated once per test file. */
export function engine(): EngineContext {
  cached ??= createContext(readSourceRuleSet(RULES_DIR).rules, { today: TODAY });
  return cached;
}

/** A small valid partnership that fires no rule: two liberal democracies, everything checked and stated. */
export const BASE = parse(readFileSync(`${ROOT}test/rule-cases/_base.yaml`, 'utf8')) as Json;

export function partnershipFrom(patch: Json | undefined): Json {
  return deepMerge(BASE, patch);
}

/** Loads a document through the real loader (so line numbers and normalisation apply) and assesses it. */
export function assessDoc(doc: Json, file = 'case.yaml', ctx = engine()): FileResult {
  return assessYaml(stringify(doc), file, ctx);
}

export function assessYaml(text: string, file = 'case.yaml', ctx = engine()): FileResult {
  const loaded = ctx.loader.load(file, Buffer.from(text));
  if (!loaded.ok) throw new Error(`${file} is not valid: ${loaded.errors.map((e) => `${e.line}:${e.column} ${e.message}`).join('; ')}`);
  return assessPartnership(file, loaded.partnership, loaded.source, ctx);
}

/** Parses a document with the zod schema only (no YAML positions). */
export function parsePartnership(doc: Json, ctx = engine()): Partnership {
  return ctx.schema.parse(doc);
}
