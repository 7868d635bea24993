import * as z from 'zod';
import { LEVELS } from '../../shared/levels.js';

/**
 * The shape of `cdrisk portfolio --format json`, as zod. schema/portfolio.schema.json
 * is generated from it (`cdrisk schema --portfolio`), and a test keeps the
 * two in step and checks real output against the file.
 */
const level = z.enum(LEVELS);
const byLevel = z.strictObject(
  Object.fromEntries(LEVELS.map((l) => [l, z.number().int().min(0)])) as Record<(typeof LEVELS)[number], z.ZodNumber>,
);
const code = z.string().regex(/^[A-Z]{2}$/);
const side = z.strictObject({ name: z.string(), country: z.union([code, z.literal('unknown')]), region: z.string().optional() });
const where = { id: z.string(), source: z.string(), row: z.number().int().min(2).optional() };

export const portfolioReportSchema = z.strictObject({
  schemaVersion: z.literal(1),
  tool: z.strictObject({ name: z.literal('cdrisk'), version: z.string() }),
  portfolio: z.strictObject({
    total: z.number().int().min(0),
    invalid: z.number().int().min(0),
    byLevel,
    byPartnerCountry: z.array(
      z.strictObject({
        country: z.string(),
        name: z.string(),
        total: z.number().int().min(1),
        byLevel,
        regime: z.string(),
        tensions: z.array(z.string()),
      }),
    ),
    byCity: z.array(z.strictObject({ name: z.string(), country: z.string(), total: z.number().int().min(1), byLevel })),
    byRule: z.array(z.strictObject({ rule: z.string(), title: z.string(), count: z.number().int().min(1), byLevel })),
    reviewsOverdue: z.array(z.strictObject({ ...where, next: z.string().nullable() })),
    acceptancesExpiring: z.array(z.strictObject({ ...where, rule: z.string(), expires: z.string() })),
    topGaps: z.array(z.strictObject({ path: z.string(), question: z.string(), count: z.number().int().min(1) })),
  }),
  history: z
    .array(
      z.strictObject({
        month: z.string().regex(/^\d{4}-\d{2}$/),
        commit: z.string(),
        total: z.number().int().min(0),
        invalid: z.number().int().min(0),
        byLevel,
      }),
    )
    .optional(),
  results: z.array(
    z.strictObject({
      source: z.string(),
      row: z.number().int().min(2).optional(),
      id: z.string().nullable(),
      title: z.string().optional(),
      status: z.string().optional(),
      valid: z.boolean(),
      errors: z.array(z.string()),
      city: side.nullable(),
      partner: side.nullable(),
      level: level.nullable(),
      openLevel: level.nullable(),
      score: z.number().int().min(0).max(25).nullable(),
      // An id of rules/foresight.yaml words.before (the recommendations are rule data).
      recommendation: z.string().nullable(),
      rules: z.array(z.string()),
      gaps: z.array(z.string()),
      reviewNext: z.string().optional(),
      reviewOverdue: z.boolean(),
      acceptancesExpiring: z.array(z.strictObject({ rule: z.string(), expires: z.string() })),
    }),
  ),
});

export function portfolioJsonSchemaText(): string {
  const schema = z.toJSONSchema(portfolioReportSchema, { target: 'draft-2020-12' }) as Record<string, unknown>;
  const out = {
    $schema: schema.$schema,
    $id: 'https://cdrisk.invalid/schema/portfolio.schema.json',
    title: 'cdrisk portfolio JSON',
    description:
      'The output of `cdrisk portfolio --format json` (schemaVersion 1): the counts an association acts on, then one slim result per partnership in the order of the register or of the files.',
    ...Object.fromEntries(Object.entries(schema).filter(([k]) => k !== '$schema')),
  };
  return `${JSON.stringify(out, null, 2)}\n`;
}
