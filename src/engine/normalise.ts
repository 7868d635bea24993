import type { Partnership } from '../load/partnership-schema.js';

/**
 * The partnership as the rules read it. A file says "none" explicitly where
 * the format allows it, and everything it leaves out is unknown:
 * - `investment` left out is unknown (`investment: unknown`); `investment: none`
 *   reads as a section known to be absent.
 * Paths stay those of the file, so evidence keeps its lines.
 */
export function factsOf(p: Partnership): Partnership {
  const facts: Partnership = { ...p };
  if (p.investment === undefined) facts.investment = 'unknown';
  else if (p.investment === 'none') delete facts.investment;
  return facts;
}
