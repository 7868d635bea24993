import { readFileSync } from 'node:fs';
import { assessBytes, buildReport, exitCode, invalidResult } from '../../engine/run.js';
import type { EngineContext } from '../../engine/context.js';
import type { Level } from '../../engine/levels.js';
import type { FileResult, Report } from '../../report/types.js';
import { expandPaths } from '../discover.js';

/** Reads and assesses every target; one unreadable or invalid file never stops the others. */
export function assessPaths(paths: readonly string[], ctx: EngineContext): FileResult[] {
  return expandPaths(paths).map((t) => {
    if (t.problem) return invalidResult(t.file, [{ message: t.problem }]);
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(t.file);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      return invalidResult(t.file, [{ message: code === 'EISDIR' ? 'is a directory' : `cannot read file (${code})` }]);
    }
    return assessBytes(t.file, bytes, ctx);
  });
}

export function assessReport(paths: readonly string[], ctx: EngineContext, failOn?: Level): { report: Report; code: 0 | 1 | 2 } {
  const report = buildReport(assessPaths(paths, ctx), failOn);
  return { report, code: exitCode(report, failOn) };
}
