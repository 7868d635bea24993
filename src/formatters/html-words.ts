// The words of the HTML briefing: the html.* labels of the report's language,
// escaped for HTML, and the names of levels, recommendations and statuses.
// html.ts and html-heatmap.ts write no English word of their own.
import { fillTemplate } from '../rules/i18n.js';
import type { RuleSet } from '../rules/ruleset.js';
import type { Level } from '../shared/levels.js';
import { esc } from './html-escape.js';
import { makeSay, type Say } from './say.js';

type Vars = Record<string, string | number>;

export interface HtmlWords {
  readonly say: Say;
  /** The label filled with plain text, then escaped. */
  text(key: string, vars?: Vars): string;
  /** The label escaped, then filled with `html` (markup the caller has escaped already). */
  markup(key: string, html: Vars): string;
  /** say.count, escaped; `html` as in markup. */
  count(key: string, n: number, html?: Vars): string;
  /** A level as running text names it ("critical"; English keeps the id). Plain text. */
  level(level: Level): string;
  /** A level as a badge or a heat-map cell names it ("Critical"). Plain text. */
  levelTitle(level: Level): string;
  /** A recommendation in words ("proceed with safeguards"). Plain text. */
  recommendation(rec: string): string;
  /** A partnership's status: English keeps the id ("proposed"), other languages the vocabulary's name. Plain text. */
  status(status: string): string;
  /** Items joined as the language lists them (foresight.terms.separator). */
  list(items: readonly string[]): string;
}

export function htmlWords(rules: RuleSet, lang = 'en'): HtmlWords {
  const say = makeSay(rules, lang);
  const upper = (s: string) => s.charAt(0).toLocaleUpperCase(lang) + s.slice(1);
  return {
    say,
    text: (key, vars = {}) => esc(say(key, vars)),
    markup: (key, html) => fillTemplate(esc(say(key)), html),
    count: (key, n, html = {}) => fillTemplate(esc(say.count(key, n)), html),
    level: (level) => say.level(level),
    levelTitle: (level) => upper(say.level(level)),
    recommendation: (rec) => (rules.foresight.terms?.recommendations[rec] ?? rec).replace(/-/g, ' '),
    status: (status) => (lang === 'en' ? status : ((rules.vocabulary.status as Record<string, string> | undefined)?.[status] ?? status)),
    list: (items) => items.join(rules.foresight.terms?.separator ?? ', '),
  };
}
