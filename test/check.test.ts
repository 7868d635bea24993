// `cdrisk check` on scratch repositories: in-process, and the built binary where worker threads matter.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, TODAY } from './helpers/engine.js';
import { cli, runBinary } from './helpers/cli.js';

const CRITICAL = readFileSync(`${ROOT}fixtures/port-stake-state-investor.yaml`, 'utf8');
const BENIGN = readFileSync(`${ROOT}test/rule-cases/_base.yaml`, 'utf8');
const dirs: string[] = [];

function scratch(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'cdrisk-check-'));
  dirs.push(dir);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

/** `cdrisk check` in-process, in `cwd` (this file runs in a forked pool, where chdir works). */
const check = (cwd: string, args: string[] = [], env: NodeJS.ProcessEnv = {}) => cli(['check', ...args, '--today', TODAY], { cwd, env });
/** The built binary, where worker threads can start. */
const checkBinary = (cwd: string, args: string[] = [], env: NodeJS.ProcessEnv = {}) =>
  runBinary(['check', ...args, '--today', TODAY], { cwd, env });

interface JsonReport {
  results: { file: string; valid: boolean; errors: { message: string }[]; findings: { ruleId: string; accepted: boolean }[] }[];
  summary: { files: number; invalid: number; failed?: number; accepted?: number };
}
const json = (stdout: string) => JSON.parse(stdout) as JsonReport;

/** The acceptance scenario: a benign file, a critical .yml in a subfolder, an mkdocs config and a workflow. */
const REPO = {
  'benign.yaml': BENIGN,
  'partnerships/critical.yml': CRITICAL,
  'mkdocs.yml': 'site_name: City docs\nnav:\n  - index.md\n',
  '.github/workflows/ci.yml': 'on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps: []\n',
  'node_modules/pkg/partner.yaml': CRITICAL.replace('dus-xiamen-port-mou', 'in-node-modules'),
  '.git/partner.yaml': CRITICAL.replace('dus-xiamen-port-mou', 'in-git'),
  'notes/cdrisk-nested.yaml': 'config:\n  cdrisk: 1\n',
};

let repo: string;
let criticalRules: string[];
beforeAll(async () => {
  repo = scratch(REPO);
  const r = await check(repo, ['--format', 'json']);
  if (!r.stdout) throw new Error(`cdrisk check printed nothing (exit ${r.code}): ${r.stderr}`);
  criticalRules = json(r.stdout)
    .results.find((x) => x.file.endsWith('critical.yml'))!
    .findings.map((f) => f.ruleId);
});
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function withAcceptances(expires: string, rules = criticalRules): string {
  const entries = rules
    .map((r) => `  - rule: ${r}\n    reason: Council decision 2026/14\n    approved_by: City Council\n    expires: ${expires}\n`)
    .join('');
  return `${CRITICAL}\naccepted_risks:\n${entries}`;
}

describe('cdrisk check: discovery', () => {
  it('finds exactly the two partnership files and fails on the critical one (default --fail-on high)', async () => {
    const r = await check(repo, ['--format', 'json']);
    expect(r.code).toBe(1);
    expect(json(r.stdout).results.map((x) => x.file)).toEqual(['benign.yaml', 'partnerships/critical.yml']);
    expect(r.stderr).toMatch(
      /cdrisk check: 2 files, 0 invalid; low \d+, medium \d+, high \d+, critical 1; 1 failed \(--fail-on high\); 0 accepted/,
    );
  });

  it('prints what fails and the summary line without --format', async () => {
    const r = await check(repo);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^partnerships\/critical\.yml:\d+: critical: .+ \[state-investor-strategic-infrastructure\]$/m);
    expect(r.stdout.trimEnd().split('\n').pop()).toMatch(/^cdrisk check: 2 files, 0 invalid; .*; 1 failed \(--fail-on high\); 0 accepted$/);
    expect(r.stdout).not.toContain('benign.yaml');
  });

  it('exits 0 with only the benign file, given as a directory or as a file', async () => {
    const only = scratch({ 'benign.yaml': BENIGN, 'mkdocs.yml': REPO['mkdocs.yml'] });
    expect((await check(only)).code).toBe(0);
    expect((await check(repo, ['benign.yaml'])).code).toBe(0);
  });

  it('ignores other YAML given explicitly (as pre-commit passes it)', async () => {
    const r = await check(repo, ['mkdocs.yml', '.github/workflows/ci.yml', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(json(r.stdout).summary.files).toBe(0);
  });

  it('honours .cdriskignore (gitignore syntax)', async () => {
    const dir = scratch({
      ...REPO,
      '.cdriskignore': '# drafts are not gated\npartnerships/\n!partnerships/keep.yml\n',
      'partnerships/keep.yml': BENIGN.replace(/^id: .*$/m, 'id: keep-me'),
    });
    const r = await check(dir, ['--format', 'json']);
    expect(json(r.stdout).results.map((x) => x.file)).toEqual(['benign.yaml']);
    expect(r.code).toBe(0);
    const file = scratch({ ...REPO, '.cdriskignore': '*.yml\n' });
    expect(json((await check(file, ['--format', 'json'])).stdout).results.map((x) => x.file)).toEqual(['benign.yaml']);
  });

  it('does not hang on a symbolic-link loop', async () => {
    const dir = scratch({ 'a/benign.yaml': BENIGN });
    symlinkSync('..', join(dir, 'a', 'loop'));
    symlinkSync(join(dir, 'a'), join(dir, 'a', 'self'));
    const r = await check(dir, ['--format', 'json']);
    expect(r.code).toBe(0);
    expect(json(r.stdout).results.map((x) => x.file)).toEqual(['a/benign.yaml']);
  });

  it('a path that does not exist is an input error (exit 2) that does not stop the others', async () => {
    const r = await check(repo, ['benign.yaml', 'missing-dir', '--format', 'json']);
    expect(r.code).toBe(2);
    const report = json(r.stdout);
    expect(report.results.map((x) => [x.file, x.valid])).toEqual([
      ['benign.yaml', true],
      ['missing-dir', false],
    ]);
  });
});

describe('cdrisk check: accepted risks', () => {
  it('accepting every finding until 2099 gives exit 0, still reported as accepted', async () => {
    const dir = scratch({ 'benign.yaml': BENIGN, 'p/critical.yml': withAcceptances('2099-12-31') });
    const r = await check(dir, ['--format', 'json']);
    expect(r.code).toBe(0);
    const crit = json(r.stdout).results[1];
    expect(crit.findings.every((f) => f.accepted)).toBe(true);
    expect(json(r.stdout).summary.accepted).toBe(criticalRules.length);
  });

  it('the expiry day itself is still covered; the day after is not', async () => {
    expect((await check(scratch({ 'c.yml': withAcceptances(TODAY) }))).code).toBe(0);
    expect((await check(scratch({ 'c.yml': withAcceptances('2026-11-21') }))).code).toBe(1);
  });

  it('acceptances that expired in 2020 count again (exit 1) and stderr says so', async () => {
    const r = await check(scratch({ 'benign.yaml': BENIGN, 'p/critical.yml': withAcceptances('2020-06-30') }));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /warning: p\/critical\.yml: the accepted risk for state-investor-strategic-infrastructure expired on 2020-06-30; the finding counts again/,
    );
  });

  it('an unknown rule id or a malformed date is an error naming file and line (exit 2)', async () => {
    const unknown = await check(scratch({ 'c.yml': withAcceptances('2099-12-31', ['not-a-rule']) }));
    expect(unknown.code).toBe(2);
    expect(unknown.stdout).toMatch(
      /^c\.yml:\d+:\d+: error: accepted_risks\[0\]\.rule: "not-a-rule" is not allowed\. Allowed values: .*state-investor-strategic-infrastructure/m,
    );
    const date = await check(scratch({ 'c.yml': withAcceptances('2099-02-30', criticalRules.slice(0, 1)) }));
    expect(date.code).toBe(2);
    expect(date.stdout).toMatch(/^c\.yml:\d+:\d+: error: accepted_risks\[0\]\.expires: .*not a real calendar date/m);
  });
});

describe('cdrisk check: repository-wide checks', () => {
  it('duplicate partnership ids are an error naming both files (exit 2)', async () => {
    const dir = scratch({ 'a.yaml': BENIGN, 'sub/b.yaml': BENIGN });
    const r = await check(dir, ['--format', 'json']);
    expect(r.code).toBe(2);
    const report = json(r.stdout);
    expect(report.results.map((x) => x.valid)).toEqual([false, false]);
    expect(report.results[0].errors[0].message).toMatch(/duplicate partnership id ".+": also used by sub\/b\.yaml/);
    expect(report.results[1].errors[0].message).toMatch(/also used by a\.yaml/);
  });

  it('management checks fire end to end for an active partnership', async () => {
    const active = CRITICAL.replace('status: proposed', 'status: active\nreview:\n  last: 2013-01-10\n  next: 2026-03-01')
      .replace('country: CN', 'country: RU')
      .replace('id: dus-xiamen-port-mou', 'id: active-one');
    const r = await check(scratch({ 'active.yaml': active }), ['--format', 'json', '--fail-on', 'critical']);
    const ids = json(r.stdout).results[0].findings.map((f) => f.ruleId);
    expect(ids).toEqual(expect.arrayContaining(['review-overdue', 'active-without-exit-clause', 'new-tension-since-review']));
    const reviewed = active
      .replace('last: 2013-01-10\n  next: 2026-03-01', 'last: 2026-10-01\n  next: 2027-10-01')
      .replace('exit_clause: false', 'exit_clause: true');
    const quiet = json((await check(scratch({ 'active.yaml': reviewed }), ['--format', 'json'])).stdout).results[0].findings.map(
      (f) => f.ruleId,
    );
    expect(quiet).not.toContain('review-overdue');
    expect(quiet).not.toContain('active-without-exit-clause');
    expect(quiet).not.toContain('new-tension-since-review');
  });
});

describe('cdrisk check --format json', () => {
  it('streams the same bytes as assess gives for the same files, also when ids are shared', async () => {
    const streamed = await check(repo, ['--format', 'json', '--fail-on', 'high']);
    const whole = await cli(
      ['assess', 'benign.yaml', 'partnerships/critical.yml', '--format', 'json', '--fail-on', 'high', '--today', TODAY],
      { cwd: repo },
    );
    expect(streamed.stdout).toBe(whole.stdout);
    const dir = scratch({ 'a.yaml': CRITICAL, 'b.yaml': BENIGN, 'c.yaml': CRITICAL });
    const dup = await check(dir, ['--format', 'json']);
    expect(dup.code).toBe(2);
    // check fails on high by default.
    const dupWhole = await cli(['assess', 'a.yaml', 'b.yaml', 'c.yaml', '--format', 'json', '--fail-on', 'high', '--today', TODAY], {
      cwd: dir,
    });
    expect(dup.stdout).toBe(dupWhole.stdout);
    expect(json(dup.stdout).summary.invalid).toBe(2);
  });
});

describe('cdrisk check: CI outputs', () => {
  it('GITHUB_ACTIONS=true adds annotations naming the critical file', async () => {
    const r = await check(repo, [], { GITHUB_ACTIONS: 'true' });
    expect(r.stdout).toMatch(/^::error file=partnerships\/critical\.yml,line=\d+,title=.+::.+$/m);
    expect((await check(repo)).stdout).not.toContain('::error');
  });

  it('with the report on stdout, annotations go to stderr so the SARIF stays parseable', async () => {
    const r = await check(repo, ['--format', 'sarif'], { GITHUB_ACTIONS: 'true' });
    const sarif = JSON.parse(r.stdout) as { version: string; runs: { results: unknown[] }[] };
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].results.length).toBeGreaterThan(0);
    expect(r.stderr).toMatch(/^::error file=partnerships\/critical\.yml/m);
  });

  it('--format junit gives one testcase per partnership file', async () => {
    const r = await check(repo, ['--format', 'junit']);
    expect([...r.stdout.matchAll(/<testcase /g)]).toHaveLength(2);
  });

  it('--step-summary appends a markdown summary', async () => {
    const dir = scratch({ 'benign.yaml': BENIGN, 'p/critical.yml': CRITICAL });
    const file = join(dir, 'summary.md');
    writeFileSync(file, 'earlier step\n');
    await check(dir, ['--step-summary', file]);
    const md = readFileSync(file, 'utf8');
    expect(md.startsWith('earlier step\n## cdrisk check\n')).toBe(true);
    expect(md).toMatch(/\| 2 \| 0 \| \d+ \| \d+ \| \d+ \| 1 \| 1 \| 0 \|/);
    expect(md).toMatch(/\| `p\/critical\.yml`:\d+ \| critical \|/);
  });
});

describe('cdrisk check: worker threads', () => {
  it('gives byte-identical output on one thread and on several', async () => {
    const { generateCorpus } = await import('./bench-data/generate.mjs');
    const dir = mkdtempSync(join(tmpdir(), 'cdrisk-pool-'));
    dirs.push(dir);
    generateCorpus(dir, 450, JSON.parse(readFileSync(`${ROOT}dist/rules.json`, 'utf8')));
    const one = checkBinary(dir, ['--format', 'sarif'], { CDRISK_THREADS: '1' });
    const two = checkBinary(dir, ['--format', 'sarif'], { CDRISK_THREADS: '2' });
    const auto = checkBinary(dir, ['--format', 'sarif']);
    expect(one.code).toBe(1);
    expect(two.stdout).toBe(one.stdout);
    expect(auto.stdout).toBe(one.stdout);
    expect(two.stderr).toBe(one.stderr);
  }, 60_000);

  it('the json report and the default listing, which workers write to spill files of their own, match too, with a shared id', async () => {
    const { generateCorpus } = await import('./bench-data/generate.mjs');
    const dir = mkdtempSync(join(tmpdir(), 'cdrisk-pool-'));
    dirs.push(dir);
    generateCorpus(dir, 450, JSON.parse(readFileSync(`${ROOT}dist/rules.json`, 'utf8')));
    // The first file and one far from it (in another worker's batch) share an id: both become invalid at the end.
    const first = join(dir, 'group-000', 'partnership-000000.yaml');
    const far = join(dir, 'group-000', 'partnership-000420.yaml');
    const id = /^id: (.*)$/m.exec(readFileSync(first, 'utf8'))![1];
    writeFileSync(far, readFileSync(far, 'utf8').replace(/^id: .*$/m, `id: ${id}`));
    for (const args of [['--format', 'json'], []]) {
      const one = checkBinary(dir, args, { CDRISK_THREADS: '1' });
      const two = checkBinary(dir, args, { CDRISK_THREADS: '2' });
      expect(one.code).toBe(2);
      expect(two.stdout).toBe(one.stdout);
      expect(two.stderr).toBe(one.stderr);
    }
    const report = json(checkBinary(dir, ['--format', 'json'], { CDRISK_THREADS: '2' }).stdout);
    expect(report.results.filter((r) => r.errors.some((e) => e.message.startsWith(`duplicate partnership id "${id}"`)))).toHaveLength(2);
  }, 120_000);
});
