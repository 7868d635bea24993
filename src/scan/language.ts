import type { ClauseCatalogue } from '../rules/clause-schema.js';

const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/gu;
const HAN = /\p{Script=Han}/gu;
const HANGUL = /\p{Script=Hangul}/gu;
const LETTER = /\p{L}/gu;
const WORD = /[\p{L}'’]+/gu;

const count = (s: string, re: RegExp) => s.match(re)?.length ?? 0;

/**
 * The language of one paragraph, or undefined when it says too little.
 * By script first: kana means Japanese, Hangul Korean, Han without kana
 * Chinese (each when it makes up 30% of the letters). Latin-script text is
 * told apart by counting the stop words each language lists in the
 * catalogue; the language with most hits wins (ties go to the one listed
 * first), and a paragraph with no hit stays undecided.
 */
export function paragraphLanguage(text: string, cat: ClauseCatalogue): string | undefined {
  const letters = count(text, LETTER);
  if (!letters) return undefined;
  const kana = count(text, KANA);
  const han = count(text, HAN);
  const hangul = count(text, HANGUL);
  const byScript = (script: string) => Object.keys(cat.languages).find((l) => cat.languages[l].script === script);
  if (kana && (kana + han) / letters >= 0.3) return byScript('japanese');
  if (hangul / letters >= 0.3) return byScript('hangul');
  if (han / letters >= 0.3) return byScript('han');
  const words = (text.toLowerCase().match(WORD) ?? []).map((w) => w.replace(/^['’]+|['’]+$/g, ''));
  let best: string | undefined;
  let bestHits = 0;
  for (const [code, l] of Object.entries(cat.languages)) {
    if (l.script !== 'latin' || !l.stopwords) continue;
    const set = new Set(l.stopwords);
    const hits = words.filter((w) => set.has(w)).length;
    if (hits > bestHits) {
      best = code;
      bestHits = hits;
    }
  }
  return best;
}

/**
 * The languages of a document: each paragraph's language weighted by its
 * length; every language with at least 10% of the decided text counts (a
 * bilingual draft has two), the largest first. Empty when nothing could be
 * decided.
 */
export function documentLanguages(paragraphs: readonly string[], cat: ClauseCatalogue): string[] {
  const weight = new Map<string, number>();
  let total = 0;
  for (const p of paragraphs) {
    const l = paragraphLanguage(p, cat);
    if (!l) continue;
    weight.set(l, (weight.get(l) ?? 0) + p.length);
    total += p.length;
  }
  const order = Object.keys(cat.languages);
  return [...weight.entries()]
    .filter(([, w]) => w >= total * 0.1)
    .sort((a, b) => b[1] - a[1] || order.indexOf(a[0]) - order.indexOf(b[0]))
    .map(([l]) => l);
}
