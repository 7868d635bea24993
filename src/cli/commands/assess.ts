import { assessBytes, buildReport, exitCode, invalidResult } from '../../engine/run.js';
import type { EngineContext } from '../../engine/context.js';
import type { Level } from '../../shared/levels.js';
import type { FileResult, Report } from '../../report/types.js';
import { expandPaths } from '../discover.js';
import { checkFile } from '../check-file.js';
import { readInputFile, sayReadProblem } from '../../load/read-input.js';

/** The name `-` (standard input) goes by in messages and reports. */
export const STDIN_NAME = '<stdin>';

/** Standard input, already read by the command (`-` or /dev/stdin on the command line). */
export interface StdinInput {
  name: string;
  bytes?: Buffer;
  problem?: string;
}

/**
 * Reads and assesses every target; one unreadable or invalid file never stops
 * the others. In a directory, only partnership files count (as with `check`):
 * other YAML there (workflows, site configs) is skipped; a file named on the
 * command line is always reported.
 */
export function assessPaths(paths: readonly string[], ctx: EngineContext, stdin?: StdinInput): FileResult[] {
  const files = stdin ? paths.filter((p) => !isStdinPath(p)) : paths;
  const results = expandPaths(files, { ignoreFile: true }).flatMap((t) => {
    if (t.problem) return [invalidResult(t.file, [{ message: t.problem }])];
    if (t.found) return checkFile(t.file, ctx) ?? [];
    const read = readInputFile(t.file, ctx.limits.maxBytes);
    if ('problem' in read) return [invalidResult(t.file, [{ message: sayReadProblem(read, ctx.loader.say) }])];
    return [assessBytes(t.file, read.bytes, ctx)];
  });
  if (stdin)
    results.push(
      stdin.bytes
        ? assessBytes(stdin.name, stdin.bytes, ctx)
        : invalidResult(stdin.name, [{ message: stdin.problem ?? 'cannot read standard input' }]),
    );
  return results;
}

/** `-`, and the names Linux gives standard input: read from the stream, as a pipe is no regular file. */
export function isStdinPath(p: string): boolean {
  return p === '-' || p === '/dev/stdin' || p === '/dev/fd/0' || p === '/proc/self/fd/0';
}

export function assessReport(
  paths: readonly string[],
  ctx: EngineContext,
  failOn?: Level,
  stdin?: StdinInput,
): { report: Report; code: 0 | 1 | 2 } {
  const report = buildReport(assessPaths(paths, ctx, stdin), failOn);
  return { report, code: exitCode(report, failOn) };
}

/** As assessReport, then reads the drafts the files name (agreement.text) or --agreement gives, and assesses those files with them. */
export async function assessReportWithDrafts(
  paths: readonly string[],
  ctx: EngineContext,
  failOn?: Level,
  agreement?: string,
  stdin?: StdinInput,
): Promise<{ report: Report; code: 0 | 1 | 2 }> {
  let results = assessPaths(paths, ctx, stdin);
  if (agreement !== undefined || results.some((r) => r.pendingDraft))
    results = await (await import('../drafts.js')).attachDrafts(results, ctx, agreement);
  const report = buildReport(results, failOn);
  return { report, code: exitCode(report, failOn) };
}
