// End-to-end tests of the built binary: `node bin/cdrisk.js`, as a user runs it.
// `npm test` builds first (pretest); run `npm run build` before running this file alone.
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { BUNDLE, runBinary } from './helpers/cli.js';
import { ROOT, TODAY } from './helpers/engine.js';

const CRITICAL = 'fixtures/port-stake-state-investor.yaml';
const LOW = 'fixtures/cultural-exchange-liberal-democracies.yaml';
const ESC = '\u001b[';
const fixtures = readdirSync(`${ROOT}fixtures`)
  .filter((f) => f.endsWith('.yaml'))
  .sort();
let tmp: string;
let bad: string;

beforeAll(() => {
  if (!existsSync(BUNDLE)) throw new Error('dist/cdrisk.js is missing: run `npm run build` first (npm test does it in pretest)');
  const newestSource = Math.max(...readdirSync(`${ROOT}rules/packs`).map((f) => statSync(`${ROOT}rules/packs/${f}`).mtimeMs));
  if (statSync(BUNDLE).mtimeMs < newestSource - 1000)
    console.warn('warning: dist/cdrisk.js is older than rules/packs: run `npm run build`');
  tmp = mkdtempSync(join(tmpdir(), 'cdrisk-e2e-'));
  bad = join(tmp, 'bad.yaml');
  writeFileSync(
    bad,
    [
      'cdrisk: 1',
      'id: bad-one',
      'title: A file with two mistakes',
      'city: { name: Lyon, country: FR }',
      'partner:',
      '  name: Y',
      '  country: DE',
      '  type: city-hall',
      '  identiy_verified: true',
      '',
    ].join('\n'),
  );
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const assess = (files: string[], extra: string[] = [], env: NodeJS.ProcessEnv = {}) =>
  runBinary(['assess', ...files, '--today', TODAY, ...extra], { env });

describe('exit codes', () => {
  it('0 for a critical file without --fail-on', () => {
    const r = assess([CRITICAL], ['--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).results[0].level).toBe('critical');
  });
  it('1 for a critical file with --fail-on high', () => {
    const r = assess([CRITICAL], ['--fail-on', 'high', '--format', 'json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).summary.failed).toBe(1);
  });
  it('0 for a low file with --fail-on medium', () => {
    expect(assess([LOW], ['--fail-on', 'medium']).code).toBe(0);
  });
  it('2 for an invalid file next to a good one, and the good one is still reported', () => {
    const r = assess([bad, CRITICAL], ['--format', 'json', '--fail-on', 'high']);
    expect(r.code).toBe(2);
    const report = JSON.parse(r.stdout) as {
      results: { file: string; valid: boolean; level: string | null }[];
      summary: { invalid: number };
    };
    expect(report.summary.invalid).toBe(1);
    const good = report.results.find((x) => x.file === CRITICAL);
    expect(good).toMatchObject({ valid: true, level: 'critical' });
    expect(report.results.find((x) => x.file === bad)?.valid).toBe(false);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });
  it('2 for a usage error, with a message and no stack trace', () => {
    const r = runBinary(['assess', CRITICAL, '--fail-on', 'severe']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/low, medium, high, critical/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('loader errors', () => {
  it('name file, line and column, with the allowed values and a did-you-mean', () => {
    const r = assess([bad]);
    expect(r.code).toBe(2);
    const text = r.stdout + r.stderr;
    expect(text).toContain(`${bad}:8:9`);
    expect(text).toMatch(/local-government/);
    expect(text).toContain(`${bad}:9:3`);
    expect(text).toMatch(/did you mean "identity_verified"/);
  });
  it('carry line and column in JSON', () => {
    const errors = JSON.parse(assess([bad], ['--format', 'json']).stdout).results[0].errors as {
      path: string;
      line: number;
      column: number;
    }[];
    expect(errors.map((e) => [e.path, e.line, e.column])).toEqual([
      ['partner.type', 8, 9],
      ['partner.identiy_verified', 9, 3],
    ]);
  });
});

describe('--output', () => {
  it('writes the report to the file and nothing to stdout', () => {
    const out = join(tmp, 'report.json');
    const r = assess([CRITICAL], ['--format', 'json', '--output', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(readFileSync(out, 'utf8')).toBe(readFileSync(`${ROOT}test/golden/port-stake-state-investor.json`, 'utf8'));
  });
  it('never writes colour into a file', () => {
    const out = join(tmp, 'report.txt');
    expect(assess([CRITICAL], ['--output', out], { FORCE_COLOR: '1' }).code).toBe(0);
    const text = readFileSync(out, 'utf8');
    expect(text).toMatch(/CRITICAL/i);
    expect(text).not.toContain(ESC);
  });
});

describe('colour', () => {
  it('is on when forced (so the checks below can fail)', () => {
    expect(assess([CRITICAL], [], { FORCE_COLOR: '1' }).stdout).toContain(ESC);
  });
  it('is off when piped', () => {
    const r = assess([CRITICAL]);
    expect(r.stdout).toMatch(/CRITICAL/i);
    expect(r.stdout + r.stderr).not.toContain(ESC);
  });
  it('is off with NO_COLOR, even when forced', () => {
    const r = assess([CRITICAL, bad], [], { NO_COLOR: '1', FORCE_COLOR: '1' });
    expect(r.stdout + r.stderr).not.toContain(ESC);
  });
});

describe('rules', () => {
  const ruleIds = (JSON.parse(readFileSync(`${ROOT}dist/rules.json`, 'utf8')) as { rules: { id: string }[] }).rules.map((r) => r.id);
  it('list names every rule', () => {
    const r = runBinary(['rules', 'list']);
    expect(r.code).toBe(0);
    for (const id of ruleIds) expect(r.stdout).toContain(id);
  });
  it('show prints one rule with its scenario, stakeholders and source', () => {
    const r = runBinary(['rules', 'show', 'foreign-policy-endorsement']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Adversarial Proxy Foreign Policy/);
    expect(r.stdout).toMatch(/gov/);
    expect(r.stdout).toMatch(/Foreign Relations/);
  });
  it('show of an unknown id is a usage error', () => {
    const r = runBinary(['rules', 'show', 'no-such-rule']);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('schema', () => {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  it('prints a JSON Schema that accepts every fixture and rejects a typo', () => {
    const r = runBinary(['schema']);
    expect(r.code).toBe(0);
    const schema = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    const validate = ajv.compile(schema);
    for (const f of fixtures) {
      const doc = parse(readFileSync(`${ROOT}fixtures/${f}`, 'utf8')) as Record<string, unknown>;
      expect(validate(doc), `${f}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
    const typo = parse(readFileSync(bad, 'utf8')) as Record<string, unknown>;
    expect(validate(typo)).toBe(false);
  });
  it('--report prints the report schema, which accepts a report with an invalid file', () => {
    const r = runBinary(['schema', '--report']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(readFileSync(`${ROOT}schema/report.schema.json`, 'utf8'));
    const validate = new Ajv2020({ strict: true, allErrors: true }).compile(JSON.parse(r.stdout) as object);
    const report = JSON.parse(assess([bad, CRITICAL, LOW], ['--format', 'json', '--fail-on', 'high']).stdout) as unknown;
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
  });
});
