import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod';
import type { EngineContext } from '../../engine/context.js';
import { packageRoot } from '../package-root.js';

/** The JSON Schema of partnership files, generated from the zod schema (input side). */
export function partnershipJsonSchema(ctx: EngineContext): Record<string, unknown> {
  const schema = z.toJSONSchema(ctx.schema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' }) as Record<string, unknown>;
  return {
    $schema: schema.$schema,
    title: 'cdrisk partnership file, format 1',
    description: 'One international partnership of a city, as read by cdrisk. Everything but identity is optional; a missing field means unknown.',
    ...Object.fromEntries(Object.entries(schema).filter(([k]) => k !== '$schema')),
  };
}

export async function schemaText(ctx: EngineContext, report: boolean, portfolio = false): Promise<string> {
  if (portfolio) return (await import('../portfolio/schema.js')).portfolioJsonSchemaText();
  if (report) return readFileSync(join(packageRoot(), 'schema', 'report.schema.json'), 'utf8');
  return `${JSON.stringify(partnershipJsonSchema(ctx), null, 2)}\n`;
}
