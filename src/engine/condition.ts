import type { Condition, PathPredicate, Scalar } from '../rules/condition.js';
import type { Partnership } from '../load/partnership-schema.js';
import type { EngineContext } from './context.js';
import { patternOf, resolvePath, type Fact } from './facts.js';
import { FALSE, TRUE, UNKNOWN, type Evidence, type Outcome } from './tri.js';

/** A condition made ready to evaluate: the tree walked once, each node a closure. */
type Compiled = (p: Partnership, ctx: EngineContext) => Outcome;

/**
 * Each condition's closure, made on its first evaluation. The rule set's
 * conditions are fixed once loaded, and a run evaluates each of them once per
 * file: interpreting the tree anew each time (which key is there, arrays
 * mapped and filtered three times) was most of the evaluation's cost.
 */
const compiled = new WeakMap<Condition, Compiled>();

/** Evaluates a condition in three-valued logic (Kleene): unknown is never taken as false. */
export function evaluate(cond: Condition, p: Partnership, ctx: EngineContext): Outcome {
  let run = compiled.get(cond);
  if (!run) {
    run = compile(cond);
    compiled.set(cond, run);
  }
  return run(p, ctx);
}

function compile(cond: Condition): Compiled {
  // all: false if any part is; any: true if any part is. Else unknown if any part is, else the other truth.
  if ('all' in cond) return junction(cond.all.map(compile), 'false');
  if ('any' in cond) return junction(cond.any.map(compile), 'true');
  if ('not' in cond) {
    const inner = compile(cond.not);
    return (p, ctx) => {
      const o = inner(p, ctx);
      if (o.truth === 'unknown') return o;
      return { ...o, truth: o.truth === 'true' ? 'false' : 'true' };
    };
  }
  if ('fn' in cond) return (p, ctx) => ctx.functions[cond.fn].evaluate(p, ctx.functionOptions(cond), ctx);
  return (p, ctx) => predicate(cond, p, ctx);
}

/**
 * `all` (decided by a false part) or `any` (decided by a true part): the
 * evidence of every deciding part, else the unknown paths of every unknown
 * part, else the evidence of every part, under the other truth.
 */
function junction(parts: Compiled[], decisive: 'true' | 'false'): Compiled {
  const [decided, otherwise] = decisive === 'false' ? [FALSE, TRUE] : [TRUE, FALSE];
  return (p, ctx) => {
    let deciding: Evidence[] | undefined;
    let unknown: string[] | undefined;
    const rest: Evidence[] = [];
    for (const part of parts) {
      const o = part(p, ctx);
      if (o.truth === decisive) (deciding ??= []).push(...o.evidence);
      else if (o.truth === 'unknown') (unknown ??= []).push(...o.unknown);
      else rest.push(...o.evidence);
    }
    return deciding ? decided(deciding) : unknown ? UNKNOWN(unknown) : otherwise(rest);
  };
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
