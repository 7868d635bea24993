// The default terminal table of `assess` and the default listing of `check`
// in German, Japanese and Korean: no English word of the table's own (the
// `table` labels of rules/i18n), and boxes that line up with wide characters.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { textWidth } from '../src/shared/text-width.js';
import { cli } from './helpers/cli.js';
import { englishWords } from './helpers/english-words.js';
import { ROOT } from './helpers/engine.js';

const TODAY = '2026-12-02';
const LANGS = ['de', 'ja', 'ko'] as const;
const FIXTURES = ['fixtures/port-stake-state-investor.yaml', 'fixtures/sanctioned-partner-active.yaml'];
/** A word of the German table that only the `table` labels write. */
const GERMAN = { assess: 'Vorausschau', check: 'Fehler' };

const labels = (lang: string) =>
  (parse(readFileSync(`${ROOT}rules/i18n/${lang}.yaml`, 'utf8')) as { labels: Record<string, string> }).labels;

const boxedLine = (line: string) => line.startsWith('│ ') && line.endsWith(' │');

/**
 * Leaves out what the table prints but does not word: the data of other
 * branches and of the file itself.
 * - The partnership's own title (the first line of its block): the city's text, as the file gives it.
 * - The evidence items of the finding table ("- path = value (line n): note"): field paths and values
 *   come from the file, the note from the engine (regime notes such as "closed-autocracy (Regimes of the
 *   World 2022), so high state direction by default") or from the tension data (descriptions of a
 *   dispute). These are translated on branch i16engine.
 * - The obligations section, from the end of the finding table to the foresight heading
 *   (obligations-section.ts, translated on branch i16md).
 * Everything else the table prints stays, so any English word of the table's own still fails the test.
 */
function withoutOtherBranchesText(stdout: string, lang: string): string {
  const foresight = labels(lang)['table.heading.foresight'];
  const lines = stdout.split('\n');
  const out: string[] = [];
  let inEvidence = false;
  let inObligations = false;
  for (const [n, line] of lines.entries()) {
    if (n === 0) continue;
    if (line.startsWith('└')) inObligations = true;
    if (line === foresight) inObligations = false;
    if (inObligations && !line.startsWith('└')) continue;
    if (!boxedLine(line)) {
      inEvidence = false;
      out.push(line);
      continue;
    }
    const cells = line.slice(2, -2).split(' │ ');
    const evidence = cells[2];
    if (evidence.startsWith('- ')) inEvidence = true;
    else if (!evidence.startsWith('  ')) inEvidence = false;
    if (inEvidence) cells[2] = '';
    out.push(cells.join(' │ '));
  }
  return out.join('\n');
}

/** A command-line flag with its value, as the user types it ("--fail-on high" in the summary line). */
const withoutFlags = (text: string) => text.replace(/--[a-z-]+ [a-z]+/g, ' ');

/** German words that are English words too. */
const ALSO_GERMAN: Record<string, string[]> = { de: ['in'] };

/** The loader's error messages after "error:" in check's listing (src/load/, not a formatter's text). */
function withoutLoaderMessages(stdout: string, lang: string): string {
  const error = labels(lang)['table.check.error'];
  return stdout
    .split('\n')
    .map((line) => {
      const at = line.indexOf(`: ${error}: `);
      return at < 0 ? line : line.slice(0, at + error.length + 3);
    })
    .join('\n');
}

describe.each(LANGS)('the default table in %s', (lang) => {
  it.each(FIXTURES)('%s: no English word of the table', async (fixture) => {
    const r = await cli(['assess', fixture, '--lang', lang, '--today', TODAY]);
    expect(r.stderr).toBe('');
    expect(englishWords(withoutFlags(withoutOtherBranchesText(r.stdout, lang)), ALSO_GERMAN[lang])).toEqual([]);
    if (lang === 'de') expect(r.stdout).toContain(GERMAN.assess);
  });

  it('check: no English word in the listing', async () => {
    const r = await cli(['check', 'fixtures', '--lang', lang, '--today', TODAY], { env: { CDRISK_THREADS: '1' } });
    expect(r.stdout).toContain(`: ${labels(lang)['table.check.error']}: `);
    expect(englishWords(withoutFlags(withoutLoaderMessages(r.stdout, lang)), ALSO_GERMAN[lang])).toEqual([]);
    if (lang === 'de') expect(r.stdout).toContain(GERMAN.check);
  });

  it('an invalid file: the heading is translated, the loader message left out', async () => {
    const r = await cli(['assess', 'fixtures/invalid/bad-country.yaml', '--lang', lang, '--today', TODAY]);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain(labels(lang)['table.invalid-file']);
    // The indented lines are the loader's messages (src/load/), not a formatter's text.
    const own = r.stdout.split('\n').filter((line) => !line.startsWith('  '));
    expect(englishWords(own.join('\n'), ALSO_GERMAN[lang])).toEqual([]);
  });

  it('the level column (10 columns) holds every level name and tag uncut', () => {
    const l = labels(lang);
    const levels = (
      parse(readFileSync(`${ROOT}rules/i18n/${lang}.yaml`, 'utf8')) as { foresight: { terms: { levels: Record<string, string> } } }
    ).foresight.terms.levels;
    const words = [
      l['table.column.level'],
      l['table.column.score'],
      l['table.tag.accepted'],
      l['table.tag.blocking'],
      ...Object.values(levels),
    ];
    expect(words.filter((w) => textWidth(w) > 10)).toEqual([]);
  });

  it('check --step-summary: no English word in the markdown', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cdrisk-i18n-table-'));
    try {
      const file = join(dir, 'summary.md');
      await cli(['check', 'fixtures', '--lang', lang, '--fail-on', 'high', '--today', TODAY, '--step-summary', file]);
      const invalid = `| ${labels(lang)['table.step-summary.invalid']} |`;
      // The problem column of an invalid file holds the loader's message (src/load/), not a formatter's text.
      const rows = readFileSync(file, 'utf8')
        .split('\n')
        .map((row) => (row.includes(invalid) ? row.slice(0, row.indexOf(invalid)) : row));
      expect(rows.length).toBeGreaterThan(10);
      expect(englishWords(rows.join('\n'), ALSO_GERMAN[lang])).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.each(['ja', 'ko'])('the %s table lines up', (lang) => {
  it.each(FIXTURES)('%s: every line of the box has the same display width', async (fixture) => {
    const r = await cli(['assess', fixture, '--lang', lang, '--today', TODAY]);
    const box = r.stdout.split('\n').filter((l) => /^[┌├└│]/.test(l));
    expect(box.length).toBeGreaterThan(10);
    expect(box.some((l) => textWidth(l) !== l.length)).toBe(true);
    expect(new Set(box.map((l) => textWidth(l)))).toEqual(new Set([textWidth(box[0])]));
  });

  it('the heat map: each count stands under its impact number', async () => {
    const r = await cli(['assess', FIXTURES[0], '--lang', lang, '--today', TODAY]);
    const lines = r.stdout.split('\n');
    const title = lines.findIndex((l) => l === labels(lang)['table.heatmap.title']);
    expect(title).toBeGreaterThan(0);
    const rows = lines.slice(title + 1, title + 7);
    expect(new Set(rows.map((l) => textWidth(l)))).toEqual(new Set([textWidth(rows[0])]));
  });
});
