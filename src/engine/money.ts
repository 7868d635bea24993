import type { RuleSet } from '../rules/ruleset.js';
import type { EngineWords } from './words.js';

export interface Money {
  amount: number;
  currency: string;
}

/**
 * An amount in euros, with the rate table of rules/currencies.yaml; nothing
 * when the table has no rate for the currency (the amount is then unknown in
 * euros, never zero).
 */
export function toEuro(m: Money, currencies: RuleSet['currencies']): { eur: number; rate?: number } | undefined {
  if (m.currency === 'EUR') return { eur: m.amount };
  const rate = currencies.rates.per_euro[m.currency];
  if (!rate) return undefined;
  return { eur: m.amount / rate, rate };
}

/** The note that says how an amount was converted (engine.money.converted). */
export function conversionNote(
  m: Money,
  converted: { eur: number; rate?: number },
  currencies: RuleSet['currencies'],
  words: EngineWords,
): string {
  return words('money.converted', {
    amount: words.amount(m.amount),
    currency: m.currency,
    eur: words.amount(converted.eur),
    date: words.date(currencies.rates.date),
    rate: words.number(converted.rate ?? 1),
  });
}

/** 1234567.8 -> "1,234,568"; amounts under 100 keep up to two decimals. Same bytes on every machine (no ICU). */
export function formatAmount(n: number): string {
  if (Math.abs(n) < 100) return String(Math.round(n * 100) / 100);
  const [int] = Math.round(n).toFixed(0).split('.');
  return int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
