import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { formatSarif, INVALID_FILE_RULE } from '../../src/formatters/sarif.js';
import { ROOT } from '../helpers/engine.js';
import { ciOptions, ciReport } from './ci-report.js';
import { expectGolden } from '../helpers/golden.js';

interface SarifResult {
  ruleId: string;
  ruleIndex?: number;
  level: string;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn?: number } } }[];
  partialFingerprints: Record<string, string>;
  suppressions?: { kind: string; status: string; justification: string }[];
}
interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string };
  helpUri?: string;
}
interface Sarif {
  version: string;
  runs: { tool: { driver: { name: string; rules: SarifRule[] } }; results: SarifResult[] }[];
}

const schema = JSON.parse(readFileSync(`${ROOT}test/vendor/sarif-schema-2.1.0.json`, 'utf8')) as object;
const ajv = new Ajv({ allErrors: true, strict: false });
(addFormats as unknown as (a: Ajv) => void)(ajv);
const validate = ajv.compile(schema);

describe('sarif format', () => {
  const text = formatSarif(ciReport(), ciOptions());
  const sarif = JSON.parse(text) as Sarif;
  const run = sarif.runs[0];

  it('is valid against the SARIF 2.1.0 JSON schema', () => {
    const ok = validate(sarif);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('the schema rejects what code scanning rejects (so the check above can fail)', () => {
    const bad = structuredClone(sarif);
    bad.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0;
    expect(validate(bad)).toBe(false);
    const noVersion = { ...sarif, version: '2.0.0' };
    expect(validate(noVersion)).toBe(false);
  });

  it('has one run, version 2.1.0, and every rule once with id, name, descriptions and help', () => {
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs).toHaveLength(1);
    const ids = run.tool.driver.rules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    const catalogue = ciOptions().rules.rules.map((r) => r.id);
    // Each obligation of rules/obligations/ is a rule of the run too.
    const obligations = ciOptions().rules.obligations.flatMap((pack) => pack.obligations.map((o) => o.id));
    expect([...ids].sort()).toEqual([...catalogue, ...obligations, INVALID_FILE_RULE].sort());
    for (const r of run.tool.driver.rules) {
      expect(r.name).toMatch(/^[A-Z][A-Za-z0-9]+$/);
      expect(r.shortDescription.text.length).toBeGreaterThan(0);
      expect(r.fullDescription.text.length).toBeGreaterThan(0);
      expect(r.help.text.length).toBeGreaterThan(0);
      // package.json has no homepage: no invented URL.
      expect(r.helpUri).toBeUndefined();
    }
  });

  it('results carry a rule that exists, a relative forward-slash URI and a start line of at least 1', () => {
    expect(run.results.length).toBeGreaterThan(3);
    for (const r of run.results) {
      expect(run.tool.driver.rules[r.ruleIndex!].id).toBe(r.ruleId);
      const loc = r.locations[0].physicalLocation;
      expect(loc.artifactLocation.uri).not.toMatch(/^\/|\\|^[a-z]+:/i);
      expect(loc.region.startLine).toBeGreaterThanOrEqual(1);
      expect(Object.values(r.partialFingerprints)[0]).toMatch(/^[0-9a-f]{32}$/);
    }
    const uris = new Set(run.results.map((r) => r.locations[0].physicalLocation.artifactLocation.uri));
    // The benign file has no finding, so no result.
    expect(uris).toEqual(new Set(['partnerships/sub%20dir/dus-xiamen.yml', 'partnerships/bad%2550%2Cx.yaml']));
  });

  it('maps levels, locates findings at their evidence and reports invalid files at their line', () => {
    const invalid = run.results.find((r) => r.ruleId === INVALID_FILE_RULE)!;
    expect(invalid.level).toBe('error');
    expect(invalid.locations[0].physicalLocation.region).toEqual({ startLine: 12, startColumn: 9 });
    const investor = run.results.find((r) => r.ruleId === 'state-investor-strategic-infrastructure')!;
    expect(investor.level).toBe('error');
    expect(investor.locations[0].physicalLocation.region.startLine).toBeGreaterThan(30);
  });

  it('marks accepted findings with an accepted external suppression carrying the justification', () => {
    const accepted = run.results.filter((r) => r.suppressions);
    expect(accepted.map((r) => r.ruleId)).toEqual(['partner-rights-record']);
    expect(accepted[0].suppressions![0]).toMatchObject({ kind: 'external', status: 'accepted' });
    expect(accepted[0].suppressions![0].justification).toContain('2099-12-31');
  });

  it('matches its golden exactly, and its fingerprints do not depend on line numbers', () => {
    expectGolden(text, 'test/golden-formats/ci-report.sarif');
    const shifted = ciReport();
    for (const r of shifted.results) for (const f of r.findings) for (const e of f.evidence) if (e.line) e.line += 5;
    const again = JSON.parse(formatSarif(shifted, ciOptions())) as Sarif;
    expect(again.runs[0].results.map((r) => r.partialFingerprints)).toEqual(run.results.map((r) => r.partialFingerprints));
  });
});
