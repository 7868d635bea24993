import type { ClauseCatalogue, CompiledClause, FactPath } from '../rules/clause-schema.js';
import { documentLanguages } from './language.js';
import type { DocLine, DraftDocument } from './types.js';

export interface ClauseLocation {
  page: number | null;
  paragraph: number;
  line: number | null;
}

export interface FoundClause extends ClauseLocation {
  id: string;
  category: string;
  /** The sentence the pattern matched in, as read (white space collapsed, NFKC). */
  text: string;
  implies: Partial<Record<FactPath, boolean | number>>;
}

export interface ImpliedFact {
  value: boolean | number;
  /** The clause it comes from (the first in the text), or null for what the text leaves out. */
  clause: (ClauseLocation & { id: string }) | null;
  caveat?: string;
}

export interface ScanResult {
  file: string;
  /** The main language (ISO 639-1), or null when none could be told. */
  language: string | null;
  clauses: FoundClause[];
  facts: Partial<Record<FactPath, ImpliedFact>>;
  /** Set when the draft could not be read; the rest is then empty. */
  error?: string;
}

interface Paragraph {
  text: string;
  /** Offset in `text` where each line starts, with the line. */
  starts: { at: number; line: DocLine }[];
}

/**
 * Text as the scanner reads it: NFKC, white space collapsed, and without
 * control and format characters (escape sequences, bidirectional overrides),
 * so that nothing from a draft reaches a terminal or a CI log raw.
 */
export function clean(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\p{Cc}\p{Cf}\u2028\u2029]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}、。，；：！？「」（）]/u;

/** Joins the lines of each paragraph: with a space, or with nothing between two CJK characters. */
function paragraphs(lines: readonly DocLine[]): Paragraph[] {
  const out: Paragraph[] = [];
  let cur: Paragraph | undefined;
  let last: number | undefined;
  for (const line of lines) {
    const t = clean(line.text);
    if (!t) continue;
    if (!cur || line.paragraph !== last) {
      cur = { text: '', starts: [] };
      out.push(cur);
      last = line.paragraph;
    }
    if (cur.text && !(CJK.test(cur.text.at(-1)!) && CJK.test(t[0]))) cur.text += ' ';
    cur.starts.push({ at: cur.text.length, line });
    cur.text += t;
  }
  return out;
}

const END = /[。！？]|[.!?](?=\s|$)/gu;
const MAX_SENTENCE = 400;

/** The sentence around [from, to) in a paragraph, cut to MAX_SENTENCE characters around the match. */
function sentenceAround(text: string, from: number, to: number): string {
  let start = 0;
  let end = text.length;
  END.lastIndex = 0;
  for (let m = END.exec(text); m; m = END.exec(text)) {
    const after = m.index + m[0].length;
    if (after <= from) start = after;
    else if (m.index >= to - 1) {
      end = after;
      break;
    }
  }
  let s = text.slice(start, end).trim();
  if (s.length > MAX_SENTENCE) {
    const rel = from - start;
    const a = Math.max(0, rel - 150);
    s = `${a > 0 ? '…' : ''}${s.slice(a, a + MAX_SENTENCE).trim()}…`;
  }
  return s;
}

function lineAt(p: Paragraph, offset: number): DocLine {
  let hit = p.starts[0].line;
  for (const s of p.starts) if (s.at <= offset) hit = s.line;
  return hit;
}

/** A number of years as written: digits, a number word of the language, or CJK numerals (五, 十五, 二十). */
export function parseYears(raw: string, lang: string, cat: ClauseCatalogue): number | undefined {
  if (/^\d+$/.test(raw)) return Number(raw);
  const words = cat.languages[lang]?.numbers ?? {};
  const word = words[raw.toLowerCase()];
  if (word !== undefined) return word;
  const chars = [...raw];
  if (!chars.every((c) => words[c] !== undefined)) return undefined;
  // Positional CJK numerals up to 99: [digit]十[digit].
  const ten = chars.findIndex((c) => words[c] === 10);
  if (ten < 0) return chars.length === 1 ? words[chars[0]] : undefined;
  const tens = ten === 0 ? 1 : words[chars[ten - 1]];
  const units = ten === chars.length - 1 ? 0 : words[chars[ten + 1]];
  if (ten > 1 || chars.length - ten > 2) return undefined;
  return tens * 10 + units;
}

/**
 * Finds the catalogue's clauses in a draft. `lang` forces one language;
 * otherwise the patterns of every language the document is written in are
 * applied (see documentLanguages), and of all languages when none can be
 * told. A clause is reported once per paragraph, at the line where its first
 * match starts.
 */
export function scanDocument(doc: DraftDocument, cat: ClauseCatalogue, lang: string | 'auto' = 'auto'): ScanResult {
  const paras = paragraphs(doc.lines);
  const detected =
    lang === 'auto'
      ? documentLanguages(
          paras.map((p) => p.text),
          cat,
        )
      : [lang];
  const apply = detected.length ? detected : Object.keys(cat.languages);
  const clauses: FoundClause[] = [];
  paras.forEach((p) => {
    for (const clause of cat.clauses) {
      const hit = firstMatch(clause, p.text, apply);
      if (!hit) continue;
      const line = lineAt(p, hit.index);
      const implies: FoundClause['implies'] = {};
      let usable = true;
      for (const [k, v] of Object.entries(clause.implies) as [FactPath, boolean | '$n'][]) {
        if (v !== '$n') implies[k] = v;
        else {
          const n = hit.n !== undefined ? parseYears(hit.n, hit.lang, cat) : undefined;
          if (n === undefined || n <= 0) usable = false;
          else implies[k] = n;
        }
      }
      if (!usable) continue;
      clauses.push({
        id: clause.id,
        category: clause.category,
        text: sentenceAround(p.text, hit.index, hit.index + hit.length),
        page: line.page ?? null,
        paragraph: line.paragraph,
        line: line.line ?? null,
        implies,
      });
    }
  });
  // In reading order: page, paragraph, line; the catalogue's order within a line.
  const rank = new Map(cat.clauses.map((c, i) => [c.id, i]));
  clauses.sort(
    (a, b) =>
      (a.page ?? 0) - (b.page ?? 0) || a.paragraph - b.paragraph || (a.line ?? 0) - (b.line ?? 0) || rank.get(a.id)! - rank.get(b.id)!,
  );
  return { file: doc.file, language: detected[0] ?? null, clauses, facts: impliedFacts(clauses, cat) };
}

function firstMatch(
  clause: CompiledClause,
  text: string,
  langs: readonly string[],
): { index: number; length: number; n?: string; lang: string } | undefined {
  let best: { index: number; length: number; n?: string; lang: string } | undefined;
  for (const p of clause.patterns) {
    if (!langs.includes(p.lang)) continue;
    const m = p.re.exec(text);
    if (m && (!best || m.index < best.index)) best = { index: m.index, length: m[0].length, n: m.groups?.n, lang: p.lang };
  }
  return best;
}

/** What the clauses imply, each fact from its first clause in the text; what a complete text leaves out, with its caveat. */
export function impliedFacts(clauses: readonly FoundClause[], cat: ClauseCatalogue): ScanResult['facts'] {
  const facts: ScanResult['facts'] = {};
  for (const c of clauses) {
    for (const [k, v] of Object.entries(c.implies) as [FactPath, boolean | number][]) {
      if (facts[k]) continue;
      facts[k] = { value: v, clause: { id: c.id, page: c.page, paragraph: c.paragraph, line: c.line } };
    }
  }
  for (const entry of cat.clauses) {
    if (!entry.absent || facts[entry.absent.fact]) continue;
    facts[entry.absent.fact] = { value: entry.absent.value, clause: null, caveat: entry.absent.caveat };
  }
  return Object.fromEntries(Object.entries(facts).sort(([a], [b]) => a.localeCompare(b)));
}
