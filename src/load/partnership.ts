import type * as z from 'zod';
import { decodeText, parseYaml, DEFAULT_LIMITS, type YamlLimits, type YamlSource } from './yaml-source.js';
import { describeSchema, displayPath, pathPattern, type FieldShape } from './schema-shape.js';
import { didYouMean } from './did-you-mean.js';
import type { Partnership, PartnershipSchema } from './partnership-schema.js';

export interface LoadError {
  message: string;
  path?: string;
  line?: number;
  column?: number;
}

export type LoadResult =
  { ok: true; partnership: Partnership; source: YamlSource; warnings: string[] } | { ok: false; id?: string; errors: LoadError[] };

export interface PartnershipLoader {
  load(file: string, bytes: Uint8Array): LoadResult;
  shapes: Map<string, FieldShape>;
}

/** Files parsed without zod's generated parsers before switching them on. */
const JIT_AFTER_FILES = 16;

export function createLoader(schema: PartnershipSchema, limits: YamlLimits = DEFAULT_LIMITS): PartnershipLoader {
  const shapes = describeSchema(schema);
  let parsedCount = 0;
  return {
    shapes,
    load(file, bytes) {
      const decoded = decodeText(bytes, limits);
      if ('problem' in decoded) return { ok: false, errors: [decoded.problem] };
      const parsed = parseYaml(file, decoded.text, limits);
      if (!parsed.ok) return { ok: false, errors: parsed.problems };
      const { source } = parsed;
      const value = source.value;
      if (typeof value !== 'object' || Array.isArray(value) || value === null) {
        return {
          ok: false,
          errors: [{ message: 'not a partnership file: expected a mapping that starts with "cdrisk: 1"', line: 1, column: 1 }],
        };
      }
      if (!Object.prototype.hasOwnProperty.call(value, 'cdrisk')) {
        return {
          ok: false,
          errors: [
            {
              message: 'not a partnership file: it has no top-level "cdrisk: 1" key (see the file format in the README)',
              line: 1,
              column: 1,
            },
          ],
        };
      }
      // zod compiles a fast parser per object schema on first use: worth it over
      // many files, pure start-up cost for one. Interpret the first few instead.
      const result = schema.safeParse(value, parsedCount++ < JIT_AFTER_FILES ? { jitless: true } : undefined);
      if (result.success) return { ok: true, partnership: result.data, source, warnings: renamedWarnings(file, source, shapes) };
      const id = typeof (value as { id?: unknown }).id === 'string' ? (value as { id: string }).id : undefined;
      return { ok: false, id, errors: describeIssues(result.error.issues, source, shapes) };
    },
  };
}

/**
 * A warning at each value written in an old spelling (rules/renamed.yaml):
 * the file is valid and read with the new value, and the report says what to write.
 */
function renamedWarnings(file: string, source: YamlSource, shapes: Map<string, FieldShape>): string[] {
  const out: string[] = [];
  for (const [pattern, shape] of shapes) {
    if (!shape.renamed) continue;
    for (const { path, value } of valuesAt(source.value, pattern.split('.'))) {
      const renamed =
        typeof value === 'string' && Object.prototype.hasOwnProperty.call(shape.renamed, value) ? shape.renamed[value] : undefined;
      if (!renamed) continue;
      const at = source.locate(path);
      out.push(
        `${file}:${at.line}:${at.column}: ${displayPath(path)}: "${value}" is an old spelling, read as "${renamed.use}": ${renamed.note}`,
      );
    }
  }
  return out;
}

/** The values at a pattern such as local_actors[].type, with their concrete paths (list items included). */
function valuesAt(node: unknown, segments: string[], at: (string | number)[] = []): { path: (string | number)[]; value: unknown }[] {
  if (!segments.length) return Array.isArray(node) ? node.map((value, i) => ({ path: [...at, i], value })) : [{ path: at, value: node }];
  if (node === null || typeof node !== 'object' || Array.isArray(node)) return [];
  const [seg, ...rest] = segments;
  const list = seg.endsWith('[]');
  const key = list ? seg.slice(0, -2) : seg;
  if (!Object.prototype.hasOwnProperty.call(node, key)) return [];
  const child = (node as Record<string, unknown>)[key];
  if (!list) return valuesAt(child, rest, [...at, key]);
  return Array.isArray(child) ? child.flatMap((item, i) => valuesAt(item, rest, [...at, key, i])) : [];
}

/** Zod issues as messages a person can act on, each at its line and column. */
export function describeIssues(issues: readonly z.core.$ZodIssue[], source: YamlSource, shapes: Map<string, FieldShape>): LoadError[] {
  const errors: LoadError[] = [];
  for (const issue of flatten(issues)) {
    if (issue.code === 'unrecognized_keys') {
      const known = shapes.get(pathPattern(issue.path))?.keys ?? [];
      for (const key of issue.keys) {
        const path = [...issue.path, key] as (string | number)[];
        const guess = didYouMean(key, known);
        const hint = guess ? `: did you mean "${guess}"?` : known.length ? ` (allowed here: ${known.join(', ')})` : '';
        errors.push({ message: `unknown key "${key}"${hint}`, path: displayPath(path), ...source.locate(path, 'key') });
      }
      continue;
    }
    const path = displayPath(issue.path);
    const where = { path: path || undefined, ...source.locate(issue.path as (string | number)[]) };
    const actual = valueAt(source.value, issue.path);
    errors.push({ message: `${path || 'file'}: ${issueMessage(issue, actual, shapes.get(pathPattern(issue.path)))}`, ...where });
  }
  errors.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  if (errors.length <= MAX_ERRORS) return errors;
  const more = errors.length - MAX_ERRORS;
  return [
    ...errors.slice(0, MAX_ERRORS),
    { message: `and ${more} more error${more === 1 ? '' : 's'} in this file, not listed: fix these first` },
  ];
}

/** Errors listed per file: past this, one line says how many more there are. */
export const MAX_ERRORS = 50;

/** A union of `unknown` and a real schema reports the real schema's issues. */
function flatten(issues: readonly z.core.$ZodIssue[]): z.core.$ZodIssue[] {
  const out: z.core.$ZodIssue[] = [];
  for (const issue of issues) {
    if (issue.code === 'invalid_union' && issue.errors.length) {
      const branch = issue.errors[issue.errors.length - 1];
      out.push(...flatten(branch.map((inner) => ({ ...inner, path: [...issue.path, ...inner.path] }) as z.core.$ZodIssue)));
    } else {
      out.push(issue);
    }
  }
  return out;
}

function issueMessage(issue: z.core.$ZodIssue, actual: unknown, shape: FieldShape | undefined): string {
  switch (issue.code) {
    case 'invalid_value': {
      const values = issue.values.map(String);
      if (actual === undefined) return `is required${values.length > 1 || shape?.values ? `: one of ${values.join(', ')}` : ''}`;
      if (values.length === 1 && !shape?.values) return issue.message.replace(/^Invalid input: /, '');
      const guess = typeof actual === 'string' ? didYouMean(actual, values) : undefined;
      const hint = guess ? ` Did you mean "${guess}"?` : '';
      // A long list (the ISO 4217 codes) would bury the message: point at where it is printed.
      const allowed =
        values.length > LONG_LIST
          ? `${values.length} values are allowed: cdrisk rules show vocabulary lists them`
          : `Allowed values: ${values.join(', ')}${shape?.kind === 'enum' && values.length ? ', unknown' : ''}`;
      return `${show(actual)} is not allowed.${hint} ${allowed}`;
    }
    case 'invalid_type':
      if (actual === undefined) return 'is required';
      return `expected ${article(issue.expected)}, got ${describe(actual)}${shape?.kind === 'enum' && shape.values ? ` (allowed: ${shape.values.join(', ')})` : ''}`;
    case 'too_small':
      if (issue.origin === 'string') return 'must not be empty';
      return `must be at least ${String(issue.minimum)}`;
    case 'too_big':
      return `must be at most ${String(issue.maximum)}`;
    case 'invalid_format':
      return `${show(actual)}: ${issue.message}`;
    default:
      return issue.message;
  }
}

const LONG_LIST = 40;

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function describe(value: unknown): string {
  if (value === null) return 'nothing (null)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} ${show(value)}`;
}

function show(value: unknown): string {
  return typeof value === 'string' ? `"${value}"` : (JSON.stringify(value) ?? String(value));
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let node = root;
  for (const seg of path) {
    if (node === null || typeof node !== 'object') return undefined;
    if (!Object.prototype.hasOwnProperty.call(node, seg as string)) return undefined;
    node = (node as Record<string, unknown>)[seg as string];
  }
  return node;
}
