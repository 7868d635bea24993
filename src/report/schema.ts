// The JSON report's shape, written once. The zod schemas below are the
// contract: the report types are inferred from them, and
// schema/report.schema.json is generated from them (`cdrisk schema --report`,
// kept fresh by test/schemas.test.ts). Enumerations that come from the rule
// data (categories, scenarios, impacts, stakeholders, statuses,
// recommendations, the top rating and score) are filled in from it, as the
// partnership schema's are.
import * as z from 'zod';
import { LEVELS, maxScore, scaleTop, type RatingScale } from '../shared/levels.js';
import { DEADLINE_KINDS, OBLIGATION_KINDS } from '../rules/obligations-schema.js';

/** What the report's enumerations and ranges are made of: ids from the rule data. */
export interface ReportVocabulary {
  categories: readonly string[];
  scenarios: readonly string[];
  impacts: readonly string[];
  stakeholders: readonly string[];
  statuses: readonly string[];
  recommendations: readonly string[];
  likelihood: RatingScale;
  impact: RatingScale;
}

/** The vocabulary of a rule set (built-in, or merged with --rules packs). */
export function reportVocabulary(rules: {
  matrix: { categories: object; scenarios: object; impacts: object };
  vocabulary: Record<string, object>;
  foresight: { words: { before: object } };
  bands: { likelihood: RatingScale; impact: RatingScale };
}): ReportVocabulary {
  return {
    categories: Object.keys(rules.matrix.categories),
    scenarios: Object.keys(rules.matrix.scenarios),
    impacts: Object.keys(rules.matrix.impacts),
    stakeholders: Object.keys(rules.vocabulary.stakeholder ?? {}),
    statuses: Object.keys(rules.vocabulary.status ?? {}),
    recommendations: Object.keys(rules.foresight.words.before),
    likelihood: rules.bands.likelihood,
    impact: rules.bands.impact,
  };
}

function enumOf(values: readonly string[]) {
  return z.enum(values as [string, ...string[]]);
}

export const REPORT_SCHEMA_VERSION = 1 as const;

/** Ids and descriptions for the JSON Schema, in a registry of each build's own (ids must be unique in one). */
type Meta = { id?: string; title?: string; description?: string };

export function buildReportSchema(v: ReportVocabulary) {
  const reg = z.registry<Meta>();
  const top = maxScore(v);
  const level = z.enum(LEVELS).register(reg, { id: 'level', description: 'Risk level, lowest first.' });
  const recommendation = enumOf(v.recommendations).register(reg, {
    id: 'recommendation',
    description: 'Foresight recommendation (the ids foresight.yaml words.before defines).',
  });
  const category = enumOf(v.categories).register(reg, { id: 'category' });
  const scenario = enumOf(v.scenarios).register(reg, { id: 'scenario' });
  const impactId = enumOf(v.impacts).register(reg, { id: 'impactId' });
  const stakeholder = enumOf(v.stakeholders).register(reg, { id: 'stakeholder' });
  const likelihoodRating = z.number().int().min(1).max(scaleTop(v.likelihood));
  const impactRating = z.number().int().min(1).max(scaleTop(v.impact));
  const findingScore = z.number().int().min(1).max(top);
  const score = z.number().int().min(0).max(top);
  const count = z.number().int().min(0);

  const evidence = z
    .strictObject({
      path: z.string().register(reg, { description: 'Field of the partnership file, e.g. activities[0].sectors.' }),
      value: z.unknown().register(reg, { description: 'The value found there (any JSON value).' }),
      line: z.number().int().min(1).optional(),
      note: z.string().optional(),
      draft: z
        .strictObject({
          file: z.string(),
          clause: z
            .string()
            .nullable()
            .register(reg, { description: 'Clause id from rules/clauses.yaml; null for what the complete text leaves out.' }),
          page: z.number().int().min(1).nullable(),
          paragraph: z.number().int().min(1).nullable(),
          line: z.number().int().min(1).nullable(),
        })
        .optional()
        .register(reg, {
          description:
            'Set when the fact comes from the draft agreement (assess --agreement, or agreement.text): where the clause stands in it. line is then absent.',
        }),
    })
    .register(reg, { id: 'evidence', description: 'A fact of the file that decided a condition.' });

  const error = z
    .strictObject({
      message: z.string(),
      path: z.string().optional(),
      line: z.number().int().min(1).optional(),
      column: z.number().int().min(1).optional(),
    })
    .register(reg, { id: 'error', description: 'Why a file could not be read; located when possible.' });

  const finding = z
    .strictObject({
      ruleId: z.string(),
      title: z.string(),
      category,
      scenario,
      impacts: z.array(impactId).min(1),
      likelihood: likelihoodRating,
      impact: impactRating,
      score: findingScore,
      level,
      modifiers: z.array(z.strictObject({ rating: z.enum(['likelihood', 'impact']), add: z.number().int(), note: z.string() })),
      residual: z
        .strictObject({ likelihood: likelihoodRating, impact: impactRating, score: findingScore, level, mitigations: z.array(z.string()) })
        .register(reg, { description: 'Risk left after the declared mitigations.' }),
      available: z
        .array(z.string())
        .register(reg, { description: 'Mitigations from the catalogue that address this finding and are not declared yet.' }),
      evidence: z.array(evidence),
      stakeholders: z.array(stakeholder),
      recommendation: z.string(),
      blocking: z.boolean(),
      phase: z.enum(['foresight', 'management']),
      accepted: z.boolean(),
      acceptance: z
        .strictObject({ reason: z.string(), approved_by: z.string(), expires: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) })
        .optional(),
    })
    .register(reg, { id: 'finding' });

  const categoryScore = z.strictObject({ id: category, level, score, inherentScore: score }).register(reg, { id: 'categoryScore' });

  const foresightAnswer = z.strictObject({
    id: z.string(),
    question: z.string(),
    answer: z.enum(['yes', 'no', 'unknown']),
    concern: z.enum(['yes', 'no']).register(reg, { description: 'The answer that signals a concern; the other one is the all-clear.' }),
    evidence: z.array(evidence),
    open: z
      .array(z.strictObject({ path: z.string(), question: z.string(), ask: z.array(z.string()) }))
      .optional()
      .register(reg, {
        description: 'For an unknown answer: the missing facts that would settle it, each with its question and whom to ask.',
      }),
  });
  const foresightStep = z
    .strictObject({
      step: z.number().int().min(1),
      title: z.string(),
      answers: z.array(foresightAnswer),
      findings: z.array(z.string()),
      outcome: z.string(),
    })
    .register(reg, { id: 'foresightStep' });

  const managementCategory = z
    .strictObject({
      id: category,
      level,
      declared: z.array(z.string()),
      available: z.array(z.string()),
      monitor: z.string(),
      stop: z
        .boolean()
        .register(reg, { description: 'The category is at the top level and no measure of the catalogue is left to lower it.' }),
    })
    .register(reg, { id: 'managementCategory' });

  const stakeholderEntry = z
    .strictObject({
      code: stakeholder,
      name: z.string(),
      reasons: z.array(z.string()).min(1),
      consulted: z.boolean(),
      questions: z.array(z.string()),
    })
    .register(reg, { id: 'stakeholderEntry' });

  const gap = z
    .strictObject({
      path: z.string(),
      question: z.string(),
      ask: z.array(stakeholder),
      rules: z.array(z.string()).min(1).register(reg, { description: 'Ids of the rules and obligations the answer could trigger.' }),
      /** The level the rules it could trigger would reach. */
      potential: level,
    })
    .register(reg, { id: 'gap', description: 'A fact the file does not give that could change the result.' });

  const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
  const obligation = z
    .strictObject({
      id: z.string(),
      kind: z.enum(OBLIGATION_KINDS),
      jurisdiction: z
        .string()
        .regex(/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/)
        .register(reg, { description: 'ISO 3166-1 alpha-2 or ISO 3166-2 code of the jurisdiction whose law it is.' }),
      jurisdictionName: z.string().register(reg, { description: "The name of the pack's country." }),
      title: z.string(),
      action: z.string(),
      deadline: z.strictObject({
        kind: z.enum(DEADLINE_KINDS),
        days: z.number().int().min(1).optional(),
        date: isoDate.optional(),
        note: z.string().optional(),
        due: isoDate.optional().register(reg, { description: 'The computed date the obligation falls due, when the law gives one.' }),
        text: z.string(),
      }),
      authority: z.string(),
      consequence: z.string(),
      effective: z.strictObject({ from: isoDate, until: isoDate.optional() }),
      source: z.strictObject({ statute: z.string(), section: z.string(), url: z.string() }),
      reviewed: z
        .string()
        .nullable()
        .register(reg, { description: 'The day the official text was checked; null when it was not (see unconfirmed).' }),
      unconfirmed: z.array(z.string()),
      status: z.enum(['due', 'overdue', 'done', 'not-yet-applicable']),
      blocking: z
        .boolean()
        .register(reg, { description: 'A prohibition in force: it decides the recommendation and cannot be accepted away.' }),
      notification: z.strictObject({ date: isoDate, reference: z.string().optional() }).optional(),
      evidence: z.array(evidence),
    })
    .register(reg, {
      id: 'obligation',
      description: 'A legal obligation of rules/obligations/ that applies to the partnership (not legal advice).',
    });

  const common = {
    file: z.string(),
    id: z.string().nullable(),
    errors: z.array(error),
    warnings: z.array(z.string()),
    categories: z.array(categoryScore),
    findings: z.array(finding),
    stakeholders: z.array(stakeholderEntry),
    gaps: z.array(gap),
  };

  const validResult = z
    .strictObject({
      ...common,
      title: z.string(),
      status: enumOf(v.statuses),
      valid: z.literal(true),
      level,
      score,
      /** Highest residual level among findings not covered by an accepted risk: what CI gates on. */
      openLevel: level,
      inherent: z.strictObject({ level, score }),
      foresight: z.strictObject({ steps: z.array(foresightStep), recommendation, reason: z.string() }),
      management: z
        .strictObject({ categories: z.array(managementCategory), triggers: z.array(z.string()) })
        .optional()
        .register(reg, { description: 'The management flowchart; only for the statuses foresight.yaml names (active or suspended).' }),
      obligations: z
        .array(obligation)
        .register(reg, { description: 'What the law requires: obligations of the jurisdictions in rules/obligations/ that apply.' }),
    })
    .register(reg, { id: 'validResult', description: 'A file that was read and assessed.' });

  const invalidResult = z
    .strictObject({
      ...common,
      errors: z.array(error).min(1),
      categories: z.array(categoryScore).max(0),
      findings: z.array(finding).max(0),
      stakeholders: z.array(stakeholderEntry).max(0),
      gaps: z.array(gap).max(0),
      valid: z.literal(false),
      level: z.null(),
      score: z.null(),
      openLevel: z.null(),
    })
    .register(reg, { id: 'invalidResult', description: 'A file that could not be read or is not a valid partnership file.' });

  const report = z
    .strictObject({
      schemaVersion: z.literal(REPORT_SCHEMA_VERSION),
      tool: z.strictObject({ name: z.literal('cdrisk'), version: z.string().regex(/^\d+\.\d+\.\d+/) }),
      results: z.array(z.discriminatedUnion('valid', [validResult, invalidResult])),
      summary: z.strictObject({
        files: count,
        invalid: count,
        byLevel: z.strictObject(Object.fromEntries(LEVELS.map((l) => [l, count])) as Record<(typeof LEVELS)[number], typeof count>),
        failed: count.optional().register(reg, { description: 'Files at or above --fail-on; present only with --fail-on.' }),
        accepted: count.optional().register(reg, { description: 'Findings covered by an unexpired accepted risk.' }),
      }),
    })
    .register(reg, {
      title: 'cdrisk JSON report',
      description: `The output of \`cdrisk assess --format json\` (schemaVersion ${REPORT_SCHEMA_VERSION}). Deterministic: no timestamps, no absolute paths, results sorted by file.`,
    });

  return {
    registry: reg,
    report,
    validResult,
    invalidResult,
    finding,
    obligation,
    evidence,
    categoryScore,
    foresightStep,
    managementCategory,
    stakeholderEntry,
    gap,
  };
}

type Schemas = ReturnType<typeof buildReportSchema>;
type Valid = z.infer<Schemas['validResult']>;
type Invalid = z.infer<Schemas['invalidResult']>;

/**
 * One type for both kinds of result, as the code handles them: the keys of
 * both, each with the values of either, and optional where one kind lacks it.
 * Internal steps (check's slim results) may leave out what a valid result
 * in the JSON report always has, so those are optional here too.
 */
type Either<A, B> = { [K in keyof A & keyof B]: A[K] | B[K] } & { [K in Exclude<keyof A, keyof B>]?: A[K] } & {
  [K in Exclude<keyof B, keyof A>]?: B[K];
};

export type FileResult = Either<Valid, Invalid> & {
  /**
   * Set by the engine for a file whose `agreement.text` names a draft that was
   * not read yet: the command reads it and assesses the file again. Never in
   * a report, so not in its schema.
   */
  pendingDraft?: string;
};
export type Report = Omit<z.infer<Schemas['report']>, 'results'> & { results: FileResult[] };
export type Finding = z.infer<Schemas['finding']>;
export type EvidenceItem = z.infer<Schemas['evidence']>;
export type CategoryScore = z.infer<Schemas['categoryScore']>;
export type ForesightStep = z.infer<Schemas['foresightStep']>;
export type ForesightAnswer = ForesightStep['answers'][number];
export type ManagementCategory = z.infer<Schemas['managementCategory']>;
export type StakeholderEntry = z.infer<Schemas['stakeholderEntry']>;
export type Gap = z.infer<Schemas['gap']>;
export type ObligationResult = z.infer<Schemas['obligation']>;
export type ObligationStatus = ObligationResult['status'];

/** The JSON Schema of the report for a rule set's vocabulary (schema/report.schema.json for the built-in rules). */
export function reportJsonSchema(v: ReportVocabulary): Record<string, unknown> {
  const { report, registry } = buildReportSchema(v);
  const schema = z.toJSONSchema(report, { target: 'draft-2020-12', unrepresentable: 'any', io: 'output', metadata: registry }) as Record<
    string,
    unknown
  >;
  const { $schema, title, description, ...rest } = schema;
  return { $schema, $id: 'https://cdrisk.invalid/schema/report.schema.json', title, description, ...rest };
}
