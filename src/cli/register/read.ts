import { readFileSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { UserError } from '../../shared/errors.js';

/**
 * Reads a register (CSV, TSV or XLSX) row by row. CSV and TSV go through
 * csv-parse, XLSX through read-excel-file; both are loaded only here, so only
 * `cdrisk import` and `cdrisk portfolio` pay for them. Encodings as Excel
 * writes them (UTF-8 with or without BOM, UTF-16 with BOM, Windows-1252) are
 * recognised, and the separator (`,` `;` or tab) is sniffed.
 */

export type Cell = string | number | boolean | Date | null;

export interface RegisterRow {
  /** The row number as a spreadsheet shows it: the header is row 1. */
  row: number;
  cells: Cell[];
}

export interface Register {
  file: string;
  kind: 'csv' | 'tsv' | 'xlsx';
  /** What was detected, for the summary line: "UTF-8, ';'" or "XLSX, sheet 1". */
  detected: string;
  header: string[];
  rows: AsyncIterable<RegisterRow>;
}

export interface ReadLimits {
  /** Largest register file read. */
  maxBytes: number;
  /** Largest total size an XLSX may unpack to (zip-bomb bound). */
  maxUnpackedBytes: number;
}

export const DEFAULT_READ_LIMITS: ReadLimits = { maxBytes: 100 * 1024 * 1024, maxUnpackedBytes: 256 * 1024 * 1024 };

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const CFB = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const startsWith = (b: Uint8Array, sig: number[]) => sig.every((x, i) => b[i] === x);

export async function openRegister(file: string, limits: ReadLimits = DEFAULT_READ_LIMITS): Promise<Register> {
  let bytes: Buffer;
  try {
    const st = statSync(file);
    if (st.isDirectory()) throw new UserError('is a directory: give a register file (CSV, TSV or XLSX)', { file });
    if (st.size > limits.maxBytes) throw new UserError(`register is ${st.size} bytes, over the limit of ${limits.maxBytes}`, { file });
    bytes = readFileSync(file);
  } catch (err) {
    if (err instanceof UserError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new UserError(
      code === 'ENOENT'
        ? 'no such file: check the path'
        : code === 'EACCES'
          ? 'cannot read the file: permission denied'
          : `cannot read the file (${code ?? String(err)})`,
      { file },
    );
  }
  if (bytes.length === 0) throw new UserError('the register is empty: expected a header row and one row per partnership', { file });
  const ext = extname(file).toLowerCase();
  if (startsWith(bytes, CFB)) {
    throw new UserError(
      'this is not an XLSX workbook but an OLE file: a password-protected (encrypted) workbook or an old .xls. Save it in Excel as .xlsx without a password, or as CSV',
      { file },
    );
  }
  if (startsWith(bytes, ZIP) || ext === '.xlsx' || ext === '.xlsm') {
    if (!startsWith(bytes, ZIP))
      throw new UserError(
        'the file is named .xlsx but is not an XLSX workbook (no ZIP signature): it may be damaged, or a CSV with the wrong name',
        { file },
      );
    return openXlsx(file, bytes, limits);
  }
  if (ext === '.ods') throw new UserError('ODS is not read yet: save the sheet as .xlsx or CSV', { file });
  return openText(file, bytes, ext === '.tsv' || ext === '.tab' ? 'tsv' : 'csv');
}

/** Decodes a text register: BOMs first, then strict UTF-8, then Windows-1252. */
export function decodeRegister(bytes: Uint8Array): { text: string; encoding: string } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'UTF-8 with BOM' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'UTF-16LE' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'UTF-16BE' };
  // UTF-16 without a BOM: ASCII text has a zero in every other byte.
  const probe = bytes.subarray(0, 4096);
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < probe.length; i++) {
    if (probe[i] !== 0) continue;
    if (i % 2) oddZero++;
    else evenZero++;
  }
  if (oddZero > probe.length / 4 && evenZero === 0) return { text: new TextDecoder('utf-16le').decode(bytes), encoding: 'UTF-16LE' };
  if (evenZero > probe.length / 4 && oddZero === 0) return { text: new TextDecoder('utf-16be').decode(bytes), encoding: 'UTF-16BE' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'UTF-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'Windows-1252' };
  }
}

/** The separator that splits the first lines into the same number of cells (outside quotes), `,` `;` or tab. */
export function sniffSeparator(text: string): string {
  const lines: string[] = [];
  let quoted = false;
  let line = '';
  for (let i = 0; i < text.length && lines.length < 20; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    if (!quoted && (ch === '\n' || ch === '\r')) {
      if (line.trim()) lines.push(line);
      line = '';
      continue;
    }
    line += quoted && ch !== '"' ? 'x' : ch;
  }
  if (line.trim() && lines.length < 20) lines.push(line);
  let best = ',';
  let bestScore = -1;
  for (const sep of [',', ';', '\t', '|']) {
    const counts = lines.map((l) => l.split(sep).length - 1);
    if (!counts.length || counts[0] === 0) continue;
    const same = counts.filter((c) => c === counts[0]).length;
    const score = same * 1000 + counts[0];
    if (score > bestScore) {
      best = sep;
      bestScore = score;
    }
  }
  return best;
}

async function openText(file: string, bytes: Buffer, kind: 'csv' | 'tsv'): Promise<Register> {
  const { text, encoding } = decodeRegister(bytes);
  if (text.includes('\u0000'))
    throw new UserError('the file holds binary data (NUL bytes): expected a CSV, TSV or XLSX register', { file });
  const delimiter = kind === 'tsv' ? '\t' : sniffSeparator(text);
  const { parse } = await import('csv-parse');
  const parser = parse({ delimiter, relax_column_count: true, relax_quotes: false, skip_empty_lines: true, bom: false, info: true });
  const records = parser[Symbol.asyncIterator]() as AsyncIterator<{ record: string[]; info: { lines: number } }>;
  // Feed the text in chunks, so rows are handled as they are parsed.
  const CHUNK = 64 * 1024;
  let fed = 0;
  const feed = () => {
    while (fed < text.length) {
      const more = parser.write(text.slice(fed, fed + CHUNK));
      fed += CHUNK;
      if (!more) {
        parser.once('drain', feed);
        return;
      }
    }
    parser.end();
  };
  feed();
  const next = async () => {
    try {
      return await records.next();
    } catch (err) {
      const e = err as { message?: string; lines?: number; code?: string };
      throw new UserError(`not a readable CSV: ${(e.message ?? String(err)).replace(/^Invalid Record Length: /, '')}`, {
        file,
        line: e.lines,
      });
    }
  };
  const first = await next();
  if (first.done) throw new UserError('the register is empty: expected a header row and one row per partnership', { file });
  const header = first.value.record.map((h) => h.trim());
  const sepName = delimiter === '\t' ? 'tab' : `"${delimiter}"`;
  return {
    file,
    kind,
    detected: `${encoding}, separator ${sepName}`,
    header,
    rows: {
      async *[Symbol.asyncIterator]() {
        let row = 1;
        for (;;) {
          const r = await next();
          if (r.done) return;
          row++;
          yield { row, cells: r.value.record };
        }
      },
    },
  };
}

/**
 * Unpacks the workbook once with fflate, counting the bytes each entry
 * really inflates to (the sizes a ZIP declares can lie), and stops at the
 * limit: a zip bomb disguised as XLSX costs at most `maxUnpackedBytes`.
 */
async function checkUnpackedSize(file: string, bytes: Uint8Array, limit: number): Promise<void> {
  const { Unzip, UnzipInflate } = await import('fflate');
  let total = 0;
  let entries = 0;
  let failure: UserError | undefined;
  const unzip = new Unzip((entry) => {
    if (++entries > 10_000) {
      failure ??= new UserError('the workbook holds more than 10000 parts: not a register this tool reads', { file });
      return;
    }
    entry.ondata = (err, chunk) => {
      if (failure) return;
      if (err) {
        failure = new UserError(`the XLSX file is damaged (${err.message}): open it in Excel and save it again`, { file });
        return;
      }
      total += chunk.length;
      if (total > limit) {
        failure = new UserError(`the workbook unpacks to more than ${limit} bytes: refused (a zip bomb, or far larger than a register)`, {
          file,
        });
        entry.terminate();
      }
    };
    try {
      entry.start();
    } catch (err) {
      failure ??= new UserError(`the XLSX file uses a compression this tool cannot read (${(err as Error).message})`, { file });
    }
  });
  unzip.register(UnzipInflate);
  const STEP = 256 * 1024;
  try {
    for (let i = 0; i < bytes.length && !failure; i += STEP)
      unzip.push(bytes.subarray(i, Math.min(i + STEP, bytes.length)), i + STEP >= bytes.length);
  } catch (err) {
    failure ??= new UserError(`the XLSX file is damaged (${(err as Error).message}): open it in Excel and save it again`, { file });
  }
  if (failure) throw failure;
  if (entries === 0) throw new UserError('the XLSX file is damaged: it holds no parts', { file });
}

async function openXlsx(file: string, bytes: Buffer, limits: ReadLimits): Promise<Register> {
  await checkUnpackedSize(file, bytes, limits.maxUnpackedBytes);
  const { readSheet } = await import('read-excel-file/universal');
  let data: Cell[][];
  try {
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    data = (await readSheet(buffer)) as Cell[][];
  } catch (err) {
    const e = err as Error;
    throw new UserError(`not a readable XLSX workbook (${e.message || e.name}): open it in Excel and save it again as .xlsx`, { file });
  }
  // Leading empty rows are skipped, as a spreadsheet user would expect.
  let start = 0;
  while (start < data.length && data[start].every((c) => c === null || c === '')) start++;
  if (start >= data.length) throw new UserError('the register is empty: the first sheet has no rows', { file });
  const header = data[start].map((c) => (c === null ? '' : String(c).trim()));
  return {
    file,
    kind: 'xlsx',
    detected: 'XLSX, first sheet',
    header,
    rows: {
      async *[Symbol.asyncIterator]() {
        for (let i = start + 1; i < data.length; i++) {
          const cells = data[i];
          if (cells.every((c) => c === null || c === '')) continue;
          yield { row: i + 1, cells };
        }
      },
    },
  };
}
