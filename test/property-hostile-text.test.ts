// Issue 11: whatever a string field of a partnership file holds (control
// characters, line breaks, `::` workflow commands), no output format lets it
// reach a terminal or a CI log raw. Every fixture, every string field.
import fc from 'fast-check';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { afterAll, describe, it } from 'vitest';
import { cli } from './helpers/cli.js';
import { engine, ROOT } from './helpers/engine.js';
import { assessBytes, buildReport } from '../src/engine/run.js';
import { formatters } from '../src/formatters/index.js';
import { makeChalk } from '../src/cli/output.js';

const FIXTURES = readdirSync(`${ROOT}fixtures`)
  .filter((f) => f.endsWith('.yaml'))
  .sort();
const FORMATS = ['table', 'json', 'markdown', 'html', 'sarif', 'junit', 'github'] as const;
const RUNS = {
  numRuns: Number(process.env.CDRISK_PROPERTY_RUNS ?? 6),
  seed: Number(process.env.CDRISK_PROPERTY_SEED ?? 20261202),
} as const;
/** Raw in an output, any of these came from a file: C0 (but the line feed), DEL, C1, the line separators. */
const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029]/;
/** The only lines that may start a workflow command: cdrisk's own annotations. */
const OURS = /^::(error|warning) file=[^\n]*::/;

type Path = (string | number)[];

/** The path of every string in a parsed file. */
function stringPaths(value: unknown, path: Path = []): Path[] {
  if (typeof value === 'string') return [path];
  if (Array.isArray(value)) return value.flatMap((v, i) => stringPaths(v, [...path, i]));
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => stringPaths(v, [...path, k]));
  return [];
}

function setAt(root: unknown, path: Path, value: string): void {
  let node = root as Record<string | number, unknown>;
  for (const seg of path.slice(0, -1)) node = node[seg] as Record<string | number, unknown>;
  node[path[path.length - 1]] = value;
}

const hostileChar = fc.oneof(
  fc.constantFrom(
    '\n',
    '\r',
    '\r\n',
    '::',
    '::stop-commands::tok',
    '::notice title=ok::all passed',
    '\u001b]0;PWNED\u0007',
    '\u001b[2J',
    '\u0000',
    '\u0085',
    '\u009b',
    '\u2028',
    '\t',
    '\u007f',
  ),
  fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)),
  fc.integer({ min: 0x7f, max: 0x9f }).map((c) => String.fromCharCode(c)),
  fc.constantFrom('a', 'Z', ' ', '-', ':'),
);
const hostile = fc.array(hostileChar, { minLength: 1, maxLength: 12 }).map((parts) => parts.join(''));

/**
 * Where a field's hostile text goes: before, after or instead of its value,
 * or nowhere. An enumeration value that changes makes the file invalid (and
 * its error message quotes it); fields left alone let other files stay valid,
 * so that titles, names and notes also reach the findings and evidence.
 */
const edit = fc.tuple(hostile, fc.constantFrom('prefix', 'suffix', 'replace', 'keep', 'keep', 'keep'));

function apply(original: string, [text, how]: [string, string]): string {
  return how === 'prefix' ? `${text}${original}` : how === 'suffix' ? `${original}${text}` : how === 'keep' ? original : text;
}

function assertClean(where: string, text: string, annotations: boolean): void {
  for (const line of text.split('\n')) {
    const raw = RAW.exec(line);
    if (raw)
      throw new Error(`${where}: raw U+${raw[0].charCodeAt(0).toString(16).padStart(4, '0')} in ${JSON.stringify(line.slice(0, 200))}`);
    if (line.trimStart().startsWith('::') && !(annotations && OURS.test(line)))
      throw new Error(`${where}: a line starts a workflow command: ${JSON.stringify(line.slice(0, 200))}`);
  }
}

const ctx = engine();
const tmp = mkdtempSync(join(tmpdir(), 'cdrisk-hostile-text-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('hostile text in any string field never reaches an output raw', () => {
  for (const fixture of FIXTURES) {
    const doc = parse(readFileSync(`${ROOT}fixtures/${fixture}`, 'utf8')) as unknown;
    const paths = stringPaths(doc);
    it(`${fixture}: all ${paths.length} string fields, every format, and check under GitHub Actions`, async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(edit, { minLength: paths.length, maxLength: paths.length }), hostile, async (edits, nameText) => {
          const copy = structuredClone(doc);
          paths.forEach((p, i) =>
            setAt(copy, p, apply(p.reduce<unknown>((n, seg) => (n as Record<string | number, unknown>)[seg], doc) as string, edits[i])),
          );
          // The file name carries hostile text too (no slash or NUL in a name).
          const name = `f-${nameText.replace(/[/\u0000]/g, '_')}.yaml`;
          const dir = mkdtempSync(join(tmp, 'case-'));
          const file = join(dir, name);
          writeFileSync(file, stringify(copy));
          try {
            // Every format through the registry the CLI uses (where the escaping is), from one assessment.
            const report = buildReport([assessBytes(file, readFileSync(file), ctx)], 'high');
            for (const format of FORMATS) {
              const text = (await formatters[format]())(report, { chalk: makeChalk(false), rules: ctx.rules, width: 100, failOn: 'high' });
              assertClean(`assess --format ${format}`, text, format === 'github');
            }
            const a = await cli(['assess', file, '--today', '2026-11-22']);
            assertClean('assess (stderr)', a.stderr, false);
            const c = await cli(['check', dir, '--today', '2026-11-22', '--step-summary', join(dir, 'summary.md')], {
              env: { GITHUB_ACTIONS: 'true' },
            });
            assertClean('check (stdout)', c.stdout, true);
            assertClean('check (stderr)', c.stderr, false);
            assertClean('check --step-summary', readFileSync(join(dir, 'summary.md'), 'utf8'), false);
          } finally {
            rmSync(dir, { recursive: true, force: true });
          }
        }),
        RUNS,
      );
    }, 120_000);
  }
});
