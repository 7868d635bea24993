// Helpers shared by the CI formats (sarif, junit, github, the check summary).
import { levelRank, type Level } from '../engine/levels.js';
import type { FileResult, Finding } from '../report/types.js';

/** Open (not accepted) findings whose residual level reaches the --fail-on level. */
export function failingFindings(r: FileResult, failOn: Level | undefined): Finding[] {
  if (!failOn || !r.valid) return [];
  return r.findings.filter((f) => !f.accepted && levelRank(f.residual.level) >= levelRank(failOn));
}

/** The first line the finding's evidence points at, 1 when none does. */
export function findingLine(f: Finding): number {
  for (const e of f.evidence) if (e.line !== undefined && e.line >= 1) return e.line;
  return 1;
}

/** A file path as a forward-slash relative path. */
export function posixPath(file: string): string {
  return file.replace(/\\/g, '/').replace(/^(\.\/)+/, '');
}
