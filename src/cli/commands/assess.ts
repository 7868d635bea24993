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
      const why =
        code === 'EISDIR'
          ? 'is a directory: give a partnership file or a folder to search'
          : code === 'ENOENT'
            ? 'cannot read file: it does not exist (a broken symbolic link?)'
            : code === 'EACCES' || code === 'EPERM'
              ? 'cannot read file: permission denied; check its permissions'
              : `cannot read file (${code})`;
      return invalidResult(t.file, [{ message: why }]);
    }
    return assessBytes(t.file, bytes, ctx);
  });
}

export function assessReport(paths: readonly string[], ctx: EngineContext, failOn?: Level): { report: Report; code: 0 | 1 | 2 } {
  const report = buildReport(assessPaths(paths, ctx), failOn);
  return { report, code: exitCode(report, failOn) };
}
