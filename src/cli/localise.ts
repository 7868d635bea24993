import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { localiseQuestionnaire, localiseRules, sourceTexts, type Lang, type TextTree } from '../rules/i18n.js';
import type { Questionnaire } from '../rules/questionnaire-schema.js';
import { catalogueFile, mergeTexts, readCatalogue } from '../rules/i18n-catalogue.js';
import type { RuleSet } from '../rules/ruleset.js';
import { UserError } from '../shared/errors.js';

const display = (p: string) => relative(process.cwd(), p) || p;

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
    texts = mergeTexts(texts, readCatalogue(file, lang, english, display).texts);
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
