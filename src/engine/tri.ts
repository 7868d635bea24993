import type { Fact } from './facts.js';

/** Three-valued logic: a missing fact makes a condition unknown, never false. */
export type Truth = 'true' | 'false' | 'unknown';

export interface Evidence extends Fact {
  /** A note that explains derived evidence (e.g. a country's regime). */
  note?: string;
}

export interface Outcome {
  truth: Truth;
  /** The facts that decided the outcome. */
  evidence: Evidence[];
  /** Rule path patterns whose value was needed and not known. */
  unknown: string[];
}

export const TRUE = (evidence: Evidence[] = []): Outcome => ({ truth: 'true', evidence, unknown: [] });
export const FALSE = (evidence: Evidence[] = []): Outcome => ({ truth: 'false', evidence, unknown: [] });
export const UNKNOWN = (unknown: string[]): Outcome => ({ truth: 'unknown', evidence: [], unknown });
