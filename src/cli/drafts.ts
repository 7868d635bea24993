// Reads the drafts that partnership files name (agreement.text) or that
// --agreement gives, and assesses those files again with them. Loaded only
// when there is a draft to read, so `assess` and `check` without one pay nothing.
import { readInputFile } from '../load/read-input.js';
import { resolve } from 'node:path';
import type { EngineContext } from '../engine/context.js';
import type { EngineWords } from '../engine/words.js';
import { mergeDraft, showDraft, type DraftInput } from '../engine/draft.js';
import { UserError } from '../shared/errors.js';
import { assessBytes, invalidResult } from '../engine/run.js';
import type { FileResult } from '../report/types.js';
import type { Partnership } from '../load/partnership-schema.js';
import { scanFile } from '../scan/command.js';
import type { ScanResult } from '../scan/scan.js';
import { builtinCatalogue } from './scan.js';

const scans = new Map<string, Promise<ScanResult>>();

/** Reads and scans a draft once per run, however many files name it. */
export async function draftInput(path: string, from: DraftInput['from']): Promise<DraftInput> {
  const abs = resolve(path);
  let scan = scans.get(abs);
  if (!scan) scans.set(abs, (scan = scanFile(abs, builtinCatalogue())));
  return { name: showDraft(abs), from, scan: await scan };
}

/** Assesses one file again with its draft. */
export function reassess(file: string, input: DraftInput, ctx: EngineContext): FileResult {
  const read = readInputFile(file, ctx.limits.maxBytes);
  if ('problem' in read) return invalidResult(file, [{ message: `cannot read it again to add the draft: ${read.problem}` }]);
  return assessBytes(file, read.bytes, { ...ctx, drafts: new Map([[file, input]]) });
}

/** A result whose file names a draft (agreement.text), assessed with it. */
export async function withPendingDraft(r: FileResult, ctx: EngineContext): Promise<FileResult> {
  if (!r.pendingDraft) return r;
  return reassess(r.file, await draftInput(r.pendingDraft, 'agreement.text'), ctx);
}

/**
 * `assess`: every result that names a draft is assessed again with it; with
 * --agreement, the one partnership file given is assessed with that draft
 * (which wins over its agreement.text).
 */
export async function attachDrafts(results: FileResult[], ctx: EngineContext, agreement?: string): Promise<FileResult[]> {
  if (agreement !== undefined) {
    const valid = results.filter((r) => r.valid);
    if (results.length !== 1)
      throw new UserError(
        `--agreement reads one draft for one partnership file, and ${results.length} files were given: assess them one at a time, or name each draft in its file's agreement.text`,
      );
    if (!valid.length) return results;
    return [reassess(valid[0].file, await draftInput(agreement, '--agreement'), ctx)];
  }
  const out: FileResult[] = [];
  for (const r of results) out.push(await withPendingDraft(r, ctx));
  return out;
}

/** `cdrisk questionnaire --agreement DRAFT`: the answers the draft implies become the interview's defaults (what the file already says wins). */
export async function prefillFromDraft<T extends object>(
  start: T,
  path: string,
  words: EngineWords,
): Promise<{ start: T; messages: string[] }> {
  const input = await draftInput(path, '--agreement');
  if (input.scan.error) throw new UserError(`${input.name}: ${input.scan.error}`);
  const { partnership, provenance, warnings } = mergeDraft('the file', start as unknown as Partnership, input, words);
  const messages = [
    `${input.name}: ${provenance.size ? `${provenance.size} answer(s) taken from the draft as defaults:` : 'the draft settles none of the questions.'}`,
  ];
  for (const [path, p] of provenance) messages.push(`  ${path}: ${p.note}`);
  // The interview has not described activities yet: say what to keep in mind rather than what to fix.
  messages.push(
    ...warnings.map(
      (w) =>
        `  note: ${w.replace(/^the file: /, '').replace(/, but the file lists no activities to carry it: add the activity$/, '; keep it in mind when the interview asks about the activities')}`,
    ),
  );
  return { start: partnership as unknown as T, messages };
}
