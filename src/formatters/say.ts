// The words a formatter puts around the data, from the rule set's labels
// (rules/i18n/en.yaml, or the catalogue of --lang), and dates and numbers in
// the conventions of the report's language (Intl). A formatter never writes an
// English word of its own: it asks `say` for it by key.
import { fillTemplate } from '../rules/i18n.js';
import type { RuleSet } from '../rules/ruleset.js';
import type { Level } from '../shared/levels.js';
import { formatDate, formatNumber } from '../shared/intl.js';

export { formatDate, formatNumber };

type Vars = Record<string, string | number>;

export interface Say {
  /** The label `key`, its {placeholders} filled from `vars`. */
  (key: string, vars?: Vars): string;
  /** The label `key.one` when `count` is 1, else `key.other`, with {count} filled. */
  count(key: string, count: number, vars?: Vars): string;
  /** A level's name in the report's language (foresight.terms), the id when it has none. */
  level(level: Level): string;
  /** A level as a verdict shows it: the uppercase id where the language names it by its id (English), else its name. */
  levelMark(level: Level): string;
  /** An ISO date (YYYY-MM-DD) as the language writes it; English keeps the ISO form. */
  date(iso: string): string;
  /** A number with the language's separators; English keeps the plain form. */
  number(n: number): string;
  /** The report's language (BCP 47). */
  readonly lang: string;
}

/** A `say` for a rule set's labels in `lang` (English when absent). */
export function makeSay(rules: Pick<RuleSet, 'labels' | 'foresight'>, lang = 'en'): Say {
  const labels = rules.labels;
  const text = (key: string): string => {
    const t = labels[key];
    if (t === undefined) throw new Error(`no report label "${key}" in rules/i18n/en.yaml`);
    return t;
  };
  const say = ((key: string, vars: Vars = {}) => fillTemplate(text(key), vars)) as Say;
  say.count = (key, count, vars = {}) => {
    const one = `${key}.one`;
    const chosen = count === 1 && labels[one] !== undefined ? one : `${key}.other`;
    return fillTemplate(text(chosen), { ...vars, count: formatNumber(lang, count) });
  };
  say.level = (level) => rules.foresight.terms?.levels[level] ?? level;
  say.levelMark = (level) => {
    const name = say.level(level);
    return name === level ? level.toUpperCase() : name;
  };
  say.date = (iso) => formatDate(lang, iso);
  say.number = (n) => formatNumber(lang, n);
  Object.defineProperty(say, 'lang', { value: lang });
  return say;
}
