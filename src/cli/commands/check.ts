import { appendFileSync } from 'node:fs';
import { UserError } from '../../shared/errors.js';
import { buildReport, duplicateId, invalidResult } from '../../engine/run.js';
import { VERSION } from '../../shared/version.js';
import { REPORT_SCHEMA_VERSION } from '../../report/schema.js';
import type { EngineContext } from '../../engine/context.js';
import { LEVELS, type Level } from '../../shared/levels.js';
import type { FileResult, Report } from '../../report/types.js';
import { emit, writePieces, writeProblem, writeReportPieces, type CommonOptions, type Io } from '../io.js';
import { termText } from '../../formatters/terminal-escape.js';
import { Spill, SpillWriter } from '../spill.js';
import { HeapTrim } from '../heap.js';
import { loadContext, resolveLang } from '../context.js';
import type { Lang } from '../../rules/i18n.js';
import { expandPaths } from '../discover.js';
import {
  checkFile,
  checkOutputs,
  outputList,
  renderResult,
  trimResult,
  verdictOf,
  type Keep,
  type OutputChoice,
  type Rendered,
  type Renderer,
} from '../check-file.js';
import { BATCH, poolSize, runPool, workerScript, type Assessed } from '../pool.js';
import type { Pieces } from '../../formatters/ci.js';
import { summaryLine } from '../../formatters/summary.js';

export interface CheckOptions extends CommonOptions {
  stepSummary?: string;
}

/** What a valid result with an id added to the counts, to take back if the id turns out to be shared. */
interface Seen {
  index: number;
  file: string;
  level: Level;
  accepted: number;
  failed: boolean;
  warnings: string[];
}

const NONE: string[] = [];

/** One output's entries: in a Spill (out of the heap) when the format allows it, else in memory. */
type Entries = { spill: Spill } | { texts: string[] };

/**
 * Takes the results in file order and keeps only what the outputs print:
 * each output's text for each file (in a temporary file for the formats
 * whose frame needs only the counts), the summary counts, the warnings and
 * the partnership ids (to mark the files that share one at the end), plus
 * the results themselves only when a whole report is asked for. So memory
 * stays flat whatever the number of files. On the worker pool each lane
 * renders its own files (see renderResult) and the tally gets their verdicts
 * and where the text of each is, never the results.
 */
class Tally {
  readonly summary: Report['summary'];
  readonly warnings: string[] = [];
  private readonly entries: Entries[];
  /** The first file seen with each id; `shared` gets the others. */
  private readonly ids = new Map<string, Seen>();
  private readonly shared = new Map<string, Seen[]>();

  constructor(
    readonly outputs: Pieces[],
    private readonly failOn: Level | undefined,
    readonly results?: FileResult[],
  ) {
    this.summary = {
      files: 0,
      invalid: 0,
      byLevel: Object.fromEntries(LEVELS.map((l) => [l, 0])) as Record<Level, number>,
      ...(failOn ? { failed: 0 } : {}),
      accepted: 0,
    };
    this.entries = outputs.map((o) => (o.verbatim ? { spill: new Spill() } : { texts: [] }));
  }

  add(r: FileResult): void {
    this.results?.push(r);
    this.addRendered({ verdict: verdictOf(r, this.failOn), texts: this.outputs.map((o) => o.entry(r)) });
  }

  /** A result already rendered (on this thread, or by a worker, which may have written the texts of verbatim outputs to its spill file). */
  addRendered({ verdict: v, texts }: Rendered): void {
    const index = this.summary.files++;
    for (const w of v.warnings) this.warnings.push(w);
    texts.forEach((t, k) => {
      const e = this.entries[k];
      if (typeof t !== 'string') {
        if (!('spill' in e)) throw new Error('a worker wrote an entry of an output that is kept in memory');
        e.spill.addWritten(t);
      } else if ('spill' in e) e.spill.add(t);
      else e.texts.push(t);
    });
    if (!v.valid) {
      this.summary.invalid++;
      return;
    }
    const seen = {
      index,
      file: v.file,
      level: v.level as Level,
      accepted: v.accepted,
      failed: v.failed,
      warnings: v.warnings.length ? v.warnings : NONE,
    };
    this.count(seen, 1);
    if (v.id === null) return;
    const first = this.ids.get(v.id);
    if (!first) this.ids.set(v.id, seen);
    else this.shared.set(v.id, [...(this.shared.get(v.id) ?? [first]), seen]);
  }

  /** A spill file for a worker to write output k's entries to, when output k is kept in a Spill. */
  spillWriter(k: number): number | undefined {
    const e = this.entries[k];
    return 'spill' in e ? e.spill.writer() : undefined;
  }

  /** Removes the temporary files (after a failure: a finished run's are gone once written). */
  close(): void {
    for (const e of this.entries) if ('spill' in e) e.spill.close();
  }

  private count(s: Seen, sign: 1 | -1): void {
    this.summary.byLevel[s.level] += sign;
    this.summary.accepted! += sign * s.accepted;
    if (s.failed) this.summary.failed! += sign;
  }

  /** Marks the files that share an id invalid (as buildReport does); then each output, as the pieces of its text. */
  finish(): Map<Pieces, () => Iterable<string>> {
    this.ids.clear();
    for (const [id, same] of this.shared) {
      const files = same.map((s) => s.file);
      for (const s of same) {
        this.count(s, -1);
        this.summary.invalid++;
        const r = duplicateId(s.file, id, files, s.warnings);
        this.outputs.forEach((o, k) => {
          const e = this.entries[k];
          if ('spill' in e) e.spill.replace(s.index, o.entry(r));
          else e.texts[s.index] = o.entry(r);
        });
      }
    }
    const report = { schemaVersion: REPORT_SCHEMA_VERSION, tool: { name: 'cdrisk' as const, version: VERSION }, summary: this.summary };
    return new Map(
      this.outputs.map((o, k): [Pieces, () => Iterable<string>] => {
        const e = this.entries[k];
        if ('texts' in e) return [o, () => [o.wrap(e.texts.join(o.separator ?? ''), report)]];
        if (e.spill.count === 0) return [o, () => [o.wrap('', report)]];
        // The frame around the entries, split at a marker that no entry text can hold.
        const marker = '\u0000cdrisk-entries\u0000';
        const [head, tail] = o.wrap(marker, report).split(marker);
        const spill = e.spill;
        return [
          o,
          function* () {
            yield head;
            yield* spill.pieces(o.separator);
            yield tail;
          },
        ];
      }),
    );
  }
}

/** Finds the partnership files under the paths and assesses them, on worker threads when there are many; `add` gets the results in file order. */
async function assessAll(
  paths: readonly string[],
  ctx: EngineContext,
  opts: CheckOptions,
  env: NodeJS.ProcessEnv,
  keep: Keep,
  tally: Tally,
  render: OutputChoice | undefined,
): Promise<void> {
  const targets = expandPaths(paths.length ? paths : ['.'], { ignoreFile: true });
  const files = targets.filter((t) => !t.problem).map((t) => t.file);
  // Targets are sorted; the ones that cannot be read go in between the assessed files, in their place.
  let t = 0;
  const problems = () => {
    for (; t < targets.length && targets[t].problem; t++) tally.add(invalidResult(targets[t].file, [{ message: targets[t].problem! }]));
  };
  const takeNow = (r: Assessed) => {
    problems();
    t++;
    if (r === null) return;
    if ('verdict' in r) tally.addRendered(r);
    else tally.add(r);
  };
  const pending = (r: Assessed) => r !== null && 'pendingDraft' in r && r.pendingDraft !== undefined;
  // A file that names its draft (agreement.text) is assessed again once the draft is read; from
  // the first such file on, results wait their turn on `drafts` so that file order holds.
  let drafts: Promise<void> | undefined;
  const take = (r: Assessed) => {
    if (!drafts && !pending(r)) return takeNow(r);
    drafts = (drafts ?? Promise.resolve()).then(async () => {
      if (!pending(r)) return takeNow(r);
      const { withPendingDraft } = await import('../drafts.js');
      takeNow(trimResult(await withPendingDraft(r as FileResult, ctx), keep, opts.failOn, ctx.rules.bands.attention));
    });
  };
  const size = poolSize(files.length, env);
  const script = size > 1 ? workerScript() : undefined;
  const assessHere = (f: string) => {
    const r = checkFile(f, ctx);
    return r && trimResult(r, keep, opts.failOn, ctx.rules.bands.attention);
  };
  if (script) {
    // Each lane renders its files as they are assessed and writes the entries of verbatim outputs to a spill file of its own.
    const spills = Array.from({ length: size }, () => tally.outputs.map((_, k) => (render ? tally.spillWriter(k) : undefined)));
    const setup = {
      rules: opts.rules,
      lang: ctx.lang as Lang,
      today: ctx.today,
      maxFileSize: opts.maxFileSize,
      keep,
      failOn: opts.failOn,
      ...(render ? { render: { choice: render, spills: spills.slice(1) } } : {}),
    };
    const renderer: Renderer = {
      outputs: tally.outputs,
      writers: spills[0].map((fd) => (fd === undefined ? undefined : new SpillWriter(fd))),
      failOn: opts.failOn,
    };
    const laneHere = (f: string): Assessed => {
      const r = assessHere(f);
      return r && render ? renderResult(r, renderer) : r;
    };
    await runPool<Assessed>(files, setup, size, script, laneHere, new Map(ctx.rules.rules.map((r) => [r.id, r])), (batch) =>
      batch.forEach(take),
    );
  } else {
    const trim = new HeapTrim();
    for (const [i, f] of files.entries()) {
      take(assessHere(f));
      if (drafts) await drafts;
      if (i % BATCH === BATCH - 1) trim.tick();
    }
  }
  await drafts;
  problems();
}

/**
 * `cdrisk check`: without --format, prints what needs attention and the
 * summary line on stdout; with --format, the report goes to stdout (or
 * --output) and the summary line to stderr. Under GitHub Actions the
 * annotations go to stdout, or to stderr when the report is on stdout (the
 * runner reads workflow commands from both).
 */
export async function runCheck(paths: string[], opts: CheckOptions, io: Io): Promise<number> {
  const ctx = await loadContext({ ...opts, lang: resolveLang(opts.lang, io.env) });
  const annotate = io.env.GITHUB_ACTIONS === 'true' && opts.format !== 'github';
  const choice: OutputChoice = { format: opts.format, annotate, stepSummary: opts.stepSummary !== undefined };
  const { main, annotations, stepSummary } = await checkOutputs(choice, { rules: ctx.rules, failOn: opts.failOn, lang: ctx.lang });
  // The formats that print the whole assessment (json included) need whole results; the CI formats do not.
  const keep: Keep =
    opts.format === undefined || opts.format === 'junit' || opts.format === 'github' ? 'verdict' : opts.format === 'sarif' ? 'ci' : 'full';
  const tally = new Tally(outputList({ main, annotations, stepSummary }), opts.failOn, main ? undefined : []);
  try {
    // With a whole-report format the results come back whole; else workers render their files themselves.
    await assessAll(paths, ctx, opts, io.env, keep, tally, main ? choice : undefined);
    const outputs = tally.finish();
    const pieces = (o: Pieces | undefined) => outputs.get(o!)!();

    const reportOnStdout = opts.format !== undefined && opts.output === undefined;
    if (opts.format === undefined) {
      await writeReportPieces(pieces(main), opts, io);
      // In a file, the listing does not show in the log: the summary line does.
      if (opts.output !== undefined) io.stderr.write(`cdrisk check: ${summaryLine(tally, opts.failOn, ctx.rules)}\n`);
    } else {
      if (main) await writeReportPieces(pieces(main), opts, io);
      else await emit(buildReport(tally.results!, opts.failOn), opts.format, opts, ctx, io);
      io.stderr.write(`cdrisk check: ${summaryLine(tally, opts.failOn, ctx.rules)}\n`);
    }
    for (const w of tally.warnings) io.stderr.write(`cdrisk: warning: ${termText(w)}\n`);
    if (annotations) await writePieces(reportOnStdout ? io.stderr : io.stdout, pieces(annotations));
    if (stepSummary) appendStepSummary(opts.stepSummary!, [...pieces(stepSummary)].join(''));
  } finally {
    tally.close();
  }
  // As exitCode() says for the whole report.
  return tally.summary.invalid > 0 ? 2 : tally.summary.failed ? 1 : 0;
}

/** Appends to the job summary: a folder that does not exist or a full disk is the user's to fix, not a bug. */
function appendStepSummary(file: string, text: string): void {
  try {
    appendFileSync(file, text);
  } catch (err) {
    throw new UserError(`cannot write the step summary to ${file}: ${writeProblem((err as NodeJS.ErrnoException).code, file)}`);
  }
}
