import * as z from 'zod';
import type { RuleSet } from '../rules/ruleset.js';
import type { Partnership } from '../load/partnership-schema.js';
import { FALSE, TRUE, UNKNOWN, type Evidence, type Outcome } from './tri.js';
import { isMissing } from './facts.js';
import { conversionNote, formatAmount, toEuro, type Money } from './money.js';
import type { EngineWords } from './words.js';
import { MULTILATERAL } from '../load/partnership-schema.js';

type Tension = RuleSet['tensions']['tensions'][number];

/**
 * What a check function may know beyond the partnership and its options: the
 * date, the country and tension tables' lookups. Not the rule set, the loader
 * or the other functions.
 */
export interface FunctionContext {
  today: string;
  /** The regime class of a country code, or "unknown". */
  regimeOf(code: string): string;
  /** How the countries table names its classification, for evidence notes. */
  regimeLabel: string;
  /** The words of the notes, in the rule set's language. */
  words: EngineWords;
  /** The default state direction for a regime class, from the countries table. */
  stateDirectionOf(regime: string): string | undefined;
  tensionsBetween(a: string, b: string): Tension[];
  /** The severity a tension declared in the file counts as (tensions.yaml, declared_severity). */
  declaredTensionSeverity: string;
  /** The ISO 4217 codes and the dated euro rate table, to compare amounts across currencies. */
  currencies: RuleSet['currencies'];
  /**
   * The place of a value on an ordered scale of the vocabulary
   * (state_direction, tension_severity), mildest first; -1 for a value off
   * the scale, such as "unknown".
   */
  rank(scale: OrderedScale, value: string): number;
}

/** The vocabulary's ordered scales that check functions compare on. */
export type OrderedScale = 'state_direction' | 'tension_severity';

/** The values of an ordered scale, "unknown" left out. */
export function scaleValues(rules: RuleSet, scale: OrderedScale): string[] {
  return Object.keys(rules.vocabulary[scale] ?? {}).filter((v) => v !== 'unknown');
}

/**
 * Named checks for conditions that data alone cannot say. Each declares its
 * options (validated when a rule pack loads) and the partnership paths it
 * reads (so that an unknown value becomes an information gap).
 */
export interface CheckFunction<O extends z.ZodType = z.ZodType> {
  description: string;
  options: O;
  reads: (options: z.infer<O>) => string[];
  evaluate: (p: Partnership, options: z.infer<O>, ctx: FunctionContext) => Outcome;
  /** Checks option values against the rule data (tension types, regime classes); returns a problem or nothing. */
  checkValues?: (options: z.infer<O>, rules: RuleSet) => string | undefined;
}

/** A problem with one option, prefixed with the option's name. */
function inField(field: string, problem: string | undefined): string | undefined {
  return problem && `${field}: ${problem}`;
}

/** The values of `list` that `allowed` lacks, as a sentence, or nothing. */
function notIn(what: string, list: readonly string[] | undefined, allowed: readonly string[]): string | undefined {
  const bad = (list ?? []).filter((v) => !allowed.includes(v));
  return bad.length ? `unknown ${what} ${bad.map((b) => `"${b}"`).join(', ')} (known: ${allowed.join(', ')})` : undefined;
}

/** A regime class as the notes name it (engine.regime.<class>); the id when the labels have no name for it. */
const regimeName = (w: EngineWords, regime: string) => w.optional(`regime.${regime}`, regime);
/** A value of state_direction as the notes name it (engine.state-direction.<value>); the id when the labels have none. */
const directionName = (w: EngineWords, value: string) => w.optional(`state-direction.${value}`, value);

const countryField = z.enum(['partner.country', 'investment.investor_country', 'city.country']);

function countryAt(p: Partnership, field: z.infer<typeof countryField>): string | undefined {
  const [a, b] = field.split('.') as [string, string];
  const v = (p as unknown as Record<string, Record<string, unknown> | undefined>)[a]?.[b];
  return isMissing(v) ? undefined : (v as string);
}

/** Where the file stops saying anything about a field: the section when the whole section is missing. */
function missingAt(p: Partnership, field: string): string {
  const section = field.split('.')[0];
  const v = (p as unknown as Record<string, unknown>)[section];
  return isMissing(v) || typeof v !== 'object' ? section : field;
}

const directionOptions = z.strictObject({
  at_least: z.string(),
  /** Whose direction: the partner (default; partner.state_direction overrides the country's) or the investor's country. */
  of: z.enum(['partner', 'investor']).optional(),
});
const stateDirection: CheckFunction<typeof directionOptions> = {
  description:
    'How far a government or ruling party steers the partner: partner.state_direction when the file says, otherwise the default for the regime of partner.country; with of: investor, the default for investment.investor_country. A multilateral partner has no country default.',
  options: directionOptions,
  checkValues: (o, rules) => inField('at_least', notIn('state direction', [o.at_least], scaleValues(rules, 'state_direction'))),
  reads: (o) => (o.of === 'investor' ? ['investment.investor_country'] : ['partner.state_direction', 'partner.country']),
  evaluate(p, { at_least, of }, ctx) {
    const threshold = ctx.rank('state_direction', at_least);
    const investor = of === 'investor';
    const declared = investor ? undefined : p.partner.state_direction;
    if (declared && declared !== 'unknown') {
      const note = ctx.words('state-direction.declared', { direction: directionName(ctx.words, declared) });
      const ev = [{ path: ['partner', 'state_direction'], value: declared, note }];
      return ctx.rank('state_direction', declared) >= threshold ? TRUE(ev) : FALSE(ev);
    }
    const field = investor ? 'investment.investor_country' : 'partner.country';
    const code = countryAt(p, field);
    // A network or international organisation: no country to take a default from.
    if (!code || code === MULTILATERAL) return UNKNOWN([investor ? missingAt(p, field) : 'partner.state_direction']);
    const regime = ctx.regimeOf(code);
    const byRegime = ctx.stateDirectionOf(regime);
    if (!byRegime || byRegime === 'unknown') return UNKNOWN([investor ? field : 'partner.state_direction']);
    const note = ctx.words('state-direction.by-regime', {
      regime: regimeName(ctx.words, regime),
      source: ctx.regimeLabel,
      direction: directionName(ctx.words, byRegime),
    });
    const ev: Evidence[] = [{ path: field.split('.'), value: code, note }];
    return ctx.rank('state_direction', byRegime) >= threshold ? TRUE(ev) : FALSE(ev);
  },
};

const regimeOptions = z.strictObject({ field: countryField, in: z.array(z.string()).min(1) });
const countryRegime: CheckFunction<typeof regimeOptions> = {
  description: 'The regime class (from the countries table) of the country in a field is one of the listed classes.',
  options: regimeOptions,
  checkValues: (o, rules) => notIn('regime class', o.in, Object.keys(rules.countries.state_direction_by_regime)),
  reads: (o) => [o.field],
  evaluate(p, o, ctx) {
    const code = countryAt(p, o.field);
    if (!code) return UNKNOWN([missingAt(p, o.field)]);
    if (code === MULTILATERAL) return FALSE([{ path: o.field.split('.'), value: code, note: ctx.words('regime.multilateral') }]);
    const regime = ctx.regimeOf(code);
    if (regime === 'unknown') return UNKNOWN([o.field]);
    const note = ctx.words('regime.note', { regime: regimeName(ctx.words, regime), source: ctx.regimeLabel });
    const ev: Evidence[] = [{ path: o.field.split('.'), value: code, note }];
    return (o.in as string[]).includes(regime) ? TRUE(ev) : FALSE(ev);
  },
};

const tensionOptions = z.strictObject({
  types: z.array(z.string()).min(1).optional(),
  min_severity: z.string().optional(),
  since_review: z.boolean().optional(),
});

const tension: CheckFunction<typeof tensionOptions> = {
  description:
    "A tension between our country and the partner's, from the tool's tension table or the file's context.tensions; with since_review, only table entries newer than review.last.",
  options: tensionOptions,
  checkValues: (o, rules) =>
    notIn('tension type', o.types, Object.keys(rules.vocabulary.tension_type)) ??
    inField(
      'min_severity',
      notIn('tension severity', o.min_severity === undefined ? [] : [o.min_severity], scaleValues(rules, 'tension_severity')),
    ),
  reads: (o) => (o.since_review ? ['partner.country', 'review.last'] : ['partner.country']),
  evaluate(p, o, ctx) {
    const types = o.types as string[] | undefined;
    // No min_severity: any tension, from the mildest up.
    const minSeverity = o.min_severity === undefined ? 0 : ctx.rank('tension_severity', o.min_severity);
    const evidence: Evidence[] = [];
    // A tension the file declares carries no severity: it counts as the table's
    // declared_severity (medium in the shipped table), enough for "a dispute on
    // record" but not for "rated severe", which only the table can say.
    if (!o.since_review && minSeverity <= ctx.rank('tension_severity', ctx.declaredTensionSeverity)) {
      (p.context?.tensions ?? []).forEach((t, i) => {
        if (!types || types.includes(t.type)) evidence.push({ path: ['context', 'tensions', i], value: t.type, note: t.note });
      });
    }
    const ours = countryAt(p, 'city.country');
    let theirs = countryAt(p, 'partner.country');
    if (evidence.length) return TRUE(evidence);
    let at = ['partner', 'country'];
    let viaSeat = false;
    if (theirs === MULTILATERAL) {
      // No "two national governments": only the seat country's relations can reach the partner
      // (rules weigh that lower with a modifier on partner.country: multilateral).
      const seat = p.partner.seat_country;
      if (isMissing(seat)) return FALSE([{ path: at, value: theirs, note: ctx.words('tension.multilateral') }]);
      theirs = seat as string;
      at = ['partner', 'seat_country'];
      viaSeat = true;
    }
    if (!ours || !theirs) return UNKNOWN(['partner.country']);
    const last = p.review?.last;
    if (o.since_review && isMissing(last)) return UNKNOWN(['review.last']);
    for (const t of ctx.tensionsBetween(ours, theirs)) {
      if (types && !types.includes(t.type)) continue;
      if (ctx.rank('tension_severity', t.severity) < minSeverity) continue;
      if (o.since_review && !(t.since > (last as string))) continue;
      const w = ctx.words;
      const tension = w('tension.note', { type: w.term('tension_type', t.type), since: w.date(t.since), id: t.id, note: t.note });
      evidence.push({ path: at, value: theirs, note: viaSeat ? w('tension.seat', { tension }) : tension });
    }
    return evidence.length ? TRUE(evidence) : FALSE([{ path: at, value: theirs }]);
  },
};

const reviewOverdue: CheckFunction<z.ZodObject<Record<string, never>>> = {
  description: 'The next review date (review.next) has passed; with no date the review plan is unknown (a gap).',
  options: z.strictObject({}),
  reads: () => ['review.next'],
  evaluate(p, _o, ctx) {
    const next = p.review?.next;
    if (isMissing(next)) return UNKNOWN(['review.next']);
    const ev = [{ path: ['review', 'next'], value: next }];
    return (next as string) < ctx.today ? TRUE(ev) : FALSE(ev);
  },
};

const travelOptions = z.strictObject({ gte: z.number().int().min(1) });
const travelLoad: CheckFunction<typeof travelOptions> = {
  description: 'Person-trips a year (cost_and_impact.travel.trips_per_year x participants) reach a threshold.',
  options: travelOptions,
  reads: () => [
    'cost_and_impact',
    'cost_and_impact.travel',
    'cost_and_impact.travel.trips_per_year',
    'cost_and_impact.travel.participants',
  ],
  evaluate(p, o, ctx) {
    const travel = p.cost_and_impact?.travel;
    if (!travel) return UNKNOWN([p.cost_and_impact ? 'cost_and_impact.travel' : 'cost_and_impact']);
    const trips = travel?.trips_per_year;
    const people = travel?.participants;
    // No trips is no travel, however many would have gone.
    if (trips === 0) return FALSE([{ path: ['cost_and_impact', 'travel', 'trips_per_year'], value: 0, note: ctx.words('travel.none') }]);
    const unknown: string[] = [];
    if (isMissing(trips)) unknown.push('cost_and_impact.travel.trips_per_year');
    if (isMissing(people)) unknown.push('cost_and_impact.travel.participants');
    if (unknown.length) return UNKNOWN(unknown);
    const ev = [
      { path: ['cost_and_impact', 'travel', 'trips_per_year'], value: trips },
      {
        path: ['cost_and_impact', 'travel', 'participants'],
        value: people,
        note: ctx.words('travel.person-trips', { count: ctx.words.number((trips as number) * (people as number)) }),
      },
    ];
    return (trips as number) * (people as number) >= o.gte ? TRUE(ev) : FALSE(ev);
  },
};

const commitmentOptions = z.strictObject({
  eur_at_least: z.number().positive(),
  per_resident_eur_at_least: z.number().positive().optional(),
  budget_share_at_least: z.number().positive().max(1).optional(),
});
const commitmentSize: CheckFunction<typeof commitmentOptions> = {
  description:
    'What the city commits (agreement.value in any currency, or agreement.value_eur) is large for the city: a share of city.budget when the file gives it, else euros per resident of city.population, else an amount in euros. Other currencies are converted with the rate table of currencies.yaml.',
  options: commitmentOptions,
  reads: () => ['agreement.value'],
  evaluate(p, o, ctx) {
    const a = p.agreement;
    const value: Money | undefined = !isMissing(a?.value)
      ? (a!.value as Money)
      : !isMissing(a?.value_eur)
        ? { amount: a!.value_eur as number, currency: 'EUR' }
        : undefined;
    if (!value) return UNKNOWN(['agreement.value']);
    const inEuros = isMissing(a?.value);
    const path = inEuros ? ['agreement', 'value_eur'] : ['agreement', 'value'];
    const shown = inEuros ? value.amount : `${formatAmount(value.amount)} ${value.currency}`;
    const result = (large: boolean, note: string) => (large ? TRUE : FALSE)([{ path, value: shown, note }]);
    const rates = ctx.currencies;
    const inEur = toEuro(value, rates);
    const w = ctx.words;
    // The conversion, when there was one, comes first.
    const withConversion = (note: string) => (inEur?.rate ? w.join([conversionNote(value, inEur, rates, w), note]) : note);
    const budget = p.city.budget;
    if (o.budget_share_at_least !== undefined && !isMissing(budget)) {
      const b = budget as Money;
      const bEur = b.currency === value.currency ? undefined : toEuro(b, rates);
      const share = b.currency === value.currency ? value.amount / b.amount : inEur && bEur ? inEur.eur / bEur.eur : undefined;
      if (share !== undefined) {
        const note = withConversion(
          w('commitment.budget-share', {
            share: w.percent(share),
            budget: w.amount(b.amount),
            currency: b.currency,
            threshold: w.percent(o.budget_share_at_least),
          }),
        );
        return result(share >= o.budget_share_at_least, note);
      }
    }
    if (!inEur) return UNKNOWN(['agreement.value']);
    const population = p.city.population;
    if (o.per_resident_eur_at_least !== undefined && !isMissing(population)) {
      const perResident = inEur.eur / (population as number);
      const note = withConversion(
        w('commitment.per-resident', {
          amount: w.amount(perResident),
          population: w.amount(population as number),
          threshold: w.amount(o.per_resident_eur_at_least),
        }),
      );
      return result(perResident >= o.per_resident_eur_at_least, note);
    }
    return result(inEur.eur >= o.eur_at_least, withConversion(w('commitment.no-size', { threshold: w.amount(o.eur_at_least) })));
  },
};

export const FUNCTIONS: Record<string, CheckFunction> = {
  'state-direction': stateDirection as unknown as CheckFunction,
  'country-regime': countryRegime as unknown as CheckFunction,
  tension: tension as unknown as CheckFunction,
  'review-overdue': reviewOverdue as unknown as CheckFunction,
  'travel-load': travelLoad as unknown as CheckFunction,
  'commitment-size': commitmentSize as unknown as CheckFunction,
};
