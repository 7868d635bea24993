import { statSync } from 'node:fs';
import { kindOf, readInputFile } from '../load/read-input.js';
import { extname } from 'node:path';
import { DraftError, DRAFT_LIMITS, type DraftDocument, type DraftFormat, type DraftLimits } from './types.js';
import { htmlLines, textLines } from './text.js';

const FORMATS: Record<string, DraftFormat> = {
  '.txt': 'txt',
  '.text': 'txt',
  '.md': 'md',
  '.markdown': 'md',
  '.html': 'html',
  '.htm': 'html',
  '.docx': 'docx',
  '.pdf': 'pdf',
};

/** Text of a plain-text draft: UTF-8 (with or without BOM), or UTF-16 with a BOM. */
function decode(file: string, buf: Buffer): string {
  if (buf[0] === 0xff && buf[1] === 0xfe) return new TextDecoder('utf-16le').decode(buf.subarray(2));
  if (buf[0] === 0xfe && buf[1] === 0xff) return new TextDecoder('utf-16be').decode(buf.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(buf);
  } catch {
    throw new DraftError('not UTF-8 text: save the draft as UTF-8 (or as .docx or .pdf)', file);
  }
}

/** Reads a draft agreement by its extension. Throws DraftError for what cannot be read. */
export async function readDraft(file: string, limits: DraftLimits = DRAFT_LIMITS): Promise<DraftDocument> {
  const format = FORMATS[extname(file).toLowerCase()];
  if (!format)
    throw new DraftError(`cannot read "${extname(file) || 'no extension'}" files: give a .txt, .md, .html, .docx or .pdf draft`, file);
  let buf: Buffer;
  try {
    const st = statSync(file);
    if (st.isDirectory()) throw new DraftError('is a directory: give the draft file itself', file);
    if (!st.isFile()) throw new DraftError(`is ${kindOf(st)}, not a regular file: give the draft file itself`, file);
    if (st.size > limits.maxBytes) throw new DraftError(`file is ${st.size} bytes, over the limit of ${limits.maxBytes} for a draft`, file);
    // Never more than the limit, and without blocking, whatever the path turned into since the stat.
    const read = readInputFile(file, limits.maxBytes);
    if ('problem' in read) throw new DraftError(read.problem.replace(' (raise it with --max-file-size)', ' for a draft'), file);
    buf = read.bytes;
  } catch (err) {
    if (err instanceof DraftError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new DraftError(
      code === 'ENOENT'
        ? 'no such file: check the path (relative to where cdrisk runs, or for agreement.text to the partnership file)'
        : code === 'EACCES'
          ? 'permission denied'
          : `cannot read it (${code ?? String(err)})`,
      file,
    );
  }
  if (buf.length === 0) throw new DraftError('the file is empty', file);
  switch (format) {
    case 'txt':
    case 'md':
      return { file, format, lines: textLines(decode(file, buf), format === 'md') };
    case 'html':
      return { file, format, lines: htmlLines(decode(file, buf)) };
    case 'docx':
      return { file, format, lines: await (await import('./docx.js')).readDocx(file, buf, limits) };
    case 'pdf':
      if (buf.subarray(0, 1024).indexOf('%PDF-') < 0) throw new DraftError('not a PDF file (no %PDF- header)', file);
      return { file, format, lines: await (await import('./pdf.js')).readPdf(file, buf, limits) };
  }
}
