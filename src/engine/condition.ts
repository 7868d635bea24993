import type { Condition, PathPredicate, Scalar } from '../rules/condition.js';
import type { Partnership } from '../load/partnership-schema.js';
import type { EngineContext } from './context.js';
import { patternOf, resolvePath, type Fact } from './facts.js';
import { FALSE, TRUE, UNKNOWN, type Evidence, type Outcome } from './tri.js';

/** Evaluates a condition in three-valued logic (Kleene): unknown is never taken as false. */
export function evaluate(cond: Condition, p: Partnership, ctx: EngineContext): Outcome {
  if ('all' in cond) {
    const parts = cond.all.map((c) => evaluate(c, p, ctx));
    const falses = parts.filter((o) => o.truth === 'false');
    if (falses.length) return FALSE(falses.flatMap((o) => o.evidence));
    const unknowns = parts.filter((o) => o.truth === 'unknown');
    if (unknowns.length) return UNKNOWN(unknowns.flatMap((o) => o.unknown));
    return TRUE(parts.flatMap((o) => o.evidence));
  }
  if ('any' in cond) {
    const parts = cond.any.map((c) => evaluate(c, p, ctx));
    const trues = parts.filter((o) => o.truth === 'true');
    if (trues.length) return TRUE(trues.flatMap((o) => o.evidence));
    const unknowns = parts.filter((o) => o.truth === 'unknown');
    if (unknowns.length) return UNKNOWN(unknowns.flatMap((o) => o.unknown));
    return FALSE(parts.flatMap((o) => o.evidence));
  }
  if ('not' in cond) {
    const inner = evaluate(cond.not, p, ctx);
    if (inner.truth === 'unknown') return inner;
    return { ...inner, truth: inner.truth === 'true' ? 'false' : 'true' };
  }
  if ('fn' in cond) {
    const fn = ctx.functions[cond.fn];
    return fn.evaluate(p, ctx.functionOptions(cond), ctx);
  }
  return predicate(cond, p, ctx);
}

function predicate(pred: PathPredicate, p: Partnership, ctx: EngineContext): Outcome {
  const { present, missing, declaredUnknown } = resolvePath(p, pred.path);
  const trues: Evidence[] = [];
  const falses: Evidence[] = [];
  for (const fact of present) (test(pred, fact, ctx) ? trues : falses).push(fact);
  if (pred.exists !== undefined) {
    // exists never yields unknown: it is the question "did the file say?". A
    // section that is present is not itself evidence (its fields are).
    // ...except that a section written `unknown` is not known to be absent.
    if (!present.length && declaredUnknown) return UNKNOWN([...new Set(missing.map(patternOf))]);
    const absent = missing.map((path) => ({ path, value: null }));
    if (pred.exists) return present.length ? TRUE() : FALSE(absent);
    return present.length ? FALSE() : TRUE(absent);
  }
  if (trues.length) return TRUE(trues);
  if (missing.length) {
    const policy = pred.missing ?? 'unknown';
    const facts: Fact[] = missing.map((path) => ({ path, value: null }));
    if (policy === 'true') return TRUE(facts);
    if (policy === 'false') return falses.length ? FALSE(falses) : FALSE(facts);
    return UNKNOWN([...new Set(missing.map(patternOf))]);
  }
  return FALSE(falses);
}

function test(pred: PathPredicate, fact: Fact, ctx: EngineContext): boolean {
  const v = fact.value;
  if (pred.equals !== undefined) return v === pred.equals;
  if (pred.is !== undefined) return v === pred.is;
  if (pred.gte !== undefined) return typeof v === 'number' && v >= pred.gte;
  if (pred.lte !== undefined) return typeof v === 'number' && v <= pred.lte;
  if (pred.empty !== undefined) {
    const isEmpty = Array.isArray(v) ? v.length === 0 : typeof v === 'string' ? v.trim() === '' : false;
    return isEmpty === pred.empty;
  }
  if (pred.in !== undefined) return ctx.members(pred.in).has(v as Scalar);
  if (pred.intersects !== undefined) {
    const set = ctx.members(pred.intersects);
    return Array.isArray(v) ? v.some((x) => set.has(x as Scalar)) : set.has(v as Scalar);
  }
  return false;
}
