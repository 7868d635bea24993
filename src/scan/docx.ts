import { loadMammoth } from '../shared/vendor.js';
import { checkZip, ZipProblem } from './zip.js';
import { DraftError, type DocLine, type DraftLimits } from './types.js';

/**
 * Paragraphs of a .docx, through mammoth's raw text. The archive is checked
 * first by our own bounded reader (zip.ts): mammoth inflates every part
 * without a limit, so it only sees a file whose parts are known to be small.
 */
export async function readDocx(file: string, buf: Buffer, limits: DraftLimits): Promise<DocLine[]> {
  if (buf.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))) {
    throw new DraftError(
      'encrypted (password-protected) Word file, or an old .doc: remove the password or save it as .docx, then scan again',
      file,
    );
  }
  if (buf.readUInt32LE(0) !== 0x04034b50)
    throw new DraftError('not a Word .docx file (a .docx is a zip archive, and this is not one): save it again as .docx', file);
  let names: string[];
  try {
    names = checkZip(buf, limits.maxUnzipped, limits.maxUnzipped).map((e) => e.name);
  } catch (err) {
    if (err instanceof ZipProblem) throw new DraftError(`corrupt or oversized .docx: ${err.message}`, file);
    throw err;
  }
  if (!names.includes('word/document.xml')) throw new DraftError('not a Word .docx file: it has no word/document.xml part', file);
  let text: string;
  try {
    const mammoth = await loadMammoth();
    text = (await mammoth.extractRawText({ buffer: buf })).value;
  } catch (err) {
    throw new DraftError(`corrupt .docx: ${String((err as Error)?.message ?? err).split('\n')[0]}`, file);
  }
  const out: DocLine[] = [];
  for (const para of text.split(/\n\n+/)) {
    const t = para.replace(/\s+/g, ' ').trim();
    if (t) out.push({ text: t, paragraph: out.length + 1 });
  }
  return out;
}
