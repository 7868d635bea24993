// The conclusions the public record supports, for the shipped fixtures and for
// outsider-style variants of them (test/held-out/: minimal fields, country
// names and alpha-3 codes). The golden files pin every byte; these tests say
// which parts of a report matter and why.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { assessYaml, engine, ROOT } from './helpers/engine.js';
import { levelRank, type Level } from '../src/shared/levels.js';
import type { FileResult } from '../src/report/types.js';

const assessFile = (rel: string): FileResult => assessYaml(readFileSync(`${ROOT}${rel}`, 'utf8'), rel);
const atLeast = (r: FileResult, level: Level) => levelRank(r.level!) >= levelRank(level);
const scenarios = (r: FileResult) => new Set(r.findings.map((f) => f.scenario));
const categories = (r: FileResult) => new Set(r.findings.map((f) => f.category));

const both = (fixture: string, variant: string) => [`fixtures/${fixture}.yaml`, `test/held-out/${variant}.yaml`];

describe('(a) twinning in a closed autocracy that commits the city to a foreign-policy position', () => {
  it.each(both('twinning-one-china-clause', 'one-china-minimal'))('%s: at least high, escalate, gov consulted', (file) => {
    const r = assessFile(file);
    expect(atLeast(r, 'high')).toBe(true);
    expect(r.foresight?.recommendation).toBe('escalate');
    expect(r.stakeholders.map((s) => s.code)).toContain('gov');
    expect(r.findings.map((f) => f.ruleId)).toContain('foreign-policy-endorsement');
  });
});

describe('(b) a state-owned investor takes a stake in a port terminal', () => {
  it.each(['fixtures/port-stake-state-investor.yaml', 'test/held-out/port-stake-minimal.yaml'])('%s is critical', (file) => {
    const r = assessFile(file);
    expect(r.level).toBe('critical');
    expect(r.findings.find((f) => f.ruleId === 'state-investor-strategic-infrastructure')?.residual.level).toBe('critical');
  });
});

describe('(c) an unverifiable partner reached through an intermediary', () => {
  it.each(both('fake-sister-city-intermediary', 'intermediary-minimal'))(
    '%s is a non-genuine partnership that stops the process',
    (file) => {
      const r = assessFile(file);
      expect(scenarios(r)).toContain('non-genuine-partnership');
      expect(r.foresight?.recommendation).toBe('do-not-proceed');
    },
  );
});

describe('(d) verified cultural exchange between two liberal democracies', () => {
  it.each(both('cultural-exchange-liberal-democracies', 'cultural-exchange-minimal'))('%s is low and proceed', (file) => {
    const r = assessFile(file);
    expect(r.level).toBe('low');
    expect(r.foresight?.recommendation).toBe('proceed');
  });
  it.each(['fixtures/climate-network-membership.yaml', 'fixtures/development-partnership-ghana.yaml'])(
    'benign %s is low and proceed',
    (file) => {
      const r = assessFile(file);
      expect(r.findings).toEqual([]);
      expect(r.foresight?.recommendation).toBe('proceed');
    },
  );
});

describe('(e) a costly council trip with no stated outcomes', () => {
  it.each(both('council-trip-property-fair', 'council-trip-minimal'))(
    '%s is questioned for cost and impact, with no geopolitical finding',
    (file) => {
      const r = assessFile(file);
      expect(scenarios(r)).toContain('cost-and-impact-questioned');
      expect(r.findings.map((f) => f.ruleId)).toEqual(expect.arrayContaining(['no-local-outcomes', 'travel-footprint']));
      expect(categories(r)).not.toContain('geopolitical');
    },
  );
});

describe('(f) an active partnership with a Russian city, review overdue, no exit clause', () => {
  it.each(both('russian-twinning-active', 'russian-twinning-minimal'))('%s: the management section flags it', (file) => {
    const r = assessFile(file);
    const ids = r.findings.map((f) => f.ruleId);
    expect(ids).toEqual(expect.arrayContaining(['armed-conflict-or-sanctions', 'active-without-exit-clause']));
    // A review date in the past is overdue; no review date at all is an unknown review plan (a gap).
    if (r.gaps.some((g) => g.path === 'review.next')) expect(ids).not.toContain('review-overdue');
    else expect(ids).toContain('review-overdue');
    const geo = r.management?.categories.find((c) => c.id === 'geopolitical');
    expect(geo?.level).toBe('critical');
    // Disengage when no measure is left; otherwise the measures that remain are listed.
    if (r.foresight?.recommendation !== 'disengage') expect(geo?.available.length).toBeGreaterThan(0);
  });
  it('a running partnership with a sanctioned partner is disengage', () => {
    const r = assessFile('fixtures/sanctioned-partner-active.yaml');
    expect(r.foresight?.recommendation).toBe('disengage');
    expect(r.management?.categories.find((c) => c.id === 'geopolitical')?.stop).toBe(true);
  });
});

describe('(g) Japan-South Korea twinning', () => {
  it.each(both('japan-korea-twinning', 'japan-korea-minimal'))('%s has the lasting historical dispute on record', (file) => {
    const r = assessFile(file);
    const f = r.findings.find((x) => x.ruleId === 'lasting-dispute');
    expect(f).toBeDefined();
    expect(f!.evidence.some((e) => /historical-dispute/.test(e.note ?? ''))).toBe(true);
    expect(atLeast(r, 'medium')).toBe(true);
    expect(r.foresight?.recommendation).not.toBe('do-not-proceed');
  });
});

describe('the fixtures together', () => {
  it('fire all seven scenarios of the matrix', () => {
    const files = readdirSync(`${ROOT}fixtures`).filter((f) => f.endsWith('.yaml'));
    expect(files.length).toBeGreaterThanOrEqual(10);
    const fired = new Set(files.flatMap((f) => [...scenarios(assessFile(`fixtures/${f}`))]));
    const all = Object.keys(engine().rules.matrix.scenarios);
    expect([...fired].sort()).toEqual(all.sort());
  });
});
