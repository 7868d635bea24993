// Synthetic, varied partnership files for the benchmark (and for tests that
// need many files). Deterministic: a seeded generator, so every run of the
// benchmark assesses the same corpus.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** mulberry32: small, fast, seeded. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The text of partnership file number i, built from the rule set's vocabulary. */
export function partnershipText(i, rules, rand = rng(i + 1)) {
  const pick = (xs) => xs[Math.floor(rand() * xs.length)];
  const some = (xs, max) => [...new Set(Array.from({ length: 1 + Math.floor(rand() * max) }, () => pick(xs)))];
  const v = (k) => Object.keys(rules.vocabulary[k]);
  const maybe = (p, s) => (rand() < p ? s : '');
  const bool = () => pick(['true', 'false', 'unknown']);
  const countries = rules.countries.countries.map((c) => c.code);
  const sectors = Object.values(rules.sectors.groups).flatMap((g) => g.sectors);
  const mitigations = Object.keys(rules.mitigations);
  // Blocking rules cannot be accepted (an error): only the others are.
  const ruleIds = rules.rules.filter((r) => !r.blocking).map((r) => r.id);
  const status = pick(v('status'));
  const year = 2020 + Math.floor(rand() * 7);
  const date = (y) => `${y}-${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`;
  const activities = Array.from({ length: 1 + Math.floor(rand() * 3) }, () =>
    [
      `  - type: ${pick(v('activity_type'))}`,
      `    sectors: [${some(sectors, 3).join(', ')}]`,
      `    ip_sensitive: ${bool()}`,
      `    visiting_delegations: ${bool()}`,
      `    data_access: ${bool()}`,
    ].join('\n'),
  ).join('\n');
  return `# Synthetic partnership ${i} for the cdrisk benchmark.
cdrisk: 1
id: bench-${i}
title: Synthetic partnership number ${i}
status: ${status}
owner: Office for International Affairs
${maybe(0.7, `review:\n  last: ${date(year)}\n  next: ${date(year + 1)}\n`)}
city:
  name: City ${i % 97}
  country: ${pick(['DE', 'FR', 'IT', 'US', 'JP', 'NL', 'SE', 'ES'])}

partner:
  name: Partner organisation ${i}
  type: ${pick(v('partner_type'))}
  country: ${pick(countries)}
  identity_verified: ${bool()}
  verified_via: [${some(v('verified_via'), 2).join(', ')}]
  contact_channel: ${pick(v('contact_channel'))}
  rights_concerns: ${pick(v('rights_concerns'))}
  sanctioned: ${rand() < 0.05 ? 'true' : 'false'}
  relationship_years: ${Math.floor(rand() * 30)}

agreement:
  instrument: ${pick(v('instrument'))}
  signing_date: ${date(year)}
  duration_years: ${1 + Math.floor(rand() * 10)}
  exit_clause: ${bool()}
  foreign_policy_clauses: ${bool()}
  value_eur: ${Math.floor(rand() * 1e6)}

activities:
${activities}
${maybe(
  0.3,
  `
investment:
  direction: ${pick(v('investment_direction'))}
  investor: Investor ${i}
  investor_type: ${pick(v('investor_type'))}
  investor_country: ${pick(countries)}
  amount_eur: ${Math.floor(rand() * 1e8)}
  stake_percent: ${(rand() * 60).toFixed(1)}
  sectors: [${some(sectors, 2).join(', ')}]
  control_rights: ${bool()}
  data_access: ${bool()}
`,
)}
local_actors:
  - name: Local actor ${i}
    type: ${pick(v('local_actor_type'))}
    international_experience: ${pick(v('international_experience'))}
    washing_concerns: ${bool()}

context:
  diaspora_concerns: ${bool()}
  public_controversy: ${bool()}

cost_and_impact:
  budget_public: ${bool()}
  local_outcomes: [${maybe(0.6, 'jobs, training places')}]
  evaluation_planned: ${bool()}
  travel:
    trips_per_year: ${Math.floor(rand() * 8)}
    participants: ${1 + Math.floor(rand() * 10)}
    long_haul: ${bool()}

stakeholders_consulted: [${some(v('stakeholder'), 3).join(', ')}]
mitigations: [${some(mitigations, 3).join(', ')}]
${maybe(
  0.2,
  `accepted_risks:
  - rule: ${pick(ruleIds)}
    reason: Council decision ${year}/${i % 50}
    approved_by: City Council
    expires: ${date(year + 2)}
`,
)}`;
}

/** Writes n files, 500 to a folder, under dir. */
export function generateCorpus(dir, n, rules) {
  for (let i = 0; i < n; i++) {
    const sub = join(dir, `group-${String(Math.floor(i / 500)).padStart(3, '0')}`);
    if (i % 500 === 0) mkdirSync(sub, { recursive: true });
    writeFileSync(join(sub, `partnership-${String(i).padStart(6, '0')}.yaml`), partnershipText(i, rules));
  }
}
