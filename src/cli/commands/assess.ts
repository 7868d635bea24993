import { readFileSync } from 'node:fs';
import { assessBytes, buildReport, exitCode, invalidResult } from '../../engine/run.js';
import type { EngineContext } from '../../engine/context.js';
import type { Level } from '../../shared/levels.js';
import type { FileResult, Report } from '../../report/types.js';
import { expandPaths, readFailure } from '../discover.js';
import { checkFile } from '../check-file.js';

/**
 * Reads and assesses every target; one unreadable or invalid file never stops
 * the others. In a directory, only partnership files count (as with `check`):
 * other YAML there (workflows, site configs) is skipped; a file named on the
 * command line is always reported.
 */
export function assessPaths(paths: readonly string[], ctx: EngineContext): FileResult[] {
  return expandPaths(paths, { ignoreFile: true }).flatMap((t) => {
    if (t.problem) return [invalidResult(t.file, [{ message: t.problem }])];
    if (t.found) return checkFile(t.file, ctx) ?? [];
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(t.file);
    } catch (err) {
      return [invalidResult(t.file, [{ message: readFailure((err as NodeJS.ErrnoException).code) }])];
    }
    return [assessBytes(t.file, bytes, ctx)];
  });
}

export function assessReport(paths: readonly string[], ctx: EngineContext, failOn?: Level): { report: Report; code: 0 | 1 | 2 } {
  const report = buildReport(assessPaths(paths, ctx), failOn);
  return { report, code: exitCode(report, failOn) };
}

/** As assessReport, then reads the drafts the files name (agreement.text) or --agreement gives, and assesses those files with them. */
export async function assessReportWithDrafts(paths: readonly string[], ctx: EngineContext, failOn?: Level, agreement?: string): Promise<{ report: Report; code: 0 | 1 | 2 }> {
  let results = assessPaths(paths, ctx);
  if (agreement !== undefined || results.some((r) => r.pendingDraft)) results = await (await import('../drafts.js')).attachDrafts(results, ctx, agreement);
  const report = buildReport(results, failOn);
  return { report, code: exitCode(report, failOn) };
}
