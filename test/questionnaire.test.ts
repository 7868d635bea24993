import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadContext } from '../src/cli/context.js';
import {
  kebab,
  loadQuestionnaire,
  parseNumber,
  questionnaireCommand,
  runQuestionnaire,
  touches,
  type QuestionnaireIo,
} from '../src/cli/commands/questionnaire.js';
import type { Prompter, PromptChoice } from '../src/cli/prompts.js';
import type { EngineContext } from '../src/engine/context.js';
import { assessBytes } from '../src/engine/run.js';
import type { Condition } from '../src/rules/condition.js';
import type { Question } from '../src/rules/questionnaire-schema.js';
import { engine } from './helpers/engine.js';

/** Answering a prompt with this presses Ctrl+C. */
const CTRL_C = Symbol('ctrl-c');
type Answer = string | boolean | string[] | typeof CTRL_C;

/**
 * A stand-in for src/cli/prompts.ts that answers prompts by name. A prompt
 * without a scripted answer takes its default, as someone pressing Enter
 * would; an answer the real prompt would refuse fails the test.
 */
function scripted(answers: Record<string, Answer>) {
  const asked: string[] = [];
  const said: string[] = [];
  const defaults: Record<string, unknown> = {};
  const take = <T>(name: string, fallback: T): T => {
    asked.push(name);
    defaults[name] = fallback;
    if (!(name in answers)) return fallback;
    const a = answers[name];
    if (a === CTRL_C) throw Object.assign(new Error('User force closed the prompt with SIGINT'), { name: 'ExitPromptError' });
    return a as T;
  };
  const mustBeChoice = (name: string, v: string, choices: PromptChoice[]) => {
    if (!choices.some((c) => c.value === v))
      throw new Error(`${name}: "${v}" is not one of the choices ${choices.map((c) => c.value).join(', ')}`);
  };
  const prompter: Prompter = {
    say: (t) => void said.push(t),
    text: async (o) => {
      const v = take(o.name, o.default ?? '');
      const ok = o.validate ? o.validate(v) : true;
      if (ok !== true) throw new Error(`${o.name}: the prompt refuses "${v}": ${ok}`);
      return v;
    },
    choose: async (o) => {
      const v = take(o.name, o.default ?? o.choices[0].value);
      mustBeChoice(o.name, v, o.choices);
      return v;
    },
    multi: async (o) => {
      const v = take(o.name, [...(o.checked ?? [])]);
      v.forEach((x) => mustBeChoice(o.name, x, o.choices));
      return v;
    },
    confirm: async (o) => take(o.name, o.default),
    search: async (o) => {
      // The answer is what the officer types; Enter picks the first entry listed.
      const term = take(o.name, '');
      return o.source(term)[0].value;
    },
  };
  return { prompter, asked, said, defaults };
}

function fakeIo(
  cwd: string,
): QuestionnaireIo & { out: () => string; err: () => string; stdin: NodeJS.ReadableStream & { isTTY?: boolean } } {
  let out = '';
  let err = '';
  const stdout = Object.assign(new PassThrough(), { columns: 100, isTTY: false });
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  const stderr = new PassThrough();
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  const stdin = Object.assign(new PassThrough(), { isTTY: true });
  return { stdout, stderr, stdin, env: { NO_COLOR: '1' }, cwd, out: () => out, err: () => err };
}

const IDENTITY: Record<string, Answer> = {
  title: 'Port logistics MoU with Xiamen',
  'city-name': 'Düsseldorf',
  'city-country': 'germany',
  'partner-name': "Xiamen Municipal People's Government",
  'partner-country': 'CN',
};

let ctx: EngineContext;
beforeAll(async () => {
  ctx = await loadContext({ today: '2026-11-22' });
});

const tmp = () => mkdtempSync(join(tmpdir(), 'cdrisk-q-'));
const readYaml = (file: string) => parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
const assess = (file: string) => assessBytes(file, readFileSync(file), ctx);

describe('rules/questionnaire.yaml', () => {
  const q = loadQuestionnaire();

  /** Every question with the full path pattern of the field it fills. */
  const flat = (questions: Question[], parent = '', sep = '.'): { q: Question; pattern: string }[] =>
    questions.flatMap((x) => {
      const pattern = parent ? `${parent}${sep}${x.path}` : x.path;
      const here = { q: x, pattern };
      if (x.kind === 'group') return [here, ...flat(x.questions ?? [], pattern, '[].')];
      if (x.kind === 'section') return [here, ...flat(x.questions ?? [], pattern, '.')];
      return [here];
    });
  const all = flat(q.questions);

  it('names only fields of the partnership format, with the kind of value each holds', () => {
    const shapes = ctx.loader.shapes;
    for (const { q: x, pattern } of all) {
      const shape = shapes.get(pattern);
      expect(shape, `${x.id}: ${pattern}`).toBeDefined();
      const expected: Record<string, string[]> = {
        text: ['string'],
        id: ['string'],
        date: ['string'],
        country: ['string', 'other'],
        confirm: ['boolean'],
        select: ['enum'],
        number: ['number'],
        multi: ['array'],
        list: ['array'],
        group: ['array'],
        section: ['object'],
      };
      expect(expected[x.kind], `${x.id} is a ${x.kind} on a ${shape!.kind}`).toContain(shape!.kind);
    }
  });

  it('offers exactly the values the format allows', () => {
    const shapes = ctx.loader.shapes;
    for (const { q: x, pattern } of all.filter((e) => e.q.choices)) {
      const shape = shapes.get(pattern)!;
      const allowed = (shape.values ?? shape.itemValues ?? []).slice().sort();
      const ref = x.choices!;
      const offered =
        ref === 'sectors'
          ? Object.values(ctx.rules.sectors.groups).flatMap((g) => g.sectors)
          : ref === 'mitigations'
            ? Object.keys(ctx.rules.mitigations)
            : ref === 'currencies'
              ? Object.keys(ctx.rules.currencies.codes)
              : Object.keys((ctx.rules.vocabulary as Record<string, Record<string, string>>)[ref.slice('vocabulary.'.length)] ?? {});
      expect(offered.sort(), x.id).toEqual(allowed);
    }
  });

  it('branches only on fields of the format, and ids are unique', () => {
    const paths = (c: Condition): string[] =>
      'all' in c ? c.all.flatMap(paths) : 'any' in c ? c.any.flatMap(paths) : 'not' in c ? paths(c.not) : 'path' in c ? [c.path] : [];
    for (const { q: x } of all)
      for (const p of x.when ? paths(x.when) : []) expect(ctx.loader.shapes.has(p), `${x.id} when ${p}`).toBe(true);
    const ids = all.map((e) => e.q.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('asks every identity field the format requires', () => {
    const required = all.filter((e) => e.q.required).map((e) => e.pattern);
    expect(required).toEqual(expect.arrayContaining(['id', 'title', 'city.name', 'city.country', 'partner.name', 'partner.country']));
  });
});

describe('helpers', () => {
  it('derives a kebab-case id from a title', () => {
    expect(kebab('MoU on Port Logistics with Xiamen')).toBe('mou-on-port-logistics-with-xiamen');
    expect(kebab('Städtepartnerschaft Düsseldorf–Haifa!')).toBe('stadtepartnerschaft-dusseldorf-haifa');
    expect(kebab('!!!')).toBe('partnership');
  });
  it('reads numbers as officers type them', () => {
    expect(parseNumber('250,000')).toBe(250000);
    expect(parseNumber('250 000')).toBe(250000);
    expect(parseNumber('24,9')).toBe(24.9);
    expect(parseNumber('lots')).toBeUndefined();
  });
  it('matches gaps to questions both ways', () => {
    expect(touches('agreement', 'agreement.exit_clause')).toBe(true);
    expect(touches('activities[].sectors', 'activities')).toBe(true);
    expect(touches('partner.type', 'partner.name')).toBe(false);
  });
});

describe('the interview', () => {
  it('with every default taken, writes a valid file that claims nothing beyond the identity', async () => {
    const dir = tmp();
    const io = fakeIo(dir);
    const s = scripted(IDENTITY);
    const outcome = await runQuestionnaire({}, ctx, io, s.prompter);
    expect(outcome.code).toBe(0);
    expect(outcome.file).toBe(join(dir, 'port-logistics-mou-with-xiamen.yaml'));
    const file = readYaml(outcome.file!);
    expect(file).toEqual({
      cdrisk: 1,
      id: 'port-logistics-mou-with-xiamen',
      title: 'Port logistics MoU with Xiamen',
      city: { name: 'Düsseldorf', country: 'DE' },
      partner: { name: "Xiamen Municipal People's Government", country: 'CN' },
      // "Don't know" is written out, so the file shows the open question (left out reads the same).
      investment: 'unknown',
    });
    const text = readFileSync(outcome.file!, 'utf8');
    expect(text).toMatch(
      /^# Partnership file written by `cdrisk questionnaire` on 2026-11-22\.\n# Assess it with: cdrisk assess port-logistics-mou-with-xiamen\.yaml\n/,
    );
    expect(text).toContain('# Still open (answered "don\'t know"): Does foreign investment come with the partnership?');
    // Don't know is a gap in the assessment, never a no.
    const result = assess(outcome.file!);
    expect(result.valid).toBe(true);
    expect(result.gaps.map((g) => g.path)).toEqual(
      expect.arrayContaining(['partner.type', 'partner.identity_verified', 'agreement', 'activities', 'investment']),
    );
    // The assessment is printed after the file is written.
    expect(io.out()).toContain('[port-logistics-mou-with-xiamen]');
    expect(io.out()).toContain('Information gaps');
  });

  it('skips the investment questions when there is no investment', async () => {
    const s = scripted({ ...IDENTITY, investment: 'no' });
    const outcome = await runQuestionnaire({}, ctx, fakeIo(tmp()), s.prompter);
    expect(s.asked).toContain('investment');
    expect(s.asked.filter((n) => /^invest(or|ment-)|^stake-percent|^control-rights/.test(n))).toEqual([]);
    expect(readYaml(outcome.file!).investment).toBe('none');
  });

  it('asks the investment questions when there is one, and records the answers', async () => {
    const s = scripted({
      ...IDENTITY,
      investment: 'yes',
      'investment-direction': 'incoming',
      investor: 'COSCO Shipping Ports',
      'investor-type': 'state-owned',
      'investor-country': 'china',
      'stake-percent': '24.9',
      'investment-sectors': ['ports'],
      'control-rights': 'no',
    });
    const outcome = await runQuestionnaire({}, ctx, fakeIo(tmp()), s.prompter);
    expect(s.asked).toEqual(
      expect.arrayContaining([
        'investment-direction',
        'investor',
        'investor-type',
        'investor-country',
        'investment-amount',
        'stake-percent',
        'control-rights',
        'investment-data-access',
      ]),
    );
    expect(readYaml(outcome.file!).investment).toEqual({
      direction: 'incoming',
      investor: 'COSCO Shipping Ports',
      investor_type: 'state-owned',
      investor_country: 'CN',
      stake_percent: 24.9,
      sectors: ['ports'],
      control_rights: false,
    });
    const result = assess(outcome.file!);
    expect(result.findings.map((f) => f.ruleId)).toContain('state-investor-strategic-infrastructure');
  });

  it('asks the follow-up on verification channels only after a yes', async () => {
    const no = scripted({ ...IDENTITY, 'identity-verified': 'no' });
    await runQuestionnaire({}, ctx, fakeIo(tmp()), no.prompter);
    expect(no.asked).not.toContain('verified-via');
    const yes = scripted({ ...IDENTITY, 'identity-verified': 'yes', 'verified-via': ['embassy'] });
    const outcome = await runQuestionnaire({}, ctx, fakeIo(tmp()), yes.prompter);
    expect(yes.asked).toContain('verified-via');
    expect(readYaml(outcome.file!).partner).toMatchObject({ identity_verified: true, verified_via: ['embassy'] });
  });

  it('repeats a group as long as the officer adds items', async () => {
    const s = scripted({
      ...IDENTITY,
      'activities#1': true,
      'activity-type#1': 'knowledge-exchange',
      'activity-sectors#1': ['ports'],
      'activity-ip-sensitive#1': 'yes',
      'activities#2': true,
      'activity-type#2': 'study-visit',
      'activities#3': false,
    });
    const outcome = await runQuestionnaire({}, ctx, fakeIo(tmp()), s.prompter);
    expect(readYaml(outcome.file!).activities).toEqual([
      { type: 'knowledge-exchange', sectors: ['ports'], ip_sensitive: true },
      { type: 'study-visit' },
    ]);
  });

  it('refuses identity answers that the format would reject', async () => {
    const s = scripted({ ...IDENTITY, title: '' });
    await expect(runQuestionnaire({}, ctx, fakeIo(tmp()), s.prompter)).rejects.toThrow(/title: the prompt refuses/);
    const bad = scripted({ ...IDENTITY, id: 'Not Kebab' });
    await expect(runQuestionnaire({}, ctx, fakeIo(tmp()), bad.prompter)).rejects.toThrow(/id: the prompt refuses/);
  });

  it('finds countries with the loader\'s own lookup, and offers "not known" for anything else', async () => {
    const s = scripted({ ...IDENTITY, 'city-country': 'DEU', 'partner-country': 'atlantis' });
    const outcome = await runQuestionnaire({}, ctx, fakeIo(tmp()), s.prompter);
    expect(readYaml(outcome.file!)).toMatchObject({ city: { country: 'DE' }, partner: { country: 'unknown' } });
  });
});

describe('--from', () => {
  const existing = [
    'cdrisk: 1',
    'id: dus-xiamen-port-mou',
    'title: MoU on port logistics with Xiamen',
    'city: { name: Düsseldorf, country: DE }',
    'partner:',
    "  name: Xiamen Municipal People's Government",
    '  type: local-government',
    '  country: CN',
    'agreement: { instrument: mou, exit_clause: false }',
    '',
  ].join('\n');

  it('asks about the gaps first, with known answers as defaults, and keeps what it does not ask', async () => {
    const dir = tmp();
    const file = join(dir, 'dus.yaml');
    writeFileSync(file, existing);
    const gapsBefore = assess(file).gaps.map((g) => g.path);
    expect(gapsBefore).toContain('partner.identity_verified');
    const s = scripted({ 'identity-verified': 'yes', 'verified-via': ['embassy'], 'review-rest': false, overwrite: true });
    const outcome = await runQuestionnaire({ from: 'dus.yaml' }, ctx, fakeIo(dir), s.prompter);
    expect(outcome.file).toBe(file);
    // Known facts are not asked again when only the gaps are reviewed.
    expect(s.asked).not.toContain('title');
    expect(s.asked).not.toContain('partner-type');
    expect(s.asked).not.toContain('instrument');
    expect(s.asked.indexOf('identity-verified')).toBeLessThan(s.asked.indexOf('review-rest'));
    const written = readYaml(file);
    expect(written).toMatchObject({
      id: 'dus-xiamen-port-mou',
      partner: { type: 'local-government', identity_verified: true, verified_via: ['embassy'] },
      agreement: { instrument: 'mou', exit_clause: false },
    });
    expect(assess(file).gaps.map((g) => g.path)).not.toContain('partner.identity_verified');
  });

  it('shows the known answers as defaults when the rest is reviewed', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'dus.yaml'), existing);
    const s = scripted({ 'review-rest': true, overwrite: true });
    await runQuestionnaire({ from: 'dus.yaml', out: 'again.yaml' }, ctx, fakeIo(dir), s.prompter);
    expect(s.defaults['title']).toBe('MoU on port logistics with Xiamen');
    expect(s.defaults['partner-type']).toBe('local-government');
    expect(s.defaults['exit-clause']).toBe('no');
    expect(readYaml(join(dir, 'again.yaml'))).toEqual(parse(existing));
  });

  it('stops on a file that is not valid, before asking anything', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'bad.yaml'), 'cdrisk: 1\nid: x\n');
    const s = scripted({});
    await expect(runQuestionnaire({ from: 'bad.yaml' }, ctx, fakeIo(dir), s.prompter)).rejects.toThrow(/fix the file/);
    expect(s.asked).toEqual([]);
  });
});

describe('writing', () => {
  it('does not overwrite an existing file without confirmation', async () => {
    const dir = tmp();
    const target = join(dir, 'port-logistics-mou-with-xiamen.yaml');
    writeFileSync(target, 'precious\n');
    const io = fakeIo(dir);
    const s = scripted({ ...IDENTITY, overwrite: false, 'other-file': '' });
    const outcome = await runQuestionnaire({}, ctx, io, s.prompter);
    expect(outcome.code).toBe(1);
    expect(readFileSync(target, 'utf8')).toBe('precious\n');
    expect(io.err()).toContain('nothing written');
  });

  it('offers another name instead, and --force replaces without asking', async () => {
    const dir = tmp();
    const target = join(dir, 'port-logistics-mou-with-xiamen.yaml');
    writeFileSync(target, 'precious\n');
    const s = scripted({ ...IDENTITY, overwrite: false });
    const outcome = await runQuestionnaire({}, ctx, fakeIo(dir), s.prompter);
    expect(s.defaults['other-file']).toBe('port-logistics-mou-with-xiamen-2.yaml');
    expect(outcome.file).toBe(join(dir, 'port-logistics-mou-with-xiamen-2.yaml'));
    expect(readFileSync(target, 'utf8')).toBe('precious\n');

    const forced = scripted(IDENTITY);
    await runQuestionnaire({ force: true }, ctx, fakeIo(dir), forced.prompter);
    expect(forced.asked).not.toContain('overwrite');
    expect(readYaml(target).id).toBe('port-logistics-mou-with-xiamen');
  });
});

describe('questionnaireCommand', () => {
  it('exits 130 on Ctrl+C, writes nothing and prints no stack trace', async () => {
    const dir = tmp();
    const io = fakeIo(dir);
    const s = scripted({ ...IDENTITY, 'partner-type': CTRL_C });
    const code = await questionnaireCommand(
      { out: join(dir, 'x.yaml') },
      io,
      () => ctx,
      async () => s.prompter,
    );
    expect(code).toBe(130);
    expect(existsSync(join(dir, 'x.yaml'))).toBe(false);
    expect(io.err()).toBe('\ncdrisk: interrupted, nothing written.\n');
  });

  it('refuses to prompt without a terminal or under CI, before loading anything', async () => {
    for (const [isTTY, env] of [
      [false, {}],
      [true, { CI: 'true' }],
    ] as const) {
      const io = { ...fakeIo(tmp()), env: { ...env } };
      io.stdin.isTTY = isTTY;
      let loaded = false;
      const code = await questionnaireCommand(
        {},
        io,
        () => ((loaded = true), ctx),
        async () => scripted({}).prompter,
      );
      expect(code).toBe(2);
      expect(loaded).toBe(false);
      expect(io.err()).toMatch(/needs a terminal[\s\S]*cdrisk assess FILE/);
    }
  });
});

describe('every gap the report can list can be asked (issue 10 section 8)', () => {
  const q = loadQuestionnaire();
  const patterns = (questions: Question[], parent = '', sep = '.'): string[] =>
    questions.flatMap((x) => {
      const pattern = parent ? `${parent}${sep}${x.path}` : x.path;
      return [pattern, ...(x.fills ?? []), ...patterns(x.questions ?? [], pattern, x.kind === 'group' ? '[].' : '.')];
    });
  const asked = patterns(q.questions);

  it('the fields a question also fills are fields of the format', () => {
    const fills = (qs: Question[]): string[] => qs.flatMap((x) => [...(x.fills ?? []), ...fills(x.questions ?? [])]);
    for (const p of fills(q.questions)) expect(loadContextSync().loader.shapes.has(p), p).toBe(true);
  });

  it.each(Object.keys(loadContextSync().rules.gaps))('gap %s has a question about it', (gap) => {
    expect(
      asked.filter((p) => touches(gap, p)),
      `no question in rules/questionnaire.yaml fills ${gap}`,
    ).not.toEqual([]);
  });

  it('--from on a file whose only gaps are travel asks about travel, and closes the gaps', async () => {
    const dir = tmp();
    const file = join(dir, 'trip.yaml');
    // Everything known but the travel: the report lists the travel gap.
    writeFileSync(
      file,
      [
        'cdrisk: 1',
        'id: lyon-trip',
        'title: Lyon and Stuttgart culture exchange',
        'city: { name: Lyon, country: FR }',
        'partner: { name: Stadt Stuttgart, type: local-government, country: DE, identity_verified: true, verified_via: [embassy], contact_channel: official, rights_concerns: none, sanctioned: false }',
        'agreement: { instrument: twinning, duration_years: open-ended, exit_clause: true, foreign_policy_clauses: false, value: { amount: 20000, currency: EUR } }',
        'activities: [{ type: cultural-exchange, sectors: [culture], ip_sensitive: false, visiting_delegations: false, data_access: false }]',
        'local_actors: [{ name: Musée, type: cultural-institution, international_experience: extensive, washing_concerns: false }]',
        'context: { diaspora_concerns: false, public_controversy: false }',
        'cost_and_impact: { budget_public: true, local_outcomes: [exhibitions], evaluation_planned: true }',
        '',
      ].join('\n'),
    );
    const before = assess(file).gaps.map((g) => g.path);
    expect(before.some((g) => g.startsWith('cost_and_impact.travel'))).toBe(true);
    const s = scripted({
      'trips-per-year': '4',
      'trip-participants': '12',
      'trips-long-haul': 'no',
      'review-rest': false,
      overwrite: true,
    });
    await runQuestionnaire({ from: 'trip.yaml' }, ctx, fakeIo(dir), s.prompter);
    expect(s.asked).toEqual(expect.arrayContaining(['trips-per-year', 'trip-participants', 'trips-long-haul']));
    // The population question was already open in the file and is no gap: it waits for the review of the rest.
    expect(s.asked).not.toContain('city-population');
    expect(readYaml(file)).toMatchObject({
      cost_and_impact: { travel: { trips_per_year: 4, participants: 12, long_haul: false } },
      agreement: { duration_years: 'open-ended' },
    });
    expect(
      assess(file)
        .gaps.map((g) => g.path)
        .filter((g) => g.startsWith('cost_and_impact.travel')),
    ).toEqual([]);
  });

  it('no trips closes the travel gap without asking who travels', async () => {
    const dir = tmp();
    const s = scripted({ ...IDENTITY, 'trips-per-year': '0' });
    const outcome = await runQuestionnaire({ out: 'none.yaml' }, ctx, fakeIo(dir), s.prompter);
    expect(s.asked).not.toContain('trip-participants');
    expect(readYaml(outcome.file!)).toMatchObject({ cost_and_impact: { travel: { trips_per_year: 0 } } });
    expect(
      assess(outcome.file!)
        .gaps.map((g) => g.path)
        .filter((g) => g.includes('travel')),
    ).toEqual([]);
  });

  it('asks an amount and its currency, accepts open-ended, and reads a value_eur file as euros', async () => {
    const dir = tmp();
    const s = scripted({
      ...IDENTITY,
      'duration-years': 'open-ended',
      'value-amount': '250000000',
      'value-currency': 'KRW',
      'city-population': '9400000',
    });
    const outcome = await runQuestionnaire({ out: 'krw.yaml' }, ctx, fakeIo(dir), s.prompter);
    expect(readYaml(outcome.file!)).toMatchObject({
      city: { population: 9400000 },
      agreement: { duration_years: 'open-ended', value: { amount: 250000000, currency: 'KRW' } },
    });
    expect(s.defaults['value-currency']).toBe('EUR');
    const old = join(dir, 'old.yaml');
    writeFileSync(
      old,
      'cdrisk: 1\nid: old\ntitle: Old\ncity: { name: Lyon, country: FR }\npartner: { name: P, country: DE }\nagreement: { value_eur: 5000 }\n',
    );
    const r = scripted({ 'review-rest': true, overwrite: true });
    await runQuestionnaire({ from: 'old.yaml' }, ctx, fakeIo(dir), r.prompter);
    expect(r.defaults['value-amount']).toBe('5000');
    expect(readYaml(old).agreement).toEqual({ value: { amount: 5000, currency: 'EUR' } });
  });

  it('suggests an id cut between words', () => {
    const title = 'Memorandum of understanding on sustainable port logistics and emissions data sharing with Xiamen';
    const id = kebab(title);
    // "...-logistics" is 57 characters; "-and" would pass the limit of 60, which would cut "an".
    expect(id).toBe('memorandum-of-understanding-on-sustainable-port-logistics');
    expect(kebab('a'.repeat(80))).toHaveLength(60);
  });
});

function loadContextSync(): EngineContext {
  return engine();
}

describe('city.region and the signing date (gaps of the obligations work)', () => {
  it('asks for the region as an ISO 3166-2 code of our country, and the signing date', async () => {
    const dir = tmp();
    const bad = scripted({ ...IDENTITY, 'city-region': 'hamburg' });
    await expect(runQuestionnaire({ out: 'r.yaml' }, ctx, fakeIo(dir), bad.prompter)).rejects.toThrow(/ISO 3166-2 code such as US-IN/);
    const other = scripted({ ...IDENTITY, 'city-region': 'FR-IDF' });
    await expect(runQuestionnaire({ out: 'r.yaml' }, ctx, fakeIo(dir), other.prompter)).rejects.toThrow(/must start with DE-/);
    const s = scripted({ ...IDENTITY, 'city-region': 'de-nw', 'signing-date': '2026-02-01' });
    const outcome = await runQuestionnaire({ out: 'r.yaml' }, ctx, fakeIo(dir), s.prompter);
    expect(readYaml(outcome.file!)).toMatchObject({ city: { region: 'DE-NW' }, agreement: { signing_date: '2026-02-01' } });
  });
});

describe('third-party reactions (a gap of sections 1-5 of issue 10)', () => {
  it('are asked as a repeatable group and written to the file', async () => {
    const dir = tmp();
    const s = scripted({
      ...IDENTITY,
      'third-party-reactions#1': true,
      'reaction-country#1': 'united states',
      'reaction-kind#1': 'diplomatic-protest',
      'reaction-note#1': 'protest note, 2026',
      'third-party-reactions#2': false,
    });
    const outcome = await runQuestionnaire({ out: 'tp.yaml' }, ctx, fakeIo(dir), s.prompter);
    expect(readYaml(outcome.file!)).toMatchObject({
      context: { third_party_reactions: [{ country: 'US', reaction: 'diplomatic-protest', note: 'protest note, 2026' }] },
    });
  });
});
