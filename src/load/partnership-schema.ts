import * as z from 'zod';
import { didYouMean } from './did-you-mean.js';

/**
 * Zod schema of a partnership file (format 1), built from the vocabulary in
 * the rule data so that enumerations live in one place. The field names are
 * the format's contract (shared spec "partnership-format.md").
 */
export interface SchemaVocabulary {
  enums: Record<string, readonly string[]>;
  sectors: readonly string[];
  /** Returns the ISO alpha-2 code for a code or name, or undefined. */
  country: (input: string) => string | undefined;
  /** Rules whose findings stop the process (a sanctioned partner, a legal prohibition): they cannot be accepted. */
  blockingRules?: readonly string[];
  /** Why a name is not a country: did-you-mean, or the choices of an ambiguous name. */
  explainCountry?: (input: string) => string;
  /** ISO 3166-2 subdivisions the rule data names, for "did you mean" on city.region. */
  regions?: readonly string[];
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

export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'expected a date written YYYY-MM-DD' })
  .refine(isRealDate, { message: 'is not a real calendar date: write a date that exists, as YYYY-MM-DD' });

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
function regionSchema(known: readonly string[]) {
  return z.string().superRefine((s, ctx) => {
    if (REGION.test(s)) return;
    const upper = s.trim().toUpperCase();
    const guess = known.includes(upper) ? upper : didYouMean(upper, known);
    ctx.addIssue({
      code: 'custom',
      message: `"${s}" is not an ISO 3166-2 subdivision code (country code, hyphen, one to three letters or digits, e.g. US-IN, AU-WA, JP-13).${guess ? ` Did you mean "${guess}"?` : ''}`,
    });
  });
}

export function buildPartnershipSchema(v: SchemaVocabulary) {
  const e = (name: string) => {
    const values = v.enums[name];
    if (!values) throw new Error(`vocabulary has no enumeration "${name}"`);
    return enumOf(values);
  };
  const sector = enumOf(v.sectors);
  const blocking = new Set(v.blockingRules ?? []);
  const country = z.string().transform((s, ctx) => {
    if (s.toLowerCase() === UNKNOWN) return UNKNOWN;
    const code = v.country(s);
    if (!code) {
      const message = v.explainCountry?.(s) ?? `"${s}" is not a country this tool knows: use an ISO 3166-1 code such as DE or DEU, an English short name, or unknown`;
      ctx.addIssue({ code: 'custom', message, params: { kind: 'country', input: s } });
      return z.NEVER;
    }
    return code;
  });
  const text = z.string().min(1);
  const count = z.number().int().min(0);
  const money = z.number().min(0);
  const bool = z.boolean();

  return z.strictObject({
    cdrisk: z.literal(1, { message: 'this tool reads format 1: write cdrisk: 1' }),
    id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'the id must be kebab-case, e.g. dus-xiamen-port-mou' }),
    title: text,
    status: e('status').optional(),
    owner: text.optional(),
    review: z.strictObject({ last: fact(isoDate), next: fact(isoDate) }).optional(),
    city: z
      .strictObject({ name: text, country, region: regionSchema(v.regions ?? []).optional() })
      .superRefine((c, ctx) => {
        if (c.region && REGION.test(c.region) && c.country !== UNKNOWN && c.region.slice(0, 2) !== c.country) {
          ctx.addIssue({ code: 'custom', path: ['region'], message: `"${c.region}" is a subdivision of ${c.region.slice(0, 2)}, but city.country is ${c.country}` });
        }
      }),
    partner: z.strictObject({
      name: text,
      type: fact(e('partner_type')),
      // A city network or international organisation has no single country: `multilateral`.
      country: z.union([z.literal(MULTILATERAL), country]),
      seat_country: country.optional(),
      region: regionSchema(v.regions ?? []).optional(),
      identity_verified: fact(bool),
      verified_via: z.array(e('verified_via')).optional(),
      contact_channel: e('contact_channel').optional(),
      state_direction: e('state_direction').optional(),
      rights_concerns: fact(e('rights_concerns')),
      sanctioned: fact(bool),
      relationship_years: fact(count),
    }),
    agreement: z
      .strictObject({
        instrument: fact(e('instrument')),
        signing_date: fact(isoDate),
        duration_years: fact(z.number().min(0)),
        exit_clause: fact(bool),
        foreign_policy_clauses: fact(bool),
        value_eur: fact(money),
        // The draft agreement, relative to this file: read by scan, assess and check.
        text: text.optional(),
      })
      .optional(),
    activities: z
      .array(
        z.strictObject({
          type: e('activity_type'),
          sectors: z.array(sector).optional(),
          ip_sensitive: fact(bool),
          visiting_delegations: fact(bool),
          data_access: fact(bool),
          knowledge_flow: fact(e('knowledge_flow')),
        }),
      )
      .optional(),
    // `investment: none` declares that none comes with the partnership; omitted or
    // `unknown` means the city does not know yet (an information gap).
    investment: z
      .union([z.literal(UNKNOWN), z.literal('none'), z.strictObject({
        direction: fact(e('investment_direction')),
        investor: text.optional(),
        investor_type: e('investor_type').optional(),
        investor_country: country.optional(),
        amount_eur: fact(money),
        stake_percent: fact(z.number().min(0).max(100)),
        sectors: z.array(sector).optional(),
        control_rights: fact(bool),
        data_access: fact(bool),
      })])
      .optional(),
    local_actors: z
      .array(
        z.strictObject({
          name: text,
          type: fact(e('local_actor_type')),
          international_experience: fact(e('international_experience')),
          washing_concerns: fact(bool),
        }),
      )
      .optional(),
    context: z
      .strictObject({
        tensions: z.array(z.strictObject({ type: e('tension_type'), note: text.optional() })).optional(),
        diaspora_concerns: fact(bool),
        // What the controversy is about, or `true` (kept for older files and the questionnaire's
        // yes/no): a controversy whose subject is not said. The boolean stays the last branch,
        // which is the kind the questionnaire asks.
        public_controversy: fact(z.union([z.array(e('controversy_subject')).min(1), bool])),
        third_party_reactions: z
          .array(z.strictObject({ country, reaction: fact(e('third_party_reaction')), note: text.optional() }))
          .optional(),
      })
      .optional(),
    cost_and_impact: z
      .strictObject({
        budget_public: fact(bool),
        local_outcomes: z.array(text).optional(),
        evaluation_planned: fact(bool),
        travel: z
          .strictObject({ trips_per_year: fact(count), participants: fact(count), long_haul: fact(bool) })
          .optional(),
      })
      .optional(),
    // What the city has already filed for the obligations of rules/obligations/.
    notifications: z
      .array(z.strictObject({ obligation: e('obligation'), date: isoDate, reference: text.optional() }))
      .optional(),
    stakeholders_consulted: z.array(e('stakeholder')).optional(),
    mitigations: z.array(e('mitigation')).optional(),
    accepted_risks: z
      .array(
        z
          .strictObject({
            rule: e('rule'),
            reason: text,
            approved_by: text,
            expires: isoDate,
          })
          .superRefine((a, ctx) => {
            if (blocking.has(a.rule))
              ctx.addIssue({
                code: 'custom',
                path: ['rule'],
                message: `"${a.rule}" is a blocking finding and cannot be accepted: it stops the partnership until the fact behind it is resolved (a council decision cannot make dealing with a sanctioned, unconfirmed or prohibited partner safe). Remove this entry and resolve the finding`,
              });
          }),
      )
      .optional(),
  });
}

export type PartnershipSchema = ReturnType<typeof buildPartnershipSchema>;
export type Partnership = z.output<PartnershipSchema>;
