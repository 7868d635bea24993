import { assessBytes, fails, invalidResult } from '../engine/run.js';
import { composeFinding, type MeasuredFinding } from '../engine/assess.js';
import type { EngineContext } from '../engine/context.js';
import type { FileResult, Finding } from '../report/types.js';
import type { Rule } from '../rules/schema.js';
import { levelRank, type Level } from '../shared/levels.js';
import { PARTNERSHIP_PREFILTER } from './discover.js';
import { readInputFile, sayReadProblem } from '../load/read-input.js';
import { isNotPartnership } from '../load/messages.js';
import { piecesAsJson, piecesForPeople, type PieceFormat, type Pieces } from '../formatters/ci.js';
import { githubPieces } from '../formatters/github.js';
import { checkTextPieces, stepSummaryPieces } from '../formatters/summary.js';
import type { Format, FormatOptions } from '../formatters/types.js';
import { makeChalk } from './output.js';
import type { Placed, SpillWriter } from './spill.js';

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

/** What `check` keeps of a result once its outputs are rendered: what the summary, the exit code and the id check need. */
export interface Verdict {
  file: string;
  id: string | null;
  valid: boolean;
  level: Level | null;
  /** How many findings an accepted risk covers. */
  accepted: number;
  /** Whether the file fails the --fail-on gate. */
  failed: boolean;
  warnings: string[];
}

export function verdictOf(r: FileResult, failOn: Level | undefined): Verdict {
  let accepted = 0;
  for (const f of r.findings) if (f.accepted) accepted++;
  return {
    file: r.file,
    id: r.id,
    valid: r.valid,
    level: r.level as Level | null,
    accepted,
    failed: !!failOn && fails(r, failOn),
    warnings: r.warnings,
  };
}

/**
 * A result rendered on the thread that assessed it: its verdict and its
 * entry in each output, as text or (from a worker) where the worker wrote it
 * in its spill file.
 */
export interface Rendered {
  verdict: Verdict;
  texts: (string | Placed)[];
}

/** What `check` prints: the main output (unless a whole-report format is asked for), GitHub annotations, a job summary. */
export interface OutputChoice {
  format?: Format;
  annotate: boolean;
  stepSummary: boolean;
}

export interface CheckOutputs {
  /** The report, file by file; undefined for the formats that need the whole report (table, markdown, html). */
  main?: Pieces;
  annotations?: Pieces;
  stepSummary?: Pieces;
}

/** The formats `check` writes file by file; the others (table, markdown, html) need the whole report. */
const PIECES: Partial<Record<Format, () => Promise<PieceFormat>>> = {
  github: async () => piecesForPeople(githubPieces, true),
  junit: async () => piecesForPeople((await import('../formatters/junit.js')).junitPieces),
  sarif: async () => piecesAsJson((await import('../formatters/sarif.js')).sarifPieces),
  json: async () => piecesAsJson((await import('../formatters/json.js')).jsonPieces),
};

/** The outputs for a choice, the same on every thread (plain text: colour is never on in `check`'s pieces). */
export async function checkOutputs(choice: OutputChoice, options: Pick<FormatOptions, 'rules' | 'failOn' | 'lang'>): Promise<CheckOutputs> {
  const plain: FormatOptions = { chalk: makeChalk(false), rules: options.rules, failOn: options.failOn, lang: options.lang };
  return {
    main: (choice.format === undefined ? piecesForPeople(checkTextPieces) : await PIECES[choice.format]?.())?.(plain),
    annotations: choice.annotate ? piecesForPeople(githubPieces, true)(plain) : undefined,
    stepSummary: choice.stepSummary ? piecesForPeople(stepSummaryPieces)(plain) : undefined,
  };
}

/** The outputs present, in the order their texts go in a Rendered. */
export function outputList(o: CheckOutputs): Pieces[] {
  return [o.main, o.annotations, o.stepSummary].filter((p) => p !== undefined);
}

/** Renders results as they come: the entry of each output, written straight to the spill when there is a writer for it. */
export interface Renderer {
  outputs: Pieces[];
  writers: (SpillWriter | undefined)[];
  failOn: Level | undefined;
}

/**
 * A result as the main thread needs it, once its entries are rendered (and
 * the long ones written out), so that the whole result is garbage at once;
 * a result whose draft is still to be read is kept whole.
 */
export function renderResult(r: FileResult, renderer: Renderer): Rendered | FileResult {
  if (r.pendingDraft !== undefined) return r;
  return {
    verdict: verdictOf(r, renderer.failOn),
    texts: renderer.outputs.map((o, k) => {
      const text = o.entry(r);
      const w = renderer.writers[k];
      return w ? w.put(text) : text;
    }),
  };
}
