import type { Io } from '../cli/run.js';
import { writeReport } from '../cli/run.js';
import { colourEnabled, makeChalk } from '../cli/output.js';
import { scanFiles } from './command.js';
import { formatScanJson, formatScanMarkdown, formatScanTable, summary } from './format.js';

/** `cdrisk scan`: exit 2 when a draft cannot be read (the others are still scanned and reported), else 0. */
export async function scanCommand(files: string[], opts: { lang: string; format: 'table' | 'json' | 'markdown'; output?: string; clauses?: string; color?: boolean }, io: Io): Promise<number> {
  const { results, cat } = await scanFiles(files, opts);
  const chalk = makeChalk(opts.output === undefined && colourEnabled(io.stdout, opts.color === false ? false : undefined, io.env));
  const text = opts.format === 'json' ? formatScanJson(results) : opts.format === 'markdown' ? formatScanMarkdown(results, cat) : formatScanTable(results, cat, chalk, io.stdout.columns);
  writeReport(text, opts, io);
  if (opts.format !== 'table') io.stderr.write(`${summary(results)}\n`);
  for (const r of results) if (r.error) io.stderr.write(`cdrisk: ${r.file}: ${r.error}\n`);
  return results.some((r) => r.error) ? 2 : 0;
}
