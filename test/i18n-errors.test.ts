// The loader's messages in German, Japanese and Korean: an invalid
// partnership file reads in the language of --lang (labels errors.* of
// rules/i18n), at the same line and column as in English, and the same files
// are invalid in every language.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from './helpers/cli.js';
import { englishWords } from './helpers/english-words.js';
import { engine, ROOT } from './helpers/engine.js';
import type { Report } from '../src/report/types.js';

const OTHER = ['de', 'ja', 'ko'] as const;

/** Field names and enumeration values of the format (and its `unknown`): the file's words, written as the file must write them. */
const FORMAT_WORDS = new Set([
  'unknown',
  ...[...engine().loader.shapes].flatMap(([path, shape]) => [
    ...path.split(/[.[\]]+/),
    ...(shape.values ?? []),
    ...(shape.itemValues ?? []),
  ]),
]);

/** "in" is a German word too (in dieser Datei). */
const allowed = (lang: string) => (lang === 'de' ? ['in'] : []);

/** A message without what comes from the file or the format: quoted values, field paths, field names and values. */
function words(message: string, lang: string): string[] {
  const plain = message
    .replace(/"[^"\n]*"/g, ' ')
    .replace(/「[^」\n]*」/g, ' ')
    .replace(/[A-Za-z_]+(?:[.[][A-Za-z0-9_\]]+)+/g, ' ')
    .split(/([A-Za-z_]+)/)
    .map((w) => (FORMAT_WORDS.has(w) ? ' ' : w))
    .join('');
  return englishWords(plain, allowed(lang));
}

const check = async (path: string, lang?: string) => {
  const r = await cli(['check', path, '--format', 'json', ...(lang ? ['--lang', lang] : [])]);
  return { code: r.code, report: JSON.parse(r.stdout) as Report };
};

/** file:line:column of each error, the messages left out. */
const places = (report: Report) => report.results.flatMap((r) => r.errors.map((e) => `${r.file}:${e.line}:${e.column}`));

// Files a fixture folder does not hold: a field missing, a date in the wrong form, a value of the wrong type.
const extra = mkdtempSync(join(tmpdir(), 'cdrisk-i18n-errors-'));
const base = readFileSync(join(ROOT, 'fixtures/cultural-exchange-liberal-democracies.yaml'), 'utf8');
writeFileSync(join(extra, 'missing-title.yaml'), base.replace(/^title:.*\n/m, ''));
writeFileSync(join(extra, 'bad-date-form.yaml'), base.replace(/^(\s*signing_date:).*$/m, '$1 "01.02.2026"'));
writeFileSync(join(extra, 'wrong-type.yaml'), base.replace(/^(\s*exit_clause:).*$/m, '$1 [yes]'));
writeFileSync(join(extra, 'bad-country-name.yaml'), base.replace(/^(\s*country:).*$/m, '$1 Germny'));
afterAll(() => rmSync(extra, { recursive: true, force: true }));

describe.each([
  ['fixtures/invalid', join(ROOT, 'fixtures/invalid')],
  ['a missing field, a date form, a wrong type, a misspelt country', extra],
])('check %s', (_, folder) => {
  it.each(OTHER)('%s: the messages in the language, at the same places, exit code 2', async (lang) => {
    const en = await check(folder);
    const local = await check(folder, lang);
    expect(local.code).toBe(2);
    expect(en.code).toBe(2);
    expect(local.report.results.map((r) => [r.file, r.valid])).toEqual(en.report.results.map((r) => [r.file, r.valid]));
    expect(places(local.report)).toEqual(places(en.report));
    const left = local.report.results.flatMap((r) =>
      r.errors.map((e) => ({ file: r.file, message: e.message, english: words(e.message, lang) })),
    );
    expect(left.filter((l) => l.english.length)).toEqual([]);
    // Every message was translated, not only freed of the words the list knows.
    const english = new Set(en.report.results.flatMap((r) => r.errors.map((e) => e.message)));
    expect(left.filter((l) => english.has(l.message))).toEqual([]);
  });
});

it.each(OTHER)('assess --lang %s: the message of an unknown country', async (lang) => {
  const r = await cli(['assess', join(ROOT, 'fixtures/invalid/bad-country.yaml'), '--lang', lang]);
  expect(r.code).toBe(2);
  const out = r.stdout + r.stderr;
  expect(out).toMatch(/bad-country\.yaml:15:12/);
  expect(out).not.toMatch(/is not a country this tool knows/);
});

it.each(OTHER)('check --lang %s still skips a YAML file whose cdrisk line is not a top-level key', async (lang) => {
  const folder = mkdtempSync(join(tmpdir(), 'cdrisk-i18n-skip-'));
  try {
    writeFileSync(join(folder, 'notes.yaml'), 'notes: |\n  cdrisk: 1\n  not a partnership\n');
    writeFileSync(join(folder, 'missing-title.yaml'), base.replace(/^title:.*\n/m, ''));
    const { report } = await check(folder, lang);
    expect(report.results.map((r) => r.file)).toEqual([join(folder, 'missing-title.yaml')]);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

it.each(OTHER)('check --lang %s: a file over --max-file-size, in the language', async (lang) => {
  const file = join(ROOT, 'fixtures/invalid/bad-country.yaml');
  const [en, local] = [
    await cli(['check', file, '--max-file-size', '100']),
    await cli(['check', file, '--max-file-size', '100', '--lang', lang]),
  ];
  expect(en.stdout).toMatch(/over the limit of 100/);
  expect(local.code).toBe(2);
  const message = local.stdout.split('\n').find((l) => l.includes('bad-country.yaml'))!;
  expect(message).toMatch(/100/);
  expect(words(message.replace(/^.*?: error: /, ''), lang)).toEqual([]);
});
