// Reading drafts: the committed fixtures (built by scripts/make-draft-fixtures.mjs)
// in English, Chinese, Japanese and German as .txt, .docx and .pdf, and the
// files that must be refused with a clear message.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readDraft } from '../src/scan/read.js';
import { scanFile } from '../src/scan/command.js';
import { builtinCatalogue } from '../src/cli/scan.js';
import { htmlLines, textLines } from '../src/scan/text.js';
import { listZip, readEntry, ZipProblem } from '../src/scan/zip.js';
import { DraftError } from '../src/scan/types.js';
import { ROOT } from './helpers/engine.js';

const D = `${ROOT}fixtures/drafts/`;
const cat = builtinCatalogue();
const ids = (r: { clauses: { id: string }[] }) => r.clauses.map((c) => c.id);

describe('the fixtures', () => {
  it('are what the generator makes, byte for byte', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cdrisk-drafts-'));
    execFileSync(process.execPath, [`${ROOT}scripts/make-draft-fixtures.mjs`, dir]);
    const made = readdirSync(dir).sort();
    expect(made).toEqual(readdirSync(D).sort());
    for (const f of made) expect([f, readFileSync(join(dir, f)).equals(readFileSync(D + f))]).toEqual([f, true]);
  });
});

const POLITICAL: Record<string, string[]> = {
  'en-xiamen-mou': ['diplomatic-relations-principles', 'one-china', 'national-initiative'],
  'zh-xiamen-mou': ['one-china', 'diplomatic-relations-principles', 'national-initiative'],
  'ja-dalian-agreement': ['one-china', 'diplomatic-relations-principles'],
  'de-qingdao-vereinbarung': ['one-china', 'national-initiative'],
};
const LANG: Record<string, string> = {
  'en-xiamen-mou': 'en',
  'zh-xiamen-mou': 'zh',
  'ja-dalian-agreement': 'ja',
  'de-qingdao-vereinbarung': 'de',
  'en-benign-twinning': 'en',
};
const EXIT: Record<string, boolean> = {
  'en-xiamen-mou': false,
  'zh-xiamen-mou': true,
  'ja-dalian-agreement': true,
  'de-qingdao-vereinbarung': true,
  'en-benign-twinning': true,
};

describe.each(['txt', 'docx', 'pdf'])('drafts as .%s', (ext) => {
  for (const name of Object.keys(LANG)) {
    it(`${name}: language, political clauses, renewal, data, confidentiality, exit`, async () => {
      const r = await scanFile(`${D}${name}.${ext}`, cat);
      expect(r.error).toBeUndefined();
      expect(r.language).toBe(LANG[name]);
      const political = r.clauses.filter((c) => c.category === 'political').map((c) => c.id);
      expect(new Set(political)).toEqual(new Set(POLITICAL[name] ?? []));
      expect(r.facts['agreement.exit_clause']?.value).toBe(EXIT[name]);
      if (!EXIT[name])
        expect(r.facts['agreement.exit_clause']).toMatchObject({ clause: null, caveat: expect.stringMatching(/complete text/) });
      if (POLITICAL[name]) {
        expect(r.facts['agreement.foreign_policy_clauses']).toMatchObject({ value: true });
        expect(ids(r)).toEqual(expect.arrayContaining(['automatic-renewal', 'data-access', 'confidentiality', 'duration']));
        expect(r.facts['agreement.duration_years']?.value).toBe(5);
        expect(r.facts['activities[].data_access']?.value).toBe(true);
      } else {
        expect(political).toEqual([]);
        expect(r.facts['agreement.foreign_policy_clauses']).toBeUndefined();
        expect(r.facts['agreement.duration_years']?.value).toBe(3);
      }
      for (const c of r.clauses) {
        if (ext === 'pdf') expect(c.page).toBeGreaterThanOrEqual(1);
        else expect(c.page).toBeNull();
        if (ext === 'docx') expect(c.line).toBeNull();
        else expect(c.line).toBeGreaterThanOrEqual(1);
      }
    });
  }
});

describe('locations', () => {
  it('a PDF over two pages gives page and line on the page', async () => {
    const r = await scanFile(`${D}en-xiamen-mou.pdf`, cat);
    const at = (id: string) => r.clauses.find((c) => c.id === id)!;
    expect(at('diplomatic-relations-principles')).toMatchObject({ page: 1, line: 6 });
    expect(at('one-china')).toMatchObject({ page: 1, line: 8, text: 'The City of Springfield respects the One China policy.' });
    expect(at('data-access')).toMatchObject({ page: 2, line: 1 });
    expect(at('automatic-renewal').page).toBe(2);
  });
  it('a text file gives the line in the file and the paragraph', async () => {
    const r = await scanFile(`${D}en-xiamen-mou.txt`, cat);
    expect(r.clauses.find((c) => c.id === 'one-china')).toMatchObject({ page: null, paragraph: 3, line: 5 });
  });
  it('a .docx gives the paragraph', async () => {
    const r = await scanFile(`${D}zh-xiamen-mou.docx`, cat);
    expect(r.clauses.find((c) => c.id === 'one-china')).toMatchObject({ page: null, paragraph: 3, line: null });
  });
});

describe('refused drafts (a clear message, never "nothing found")', () => {
  const cases: [string, RegExp][] = [
    ['scanned-no-text.pdf', /^no text layer: run OCR first/],
    ['encrypted.pdf', /^encrypted PDF/],
    ['corrupt.docx', /^corrupt or oversized \.docx/],
    ['zip-bomb.docx', /unpacks to more than \d+ bytes \(a zip bomb\?\)/],
  ];
  for (const [file, message] of cases) {
    it(file, async () => {
      const r = await scanFile(D + file, cat);
      expect(r.error).toMatch(message);
      expect(r.clauses).toEqual([]);
    });
  }
  it('a missing file, an unknown extension, a directory, a file over the size limit', async () => {
    await expect(readDraft(`${D}nope.pdf`)).rejects.toThrow(/no such file/);
    await expect(readDraft(`${ROOT}package.json`)).rejects.toThrow(/cannot read "\.json" files/);
    const dir = mkdtempSync(join(tmpdir(), 'cdrisk-d-'));
    const big = join(dir, 'big.txt');
    writeFileSync(big, 'x'.repeat(2000));
    await expect(readDraft(big, { maxBytes: 1000, maxUnzipped: 1000, maxPages: 10 })).rejects.toThrow(/over the limit of 1000/);
    await expect(readDraft(`${D}en-xiamen-mou.pdf`, { maxBytes: 1e6, maxUnzipped: 1e6, maxPages: 1 })).rejects.toThrow(
      /2 pages, over the limit of 1/,
    );
  });
  it('an honest zip directory that declares a huge part is refused before inflating', () => {
    const data = Buffer.alloc(1024 * 1024, 0x61);
    const packed = deflateRawSync(data);
    const entry = { name: 'word/document.xml', method: 8, compressedSize: packed.length, size: data.length, offset: 0 };
    expect(() => readEntry(Buffer.alloc(100), entry, 1000)).toThrow(ZipProblem);
    expect(() => readEntry(Buffer.alloc(100), entry, 1000)).toThrow(/over the limit of 1000/);
    expect(() => listZip(Buffer.from('not a zip at all, just text that is long enough'))).toThrow(/no zip central directory/);
  });
  it('text that is not UTF-8', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cdrisk-d-'));
    const f = join(dir, 'latin1.txt');
    writeFileSync(f, Buffer.from([0x4d, 0xfc, 0x6e, 0x63, 0x68, 0x65, 0x6e]));
    await expect(readDraft(f)).rejects.toBeInstanceOf(DraftError);
  });
});

describe('text, markdown and HTML', () => {
  it('paragraphs end at blank lines; markdown marks are dropped', () => {
    expect(textLines('# Title\n\nArticle 1. One\ntwo\n\n\n- item', true)).toEqual([
      { text: 'Title', paragraph: 1, line: 1 },
      { text: 'Article 1. One', paragraph: 2, line: 3 },
      { text: 'two', paragraph: 2, line: 4 },
      { text: 'item', paragraph: 3, line: 7 },
    ]);
  });
  it('HTML: blocks are paragraphs at their source line; scripts, styles and comments are skipped; entities decoded', () => {
    const html =
      '<html><head><style>p{}</style><script>var x="One China";</script></head>\n<body>\n<p>Article 1 &amp; 2.</p><!-- One China -->\n<p>The parties respect the\nOne&nbsp;China policy.</p></body></html>';
    expect(htmlLines(html)).toEqual([
      { text: 'Article 1 & 2.', paragraph: 1, line: 3 },
      { text: 'The parties respect the One China policy.', paragraph: 2, line: 4 },
    ]);
  });
  it('control characters from a draft never reach the output', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cdrisk-d-'));
    const f = join(dir, 'esc.txt');
    writeFileSync(f, 'The parties respect the One China \u001b[31mpolicy\u202e.\n');
    const r = await scanFile(f, cat);
    expect(r.clauses[0].text).toBe('The parties respect the One China [31mpolicy .');
  });
});

describe('table cells', () => {
  it('wrap CJK between characters, counting two columns each, and cut words longer than the cell without dropping anything', async () => {
    const { wrapCell } = await import('../src/formatters/scan.js');
    expect(wrapCell('双方应对本备忘录及交流内容予以保密。', 10)).toBe('双方应对本\n备忘录及交\n流内容予以\n保密。');
    expect(wrapCell('agreement.foreign_policy_clauses: true', 20)).toBe('agreement.foreign_po\nlicy_clauses: true');
    expect(wrapCell('The City respects it.', 9)).toBe('The City\nrespects\nit.');
  });
});
