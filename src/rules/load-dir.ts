import type * as z from 'zod';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { UserError } from '../engine/errors.js';
import { decodeText, parseYaml, type YamlSource } from '../load/yaml-source.js';
import { displayPath } from '../load/schema-shape.js';
import { FIXED_TABLES, TABLE_FILES, rulePackSchema, type RuleSet, type TableFile } from './ruleset.js';
import type { Rule } from './schema.js';

/** Where each rule came from, so that cross-checks can point at its line. */
export interface RuleOrigin {
  source: YamlSource;
  /** Path of the rule inside its file, e.g. ["rules", 3]. */
  path: (string | number)[];
}

export interface RuleLayer {
  dir: string;
  tables: Partial<Record<TableFile, { value: unknown; source: YamlSource }>>;
  rules: { rule: Rule; origin: RuleOrigin }[];
}

/**
 * Reads a rules directory: the table files by name, and every YAML file with
 * a top-level `pack:` key (in the directory or its packs/ folder) as a rule pack.
 * Each file is validated by its strict schema; errors are located.
 */
export function readRuleDir(dir: string, display: (p: string) => string = (p) => relative(process.cwd(), p) || p): RuleLayer {
  let entries: string[];
  try {
    if (!statSync(dir).isDirectory()) throw new UserError(`--rules expects a directory, and ${display(dir)} is a file`);
    entries = readdirSync(dir).sort();
  } catch (err) {
    if (err instanceof UserError) throw err;
    throw new UserError(`cannot read rules directory ${display(dir)}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  const files: string[] = entries.filter((f) => /\.ya?ml$/.test(f)).map((f) => join(dir, f));
  if (entries.includes('packs')) {
    files.push(
      ...readdirSync(join(dir, 'packs'))
        .filter((f) => /\.ya?ml$/.test(f))
        .sort()
        .map((f) => join(dir, 'packs', f)),
    );
  }
  const layer: RuleLayer = { dir, tables: {}, rules: [] };
  for (const file of files) {
    const name = display(file);
    const decoded = decodeText(readFileSync(file));
    if ('problem' in decoded) throw new UserError(decoded.problem.message, { file: name });
    const parsed = parseYaml(name, decoded.text);
    if (!parsed.ok) {
      const p = parsed.problems[0];
      throw new UserError(p.message, { file: name, line: p.line, column: p.column });
    }
    const { source } = parsed;
    const base = file.split(/[\\/]/).pop() as string;
    const isPack = typeof source.value === 'object' && source.value !== null && 'pack' in source.value;
    if (isPack) {
      const pack = validate(rulePackSchema, source) as z.infer<typeof rulePackSchema>;
      pack.rules.forEach((rule, i) => layer.rules.push({ rule, origin: { source, path: ['rules', i] } }));
    } else if (base in TABLE_FILES) {
      layer.tables[base as TableFile] = { value: validate(TABLE_FILES[base as TableFile], source), source };
    } else if (base === 'questionnaire.yaml') {
      // Read by `cdrisk questionnaire` itself.
    } else {
      throw new UserError(
        `not a rule file: a rule pack has a top-level "pack:" key, and tables are named ${Object.keys(TABLE_FILES).join(', ')}`,
        { file: name, line: 1, column: 1 },
      );
    }
  }
  return layer;
}

function validate(schema: z.ZodType, source: YamlSource): unknown {
  const result = schema.safeParse(source.value);
  if (result.success) return result.data;
  const issue = result.error.issues[0] as { path: PropertyKey[]; message: string; code: string; keys?: string[] };
  const path = issue.code === 'unrecognized_keys' && issue.keys ? [...issue.path, issue.keys[0]] : issue.path;
  const at = source.locate(path as (string | number)[], issue.code === 'unrecognized_keys' ? 'key' : 'value');
  const message = issue.code === 'unrecognized_keys' ? `unknown key "${issue.keys?.[0]}"` : issue.message;
  throw new UserError(`${displayPath(path) || 'file'}: ${message}`, { file: source.file, ...at });
}

/** Lays a user's layer over a rule set: keyed entries merge, rules with the same id are replaced. */
export function mergeLayer(base: RuleSet, layer: RuleLayer): RuleSet {
  const out: RuleSet = { ...base };
  const t = layer.tables;
  for (const fixed of FIXED_TABLES) {
    const table = t[fixed];
    if (table) {
      throw new UserError(`${fixed} is the fixed vocabulary of the file format and cannot be replaced by a rule pack`, { file: table.source.file, line: 1, column: 1 });
    }
  }
  if (t['bands.yaml']) out.bands = t['bands.yaml'].value as RuleSet['bands'];
  if (t['foresight.yaml']) out.foresight = t['foresight.yaml'].value as RuleSet['foresight'];
  if (t['sectors.yaml']) {
    const s = t['sectors.yaml'].value as RuleSet['sectors'];
    out.sectors = { groups: { ...base.sectors.groups, ...s.groups } };
  }
  if (t['mitigations.yaml']) out.mitigations = { ...base.mitigations, ...(t['mitigations.yaml'].value as { mitigations: RuleSet['mitigations'] }).mitigations };
  if (t['sources.yaml']) out.sources = { ...base.sources, ...(t['sources.yaml'].value as { sources: RuleSet['sources'] }).sources };
  if (t['gaps.yaml']) out.gaps = { ...base.gaps, ...(t['gaps.yaml'].value as { gaps: RuleSet['gaps'] }).gaps };
  if (t['countries.yaml']) {
    const c = t['countries.yaml'].value as RuleSet['countries'];
    const byCode = new Map(base.countries.countries.map((x) => [x.code, x]));
    for (const country of c.countries) byCode.set(country.code, country);
    out.countries = { ...c, countries: [...byCode.values()].sort((a, b) => a.code.localeCompare(b.code)) };
  }
  if (t['tensions.yaml']) {
    const x = t['tensions.yaml'].value as RuleSet['tensions'];
    const byId = new Map(base.tensions.tensions.map((e) => [e.id, e]));
    for (const e of x.tensions) byId.set(e.id, e);
    out.tensions = { groups: { ...base.tensions.groups, ...x.groups }, tensions: [...byId.values()] };
  }
  if (layer.rules.length) {
    const byId = new Map(base.rules.map((r) => [r.id, r]));
    for (const { rule } of layer.rules) byId.set(rule.id, rule);
    out.rules = [...byId.values()];
  }
  return out;
}

/** Builds a complete rule set from a directory that has every table (the built-in rules/). */
export function ruleSetFromLayer(layer: RuleLayer): RuleSet {
  const t = layer.tables;
  const missing = Object.keys(TABLE_FILES).filter((f) => !t[f as TableFile]);
  if (missing.length) throw new UserError(`rules directory ${layer.dir} lacks ${missing.join(', ')}`);
  const v = <K extends TableFile>(k: K) => t[k]!.value;
  return {
    vocabulary: v('vocabulary.yaml') as RuleSet['vocabulary'],
    matrix: v('matrix.yaml') as RuleSet['matrix'],
    bands: v('bands.yaml') as RuleSet['bands'],
    sectors: v('sectors.yaml') as RuleSet['sectors'],
    countries: v('countries.yaml') as RuleSet['countries'],
    tensions: v('tensions.yaml') as RuleSet['tensions'],
    mitigations: (v('mitigations.yaml') as { mitigations: RuleSet['mitigations'] }).mitigations,
    sources: (v('sources.yaml') as { sources: RuleSet['sources'] }).sources,
    gaps: (v('gaps.yaml') as { gaps: RuleSet['gaps'] }).gaps,
    foresight: v('foresight.yaml') as RuleSet['foresight'],
    rules: layer.rules.map((r) => r.rule),
  };
}
