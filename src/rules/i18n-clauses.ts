import type { ClauseCatalogue } from './clause-schema.js';
import { lookup, type TextMapper, type TextTree } from './i18n.js';

// Translation of the clause catalogue (rules/clauses.yaml), as i18n.ts does
// for the rule data: the English stays in the clause file, a catalogue
// rules/i18n/<lang>.yaml holds the same texts under `clauses:`, keyed by
// clause id and field (title, advice, caveat). Only the texts a report shows
// change: ids, categories, patterns, examples and what a clause implies stay.

/** The section of a catalogue that holds the clause texts. */
export const CLAUSES_SECTION = 'clauses';

/** A copy of the clause catalogue with every text a person reads passed through f. */
export function mapClauseTexts(cat: ClauseCatalogue, f: TextMapper): ClauseCatalogue {
  return {
    ...cat,
    clauses: cat.clauses.map((c) => {
      const p = [CLAUSES_SECTION, c.id];
      const out = { ...c, title: f([...p, 'title'], c.title), advice: f([...p, 'advice'], c.advice) };
      if (c.absent) out.absent = { ...c.absent, caveat: f([...p, 'caveat'], c.absent.caveat) };
      return out;
    }),
  };
}

/** Every text of the clause catalogue, as the `clauses:` section a catalogue must match. */
export function clauseSourceTexts(cat: ClauseCatalogue): TextTree {
  const section: Record<string, Record<string, string>> = {};
  mapClauseTexts(cat, ([, id, field], text) => {
    (section[id as string] ??= {})[field as string] = text;
    return text;
  });
  return { [CLAUSES_SECTION]: section };
}

/**
 * The clause catalogue in a catalogue's language. A text is replaced only
 * where it is the English text the catalogue translates (`english`, the
 * shipped clause file's texts): a clause file of one's own (scan --clauses)
 * keeps its own wording where it differs, rather than showing a translation
 * of something else.
 */
export function localiseClauses(cat: ClauseCatalogue, texts: TextTree, english: TextTree = clauseSourceTexts(cat)): ClauseCatalogue {
  return mapClauseTexts(cat, (path, text) => (lookup(english, path) === text ? (lookup(texts, path) ?? text) : text));
}
