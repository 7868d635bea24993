// The words of the notes the engine writes beside evidence, an obligation's
// deadline and the reason a law gives: labels `engine.*` of rules/i18n/en.yaml
// (or the catalogue of --lang), filled from the data. Amounts, shares and
// dates follow the report's language; English keeps the plain forms (and the
// ids of vocabulary values) that its reports have always had.
import { fillTemplate } from '../rules/i18n.js';
import type { RuleSet } from '../rules/ruleset.js';
import { formatDate, formatNumber } from '../shared/intl.js';
import { formatAmount } from './money.js';

type Vars = Record<string, string | number>;

export interface EngineWords {
  /** The label `engine.<key>`, its {placeholders} filled from `vars`. */
  (key: string, vars?: Vars): string;
  /** The label `engine.<key>` when the labels have it, else the fallback. */
  optional(key: string, fallback: string, vars?: Vars): string;
  /** A vocabulary value: its name in the report's language; English keeps the id. */
  term(field: string, value: string): string;
  /** An ISO date as the language writes it. */
  date(iso: string): string;
  /** An amount: whole above 100, up to two decimals below (see formatAmount). */
  amount(n: number): string;
  /** A number with the language's separators; English keeps the plain form. */
  number(n: number): string;
  /** A share (0.015) as a percentage ("1.5%"), to two significant digits under one per cent. */
  percent(share: number): string;
  /** Texts joined with the language's separator between notes (engine.join). */
  join(parts: readonly string[]): string;
}

export function engineWords(rules: Pick<RuleSet, 'labels' | 'vocabulary'>, lang = 'en'): EngineWords {
  const labels = rules.labels;
  const text = (key: string): string => {
    const t = labels[`engine.${key}`];
    if (t === undefined) throw new Error(`no report label "engine.${key}" in rules/i18n/en.yaml`);
    return t;
  };
  const words = ((key: string, vars: Vars = {}) => fillTemplate(text(key), vars)) as EngineWords;
  words.optional = (key, fallback, vars = {}) => {
    const t = labels[`engine.${key}`];
    return t === undefined ? fallback : fillTemplate(t, vars);
  };
  words.term = (field, value) => (lang === 'en' ? value : (rules.vocabulary[field]?.[value] ?? value));
  words.date = (iso) => formatDate(lang, iso);
  words.amount = (n) =>
    lang === 'en' ? formatAmount(n) : formatNumber(lang, Math.abs(n) < 100 ? Math.round(n * 100) / 100 : Math.round(n), 2);
  words.number = (n) => formatNumber(lang, n);
  words.percent = (share) => {
    const pct = share * 100;
    const rounded = pct >= 1 ? Math.round(pct * 10) / 10 : Number(pct.toPrecision(2));
    return words('percent', { number: lang === 'en' ? String(rounded) : formatNumber(lang, rounded, 10) });
  };
  words.join = (parts) => parts.join(text('join'));
  return words;
}
