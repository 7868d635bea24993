import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { UserError } from '../shared/errors.js';
import { isLevel, LEVELS, type Level } from '../shared/levels.js';
import { VERSION } from '../shared/version.js';
import { FORMATS } from '../formatters/types.js';
import { loadContext, resolveLang } from './context.js';
import { LANGUAGES } from '../rules/i18n.js';
import { DEFAULT_FORMAT, emit, type CommonOptions, type Io } from './io.js';
import { addRegisterCommands } from './register/cli.js';
import { fsProblem } from '../load/read-input.js';
import { guardCommandStarts, jsonSafe, termLines, termText } from '../formatters/terminal-escape.js';
import { readStdin } from './read-stdin.js';

export type { Io };

function parseLevel(value: string): Level {
  if (!isLevel(value)) throw new InvalidArgumentError(`expected one of ${LEVELS.join(', ')}`);
  return value;
}

function parseSize(value: string): number {
  const m = /^(\d+)(k|kb|kib|m|mb|mib)?$/i.exec(value.trim());
  if (!m) throw new InvalidArgumentError('expected a size such as 1048576, 512k or 2m');
  const unit = (m[2] ?? '').toLowerCase();
  const bytes = Number(m[1]) * (unit.startsWith('k') ? 1024 : unit.startsWith('m') ? 1024 * 1024 : 1);
  // 0 used to switch the limit off without saying so; a limit is what keeps a hostile file from filling memory.
  if (!(bytes >= 1))
    throw new InvalidArgumentError('expected a size of at least 1 byte, such as 512k or 2m: the limit cannot be switched off');
  if (bytes > 2 ** 31 - 1) throw new InvalidArgumentError('expected a size under 2g: no partnership file is that large');
  return bytes;
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
    .option('--lang <lang>', `language of the report: ${LANGUAGES.join(', ')} (default: $CDRISK_LANG, or en)`)
    .option('--max-file-size <bytes>', 'largest partnership file read (default 1m)', parseSize)
    .option('--no-color', 'never colour the output');
}

/**
 * Watches a stream for write errors, which Node reports as events after the
 * write returned. A reader that went away (EPIPE: `cdrisk ... | head`) ends
 * the output quietly; any other failure (a full disk) is remembered, so the
 * run can say what failed and exit 2.
 */
function watchWrites(stream: NodeJS.WriteStream, name: string): { failure: () => string | undefined; settled: () => Promise<void> } {
  let failure: string | undefined;
  const record = (err: NodeJS.ErrnoException | null | undefined) => {
    if (!err || err.code === 'EPIPE' || err.code === 'ERR_STREAM_DESTROYED' || failure !== undefined) return;
    failure = `cannot write to ${name}: ${fsProblem(err.code)}`;
  };
  const real = typeof (stream as { on?: unknown }).on === 'function';
  if (real) stream.on('error', record);
  return {
    failure: () => failure,
    // A write callback runs once the writes before it are done (or failed), and the error
    // event follows on the next tick: after setImmediate, every failure has been seen.
    settled: () =>
      real
        ? new Promise<void>((done) => {
            const later = () => setImmediate(done);
            if (stream.destroyed || !stream.writable) return later();
            try {
              stream.write('', (err) => {
                record(err);
                later();
              });
            } catch {
              later();
            }
          })
        : Promise.resolve(),
  };
}

export async function run(
  argv: readonly string[],
  io: Io = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env },
): Promise<number> {
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
      // Usage errors repeat what was typed: keep its control characters from the terminal too.
      writeErr: (s) => io.stderr.write(termLines(s)),
    });

  addAssessOptions(
    program
      .command('assess')
      .description('assess partnership files and print the risk report')
      .argument('<paths...>', 'partnership files or directories'),
  )
    .option(
      '--agreement <draft>',
      'the draft agreement (.txt, .md, .html, .docx, .pdf): the facts its clauses imply are merged into the one file assessed',
    )
    .action(async (paths: string[], opts: CommonOptions & { agreement?: string }) => {
      const ctx = await loadContext({ ...opts, lang: resolveLang(opts.lang, io.env) });
      const { assessReportWithDrafts, isStdinPath, STDIN_NAME } = await import('./commands/assess.js');
      const fromStdin = paths.find(isStdinPath);
      const stdin =
        fromStdin === undefined
          ? undefined
          : { name: fromStdin === '-' ? STDIN_NAME : fromStdin, ...(await readStdin(io.stdin, ctx.limits.maxBytes)) };
      const { report, code: c } = await assessReportWithDrafts(paths, ctx, opts.failOn, opts.agreement, stdin);
      await emit(report, opts.format ?? DEFAULT_FORMAT, opts, ctx, io);
      for (const r of report.results) for (const w of r.warnings) io.stderr.write(`cdrisk: warning: ${termText(w)}\n`);
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

  program
    .command('scan')
    .description('read draft agreements (.txt, .md, .html, .docx, .pdf) and find the clauses the risks hang on')
    .argument('<files...>', 'draft agreements')
    .option('--draft-lang <lang>', 'language of the drafts: auto, or en, de, fr, it, ja, ko, zh', 'auto')
    .option('--lang <lang>', `language of the report: ${LANGUAGES.join(', ')} (default: $CDRISK_LANG, or en)`)
    .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'json', 'markdown']).default('table'))
    .option('-o, --output <file>', 'write to a file instead of standard output')
    .option('--clauses <file>', 'clause patterns to use instead of the built-in rules/clauses.yaml')
    .option('--no-color', 'never colour the output')
    .action(
      async (
        files: string[],
        opts: {
          draftLang: string;
          lang?: string;
          format: 'table' | 'json' | 'markdown';
          output?: string;
          clauses?: string;
          color?: boolean;
        },
      ) => {
        const { scanCommand } = await import('./scan.js');
        code = await scanCommand(files, opts, io);
      },
    );

  const rules = program.command('rules').description('the rule catalogue');
  rules
    .command('list', { isDefault: true })
    .description('list every rule with its category, scenario and base rating')
    .option('--rules <dir>', 'extra or overriding rule pack directory (repeatable)', collect)
    .option('--json', 'print as JSON')
    .option('--markdown', 'print the catalogue as markdown (docs/rules.md)')
    .action(async (opts: { rules?: string[]; json?: boolean; markdown?: boolean }) => {
      const { listRules } = await import('./commands/rules.js');
      // A --rules pack is text from a file too: escaped as the reports are.
      const text = listRules(await loadContext(opts), opts.json ?? false, opts.markdown ?? false);
      io.stdout.write(opts.json ? jsonSafe(text) : guardCommandStarts(termLines(text)));
    });
  rules
    .command('show')
    .description('show one rule, or a data table (vocabulary, countries, currencies, tensions, mitigations, sectors, bands, sources)')
    .argument('<id>', 'rule id or table name')
    .option('--rules <dir>', 'extra or overriding rule pack directory (repeatable)', collect)
    .action(async (id: string, opts: { rules?: string[] }) => {
      const { showRule } = await import('./commands/rules.js');
      io.stdout.write(guardCommandStarts(termLines(showRule(await loadContext(opts), id))));
    });

  program
    .command('schema')
    .description('print the JSON Schema of partnership files (or of the JSON report)')
    .option('--report', 'the schema of the JSON report instead')
    .option('--markdown', 'the field reference of partnership files as markdown (docs/format.md)')
    .option('--portfolio', 'the schema of cdrisk portfolio --format json instead')
    .option('--rules <dir>', 'extra or overriding rule pack directory (repeatable)', collect)
    .action(async (opts: { report?: boolean; markdown?: boolean; portfolio?: boolean; rules?: string[] }) => {
      if (opts.markdown) {
        const { formatReference } = await import('./commands/fields.js');
        io.stdout.write(formatReference(await loadContext(opts)));
        return;
      }
      const { schemaText } = await import('./commands/schema.js');
      io.stdout.write(jsonSafe(await schemaText(await loadContext(opts), opts.report ?? false, opts.portfolio ?? false)));
    });

  program
    .command('init')
    .description('write a commented template of a partnership file, with every field')
    .argument('[file]', 'file to write', 'partnership.yaml')
    .option('--force', 'replace an existing file')
    .option('--rules <dir>', 'extra or overriding rule pack directory (repeatable)', collect)
    .action(async (file: string, opts: { force?: boolean; rules?: string[] }) => {
      const { initCommand } = await import('./commands/init.js');
      io.stdout.write(initCommand(await loadContext(opts), file, opts.force ?? false));
    });

  program
    .command('questionnaire')
    .description('interview: asks about one partnership, writes its file and shows its assessment')
    .option('--out <file>', 'file to write (default: <id>.yaml here, or the --from file)')
    .option('--from <file>', 'reopen an existing partnership file: its answers are the defaults, its gaps come first')
    .option('--agreement <draft>', 'a draft agreement: the answers its clauses imply become the defaults')
    .option('--force', 'replace an existing file without asking')
    .option('--rules <dir>', 'extra or overriding rule pack directory (repeatable)', collect)
    .option('--today <date>', 'date written in the header and used by the assessment, YYYY-MM-DD')
    .option('--lang <lang>', `language of the questions and the report: ${LANGUAGES.join(', ')} (default: $CDRISK_LANG, or en)`)
    .option('--no-color', 'never colour the output')
    .action(
      async (opts: {
        out?: string;
        from?: string;
        agreement?: string;
        force?: boolean;
        rules?: string[];
        today?: string;
        color?: boolean;
        lang?: string;
      }) => {
        const lang = resolveLang(opts.lang, io.env);
        const { questionnaireCommand } = await import('./commands/questionnaire.js');
        code = await questionnaireCommand(opts, io, () => loadContext({ ...opts, lang }));
      },
    );

  addRegisterCommands(program, io, (c) => (code = c));

  const out = watchWrites(io.stdout, 'standard output');
  const err2 = watchWrites(io.stderr, 'standard error');
  const finish = async (c: number): Promise<number> => {
    await out.settled();
    const failed = out.failure();
    if (failed) {
      io.stderr.write(`cdrisk: ${failed}\n`);
      return 2;
    }
    await err2.settled();
    return c;
  };
  try {
    await program.parseAsync(argv, { from: 'user' });
    return await finish(code);
  } catch (err) {
    return finish(failure(err));
  }

  function failure(err: unknown): number {
    if (err instanceof CommanderError) {
      // Help and version are not errors; usage errors were already printed.
      return err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.exitCode === 0 ? 0 : 2;
    }
    if (err instanceof UserError) {
      io.stderr.write(`cdrisk: ${termText(err.format())}\n`);
      if (debug) io.stderr.write(`${err.stack}\n`);
      return 2;
    }
    const e = err as Error;
    const message = String(e?.message ?? err).split('\n')[0];
    io.stderr.write(
      `cdrisk: internal error: ${termText(message)} (a bug in cdrisk: run again with --debug for the stack trace, and report it)\n`,
    );
    if (debug) io.stderr.write(`${e?.stack ?? String(err)}\n`);
    return 2;
  }
}
