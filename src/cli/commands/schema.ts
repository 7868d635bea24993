import * as z from 'zod';
import type { EngineContext } from '../../engine/context.js';
import { reportJsonSchema, reportVocabulary } from '../../report/schema.js';

/** The JSON Schema of partnership files, generated from the zod schema (input side). */
export function partnershipJsonSchema(ctx: EngineContext): Record<string, unknown> {
  const schema = z.toJSONSchema(ctx.schema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' }) as Record<string, unknown>;
  return {
    $schema: schema.$schema,
    title: 'cdrisk partnership file, format 1',
    description:
      'One international partnership of a city, as read by cdrisk. Everything but identity is optional; a missing field means unknown.',
    ...Object.fromEntries(Object.entries(schema).filter(([k]) => k !== '$schema')),
  };
}

export async function schemaText(ctx: EngineContext, report: boolean, portfolio = false): Promise<string> {
  if (portfolio) return (await import('../portfolio/schema.js')).portfolioJsonSchemaText();
  const schema = report ? reportJsonSchema(reportVocabulary(ctx.rules)) : partnershipJsonSchema(ctx);
  return `${JSON.stringify(schema, null, 2)}\n`;
}
