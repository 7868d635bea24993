import type { RuleSet } from '../rules/ruleset.js';

export interface Money {
  amount: number;
  currency: string;
}

/**
 * An amount in euros, with the rate table of rules/currencies.yaml; nothing
 * when the table has no rate for the currency (the amount is then unknown in
 * euros, never zero).
 */
export function toEuro(m: Money, currencies: RuleSet['currencies']): { eur: number; note?: string } | undefined {
  if (m.currency === 'EUR') return { eur: m.amount };
  const rate = currencies.rates.per_euro[m.currency];
  if (!rate) return undefined;
  const eur = m.amount / rate;
  return {
    eur,
    note: `${formatAmount(m.amount)} ${m.currency} = ${formatAmount(eur)} EUR at the ECB reference rate of ${currencies.rates.date} (${rate} ${m.currency} for 1 EUR)`,
  };
}

/** 1234567.8 -> "1,234,568"; amounts under 100 keep up to two decimals. Same bytes on every machine (no ICU). */
export function formatAmount(n: number): string {
  if (Math.abs(n) < 100) return String(Math.round(n * 100) / 100);
  const [int] = Math.round(n).toFixed(0).split('.');
  return int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
