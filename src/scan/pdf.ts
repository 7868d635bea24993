import { loadUnpdf } from '../shared/vendor.js';
import { DraftError, type DocLine, type DraftLimits } from './types.js';

interface TextItem {
  str: string;
  hasEOL: boolean;
  transform: number[];
  height: number;
}

/**
 * Lines of a PDF with their page, through unpdf's build of PDF.js (no worker,
 * no canvas, no downloads). A line ends where PDF.js marks an end of line or
 * the baseline moves; a paragraph ends at a blank gap taller than 1.6 times
 * the usual line spacing, or at the end of a page (a paragraph that runs
 * over a page break counts as two).
 */
export async function readPdf(file: string, buf: Buffer, limits: DraftLimits): Promise<DocLine[]> {
  const { getDocumentProxy } = await loadUnpdf();
  let doc: Awaited<ReturnType<typeof getDocumentProxy>>;
  try {
    doc = await getDocumentProxy(new Uint8Array(buf), {
      verbosity: 0,
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      stopAtErrors: true,
    } as never);
  } catch (err) {
    const name = (err as Error)?.name;
    if (name === 'PasswordException')
      throw new DraftError('encrypted PDF (it needs a password to open): save an unprotected copy, then scan again', file);
    throw new DraftError(`corrupt PDF: ${String((err as Error)?.message ?? err).split('\n')[0]}`, file);
  }
  try {
    if (doc.numPages > limits.maxPages)
      throw new DraftError(`the PDF has ${doc.numPages} pages, over the limit of ${limits.maxPages}`, file);
    const out: DocLine[] = [];
    let paragraph = 0;
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const items = (await page.getTextContent()).items as TextItem[];
      const lines: { text: string; y: number; h: number }[] = [];
      let cur: { text: string; y: number; h: number } | undefined;
      for (const it of items) {
        const y = it.transform[5];
        if (cur && Math.abs(cur.y - y) > Math.max(1, (it.height || cur.h) / 2)) {
          lines.push(cur);
          cur = undefined;
        }
        if (!cur) cur = { text: '', y, h: it.height };
        cur.text += it.str;
        if (it.hasEOL) {
          lines.push(cur);
          cur = undefined;
        }
      }
      if (cur) lines.push(cur);
      const kept = lines.map((l) => ({ ...l, text: l.text.replace(/\s+/g, ' ').trim() })).filter((l) => l.text);
      const gaps = kept
        .slice(1)
        .map((l, i) => kept[i].y - l.y)
        .filter((g) => g > 0)
        .sort((a, b) => a - b);
      // The usual line spacing: the median gap, but no more than 1.5 times the text height (a page of one-line paragraphs has no other gap).
      const height =
        kept
          .map((l) => l.h)
          .filter((h) => h > 0)
          .sort((a, b) => a - b)[0] ?? 0;
      const median = gaps.length ? gaps[Math.floor(gaps.length / 2)] : 0;
      const usual = height > 0 ? Math.min(median, height * 1.5) : median;
      kept.forEach((l, i) => {
        if (i === 0 || (usual > 0 && kept[i - 1].y - l.y > usual * 1.6)) paragraph++;
        out.push({ text: l.text, page: n, paragraph, line: i + 1 });
      });
      page.cleanup();
    }
    if (!out.length)
      throw new DraftError(
        `no text layer: run OCR first (the PDF has ${doc.numPages} page${doc.numPages === 1 ? '' : 's'} and no text on any of them; it is probably a scan)`,
        file,
      );
    return out;
  } finally {
    await doc.destroy();
  }
}
