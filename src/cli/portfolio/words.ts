import type { EngineContext } from '../../engine/context.js';
import { makeSay, type Say } from '../../formatters/say.js';
import { LEVELS, type Level } from '../../shared/levels.js';
import type { PortfolioReport } from './model.js';

/**
 * The words the portfolio formats put around the data, in the report's
 * language: labels `portfolio.*` of rules/i18n (English: rules/i18n/en.yaml).
 * CSV headers and JSON keys are not among them: they are machine keys, the
 * same in every language.
 */
export interface PortfolioWords {
  say: Say;
  /** "low 3, medium 1, high 0, critical 2". */
  levels(b: Record<Level, number>): string;
  /** "32 partnerships". */
  partnerships(n: number): string;
  /** "18 invalid". */
  invalid(n: number): string;
  /** A partner country's name: the rule data's (English) in English, the language's own otherwise. */
  country(code: string, name: string): string;
  /** A regime class or a country code as shown: `unknown` in the language, ids as they are. */
  shown(value: string): string;
  /** A regime class (countries.yaml) by its label `portfolio.regime.<class>`, the id for a class the labels do not know. */
  regime(value: string): string;
  /** The recommendation's name (foresight.yaml terms), the id when it has none. */
  recommendation(id: string | null): string;
}

export function portfolioWords(ctx: EngineContext): PortfolioWords {
  const say = makeSay(ctx.rules, ctx.lang);
  const regions = ctx.lang === 'en' ? undefined : new Intl.DisplayNames([ctx.lang], { type: 'region', fallback: 'none' });
  const shown = (value: string) => (value === 'unknown' ? say('portfolio.unknown') : value);
  return {
    say,
    levels: (b) =>
      LEVELS.map((l) => say('portfolio.level-count', { level: say.level(l), count: say.number(b[l]) })).join(say('portfolio.list')),
    partnerships: (n) => say.count('portfolio.partnerships', n),
    invalid: (n) => say('portfolio.invalid', { count: say.number(n) }),
    country(code, name) {
      if (code === 'unknown') return shown(code);
      if (!regions || !/^[A-Z]{2}$/.test(code)) return name;
      try {
        return regions.of(code) ?? name;
      } catch {
        return name;
      }
    },
    shown,
    regime: (value) => (ctx.rules.labels[`portfolio.regime.${value}`] !== undefined ? say(`portfolio.regime.${value}`) : shown(value)),
    recommendation: (id) => (id === null ? '' : (ctx.rules.foresight.terms?.recommendations[id] ?? id)),
  };
}

/** The summary line on standard error, when the report went to a file or is not the table. */
export function portfolioSummaryLine(report: PortfolioReport, ctx: EngineContext): string {
  const w = portfolioWords(ctx);
  const p = report.portfolio;
  return w.say('portfolio.summary', { partnerships: w.partnerships(p.total), invalid: w.invalid(p.invalid), levels: w.levels(p.byLevel) });
}
