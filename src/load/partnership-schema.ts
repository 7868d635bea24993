import * as z from 'zod';
import { markRenamed } from './schema-shape.js';
import { didYouMean } from './did-you-mean.js';
import type { Say } from './messages.js';

/**
 * Zod schema of a partnership file (format 1), built from the vocabulary in
 * the rule data so that enumerations live in one place. The field names are
 * the format's contract (shared spec "partnership-format.md").
 */
export interface SchemaVocabulary {
  enums: Record<string, readonly string[]>;
  sectors: readonly string[];
  /** Old spellings per enumeration (rules/renamed.yaml): accepted and read as the new value. */
  renamed?: Record<string, Record<string, { use: string; note: string }>>;
  /** Returns the ISO alpha-2 code for a code or name, or undefined. */
  country: (input: string) => string | undefined;
  /** An amount in euros (with the rate table of rules/currencies.yaml), or undefined without a rate. */
  toEur?: (amount: number, currency: string) => number | undefined;
  /** Rules whose findings stop the process (a sanctioned partner, a legal prohibition): they cannot be accepted. */
  blockingRules?: readonly string[];
  /** Why a name is not a country: did-you-mean, or the choices of an ambiguous name. */
  explainCountry?: (input: string) => string;
  /** ISO 3166-2 subdivisions the rule data names, for "did you mean" on city.region. */
  regions?: readonly string[];
  /** The words of the messages (labels errors.* of rules/i18n), in the language of the command. */
  say: Say;
}

const UNKNOWN = 'unknown';
export const MULTILATERAL = 'multilateral';

function enumOf(values: readonly string[]) {
  return z.enum(values as [string, ...string[]]);
}

/** An optional fact: missing and `unknown` both mean "not known". */
function fact<T extends z.ZodType>(schema: T) {
  return z.union([z.literal(UNKNOWN), schema]).optional();
}

function dateSchema(form: string, real: string) {
  return z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, { message: form })
    .refine(isRealDate, { message: real });
}

/** A date of the rule data (in English: rule files are read before any catalogue). */
export const isoDate = dateSchema(
  'expected a date written YYYY-MM-DD',
  'is not a real calendar date: write a date that exists, as YYYY-MM-DD',
);

export function isRealDate(s: string): boolean {
  const [y, m, d] = s.split('-').map(Number);
  const date = new Date(0);
  // setUTCFullYear, not Date.UTC: Date.UTC reads the years 0 to 99 as 1900 to 1999.
  date.setUTCFullYear(y, m - 1, d);
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

const REGION = /^[A-Z]{2}-[A-Z0-9]{1,3}$/;

/**
 * city.region: an ISO 3166-2 subdivision code. A malformed code is an error
 * with a suggestion from the subdivisions the rule data names; any
 * well-formed code is accepted (the tool does not ship the full ISO list).
 */
function regionSchema(known: readonly string[], say: Say) {
  return z.string().superRefine((s, ctx) => {
    if (REGION.test(s)) return;
    const upper = s.trim().toUpperCase();
    const guess = known.includes(upper) ? upper : didYouMean(upper, known);
    const value = `"${s}"`;
    ctx.addIssue({ code: 'custom', message: guess ? say('errors.region.guess', { value, guess }) : say('errors.region', { value }) });
  });
}

export function buildPartnershipSchema(v: SchemaVocabulary) {
  const say = v.say;
  const isoDate = dateSchema(say('errors.date.form'), say('errors.date.real'));
  const e = (name: string) => {
    const values = v.enums[name];
    if (!values) throw new Error(`vocabulary has no enumeration "${name}"`);
    const old = v.renamed?.[name];
    if (!old || !Object.keys(old).length) return enumOf(values);
    const map = Object.fromEntries(Object.entries(old).map(([k, r]) => [k, r.use]));
    const oldSpelling = markRenamed(
      enumOf(Object.keys(old))
        .meta({
          deprecated: true,
          description: `Old spellings, still read: ${Object.entries(map)
            .map(([k, u]) => `${k} (now ${u})`)
            .join(', ')}.`,
        })
        .transform((x) => map[x]),
      old,
    );
    // The current values last: errors and the allowed-values list come from the last branch.
    return z.union([oldSpelling, enumOf(values)]);
  };
  const sector = enumOf(v.sectors);
  const blocking = new Set(v.blockingRules ?? []);
  const country = z.string().transform((s, ctx) => {
    if (s.toLowerCase() === UNKNOWN) return UNKNOWN;
    const code = v.country(s);
    if (!code) {
      const message = v.explainCountry?.(s) ?? say('errors.country.unknown', { value: `"${s}"` });
      ctx.addIssue({ code: 'custom', message, params: { kind: 'country', input: s } });
      return z.NEVER;
    }
    return code;
  });
  const text = z.string().min(1);
  const count = z.number().int().min(0);
  const money = z.number().min(0);
  const bool = z.boolean();
  // An amount in an ISO 4217 currency; converted with the rate table of rules/currencies.yaml.
  const moneyIn = () =>
    z.strictObject({
      amount: money.describe('The amount, in units of the currency (250000, not 250k).'),
      currency: e('currency').describe('ISO 4217 code of the currency: EUR, USD, KRW, JPY... (cdrisk rules show currencies).'),
    });
  const positive = (message: string) => z.number().refine((n) => n > 0, { message });

  // Every field carries a description: the JSON Schema shows it in editors and docs/format.md is built from it.
  return z.strictObject({
    cdrisk: z
      .literal(1, { message: say('errors.format-version') })
      .describe('Format version. Always 1; a YAML file without this key is not a partnership file.'),
    id: z
      .string()
      .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: say('errors.id') })
      .describe('Unique name of the partnership within the repository, kebab-case (dus-xiamen-port-mou).'),
    title: text.describe('A short title a council member recognises.'),
    status: e('status')
      .optional()
      .describe('Where the partnership stands: proposed (not signed yet, the default), active, suspended or ended.'),
    owner: text.optional().describe('Who in the city answers for the partnership (an office or a person).'),
    review: z
      .strictObject({
        last: fact(isoDate).describe('Date of the last review, YYYY-MM-DD.'),
        next: fact(isoDate).describe('Date the next review is due, YYYY-MM-DD.'),
      })
      .optional()
      .describe('Review dates of a running partnership.'),
    city: z
      .strictObject({
        name: text.describe("Our city's name."),
        country: country.describe('Our country: ISO 3166-1 alpha-2 or alpha-3 code, or an English short name.'),
        population: fact(positive(say('errors.population')).pipe(z.number().int())).describe(
          'Number of residents. With city.budget, it sizes what "a large sum" means for this city.',
        ),
        budget: fact(moneyIn()).describe(
          'The city\'s yearly budget, as an amount and a currency. Sizes what "a large sum" means for this city.',
        ),
        region: regionSchema(v.regions ?? [], say)
          .optional()
          .describe(
            'ISO 3166-2 code of the subdivision (state, province, land) the city is in, such as US-IN or DE-HH: some obligations depend on it.',
          ),
      })
      .superRefine((c, ctx) => {
        if (c.region && REGION.test(c.region) && c.country !== UNKNOWN && c.region.slice(0, 2) !== c.country) {
          ctx.addIssue({
            code: 'custom',
            path: ['region'],
            message: say('errors.region.country', { value: `"${c.region}"`, region: c.region.slice(0, 2), country: c.country }),
          });
        }
      })
      .describe('Our side of the partnership.'),
    partner: z
      .strictObject({
        name: text.describe("The partner's name as it signs."),
        type: fact(e('partner_type')).describe('What kind of body the partner is.'),
        // A city network or international organisation has no single country: `multilateral`.
        country: z
          .union([z.literal(MULTILATERAL), country])
          .describe(
            "The partner's country: ISO 3166-1 code, English short name, unknown, or multilateral for a city network or international organisation.",
          ),
        seat_country: country.optional().describe('For a multilateral partner: the country of its seat or secretariat.'),
        region: regionSchema(v.regions ?? [], say)
          .optional()
          .describe("ISO 3166-2 code of the partner's subdivision (state, province), such as US-CA: some laws name the partner's region."),
        identity_verified: fact(bool).describe('An official channel has confirmed that the partner is who it says it is.'),
        verified_via: z.array(e('verified_via')).optional().describe('The official channels that confirmed the partner.'),
        contact_channel: e('contact_channel').optional().describe('How the partner first reached the city.'),
        state_direction: e('state_direction')
          .optional()
          .describe(
            "How far a national government or ruling party directs the partner. Overrides the default for the partner country's regime.",
          ),
        rights_concerns: fact(e('rights_concerns')).describe(
          'Links of the partner to violations of social, political or environmental rights, or a refusal to condemn them.',
        ),
        sanctioned: fact(bool).describe('The partner itself is on a sanctions list that binds the city.'),
        relationship_years: fact(count).describe('How many years the two sides have worked together.'),
      })
      .describe('The other side of the partnership.'),
    agreement: z
      .strictObject({
        instrument: fact(e('instrument')).describe('The kind of instrument that is or will be signed.'),
        signing_date: fact(isoDate).describe('Date of signature, YYYY-MM-DD.'),
        duration_years: fact(z.union([z.literal('open-ended'), positive(say('errors.duration'))])).describe(
          'For how many years it runs (more than 0), or open-ended when it has no end date.',
        ),
        exit_clause: fact(bool).describe('The text lets the city suspend or end the partnership on its own.'),
        foreign_policy_clauses: fact(bool).describe(
          'The text asks the city to endorse a national foreign-policy position (recognition, territorial claims, one-country statements).',
        ),
        value_eur: fact(money).describe(
          'What the city commits, money and in kind, in euros. Shorthand for agreement.value with currency EUR.',
        ),
        value: fact(moneyIn()).describe(
          'What the city commits, money and in kind, as an amount and an ISO 4217 currency. Give this or value_eur, not both.',
        ),
        // The draft agreement, relative to this file: read by scan, assess and check.
        text: text
          .optional()
          .describe('Path of the draft agreement (.docx, .pdf, .txt...), relative to this file: read by cdrisk scan, assess and check.'),
      })
      .refine((a) => [a.value, a.value_eur].filter((x) => x !== undefined && x !== UNKNOWN).length < 2, {
        message: say('errors.value-twice'),
        path: ['value_eur'],
      })
      // Read, value_eur is the amount in euros whichever way the file gave it, so that rules on it keep working.
      .transform((a) => {
        if (a.value === undefined || a.value === UNKNOWN || a.value_eur !== undefined) return a;
        const eur = v.toEur?.(a.value.amount, a.value.currency);
        return eur === undefined ? a : { ...a, value_eur: Math.round(eur * 100) / 100 };
      })
      .optional()
      .describe('The agreement the city signs or has signed.'),
    activities: z
      .array(
        z.strictObject({
          type: e('activity_type').describe('What this strand of the partnership does.'),
          sectors: z.array(sector).optional().describe('The sectors it touches (cdrisk rules show sectors).'),
          ip_sensitive: fact(bool).describe('Proprietary know-how, unpublished research or trade secrets are shared.'),
          visiting_delegations: fact(bool).describe('Foreign delegations visit local sites, firms or labs.'),
          data_access: fact(bool).describe('The partner gets access to municipal data or IT/OT systems.'),
          knowledge_flow: fact(e('knowledge_flow')).describe('Which way know-how goes: outgoing (from our city), incoming, or mutual.'),
        }),
      )
      .optional()
      .describe('What the partnership will actually do: one entry per strand.'),
    // `investment: none` declares that none comes with the partnership; omitted or
    // `unknown` means the city does not know yet (an information gap).
    investment: z
      .union([
        z.literal(UNKNOWN),
        z.literal('none'),
        z.strictObject({
          direction: fact(e('investment_direction')).describe('Into the city (incoming) or from it abroad (outgoing).'),
          investor: text.optional().describe("The investor's name."),
          investor_type: e('investor_type').optional().describe('Who owns the investor.'),
          investor_country: country.optional().describe('The country from which the investor is controlled.'),
          amount_eur: fact(money).describe('The amount invested, in euros.'),
          stake_percent: fact(z.number().min(0).max(100)).describe('The share of the asset the investor acquires, 0 to 100.'),
          sectors: z.array(sector).optional().describe('What the investment buys into (cdrisk rules show sectors).'),
          control_rights: fact(bool).describe('The investor gets board seats, vetoes or operational control.'),
          data_access: fact(bool).describe('The investor gets access to operational data or systems of the asset.'),
        }),
      ])
      .optional()
      .describe('Foreign investment that comes with the partnership; unknown when the city does not know yet.'),
    local_actors: z
      .array(
        z.strictObject({
          name: text.describe('Name of the local organisation.'),
          type: fact(e('local_actor_type')).describe('What kind of organisation it is (the spellings partner.type uses).'),
          international_experience: fact(e('international_experience')).describe('How much it has worked abroad before.'),
          washing_concerns: fact(bool).describe('Its aim could be read as social- or green-washing.'),
        }),
      )
      .optional()
      .describe('Local organisations taking part.'),
    context: z
      .strictObject({
        tensions: z
          .array(
            z.strictObject({
              type: e('tension_type').describe('The kind of tension.'),
              note: text.optional().describe('What it is about, in a line.'),
            }),
          )
          .optional()
          .describe("Tensions between the two national governments, beyond what the tool's data knows (cdrisk rules show tensions)."),
        diaspora_concerns: fact(bool).describe('Diaspora groups in the city object to the partner or its country.'),
        // What the controversy is about, or `true` (kept for older files and the questionnaire's
        // yes/no): a controversy whose subject is not said. The boolean stays the last branch,
        // which is the kind the questionnaire asks.
        public_controversy: fact(z.union([z.array(e('controversy_subject')).min(1), bool])).describe(
          "Local opposition or media already criticise the city's international work: the subjects (cost, security, rights...) or true when not said.",
        ),
        third_party_reactions: z
          .array(
            z.strictObject({
              country: country.describe('The third state that reacts.'),
              reaction: fact(e('third_party_reaction')).describe('What it has done or threatened.'),
              note: text.optional().describe('What happened, in a line.'),
            }),
          )
          .optional()
          .describe('Reactions of third states to the partnership (a state that objects to ties with the partner).'),
      })
      .optional()
      .describe('The political context of the partnership.'),
    cost_and_impact: z
      .strictObject({
        budget_public: fact(bool).describe('The budget, travel included, is published.'),
        local_outcomes: z
          .array(text)
          .optional()
          .describe('Concrete benefits for residents, one per item. An empty list means none is stated.'),
        evaluation_planned: fact(bool).describe('An evaluation of the results is planned.'),
        travel: z
          .strictObject({
            trips_per_year: fact(count).describe('Trips a year the partnership involves.'),
            participants: fact(count).describe('People travelling on each trip.'),
            long_haul: fact(bool).describe('The trips involve long-haul flights.'),
          })
          .optional()
          .describe('Travel the partnership involves.'),
      })
      .optional()
      .describe('What the partnership costs and what residents get from it.'),
    // What the city has already filed for the obligations of rules/obligations/.
    notifications: z
      .array(
        z.strictObject({
          obligation: e('obligation').describe('The id of the obligation (cdrisk rules show obligations).'),
          date: isoDate.describe('The day it was filed, YYYY-MM-DD.'),
          reference: text.optional().describe("The authority's reference or file number."),
        }),
      )
      .optional()
      .describe('What the city has already filed (notifications, approvals) under an obligation of the law.'),
    stakeholders_consulted: z
      .array(e('stakeholder'))
      .optional()
      .describe("The brief's stakeholders the city has already consulted, by code."),
    mitigations: z.array(e('mitigation')).optional().describe('Safeguards in place, by id (cdrisk rules show mitigations).'),
    accepted_risks: z
      .array(
        z
          .strictObject({
            rule: e('rule').describe('The id of the rule whose finding is accepted (cdrisk rules list).'),
            reason: text.describe('Why, e.g. the council decision.'),
            approved_by: text.describe('Who decided.'),
            expires: isoDate.describe('The last day the acceptance covers, YYYY-MM-DD.'),
          })
          .superRefine((a, ctx) => {
            if (blocking.has(a.rule))
              ctx.addIssue({
                code: 'custom',
                path: ['rule'],
                message: say('errors.accepted-blocking', { rule: `"${a.rule}"` }),
              });
          }),
      )
      .optional()
      .describe('Risks the council has decided to carry: they stop the finding from failing a CI gate, until they expire.'),
  });
}

export type PartnershipSchema = ReturnType<typeof buildPartnershipSchema>;
export type Partnership = z.output<PartnershipSchema>;
