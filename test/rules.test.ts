// Table-driven rule tests, in the manner of eslint's RuleTester: every rule
// of rules/packs has cases that must fire it (with the residual level they
// reach) and cases that must keep it quiet. The cases live in
// test/rule-cases/<pack>.yaml, each a partial partnership merged onto
// test/rule-cases/_base.yaml.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { assessDoc, engine, partnershipFrom, ROOT } from './helpers/engine.js';
import type { Json } from './helpers/merge.js';
import type { FileResult } from '../src/report/types.js';

interface FireCase {
  name: string;
  /** Residual level of the finding. */
  level: string;
  /** Inherent ratings after modifiers, when the case is about them. */
  likelihood?: number;
  impact?: number;
  with: Json;
}
interface QuietCase {
  name: string;
  /** When the rule must stay quiet because a fact is unknown: the gap it must produce instead. */
  gap?: string;
  with: Json;
}
interface RuleCases {
  fire?: FireCase[];
  quiet?: QuietCase[];
}

const CASE_DIR = `${ROOT}test/rule-cases`;
const caseFiles = readdirSync(CASE_DIR)
  .filter((f) => f.endsWith('.yaml') && !f.startsWith('_'))
  .sort();
const cases = new Map<string, RuleCases>();
for (const file of caseFiles) {
  const doc = parse(readFileSync(`${CASE_DIR}/${file}`, 'utf8')) as Record<string, RuleCases>;
  for (const [id, c] of Object.entries(doc)) {
    if (cases.has(id)) throw new Error(`rule ${id} has cases in two files`);
    cases.set(id, c);
  }
}

const ctx = engine();
const rules = ctx.rules.rules;
const results = new Map<string, FileResult>();
const assessCase = (key: string, patch: Json): FileResult => {
  let r = results.get(key);
  if (!r) results.set(key, (r = assessDoc(partnershipFrom(patch), `${key}.yaml`)));
  return r;
};

describe('every rule has cases', () => {
  it('loads rule cases only for rules that exist', () => {
    const known = new Set(rules.map((r) => r.id));
    expect([...cases.keys()].filter((id) => !known.has(id))).toEqual([]);
  });
  it.each(rules.map((r) => r.id))('%s has at least one fire case and one quiet case', (id) => {
    const c = cases.get(id);
    expect(c?.fire?.length ?? 0, `add a fire case for ${id} in test/rule-cases/`).toBeGreaterThan(0);
    expect(c?.quiet?.length ?? 0, `add a quiet case for ${id} in test/rule-cases/`).toBeGreaterThan(0);
  });
  it('the base partnership fires nothing', () => {
    const r = assessCase('base', {});
    expect(r.findings.map((f) => f.ruleId)).toEqual([]);
    expect(r.level).toBe('low');
  });
});

for (const rule of rules) {
  const c = cases.get(rule.id) ?? {};
  describe(rule.id, () => {
    for (const fire of c.fire ?? []) {
      it(`fires: ${fire.name}`, () => {
        const r = assessCase(`${rule.id}/fire/${fire.name}`, fire.with);
        const f = r.findings.find((x) => x.ruleId === rule.id);
        expect(f, `${rule.id} should fire; fired: ${r.findings.map((x) => x.ruleId).join(', ') || 'nothing'}`).toBeDefined();
        expect(f!.residual.level).toBe(fire.level);
        if (fire.likelihood !== undefined) expect(f!.likelihood).toBe(fire.likelihood);
        if (fire.impact !== undefined) expect(f!.impact).toBe(fire.impact);
        expect(f!.evidence.length, 'a finding names the facts that triggered it').toBeGreaterThan(0);
      });
    }
    for (const quiet of c.quiet ?? []) {
      it(`stays quiet: ${quiet.name}`, () => {
        const r = assessCase(`${rule.id}/quiet/${quiet.name}`, quiet.with);
        expect(r.findings.map((x) => x.ruleId)).not.toContain(rule.id);
        if (quiet.gap) {
          const gap = r.gaps.find((g) => g.path === quiet.gap);
          expect(gap, `expected a gap at ${quiet.gap}; gaps: ${r.gaps.map((g) => g.path).join(', ')}`).toBeDefined();
          expect(gap!.rules).toContain(rule.id);
        }
      });
    }
  });
}

describe('every modifier is exercised', () => {
  const modifierCases = rules.flatMap((rule) =>
    (['likelihood', 'impact'] as const).flatMap((rating) =>
      (rule[rating].modifiers ?? []).map((m) => ({ rule: rule.id, rating, note: m.note, add: m.add, base: rule[rating].base })),
    ),
  );
  it.each(modifierCases)('$rule: $rating $add ($note)', ({ rule, rating, note, add, base }) => {
    const fired = (cases.get(rule)?.fire ?? []).flatMap((fire) => {
      const f = assessCase(`${rule}/fire/${fire.name}`, fire.with).findings.find((x) => x.ruleId === rule);
      return f && f.modifiers.some((m) => m.rating === rating && m.note === note) ? [f] : [];
    });
    expect(fired.length, `no fire case of ${rule} triggers the modifier "${note}"`).toBeGreaterThan(0);
    // The modifier must move the rating in its direction (ratings are clamped to 1..5).
    for (const f of fired) {
      const sum = f.modifiers.filter((m) => m.rating === rating).reduce((acc, m) => acc + m.add, base);
      expect(f[rating]).toBe(Math.min(5, Math.max(1, sum)));
    }
    const moved = fired.some((f) => (add > 0 ? f[rating] > base : f[rating] < base));
    expect(moved, `the ${rating} of ${rule} never moves away from ${base} when "${note}" applies`).toBe(true);
  });
});
