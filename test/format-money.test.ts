// Section 6 of issue 10: money in any currency, thresholds relative to the
// city, open-ended agreements.
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { assessDoc, engine, partnershipFrom } from './helpers/engine.js';
import { deepMerge, type Json } from './helpers/merge.js';
import { formatAmount, toEuro } from '../src/engine/money.js';

const ctx = engine();
const load = (doc: Json) => ctx.loader.load('m.yaml', Buffer.from(stringify(doc)));
const errorsOf = (doc: Json) => {
  const r = load(doc);
  if (r.ok) throw new Error('expected the file to be invalid');
  return r.errors;
};
/** A base case with an unpublished budget (fires budget-not-public) and the given money facts. */
const budgetCase = (patch: Json) =>
  deepMerge(partnershipFrom({ agreement: { value_eur: null }, cost_and_impact: { budget_public: false } }), patch);
const largeNote = 'the city commits a large sum for its size';
const budgetFinding = (patch: Json) => assessDoc(budgetCase(patch)).findings.find((f) => f.ruleId === 'budget-not-public')!;
const isLarge = (patch: Json) => budgetFinding(patch).modifiers.some((m) => m.note === largeNote);

describe('agreement.value: an amount in an ISO 4217 currency', () => {
  it('converts a KRW value with the dated ECB rate and says so in the evidence', () => {
    const f = budgetFinding({ agreement: { value: { amount: 250_000_000, currency: 'KRW' } } });
    expect(f.modifiers.map((m) => m.note)).toContain(largeNote);
    const ev = f.evidence.find((e) => e.path === 'agreement.value')!;
    expect(ev.value).toBe('250,000,000 KRW');
    expect(ev.note).toContain(`at the ECB reference rate of ${ctx.rules.currencies.rates.date}`);
    expect(ev.note).toContain('190,758 EUR');
  });
  it('the same KRW value is small for Seoul once the population is given, large for a town', () => {
    const krw = { agreement: { value: { amount: 250_000_000, currency: 'KRW' } } };
    expect(isLarge(deepMerge(krw, { city: { name: 'Seoul', country: 'KR', population: 9_400_000 } }))).toBe(false);
    expect(isLarge(deepMerge(krw, { city: { name: 'Yangpyeong', country: 'KR', population: 110_000 } }))).toBe(true);
  });
  it('a share of the city budget, in the budget currency without conversion', () => {
    const seoul = { city: { name: 'Seoul', country: 'KR', budget: { amount: 45_000_000_000_000, currency: 'KRW' } } };
    expect(isLarge(deepMerge(seoul, { agreement: { value: { amount: 250_000_000, currency: 'KRW' } } }))).toBe(false);
    expect(isLarge(deepMerge(seoul, { agreement: { value: { amount: 20_000_000_000, currency: 'KRW' } } }))).toBe(true);
    // a currency without a rate, against a budget in the same currency: no rate needed
    const ghana = { city: { name: 'Kumasi', country: 'GH', budget: { amount: 10_000_000, currency: 'GHS' } } };
    expect(isLarge(deepMerge(ghana, { agreement: { value: { amount: 50_000, currency: 'GHS' } } }))).toBe(true);
  });
  it('value_eur stays accepted and keeps the 100,000 euro mark when the city size is not given', () => {
    expect(isLarge({ agreement: { value_eur: 100_000 } })).toBe(true);
    expect(isLarge({ agreement: { value_eur: 99_999 } })).toBe(false);
    expect(isLarge({ agreement: { value: { amount: 99_999, currency: 'EUR' } } })).toBe(false);
  });
  it('a currency the rate table lacks is unknown in euros, never small', () => {
    const f = budgetFinding({ agreement: { value: { amount: 1e12, currency: 'GHS' } } });
    expect(f.modifiers.map((m) => m.note)).not.toContain(largeNote);
    expect(toEuro({ amount: 1, currency: 'GHS' }, ctx.rules.currencies)).toBeUndefined();
  });
  it('reads value_eur as the amount in euros however the file gave it, so rules on value_eur keep working', () => {
    const krw = load(partnershipFrom({ agreement: { value_eur: null, value: { amount: 131_056_000, currency: 'KRW' } } }));
    expect(krw.ok && krw.partnership.agreement?.value_eur).toBe(100_000);
    const ghs = load(partnershipFrom({ agreement: { value_eur: null, value: { amount: 5, currency: 'GHS' } } }));
    expect(ghs.ok && ghs.partnership.agreement?.value_eur).toBeUndefined();
  });
  it('rejects an unknown currency code at its line, with a suggestion', () => {
    const errors = errorsOf(partnershipFrom({ agreement: { value_eur: null, value: { amount: 5, currency: 'KRWW' } } }));
    expect(errors).toHaveLength(1);
    expect(errors[0].message).toMatch(/agreement\.value\.currency: "KRWW" is not allowed\. Did you mean "KRW"\?/);
    expect(errors[0].message).toMatch(/rules show vocabulary/);
    expect(errors[0].line).toBeGreaterThan(1);
  });
  it('rejects value and value_eur together', () => {
    const errors = errorsOf(partnershipFrom({ agreement: { value: { amount: 5, currency: 'USD' } } }));
    expect(errors.map((e) => e.message)).toEqual([expect.stringMatching(/agreement\.value_eur: give the amount once/)]);
  });
  it('rejects a population of 0 and a negative budget', () => {
    expect(errorsOf(partnershipFrom({ city: { population: 0 } }))[0].message).toMatch(/city\.population: must be more than 0/);
    expect(errorsOf(partnershipFrom({ city: { budget: { amount: -1, currency: 'EUR' } } }))[0].message).toMatch(
      /city\.budget\.amount: must be at least 0/,
    );
  });
  it('every rate is for a known code, and formats amounts the same on every machine', () => {
    for (const code of Object.keys(ctx.rules.currencies.rates.per_euro)) expect(ctx.rules.currencies.codes).toHaveProperty(code);
    expect(formatAmount(1234567.8)).toBe('1,234,568');
    expect(formatAmount(0.026)).toBe('0.03');
  });
});

describe('agreement.duration_years', () => {
  it('open-ended is valid and counts as a long agreement', () => {
    const r = assessDoc(partnershipFrom({ partner: { country: 'RU' }, agreement: { exit_clause: false, duration_years: 'open-ended' } }));
    const f = r.findings.find((x) => x.ruleId === 'no-exit-clause')!;
    expect(f.modifiers.map((m) => m.note)).toContain('the agreement runs for five years or more, or has no end date');
    const short = assessDoc(partnershipFrom({ partner: { country: 'RU' }, agreement: { exit_clause: false, duration_years: 2 } }));
    expect(short.findings.find((x) => x.ruleId === 'no-exit-clause')!.modifiers.map((m) => m.note)).not.toContain(
      'the agreement runs for five years or more, or has no end date',
    );
  });
  it('0 is an error at its line that says what to write', () => {
    const text = stringify(partnershipFrom({ agreement: { duration_years: 0 } }));
    const line = text.split('\n').findIndex((l) => l.includes('duration_years')) + 1;
    const r = ctx.loader.load('d.yaml', Buffer.from(text));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual([
      expect.objectContaining({
        line,
        message: expect.stringMatching(/agreement\.duration_years: must be more than 0 years: .*open-ended/),
      }),
    ]);
  });
  it('other words are rejected', () => {
    expect(errorsOf(partnershipFrom({ agreement: { duration_years: 'forever' } }))[0].message).toMatch(/duration_years/);
  });
});
