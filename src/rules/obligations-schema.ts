import * as z from 'zod';
import { conditionSchema } from './condition.js';

// Obligation packs: what the law of one jurisdiction requires of a city (or
// of the investor in a partnership's investment), one YAML file per
// jurisdiction under rules/obligations/. Validated as strictly as rule packs.

const id = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'ids are kebab-case');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'dates are YYYY-MM-DD');
/** A country (ISO 3166-1 alpha-2) or a subdivision (ISO 3166-2). */
const jurisdictionCode = z.string().regex(/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/, 'a jurisdiction is an ISO 3166-1 alpha-2 code (AU) or an ISO 3166-2 code (US-IN)');

export const OBLIGATION_KINDS = ['prohibition', 'approval', 'notification', 'screening', 'registration'] as const;
export const DEADLINE_KINDS = ['before-negotiating', 'before-entering', 'within-days-of-entering', 'before-completion', 'by-date', 'none-stated'] as const;

const source = z.strictObject({
  statute: z.string().min(1),
  section: z.string().min(1),
  url: z.string().url(),
});

const deadline = z
  .strictObject({
    kind: z.enum(DEADLINE_KINDS),
    days: z.number().int().min(1).max(3650).optional(),
    date: isoDate.optional(),
    /** How the law words it, in our words. */
    note: z.string().min(1).optional(),
  })
  .superRefine((d, ctx) => {
    if (d.kind === 'within-days-of-entering' && d.days === undefined) ctx.addIssue({ code: 'custom', message: 'a deadline "within-days-of-entering" needs days', path: ['days'] });
    if (d.kind !== 'within-days-of-entering' && d.days !== undefined) ctx.addIssue({ code: 'custom', message: `days belongs to a "within-days-of-entering" deadline, not "${d.kind}"`, path: ['days'] });
    if (d.kind === 'by-date' && d.date === undefined) ctx.addIssue({ code: 'custom', message: 'a deadline "by-date" needs date', path: ['date'] });
    if (d.kind !== 'by-date' && d.date !== undefined) ctx.addIssue({ code: 'custom', message: `date belongs to a "by-date" deadline, not "${d.kind}"`, path: ['date'] });
  });

export const obligationSchema = z
  .strictObject({
    id,
    /** The country or subdivision whose law this is (a pack may hold several subdivisions). */
    jurisdiction: jurisdictionCode,
    title: z.string().min(1),
    kind: z.enum(OBLIGATION_KINDS),
    /** When it applies: a condition in the rule language (see README "Writing a rule"). */
    when: conditionSchema,
    /**
     * Which arrangements by the date they were entered (agreement.signing_date):
     * `entered_from` keeps those entered on or after the date and those not
     * entered yet; `entered_before` keeps those entered before it.
     */
    arrangements: z.strictObject({ entered_from: isoDate.optional(), entered_before: isoDate.optional() }).optional(),
    action: z.string().min(1),
    deadline,
    authority: z.string().min(1),
    consequence: z.string().min(1),
    effective: z.strictObject({ from: isoDate, until: isoDate.optional() }),
    source,
    /** The day the official text was checked. Absent: not checked against the official text (say why in unconfirmed). */
    reviewed: isoDate.optional(),
    /** Points that could not be confirmed from the official text. */
    unconfirmed: z.array(z.string().min(1)).optional(),
  })
  .superRefine((o, ctx) => {
    if (o.reviewed === undefined && !o.unconfirmed?.length) {
      ctx.addIssue({ code: 'custom', message: 'an obligation without reviewed must say in unconfirmed what could not be checked', path: ['unconfirmed'] });
    }
  });
export type Obligation = z.infer<typeof obligationSchema>;

/** A named group of countries an obligation's condition can name, e.g. "@us-foreign-adversaries". */
const countryGroup = z.strictObject({
  name: z.string().min(1),
  members: z.array(z.string().regex(/^[A-Z]{2}$/)).min(1),
  source: source,
  reviewed: isoDate.optional(),
  unconfirmed: z.array(z.string().min(1)).optional(),
});

/** A bill or proposal that is not law: listed so that readers know it was looked at, never applied. */
const pending = z.strictObject({
  title: z.string().min(1),
  status: z.string().min(1),
  note: z.string().min(1),
  url: z.string().url().optional(),
});

/** Guidance that is advice, not law (e.g. the NCSC's 2022 bulletin): listed, never applied. */
const guidance = z.strictObject({
  title: z.string().min(1),
  note: z.string().min(1),
  url: z.string().url(),
});

export const obligationPackSchema = z.strictObject({
  /** The pack's jurisdiction: an ISO 3166-1 alpha-2 code; the file is named after it in lower case. */
  obligations_for: z.string().regex(/^[A-Z]{2}$/, 'obligations_for is an ISO 3166-1 alpha-2 code'),
  name: z.string().min(1),
  description: z.string().optional(),
  groups: z.record(id, countryGroup).optional(),
  obligations: z.array(obligationSchema),
  pending: z.array(pending).optional(),
  guidance: z.array(guidance).optional(),
  not_covered: z.array(z.string().min(1)).optional(),
});
export type ObligationPack = z.infer<typeof obligationPackSchema>;
