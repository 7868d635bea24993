// The HTML briefing in German, Japanese and Korean holds no English word of
// its own: every heading, caption, table head, title, aria-label and SVG text
// comes from the html.* labels of rules/i18n/<lang>.yaml. What still reads
// English here is data other parts of cdrisk write (filtered below, each
// filter naming where its text comes from).
import { describe, expect, it } from 'vitest';
import { readSourceRuleSet } from '../src/cli/rule-files.js';
import { cli } from './helpers/cli.js';
import { englishWords } from './helpers/english-words.js';
import { RULES_DIR } from './helpers/engine.js';

const CRITICAL = 'fixtures/port-stake-state-investor.yaml';
const SECOND = 'fixtures/japan-korea-twinning.yaml';
const INVALID = 'fixtures/invalid/bad-country.yaml';
const TODAY = '2026-12-02';
const { rules } = readSourceRuleSet(RULES_DIR);

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", shy: '' };
const unescape = (s: string) => s.replace(/&(amp|lt|gt|quot|#39|shy);/g, (_, e: string) => ENTITIES[e]);

/**
 * The obligations section comes whole from obligations-section.ts, which the
 * markdown helper translates (issue 16); html.ts only hooks it in.
 */
function withoutObligationsSection(html: string): string {
  return html.replace(/<section aria-labelledby="[^"]*-o-h">[\s\S]*?<\/section>/g, ' ');
}

/** What a reader sees or hears: text nodes, and the title and aria-label values; no style, no other attribute. */
function visibleText(html: string): string {
  // Code spans hold field paths and ids, as in the markdown report.
  const body = withoutObligationsSection(html)
    .replace(/<style>[\s\S]*?<\/style>/g, ' ')
    .replace(/<code>[^<]*<\/code>/g, ' ');
  const spoken = [...body.matchAll(/\s(?:title|aria-label)="([^"]*)"/g)].map((m) => m[1]);
  const text = body.replace(/<[^>]*>/g, ' ');
  return unescape([text, ...spoken].join('\n'));
}

/** Every `note` of the JSON report: the engine's evidence notes (regime data, tension descriptions), translated by the engine helper. */
function engineNotes(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) engineNotes(v, out);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === 'note' && typeof v === 'string') out.push(v);
      else engineNotes(v, out);
    }
  }
  return out;
}

/** What the partnership file itself says (its title, the values quoted as evidence): the user's words, shown as written. */
function fileTexts(report: { results: { title?: string; findings?: unknown }[] }): string[] {
  const values: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (k === 'value' && typeof x === 'string') values.push(x);
        else if (k === 'value' && Array.isArray(x)) values.push(x.map(String).join(', '));
        else walk(x);
      }
    }
  };
  walk(report.results);
  return [...report.results.flatMap((r) => (r.title ? [r.title] : [])), ...values];
}

/** The messages of a file that could not be assessed: the partnership format's errors, not translated yet (README). */
function loaderMessages(report: { results: { errors?: { message: string }[] }[] }): string[] {
  return report.results.flatMap((r) => (r.errors ?? []).map((e) => e.message));
}

/** Titles of works, authors, citations and licences (rules/sources.yaml, countries.yaml): bibliographic data, cited as published. */
const BIBLIOGRAPHY = [
  ...Object.values(rules.sources).flatMap((s) => [
    s.citation,
    s.title,
    ...(s.short ? [s.short.title, s.short.authors, s.short.publisher] : []),
  ]),
  rules.countries.source.title,
  rules.countries.source.citation,
  rules.countries.source.licence,
].filter((s): s is string => typeof s === 'string' && s.length > 0);

/** The visible text without the data named above, longest strings first so that a shorter one inside a longer one cannot split it. */
function ownWords(html: string, outside: readonly string[]): string {
  let text = visibleText(html);
  for (const s of [...outside, ...BIBLIOGRAPHY].sort((a, b) => b.length - a.length)) text = text.split(s).join(' ');
  return text;
}

/** The page in `lang`, and the texts on it that come from outside html.ts (engine notes, the file's own words). */
async function page(lang: string, files: string[]): Promise<{ html: string; outside: string[] }> {
  const args = (format: string) => ['assess', ...files, '--lang', lang, '--format', format, '--today', TODAY];
  const html = await cli(args('html'));
  const json = await cli(args('json'));
  expect(html.stderr).toBe('');
  const report = JSON.parse(json.stdout) as Parameters<typeof fileTexts>[0] & Parameters<typeof loaderMessages>[0];
  return { html: html.stdout, outside: [...engineNotes(report), ...fileTexts(report), ...loaderMessages(report)] };
}

/** Words that are German as much as English ("in Worten", "in der Stufe"). */
const SAME_IN: Record<string, string[]> = { de: ['in'], ja: [], ko: [] };

describe.each(['de', 'ja', 'ko'])('the HTML briefing in %s', (lang) => {
  it('holds no English word of its own (port stake, critical)', async () => {
    const { html, outside } = await page(lang, [CRITICAL]);
    expect(html).toContain(`<html lang="${lang}">`);
    expect(englishWords(ownWords(html, outside), SAME_IN[lang])).toEqual([]);
  });

  it('holds no English word of its own in a portfolio, an active partnership and an invalid file among them', async () => {
    const { html, outside } = await page(lang, [CRITICAL, SECOND, INVALID]);
    expect(html).toContain('class="partnership invalid"');
    expect(html).toContain('aria-labelledby="p2-m-h"');
    expect(html).toContain(`<html lang="${lang}">`);
    expect(englishWords(ownWords(html, outside), SAME_IN[lang])).toEqual([]);
  });

  it('names CJK fonts for Japanese and Korean text', async () => {
    const { html } = await page(lang, [CRITICAL]);
    expect(html).toMatch(/:lang\(ja\)[^{]*\{[^}]*"Noto Sans CJK JP"/);
    expect(html).toMatch(/:lang\(ko\)[^{]*\{[^}]*"Noto Sans CJK KR"/);
  });
});
