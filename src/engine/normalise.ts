import type { Partnership } from '../load/partnership-schema.js';

/**
 * The partnership as the rules read it. A file says "none" explicitly where
 * the format allows it, and everything it leaves out is unknown:
 * - `investment` left out is unknown (`investment: unknown`); `investment: none`
 *   reads as a section known to be absent.
 * - `context.public_controversy: true` (older files) is a controversy whose
 *   subject is not said, `[unspecified]`; `false` is none, `[]`.
 * Paths stay those of the file, so evidence keeps its lines.
 */
export function factsOf(p: Partnership): Partnership {
  const facts: Partnership = { ...p };
  if (p.investment === undefined) facts.investment = 'unknown';
  else if (p.investment === 'none') delete facts.investment;
  const controversy = p.context?.public_controversy;
  if (typeof controversy === 'boolean') facts.context = { ...p.context, public_controversy: controversy ? ['unspecified'] : [] };
  return facts;
}
