// Issue 11: hostile files and broken outputs. Each block is one defect of the
// issue; each test failed before its fix.
import { spawnSync } from 'node:child_process';
import {
  appendFileSync,
  copyFileSync,
  existsSync,
  statSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from './helpers/cli.js';
import { ROOT } from './helpers/engine.js';
import { BIN, BUNDLE } from './helpers/cli.js';
import { readInputFile } from '../src/load/read-input.js';
import { writeFileAtomic } from '../src/cli/write-atomic.js';
import { termSafe, termText } from '../src/formatters/terminal-escape.js';

const GOOD = `${ROOT}fixtures/port-stake-state-investor.yaml`;
const TODAY = ['--today', '2026-11-22'];
const STACK = /\n\s+at .+:\d+:\d+\)?/;
const MIB = 1024 * 1024;

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'cdrisk-hostile-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A fresh folder holding the good fixture as good.yaml. */
function folder(name: string): string {
  const dir = join(tmp, name);
  mkdirSync(dir, { recursive: true });
  copyFileSync(GOOD, join(dir, 'good.yaml'));
  return dir;
}

/** The built binary, with a time limit: a hang fails the test instead of stalling it. */
function binary(args: string[], opts: { cwd?: string; input?: string; env?: NodeJS.ProcessEnv } = {}) {
  if (!existsSync(BUNDLE)) throw new Error('dist/cdrisk.js is missing: run `npm run build`');
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: opts.cwd ?? ROOT,
    input: opts.input,
    encoding: 'utf8',
    timeout: 20_000,
    env: { PATH: process.env.PATH, NO_COLOR: '1', ...opts.env },
  });
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

const partnership = (id: string, extra = '') =>
  `cdrisk: 1\nid: ${id}\ntitle: A partnership\ncity: { name: Ghent, country: BE }\npartner: { name: Lyon, country: FR, type: local-government }\n${extra}`;

describe('1. special files behind *.yaml names are refused by name, and the run goes on', () => {
  let server: Server | undefined;
  afterAll(() => server?.close());

  it('check: links to /dev/zero and /dev/null, a FIFO, a link to it and a socket end within seconds, each named', async () => {
    const dir = folder('special');
    symlinkSync('/dev/zero', join(dir, 'zero.yaml'));
    symlinkSync('/dev/null', join(dir, 'null.yaml'));
    spawnSync('mkfifo', [join(dir, 'fifo.yaml')]);
    symlinkSync('fifo.yaml', join(dir, 'to-fifo.yaml'));
    server = createServer();
    await new Promise<void>((done) => server!.listen(join(dir, 'sock.yaml'), done));
    const r = binary(['check', '.', ...TODAY], { cwd: dir });
    expect(r.signal).toBeNull();
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/^zero\.yaml: error: is a character device, not a regular file/m);
    expect(r.stdout).toMatch(/^null\.yaml: error: is a character device/m);
    expect(r.stdout).toMatch(/^fifo\.yaml: error: is a named pipe \(FIFO\), not a regular file/m);
    expect(r.stdout).toMatch(/^sock\.yaml: error: is a socket/m);
    // The good file of the same run is reported.
    expect(r.stdout).toMatch(/^good\.yaml:\d+: critical: /m);
    expect(r.stdout).toMatch(/cdrisk check: 5 files, 4 invalid/);
    expect(r.stderr).not.toMatch(STACK);
  });

  it('--rules DIR with a FIFO or a device behind a rule file name: a located error, no hang', () => {
    const rules = join(tmp, 'rules-fifo');
    mkdirSync(rules);
    spawnSync('mkfifo', [join(rules, 'countries.yaml')]);
    const r = binary(['assess', GOOD, '--rules', rules, ...TODAY]);
    expect(r.signal).toBeNull();
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/countries\.yaml: is a named pipe \(FIFO\), not a regular file/);
    rmSync(join(rules, 'countries.yaml'));
    symlinkSync('/dev/zero', join(rules, 'countries.yaml'));
    const z = binary(['assess', GOOD, '--rules', rules, ...TODAY]);
    expect(z.code).toBe(2);
    expect(z.stderr).toMatch(/countries\.yaml: is a character device/);
  });

  it('readInputFile (questionnaire --from reads through it) refuses a FIFO without blocking', () => {
    const fifo = join(tmp, 'from.yaml');
    spawnSync('mkfifo', [fifo]);
    expect(readInputFile(fifo, MIB)).toMatchObject({ problem: expect.stringMatching(/named pipe \(FIFO\)/) });
    expect(readInputFile('/dev/zero', MIB)).toMatchObject({ problem: expect.stringMatching(/character device/) });
  });

  it('a link to a directory named x.yaml is not followed by check (the rule for links to directories)', async () => {
    const dir = folder('dirlink');
    mkdirSync(join(dir, 'elsewhere'));
    symlinkSync('elsewhere', join(dir, 'x.yaml'));
    const r = await cli(['check', dir, ...TODAY]);
    expect(r.stdout).not.toMatch(/x\.yaml/);
    expect(r.stdout).toMatch(/cdrisk check: 1 file, 0 invalid/);
  });
});

describe('2. the size limit is checked before reading', () => {
  it('a sparse file far over the limit is refused from its size, and the good file beside it is reported', () => {
    const dir = folder('sparse');
    writeFileSync(join(dir, 'huge.yaml'), 'cdrisk: 1\n');
    truncateSync(join(dir, 'huge.yaml'), 3 * 1024 * MIB);
    const r = binary(['check', '.', ...TODAY], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/^huge\.yaml: error: file is 3221225472 bytes, over the limit of 1048576/m);
    expect(r.stdout).toMatch(/^good\.yaml:\d+: critical/m);
  });

  it('never reads more than the limit, even when the size the system reports is wrong', () => {
    // /proc files report a size of 0 but have content.
    const r = readInputFile('/proc/self/maps', 16);
    expect(r).toMatchObject({ problem: expect.stringMatching(/larger than the limit of 16/) });
  });

  it('--max-file-size 0 is a usage error, not "no limit"', async () => {
    const r = await cli(['assess', GOOD, '--max-file-size', '0', ...TODAY]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--max-file-size.*at least 1 byte.*cannot be switched off/);
  });
});

describe('3. many errors in one file', () => {
  it('20,000 unknown keys: linear, and 50 errors listed then a count', async () => {
    const keys = Array.from({ length: 20_000 }, (_, i) => `k${String(i).padStart(5, '0')}: v`).join('\n');
    const file = join(tmp, 'many-keys.yaml');
    writeFileSync(file, `${partnership('many-keys')}${keys}\n`);
    const r = await cli(['assess', file, '--format', 'json', ...TODAY]);
    expect(r.code).toBe(2);
    const errors = JSON.parse(r.stdout).results[0].errors as { message: string; line?: number }[];
    expect(errors).toHaveLength(51);
    expect(errors[0]).toMatchObject({ message: expect.stringMatching(/^unknown key "k00000"/), line: 6 });
    expect(errors[49].line).toBe(55);
    expect(errors[50].message).toBe('and 19950 more errors in this file, not listed: fix these first');
    // Far under the 152 s it took; not a timing test, a guard against the quadratic path coming back.
    expect(r.ms).toBeLessThan(30_000);
  });

  it('duplicate keys are still found (now in one pass), at their line', async () => {
    const file = join(tmp, 'dup.yaml');
    writeFileSync(file, `${partnership('dup')}title: again\n`);
    const r = await cli(['assess', file, ...TODAY]);
    expect(r.stdout).toMatch(/dup\.yaml:6:1: duplicate key/);
  });
});

describe('4 and 5. text from a file never reaches a terminal or a CI log raw', () => {
  const forged = 'x\n::stop-commands::tok\n::notice title=ok::all passed';
  const escapes = '\u001b]0;PWNED\u0007\u001b[2J';
  let dir: string;
  beforeAll(() => {
    dir = folder('forged');
    writeFileSync(
      join(dir, 'value.yaml'),
      partnership('forged-value').replace('type: local-government', `type: ${JSON.stringify(forged)}`),
    );
    writeFileSync(
      join(dir, 'title.yaml'),
      partnership('forged-title').replace('title: A partnership', `title: ${JSON.stringify(`T ${escapes}\n::notice::ok`)}`),
    );
    writeFileSync(join(dir, 'bad\n::notice title=x::name.yaml'), partnership('forged-name', 'status: nope\n'));
  });

  /** No line an output holds may start a workflow command that cdrisk did not write, or hold a control character. */
  function clean(text: string, ours: RegExp = /^$/) {
    for (const line of text.split('\n')) {
      if (!ours.test(line)) expect(line.trimStart().startsWith('::'), line).toBe(false);
      expect(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/.test(line), JSON.stringify(line)).toBe(false);
    }
  }

  for (const env of [{}, { GITHUB_ACTIONS: 'true' }]) {
    it(`check without --format${'GITHUB_ACTIONS' in env ? ', under GitHub Actions' : ''}: values and file names stay on one line`, async () => {
      const r = await cli(['check', dir, ...TODAY], { env });
      expect(r.code).toBe(2);
      clean(r.stdout, /^::(error|warning) file=/);
      clean(r.stderr);
      expect(r.stdout).toContain('partner.type: "x\\n::stop-commands::tok\\n::notice title=ok::all passed" is not allowed');
      expect(r.stdout).toContain('bad\\n::notice title=x::name.yaml:6:9: error: status');
      expect(r.stdout).toMatch(/good\.yaml:\d+: critical/);
    });
  }

  for (const format of ['table', 'markdown', 'html', 'junit', 'github', 'json', 'sarif']) {
    it(`assess --format ${format}: control characters escaped, no forged command`, async () => {
      const r = await cli(['assess', join(dir, 'title.yaml'), join(dir, 'value.yaml'), '--format', format, ...TODAY]);
      clean(r.stdout, format === 'github' ? /^::(error|warning) file=/ : /^$/);
      if (format === 'table') expect(r.stdout).toContain('T \\x1b]0;PWNED\\x07\\x1b[2J\\n::notice::ok [forged-title]');
    });
  }

  it('warnings on standard error are escaped too', async () => {
    // The warning names the file: the name carries the escapes.
    const file = join(tmp, 'warn\u001b[2J\n::error::x.yaml');
    writeFileSync(
      file,
      partnership(
        'warn',
        `accepted_risks:\n  - { rule: no-exit-clause, reason: R, approved_by: C, expires: 2020-01-01 }\nagreement: { exit_clause: false }\n`,
      ),
    );
    const r = await cli(['assess', file, ...TODAY]);
    expect(r.stderr).toMatch(/warning: .*warn\\x1b\[2J\\n::error::x\.yaml: the accepted risk for no-exit-clause expired/);
    clean(r.stderr);
  });

  it('termText shows every control character as an escape; termSafe copies only what changes', () => {
    expect(termText('a\u001b[2Jb\u0007\n\r\t\u0000\u009b\u2028')).toBe('a\\x1b[2Jb\\x07\\n\\r\\t\\x00\\x9b\\u2028');
    const plain = { a: 'x', b: [1, 'y'] };
    expect(termSafe(plain)).toBe(plain);
    expect(termSafe({ a: ['ok', 'n\nl'], 'k\u001b': 1 })).toEqual({ a: ['ok', 'n\\nl'], 'k\\x1b': 1 });
  });
});

describe('6. a closed pipe and a full disk', () => {
  it('assess | head -3: stops quietly, no stack trace', () => {
    // The table of every fixture is far larger than a pipe holds, so head closes it mid-write.
    const r = spawnSync(
      'bash',
      [
        '-c',
        `"${process.execPath}" "${BIN}" assess "${ROOT}"fixtures/*.yaml --today 2026-11-22 | head -3 > /dev/null; echo "status \${PIPESTATUS[0]}"`,
      ],
      { encoding: 'utf8', timeout: 20_000 },
    );
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('status 0\n');
  });

  it('> /dev/full: says what failed and exits 2', () => {
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${BIN}" assess "${GOOD}" --today 2026-11-22 > /dev/full`], {
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('cdrisk: cannot write to standard output: no space left on the device\n');
  });

  it('-o /dev/full: says what failed and exits 2', async () => {
    const r = await cli(['assess', GOOD, '--format', 'json', '-o', '/dev/full', ...TODAY]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('cdrisk: cannot write the report to /dev/full: no space left on the device\n');
  });
});

describe('7 and 8. -o writes the default output of check, whole or not at all', () => {
  it('check -o FILE without --format writes the listing and summary to FILE', async () => {
    const out = join(tmp, 'check.txt');
    const r = await cli(['check', GOOD, '-o', out, ...TODAY]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    const text = readFileSync(out, 'utf8');
    expect(text).toMatch(/port-stake-state-investor\.yaml:\d+: critical: /);
    expect(text).toMatch(/\ncdrisk check: 1 file, 0 invalid.*\n$/);
    expect(r.stderr).toMatch(/^cdrisk check: 1 file/);
  });

  it('a failed write leaves the last good report and no temporary file', async () => {
    const dir = join(tmp, 'atomic');
    mkdirSync(dir);
    const out = join(dir, 'r.json');
    writeFileSync(out, '{"last": "good"}');
    // A folder of the temporary file's name cannot be... so make the folder unwritable instead? Root may write anywhere:
    // simulate the failure where it happens, in the write itself, with a target the rename cannot replace.
    mkdirSync(join(dir, 'is-a-dir.json'));
    const r = await cli(['assess', GOOD, '--format', 'json', '-o', join(dir, 'is-a-dir.json'), ...TODAY]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot write the report to .*is-a-dir\.json: it is a directory/);
    expect(readFileSync(out, 'utf8')).toBe('{"last": "good"}');
    expect(readdirSync(dir).sort()).toEqual(['is-a-dir.json', 'r.json']);
  });

  it('a write cut short (file size limit, as a full disk) leaves the last good report whole, and no temporary file', () => {
    const dir = join(tmp, 'cut-short');
    mkdirSync(dir);
    writeFileSync(join(dir, 'r.json'), '{"last": "good"}');
    // ulimit -f 4: the process may write 4 blocks, then every write fails (EFBIG), as on a full disk.
    const fixtures = readdirSync(`${ROOT}fixtures`)
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => `"${ROOT}fixtures/${f}"`)
      .join(' ');
    const r = spawnSync(
      'sh',
      ['-c', `ulimit -f 4; "${process.execPath}" "${BIN}" assess ${fixtures} --format json -o r.json --today 2026-11-22`],
      { cwd: dir, encoding: 'utf8', timeout: 20_000 },
    );
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('cdrisk: cannot write the report to r.json: the file is too large for the file system\n');
    expect(readFileSync(join(dir, 'r.json'), 'utf8')).toBe('{"last": "good"}');
    expect(readdirSync(dir)).toEqual(['r.json']);
  });

  it('-o /dev/stdout appends to the stream the shell opened (>> log keeps its earlier lines)', () => {
    const log = join(tmp, 'log.txt');
    writeFileSync(log, 'earlier line\n');
    const r = spawnSync(
      'sh',
      ['-c', `"${process.execPath}" "${BIN}" assess "${GOOD}" --format json -o /dev/stdout --today 2026-11-22 >> "${log}"`],
      { encoding: 'utf8', timeout: 20_000 },
    );
    expect(r.status).toBe(0);
    const text = readFileSync(log, 'utf8');
    expect(text.startsWith('earlier line\n{')).toBe(true);
    expect(JSON.parse(text.slice('earlier line\n'.length)).results[0].valid).toBe(true);
  });

  it('writeFileAtomic writes to a device directly, never renames over it, and keeps a link', () => {
    // Renamed over, /dev/full would take the text; written to, it refuses it.
    expect(() => writeFileAtomic('/dev/full', 'x')).toThrow(/ENOSPC/);
    expect(statSync('/dev/full').isCharacterDevice()).toBe(true);
    const target = join(tmp, 'link-target.txt');
    writeFileSync(target, 'old');
    symlinkSync(target, join(tmp, 'link.txt'));
    writeFileAtomic(join(tmp, 'link.txt'), 'new');
    expect(readFileSync(target, 'utf8')).toBe('new');
    expect(spawnSync('test', ['-L', join(tmp, 'link.txt')]).status).toBe(0);
  });
});

describe('9. one file, several paths', () => {
  it('check dir ./dir/good.yaml and a symbolic link beside it: one file, not a duplicate of itself', async () => {
    const dir = folder('aliases');
    symlinkSync('good.yaml', join(dir, 'alias.yaml'));
    const r = binary(['check', 'aliases', './aliases/good.yaml', 'aliases/alias.yaml', ...TODAY], { cwd: tmp });
    expect(r.code).toBe(1);
    expect(r.stdout).not.toMatch(/duplicate/);
    expect(r.stdout).toMatch(/^aliases\/good\.yaml:\d+: critical/m);
    expect(r.stdout).toMatch(/cdrisk check: 1 file, 0 invalid; .*critical 1; 1 failed/);
  });

  it('two different files with one id are still both invalid', async () => {
    const dir = folder('twins');
    copyFileSync(GOOD, join(dir, 'twin.yaml'));
    appendFileSync(join(dir, 'twin.yaml'), '\n# a copy, not the same file\n');
    const r = await cli(['check', dir, ...TODAY]);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/duplicate partnership id/);
  });
});

describe('10. --step-summary that cannot be written is a user error', () => {
  for (const [what, file, why] of [
    ['a missing folder', '/nonexistent-cdrisk/summary.md', 'its folder does not exist'],
    ['a full disk', '/dev/full', 'no space left on the device'],
  ] as const) {
    it(what, async () => {
      const r = await cli(['check', GOOD, '--step-summary', file, ...TODAY]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`cdrisk: cannot write the step summary to ${file}: ${why}`);
      expect(r.stderr).not.toMatch(/internal error/);
    });
  }
});

describe('11. messages', () => {
  it('a missing required field says it is required', async () => {
    const file = join(tmp, 'required.yaml');
    writeFileSync(file, partnership('required', 'activities:\n  - { sectors: [ports] }\n'));
    const r = await cli(['assess', file, ...TODAY]);
    expect(r.stdout).toMatch(/activities\[0\]\.type: is required: one of knowledge-exchange, /);
    expect(r.stdout).not.toMatch(/undefined/);
  });

  it('0001-01-01 is a real date', async () => {
    const file = join(tmp, 'year-one.yaml');
    writeFileSync(file, partnership('year-one', 'review: { last: 0001-01-01 }\n'));
    const r = await cli(['assess', file, ...TODAY]);
    expect(r.stdout).not.toMatch(/not a real calendar date/);
    expect(r.code).toBe(0);
  });

  it('a file with CR-only line endings is read as YAML reads it (CR is a line break)', async () => {
    const file = join(tmp, 'cr.yaml');
    writeFileSync(file, partnership('cr-only', 'status: nope\n').replace(/\n/g, '\r'));
    const r = await cli(['assess', file, ...TODAY]);
    expect(r.stdout).not.toMatch(/empty/);
    expect(r.stdout).toMatch(/cr\.yaml:6:9: status: "nope" is not allowed/);
  });

  it('file system errors in plain words', async () => {
    const r = await cli(['assess', GOOD, '--rules', join(tmp, 'no-such-rules'), ...TODAY]);
    expect(r.stderr).toMatch(/cannot read rules directory .*no-such-rules: it does not exist/);
    expect(r.stderr).not.toMatch(/ENOENT/);
    const loop = join(tmp, 'loop.yaml');
    symlinkSync(loop, loop);
    const l = await cli(['assess', loop, ...TODAY]);
    expect(l.stdout).toMatch(/too many levels of symbolic links/);
    expect(l.stdout).not.toMatch(/ELOOP/);
    const ro = await cli(['assess', GOOD, '-o', '/proc/version', ...TODAY]);
    expect(ro.code).toBe(2);
    expect(ro.stderr).not.toMatch(/\bE[A-Z]{3,}\b/);
  });

  it('toString or __proto__ as a key in a rule pack table', async () => {
    const rules = join(tmp, 'rules-proto');
    mkdirSync(rules);
    writeFileSync(join(rules, 'sources.yaml'), 'sources:\n  toString:\n    title: X\n    citation: Y\n');
    const r = await cli(['assess', GOOD, '--rules', rules, ...TODAY]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/sources\.yaml:3:5: sources\.toString: key "toString" is not allowed: ids are kebab-case/);
    writeFileSync(join(rules, 'sources.yaml'), 'sources:\n  __proto__:\n    title: X\n    citation: Y\n');
    const p = await cli(['assess', GOOD, '--rules', rules, ...TODAY]);
    expect(p.stderr).toMatch(/sources\.yaml:2:3: key "__proto__" is not allowed: it is a reserved name/);
    expect(p.stderr).not.toMatch(/partnership format/);
  });

  it('a bad CDRISK_TODAY is reported as CDRISK_TODAY', () => {
    const r = binary(['assess', GOOD], { env: { CDRISK_TODAY: '2026-13-01' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/CDRISK_TODAY expects a date/);
    expect(r.stderr).not.toMatch(/--today/);
  });
});

describe('12. standard input', () => {
  const text = readFileSync(GOOD, 'utf8');
  it('assess - reads one partnership from standard input, named <stdin>', () => {
    const r = binary(['assess', '-', '--format', 'json', ...TODAY], { input: text });
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout).results[0];
    expect(result).toMatchObject({ file: '<stdin>', id: 'dus-xiamen-port-mou', valid: true });
  });

  it('assess /dev/stdin from a pipe, and the errors name <stdin>', () => {
    const r = binary(['assess', '/dev/stdin', '--format', 'json', ...TODAY], { input: text });
    expect(JSON.parse(r.stdout).results[0]).toMatchObject({ file: '/dev/stdin', valid: true });
    const bad = binary(['assess', '-', ...TODAY], { input: 'cdrisk: 1\nid: x\n' });
    expect(bad.code).toBe(2);
    expect(bad.stdout).toMatch(/^<stdin>: invalid partnership file/m);
  });

  it('standard input over the size limit is refused without reading it all', () => {
    const r = binary(['assess', '-', '--max-file-size', '1k', ...TODAY], { input: text });
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/<stdin>.*larger than the limit of 1024/);
  });
});
