import * as z from 'zod';
import { conditionSchema } from './condition.js';
import { LEVELS, maxScore } from '../shared/levels.js';

const id = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'ids are kebab-case (lower-case letters and digits joined by -)');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'dates are YYYY-MM-DD');
const rating = z.number().int().min(1).max(5);
const sourceRefs = z.array(id).min(1);

const modifier = z.strictObject({
  when: conditionSchema,
  add: z.number().int().min(-4).max(4).refine((n) => n !== 0, 'a modifier adds a non-zero amount'),
  note: z.string().min(1),
});

const rating_ = z.strictObject({
  base: rating,
  modifiers: z.array(modifier).optional(),
});

export const ruleSchema = z.strictObject({
  id,
  category: id,
  scenario: id,
  impacts: z.array(id).min(1),
  title: z.string().min(1),
  rationale: z.string().min(1),
  when: conditionSchema,
  likelihood: rating_,
  impact: rating_,
  stakeholders: z.array(id),
  /** A listed stakeholder with a condition here is named only when the facts do not rule the condition out. */
  stakeholders_when: z.record(id, conditionSchema).optional(),
  questions: z.record(id, z.string().min(1)).optional(),
  /** The questions for a partnership already running, where the wording differs. */
  questions_running: z.record(id, z.string().min(1)).optional(),
  recommendation: z.string().min(1),
  /** What to do for a partnership already running (status active or suspended), when it differs. */
  recommendation_running: z.string().min(1).optional(),
  /** Advice chosen by the facts: the first entry whose condition holds replaces the recommendation. */
  advice: z
    .array(z.strictObject({ when: conditionSchema, recommendation: z.string().min(1), recommendation_running: z.string().min(1).optional() }))
    .optional(),
  mitigations: z.array(id),
  /** A finding that stops the foresight process until it is resolved. */
  blocking: z.boolean().optional(),
  /** Checked during the partnership's life (management flowchart) rather than before signing. */
  phase: z.enum(['foresight', 'management']).optional(),
  source: sourceRefs,
});
export type Rule = z.infer<typeof ruleSchema>;

export const rulePackSchema = z.strictObject({
  pack: id,
  description: z.string().optional(),
  rules: z.array(ruleSchema),
});

export const sourceSchema = z.strictObject({
  title: z.string().min(1),
  citation: z.string().min(1),
  /** How reports name the work in running text. */
  short: z.strictObject({ title: z.string().min(1), authors: z.string().min(1), publisher: z.string().min(1), year: z.number().int() }).optional(),
  url: z.string().url().optional(),
  licence: z.string().optional(),
});
export const sourcesSchema = z.strictObject({ sources: z.record(id, sourceSchema) });
export type Source = z.infer<typeof sourceSchema>;

export const mitigationSchema = z.strictObject({
  title: z.string().min(1),
  description: z.string().min(1),
  reduces: z.strictObject({
    likelihood: z.number().int().min(0).max(3),
    impact: z.number().int().min(0).max(2).optional(),
  }),
  monitor: z.string().optional(),
  source: sourceRefs,
});
export const mitigationsSchema = z.strictObject({ mitigations: z.record(id, mitigationSchema) });
export type Mitigation = z.infer<typeof mitigationSchema>;

export const sectorsSchema = z.strictObject({
  groups: z.record(
    id,
    z.strictObject({ name: z.string(), sectors: z.array(id).min(1), source: sourceRefs }),
  ),
});

/** A rating scale: a name for each rating, keyed 1, 2, ... without gaps. */
const scale = z.record(z.string(), z.string().min(1)).superRefine((s, ctx) => {
  const keys = Object.keys(s);
  if (keys.length === 0 || keys.some((k, i) => k !== String(i + 1))) {
    ctx.addIssue({ code: 'custom', message: `a rating scale names the ratings 1, 2, ... in order without gaps (got ${keys.join(', ') || 'none'})` });
  }
});

export const bandsSchema = z
  .strictObject({
    source: id,
    likelihood: scale,
    impact: scale,
    bands: z.array(z.strictObject({ level: z.enum(LEVELS), min: z.number().int(), max: z.number().int() })),
    /**
     * Findings at this level or above need attention: the stakeholders they
     * name must be consulted (the escalation policy), and CI annotates them
     * even below --fail-on.
     */
    attention: z.enum(LEVELS),
  })
  .superRefine((b, ctx) => {
    const top = maxScore(b);
    let next = 1;
    for (const band of b.bands) {
      if (band.min !== next || band.max < band.min) {
        ctx.addIssue({ code: 'custom', message: `bands must cover 1..${top} in order without gaps (expected a band from ${next})`, path: ['bands'] });
        return;
      }
      next = band.max + 1;
    }
    if (next !== top + 1) ctx.addIssue({ code: 'custom', message: `bands must end at ${top} (the top likelihood times the top impact)`, path: ['bands'] });
    if (!b.bands.some((band) => band.level === b.attention)) {
      ctx.addIssue({ code: 'custom', message: 'no band has this level', path: ['attention'] });
    }
  });

const named = z.strictObject({
  name: z.string(),
  category: id.optional(),
  summary: z.string().optional(),
  source: id.optional(),
  /** Set when the names are translated (never in a file): the brief's English name, given in brackets at first use. */
  brief: z.string().optional(),
});
export const matrixSchema = z.strictObject({
  /** The work the matrix comes from (the brief): cited by every report. */
  source: id,
  categories: z.record(id, named),
  scenarios: z.record(id, named),
  impacts: z.record(id, named),
});

export const vocabularySchema = z.record(z.string(), z.record(z.string(), z.string()));

/** Old spellings of enumeration values: enumeration -> old value -> its replacement. */
export const renamedSchema = z.strictObject({
  renamed: z.record(
    z.string(),
    z.record(z.string(), z.strictObject({ use: z.string().min(1), note: z.string().min(1), since: isoDate })),
  ),
});

// Regime classes are the keys of state_direction_by_regime (checked when the table loads).
const regime = id;
// The values are vocabulary.state_direction (checked when the table loads).
export const countriesSchema = z.strictObject({
  source: z.strictObject({
    id,
    title: z.string(),
    /** How evidence notes name the classification, e.g. "Regimes of the World 2022". */
    label: z.string().min(1),
    citation: z.string(),
    licence: z.string(),
    year: z.number().int(),
  }),
  state_direction_by_regime: z.record(regime, id),
  countries: z.array(
    z.strictObject({
      code: z.string().regex(/^[A-Z]{2}$/),
      alpha3: z.string().regex(/^[A-Z]{3}$/),
      name: z.string().min(1),
      regime,
      aliases: z.array(z.string()).optional(),
    }),
  ),
});
export type CountriesTable = z.infer<typeof countriesSchema>;

const side = z.union([z.string().regex(/^([A-Z]{2}|@[a-z0-9-]+)$/), z.array(z.string().regex(/^[A-Z]{2}$/)).min(1)]);
export const tensionsSchema = z.strictObject({
  // The severity a tension declared in a partnership file (context.tensions)
  // counts as: files carry no severity, so the table says how much they weigh.
  // One of vocabulary.tension_severity; a pack may override it.
  declared_severity: id.optional(),
  groups: z.record(
    id,
    z.strictObject({ name: z.string(), members: z.array(z.string().regex(/^[A-Z]{2}$/)).min(1), source: z.string(), reviewed: isoDate }),
  ),
  tensions: z.array(
    z.strictObject({
      id,
      between: z.tuple([side, side]),
      // One of vocabulary.tension_type (checked when the table loads).
      type: id,
      since: isoDate,
      // One of vocabulary.tension_severity (checked when the table loads).
      severity: id,
      note: z.string(),
      source: z.string().min(1),
      reviewed: isoDate,
    }),
  ),
});
export type TensionsTable = z.infer<typeof tensionsSchema>;

export const currenciesSchema = z.strictObject({
  source: id,
  checked: isoDate,
  /** Euro reference rates of one day: units of each currency for 1 euro. */
  rates: z.strictObject({
    date: isoDate,
    source: id,
    checked: isoDate,
    per_euro: z.record(z.string().regex(/^[A-Z]{3}$/), z.number().positive()),
  }),
  /** ISO 4217 code -> the currency's name. */
  codes: z.record(z.string().regex(/^[A-Z]{3}$/, 'currency codes are three capital letters (ISO 4217)'), z.string().min(1)),
});
export type CurrenciesTable = z.infer<typeof currenciesSchema>;

export const gapsSchema = z.strictObject({
  gaps: z.record(
    z.string(),
    z.strictObject({ question: z.string().min(1), ask: z.array(id).min(1), why: z.string().optional() }),
  ),
});

const step = z.strictObject({
  step: z.number().int().min(1),
  title: z.string().min(1),
  purpose: z.string().min(1),
  questions: z.array(
    z.strictObject({
      id,
      ask: z.string().min(1),
      yes: conditionSchema,
      no: conditionSchema.optional(),
      /** Which answer is the concern (default yes); the other is the all-clear, never given while a finding of the step fires on the same fact. */
      concern: z.enum(['yes', 'no']).optional(),
      /** Asked only when a finding names this stakeholder (no "consult the government?" for a case that needs none). */
      ask_if_named: id.optional(),
    }),
  ),
  scenarios: z.array(id),
  /** Sentences with {count}, {titles}, {pending}, {recommendation} filled in. */
  outcome: z.strictObject({ clear: z.string(), concerns: z.string(), blocked: z.string().optional() }),
  source: sourceRefs,
});

const policyWhen = z.strictObject({
  /** Values of vocabulary.status (checked when the table loads). */
  status: z.array(id).optional(),
  level: z.array(z.enum(LEVELS)).optional(),
  blocking: z.boolean().optional(),
  mitigable: z.boolean().optional(),
  stuck_category: z.boolean().optional(),
  pending_stakeholder: id.optional(),
  /** Some information gap could trigger a finding at one of these levels. */
  gap_potential: z.array(z.enum(LEVELS)).optional(),
});

export const foresightSchema = z
  .strictObject({
    steps: z.array(step).min(1),
    recommendation: z
      .array(
        z.strictObject({
          recommendation: id,
          when: policyWhen,
          reason: z.string().min(1),
        }),
      )
      .min(1),
    /**
     * The recommendations the policy can give (the keys of before), in plain
     * words before signing and for a running partnership.
     */
    words: z.strictObject({ before: z.record(id, z.string().min(1)), running: z.record(id, z.string().min(1)) }),
    /** Words the engine puts into the reasons: names of levels and recommendations, and what stands for an empty list. */
    terms: z
      .strictObject({
        levels: z.strictObject(Object.fromEntries(LEVELS.map((l) => [l, z.string().min(1)])) as Record<(typeof LEVELS)[number], z.ZodString>),
        recommendations: z.record(id, z.string().min(1)),
        none: z.string().min(1),
        nobody: z.string().min(1),
        /** Between the items of a list in a sentence. */
        separator: z.string().min(1),
      })
      .optional(),
    management: z.strictObject({
      /** Values of vocabulary.status that get the management view (checked when the table loads). */
      statuses: z.array(id),
      /** Per category, what to watch: each entry shown when its condition holds (no condition: always). */
      monitor: z.record(id, z.array(z.strictObject({ text: z.string().min(1), when: conditionSchema.optional() }))),
      triggers: z.array(z.string()),
      source: sourceRefs,
    }),
  })
  .superRefine((f, ctx) => {
    f.steps.forEach((s, i) => {
      if (s.step !== i + 1) ctx.addIssue({ code: 'custom', message: `expected ${i + 1} (steps are numbered 1, 2, ... in order)`, path: ['steps', i, 'step'] });
    });
    const known = Object.keys(f.words.before);
    f.recommendation.forEach((entry, i) => {
      if (!known.includes(entry.recommendation)) {
        ctx.addIssue({ code: 'custom', message: `not one of the recommendations words.before defines (${known.join(', ')})`, path: ['recommendation', i, 'recommendation'] });
      }
    });
    for (const rec of known) {
      if (!(rec in f.words.running)) ctx.addIssue({ code: 'custom', message: `no words for "${rec}" in a running partnership`, path: ['words', 'running'] });
    }
    const last = f.recommendation.length - 1;
    if (last >= 0 && Object.keys(f.recommendation[last].when).length) {
      ctx.addIssue({ code: 'custom', message: 'the last entry of the policy has no conditions (when: {}), so that every partnership gets a recommendation', path: ['recommendation', last, 'when'] });
    }
  });
export type Foresight = z.infer<typeof foresightSchema>;
export type PolicyWhen = z.infer<typeof policyWhen>;
