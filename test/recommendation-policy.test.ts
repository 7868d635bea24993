import { describe, expect, it } from 'vitest';
import { assessYaml, partnershipFrom, assessDoc } from './helpers/engine.js';

// The recommendation policy of rules/foresight.yaml, end to end through the engine.
describe('recommendation policy', () => {
  it('says that open questions could raise a low result when little is known', () => {
    const r = assessYaml(
      'cdrisk: 1\nid: x\ntitle: x\ncity: { name: A, country: unknown }\npartner: { name: B, country: unknown }\ninvestment: unknown\ncost_and_impact: { local_outcomes: [jobs] }\n',
    );
    expect(r.level).toBe('low');
    expect(r.foresight?.recommendation).toBe('proceed');
    expect(r.gaps.some((g) => g.potential === 'critical')).toBe(true);
    expect(r.foresight?.reason).toMatch(/open question\(s\) remain/);
  });

  it('gives the plain reason when nothing left open could raise it', () => {
    const r = assessDoc(partnershipFrom(undefined));
    expect(r.foresight?.recommendation).toBe('proceed');
    expect(r.gaps.filter((g) => g.potential === 'high' || g.potential === 'critical')).toEqual([]);
    expect(r.foresight?.reason).toBe('No finding above low risk.');
  });

  it('escalates a high or critical finding only while the national government is still to be consulted', () => {
    const clause = partnershipFrom({ agreement: { foreign_policy_clauses: true } });
    expect(assessDoc(clause).foresight?.recommendation).toBe('escalate');
    const consulted = partnershipFrom({ agreement: { foreign_policy_clauses: true }, stakeholders_consulted: ['gov', 'nac'] });
    expect(assessDoc(consulted).foresight?.recommendation).toBe('proceed-with-safeguards');
  });

  it('does not send a cost-only case to the national government', () => {
    const trip = partnershipFrom({
      cost_and_impact: {
        local_outcomes: [],
        budget_public: false,
        evaluation_planned: false,
        travel: { trips_per_year: 4, participants: 10, long_haul: true },
      },
    });
    const r = assessDoc(trip);
    expect(['high', 'critical']).toContain(r.level);
    expect(r.findings.every((f) => f.category === 'ethical-reputational')).toBe(true);
    expect(r.foresight?.recommendation).toBe('proceed-with-safeguards');
  });
});
