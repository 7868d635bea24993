// The texts of the clause catalogue (rules/clauses.yaml: each clause's title
// and advice, the caveat of what a draft leaves out) in German, Japanese and
// Korean: a scan report in another language quotes the draft's own sentences
// and nothing else in English, and the JSON stays the same in every language.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './helpers/cli.js';
import { englishWords } from './helpers/english-words.js';
import { RULES_DIR } from './helpers/engine.js';
import type { ScanResult } from '../src/scan/scan.js';
import { builtinCatalogue } from '../src/cli/scan.js';
import { readSourceRuleSet } from '../src/cli/rule-files.js';
import { catalogueFile, readCatalogueFile } from '../src/cli/localise.js';
import { parseCatalogue, parseCatalogueSection } from '../src/rules/i18n-catalogue.js';
import { leaves, sourceTexts, type TextTree } from '../src/rules/i18n.js';
import { clauseSourceTexts, localiseClauses } from '../src/rules/i18n-clauses.js';
import { UserError } from '../src/shared/errors.js';

const OTHER = ['de', 'ja', 'ko'] as const;
const DRAFTS = ['fixtures/drafts/en-xiamen-mou.pdf', 'fixtures/drafts/en-benign-twinning.txt'] as const;

/** "in" is a German word too (in Kraft). */
const allowed = (lang: string) => (lang === 'de' ? ['in'] : []);

const scan = async (file: string, format: string, lang?: string) => {
  const r = await cli(['scan', file, '-f', format, ...(lang ? ['--lang', lang] : [])]);
  expect(r.code, r.stderr).toBe(0);
  return r.stdout;
};

/** The sentences the scan quotes from the draft, as its JSON gives them. */
const quoted = async (file: string) =>
  (JSON.parse(await scan(file, 'json')) as { results: ScanResult[] }).results.flatMap((r) => r.clauses.map((c) => c.text));

/**
 * The report without the sentences quoted from the draft, which stay in the
 * draft's language: in the markdown the sentence column (markdown escapes
 * dropped first), in the table the third column, whose cells wrap them.
 */
function withoutDraftSentences(report: string, format: 'table' | 'markdown', sentences: readonly string[]): string {
  if (format === 'markdown') return sentences.reduce((text, s) => text.split(s).join(' '), report.replace(/\\(.)/g, '$1'));
  return report
    .split('\n')
    .map((line) => {
      const cells = line.split('│');
      return cells.length === 5 ? [...cells.slice(0, 3), ' ', ...cells.slice(4)].join('│') : line;
    })
    .join('\n');
}

const cat = builtinCatalogue();
const english = { ...sourceTexts(readSourceRuleSet(RULES_DIR).rules), ...clauseSourceTexts(cat) };
const catalogue = (lang: string) => parseCatalogue(readCatalogueFile(catalogueFile(RULES_DIR, lang)), lang, english).texts;

describe('the clauses: section of the catalogues', () => {
  it('the English texts are every title and advice, and the caveat of what a draft leaves out', () => {
    const texts = leaves(clauseSourceTexts(cat)).map((l) => l.path.join('.'));
    expect(texts).toHaveLength(cat.clauses.length * 2 + cat.clauses.filter((c) => c.absent).length);
    expect(texts).toContain('clauses.termination.caveat');
  });

  it.each(OTHER)('%s translates every clause text (checked key for key by test/i18n.test.ts)', (lang) => {
    const local = localiseClauses(cat, catalogue(lang));
    local.clauses.forEach((c, i) => {
      const en = cat.clauses[i];
      expect([c.id, c.category, c.implies, c.patterns]).toEqual([en.id, en.category, en.implies, en.patterns]);
      expect(c.title, c.id).not.toBe(en.title);
      expect(c.advice, c.id).not.toBe(en.advice);
      if (en.absent) expect({ ...c.absent, caveat: '' }).toEqual({ ...en.absent, caveat: '' });
      if (en.absent) expect(c.absent!.caveat, c.id).not.toBe(en.absent.caveat);
    });
  });

  it('an unknown clause id or field is an error at its line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cdrisk-clauses-'));
    const problem = (text: string) => {
      const file = join(dir, 'de.yaml');
      writeFileSync(file, `language: de\nname: Deutsch\n${text}`);
      try {
        parseCatalogue(readCatalogueFile(file), 'de', english);
      } catch (err) {
        if (err instanceof UserError) return err;
        throw err;
      }
      throw new Error('no error');
    };
    const id = problem('clauses:\n  one-chin:\n    title: Ein China\n');
    expect([id.message, id.line]).toEqual(['clauses.one-chin: unknown key "one-chin"', 4]);
    const field = problem('clauses:\n  duration:\n    caveat: keiner\n');
    expect([field.message, field.line]).toEqual(['clauses.duration.caveat: unknown key "caveat"', 5]);
    // scan reads the section alone, with the same check.
    const section = (() => {
      try {
        parseCatalogueSection(readCatalogueFile(join(dir, 'de.yaml')), 'de', 'clauses', clauseSourceTexts(cat).clauses as TextTree);
      } catch (err) {
        return err as UserError;
      }
    })();
    expect([section?.message, section?.line]).toEqual(['clauses.duration.caveat: unknown key "caveat"', 5]);
  });
});

describe('scan --clauses with a clause file of ones own', () => {
  it('keeps its own wording where it differs from the shipped file, and translates the rest', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cdrisk-clauses-'));
    const own = join(dir, 'clauses.yaml');
    const shipped = readFileSync(join(RULES_DIR, 'clauses.yaml'), 'utf8');
    writeFileSync(own, shipped.replace('title: Automatic renewal', 'title: Renewed unless notice is given'));
    const m = (await cli(['scan', DRAFTS[0], '-f', 'markdown', '--lang', 'de', '--clauses', own])).stdout;
    expect(m).toContain('Renewed unless notice is given');
    expect(m).toContain('Eine feste Laufzeit');
  });
});

describe.each(OTHER)('cdrisk scan --lang %s: the clause texts in the language', (lang) => {
  it.each(DRAFTS)('%s: table and markdown hold no English word but the draft sentences', async (file) => {
    const sentences = await quoted(file);
    for (const format of ['table', 'markdown'] as const) {
      const report = await scan(file, format, lang);
      expect(englishWords(withoutDraftSentences(report, format, sentences), allowed(lang)), `${format}\n${report}`).toEqual([]);
    }
  });

  it.each(DRAFTS)('%s: the JSON is the English JSON', async (file) => {
    expect(await scan(file, 'json', lang)).toBe(await scan(file, 'json'));
  });
});

describe('the filter of draft sentences', () => {
  it('leaves the English of an English report (so the test above can fail)', async () => {
    const file = DRAFTS[0];
    const sentences = await quoted(file);
    for (const format of ['table', 'markdown'] as const) {
      const report = withoutDraftSentences(await scan(file, format), format, sentences);
      expect(englishWords(report)).toEqual(expect.arrayContaining(['the', 'and']));
      for (const s of sentences) expect(report).not.toContain(s);
    }
  });
});
