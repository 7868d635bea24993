// The markdown briefing in German, Japanese and Korean holds no English word
// of the formatter's own (issue 16): headings, labels, sentences, level and
// recommendation names and dates all come from the language's labels. What
// the report quotes from data outside the formatter (the file's own values,
// engine notes, law names, the titles of published sources, loader messages)
// is taken out first, by exact string, so that every other word is checked.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { localise } from '../src/cli/localise.js';
import { readSourceRuleSet } from '../src/cli/rule-files.js';
import { mdText } from '../src/formatters/markdown.js';
import { deadlineWords, obligationsMarkdown } from '../src/formatters/obligations-section.js';
import { showValue } from '../src/formatters/text-helpers.js';
import { makeSay } from '../src/formatters/say.js';
import type { Report } from '../src/report/types.js';
import { cli } from './helpers/cli.js';
import { ROOT, RULES_DIR, assessDoc, partnershipFrom } from './helpers/engine.js';
import type { Json } from './helpers/merge.js';
import { englishWords } from './helpers/english-words.js';

const PORT = 'fixtures/port-stake-state-investor.yaml';
const SANCTIONED = 'fixtures/sanctioned-partner-active.yaml';
const INVALID = 'fixtures/invalid/unknown-enum.yaml';
const LANGS = ['de', 'ja', 'ko'] as const;
const { rules } = readSourceRuleSet(RULES_DIR);

/** A copy of the port fixture with a formally accepted risk, so that the acceptance lines are read too. */
function withAcceptance(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cdrisk-i18n-md-'));
  const file = join(dir, 'accepted.yaml');
  const accepted = [
    'accepted_risks:',
    '  - rule: no-exit-clause',
    '    reason: "Ratsbeschluss 2026/14"',
    '    approved_by: "Stadtrat"',
    '    expires: 2027-06-30',
    '',
  ];
  writeFileSync(file, `${readFileSync(`${ROOT}${PORT}`, 'utf8').trimEnd()}\n${accepted.join('\n')}`);
  return file;
}

async function assess(lang: string, files: string[], format: string): Promise<string> {
  const r = await cli(['assess', ...files, '--lang', lang, '--format', format, '--today', '2026-12-02']);
  expect(r.stderr).not.toMatch(/Error|at .*\.ts/);
  return r.stdout;
}

/**
 * The texts of data outside the markdown formatter, as the markdown prints them,
 * taken out by exact string before the English words are counted:
 * - engine notes: translated on branch i16engine (the notes beside evidence, and
 *   the tension descriptions of rules/tensions.yaml they quote);
 * - law names and sections of rules/obligations, which the catalogue leaves English;
 * - source titles, citations and the licence name of rules/sources.yaml: the
 *   titles of published works, which no catalogue translates;
 * - the brief's English scenario and impact names, in brackets at first use;
 * - the file's own title and values, and the loader's messages about an invalid file.
 */
function dataOutsideFormatter(report: Report, lang: string): string[] {
  const say = makeSay(rules, lang);
  const texts: string[] = [];
  for (const r of report.results) {
    if (r.title) texts.push(r.title);
    for (const e of r.errors) texts.push(e.message);
    for (const x of r.findings) {
      for (const e of x.evidence) {
        if (e.note) texts.push(e.note);
        texts.push(` = ${Array.isArray(e.value) ? e.value.map(String).join(', ') : showValue(e.value, say)}`);
      }
    }
    for (const o of r.obligations ?? []) texts.push(o.source.statute, o.source.section);
  }
  for (const s of Object.values(rules.sources)) {
    texts.push(s.citation, s.title ?? '');
    if (s.short) texts.push(s.short.title, s.short.authors, s.short.publisher);
  }
  // The brief's own English names of scenarios and impacts, in brackets at first use (matrix `brief`).
  for (const t of ['scenarios', 'impacts'] as const) for (const n of Object.values(rules.matrix[t])) texts.push(n.name);
  const row = rules.countries.source;
  texts.push(row.title, row.citation, row.licence);
  return [...new Set(texts.filter(Boolean).flatMap((t) => [t, mdText(t)]))].sort((a, b) => b.length - a.length);
}

function withoutDataOutsideFormatter(markdown: string, report: Report, lang: string): string {
  let text = markdown;
  for (const t of dataOutsideFormatter(report, lang)) text = text.split(t).join(' ');
  return text;
}

/**
 * German words spelled like common English ones, which the German catalogue's
 * own texts use ("in einer sensiblen Anlage", "den Status des Zielunternehmens").
 */
const SAME_SPELLING: Record<string, string[]> = { de: ['in', 'status'] };

/** The markdown, and each line that still holds an English word once the data outside the formatter is taken out. */
async function check(lang: string, files: string[]): Promise<{ markdown: string; words: string[] }> {
  const markdown = await assess(lang, files, 'markdown');
  const report = JSON.parse(await assess(lang, files, 'json')) as Report;
  const plain = withoutDataOutsideFormatter(markdown, report, lang);
  const allowed = SAME_SPELLING[lang] ?? [];
  const words = plain
    .split('\n')
    .filter((line) => englishWords(line, allowed).length > 0)
    .map((line) => `${englishWords(line, allowed).join(' ')}: ${line}`);
  return { markdown, words };
}

describe.each(LANGS)('markdown briefing in %s', (lang) => {
  it.each([PORT, SANCTIONED])('%s has no English word of the formatter', async (file) => {
    const { markdown, words } = await check(lang, [file]);
    expect(markdown.length).toBeGreaterThan(2000);
    expect(words).toEqual([]);
    // The English capitals of levels and recommendations stay in English reports.
    expect(markdown.replace(/`[^`\n]*`/g, ' ')).not.toMatch(/\b(CRITICAL|HIGH|MEDIUM|LOW|ESCALATE|DISENGAGE|PROCEED)\b/);
  });

  it('the acceptance of a risk and its expiry date are in the language too', async () => {
    const { markdown, words } = await check(lang, [withAcceptance()]);
    expect(words).toEqual([]);
    expect(markdown).not.toContain('2027-06-30');
  });

  it('the portfolio of several files, an invalid one among them, has no English word of the formatter', async () => {
    const { words } = await check(lang, [PORT, SANCTIONED, INVALID]);
    expect(words).toEqual([]);
  });
});

describe('German markdown briefing', () => {
  it('has German headings and writes the dates the German way', async () => {
    const markdown = await assess('de', [withAcceptance()], 'markdown');
    expect(markdown).toContain('## Zusammenfassung');
    expect(markdown).toContain('## Befunde');
    expect(markdown).toContain('30. Juni 2027');
  });
});

describe('obligation deadlines, statuses and filings', () => {
  const cases = parse(readFileSync(`${ROOT}test/obligation-cases/cases.yaml`, 'utf8')) as Record<string, { apply?: { with: Json }[] }>;
  const found = Object.entries(cases).flatMap(([id, c]) =>
    (c.apply ?? []).flatMap((a, k) => assessDoc(partnershipFrom(a.with), `${id}-${k}.yaml`).obligations ?? []),
  );

  it('the cases reach every kind of deadline, dates and filings among them', () => {
    expect(new Set(found.map((o) => o.deadline.kind)).size).toBeGreaterThanOrEqual(5);
    expect(found.some((o) => o.deadline.due)).toBe(true);
    expect(found.some((o) => o.notification)).toBe(true);
  });

  it('in English, the deadline reads as the engine words it', () => {
    const say = makeSay(rules);
    for (const o of found) expect(deadlineWords(o, say), o.id).toBe(o.deadline.text);
  });

  it.each(LANGS)('%s: deadlines, statuses and filings hold no English word, and dates are written the way of the language', (lang) => {
    const local = localise(rules, lang, [RULES_DIR]);
    const say = makeSay(local, lang);
    for (const o of found) {
      // The law's own note on a deadline is rule data (translated in the catalogue), not the formatter's words.
      const plain = { ...o, deadline: { ...o.deadline, note: undefined } };
      // The obligation's row of the table.
      const line = obligationsMarkdown([plain], mdText, say).find((l) => l.includes(`\`${o.id}\``) && l.startsWith('| '))!;
      // Kind, deadline with filing, status (the jurisdiction is a code: IT is Italy).
      const [, kind, , deadline, status] = line.split(' | ');
      const cells = [kind, deadline, status].join(' | ');
      expect(englishWords(cells), `${o.id}: ${cells}`).toEqual([]);
      expect(cells, o.id).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    }
  });
});
