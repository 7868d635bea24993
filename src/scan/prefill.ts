// `cdrisk questionnaire --agreement DRAFT`: the answers the draft implies
// become the interview's defaults (what the file already says wins).
import { UserError } from '../engine/errors.js';
import type { Partnership } from '../load/partnership-schema.js';
import { draftInput } from './attach.js';
import { mergeDraft } from './merge.js';

export async function prefillFromDraft<T extends object>(start: T, path: string): Promise<{ start: T; messages: string[] }> {
  const input = await draftInput(path, '--agreement');
  if (input.scan.error) throw new UserError(`${input.name}: ${input.scan.error}`);
  const { partnership, provenance, warnings } = mergeDraft('the file', start as unknown as Partnership, input);
  const messages = [`${input.name}: ${provenance.size ? `${provenance.size} answer(s) taken from the draft as defaults:` : 'the draft settles none of the questions.'}`];
  for (const [path, p] of provenance) messages.push(`  ${path}: ${p.note}`);
  messages.push(...warnings.map((w) => `  warning: ${w}`));
  return { start: partnership as unknown as T, messages };
}
