import * as z from 'zod';

import { OPERATORS, type Condition } from './condition-types.js';

export * from './condition-types.js';

const scalar = z.union([z.string(), z.number(), z.boolean()]);
const setRef = z.string().regex(/^@[a-z0-9-]+$/, 'a named set is written "@name"');

const pathPredicate = z
  .strictObject({
    path: z.string().regex(/^[a-z_]+(\[\])?(\.[a-z_]+(\[\])?)*$/, 'a path is dotted snake_case, "[]" after an array'),
    equals: scalar.optional(),
    in: z.union([setRef, z.array(scalar).min(1)]).optional(),
    intersects: z.union([setRef, z.array(scalar).min(1)]).optional(),
    is: z.boolean().optional(),
    gte: z.number().optional(),
    lte: z.number().optional(),
    empty: z.boolean().optional(),
    exists: z.boolean().optional(),
    missing: z.enum(['unknown', 'true', 'false']).optional(),
  })
  .superRefine((p, ctx) => {
    const ops = OPERATORS.filter((op) => p[op] !== undefined);
    if (ops.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        message: `a predicate takes exactly one operator of ${OPERATORS.join(', ')} (found ${ops.length ? ops.join(', ') : 'none'})`,
      });
    }
  });

const functionCall = z.strictObject({
  fn: z.string().regex(/^[a-z][a-z0-9-]*$/),
  with: z.record(z.string(), z.unknown()).optional(),
});

export const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.strictObject({ all: z.array(conditionSchema).min(1) }),
    z.strictObject({ any: z.array(conditionSchema).min(1) }),
    z.strictObject({ not: conditionSchema }),
    functionCall,
    pathPredicate,
  ]),
) as z.ZodType<Condition>;
