import { appendFileSync } from 'node:fs';
import { buildReport, exitCode, invalidResult } from '../../engine/run.js';
import type { EngineContext } from '../../engine/context.js';
import type { FileResult, Report } from '../../report/types.js';
import { emit, type CommonOptions, type Io } from '../run.js';
import { loadContext } from '../context.js';
import { expandPaths } from '../discover.js';
import { checkFile, trimResult, type Keep } from '../check-file.js';
import { poolSize, runPool, workerScript } from '../pool.js';
import { formatGithub } from '../../formatters/github.js';
import { formatCheckText, formatStepSummary, summaryLine } from '../../formatters/summary.js';
import type { FormatOptions } from '../../formatters/types.js';
import { makeChalk } from '../output.js';

export interface CheckOptions extends CommonOptions {
  stepSummary?: string;
}

/** Finds the partnership files under the paths and assesses them, on worker threads when there are many. */
export async function checkReport(paths: readonly string[], ctx: EngineContext, opts: CheckOptions, env: NodeJS.ProcessEnv): Promise<Report> {
  const targets = expandPaths(paths.length ? paths : ['.'], { ignoreFile: true });
  const results: FileResult[] = [];
  const files: string[] = [];
  for (const t of targets) {
    if (t.problem) results.push(invalidResult(t.file, [{ message: t.problem }]));
    else files.push(t.file);
  }
  // The formats that print the whole assessment need whole results; the CI formats do not.
  const keep: Keep = opts.format === undefined || opts.format === 'junit' || opts.format === 'github' ? 'verdict' : opts.format === 'sarif' ? 'ci' : 'full';
  const size = poolSize(files.length, env);
  const script = size > 1 ? workerScript() : undefined;
  const assessHere = (f: string) => {
    const r = checkFile(f, ctx);
    return r && trimResult(r, keep, opts.failOn);
  };
  const assessed = script
    ? await runPool(files, { rules: opts.rules, today: ctx.today, maxFileSize: opts.maxFileSize, keep, failOn: opts.failOn }, size, script, assessHere, new Map(ctx.rules.rules.map((r) => [r.id, r])))
    : files.map(assessHere);
  for (const r of assessed) if (r) results.push(r);
  return buildReport(results, opts.failOn);
}

/**
 * `cdrisk check`: without --format, prints what needs attention and the
 * summary line on stdout; with --format, the report goes to stdout (or
 * --output) and the summary line to stderr. Under GitHub Actions the
 * annotations go to stdout, or to stderr when the report is on stdout (the
 * runner reads workflow commands from both).
 */
export async function runCheck(paths: string[], opts: CheckOptions, io: Io): Promise<number> {
  const ctx = await loadContext(opts);
  const report = await checkReport(paths, ctx, opts, io.env);
  const plain: FormatOptions = { chalk: makeChalk(false), rules: ctx.rules, failOn: opts.failOn };
  const reportOnStdout = opts.format !== undefined && opts.output === undefined;
  if (opts.format !== undefined) {
    await emit(report, opts.format, opts, ctx, io);
    io.stderr.write(`cdrisk check: ${summaryLine(report, opts.failOn)}\n`);
  } else {
    io.stdout.write(formatCheckText(report, plain));
  }
  for (const r of report.results) for (const w of r.warnings) io.stderr.write(`cdrisk: warning: ${w}\n`);
  if (io.env.GITHUB_ACTIONS === 'true' && opts.format !== 'github') {
    (reportOnStdout ? io.stderr : io.stdout).write(formatGithub(report, plain));
  }
  if (opts.stepSummary) appendFileSync(opts.stepSummary, formatStepSummary(report, plain));
  return exitCode(report, opts.failOn);
}
