import { closeSync, openSync, writeSync } from 'node:fs';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { UserError } from '../engine/errors.js';
import { isLevel, LEVELS, type Level } from '../engine/levels.js';
import { VERSION } from '../engine/run.js';
import { FORMATS, type Format } from '../formatters/types.js';
import { formatters } from '../formatters/index.js';
import type { Report } from '../report/types.js';
import type { EngineContext } from '../engine/context.js';
import { colourEnabled, makeChalk } from './output.js';
import { loadContext } from './context.js';

export interface Io {
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  stdin: NodeJS.ReadStream;
  env: NodeJS.ProcessEnv;
}

export interface CommonOptions {
  format?: Format;
  output?: string;
  rules?: string[];
  failOn?: Level;
  today?: string;
  color?: boolean;
  debug?: boolean;
  maxFileSize?: number;
}

function parseLevel(value: string): Level {
  if (!isLevel(value)) throw new InvalidArgumentError(`expected one of ${LEVELS.join(', ')}`);
  return value;
}

function parseSize(value: string): number {
  const m = /^(\d+)(k|kb|kib|m|mb|mib)?$/i.exec(value.trim());
  if (!m) throw new InvalidArgumentError('expected a size such as 1048576, 512k or 2m');
  const unit = (m[2] ?? '').toLowerCase();
  return Number(m[1]) * (unit.startsWith('k') ? 1024 : unit.startsWith('m') ? 1024 * 1024 : 1);
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** Options shared by the commands that assess files. */
export function addAssessOptions(cmd: Command, defaults: { failOn?: Level } = {}): Command {
  return cmd
    .addOption(new Option('-f, --format <format>', 'output format').choices(FORMATS))
    .option('-o, --output <file>', 'write the report to a file instead of standard output')
    .option('--rules <dir>', 'extra or overriding rule pack directory (repeatable)', collect)
    .addOption(
      new Option('--fail-on <level>', 'exit 1 when a file reaches this residual level').argParser(parseLevel).default(defaults.failOn),
    )
    .option('--today <date>', 'date for expiry and review checks, YYYY-MM-DD (default: today, or $CDRISK_TODAY)')
    .option('--max-file-size <bytes>', 'largest partnership file read (default 1m)', parseSize)
    .option('--no-color', 'never colour the output');
}

/** Formats a report and writes it where the options say. */
export async function emit(report: Report, format: Format, opts: CommonOptions, ctx: EngineContext, io: Io): Promise<void> {
  const chalk = makeChalk(opts.output === undefined && colourEnabled(io.stdout, opts.color === false ? false : undefined, io.env));
  writeReport((await formatters[format]())(report, { chalk, rules: ctx.rules, width: io.stdout.columns, failOn: opts.failOn }), opts, io);
}

/** Writes a report to --output, or to standard output. */
export function writeReport(text: string, opts: CommonOptions, io: Io): void {
  writeReportPieces((write) => write(text), opts, io);
}

/** Writes a report produced piece by piece (`produce` calls `write` for each) to --output or stdout. */
export function writeReportPieces(produce: (write: (text: string) => void) => void, opts: CommonOptions, io: Io): void {
  if (opts.output === undefined) {
    produce((text) => io.stdout.write(text));
    return;
  }
  let fd: number;
  try {
    fd = openSync(opts.output, 'w');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'EISDIR' ? 'it is a directory; give a file name' : code === 'ENOENT' ? 'its folder does not exist' : `${code ?? String(err)}`;
    throw new UserError(`cannot write the report to ${opts.output}: ${why}`);
  }
  try {
    produce((text) => writeSync(fd, text));
  } finally {
    closeSync(fd);
  }
}

/** The table format is the default everywhere: coloured on a terminal, plain text when piped. */
export const DEFAULT_FORMAT: Format = 'table';

export async function run(argv: readonly string[], io: Io = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env }): Promise<number> {
  let code = 0;
  const debug = argv.includes('--debug');
  const program = new Command('cdrisk')
    .description('City diplomacy risk: assess a city\'s international partnership against the risk matrix of "Cities at the Crossroads".')
    .version(VERSION, '-V, --version')
    .option('--debug', 'show stack traces of internal errors')
    .showHelpAfterError('(run cdrisk --help for usage)')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    });

  addAssessOptions(
    program
      .command('assess')
      .description('assess partnership files and print the risk report')
      .argument('<paths...>', 'partnership files or directories'),
  ).action(async (paths: string[], opts: CommonOptions) => {
    const ctx = await loadContext(opts);
    const { assessReport } = await import('./commands/assess.js');
    const { report, code: c } = assessReport(paths, ctx, opts.failOn);
    await emit(report, opts.format ?? DEFAULT_FORMAT, opts, ctx, io);
    for (const r of report.results) for (const w of r.warnings) io.stderr.write(`cdrisk: warning: ${w}\n`);
    code = c;
  });

  addAssessOptions(
    program
      .command('check')
      .description('CI gate: find the partnership files under the paths (default .), assess them all, fail on --fail-on')
      .argument('[paths...]', 'directories or files to search (default: .)'),
    { failOn: 'high' },
  )
    .option('--step-summary <file>', 'append a markdown summary to this file (e.g. "$GITHUB_STEP_SUMMARY")')
    .action(async (paths: string[], opts: CommonOptions & { stepSummary?: string }) => {
      const { runCheck } = await import('./commands/check.js');
      code = await runCheck(paths, opts, io);
    });

  const rules = program.command('rules').description('the rule catalogue');
  rules
    .command('list', { isDefault: true })
    .description('list every rule with its category, scenario and base rating')
    .option('--rules <dir>', 'extra or overriding rule pack directory (repeatable)', collect)
    .option('--json', 'print as JSON')
    .option('--markdown', 'print the catalogue as markdown (docs/rules.md)')
    .action(async (opts: { rules?: string[]; json?: boolean; markdown?: boolean }) => {
      const { listRules } = await import('./commands/rules.js');
      io.stdout.write(listRules(await loadContext(opts), opts.json ?? false, opts.markdown ?? false));
    });
  rules
    .command('show')
    .description('show one rule, or a data table (countries, tensions, mitigations, bands, sources)')
    .argument('<id>', 'rule id or table name')
    .option('--rules <dir>', 'extra or overriding rule pack directory (repeatable)', collect)
    .action(async (id: string, opts: { rules?: string[] }) => {
      const { showRule } = await import('./commands/rules.js');
      io.stdout.write(showRule(await loadContext(opts), id));
    });

  program
    .command('schema')
    .description('print the JSON Schema of partnership files (or of the JSON report)')
    .option('--report', 'the schema of the JSON report instead')
    .option('--rules <dir>', 'extra or overriding rule pack directory (repeatable)', collect)
    .action(async (opts: { report?: boolean; rules?: string[] }) => {
      const { schemaText } = await import('./commands/schema.js');
      io.stdout.write(schemaText(await loadContext(opts), opts.report ?? false));
    });

  program
    .command('questionnaire')
    .description('interview: asks about one partnership, writes its file and shows its assessment')
    .option('--out <file>', 'file to write (default: <id>.yaml here, or the --from file)')
    .option('--from <file>', 'reopen an existing partnership file: its answers are the defaults, its gaps come first')
    .option('--force', 'replace an existing file without asking')
    .option('--rules <dir>', 'extra or overriding rule pack directory (repeatable)', collect)
    .option('--today <date>', 'date written in the header and used by the assessment, YYYY-MM-DD')
    .option('--no-color', 'never colour the output')
    .action(async (opts: { out?: string; from?: string; force?: boolean; rules?: string[]; today?: string; color?: boolean }) => {
      const { questionnaireCommand } = await import('./commands/questionnaire.js');
      code = await questionnaireCommand(opts, io, () => loadContext(opts));
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (err) {
    if (err instanceof CommanderError) {
      // Help and version are not errors; usage errors were already printed.
      return err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.exitCode === 0 ? 0 : 2;
    }
    if (err instanceof UserError) {
      io.stderr.write(`cdrisk: ${err.format()}\n`);
      if (debug) io.stderr.write(`${err.stack}\n`);
      return 2;
    }
    const e = err as Error;
    const message = String(e?.message ?? err).split('\n')[0];
    io.stderr.write(`cdrisk: internal error: ${message} (a bug in cdrisk: run again with --debug for the stack trace, and report it)\n`);
    if (debug) io.stderr.write(`${e?.stack ?? String(err)}\n`);
    return 2;
  }
}
