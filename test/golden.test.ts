// Golden JSON reports for every fixture. Regenerate after an intended change:
//   UPDATE_GOLDEN=1 npx vitest run test/golden.test.ts
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parse, stringify } from 'yaml';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { cli, runBinary } from './helpers/cli.js';
import { assessYaml, ROOT, TODAY } from './helpers/engine.js';
import { deepMerge, type Json } from './helpers/merge.js';
import { levelRank } from '../src/shared/levels.js';

const UPDATE = process.env.UPDATE_GOLDEN === '1';
const HINT = 'if the change is intended, run UPDATE_GOLDEN=1 npx vitest run test/golden.test.ts and review the diff';
const fixtures = readdirSync(`${ROOT}fixtures`)
  .filter((f) => f.endsWith('.yaml'))
  .sort();
const goldenPath = (f: string) => `${ROOT}test/golden/${f.replace(/\.yaml$/, '.json')}`;
const args = (f: string) => ['assess', `fixtures/${f}`, '--format', 'json', '--today', TODAY];

describe('golden JSON reports (in-process, from source)', () => {
  it('there is a golden file for every fixture and none for a fixture that is gone', () => {
    const goldens = readdirSync(`${ROOT}test/golden`)
      .filter((f) => f.endsWith('.json'))
      .sort();
    if (!UPDATE) expect(goldens, HINT).toEqual(fixtures.map((f) => f.replace(/\.yaml$/, '.json')));
  });

  it.each(fixtures)('%s', async (f) => {
    const { code, stdout, stderr } = await cli(args(f));
    expect(stderr).toBe('');
    expect(code).toBe(0);
    if (UPDATE) writeFileSync(goldenPath(f), stdout);
    expect(existsSync(goldenPath(f)), `no golden for ${f}: ${HINT}`).toBe(true);
    expect(stdout, HINT).toBe(readFileSync(goldenPath(f), 'utf8'));
  });

  it('the same input gives the same bytes, twice in a row', async () => {
    const all = fixtures.map((f) => `fixtures/${f}`);
    const first = await cli(['assess', ...all, '--format', 'json', '--today', TODAY]);
    const second = await cli(['assess', ...[...all].reverse(), '--format', 'json', '--today', TODAY]);
    expect(first.stdout.length).toBeGreaterThan(1000);
    expect(second.stdout).toBe(first.stdout);
  });
});

describe('golden JSON reports (the built binary)', () => {
  // One process for all fixtures: each result must equal the one in its golden (the bundle and the source agree).
  const all = fixtures.map((f) => `fixtures/${f}`);
  it('every fixture, in one run', () => {
    const r = runBinary(['assess', ...all, '--format', 'json', '--today', TODAY]);
    expect(r.code).toBe(0);
    const results = (JSON.parse(r.stdout) as { results: unknown[] }).results;
    expect(results).toHaveLength(fixtures.length);
    fixtures.forEach((f, k) => {
      const golden = (JSON.parse(readFileSync(goldenPath(f), 'utf8')) as { results: unknown[] }).results[0];
      expect(results[k], `the bundle and the source disagree on ${f}: rebuild (npm run build), then ${HINT}`).toEqual(golden);
    });
  });

  it('one fixture byte for byte, and two runs of the binary are byte-identical', () => {
    const one = runBinary(args(fixtures[0]));
    expect(one.stdout).toBe(readFileSync(goldenPath(fixtures[0]), 'utf8'));
    const a = runBinary(['assess', ...all, '--format', 'json', '--today', TODAY]);
    const b = runBinary(['assess', ...all, '--format', 'json', '--today', TODAY]);
    expect(a.stdout).toBe(b.stdout);
    expect(a.stdout).not.toMatch(new RegExp(ROOT.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  });
});

describe('the report schema', () => {
  const schema = JSON.parse(readFileSync(`${ROOT}schema/report.schema.json`, 'utf8')) as object;
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  const validate = ajv.compile(schema);
  it.each(fixtures)('accepts the golden report of %s', (f) => {
    const ok = validate(JSON.parse(readFileSync(goldenPath(f), 'utf8')));
    expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
    expect(ok).toBe(true);
  });
  it('rejects a report with an unknown field or a wrong level', () => {
    const good = JSON.parse(readFileSync(goldenPath(fixtures[0]), 'utf8')) as { results: Record<string, unknown>[] };
    expect(validate({ ...good, extra: 1 })).toBe(false);
    expect(validate({ ...good, results: [{ ...good.results[0], level: 'severe' }] })).toBe(false);
  });
});

describe('more risk never scores lower', () => {
  const STAKE: Json = { investment: { investor_type: 'state-owned', sectors: ['ports'] } };
  const docs = fixtures.map((f) => ({ f, doc: parse(readFileSync(`${ROOT}fixtures/${f}`, 'utf8')) as Json }));
  const level = (doc: Json, name: string) => levelRank(assessYaml(stringify(doc), name).level!);

  it.each(docs)('adding a state-owned stake in a port never lowers the level of $f', ({ f, doc }) => {
    expect(level(deepMerge(doc, STAKE), f)).toBeGreaterThanOrEqual(level(doc, f));
  });

  it('nor for any fixture with any of its optional sections left out', () => {
    const optional = [
      'status',
      'review',
      'agreement',
      'activities',
      'investment',
      'local_actors',
      'context',
      'cost_and_impact',
      'stakeholders_consulted',
      'mitigations',
    ];
    fc.assert(
      fc.property(fc.constantFrom(...docs), fc.subarray(optional), ({ f, doc }, drop) => {
        const thinned = deepMerge(doc, Object.fromEntries(drop.map((k) => [k, null])));
        expect(level(deepMerge(thinned, STAKE), f)).toBeGreaterThanOrEqual(level(thinned, f));
      }),
      { numRuns: 60, seed: 20261122 },
    );
  });
});
