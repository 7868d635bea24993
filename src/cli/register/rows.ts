import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod';
import YAML from 'yaml';
import { packageRoot } from '../package-root.js';
import { UserError } from '../../shared/errors.js';
import type { EngineContext } from '../../engine/context.js';
import { didYouMean } from '../../load/did-you-mean.js';
import { isRealDate } from '../../load/partnership-schema.js';
import type { FieldShape } from '../../load/schema-shape.js';
import type { Cell, RegisterRow } from './read.js';

/**
 * Turns the rows of a register into partnership documents: which column
 * fills which field (rules/register-columns.yaml, then --map), what each
 * cell means for its field (countries through the one resolver, dates as
 * spreadsheets hold them, the vocabulary's values and their usual words),
 * and a stable id per row.
 */

const columnsSchema = z.strictObject({
  source: z.string(),
  reviewed: z.string(),
  headers: z.record(z.string(), z.array(z.string())),
  country_words: z.array(z.string()),
  values: z.record(z.string(), z.record(z.string(), z.array(z.string()))),
  booleans: z.strictObject({ true: z.array(z.string()), false: z.array(z.string()), unknown: z.array(z.string()) }),
});
export type ColumnTable = z.infer<typeof columnsSchema>;

let builtinColumns: ColumnTable | undefined;
export function builtinColumnTable(): ColumnTable {
  return (builtinColumns ??= columnsSchema.parse(YAML.parse(readFileSync(join(packageRoot(), 'rules', 'register-columns.yaml'), 'utf8'))));
}

/** Headers and values compare without case, accents, spaces, dots, dashes or underscores. */
export function headerKey(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/[\s._\-–/()]+/g, '');
}

export type DateOrder = 'DMY' | 'MDY' | 'YMD';

export interface RowProblem {
  row: number;
  column?: string;
  value?: string;
  reason: string;
  suggestion?: string;
}

export interface Mapping {
  /** field path -> column index */
  columns: Map<string, number>;
  /** field path -> value for every row (--set) */
  constants: Map<string, string>;
  /** columns no field reads */
  unused: string[];
}

const COUNTRY_FIELDS = new Set(['city.country', 'partner.country', 'investment.investor_country']);
const isDateField = (path: string) => /(date|^review\.(last|next)|expires)$/.test(path);
const REQUIRED = ['city.name', 'city.country', 'partner.name', 'partner.country'];

/** The fields a register may fill: every field of the format outside lists of mappings. */
export function mappableFields(ctx: EngineContext): Map<string, FieldShape> {
  const out = new Map<string, FieldShape>();
  for (const [path, shape] of ctx.loader.shapes) {
    if (!path || path.includes('[]') || shape.kind === 'object' || path === 'cdrisk') continue;
    if (shape.kind === 'array' && shape.itemKind === 'object') continue;
    out.set(path, shape);
  }
  return out;
}

function parseAssignments(list: readonly string[], what: '--map' | '--set', fields: Map<string, FieldShape>): Map<string, string> {
  const out = new Map<string, string>();
  for (const item of list) {
    const eq = item.indexOf('=');
    if (eq <= 0)
      throw new UserError(
        `${what} ${JSON.stringify(item)}: write FIELD=${what === '--map' ? 'COLUMN' : 'VALUE'}, e.g. ${what === '--map' ? 'partner.country="Partner country"' : 'city.country=DE'}`,
      );
    const field = item.slice(0, eq).trim();
    if (!fields.has(field)) {
      const guess = didYouMean(field, [...fields.keys()]);
      throw new UserError(
        `${what} ${JSON.stringify(field)}: not a field of the partnership format${guess ? `. Did you mean "${guess}"?` : ''} (fields: ${[...fields.keys()].join(', ')})`,
      );
    }
    out.set(field, item.slice(eq + 1).trim());
  }
  return out;
}

/** Decides which column fills which field. Errors here are usage errors: no row is read. */
export function mapColumns(
  header: readonly string[],
  maps: readonly string[],
  sets: readonly string[],
  ctx: EngineContext,
  file: string,
  table = builtinColumnTable(),
): Mapping {
  const fields = mappableFields(ctx);
  const byKey = new Map<string, number>();
  header.forEach((h, i) => {
    const k = headerKey(h);
    if (k && !byKey.has(k)) byKey.set(k, i);
  });
  const columns = new Map<string, number>();
  const constants = parseAssignments(sets, '--set', fields);
  for (const [field, column] of parseAssignments(maps, '--map', fields)) {
    const i = byKey.get(headerKey(column)) ?? (/^\d+$/.test(column) ? Number(column) - 1 : -1);
    if (i < 0 || i >= header.length) {
      const guess = didYouMean(column, header.filter(Boolean));
      throw new UserError(
        `--map ${field}=${JSON.stringify(column)}: the register has no such column${guess ? `. Did you mean "${guess}"?` : ''} (columns: ${header.map((h) => JSON.stringify(h)).join(', ')})`,
        { file },
      );
    }
    columns.set(field, i);
  }
  const taken = new Set(columns.values());
  for (const [field, names] of Object.entries(table.headers)) {
    if (columns.has(field) || constants.has(field) || !fields.has(field)) continue;
    for (const n of names) {
      const i = byKey.get(headerKey(n));
      if (i !== undefined && !taken.has(i)) {
        columns.set(field, i);
        taken.add(i);
        break;
      }
    }
  }
  // A header such as "country" / "Land" alone.
  const plain = table.country_words.map((w) => byKey.get(headerKey(w))).find((i) => i !== undefined && !taken.has(i));
  if (plain !== undefined) {
    const target = columns.has('partner.country') || constants.has('partner.country') ? 'city.country' : 'partner.country';
    if (!columns.has(target) && !constants.has(target)) {
      columns.set(target, plain);
      taken.add(plain);
    }
  }
  const missing = REQUIRED.filter((f) => !columns.has(f) && !constants.has(f));
  if (missing.length) {
    const hint = missing
      .map((f) => (f.startsWith('city.') ? `--set ${f}=${f === 'city.country' ? 'DE' : 'Nürnberg'}` : `--map ${f}=COLUMN`))
      .join(' ');
    throw new UserError(
      `no column for ${missing.join(', ')}: name the columns with --map FIELD=COLUMN, or give one value for every row with --set FIELD=VALUE (for example ${hint}). Columns found: ${header.map((h) => JSON.stringify(h)).join(', ')}`,
      { file },
    );
  }
  const unused = header.filter((h, i) => h && !taken.has(i));
  return { columns, constants, unused };
}

export interface RowDocument {
  row: number;
  id: string;
  doc: Record<string, unknown>;
  /** Field paths set from the register (for --update). */
  fields: string[];
  /** Notes for the file's header comment (regions without an ISO code, dates given as a year, the territory rule). */
  notes: string[];
  /** Where each field came from, to name the column of a validation error. */
  origin: Map<string, { column?: string; value: string }>;
  /** With `dedupeIds: false`, the generated id before any suffix (absent when an id column gave it). */
  idBase?: string;
}

export interface Converter {
  convert(r: RegisterRow): { ok: true; value: RowDocument } | { ok: false; problems: RowProblem[] };
}

/** Slug for ids: ASCII letters and digits, words joined by "-". */
export function slug(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/ß/g, 'ss')
    .replace(/[æ]/gi, 'ae')
    .replace(/[ø]/gi, 'o')
    .replace(/[łŁ]/g, 'l')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
}

/** A short stable hash of a name in a script with no Latin letters (日本 cities, Cyrillic...). */
function shortHash(s: string): string {
  let h = 0x811c9dc5;
  for (const ch of s) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36).padStart(7, '0').slice(0, 7);
}

const cellText = (c: Cell): string => (c === null ? '' : c instanceof Date ? c.toISOString().slice(0, 10) : String(c)).trim();

/** Excel's day 1 is 1900-01-01, and it counts the 29 February 1900 that never was. */
export function excelSerialToIso(n: number): string | undefined {
  if (!Number.isFinite(n) || n < 1 || n > 2958465) return undefined;
  const days = Math.floor(n) - (n >= 61 ? 2 : 1);
  const d = new Date(Date.UTC(1900, 0, 1) + days * 86400000);
  return d.toISOString().slice(0, 10);
}

/** A date as spreadsheets hold it, as YYYY-MM-DD, or why it is not one. */
export function toIsoDate(c: Cell, order?: DateOrder): { date: string; note?: string } | { problem: string; suggestion?: string } {
  if (c instanceof Date) return { date: c.toISOString().slice(0, 10) };
  if (typeof c === 'number') {
    if (Number.isInteger(c) && c >= 1000 && c <= 2999 && c < 10000)
      return { date: `${c}-01-01`, note: `the date was given as the year ${c}: written as ${c}-01-01` };
    const iso = excelSerialToIso(c);
    return iso ? { date: iso } : { problem: `${c} is not a date` };
  }
  const s = cellText(c);
  let m = /^(\d{4})$/.exec(s);
  if (m) return { date: `${m[1]}-01-01`, note: `the date was given as the year ${m[1]}: written as ${m[1]}-01-01` };
  if (/^\d{5}(\.\d+)?$/.test(s)) {
    const iso = excelSerialToIso(Number(s));
    if (iso) return { date: iso, note: `Excel date serial ${s} read as ${iso}` };
  }
  let y: number, mo: number, d: number;
  if ((m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/.exec(s))) [y, mo, d] = [+m[1], +m[2], +m[3]];
  else if ((m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(s))) [d, mo, y] = [+m[1], +m[2], +m[3]];
  else if ((m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s))) {
    const [a, b] = [+m[1], +m[2]];
    const ord = order ?? (a > 12 && b <= 12 ? 'DMY' : b > 12 && a <= 12 ? 'MDY' : undefined);
    if (!ord || ord === 'YMD')
      return {
        problem: `"${s}" could be day/month or month/day`,
        suggestion: 'give --date-format DMY or --date-format MDY, or write the date as YYYY-MM-DD',
      };
    [d, mo] = ord === 'DMY' ? [a, b] : [b, a];
    y = +m[3];
  } else if ((m = /^(\d{1,2})\/(\d{4})$/.exec(s)) || (m = /^(\d{1,2})\.(\d{4})$/.exec(s))) {
    [y, mo, d] = [+m[2], +m[1], 1];
  } else return { problem: `"${s}" is not a date`, suggestion: 'write it as YYYY-MM-DD, DD.MM.YYYY, a year, or an Excel date' };
  const iso = `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  if (!isRealDate(iso)) return { problem: `"${s}" is not a real calendar date` };
  return { date: iso };
}

function setPath(doc: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let node = doc;
  for (const p of parts.slice(0, -1)) {
    if (typeof node[p] !== 'object' || node[p] === null) node[p] = {};
    node = node[p] as Record<string, unknown>;
  }
  node[parts[parts.length - 1]] = value;
}

export interface ConverterOptions {
  dateOrder?: DateOrder;
  registerName: string;
  /**
   * false: each row gets the id its own cells give (`RowDocument.idBase`),
   * without the suffix an earlier row with the same id would add; whoever
   * takes the rows in register order adds it with an IdCounter. That lets
   * rows be converted on several threads with the ids a single pass gives.
   */
  dedupeIds?: boolean;
}

/** The second row whose generated id is X gets X-2, the third X-3, in register order. */
export class IdCounter {
  private readonly seen = new Map<string, number>();
  next(base: string): string {
    const n = (this.seen.get(base) ?? 0) + 1;
    this.seen.set(base, n);
    return n === 1 ? base : `${base}-${n}`;
  }
}

export function createConverter(
  header: readonly string[],
  mapping: Mapping,
  ctx: EngineContext,
  opts: ConverterOptions,
  table = builtinColumnTable(),
): Converter {
  const fields = mappableFields(ctx);
  const valueWords = new Map<string, Map<string, string>>();
  for (const [field, values] of Object.entries(table.values)) {
    const m = new Map<string, string>();
    for (const [value, words] of Object.entries(values)) for (const w of [value, ...words]) m.set(headerKey(w), value);
    valueWords.set(field, m);
  }
  const bools = new Map<string, boolean | 'unknown'>();
  for (const w of table.booleans.true) bools.set(headerKey(w), true);
  for (const w of table.booleans.false) bools.set(headerKey(w), false);
  for (const w of table.booleans.unknown) bools.set(headerKey(w), 'unknown');
  const instrumentLabels = ctx.rules.vocabulary.instrument ?? {};
  const ids = opts.dedupeIds === false ? undefined : new IdCounter();

  /** One cell for one field: the value to write, nothing (empty = unknown), or a problem. */
  const convertCell = (
    field: string,
    cell: Cell,
    column: string | undefined,
    row: number,
    doc: Record<string, unknown>,
    notes: string[],
  ): RowProblem | undefined => {
    const shape = fields.get(field)!;
    const text = cellText(cell);
    const at = { row, column, value: text };
    if (text === '') return undefined;
    if (typeof cell === 'string' && /^[=]/.test(text))
      return {
        ...at,
        reason: 'the cell holds a formula, not a value',
        suggestion: 'paste the values (Paste Special > Values) or save the computed values before exporting',
      };
    if (COUNTRY_FIELDS.has(field)) {
      if (text.toLowerCase() === 'unknown') {
        setPath(doc, field, 'unknown');
        return undefined;
      }
      const r = ctx.countries.resolve(text);
      if (!r.ok) {
        const reason = ctx.countries.explain(text, r).replace(/^".*?" /, '');
        return {
          ...at,
          reason,
          suggestion:
            r.reason === 'ambiguous'
              ? r.choices!.map((c) => c.code).join(' or ')
              : r.suggestion
                ? `${r.suggestion.name} (${r.suggestion.code})`
                : undefined,
        };
      }
      setPath(doc, field, r.code);
      const side = field.split('.')[0];
      if (r.region && fields.has(`${side}.region`)) setPath(doc, `${side}.region`, r.region);
      else if (r.regionName && !r.note)
        notes.push(`${field}: region "${r.regionName}" as the register gives it (no ISO 3166-2 code known)`);
      if (r.note) notes.push(`${field}: ${r.note}`);
      return undefined;
    }
    if (isDateField(field)) {
      const d = toIsoDate(cell, opts.dateOrder);
      if ('problem' in d) return { ...at, reason: d.problem, suggestion: d.suggestion };
      setPath(doc, field, d.date);
      if (d.note) notes.push(`${field}: ${d.note}`);
      return undefined;
    }
    switch (shape.kind) {
      case 'boolean': {
        const b = typeof cell === 'boolean' ? cell : bools.get(headerKey(text));
        if (b === undefined)
          return { ...at, reason: 'expected yes or no', suggestion: 'yes, no, ja, nein, true, false, or leave it empty when not known' };
        setPath(doc, field, b);
        return undefined;
      }
      case 'number': {
        const n = typeof cell === 'number' ? cell : Number(text.replace(/\s/g, '').replace(/^(\d+),(\d+)$/, '$1.$2'));
        if (!Number.isFinite(n)) return { ...at, reason: 'expected a number' };
        setPath(doc, field, n);
        return undefined;
      }
      case 'enum': {
        const words = valueWords.get(field);
        const key = headerKey(text);
        const value = words?.get(key) ?? shape.values!.find((v) => headerKey(v) === key) ?? (key === 'unknown' ? 'unknown' : undefined);
        if (!value) {
          const guess = didYouMean(text, shape.values!);
          return {
            ...at,
            reason: `not a value of ${field}`,
            suggestion: guess ? `${guess} (allowed: ${shape.values!.join(', ')})` : `one of ${shape.values!.join(', ')}`,
          };
        }
        setPath(doc, field, value);
        return undefined;
      }
      case 'array': {
        const items = text.split(/\s*[;,]\s*/).filter(Boolean);
        if (shape.itemValues) {
          const bad = items.filter((i) => !shape.itemValues!.includes(i));
          if (bad.length)
            return {
              ...at,
              reason: `${bad.map((b) => JSON.stringify(b)).join(', ')} not allowed in ${field}`,
              suggestion: `any of ${shape.itemValues.join(', ')}`,
            };
        }
        setPath(doc, field, items);
        return undefined;
      }
      default:
        // A line break inside a cell ("Nürnberg\n(Bayern)") becomes a space.
        setPath(doc, field, text.replace(/\s+/g, ' '));
        return undefined;
    }
  };

  return {
    convert(r) {
      const problems: RowProblem[] = [];
      if (r.cells.length > header.length && r.cells.slice(header.length).some((c) => cellText(c) !== '')) {
        return {
          ok: false,
          problems: [
            {
              row: r.row,
              reason: `the row has ${r.cells.length} cells, the header ${header.length}`,
              suggestion: 'a separator or a quote inside a cell is out of place: quote the cell, or fix the row',
            },
          ],
        };
      }
      if (r.cells.length < header.length && r.cells.length > 1) {
        return {
          ok: false,
          problems: [
            {
              row: r.row,
              reason: `the row has ${r.cells.length} cells, the header ${header.length}`,
              suggestion: 'cells are missing: a quote may have run into the next line, or the row was cut',
            },
          ],
        };
      }
      const doc: Record<string, unknown> = { cdrisk: 1 };
      const notes: string[] = [];
      const origin = new Map<string, { column?: string; value: string }>();
      const setFields: string[] = [];
      for (const [field, value] of mapping.constants) {
        const p = convertCell(field, value, undefined, r.row, doc, notes);
        if (p) problems.push({ ...p, reason: `--set ${field}: ${p.reason}` });
        origin.set(field, { value });
        setFields.push(field);
      }
      for (const [field, i] of mapping.columns) {
        const p = convertCell(field, r.cells[i] ?? null, header[i], r.row, doc, notes);
        if (p) problems.push(p);
        origin.set(field, { column: header[i], value: cellText(r.cells[i] ?? null) });
        setFields.push(field);
      }
      for (const f of REQUIRED) {
        const [a, b] = f.split('.');
        const v = (doc[a] as Record<string, unknown> | undefined)?.[b];
        if (v === undefined && !problems.some((p) => p.column === origin.get(f)?.column)) {
          problems.push({
            row: r.row,
            column: origin.get(f)?.column,
            value: '',
            reason: `${f} is empty`,
            suggestion: f.endsWith('country') ? 'write the country, or unknown' : 'every row needs our city and the partner',
          });
        }
      }
      if (problems.length) return { ok: false, problems };
      const city = (doc.city as { name: string }).name;
      const partner = doc.partner as { name: string; country: string };
      if (doc.title === undefined) {
        const instrument = (doc.agreement as { instrument?: string } | undefined)?.instrument;
        const kind =
          instrument && instrument !== 'unknown' ? (instrumentLabels[instrument] ?? instrument).replace(/ or .*$/, '') : 'Partnership';
        doc.title = `${kind}: ${city} with ${partner.name}`;
      }
      let id = typeof doc.id === 'string' ? doc.id : undefined;
      let idBase: string | undefined;
      if (!id) {
        const part = (s: string) => slug(s) || shortHash(s);
        const base = `${part(city)}-${part(partner.name)}-${partner.country.toLowerCase()}`;
        if (ids) id = ids.next(base);
        else id = idBase = base;
        doc.id = id;
      }
      // Field order as the README shows it.
      const ordered: Record<string, unknown> = { cdrisk: 1, id, title: doc.title };
      for (const [k, v] of Object.entries(doc)) if (!(k in ordered)) ordered[k] = v;
      return {
        ok: true,
        value: { row: r.row, id, doc: ordered, fields: setFields, notes, origin, ...(idBase !== undefined ? { idBase } : {}) },
      };
    },
  };
}

/** The file text for a row: a comment header naming the register and its row, then the YAML. */
export function renderRow(d: RowDocument, registerName: string): string {
  const head = [
    `# Imported by cdrisk import from ${oneLine(registerName)}, row ${d.row}.`,
    '# Facts the register does not hold are unknown: add them below, then run cdrisk assess.',
  ];
  for (const n of d.notes) head.push(`# Note: ${oneLine(n)}`);
  return `${head.join('\n')}\n${YAML.stringify(d.doc, { lineWidth: 0 })}`;
}

const oneLine = (s: string) => s.replace(/[\r\n\u2028\u2029]+/g, ' ');
