// The condition language's types, free of zod so that the engine can use them
// without loading the rule-pack schemas.

/**
 * The condition language of rule packs. A condition is a tree of `all`, `any`
 * and `not` over predicates on partnership fields (`path` plus one operator)
 * and named check functions (`fn`). It evaluates to true, false or unknown.
 */
export type Scalar = string | number | boolean;

export interface PathPredicate {
  path: string;
  equals?: Scalar;
  in?: string | Scalar[];
  intersects?: string | Scalar[];
  is?: boolean;
  gte?: number;
  lte?: number;
  empty?: boolean;
  exists?: boolean;
  /** What a missing (or `unknown`) field means here; by default it stays unknown. */
  missing?: 'unknown' | 'true' | 'false';
}

export interface FunctionCall {
  fn: string;
  with?: Record<string, unknown>;
}

export type Condition =
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  | PathPredicate
  | FunctionCall;

export const OPERATORS = ['equals', 'in', 'intersects', 'is', 'gte', 'lte', 'empty', 'exists'] as const;
