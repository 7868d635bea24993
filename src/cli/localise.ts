import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { readInputFile } from '../load/read-input.js';
import { MAX_RULE_FILE_BYTES, type RuleFile } from '../rules/load-dir.js';
import { localiseQuestionnaire, localiseRules, sourceTexts, type Lang, type TextTree } from '../rules/i18n.js';
import type { Questionnaire } from '../rules/questionnaire-schema.js';
import { catalogueName, mergeTexts, parseCatalogue, parseCatalogueSection } from '../rules/i18n-catalogue.js';
import { CLAUSES_SECTION, clauseSourceTexts, localiseClauses } from '../rules/i18n-clauses.js';
import type { ClauseCatalogue } from '../rules/clause-schema.js';
import type { RuleSet } from '../rules/ruleset.js';
import { UserError } from '../shared/errors.js';

const display = (p: string) => relative(process.cwd(), p) || p;

/** rules/i18n/<lang>.yaml under a rules directory. */
export const catalogueFile = (rulesDir: string, lang: string): string => join(rulesDir, catalogueName(lang));

/** Reads a catalogue file for the rules layer to parse; a problem names the file. */
export function readCatalogueFile(path: string): RuleFile {
  const name = display(path);
  const got = readInputFile(path, MAX_RULE_FILE_BYTES);
  if ('problem' in got) throw new UserError(got.problem.replace('cannot read file:', 'cannot read catalogue:'), { file: name });
  return { name, bytes: got.bytes };
}

/**
 * The texts of a language, from the built-in catalogue (the first directory,
 * which must have one) and the i18n/<lang>.yaml of each --rules directory that
 * brings one, later ones winning; each checked against the English texts of
 * the merged rule set, so that a pack can translate its own rules.
 */
export function catalogueTexts(rules: RuleSet, lang: Lang, dirs: readonly string[], english: TextTree = sourceTexts(rules)): TextTree {
  let texts: TextTree = {};
  dirs.forEach((dir, i) => {
    const file = catalogueFile(dir, lang);
    if (!existsSync(file)) {
      if (i === 0) throw new UserError(`no catalogue for language "${lang}" (${display(file)} is missing)`);
      return;
    }
    texts = mergeTexts(texts, parseCatalogue(readCatalogueFile(file), lang, english).texts);
  });
  return texts;
}

/** The rule set in another language: only texts change. */
export function localise(rules: RuleSet, lang: Lang, dirs: readonly string[]): RuleSet {
  return localiseRules(rules, catalogueTexts(rules, lang, dirs));
}

/**
 * The questionnaire in another language. The rule set may already be
 * localised: the check compares keys and placeholders, which translation keeps.
 */
export function localiseInterview(q: Questionnaire, rules: RuleSet, lang: Lang, dirs: readonly string[]): Questionnaire {
  return localiseQuestionnaire(q, catalogueTexts(rules, lang, dirs, sourceTexts(rules, q)));
}

/**
 * The clause catalogue in another language (the titles, advice and caveats
 * scan reports), from the clauses: section of the built-in catalogue under
 * rulesDir, checked against the shipped clause file's texts (`shipped`); a
 * clause file of one's own keeps its wording wherever it differs from the
 * shipped one.
 */
export function localiseClauseCatalogue(cat: ClauseCatalogue, shipped: ClauseCatalogue, lang: Lang, rulesDir: string): ClauseCatalogue {
  const english = clauseSourceTexts(shipped);
  const section = parseCatalogueSection(
    readCatalogueFile(catalogueFile(rulesDir, lang)),
    lang,
    CLAUSES_SECTION,
    english[CLAUSES_SECTION] as TextTree,
  );
  return section ? localiseClauses(cat, { [CLAUSES_SECTION]: section }, english) : cat;
}
