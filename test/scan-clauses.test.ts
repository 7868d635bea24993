// The clause catalogue (rules/clauses.yaml): every pattern fires on its
// examples and stays quiet on its near misses, through the whole scanner
// (paragraph joining, NFKC, sentence and location), not only the regex; and a
// bad catalogue is an error at its line.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCatalogue } from '../src/scan/catalogue.js';
import { builtinCatalogue } from '../src/cli/scan.js';
import { scanDocument, parseYears } from '../src/scan/scan.js';
import { paragraphLanguage } from '../src/scan/language.js';
import { UserError } from '../src/shared/errors.js';
import { ROOT } from './helpers/engine.js';

const cat = builtinCatalogue();
const doc = (text: string) => ({ file: 'x.txt', format: 'txt' as const, lines: [{ text, paragraph: 1, line: 1 }] });

describe('every clause pattern', () => {
  for (const clause of cat.clauses) {
    for (const p of clause.patterns) {
      describe(`${clause.id} [${p.lang}]`, () => {
        for (const s of p.fires) {
          it(`fires: ${s}`, () => {
            const r = scanDocument(doc(s), cat, p.lang);
            expect(r.clauses.map((c) => c.id)).toContain(clause.id);
            const found = r.clauses.find((c) => c.id === clause.id)!;
            expect(found).toMatchObject({ category: clause.category, paragraph: 1, line: 1, page: null });
            expect(s.normalize('NFKC')).toContain(found.text.replace(/…/g, '').slice(0, 20));
          });
        }
        for (const s of p.quiet) {
          it(`stays quiet: ${s}`, () => {
            expect(scanDocument(doc(s), cat, p.lang).clauses.map((c) => c.id)).not.toContain(clause.id);
          });
        }
      });
    }
  }

  it('covers at least the seven languages for every clause', () => {
    for (const c of cat.clauses)
      expect(new Set(c.patterns.map((p) => p.lang))).toEqual(new Set(['en', 'de', 'fr', 'it', 'ja', 'ko', 'zh']));
  });

  it('names a documented source for the political clauses, and every source is used', () => {
    const used = new Set(cat.clauses.flatMap((c) => c.patterns.map((p) => p.source)).filter(Boolean));
    expect([...used].sort()).toEqual(Object.keys(cat.sources).sort());
    for (const id of ['one-china', 'diplomatic-relations-principles', 'sovereignty-territory', 'national-initiative']) {
      expect(cat.clauses.find((c) => c.id === id)!.patterns.some((p) => p.source)).toBe(true);
    }
  });

  it('detects each language of the examples by script and stop words', () => {
    for (const c of cat.clauses)
      for (const p of c.patterns) for (const s of p.fires) if (s.length > 30) expect([s, paragraphLanguage(s, cat)]).toEqual([s, p.lang]);
  });
});

describe('a benign cultural exchange', () => {
  const benign = [
    'The City of Lyon and the City of Nagoya agree to promote exchanges in culture, education, youth and sport on the basis of equality and mutual benefit.',
    'Each year the cities will invite a school orchestra and an exhibition of local artists.',
    'Each party shall bear its own costs.',
    '両市は平等と互恵の原則に基づき、文化、教育、青少年及びスポーツの交流を促進する。',
    '双方本着平等互利的原则，促进文化、教育、青年和体育交流。',
    'Die Städte fördern den Austausch in Kultur, Bildung, Jugend und Sport.',
  ];
  it('raises nothing political', () => {
    const r = scanDocument(
      { file: 'b.txt', format: 'txt', lines: benign.map((text, i) => ({ text, paragraph: i + 1, line: i + 1 })) },
      cat,
    );
    expect(r.clauses.filter((c) => c.category === 'political')).toEqual([]);
    expect(r.facts['agreement.foreign_policy_clauses']).toBeUndefined();
    expect(r.facts['agreement.exit_clause']).toMatchObject({ value: false, clause: null });
    expect(r.facts['agreement.exit_clause']!.caveat).toMatch(/complete text/);
  });
});

describe('years', () => {
  it('reads digits, words and CJK numerals', () => {
    expect(parseYears('5', 'en', cat)).toBe(5);
    expect(parseYears('five', 'en', cat)).toBe(5);
    expect(parseYears('fünf', 'de', cat)).toBe(5);
    expect(parseYears('五', 'zh', cat)).toBe(5);
    expect(parseYears('十', 'zh', cat)).toBe(10);
    expect(parseYears('十五', 'ja', cat)).toBe(15);
    expect(parseYears('二十', 'zh', cat)).toBe(20);
    expect(parseYears('many', 'en', cat)).toBeUndefined();
  });
  it('puts the number in the fact', () => {
    const r = scanDocument(doc('This agreement shall remain in force for ten years.'), cat);
    expect(r.facts['agreement.duration_years']).toMatchObject({ value: 10, clause: { id: 'duration' } });
  });
});

describe('the catalogue is checked on load', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cdrisk-clauses-'));
  const text = readFileSync(`${ROOT}rules/clauses.yaml`, 'utf8');
  const broken = (from: string, to: string) => {
    expect(text).toContain(from);
    const file = join(dir, 'clauses.yaml');
    writeFileSync(file, text.replace(from, to));
    try {
      readCatalogue(file);
    } catch (err) {
      expect(err).toBeInstanceOf(UserError);
      return (err as UserError).format();
    }
    throw new Error('no error');
  };
  const lineOf = (needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length;

  it('a regex that does not compile, at its line', () => {
    expect(broken("regex: '\\bone[- ]china", "regex: '(\\bone[- ]china")).toMatch(
      new RegExp(`clauses\\.yaml:${lineOf("regex: '\\bone[- ]china")}:\\d+: invalid regular expression`),
    );
  });
  it('an example the pattern misses', () => {
    expect(broken("'Either party may terminate", "'Either party may stop")).toMatch(
      /clauses\.yaml:\d+:\d+: the pattern does not fire on this example/,
    );
  });
  it('an unknown key, with a suggestion', () => {
    expect(broken('    advice: A position on a dispute', '    advise: A position on a dispute')).toMatch(
      /unknown key "advise": did you mean "advice"\?/,
    );
  });
  it('an unknown source or language', () => {
    expect(broken('source: hoover-2018', 'source: hoover-2019')).toMatch(/unknown source "hoover-2019"/);
    expect(broken('      - lang: ko\n', '      - lang: kr\n')).toMatch(/unknown language "kr"/);
  });
  it('a number of years without its capture', () => {
    expect(broken('(?<n>\\d{1,3})\\s?년', '(\\d{1,3})\\s?년')).toMatch(/capture it as \(\?<n>/);
  });
});
