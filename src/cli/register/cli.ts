import { type Command, InvalidArgumentError, Option } from 'commander';
import type { Io } from '../io.js';
import { loadContext, resolveLang } from '../context.js';
import { LANGUAGES } from '../../rules/i18n.js';

/**
 * `cdrisk import` and `cdrisk portfolio`. Only their definitions live here;
 * the register readers (csv-parse, read-excel-file, fflate) and the
 * portfolio formats load when one of them runs, so `assess` never pays.
 */

const collect = (value: string, previous: string[] = []) => [...previous, value];
const DATE_ORDERS = ['DMY', 'MDY', 'YMD'] as const;
const parseOrder = (v: string) => {
  const u = v.toUpperCase();
  if (!(DATE_ORDERS as readonly string[]).includes(u)) throw new InvalidArgumentError(`expected one of ${DATE_ORDERS.join(', ')}`);
  return u as (typeof DATE_ORDERS)[number];
};

export function addRegisterCommands(program: Command, io: Io, setCode: (code: number) => void): void {
  program
    .command('import')
    .description('turn a register (CSV, TSV or XLSX: one row per partnership) into partnership files, one per row')
    .argument('<register>', 'the register file')
    .requiredOption('--out <dir>', 'folder to write the partnership files to (created when missing)')
    .option('--map <FIELD=COLUMN>', 'read a field from a column, e.g. partner.country="Partner country" (repeatable)', collect)
    .option('--set <FIELD=VALUE>', 'one value for every row, e.g. city.country=DE (repeatable)', collect)
    .option('--force', 'replace existing files')
    .option('--update', 'in existing files change only the fields the register maps; keep the rest and the comments')
    .addOption(new Option('--date-format <order>', 'how to read dates such as 12/05/2019: DMY or MDY').argParser(parseOrder))
    .option('--rules <dir>', 'extra or overriding rule pack directory (repeatable)', collect)
    .action(
      async (
        register: string,
        opts: {
          out: string;
          map?: string[];
          set?: string[];
          force?: boolean;
          update?: boolean;
          dateFormat?: 'DMY' | 'MDY' | 'YMD';
          rules?: string[];
        },
      ) => {
        const ctx = await loadContext(opts);
        const { importRegister } = await import('./import-command.js');
        setCode(await importRegister(register, opts, ctx, io));
      },
    );

  program
    .command('portfolio')
    .description('screen many partnerships at once (folders of partnership files, or a register) and summarise them')
    .argument('<paths...>', 'folders or partnership files, or one register (CSV, TSV, XLSX)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'json', 'markdown', 'html', 'csv']).default('table'))
    .option('-o, --output <file>', 'write to a file instead of standard output')
    .option('--map <FIELD=COLUMN>', 'for a register: read a field from a column (repeatable)', collect)
    .option('--set <FIELD=VALUE>', 'for a register: one value for every row (repeatable)', collect)
    .addOption(new Option('--date-format <order>', 'for a register: how to read dates such as 12/05/2019').argParser(parseOrder))
    .option('--history', 'in a git repository: counts by level at the last commit of each month')
    .option('--rules <dir>', 'extra or overriding rule pack directory (repeatable)', collect)
    .option('--today <date>', 'date for expiry and review checks, YYYY-MM-DD (default: today, or $CDRISK_TODAY)')
    .option('--lang <lang>', `language of the report: ${LANGUAGES.join(', ')} (default: $CDRISK_LANG, or en)`)
    .option('--no-color', 'never colour the output')
    .action(async (paths: string[], opts: Record<string, unknown>) => {
      const ctx = await loadContext({
        ...(opts as { rules?: string[]; today?: string }),
        lang: resolveLang(opts.lang as string | undefined, io.env),
      });
      const { runPortfolio } = await import('../portfolio/command.js');
      setCode(await runPortfolio(paths, opts as never, ctx, io));
    });
}
