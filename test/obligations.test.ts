// Obligations (rules/obligations/): every obligation has cases that make it
// apply, with the status it must have, and cases that keep it quiet
// (test/obligation-cases/cases.yaml), like the rules. Then what a prohibition
// does to the verdict and the gate, the format fields, and pack validation.
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { assessDoc, assessYaml, engine, partnershipFrom, ROOT } from './helpers/engine.js';
import type { Json } from './helpers/merge.js';
import type { FileResult } from '../src/report/types.js';
import { cli } from './helpers/cli.js';

interface ApplyCase {
  name: string;
  status: string;
  with: Json;
}
interface QuietCase {
  name: string;
  gap?: string;
  with: Json;
}
const cases = parse(readFileSync(`${ROOT}test/obligation-cases/cases.yaml`, 'utf8')) as Record<
  string,
  { apply?: ApplyCase[]; quiet?: QuietCase[] }
>;

const ctx = engine();
const obligations = ctx.rules.obligations.flatMap((pack) => pack.obligations);
const memo = new Map<string, FileResult>();
const assessCase = (key: string, patch: Json): FileResult => {
  let r = memo.get(key);
  if (!r) memo.set(key, (r = assessDoc(partnershipFrom(patch), `${key}.yaml`)));
  return r;
};

describe('every obligation has cases', () => {
  it('has cases only for obligations that exist', () => {
    const known = new Set(obligations.map((o) => o.id));
    expect(Object.keys(cases).filter((id) => !known.has(id))).toEqual([]);
  });
  it.each(obligations.map((o) => o.id))('%s has a case that applies it and one that keeps it quiet', (id) => {
    expect(cases[id]?.apply?.length ?? 0, `add an apply case for ${id}`).toBeGreaterThan(0);
    expect(cases[id]?.quiet?.length ?? 0, `add a quiet case for ${id}`).toBeGreaterThan(0);
  });
  it('a twinning between two EU towns with no investment carries no obligation', () => {
    expect(assessCase('base', {}).obligations).toEqual([]);
  });
});

for (const o of obligations) {
  describe(o.id, () => {
    for (const c of cases[o.id]?.apply ?? []) {
      it(`applies: ${c.name}`, () => {
        const r = assessCase(`${o.id}/apply/${c.name}`, c.with);
        const found = r.obligations?.find((x) => x.id === o.id);
        expect(found, `applied: ${r.obligations?.map((x) => x.id).join(', ') || 'nothing'}`).toBeDefined();
        expect(found!.status).toBe(c.status);
        expect(found!.source.url).toMatch(/^https:\/\//);
        expect(
          found!.reviewed === null ? found!.unconfirmed.length : 1,
          'an unreviewed obligation says what was not confirmed',
        ).toBeGreaterThan(0);
      });
    }
    for (const c of cases[o.id]?.quiet ?? []) {
      it(`stays quiet: ${c.name}`, () => {
        const r = assessCase(`${o.id}/quiet/${c.name}`, c.with);
        expect(r.obligations?.map((x) => x.id)).not.toContain(o.id);
        if (c.gap) {
          const gap = r.gaps.find((g) => g.path === c.gap);
          expect(gap, `expected a gap at ${c.gap}; gaps: ${r.gaps.map((g) => g.path).join(', ')}`).toBeDefined();
          expect(gap!.rules).toContain(o.id);
        }
      });
    }
  });
}

describe('a prohibition decides the recommendation', () => {
  it('do-not-proceed for a proposed partnership, the reason naming the law', () => {
    const r = assessCase(
      'us-in-sister-city-foreign-adversary/apply/an Indiana city proposes a sister city in China',
      cases['us-in-sister-city-foreign-adversary'].apply![0].with,
    );
    expect(r.foresight!.recommendation).toBe('do-not-proceed');
    expect(r.foresight!.reason).toContain('Indiana House Enrolled Act 1120');
    expect(r.obligations![0].blocking).toBe(true);
  });
  it('disengage for a running one, with the legal deadline', () => {
    const r = assessCase('ar-existing', cases['us-ar-terminate-sister-city'].apply![0].with);
    expect(r.foresight!.recommendation).toBe('disengage');
    expect(r.foresight!.reason).toContain('Arkansas Code Annotated § 14-1-116');
    expect(r.foresight!.reason).toContain('sets no date');
  });
  it('an ended partnership has done what the prohibition asks: no verdict change', () => {
    const r = assessCase('ar-ended', cases['us-ar-terminate-sister-city'].apply![1].with);
    expect(r.obligations!.find((o) => o.id === 'us-ar-terminate-sister-city')!.blocking).toBe(false);
    expect(r.foresight!.recommendation).not.toBe('disengage');
  });
  it('a notification obligation does not change the recommendation', () => {
    const r = assessCase('au-proposal', cases['au-frsta-notify-proposal'].apply![0].with);
    const base = assessCase('base', {});
    expect(r.foresight!.recommendation).toBe(base.foresight!.recommendation);
  });
  it('an accepted_risks entry cannot name an obligation: it is not a rule', () => {
    const doc = partnershipFrom({
      ...(cases['us-in-sister-city-foreign-adversary'].apply![0].with as object),
      accepted_risks: [
        { rule: 'us-in-sister-city-foreign-adversary', reason: 'council decision', approved_by: 'Council', expires: '2027-01-01' },
      ],
    });
    const loaded = ctx.loader.load('x.yaml', Buffer.from(JSON.stringify(doc)));
    expect(loaded.ok).toBe(false);
  });
});

describe('the format', () => {
  const withRegion = (region: string, country = 'US') =>
    `cdrisk: 1\nid: r\ntitle: R\ncity: { name: X, country: ${country}, region: ${region} }\npartner: { name: Y, country: JP }\n`;
  it('city.region: a malformed code is an error with a suggestion from the packs', () => {
    for (const typo of ['us-in', 'US_IN', 'US IN']) {
      const loaded = ctx.loader.load('x.yaml', Buffer.from(withRegion(`"${typo}"`)));
      expect(loaded.ok, typo).toBe(false);
      if (!loaded.ok) {
        expect(loaded.errors[0].message).toContain('Did you mean "US-IN"?');
        expect(loaded.errors[0].line).toBe(4);
      }
    }
  });
  it('city.region: any well-formed code is accepted', () => {
    expect(assessYaml(withRegion('US-OH')).valid).toBe(true);
    expect(assessYaml(withRegion('JP-13', 'JP')).valid).toBe(true);
  });
  it('city.region must be a subdivision of city.country', () => {
    const loaded = ctx.loader.load('x.yaml', Buffer.from(withRegion('AU-WA')));
    expect(loaded.ok).toBe(false);
    if (!loaded.ok) expect(loaded.errors[0].message).toContain('city.country is US');
  });
  it('notifications name a known obligation, with a did-you-mean', () => {
    const text = `${withRegion('US-IN')}notifications: [{ obligation: au-frsta-notify-entri, date: 2026-01-01 }]\n`;
    const loaded = ctx.loader.load('x.yaml', Buffer.from(text));
    expect(loaded.ok).toBe(false);
    if (!loaded.ok) expect(loaded.errors[0].message).toContain('Did you mean "au-frsta-notify-entry"?');
  });
});

describe('the CI gate', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cdrisk-obl-'));
  const write = (name: string, text: string) => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };
  const banned = write(
    'banned.yaml',
    'cdrisk: 1\nid: banned\ntitle: Sister city\ncity: { name: Carmel, country: US, region: US-IN }\npartner: { name: Xiangyang, type: local-government, country: CN }\nagreement: { instrument: twinning }\n',
  );
  const overdue = write(
    'overdue.yaml',
    'cdrisk: 1\nid: overdue\ntitle: MoU\nstatus: active\ncity: { name: Fremantle, country: AU }\npartner: { name: Seki, type: local-government, country: JP }\nagreement: { instrument: mou, signing_date: 2026-01-10 }\n',
  );
  const done = write(
    'done.yaml',
    'cdrisk: 1\nid: done\ntitle: MoU\nstatus: active\ncity: { name: Fremantle, country: AU }\npartner: { name: Seki, type: local-government, country: JP }\nagreement: { instrument: mou, signing_date: 2026-01-10 }\nnotifications:\n  - { obligation: au-frsta-notify-proposal, date: 2025-12-01 }\n  - { obligation: au-frsta-notify-entry, date: 2026-01-20, reference: FA-2026-0042 }\n',
  );
  it('a prohibition fails check even with --fail-on critical', async () => {
    const r = await cli(['check', banned, '--fail-on', 'critical', '--today', '2026-12-02']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('prohibited: Indiana forbids');
  });
  it('an overdue obligation fails check', async () => {
    const r = await cli(['check', overdue, '--fail-on', 'critical', '--today', '2026-12-02']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('overdue: Notify the Minister within 14 days');
  });
  it('obligations done pass', async () => {
    const r = await cli(['check', done, '--fail-on', 'critical', '--today', '2026-12-02']);
    expect(r.code).toBe(0);
  });
  it('every format has the obligations', async () => {
    for (const [format, needle] of [
      ['json', '"obligations"'],
      ['markdown', '## Obligations'],
      ['html', '>Obligations</h3>'],
      ['table', 'Obligations (1)'],
      ['sarif', '"ruleId": "us-in-sister-city-foreign-adversary"'],
      ['junit', 'prohibited [us-in-sister-city-foreign-adversary]'],
      ['github', 'cdrisk prohibited'],
    ]) {
      const r = await cli(['check', banned, '--format', format, '--today', '2026-12-02']);
      expect(r.stdout, format).toContain(needle);
    }
  });
  it('`rules show obligations` lists every jurisdiction with its reviewed dates', async () => {
    const r = await cli(['rules', 'show', 'obligations']);
    expect(r.code).toBe(0);
    for (const pack of ctx.rules.obligations) expect(r.stdout).toContain(`${pack.obligations_for} ${pack.name}`);
    expect(r.stdout).toContain('reviewed 2026-12-02');
    expect(r.stdout).toContain('not checked against the official text');
  });
});

describe('obligation packs are validated on load', () => {
  const pack = (text: string) => {
    const dir = mkdtempSync(join(tmpdir(), 'cdrisk-oblpack-'));
    mkdirSync(join(dir, 'obligations'));
    writeFileSync(join(dir, 'obligations', 'nz.yaml'), text);
    return dir;
  };
  const good = `obligations_for: NZ
name: New Zealand
obligations:
  - id: nz-test-notice
    jurisdiction: NZ
    title: A test notice
    kind: notification
    when: { all: [{ path: city.country, equals: NZ }, { path: partner.type, in: [local-government] }] }
    action: Notify.
    deadline: { kind: before-entering }
    authority: A minister
    consequence: None.
    effective: { from: 2020-01-01 }
    source: { statute: Test Act, section: s 1, url: "https://example.org/act" }
    reviewed: 2026-12-02
`;
  it('a --rules folder adds a jurisdiction', async () => {
    const dir = pack(good);
    const file = join(mkdtempSync(join(tmpdir(), 'cdrisk-nz-')), 'p.yaml');
    writeFileSync(
      file,
      'cdrisk: 1\nid: nz\ntitle: NZ\ncity: { name: Nelson, country: NZ }\npartner: { name: Miyazu, type: local-government, country: JP }\n',
    );
    const r = await cli(['assess', file, '--rules', dir, '--format', 'json', '--today', '2026-12-02']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).results[0].obligations.map((o: { id: string }) => o.id)).toEqual(['nz-test-notice']);
  });
  it.each([
    ['an unknown kind', good.replace('kind: notification', 'kind: notice'), 'nz.yaml:7:11'],
    ['an unknown key', good.replace('    authority:', '    authorty: x\n    authority:'), 'unknown key "authorty"'],
    [
      'a field the format does not have',
      good.replace('city.country', 'city.county'),
      '"city.county" is not a field of the partnership format',
    ],
    [
      'a value the field does not allow',
      good.replace('[local-government]', '[city-government]'),
      '"city-government" is not a value of partner.type',
    ],
    ['no reviewed and nothing unconfirmed', good.replace('    reviewed: 2026-12-02\n', ''), 'must say in unconfirmed'],
    ['a within-days deadline without days', good.replace('kind: before-entering', 'kind: within-days-of-entering'), 'needs days'],
  ])('%s is a located error, exit 2', async (_name, text, message) => {
    const dir = pack(text);
    const r = await cli(['rules', 'list', '--rules', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stderr).toMatch(/nz\.yaml:\d+:\d+/);
  });
});
