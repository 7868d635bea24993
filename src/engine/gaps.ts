import type { EngineContext } from './context.js';

/**
 * The question for a missing fact. Rule packs are checked to have one for every
 * field a condition reads; when a whole section is missing, the gap is reported
 * at the section, which gaps.yaml also covers.
 */
export function gapEntry(path: string, ctx: EngineContext): { question: string; ask: string[] } {
  for (let p = path; p; p = p.includes('.') ? p.slice(0, p.lastIndexOf('.')) : '') {
    const entry = ctx.rules.gaps[p];
    if (entry) return entry;
  }
  return { question: ctx.words('gap.question', { path }), ask: [] };
}
