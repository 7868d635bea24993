import type { EngineContext } from '../../engine/context.js';
import { partnershipJsonSchema } from './schema.js';

/**
 * The fields of the partnership format, read from its JSON Schema (itself
 * generated from the zod schema): one source for the reference page
 * (docs/format.md) and the template of `cdrisk init`.
 */
export interface Field {
  key: string;
  /** Dotted path, "[]" after a list: activities[].sectors. */
  path: string;
  description: string;
  required: boolean;
  /** `unknown` is a value the field accepts. */
  unknown: boolean;
  kind: 'object' | 'list' | 'enum' | 'text' | 'number' | 'integer' | 'boolean' | 'date' | 'constant';
  /** Values of an enumeration (of the items, for a list). */
  values?: string[];
  /** Old spellings still read (rules/renamed.yaml). */
  oldValues?: string[];
  /** Words a number field also takes (open-ended). */
  words?: string[];
  /** The constant of a `constant` field (cdrisk: 1). */
  constant?: unknown;
  /** Fields of an object, or of each item of a list of objects. */
  fields?: Field[];
  /** Kind of the items of a list. */
  itemKind?: Field['kind'];
}

type Node = Record<string, unknown> & {
  anyOf?: Node[];
  properties?: Record<string, Node>;
  items?: Node;
  required?: string[];
  enum?: unknown[];
};

const DATE_PATTERN = '^\\d{4}-\\d{2}-\\d{2}$';

export function formatFields(ctx: EngineContext): Field[] {
  const root = partnershipJsonSchema(ctx) as Node;
  return objectFields(root, '');
}

function objectFields(node: Node, prefix: string): Field[] {
  const required = new Set(node.required ?? []);
  return Object.entries(node.properties ?? {}).map(([key, child]) =>
    field(key, prefix ? `${prefix}.${key}` : key, child, required.has(key)),
  );
}

function field(key: string, path: string, node: Node, required: boolean): Field {
  const f: Field = { key, path, description: String(node.description ?? ''), required, unknown: false, kind: 'text' };
  // Flatten the unions: `unknown` | T, old spellings | values, open-ended | number.
  const options: Node[] = [];
  const flatten = (n: Node) => (n.anyOf ? n.anyOf.forEach(flatten) : options.push(n));
  flatten(node);
  let main: Node | undefined;
  for (const o of options) {
    if (o.const === 'unknown') f.unknown = true;
    else if (o.deprecated) f.oldValues = (o.enum ?? []).map(String);
    else if (typeof o.const === 'string' && options.length > 1) (f.words ??= []).push(o.const);
    else main = o;
  }
  main ??= options[options.length - 1];
  Object.assign(f, shapeOf(main, path));
  return f;
}

function shapeOf(n: Node, path: string): Pick<Field, 'kind' | 'values' | 'fields' | 'itemKind' | 'constant' | 'oldValues'> {
  if (n.const !== undefined) return { kind: 'constant', constant: n.const };
  if (n.enum) return { kind: 'enum', values: n.enum.map(String) };
  if (n.type === 'object') return { kind: 'object', fields: objectFields(n, path) };
  if (n.type === 'array') {
    const items = n.items ?? {};
    if (items.type === 'object') return { kind: 'list', fields: objectFields(items, `${path}[]`) };
    const inner = field('', path, items, false);
    return { kind: 'list', itemKind: inner.kind, values: inner.values, ...(inner.oldValues ? { oldValues: inner.oldValues } : {}) };
  }
  if (n.type === 'boolean') return { kind: 'boolean' };
  if (n.type === 'integer') return { kind: 'integer' };
  if (n.type === 'number') return { kind: 'number' };
  if (n.type === 'string' && n.pattern === DATE_PATTERN) return { kind: 'date' };
  return { kind: 'text' };
}

/** Every field, depth first. */
export function allFields(fields: Field[]): Field[] {
  return fields.flatMap((f) => [f, ...allFields(f.fields ?? [])]);
}

/** The enumeration of rules/vocabulary.yaml (or the named list) whose values these are. */
export function enumerationName(ctx: EngineContext, values: readonly string[]): string | undefined {
  const same = (a: readonly string[]) => a.length === values.length && a.every((v, i) => v === values[i]);
  for (const [name, entries] of Object.entries(ctx.rules.vocabulary)) if (same(Object.keys(entries))) return name;
  if (same(Object.keys(ctx.rules.currencies.codes))) return 'currency';
  if (same(Object.keys(ctx.rules.mitigations).sort())) return 'mitigation';
  if (same([...new Set(Object.values(ctx.rules.sectors.groups).flatMap((g) => g.sectors))].sort())) return 'sector';
  if (same(ctx.rules.rules.map((r) => r.id).sort())) return 'rule';
  return undefined;
}

/** What a field takes, in words: "yes/no, or unknown", "one of: a, b", "list of sectors". */
export function valueText(ctx: EngineContext, f: Field, link: (name: string) => string = (n) => n): string {
  const kind = (k: Field['kind'] | undefined, values?: string[]): string => {
    switch (k) {
      case 'boolean':
        return 'true or false';
      case 'number':
        return 'number';
      case 'integer':
        return 'whole number';
      case 'date':
        return 'date, YYYY-MM-DD';
      case 'enum': {
        const name = values && enumerationName(ctx, values);
        if (name && values!.length > 6) return `one of ${link(name)}`;
        return `one of ${values!.map((v) => `\`${v}\``).join(', ')}`;
      }
      case 'object':
        return 'mapping';
      default:
        return f.key.endsWith('country') ? 'country: ISO 3166-1 code or English name' : 'text';
    }
  };
  let text: string;
  if (f.kind === 'constant') text = `\`${String(f.constant)}\``;
  else if (f.kind === 'list') text = f.fields ? 'list of mappings' : `list; each ${kind(f.itemKind, f.values)}`;
  else text = kind(f.kind, f.values);
  if (f.words) text += `, or ${f.words.map((w) => `\`${w}\``).join(', ')}`;
  if (f.unknown) text += ', or `unknown`';
  if (f.required) text += '; **required**';
  return text;
}

/** The field reference as markdown: docs/format.md is this text, and a test keeps it current. */
export function formatReference(ctx: EngineContext): string {
  const fields = formatFields(ctx);
  const anchor = (name: string) => `[${name}](#${name})`;
  const out: string[] = [
    '# Partnership file reference',
    '',
    "<!-- Generated from the format's schema by `node bin/cdrisk.js schema --markdown > docs/format.md`; do not edit by hand. -->",
    '',
    'Every field of a partnership file, format 1, with what it takes and what it means. The same descriptions are in',
    '`schema/partnership.schema.json` (editors show them on hover) and in the template `cdrisk init` writes.',
    'Only the fields marked **required** must be given. Any other field may be left out or, where it says so, written',
    '`unknown`: both mean the city does not know yet, and the report lists the question to ask.',
    '',
  ];
  const row = (f: Field) =>
    `| \`${f.path}\` | ${valueText(ctx, f, anchor)} | ${cell(f.description)}${f.oldValues ? ` Old spellings still read, with a warning: ${f.oldValues.map((v) => `\`${v}\``).join(', ')}.` : ''} |`;
  const table = (list: Field[]) => ['| field | takes | meaning |', '|---|---|---|', ...list.map(row), ''];
  out.push('## Top level', '', ...table(fields.filter((f) => !f.fields)));
  for (const section of fields.filter((f) => f.fields)) {
    out.push(
      `## ${section.key}`,
      '',
      `${section.description}${section.required ? ' Required.' : ''}${section.unknown ? ' May be written `unknown` as a whole.' : ''}${section.kind === 'list' ? ' A list: one mapping per entry.' : ''}`,
      '',
    );
    out.push(...table(allFields(section.fields!)));
  }
  out.push(
    '## Enumerations',
    '',
    'The values of the longer lists, with what each means (also printed by `cdrisk rules show vocabulary`).',
    '',
  );
  const used = new Set(allFields(fields).flatMap((f) => (f.values ? [enumerationName(ctx, f.values)] : [])));
  for (const [name, entries] of Object.entries(ctx.rules.vocabulary)) {
    if (!used.has(name) || Object.keys(entries).length <= 6) continue;
    out.push(
      `### ${name}`,
      '',
      '| value | meaning |',
      '|---|---|',
      ...Object.entries(entries).map(([v, label]) => `| \`${v}\` | ${cell(label)} |`),
      '',
    );
  }
  out.push(
    '### sector',
    '',
    ...Object.values(ctx.rules.sectors.groups).map((g) => `- ${g.name}: ${g.sectors.map((x) => `\`${x}\``).join(', ')}`),
    '',
  );
  out.push(
    '### currency',
    '',
    `ISO 4217 codes (${Object.keys(ctx.rules.currencies.codes).length}; \`cdrisk rules show currencies\` lists them with their names and the euro rates of ${ctx.rules.currencies.rates.date}).`,
    '',
  );
  out.push('### mitigation', '', 'The ids of `cdrisk rules show mitigations`.', '', '### rule', '', 'The ids of `cdrisk rules list`.', '');
  return `${out.join('\n')}`;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}
