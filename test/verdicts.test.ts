// Issue 10: verdicts a council can trust. Acceptances are a CI mechanism only;
// a blocking finding cannot be accepted.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { assessYaml, engine, ROOT } from './helpers/engine.js';

const FIXTURES = readdirSync(`${ROOT}fixtures`).filter((f) => f.endsWith('.yaml')).sort();
const read = (f: string) => readFileSync(`${ROOT}fixtures/${f}`, 'utf8');

describe('accepted risks never change the verdict', () => {
  it.each(FIXTURES)('%s: accepting every finding leaves level, recommendation and reason', (f) => {
    const before = assessYaml(read(f), f);
    const doc = parse(read(f)) as Record<string, unknown>;
    const blocking = new Set(engine().rules.rules.filter((r) => r.blocking).map((r) => r.id));
    doc.accepted_risks = before.findings
      .filter((x) => !blocking.has(x.ruleId))
      .map((x) => ({ rule: x.ruleId, reason: 'Council decision 2026/99', approved_by: 'City Council', expires: '2027-12-31' }));
    const after = assessYaml(stringify(doc), f);
    expect(after.level).toBe(before.level);
    expect(after.score).toBe(before.score);
    expect(after.foresight?.recommendation).toBe(before.foresight?.recommendation);
    expect(after.foresight?.reason).toBe(before.foresight?.reason);
    expect(after.foresight?.steps.map((s) => s.outcome)).toEqual(before.foresight?.steps.map((s) => s.outcome));
    // What the gate reads does change: only blocking findings stay open.
    const open = after.findings.filter((x) => !x.accepted);
    expect(open.every((x) => x.blocking)).toBe(true);
    for (const x of after.findings.filter((y) => y.accepted)) {
      expect(x.acceptance).toEqual({ reason: 'Council decision 2026/99', approved_by: 'City Council', expires: '2027-12-31' });
      const b = before.findings.find((y) => y.ruleId === x.ruleId)!;
      expect(x.residual).toEqual(b.residual);
    }
  });

  it('the sanctioned partner stays disengage with its other findings accepted', () => {
    const text = `${read('sanctioned-partner-active.yaml')}accepted_risks:
  - { rule: partner-rights-record, reason: r, approved_by: Council, expires: 2027-01-01 }
  - { rule: armed-conflict-or-sanctions, reason: r, approved_by: Council, expires: 2027-01-01 }
`;
    const r = assessYaml(text, 's.yaml');
    expect(r.level).toBe('critical');
    expect(r.foresight?.recommendation).toBe('disengage');
    expect(r.openLevel).toBe('critical');
  });
});

describe('a blocking finding cannot be accepted', () => {
  const blockingRules = engine().rules.rules.filter((r) => r.blocking).map((r) => r.id);
  it('there are blocking rules to test', () => expect(blockingRules.length).toBeGreaterThan(0));
  it.each(blockingRules)('accepting %s is an error at its line', (id) => {
    const text = `${read('sanctioned-partner-active.yaml')}accepted_risks:\n  - rule: ${id}\n    reason: Council decision\n    approved_by: City Council\n    expires: 2027-01-01\n`;
    const loaded = engine().loader.load('s.yaml', Buffer.from(text));
    expect(loaded.ok).toBe(false);
    if (loaded.ok) return;
    const lines = text.split('\n');
    const line = lines.findIndex((l) => l === `  - rule: ${id}`) + 1;
    expect(loaded.errors).toHaveLength(1);
    expect(loaded.errors[0]).toMatchObject({ line, column: 11 });
    expect(loaded.errors[0].message).toMatch(/blocking finding and cannot be accepted/);
  });
  it('a non-blocking rule is still accepted', () => {
    const text = `${read('sanctioned-partner-active.yaml')}accepted_risks:\n  - { rule: partner-rights-record, reason: r, approved_by: c, expires: 2027-01-01 }\n`;
    expect(engine().loader.load('s.yaml', Buffer.from(text)).ok).toBe(true);
  });
});
