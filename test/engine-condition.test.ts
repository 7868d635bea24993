// The condition engine's three-valued (Kleene) logic: a missing fact makes a
// condition unknown, never false, and an unknown rule becomes an information gap.
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readFileSync } from 'node:fs';
import { evaluate } from '../src/engine/condition.js';
import { factsOf } from '../src/engine/normalise.js';
import type { Condition } from '../src/rules/condition.js';
import { assessDoc, engine, parsePartnership, partnershipFrom, ROOT } from './helpers/engine.js';
import type { Json } from './helpers/merge.js';
import { createContext } from '../src/engine/context.js';
import { readSourceRuleSet } from '../src/cli/rule-files.js';

const ctx = engine();
// Conditions read the partnership as the engine does (factsOf: `investment: none` is no section, left out is unknown).
const truth = (cond: Condition, patch: Json = {}) => evaluate(cond, factsOf(parsePartnership(partnershipFrom(patch))), ctx).truth;

// Three leaves with a known answer on the base partnership.
const T: Condition = { path: 'agreement.exit_clause', is: true };
const F: Condition = { path: 'partner.sanctioned', is: true };
const UNK: Condition = { path: 'investment.investor_type', equals: 'state-owned' }; // the base says investment: none

describe('leaves on the base partnership', () => {
  it('true, false and unknown leaves', () => {
    expect(truth(T)).toBe('true');
    expect(truth(F)).toBe('false');
    expect(truth(UNK)).toBe('unknown');
  });
});

describe('all / any / not with unknown', () => {
  const table: [string, Condition, string][] = [
    ['all(true, true)', { all: [T, T] }, 'true'],
    ['all(true, unknown)', { all: [T, UNK] }, 'unknown'],
    ['all(false, unknown)', { all: [F, UNK] }, 'false'],
    ['all(unknown, unknown)', { all: [UNK, UNK] }, 'unknown'],
    ['any(false, false)', { any: [F, F] }, 'false'],
    ['any(false, unknown)', { any: [F, UNK] }, 'unknown'],
    ['any(true, unknown)', { any: [UNK, T] }, 'true'],
    ['not(true)', { not: T }, 'false'],
    ['not(false)', { not: F }, 'true'],
    ['not(unknown)', { not: UNK }, 'unknown'],
    ['not(all(true, unknown))', { not: { all: [T, UNK] } }, 'unknown'],
    ['any(not(false), unknown)', { any: [{ not: F }, UNK] }, 'true'],
  ];
  it.each(table)('%s is %s', (_name, cond, expected) => {
    expect(truth(cond)).toBe(expected);
  });

  it('an unknown outcome names the path pattern that was missing', () => {
    const o = evaluate({ all: [T, UNK] }, parsePartnership(partnershipFrom({})), ctx);
    expect(o.unknown).toEqual(['investment']);
  });
});

describe('the missing policy', () => {
  const absent = { cost_and_impact: { local_outcomes: null } };
  it('by default a missing field is unknown', () => {
    expect(truth({ path: 'cost_and_impact.local_outcomes', empty: true }, absent)).toBe('unknown');
  });
  it('missing: "true" counts an absent field as satisfying the predicate', () => {
    expect(truth({ path: 'cost_and_impact.local_outcomes', empty: true, missing: 'true' }, absent)).toBe('true');
  });
  it('missing: "false" counts it as not satisfying', () => {
    expect(truth({ path: 'cost_and_impact.local_outcomes', empty: true, missing: 'false' }, absent)).toBe('false');
  });
  it('the policy only matters when the field is missing', () => {
    expect(truth({ path: 'cost_and_impact.local_outcomes', empty: true, missing: 'true' })).toBe('false');
    expect(
      truth({ path: 'cost_and_impact.local_outcomes', empty: true, missing: 'false' }, { cost_and_impact: { local_outcomes: [] } }),
    ).toBe('true');
  });
  it('the value "unknown" is treated like an absent field', () => {
    expect(truth({ path: 'partner.contact_channel', equals: 'official' }, { partner: { contact_channel: 'unknown' } })).toBe('unknown');
    expect(truth({ path: 'partner.contact_channel', equals: 'official' })).toBe('true');
  });
});

describe('exists', () => {
  it('is true or false, never unknown', () => {
    expect(truth({ path: 'investment', exists: true })).toBe('false');
    expect(truth({ path: 'investment', exists: false })).toBe('true');
    const invested = { investment: { direction: 'incoming', sectors: ['ports'] } };
    expect(truth({ path: 'investment', exists: true }, invested)).toBe('true');
    expect(truth({ path: 'investment.sectors', exists: false }, invested)).toBe('false');
    expect(truth({ path: 'investment.investor_type', exists: true }, invested)).toBe('false');
  });
});

describe('array paths', () => {
  const two: { activities: Record<string, Json>[] } = {
    activities: [
      { type: 'cultural-exchange', sectors: ['culture'], ip_sensitive: false },
      { type: 'study-visit', sectors: ['ports', 'tourism'] },
    ],
  };
  it('a predicate over activities[] is true when any item satisfies it', () => {
    expect(truth({ path: 'activities[].sectors', intersects: '@strategic-infrastructure' }, two)).toBe('true');
    expect(truth({ path: 'activities[].type', equals: 'study-visit' }, two)).toBe('true');
  });
  it('is unknown when no item satisfies it and one item does not say', () => {
    expect(truth({ path: 'activities[].ip_sensitive', is: true }, two)).toBe('unknown');
  });
  it('is false when every item says no', () => {
    const both = { activities: [two.activities[0], { ...two.activities[1], ip_sensitive: false }] };
    expect(truth({ path: 'activities[].ip_sensitive', is: true }, both)).toBe('false');
  });
  it('evidence points at the item that matched', () => {
    const o = evaluate({ path: 'activities[].type', equals: 'study-visit' }, parsePartnership(partnershipFrom(two)), ctx);
    expect(o.evidence.map((e) => e.path)).toEqual([['activities', 1, 'type']]);
  });
  it('an empty list is missing, not false', () => {
    expect(truth({ path: 'local_actors[].washing_concerns', is: true }, { local_actors: [] })).toBe('unknown');
    expect(truth({ path: 'local_actors[].washing_concerns', is: true }, { local_actors: null })).toBe('unknown');
  });
});

describe('operators', () => {
  it('in, gte, lte', () => {
    expect(truth({ path: 'partner.type', in: ['local-government', 'university'] })).toBe('true');
    expect(truth({ path: 'agreement.value_eur', gte: 20000 })).toBe('true');
    expect(truth({ path: 'agreement.value_eur', gte: 20001 })).toBe('false');
    expect(truth({ path: 'agreement.duration_years', lte: 2 })).toBe('false');
  });
});

describe('unknown facts become gaps, not findings', () => {
  const gaps = parse(readFileSync(`${ROOT}rules/gaps.yaml`, 'utf8')) as { gaps: Record<string, { question: string; ask: string[] }> };

  it('an unknown rights record is a gap with the question of rules/gaps.yaml', () => {
    const r = assessDoc(partnershipFrom({ partner: { rights_concerns: 'unknown' } }));
    expect(r.findings.map((f) => f.ruleId)).not.toContain('partner-rights-record');
    const gap = r.gaps.find((g) => g.path === 'partner.rights_concerns');
    expect(gap).toBeDefined();
    expect(gap!.question).toBe(gaps.gaps['partner.rights_concerns'].question);
    expect(gap!.ask).toEqual(gaps.gaps['partner.rights_concerns'].ask);
    expect(gap!.rules).toEqual(expect.arrayContaining(['partner-rights-record', 'partner-rights-allegations']));
  });

  it('the same file with the fact known gives a finding and no gap', () => {
    const r = assessDoc(partnershipFrom({ partner: { rights_concerns: 'credible-reports' } }));
    expect(r.findings.map((f) => f.ruleId)).toContain('partner-rights-record');
    expect(r.gaps.map((g) => g.path)).not.toContain('partner.rights_concerns');
  });

  it('a gap carries the level the rules it could trigger would reach', () => {
    const r = assessDoc(partnershipFrom({ partner: { sanctioned: null } }));
    const gap = r.gaps.find((g) => g.path === 'partner.sanctioned');
    expect(gap?.potential).toBe('critical');
    expect(r.level).toBe('low');
  });

  it('an identity nobody confirmed is a gap asked of gov, nac and pcc', () => {
    const r = assessDoc(partnershipFrom({ partner: { identity_verified: null } }));
    const gap = r.gaps.find((g) => g.path === 'partner.identity_verified');
    expect(gap?.question).toBe(gaps.gaps['partner.identity_verified'].question);
    expect(gap?.ask).toEqual(['gov', 'nac', 'pcc']);
  });
});

describe('the tension check', () => {
  const declared = { context: { tensions: [{ type: 'sanctions', note: 'national measures since 2025' }] } };
  it('counts a tension the file declares', () => {
    expect(truth({ fn: 'tension', with: { types: ['sanctions'] } }, declared)).toBe('true');
    expect(truth({ fn: 'tension', with: { types: ['sanctions'], min_severity: 'medium' } }, declared)).toBe('true');
  });
  it('does not take a declared tension, which has no severity, as rated severe', () => {
    expect(truth({ fn: 'tension', with: { types: ['sanctions'], min_severity: 'high' } }, declared)).toBe('false');
  });
  it("weighs a declared tension at the table's declared_severity, not at a severity the engine knows", () => {
    const rules = readSourceRuleSet(`${ROOT}rules`).rules;
    const low = createContext({ ...rules, tensions: { ...rules.tensions, declared_severity: 'low' } }, { today: '2026-11-22' });
    const truthLow = (cond: Condition) => evaluate(cond, factsOf(parsePartnership(partnershipFrom(declared))), low).truth;
    expect(truthLow({ fn: 'tension', with: { types: ['sanctions'], min_severity: 'medium' } })).toBe('false');
    expect(truthLow({ fn: 'tension', with: { types: ['sanctions'], min_severity: 'low' } })).toBe('true');
    const high = createContext({ ...rules, tensions: { ...rules.tensions, declared_severity: 'high' } }, { today: '2026-11-22' });
    expect(
      evaluate(
        { fn: 'tension', with: { types: ['sanctions'], min_severity: 'high' } },
        factsOf(parsePartnership(partnershipFrom(declared))),
        high,
      ).truth,
    ).toBe('true');
  });
  it('takes the severity of a table entry from the table', () => {
    const russia = { partner: { country: 'RU' } };
    expect(truth({ fn: 'tension', with: { types: ['sanctions'], min_severity: 'high' } }, russia)).toBe('true');
    const aegean = { city: { country: 'GR' }, partner: { country: 'TR' } };
    expect(truth({ fn: 'tension', with: { min_severity: 'medium' } }, aegean)).toBe('false');
    expect(truth({ fn: 'tension' }, aegean)).toBe('true');
  });
});
