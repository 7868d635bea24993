import { chmodSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, copyFileSync, readdirSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from './helpers/cli.js';
import { ROOT } from './helpers/engine.js';

const GOOD = `${ROOT}fixtures/port-stake-state-investor.yaml`;
const INVALID = `${ROOT}fixtures/invalid`;
const TODAY = ['--today', '2026-11-22'];
const STACK = /\n\s+at .+:\d+:\d+\)?/;

interface Expect {
  /** What the first error must say. */
  message: RegExp;
  /** Line of the first error, or null when the input has no line to point at. */
  line: number | null;
}

/** Every fixture in fixtures/invalid/ and what cdrisk must say about it. */
const CASES: Record<string, Expect> = {
  'empty.yaml': { message: /file is empty.*cdrisk: 1/, line: 1 },
  'binary-garbage.yaml': { message: /binary|not UTF-8/, line: 2 },
  'syntax-error.yaml': { message: /YAML syntax error: .*quote.*check/, line: 5 },
  'tab-indent.yaml': { message: /tab used for indentation: YAML indents with spaces only/, line: 13 },
  'duplicate-key.yaml': { message: /duplicate key/, line: 5 },
  'alias-bomb.yaml': { message: /aliases expand to too many values.*write the values out/, line: 5 },
  'deep-block-nesting.yaml': { message: /nesting deeper than 64 levels/, line: 67 },
  'several-documents.yaml': { message: /several YAML documents: keep one partnership per file/, line: 70 },
  'js-function-tag.yaml': { message: /tag !!js\/function is not allowed.*remove the tag/, line: 4 },
  'custom-tag.yaml': { message: /tag !custom is not allowed/, line: 4 },
  'latin1.yaml': { message: /not UTF-8 text.*save it as UTF-8/, line: 9 },
  'utf16.yaml': { message: /UTF-16.*save it as UTF-8/, line: 1 },
  'proto-key.yaml': { message: /key "__proto__" is not allowed.*remove it/, line: 13 },
  'proto-top.yaml': { message: /key "__proto__" is not allowed/, line: 70 },
  'constructor-key.yaml': { message: /key "constructor" is not allowed/, line: 9 },
  'list.yaml': { message: /not a partnership file: expected a mapping/, line: 1 },
  'scalar.yaml': { message: /not a partnership file: expected a mapping/, line: 1 },
  'no-cdrisk.yaml': { message: /not a partnership file: it has no top-level "cdrisk: 1" key/, line: 1 },
  'wrong-types.yaml': { message: /agreement.duration_years: expected a number, got string "five"/, line: 26 },
  'unknown-key.yaml': { message: /unknown key "identity_verifed": did you mean "identity_verified"\?/, line: 16 },
  'unknown-enum.yaml': {
    message: /"local-goverment" is not allowed\. Did you mean "local-government"\? Allowed values: local-government, /,
    line: 14,
  },
  'bad-country.yaml': { message: /partner.country: "XX" is not a country.*ISO 3166-1/, line: 15 },
  'impossible-date.yaml': { message: /agreement.signing_date: is not a real calendar date/, line: 25 },
  'merge-key.yaml': { message: /unknown key "base"/, line: 8 },
};

let tmp: string;
/** Inputs too big or too odd to keep in the repository, written once. */
const GENERATED: Record<string, { bytes: Buffer | string; expect: Expect }> = {};

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'cdrisk-robust-'));
  const good = readFileSync(GOOD, 'utf8');
  GENERATED['deep-flow.yaml'] = {
    bytes: `cdrisk: 1\nid: deep\nx: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`,
    expect: { message: /nesting deeper than 64 levels/, line: 3 },
  };
  GENERATED['deep-flow-map.yaml'] = {
    bytes: `cdrisk: 1\nid: deep\nx: ${'{a: '.repeat(50_000)}1${'}'.repeat(50_000)}\n`,
    expect: { message: /nesting deeper than 64 levels/, line: 3 },
  };
  GENERATED['deep-compact-seq.yaml'] = {
    bytes: `cdrisk: 1\nid: deep\nx:\n${'- '.repeat(100_000)}x\n`,
    expect: { message: /nesting deeper than 64 levels/, line: 4 },
  };
  GENERATED['oversize.yaml'] = {
    bytes: good + `# ${'x'.repeat(100)}\n`.repeat(11_000),
    expect: { message: /over the limit of 1048576 \(raise it with --max-file-size\)/, line: null },
  };
  GENERATED['wide-alias-bomb.yaml'] = {
    // Billion laughs with 20 levels of ten aliases each: 10^20 values if expanded.
    bytes:
      'cdrisk: 1\nid: lol\na0: &a0 [lol]\n' +
      Array.from({ length: 20 }, (_, i) => `a${i + 1}: &a${i + 1} [${Array(10).fill(`*a${i}`).join(', ')}]`).join('\n') +
      '\n',
    expect: { message: /aliases expand to too many values/, line: 4 },
  };
  GENERATED['comments-only.yaml'] = { bytes: '# nothing here yet\n\n', expect: { message: /file is empty/, line: 1 } };
  GENERATED['nul-in-text.yaml'] = { bytes: Buffer.from('cdrisk: 1\nid: a\0b\n'), expect: { message: /NUL bytes/, line: 2 } };
  for (const [name, g] of Object.entries(GENERATED)) writeFileSync(join(tmp, name), g.bytes);
});

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function assessOne(file: string, extra: string[] = []) {
  const json = await cli(['assess', file, '--format', 'json', ...TODAY, ...extra]);
  const table = await cli(['assess', file, '--format', 'table', ...TODAY, ...extra]);
  return {
    json,
    table,
    report: JSON.parse(json.stdout) as {
      results: { file: string; valid: boolean; errors: { message: string; line?: number; column?: number }[] }[];
    },
  };
}

function checkInvalid(r: Awaited<ReturnType<typeof assessOne>>, file: string, want: Expect) {
  expect(r.json.code).toBe(2);
  expect(r.table.code).toBe(2);
  const result = r.report.results.find((x) => x.file === file)!;
  expect(result.valid).toBe(false);
  const first = result.errors[0];
  expect(first.message).toMatch(want.message);
  if (want.line === null) expect(first.line).toBeUndefined();
  else {
    expect(first.line).toBe(want.line);
    expect(first.column).toBeGreaterThanOrEqual(1);
    expect(r.table.stdout).toContain(`${file}:${want.line}:${first.column}: `);
  }
  expect(r.table.stdout).toContain(file);
  for (const out of [r.json.stdout, r.json.stderr, r.table.stdout, r.table.stderr]) expect(out).not.toMatch(STACK);
  // The loader must answer quickly; the benchmark measures speed, this only catches a hang.
  expect(r.json.ms).toBeLessThan(5000);
}

describe('every malformed input: exit 2, file, line and column, what to do, no stack trace', () => {
  it('covers every fixture in fixtures/invalid/', () => {
    expect(readdirSync(INVALID).sort()).toEqual(Object.keys(CASES).sort());
  });

  for (const [name, want] of Object.entries(CASES)) {
    it(name, async () => {
      const file = relative(process.cwd(), join(INVALID, name));
      checkInvalid(await assessOne(file), file, want);
    });
  }

  it.each([
    'deep-flow.yaml',
    'deep-flow-map.yaml',
    'deep-compact-seq.yaml',
    'oversize.yaml',
    'wide-alias-bomb.yaml',
    'comments-only.yaml',
    'nul-in-text.yaml',
  ])('generated: %s', async (name) => {
    const file = join(tmp, name);
    checkInvalid(await assessOne(file), file, GENERATED[name].expect);
  });

  it('--max-file-size is honoured both ways', async () => {
    const small = await cli(['assess', GOOD, '--format', 'json', ...TODAY, '--max-file-size', '1k']);
    expect(small.code).toBe(2);
    expect(JSON.parse(small.stdout).results[0].errors[0].message).toMatch(/over the limit of 1024/);
    const big = join(tmp, 'oversize.yaml');
    const raised = await cli(['assess', big, '--format', 'json', ...TODAY, '--max-file-size', '2m']);
    expect(JSON.parse(raised.stdout).results[0].valid).toBe(true);
    const bad = await cli(['assess', GOOD, '--max-file-size', 'lots']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/expected a size such as/);
  });

  it('a UTF-8 byte order mark is fine', async () => {
    const file = join(tmp, 'bom.yaml');
    writeFileSync(file, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), readFileSync(GOOD)]));
    const r = await cli(['assess', file, '--format', 'json', ...TODAY]);
    const withBom = JSON.parse(r.stdout).results[0];
    expect(withBom.valid).toBe(true);
    const plain = JSON.parse((await cli(['assess', GOOD, '--format', 'json', ...TODAY])).stdout).results[0];
    expect(withBom.score).toBe(plain.score);
    expect(withBom.findings.map((f: { ruleId: string }) => f.ruleId)).toEqual(plain.findings.map((f: { ruleId: string }) => f.ruleId));
    // Lines still count from the first line of the text.
    expect(withBom.findings[0].evidence[0].line).toBe(plain.findings[0].evidence[0].line);
  });
});

describe('paths that cannot be read', () => {
  it('a missing path', async () => {
    const r = await cli(['assess', join(tmp, 'nope.yaml'), ...TODAY]);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/nope\.yaml: no such file or directory/);
  });

  it('a directory where a file is expected (--output, --rules)', async () => {
    const out = await cli(['assess', GOOD, '--output', tmp, ...TODAY]);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/cannot write the report to .*: it is a directory; give a file name/);
    expect(out.stderr).not.toMatch(/internal error/);
    const rules = await cli(['assess', GOOD, '--rules', GOOD, ...TODAY]);
    expect(rules.code).toBe(2);
    expect(rules.stderr).toMatch(/--rules expects a directory/);
  });

  it('an unreadable file', async (ctx) => {
    const file = join(tmp, 'locked.yaml');
    copyFileSync(GOOD, file);
    chmodSync(file, 0o000);
    try {
      let readable = false;
      try {
        readFileSync(file);
        readable = true;
      } catch {
        // expected for a normal user
      }
      if (readable) ctx.skip(); // running as root: chmod 000 does not stop reads, so there is nothing to test
      const r = await cli(['assess', file, '--format', 'json', ...TODAY]);
      expect(r.code).toBe(2);
      expect(JSON.parse(r.stdout).results[0].errors[0].message).toMatch(/permission denied/);
    } finally {
      chmodSync(file, 0o644);
    }
  });

  it('symbolic link loops and broken links under a directory walk', async () => {
    const dir = join(tmp, 'loops');
    mkdirSync(join(dir, 'sub'), { recursive: true });
    copyFileSync(GOOD, join(dir, 'sub', 'good.yaml'));
    symlinkSync('..', join(dir, 'sub', 'up'));
    symlinkSync('.', join(dir, 'self'));
    symlinkSync('nowhere.yaml', join(dir, 'broken.yaml'));
    const r = await cli(['assess', dir, '--format', 'json', ...TODAY]);
    expect(r.code).toBe(2);
    const report = JSON.parse(r.stdout);
    const good = report.results.filter((x: { valid: boolean }) => x.valid);
    expect(good).toHaveLength(1);
    expect(good[0].file).toBe(join(dir, 'sub', 'good.yaml'));
    const broken = report.results.find((x: { file: string }) => x.file.endsWith('broken.yaml'));
    expect(broken.errors[0].message).toMatch(/does not exist/);
  });
});

describe('one bad file among good ones', () => {
  let dir: string;
  beforeAll(() => {
    dir = join(tmp, 'mixed');
    mkdirSync(dir);
    copyFileSync(GOOD, join(dir, 'a-good.yaml'));
    writeFileSync(join(dir, 'b-bad.yaml'), readFileSync(`${INVALID}/unknown-enum.yaml`));
    writeFileSync(join(dir, 'c-good.yaml'), readFileSync(GOOD, 'utf8').replace('id: dus-xiamen-port-mou', 'id: another-port-mou'));
  });

  it('json: good ones assessed, bad one invalid with its errors, exit 2', async () => {
    const r = await cli(['assess', dir, '--format', 'json', ...TODAY]);
    expect(r.code).toBe(2);
    const report = JSON.parse(r.stdout);
    expect(report.results.map((x: { valid: boolean }) => x.valid)).toEqual([true, false, true]);
    expect(report.results[0].level).toBe('critical');
    expect(report.results[1].errors[0]).toMatchObject({ line: 14, column: 9, path: 'partner.type' });
    expect(report.summary).toMatchObject({ files: 3, invalid: 1 });
  });

  it.each(['table', 'markdown', 'sarif', 'junit'])('%s shows all three', async (format) => {
    const r = await cli(['assess', dir, '--format', format, ...TODAY]);
    expect(r.code).toBe(2);
    for (const name of ['a-good.yaml', 'b-bad.yaml', 'c-good.yaml']) expect(r.stdout).toContain(name);
    expect(r.stdout).toContain('local-goverment');
    if (format === 'table' || format === 'markdown') expect(r.stdout).toContain('another-port-mou');
  });

  it('invalid wins over --fail-on', async () => {
    const failing = await cli(['assess', join(dir, 'a-good.yaml'), '--fail-on', 'high', ...TODAY]);
    expect(failing.code).toBe(1);
    const r = await cli(['assess', dir, '--fail-on', 'high', ...TODAY]);
    expect(r.code).toBe(2);
  });
});

describe('__proto__ and constructor never reach a prototype or a report', () => {
  it.each(['proto-key.yaml', 'proto-top.yaml', 'constructor-key.yaml'])('%s', async (name) => {
    const file = join(tmp, `leak-${name}`);
    writeFileSync(file, readFileSync(`${INVALID}/${name}`, 'utf8').replace(/polluted: yes/g, 'polluted: LEAKED-CONTENT'));
    for (const format of ['json', 'table', 'markdown', 'html', 'sarif', 'junit']) {
      const r = await cli(['assess', file, GOOD, '--format', format, ...TODAY]);
      expect(r.code).toBe(2);
      expect(r.stdout + r.stderr).not.toContain('LEAKED-CONTENT');
      expect(r.stdout + r.stderr).not.toContain('polluted');
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain('polluted');
  });
});

describe('--debug and internal errors', () => {
  it('a user error has no stack without --debug and one with it', async () => {
    const plain = await cli(['assess', GOOD, '--today', '2026-02-30']);
    expect(plain.code).toBe(2);
    expect(plain.stderr).toMatch(/^cdrisk: --today expects a date/);
    expect(plain.stderr).not.toMatch(STACK);
    const debug = await cli(['--debug', 'assess', GOOD, '--today', '2026-02-30']);
    expect(debug.code).toBe(2);
    expect(debug.stderr).toMatch(STACK);
  });

  it('an internal error is one line with the hint; --debug adds the stack', async () => {
    const boom = () => {
      throw new Error('disk on fire\nsecond line');
    };
    const plain = await cli(['assess', GOOD, ...TODAY], { stdoutWrite: boom });
    expect(plain.code).toBe(2);
    expect(plain.stderr).toBe(
      'cdrisk: internal error: disk on fire (a bug in cdrisk: run again with --debug for the stack trace, and report it)\n',
    );
    const debug = await cli(['--debug', 'assess', GOOD, ...TODAY], { stdoutWrite: boom });
    expect(debug.code).toBe(2);
    expect(debug.stderr).toMatch(STACK);
  });
});
