import * as z from 'zod';
import { parseRuleFile, validate, type RuleFile } from './load-dir.js';
import { placeholders, type TextTree } from './i18n.js';
import type { Labels } from './ruleset.js';

// The catalogue files of rules/i18n/ (and of a --rules folder's i18n/). A
// catalogue is checked against the English texts it translates: a key the
// English does not have is an error (with a suggestion), a text must keep the
// English text's {placeholders}, lists keep their length. Located errors, as
// for every rule file.

/** Where a rules directory keeps the catalogue of a language. */
export const catalogueName = (lang: string): string => `i18n/${lang}.yaml`;

const sameList = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
const shown = (names: string[]) => (names.length ? names.map((n) => `{${n}}`).join(', ') : 'none');

/** The schema a translation of a tree must meet: the same keys (each optional), texts with the same placeholders. */
export function treeSchema(tree: TextTree | string | (string | undefined)[]): z.ZodType {
  if (typeof tree === 'string') {
    const want = placeholders(tree);
    return z
      .string()
      .min(1)
      .refine((t) => sameList(placeholders(t), want), { message: `a translation keeps the placeholders of the English text (${shown(want)})` });
  }
  if (Array.isArray(tree)) return z.tuple(tree.map((x) => treeSchema(x ?? '')) as [z.ZodType, ...z.ZodType[]]);
  return z.strictObject(Object.fromEntries(Object.entries(tree).map(([k, v]) => [k, treeSchema(v).optional()])));
}

const anyTree: z.ZodType = z.lazy(() => z.union([z.string().min(1), z.array(anyTree), z.record(z.string(), anyTree)]));

/** The header every catalogue starts with. */
const header = (lang: string) => ({
  /** The language's code, the same as the file name. */
  language: z.literal(lang, { error: `language is the code the file is named after: "${lang}"` }),
  /** The language's own name, e.g. "Deutsch". */
  name: z.string().min(1),
});

const englishSchema = z.strictObject({ ...header('en'), labels: z.record(z.string().regex(/^[a-z0-9]+([.-][a-z0-9]+)*$/, 'a label key is dotted kebab-case'), z.string().min(1)) });

/** The report labels of rules/i18n/en.yaml, the English source of the labels. */
export function parseEnglishLabels(file: RuleFile): Labels {
  return (validate(englishSchema, parseRuleFile(file)) as z.infer<typeof englishSchema>).labels;
}

/**
 * Reads a catalogue and checks it against the English texts (the rule set's
 * texts, the questionnaire's and the clause catalogue's when given, and the labels). Returns the texts
 * with the header removed.
 */
export function parseCatalogue(file: RuleFile, lang: string, english: TextTree): { name: string; texts: TextTree } {
  const source = parseRuleFile(file);
  const sections: Record<string, z.ZodType> = Object.fromEntries(Object.entries(english).map(([k, v]) => [k, treeSchema(v).optional()]));
  // The questionnaire's texts are checked only where the questionnaire is loaded (and by the tests).
  sections.questionnaire ??= anyTree.optional();
  // So are the clause catalogue's (rules/clauses.yaml, for scan: see i18n-clauses.ts).
  sections.clauses ??= anyTree.optional();
  const value = validate(z.strictObject({ ...header(lang), ...sections }), source) as { language: string; name: string } & TextTree;
  const { language: _language, name, ...texts } = value;
  void _language;
  return { name: name as string, texts: texts as TextTree };
}

/**
 * One section of a catalogue (e.g. clauses), checked against its English
 * texts as parseCatalogue checks it, for a command that needs only that
 * section; the other sections are left to the parse that reads them.
 */
export function parseCatalogueSection(file: RuleFile, lang: string, section: string, english: TextTree): TextTree | undefined {
  const value = validate(z.looseObject({ ...header(lang), [section]: treeSchema(english).optional() }), parseRuleFile(file)) as Record<string, unknown>;
  return value[section] as TextTree | undefined;
}

/** Lays one tree of texts over another (the later catalogue wins, key by key). */
export function mergeTexts(base: TextTree, over: TextTree): TextTree {
  const out: TextTree = Array.isArray(base) ? ([...base] as unknown as TextTree) : { ...base };
  for (const [k, v] of Object.entries(over)) {
    const b = (out as Record<string, unknown>)[k];
    (out as Record<string, unknown>)[k] =
      v !== null && typeof v === 'object' && b !== null && typeof b === 'object' ? mergeTexts(b as TextTree, v as TextTree) : v;
  }
  return out;
}
