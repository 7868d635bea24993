// cdrisk portfolio and cdrisk scan in German, Japanese and Korean: the words
// around the data come from the labels of rules/i18n (portfolio.*, scan.*),
// the counts and the JSON stay the same in every language, and scan reads
// the language of its drafts from --draft-lang, as --lang is the report's.
import { describe, expect, it } from 'vitest';
import { cli } from './helpers/cli.js';
import { safeText } from '../src/cli/register/safe.js';
import { englishWords } from './helpers/english-words.js';
import type { PortfolioReport } from '../src/cli/portfolio/model.js';
import { readSourceRuleSet } from '../src/cli/rule-files.js';
import { RULES_DIR } from './helpers/engine.js';
import MAP from '../src/cli/portfolio/world-map.json' with { type: 'json' };

const RULES = readSourceRuleSet(RULES_DIR).rules;

const TODAY = ['--today', '2026-12-02'];
const OTHER = ['de', 'ja', 'ko'] as const;
const INPUTS = [
  ['the Nuremberg register', 'fixtures/registers/nuernberg-partnerstaedte.csv'],
  ['the fixtures folder', 'fixtures'],
] as const;

const portfolio = async (path: string, format: string, lang?: string) => {
  const r = await cli(['portfolio', path, '-f', format, ...TODAY, ...(lang ? ['--lang', lang] : [])]);
  expect(r.stderr === '' || r.stderr.startsWith('cdrisk portfolio') || r.code === 2, r.stderr).toBe(true);
  return r;
};

const englishJson = new Map<string, PortfolioReport>();
const json = async (path: string, lang?: string): Promise<PortfolioReport> => {
  if (!lang && englishJson.has(path)) return englishJson.get(path)!;
  const report = JSON.parse((await portfolio(path, 'json', lang)).stdout) as PortfolioReport;
  if (!lang) englishJson.set(path, report);
  return report;
};

/**
 * The text without what comes from the files themselves: the loader's
 * messages for the invalid files (the loader's wording, not the report's),
 * the names of cities and partners (whole, and as the table cuts them), and
 * ids: gap field paths such as cost_and_impact, ISO country codes such as IT
 * or NO. Markdown escapes are dropped first.
 */
async function withoutFileData(text: string, path: string, lang: string): Promise<string> {
  const report = await json(path);
  // The loader's messages are in the report's language (test/i18n-errors.test.ts reads them).
  const errors = (await json(path, lang)).results.flatMap((r) => r.errors).map((e) => e.replace(/^\d+:\d+: /, '').slice(0, 30));
  const names = report.results.flatMap((r) => [r.city?.name, r.partner?.name]).filter((n): n is string => !!n);
  const cut = names.map((n) => safeText(n, 30));
  const paths = report.portfolio.topGaps.map((g) => g.path);
  return text
    .replace(/\\(.)/g, '$1')
    .split('\n')
    .filter((line) => !errors.some((e) => line.includes(e)))
    .map((line) => [...names, ...cut, ...paths].reduce((l, n) => l.split(n).join(' '), line).replace(/\b[A-Z]{2}\b/g, ' '))
    .join('\n');
}

/** "in" is a German word too (in diesem Land). */
const allowed = (lang: string) => (lang === 'de' ? ['in'] : []);

describe.each(OTHER)('cdrisk portfolio --lang %s', (lang) => {
  it.each(INPUTS)('%s: the table and the markdown hold no English word of ours', async (_name, path) => {
    for (const format of ['table', 'markdown']) {
      const r = await portfolio(path, format, lang);
      expect(englishWords(await withoutFileData(r.stdout, path, lang), allowed(lang)), `${format}\n${r.stdout}`).toEqual([]);
    }
  });

  it.each(INPUTS)('%s: the HTML page is in the language, and says so', async (_name, path) => {
    const r = await portfolio(path, 'html', lang);
    expect(r.stdout).toContain(`<html lang="${lang}">`);
    expect(r.stdout).not.toContain('lang="en"');
    // The visible text, one element a line; what stays English is data: the
    // sources' citations (the book's title, the regime data, the map's origin).
    const data = [RULES.countries.source.citation, RULES.countries.source.licence, MAP.source.shapes, MAP.source.tools];
    const visible = data
      .reduce((t, d) => t.split(d).join(' '), r.stdout.replace(/<style>[\s\S]*?<\/style>/, ' '))
      .replace(/<i>[^<]*<\/i>|<code>[^<]*<\/code>/g, ' ')
      .replace(/<[^>]*>/g, '\n')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
    expect(englishWords(await withoutFileData(visible, path, lang), allowed(lang)), visible).toEqual([]);
  });

  it.each(INPUTS)(
    '%s: the same counts and the same JSON as in English (only rule titles and gap questions are texts)',
    async (_name, path) => {
      const en = await json(path);
      const local = await json(path, lang);
      // The loader's messages are in the language too: only where they stand (line:column) is compared.
      const where = (e: string) => e.replace(/^(\d+:\d+: ).*$/s, '$1');
      const strip = (j: PortfolioReport) =>
        JSON.parse(
          JSON.stringify(j, (k, v: unknown) =>
            k === 'title' || k === 'question' ? '' : k === 'errors' && Array.isArray(v) ? v.map((e) => where(String(e))) : v,
          ),
        ) as PortfolioReport;
      expect(strip(local)).toEqual(strip(en));
      const csv = [await portfolio(path, 'csv'), await portfolio(path, 'csv', lang)];
      const csvWithoutMessages = (s: string) => s.replace(/,"?(\d+:\d+: ).*$/gm, ',$1');
      expect(csvWithoutMessages(csv[1].stdout)).toBe(csvWithoutMessages(csv[0].stdout));
      // The summary on standard error: the same numbers.
      const numbers = (s: string) => s.match(/\d+/g);
      expect(numbers(csv[1].stderr)).toEqual(numbers(csv[0].stderr));
    },
  );
});

describe('portfolio and scan: choosing the language', () => {
  it.each([
    [['portfolio', 'fixtures/registers/nuernberg-partnerstaedte.csv'], ['--lang', 'fr'], '--lang: unknown language "fr"'],
    [['portfolio', 'fixtures/registers/nuernberg-partnerstaedte.csv'], [], 'CDRISK_LANG: unknown language "xx"'],
    [['scan', 'fixtures/drafts/de-qingdao-vereinbarung.txt'], ['--lang', 'fr'], '--lang: unknown language "fr"'],
    [['scan', 'fixtures/drafts/de-qingdao-vereinbarung.txt'], [], 'CDRISK_LANG: unknown language "xx"'],
  ])('%j %j is a usage error listing the languages', async (command, args, message) => {
    const r = await cli([...command, ...args], { env: { CDRISK_LANG: 'xx' } });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`cdrisk: ${message}; available: en (English), de (Deutsch), ja (日本語), ko (한국어)`);
  });

  it('CDRISK_LANG chooses the language of portfolio and scan; --lang wins over it', async () => {
    const p = await cli(['portfolio', 'fixtures/registers/nuernberg-partnerstaedte.csv', '-f', 'html', ...TODAY], {
      env: { CDRISK_LANG: 'ja' },
    });
    expect(p.stdout).toContain('<html lang="ja">');
    const s = await cli(['scan', 'fixtures/drafts/de-qingdao-vereinbarung.txt', '-f', 'markdown', '--lang', 'de'], {
      env: { CDRISK_LANG: 'ko' },
    });
    expect(s.stdout).toContain('Deutsch (de)');
  });
});

describe('cdrisk scan: --draft-lang is the drafts language, --lang the report language', () => {
  const D = 'fixtures/drafts/';

  it('--draft-lang forces the language of the drafts; an unknown one is a usage error', async () => {
    const r = await cli(['scan', `${D}zh-xiamen-mou.txt`, '--draft-lang', 'en', '-f', 'json']);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { results: { clauses: unknown[] }[] }).results[0].clauses).toEqual([]);
    const auto = await cli(['scan', `${D}zh-xiamen-mou.txt`, '-f', 'json']);
    expect((JSON.parse(auto.stdout) as { results: { clauses: unknown[] }[] }).results[0].clauses.length).toBeGreaterThan(0);
    const bad = await cli(['scan', `${D}zh-xiamen-mou.txt`, '--draft-lang', 'xx']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--draft-lang: "xx" is not a language of the clause patterns/);
  });

  it('--lang with a language of the drafts only (zh) says where that went', async () => {
    const r = await cli(['scan', `${D}zh-xiamen-mou.txt`, '--lang', 'zh']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--draft-lang');
  });

  it('the JSON is the same in every language', async () => {
    const files = [`${D}de-qingdao-vereinbarung.txt`, `${D}ja-dalian-agreement.txt`, `${D}en-xiamen-mou.txt`];
    const en = await cli(['scan', ...files, '-f', 'json']);
    for (const lang of OTHER) expect((await cli(['scan', ...files, '-f', 'json', '--lang', lang])).stdout).toBe(en.stdout);
  });

  // The clause catalogue's titles, advice and caveats come translated too (see test/i18n-scan-clauses.test.ts).
  it.each(OTHER)('--lang %s: a scan report in the language (markdown and table)', async (lang) => {
    const files = [`${D}de-qingdao-vereinbarung.txt`, `${D}ja-dalian-agreement.txt`];
    const m = await cli(['scan', ...files, '-f', 'markdown', '--lang', lang]);
    expect(m.code).toBe(0);
    expect(englishWords(m.stdout.replace(/\\(.)/g, '$1'), allowed(lang)), m.stdout).toEqual([]);
    const t = await cli(['scan', ...files, '--lang', lang]);
    expect(t.code).toBe(0);
    expect(t.stdout).not.toMatch(/Where|Sentence|Implied|caveat:|\bpage \d|\bline \d|paragraph|clauses? found|No clause/);
    expect(englishWords(t.stdout, allowed(lang)), t.stdout).toEqual([]);
  });

  it('--lang de gives a German scan report', async () => {
    const m = await cli(['scan', `${D}de-qingdao-vereinbarung.txt`, '-f', 'markdown', '--lang', 'de']);
    expect(m.stdout).toContain('Deutsch (de)');
    expect(m.stdout).toMatch(/Zeile \d/);
    expect(m.stdout).not.toContain('# Clauses found');
  });
});
