import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from './helpers/cli.js';
import { ROOT } from './helpers/engine.js';

const PACKS = `${ROOT}fixtures/rule-packs`;
const BASE = `${ROOT}test/rule-cases/_base.yaml`;
const TODAY = ['--today', '2026-11-22'];

/** Each bad pack: the file, line and column, and what the message must say. */
const BAD: Record<string, [file: string, line: number, column: number, message: RegExp]> = {
  'unknown-field': ['pack.yaml', 12, 19, /rule city-large-commitment: "agreement.budget_eur" is not a field of the partnership format/],
  'unknown-scenario': ['pack.yaml', 6, 15, /unknown scenario "cost-questioned" \(known: adversarial-proxy-foreign-policy, /],
  'unknown-impact': ['pack.yaml', 7, 37, /unknown impact "bad-press"/],
  'unknown-stakeholder': ['pack.yaml', 17, 25, /unknown stakeholder "mayor" \(known: gov, nac, aca, civ, com, med, pcc\)/],
  'unknown-mitigation': ['pack.yaml', 21, 35, /unknown mitigation "pray"/],
  'unknown-source': ['pack.yaml', 22, 31, /unknown source "my-blog"/],
  'weight-out-of-range': ['pack.yaml', 14, 13, /rules\[0\]\.likelihood\.base: 7 is out of range: must be at most 5/],
  'modifier-out-of-range': ['pack.yaml', 17, 16, /modifiers\[0\]\.add: 9 is out of range: must be at most 4/],
  'unknown-function': ['pack.yaml', 12, 17, /unknown function "partner-is-evil" \(known: .*tension/],
  'bad-function-options': ['pack.yaml', 12, 32, /options of tension: min_severity: /],
  'unknown-enum-value': ['pack.yaml', 12, 38, /"local-goverment" is not a value of partner.type \(allowed: local-government, /],
  'unknown-rule-key': ['pack.yaml', 20, 5, /unknown key "recomendation": did you mean "recommendation"\?/],
  'malformed-yaml': ['pack.yaml', 23, 1, /YAML syntax error: Missing closing "quote/],
  'duplicate-key': ['pack.yaml', 8, 5, /duplicate key/],
  'tab-indent': ['pack.yaml', 7, 1, /tab used for indentation/],
  'bad-tension-country': ['tensions.yaml', 5, 19, /tensions\[0\]\.between\[1\]: "Germany"/],
  'unknown-tension-type': ['tensions.yaml', 6, 11, /tensions\[0\]\.type: unknown tension type "cold-war" \(known: armed-conflict, /],
  'unknown-declared-severity': ['tensions.yaml', 3, 20, /declared_severity: unknown tension severity "grave" \(known: low, medium, high\)/],
  'unknown-regime-option': ['pack.yaml', 12, 39, /options of country-regime: unknown regime class "autocracy" \(known: closed-autocracy, /],
  'not-a-rule-file': ['notes.yaml', 1, 1, /not a rule file: a rule pack has a top-level "pack:" key/],
};

const tmp = mkdtempSync(join(tmpdir(), 'cdrisk-packs-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('a bad --rules pack is a located error at load, exit 2', () => {
  for (const [dir, [file, line, column, message]] of Object.entries(BAD)) {
    it(dir, async () => {
      const packDir = relative(process.cwd(), join(PACKS, dir));
      const r = await cli(['assess', BASE, '--rules', packDir, ...TODAY]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      const first = r.stderr.split('\n')[0];
      expect(first.startsWith(`cdrisk: ${join(packDir, file)}:${line}:${column}: `)).toBe(true);
      expect(first).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(r.stderr).not.toMatch(/internal error/);
    });
  }

  it('a rule file that cannot be read, and a packs/ that is a file', async () => {
    const a = join(tmp, 'dir-named-yaml');
    mkdirSync(join(a, 'x.yaml'), { recursive: true });
    const r1 = await cli(['assess', BASE, '--rules', a, ...TODAY]);
    expect(r1.code).toBe(2);
    expect(r1.stderr).toMatch(/x\.yaml: cannot read rule file: it is a directory/);
    const b = join(tmp, 'packs-file');
    mkdirSync(b);
    writeFileSync(join(b, 'packs'), 'not a folder');
    const r2 = await cli(['assess', BASE, '--rules', b, ...TODAY]);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toMatch(/cannot read rule packs folder .*packs: it is a file, not a directory/);
    const c = join(tmp, 'broken-link');
    mkdirSync(c);
    symlinkSync('nowhere.yaml', join(c, 'gone.yaml'));
    const r3 = await cli(['assess', BASE, '--rules', c, ...TODAY]);
    expect(r3.code).toBe(2);
    expect(r3.stderr).toMatch(/gone\.yaml: cannot read rule file: it does not exist/);
    const r4 = await cli(['assess', BASE, '--rules', join(tmp, 'no-such-dir'), ...TODAY]);
    expect(r4.code).toBe(2);
    expect(r4.stderr).toMatch(/cannot read rules directory .*: it does not exist/);
  });
});

describe('a good --rules pack changes the results', () => {
  const findings = async (args: string[]) => {
    const r = await cli(['assess', BASE, '--format', 'json', ...TODAY, ...args]);
    expect(r.code).toBe(0);
    return JSON.parse(r.stdout).results[0].findings.map((f: { ruleId: string }) => f.ruleId) as string[];
  };

  it('adds its rule and its tension', async () => {
    const without = await findings([]);
    expect(without).not.toContain('city-large-commitment');
    expect(without).not.toContain('lasting-dispute');
    const withPack = await findings(['--rules', join(PACKS, 'good')]);
    // The extra rule fires on the base's 20000 EUR commitment.
    expect(withPack).toContain('city-large-commitment');
    // The tensions override puts FR and DE in a dispute, which a built-in rule reads.
    expect(withPack).toContain('lasting-dispute');
    const rules = await cli(['rules', 'show', 'city-large-commitment', '--rules', join(PACKS, 'good')]);
    expect(rules.code).toBe(0);
    expect(rules.stdout).toContain('council');
  });
});
