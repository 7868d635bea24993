import type * as z from 'zod';
import { UserError } from '../shared/errors.js';
import { decodeText, DEFAULT_LIMITS, parseYaml, type YamlSource } from '../load/yaml-source.js';

/** Rule files are read up to this size (the built-in countries table is under 100 KiB). */
export const MAX_RULE_FILE_BYTES = 16 * 1024 * 1024;
import { displayPath } from '../load/schema-shape.js';
import { didYouMean } from '../load/did-you-mean.js';
import { FIXED_TABLES, TABLE_FILES, rulePackSchema, type RuleSet, type TableFile } from './ruleset.js';
import type { Rule } from './schema.js';
import { obligationPackSchema, type ObligationPack } from './obligations-schema.js';

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
  /** Obligation packs from the obligations/ folder. */
  obligations: { pack: ObligationPack; source: YamlSource }[];
}

/** One file of a rules directory, as the CLI read it. */
export interface RuleFile {
  /** The name errors give it (relative to the working directory). */
  name: string;
  /** Its bytes. */
  bytes: Uint8Array;
}

/** Table files by name, rule packs by a top-level `pack:` key; anything else in a rules directory is an error. */
export function isRuleFileName(file: string): boolean {
  return /\.ya?ml$/.test(file);
}

/**
 * Makes a layer of the files of a rules directory (read by the CLI): the
 * table files by name, every YAML file with a top-level `pack:` key as a rule
 * pack, and the files of its obligations/ folder as obligation packs. Each
 * file is validated by its strict schema; errors are located.
 */
export function parseRuleLayer(dir: string, files: readonly RuleFile[], obligationFiles: readonly RuleFile[] = []): RuleLayer {
  const layer: RuleLayer = { dir, tables: {}, rules: [], obligations: [] };
  for (const file of obligationFiles) {
    const source = parseRuleFile(file);
    const pack = validate(obligationPackSchema, source) as ObligationPack;
    const base = (file.name.split(/[\\/]/).pop() as string).replace(/\.ya?ml$/, '');
    if (base !== pack.obligations_for.toLowerCase()) {
      throw new UserError(`an obligation pack is named after its jurisdiction: obligations_for ${pack.obligations_for} belongs in ${pack.obligations_for.toLowerCase()}.yaml`, { file: source.file, ...source.locate(['obligations_for']) });
    }
    layer.obligations.push({ pack, source });
  }
  for (const file of files) {
    const source = parseRuleFile(file);
    const base = file.name.split(/[\\/]/).pop() as string;
    const isPack = typeof source.value === 'object' && source.value !== null && 'pack' in source.value;
    if (isPack) {
      const pack = validate(rulePackSchema, source) as z.infer<typeof rulePackSchema>;
      pack.rules.forEach((rule, i) => layer.rules.push({ rule, origin: { source, path: ['rules', i] } }));
    } else if (base in TABLE_FILES) {
      layer.tables[base as TableFile] = { value: validate(TABLE_FILES[base as TableFile], source), source };
    } else if (base === 'questionnaire.yaml' || base === 'clauses.yaml' || base === 'country-aliases.yaml' || base === 'register-columns.yaml') {
      // Read by `cdrisk questionnaire`, `cdrisk scan`, the country resolver and the register reader themselves.
    } else {
      throw new UserError(
        `not a rule file: a rule pack has a top-level "pack:" key, tables are named ${Object.keys(TABLE_FILES).join(', ')}, and obligation packs go in an obligations/ folder`,
        { file: source.file, line: 1, column: 1 },
      );
    }
  }
  return layer;
}

/** Decodes and parses one rule file; a problem is a located UserError. */
export function parseRuleFile({ name, bytes }: RuleFile): YamlSource {
  const decoded = decodeText(bytes, { ...DEFAULT_LIMITS, maxBytes: MAX_RULE_FILE_BYTES });
  if ('problem' in decoded) throw new UserError(decoded.problem.message, { file: name, line: decoded.problem.line, column: decoded.problem.column });
  const parsed = parseYaml(name, decoded.text);
  if (!parsed.ok) {
    const p = parsed.problems[0];
    throw new UserError(p.message, { file: name, line: p.line, column: p.column });
  }
  return parsed.source;
}

type Issue = { path: PropertyKey[]; message: string; code: string; keys?: string[]; maximum?: unknown; minimum?: unknown; values?: unknown[]; expected?: string };

/**
 * Validates a rule file and throws its first problem, located. A typo in a
 * key is reported before the "missing" error it causes, with a suggestion.
 */
export function validate(schema: z.ZodType, source: YamlSource): unknown {
  const result = schema.safeParse(source.value);
  if (result.success) return result.data;
  const issues = result.error.issues as Issue[];
  const unknownKey = issues.find((i) => i.code === 'unrecognized_keys' && i.keys?.length);
  if (unknownKey) {
    const key = unknownKey.keys![0];
    const parent = displayPath(unknownKey.path as (string | number)[]);
    const missing = issues
      .filter((i) => i.code === 'invalid_type' && i.path.length === unknownKey.path.length + 1 && displayPath(i.path.slice(0, -1) as (string | number)[]) === parent)
      .map((i) => String(i.path[i.path.length - 1]));
    const guess = didYouMean(key, missing);
    const path = [...unknownKey.path, key] as (string | number)[];
    const at = source.locate(path, 'key');
    throw new UserError(`${displayPath(path)}: unknown key "${key}"${guess ? `: did you mean "${guess}"?` : ''}`, { file: source.file, ...at });
  }
  const issue = issues[0];
  const at = source.locate(issue.path as (string | number)[], 'value');
  throw new UserError(`${displayPath(issue.path as (string | number)[]) || 'file'}: ${describeIssue(issue, source.value)}`, { file: source.file, ...at });
}

function describeIssue(issue: Issue, root: unknown): string {
  let actual: unknown = root;
  for (const seg of issue.path) {
    actual = actual !== null && typeof actual === 'object' && Object.prototype.hasOwnProperty.call(actual, seg) ? (actual as Record<PropertyKey, unknown>)[seg] : undefined;
  }
  switch (issue.code) {
    case 'invalid_type':
      return actual === undefined ? 'is required' : `expected ${issue.expected}, got ${JSON.stringify(actual)}`;
    case 'too_big':
      return `${JSON.stringify(actual)} is out of range: must be at most ${String(issue.maximum)}`;
    case 'too_small':
      return typeof actual === 'number' ? `${JSON.stringify(actual)} is out of range: must be at least ${String(issue.minimum)}` : issue.message;
    case 'invalid_key': {
      // A record's key failed its own check (ids are kebab-case): say which key, not the whole entry.
      const inner = (issue as Issue & { issues?: { message: string }[] }).issues?.[0]?.message;
      return `key "${String(issue.path[issue.path.length - 1])}" is not allowed${inner ? `: ${inner}` : ''}; rename it`;
    }
    case 'invalid_value':
      return `${JSON.stringify(actual)} is not allowed (allowed: ${(issue.values ?? []).map(String).join(', ')})`;
    default:
      // A check over a whole list or mapping says what is wrong with it; a value is quoted before the message.
      return actual === undefined || (typeof actual === 'object' && actual !== null) ? issue.message : `${JSON.stringify(actual)}: ${issue.message}`;
  }
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
  if (t['currencies.yaml']) {
    // Codes merge by key; a rate table is one day's rates and is replaced whole.
    const c = t['currencies.yaml'].value as RuleSet['currencies'];
    out.currencies = { ...c, codes: { ...base.currencies.codes, ...c.codes } };
  }
  if (t['tensions.yaml']) {
    const x = t['tensions.yaml'].value as RuleSet['tensions'];
    const byId = new Map(base.tensions.tensions.map((e) => [e.id, e]));
    for (const e of x.tensions) byId.set(e.id, e);
    out.tensions = {
      declared_severity: x.declared_severity ?? base.tensions.declared_severity,
      groups: { ...base.tensions.groups, ...x.groups },
      tensions: [...byId.values()],
    };
  }
  if (layer.rules.length) {
    const byId = new Map(base.rules.map((r) => [r.id, r]));
    for (const { rule } of layer.rules) byId.set(rule.id, rule);
    out.rules = [...byId.values()];
  }
  if (layer.obligations.length) out.obligations = mergeObligations(base.obligations, layer.obligations.map((o) => o.pack));
  checkTableValues(out, layer);
  return out;
}

/**
 * Lays a user's obligation packs over the built-in ones: a pack for a new
 * jurisdiction is added; for a known one, its groups merge by key and its
 * obligations by id (same id replaces), and its other fields replace.
 */
function mergeObligations(base: ObligationPack[], packs: ObligationPack[]): ObligationPack[] {
  const byCode = new Map(base.map((p) => [p.obligations_for, p]));
  for (const pack of packs) {
    const old = byCode.get(pack.obligations_for);
    if (!old) {
      byCode.set(pack.obligations_for, pack);
      continue;
    }
    const byId = new Map(old.obligations.map((o) => [o.id, o]));
    for (const o of pack.obligations) byId.set(o.id, o);
    byCode.set(pack.obligations_for, { ...old, ...pack, groups: { ...old.groups, ...pack.groups }, obligations: [...byId.values()] });
  }
  return [...byCode.values()].sort((a, b) => a.obligations_for.localeCompare(b.obligations_for));
}

/**
 * Values in a layer's tables that name entries of other tables or of the
 * vocabulary: each tension's type and severity, each country's regime class,
 * the state direction of each class, the statuses the recommendation policy
 * and the management view name. Checked where the YAML is at hand, so the
 * error points at the line.
 */
function checkTableValues(rules: RuleSet, layer: RuleLayer): void {
  const known = (name: string) => Object.keys(rules.vocabulary[name] ?? {});
  const fail = (file: TableFile, path: (string | number)[], value: unknown, what: string, allowed: string[]): never => {
    const table = layer.tables[file]!;
    const at = table.source.locate(path);
    throw new UserError(`${displayPath(path)}: unknown ${what} "${String(value)}" (known: ${allowed.join(', ')})`, { file: table.source.file, ...at });
  };
  const check = (file: TableFile, list: string, field: string, allowed: string[], what: string) => {
    const table = layer.tables[file];
    if (!table) return;
    const entries = (table.value as Record<string, Record<string, string>[]>)[list];
    entries.forEach((entry, i) => {
      if (!allowed.includes(entry[field])) fail(file, [list, i, field], entry[field], what, allowed);
    });
  };
  check('tensions.yaml', 'tensions', 'type', known('tension_type'), 'tension type');
  check('tensions.yaml', 'tensions', 'severity', known('tension_severity'), 'tension severity');
  const declared = (layer.tables['tensions.yaml']?.value as RuleSet['tensions'] | undefined)?.declared_severity;
  if (declared !== undefined && !known('tension_severity').includes(declared))
    fail('tensions.yaml', ['declared_severity'], declared, 'tension severity', known('tension_severity'));
  check('countries.yaml', 'countries', 'regime', Object.keys(rules.countries.state_direction_by_regime), 'regime class');
  const currencies = layer.tables['currencies.yaml'];
  if (currencies) {
    const c = currencies.value as RuleSet['currencies'];
    for (const code of Object.keys(c.rates.per_euro)) {
      if (code in rules.currencies.codes) continue;
      const at = currencies.source.locate(['rates', 'per_euro', code], 'key');
      throw new UserError(`rates.per_euro.${code}: "${code}" is not a currency code of the table (ISO 4217)`, { file: currencies.source.file, ...at });
    }
  }
  if (layer.tables['countries.yaml']) {
    for (const [regime, direction] of Object.entries(rules.countries.state_direction_by_regime)) {
      if (!known('state_direction').includes(direction)) fail('countries.yaml', ['state_direction_by_regime', regime], direction, 'state direction', known('state_direction'));
    }
  }
  if (layer.tables['foresight.yaml']) {
    const f = rules.foresight;
    const statuses = known('status');
    f.recommendation.forEach((entry, i) =>
      entry.when.status?.forEach((s, k) => {
        if (!statuses.includes(s)) fail('foresight.yaml', ['recommendation', i, 'when', 'status', k], s, 'status', statuses);
      }),
    );
    f.management.statuses.forEach((s, k) => {
      if (!statuses.includes(s)) fail('foresight.yaml', ['management', 'statuses', k], s, 'status', statuses);
    });
  }
}

/** Builds a complete rule set from a directory that has every table (the built-in rules/). */
export function ruleSetFromLayer(layer: RuleLayer, labels: RuleSet['labels']): RuleSet {
  const t = layer.tables;
  const missing = Object.keys(TABLE_FILES).filter((f) => !t[f as TableFile]);
  if (missing.length) throw new UserError(`rules directory ${layer.dir} lacks ${missing.join(', ')}`);
  const v = <K extends TableFile>(k: K) => t[k]!.value;
  const rules: RuleSet = {
    vocabulary: v('vocabulary.yaml') as RuleSet['vocabulary'],
    renamed: (v('renamed.yaml') as { renamed: RuleSet['renamed'] }).renamed,
    matrix: v('matrix.yaml') as RuleSet['matrix'],
    bands: v('bands.yaml') as RuleSet['bands'],
    sectors: v('sectors.yaml') as RuleSet['sectors'],
    countries: v('countries.yaml') as RuleSet['countries'],
    currencies: v('currencies.yaml') as RuleSet['currencies'],
    tensions: v('tensions.yaml') as RuleSet['tensions'],
    mitigations: (v('mitigations.yaml') as { mitigations: RuleSet['mitigations'] }).mitigations,
    sources: (v('sources.yaml') as { sources: RuleSet['sources'] }).sources,
    gaps: (v('gaps.yaml') as { gaps: RuleSet['gaps'] }).gaps,
    foresight: v('foresight.yaml') as RuleSet['foresight'],
    rules: layer.rules.map((r) => r.rule),
    obligations: layer.obligations.map((o) => o.pack),
    labels,
  };
  if (rules.tensions.declared_severity === undefined)
    throw new UserError(`rules directory ${layer.dir}: tensions.yaml lacks declared_severity (the severity a tension declared in a file counts as)`, {
      file: t['tensions.yaml']!.source.file,
    });
  checkTableValues(rules, layer);
  return rules;
}
