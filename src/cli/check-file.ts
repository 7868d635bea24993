import { assessBytes, invalidResult } from '../engine/run.js';
import { composeFinding, type MeasuredFinding } from '../engine/assess.js';
import type { EngineContext } from '../engine/context.js';
import type { FileResult, Finding } from '../report/types.js';
import type { Rule } from '../rules/schema.js';
import { levelRank, type Level } from '../shared/levels.js';
import { PARTNERSHIP_PREFILTER } from './discover.js';
import { readInputFile, sayReadProblem } from '../load/read-input.js';
import { isNotPartnership } from '../load/messages.js';

/**
 * Reads and assesses one candidate file for `check`. Returns null for YAML
 * that is not a partnership file (no line starting with `cdrisk:`, or no such
 * top-level key once parsed): `check` ignores those silently.
 */
export function checkFile(file: string, ctx: EngineContext): FileResult | null {
  const read = readInputFile(file, ctx.limits.maxBytes);
  if ('problem' in read) return invalidResult(file, [{ message: sayReadProblem(read, ctx.loader.say) }]);
  const bytes = read.bytes;
  // latin1 keeps one byte per character: enough for an ASCII key, and far cheaper than UTF-8 decoding.
  const head = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.toString('latin1', 3) : bytes.toString('latin1');
  if (!PARTNERSHIP_PREFILTER.test(head)) return null;
  const result = assessBytes(file, bytes, ctx);
  // The prefilter matched a `cdrisk:` line that the parse shows is not a top-level key (inside a block scalar...).
  if (!result.valid && isNotPartnership(result.errors)) return null;
  return result;
}

/**
 * What `check` keeps of a result unless a full report (json, table,
 * markdown, html) was asked for: everything the summary, sarif, junit and
 * github formats print, without the foresight walk, stakeholder and gap
 * lists, modifiers and all but the first located evidence. Small results
 * are what keeps a run over tens of thousands of files fast (less to copy
 * between threads) and flat in memory.
 */
export function slimResult(r: FileResult): FileResult {
  if (!r.valid) return r;
  return {
    file: r.file,
    id: r.id,
    ...(r.title !== undefined ? { title: r.title } : {}),
    ...(r.status !== undefined ? { status: r.status } : {}),
    valid: true,
    errors: r.errors,
    level: r.level,
    score: r.score,
    openLevel: r.openLevel,
    ...(r.inherent ? { inherent: r.inherent } : {}),
    categories: r.categories,
    findings: r.findings.map((f) => {
      const located = f.evidence.find((e) => e.line !== undefined);
      return {
        ...f,
        modifiers: [],
        available: [],
        stakeholders: [],
        evidence: located ? [{ path: '', value: null, line: located.line }] : [],
      };
    }),
    stakeholders: [],
    gaps: [],
    ...(r.obligations ? { obligations: r.obligations } : {}),
    warnings: r.warnings,
    ...(r.pendingDraft !== undefined ? { pendingDraft: r.pendingDraft } : {}),
  };
}

/**
 * How much of each result `check` keeps: `full` for the formats that print the
 * whole assessment (json, table, markdown, html); `ci` for sarif (slimResult);
 * `verdict` for the default output, junit and github, which only print what
 * fails, what is accepted and open findings at the attention level
 * (bands.yaml) or above: the other
 * findings and the category scores are dropped, so memory stays small for
 * tens of thousands of files.
 */
export type Keep = 'full' | 'ci' | 'verdict';

export function trimResult(r: FileResult, keep: Keep, failOn: Level | undefined, attention: Level): FileResult {
  if (keep === 'full' || !r.valid) return r;
  const slim = slimResult(r);
  if (keep === 'ci') return slim;
  const floor = Math.min(levelRank(attention), levelRank(failOn ?? attention));
  const rest: FileResult = { ...slim };
  delete rest.inherent;
  return { ...rest, categories: [], findings: slim.findings.filter((f) => f.accepted || levelRank(f.residual.level) >= floor) };
}

/**
 * Drops from each finding what its rule always says (title, scenario, ids), so
 * that a worker sends the main thread little more than numbers. The main
 * thread puts it back with unpackResult; the round trip is exact.
 */
export function packResult(r: FileResult): FileResult {
  if (!r.valid) return r;
  return {
    ...r,
    findings: r.findings.map((f) => {
      // eslint-disable-next-line @typescript-eslint/no-unused-vars
      const { title, category, scenario, impacts, blocking, phase, ...rest } = f;
      return rest as Finding;
    }),
  };
}

// Shared empty lists: tens of thousands of results need not each own one.
const NONE: never[] = [];
const shared = <T>(list: T[]): T[] => (list.length ? list : NONE);

export function unpackResult(r: FileResult, rules: ReadonlyMap<string, Rule>): FileResult {
  if (!r.valid) return r;
  return {
    ...r,
    findings: r.findings.map((packed: MeasuredFinding) =>
      composeFinding(rules.get(packed.ruleId)!, {
        ...packed,
        modifiers: shared(packed.modifiers),
        residual: { ...packed.residual, mitigations: shared(packed.residual.mitigations) },
        available: shared(packed.available),
      }),
    ),
  };
}
