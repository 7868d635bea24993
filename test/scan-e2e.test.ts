// `cdrisk scan` as a user runs it (the built binary), and what it costs the
// other commands: assess without a draft never loads the .docx or PDF reader.
// `npm test` builds first; run `npm run build` before running this file alone.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BIN, runBinary } from './helpers/cli.js';
import { ROOT } from './helpers/engine.js';

const D = 'fixtures/drafts/';

/** The bundle chunks a command loads, seen through a module resolve hook. */
/**
 * The chunks (ES modules of dist/chunks) and vendored libraries (dist/vendor,
 * required) a run loads; `esm` runs the ES module bundle instead of the
 * classic script with its code cache.
 */
function chunksLoaded(args: string[], esm = false): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'cdrisk-hook-'));
  const hook = join(dir, 'hook.mjs');
  writeFileSync(
    hook,
    "export async function resolve(s, c, n) { const r = await n(s, c); if (r.url.includes('/dist/chunks/')) process.stderr.write(`LOADED ${r.url.split('/').pop()}\\n`); return r; }\n",
  );
  const requireHook = join(dir, 'hook.cjs');
  writeFileSync(
    requireHook,
    "const M = require('node:module'); const resolve = M._resolveFilename; M._resolveFilename = function (...a) { const f = resolve.apply(this, a); if (f.includes('/dist/vendor/')) process.stderr.write(`LOADED vendor/${f.split('/').pop()}\\n`); return f; };\n",
  );
  const register = `data:text/javascript,import{register}from"node:module";register(${JSON.stringify(pathToFileURL(hook).href)})`;
  const env = { ...process.env, ...(esm ? { CDRISK_NO_CODE_CACHE: '1' } : {}) };
  const r = spawnSync(process.execPath, ['--import', register, '--require', requireHook, BIN, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env,
  });
  return [...new Set([...r.stderr.matchAll(/^LOADED (\S+)$/gm)].map((m) => m[1]))];
}

describe('cdrisk scan (built)', () => {
  it('json has the shape of the issue, with locations', () => {
    const r = runBinary(['scan', `${D}en-xiamen-mou.pdf`, `${D}ja-dalian-agreement.docx`, '-f', 'json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as {
      results: {
        file: string;
        language: string;
        clauses: Record<string, unknown>[];
        facts: Record<string, { value: unknown; clause: unknown }>;
      }[];
    };
    expect(Object.keys(j)).toEqual(['results']);
    expect(j.results.map((x) => [x.file, x.language])).toEqual([
      [`${D}en-xiamen-mou.pdf`, 'en'],
      [`${D}ja-dalian-agreement.docx`, 'ja'],
    ]);
    for (const c of j.results[0].clauses)
      expect(Object.keys(c)).toEqual(['id', 'category', 'text', 'page', 'paragraph', 'line', 'implies']);
    expect(j.results[0].facts['agreement.foreign_policy_clauses']).toEqual({
      value: true,
      clause: { id: 'diplomatic-relations-principles', page: 1, paragraph: 3, line: 6 },
    });
    expect(r.stderr).toBe('cdrisk scan: 2 files; 14 clauses found, 5 political\n');
  });

  it('table and markdown name each clause, where it is and what it implies', () => {
    const t = runBinary(['scan', `${D}de-qingdao-vereinbarung.pdf`]);
    expect(t.code).toBe(0);
    expect(t.stdout).toContain('German (de)');
    expect(t.stdout).toMatch(/page 1, line 5 +│ one-china/);
    expect(t.stdout).toContain('agreement.exit_clause: true  (from termination, page 2, line 9)');
    const m = runBinary(['scan', `${D}en-xiamen-mou.txt`, '-f', 'markdown']);
    expect(m.stdout).toContain("| line 5 | The One China principle or a statement on Taiwan's status (political) |");
    expect(m.stdout).toMatch(
      /- `agreement.exit_clause: false` \(no termination or withdrawal clause was found; this holds only if the file is the complete text/,
    );
  });

  it('unreadable drafts: exit 2, a clear message, the other files still scanned', () => {
    const r = runBinary([
      'scan',
      `${D}scanned-no-text.pdf`,
      `${D}encrypted.pdf`,
      `${D}corrupt.docx`,
      `${D}zip-bomb.docx`,
      `${D}en-benign-twinning.txt`,
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`cdrisk: ${D}scanned-no-text.pdf: no text layer: run OCR first`);
    expect(r.stderr).toContain(`cdrisk: ${D}encrypted.pdf: encrypted PDF`);
    expect(r.stderr).toContain(`cdrisk: ${D}corrupt.docx: corrupt or oversized .docx`);
    expect(r.stderr).toContain(`cdrisk: ${D}zip-bomb.docx: corrupt or oversized .docx: part word/document.xml unpacks to more than`);
    expect(r.stdout).toContain('cdrisk scan: 5 files, 4 unreadable; 2 clauses found, 0 political');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('--draft-lang forces the language of the drafts; an unknown one is a usage error', () => {
    const r = runBinary(['scan', `${D}zh-xiamen-mou.txt`, '--draft-lang', 'en', '-f', 'json']);
    expect((JSON.parse(r.stdout) as { results: { clauses: unknown[] }[] }).results[0].clauses).toEqual([]);
    const bad = runBinary(['scan', `${D}zh-xiamen-mou.txt`, '--draft-lang', 'xx']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--draft-lang: "xx" is not a language of the clause patterns/);
  });

  it.each([
    ['the ES module bundle', true],
    ['the classic script with its code cache', false],
  ])('%s: assess without a draft loads neither the .docx nor the PDF reader; scan of a PDF does', (_name, esm) => {
    const assess = chunksLoaded(['assess', 'fixtures/port-stake-state-investor.yaml', '-f', 'json'], esm);
    if (esm) expect(assess.length).toBeGreaterThan(0);
    expect(assess.filter((c) => /^(docx|pdf|attach|cli)-|^vendor\//.test(c))).toEqual([]);
    const scanTxt = chunksLoaded(['scan', `${D}en-xiamen-mou.txt`], esm);
    expect(scanTxt.filter((c) => /^vendor\//.test(c))).toEqual([]);
    const scanPdf = chunksLoaded(['scan', `${D}en-xiamen-mou.pdf`], esm);
    expect(scanPdf).toContain('vendor/unpdf.cjs');
    expect(scanPdf).not.toContain('vendor/mammoth.cjs');
    const scanDocx = chunksLoaded(['scan', `${D}en-xiamen-mou.docx`], esm);
    expect(scanDocx).toContain('vendor/mammoth.cjs');
  });
});
