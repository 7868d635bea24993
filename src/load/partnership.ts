import type * as z from 'zod';
import { decodeText, parseYaml, DEFAULT_LIMITS, type YamlLimits, type YamlProblem, type YamlSource } from './yaml-source.js';
import { describeSchema, displayPath, pathPattern, type FieldShape } from './schema-shape.js';
import { didYouMean } from './did-you-mean.js';
import type { Partnership, PartnershipSchema } from './partnership-schema.js';
import { ERROR_KIND, type LoadErrorKind, type Say } from './messages.js';

export interface LoadError {
  message: string;
  path?: string;
  line?: number;
  column?: number;
  /** What kind of error this is, for the callers that must tell (see isNotPartnership). Not part of the report. */
  [ERROR_KIND]?: LoadErrorKind;
}

export type LoadResult =
  { ok: true; partnership: Partnership; source: YamlSource; warnings: string[] } | { ok: false; id?: string; errors: LoadError[] };

export interface PartnershipLoader {
  load(file: string, bytes: Uint8Array): LoadResult;
  shapes: Map<string, FieldShape>;
  /** The words of the loader's messages (labels errors.*), for the problems found before loading (sayReadProblem). */
  say: Say;
}

/** Files parsed without zod's generated parsers before switching them on. */
const JIT_AFTER_FILES = 16;

/**
 * The loader of partnership files. `say` gives the words of its messages
 * (labels errors.* of rules/i18n, in the language of the command); the
 * schema's own messages come from the `say` it was built with.
 */
export function createLoader(schema: PartnershipSchema, say: Say, limits: YamlLimits = DEFAULT_LIMITS): PartnershipLoader {
  const shapes = describeSchema(schema);
  let parsedCount = 0;
  // A problem of the YAML reader, in the words of the catalogue when it has a key there.
  const problem = ({ message, key, vars, detailKey, ...at }: YamlProblem): LoadError => ({
    message: key ? say(key, detailKey ? { ...vars, detail: say(detailKey) } : vars) : message,
    ...at,
  });
  return {
    shapes,
    say,
    load(file, bytes) {
      const decoded = decodeText(bytes, limits);
      if ('problem' in decoded) return { ok: false, errors: [problem(decoded.problem)] };
      const parsed = parseYaml(file, decoded.text, limits);
      if (!parsed.ok) return { ok: false, errors: parsed.problems.map(problem) };
      const { source } = parsed;
      const value = source.value;
      if (typeof value !== 'object' || Array.isArray(value) || value === null) {
        return { ok: false, errors: [{ message: say('errors.not-mapping'), line: 1, column: 1 }] };
      }
      if (!Object.prototype.hasOwnProperty.call(value, 'cdrisk')) {
        return { ok: false, errors: [{ message: say('errors.no-cdrisk-key'), line: 1, column: 1, [ERROR_KIND]: 'not-partnership' }] };
      }
      // zod compiles a fast parser per object schema on first use: worth it over
      // many files, pure start-up cost for one. Interpret the first few instead.
      const result = schema.safeParse(value, parsedCount++ < JIT_AFTER_FILES ? { jitless: true } : undefined);
      if (result.success) return { ok: true, partnership: result.data, source, warnings: renamedWarnings(file, source, shapes) };
      const id = typeof (value as { id?: unknown }).id === 'string' ? (value as { id: string }).id : undefined;
      return { ok: false, id, errors: describeIssues(result.error.issues, source, shapes, say) };
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
export function describeIssues(
  issues: readonly z.core.$ZodIssue[],
  source: YamlSource,
  shapes: Map<string, FieldShape>,
  say: Say,
): LoadError[] {
  const errors: LoadError[] = [];
  for (const issue of flatten(issues)) {
    if (issue.code === 'unrecognized_keys') {
      const known = shapes.get(pathPattern(issue.path))?.keys ?? [];
      for (const key of issue.keys) {
        const path = [...issue.path, key] as (string | number)[];
        const guess = didYouMean(key, known);
        const message = guess
          ? say('errors.unknown-key.guess', { key, guess })
          : known.length
            ? say('errors.unknown-key.allowed', { key, allowed: known.join(', ') })
            : say('errors.unknown-key', { key });
        errors.push({ message, path: displayPath(path), ...source.locate(path, 'key') });
      }
      continue;
    }
    const path = displayPath(issue.path);
    const where = { path: path || undefined, ...source.locate(issue.path as (string | number)[]) };
    const actual = valueAt(source.value, issue.path);
    const message = say('errors.at', {
      path: path || say('errors.at.file'),
      message: issueMessage(issue, actual, shapes.get(pathPattern(issue.path)), say),
    });
    errors.push({ message, ...where });
  }
  errors.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  if (errors.length <= MAX_ERRORS) return errors;
  const more = errors.length - MAX_ERRORS;
  return [...errors.slice(0, MAX_ERRORS), { message: say(more === 1 ? 'errors.more.one' : 'errors.more.other', { count: more }) }];
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

function issueMessage(issue: z.core.$ZodIssue, actual: unknown, shape: FieldShape | undefined, say: Say): string {
  switch (issue.code) {
    case 'invalid_value': {
      const values = issue.values.map(String);
      if (actual === undefined)
        return values.length > 1 || shape?.values ? say('errors.required.one-of', { values: values.join(', ') }) : say('errors.required');
      if (values.length === 1 && !shape?.values) return issue.message.replace(/^Invalid input: /, '');
      const guess = typeof actual === 'string' ? didYouMean(actual, values) : undefined;
      // A long list (the ISO 4217 codes) would bury the message: point at where it is printed.
      const allowed =
        values.length > LONG_LIST
          ? say('errors.enum.long-list', { count: values.length })
          : say('errors.enum.allowed', {
              values: `${values.join(', ')}${shape?.kind === 'enum' && values.length ? ', unknown' : ''}`,
            });
      return guess
        ? say('errors.enum.guess', { value: show(actual), guess, allowed })
        : say('errors.enum.not-allowed', { value: show(actual), allowed });
    }
    case 'invalid_type': {
      if (actual === undefined) return say('errors.required');
      const expected = TYPES.has(issue.expected) ? say(`errors.type.a.${issue.expected}`) : article(issue.expected);
      const got = describe(actual, say);
      return shape?.kind === 'enum' && shape.values
        ? say('errors.type.expected.allowed', { expected, got, allowed: shape.values.join(', ') })
        : say('errors.type.expected', { expected, got });
    }
    case 'too_small':
      if (issue.origin === 'string') return say('errors.empty');
      return say('errors.too-small', { minimum: String(issue.minimum) });
    case 'too_big':
      return say('errors.too-big', { maximum: String(issue.maximum) });
    case 'invalid_format':
      return `${show(actual)}: ${issue.message}`;
    default:
      return issue.message;
  }
}

const LONG_LIST = 40;

/** The types a message names in the words of the catalogue (errors.type.a.<type> with an article, errors.type.<type> without). */
const TYPES = new Set(['string', 'number', 'boolean', 'object', 'array', 'int']);
const VALUE_TYPES = new Set(['string', 'number', 'boolean']);

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function describe(value: unknown, say: Say): string {
  if (value === null) return say('errors.value.null');
  if (Array.isArray(value)) return say('errors.value.list');
  if (typeof value === 'object') return say('errors.value.mapping');
  const type = typeof value;
  return say('errors.value.typed', { type: VALUE_TYPES.has(type) ? say(`errors.type.${type}`) : type, value: show(value) });
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
