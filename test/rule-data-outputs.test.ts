import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Chalk } from 'chalk';
import { parse, stringify } from 'yaml';
import { readRuleDir, readSourceRuleSet } from '../src/cli/rule-files.js';
import { mergeLayer } from '../src/rules/load-dir.js';
import type { RuleSet } from '../src/rules/ruleset.js';
import { createContext, type EngineContext } from '../src/engine/context.js';
import { assessBytes, buildReport } from '../src/engine/run.js';
import { formatters } from '../src/formatters/index.js';
import { FORMATS, type Format } from '../src/formatters/types.js';
import { UserError } from '../src/shared/errors.js';
import { ROOT, RULES_DIR, TODAY } from './helpers/engine.js';

// Scores and levels, the attention level, the recommendations' meanings and
// the brief's citation are rule data: a --rules pack that changes them changes
// every output.

const tmp = mkdtempSync(join(tmpdir(), 'cdrisk-ruledata-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const builtin = readSourceRuleSet(RULES_DIR).rules;
const bandsYaml = parse(readFileSync(`${RULES_DIR}/bands.yaml`, 'utf8')) as Record<string, unknown>;

/** A rules directory holding the given table files; returns its path. */
function pack(name: string, files: Record<string, unknown>): string {
  const dir = join(tmp, name);
  mkdirSync(dir, { recursive: true });
  for (const [file, value] of Object.entries(files)) writeFileSync(join(dir, file), typeof value === 'string' ? value : stringify(value));
  return dir;
}

function contextWith(dir: string | undefined): EngineContext {
  const rules: RuleSet = dir ? mergeLayer(builtin, readRuleDir(dir)) : builtin;
  return createContext(rules, { today: TODAY });
}

const FIXTURES = ['port-stake-state-investor.yaml', 'council-trip-property-fair.yaml', 'russian-twinning-active.yaml'];

/** Every format's output for the same three fixtures, coloured, under the given rules. */
async function outputs(ctx: EngineContext): Promise<Record<Format, string>> {
  const results = FIXTURES.map((f) => assessBytes(`fixtures/${f}`, readFileSync(`${ROOT}fixtures/${f}`), ctx));
  const report = buildReport(results, 'high');
  const out = {} as Record<Format, string>;
  for (const format of FORMATS)
    out[format] = (await formatters[format]())(report, { chalk: new Chalk({ level: 1 }), rules: ctx.rules, width: 120, failOn: 'high' });
  return out;
}

// Low 1-3, medium 4-5, high 6-9, critical 10-25, and attention from medium up:
// every band moves, so every heat-map cell but the corners changes band.
const shifted = pack('shifted-bands', {
  'bands.yaml': {
    ...bandsYaml,
    bands: [
      { level: 'low', min: 1, max: 3 },
      { level: 'medium', min: 4, max: 5 },
      { level: 'high', min: 6, max: 9 },
      { level: 'critical', min: 10, max: 25 },
    ],
    attention: 'medium',
  },
});

/** The lines of a section: from the line that matches `start` to the first blank line. */
function section(text: string, start: RegExp): string {
  const lines = text.split('\n');
  const from = lines.findIndex((l) => start.test(l));
  expect(from, `no line matches ${start}`).toBeGreaterThanOrEqual(0);
  const to = lines.findIndex((l, i) => i > from && l.trim() === '');
  return lines.slice(from, to).join('\n');
}

describe('a --rules pack that changes the bands changes every output', async () => {
  const before = await outputs(contextWith(undefined));
  const after = await outputs(contextWith(shifted));

  it.each(FORMATS)('%s', (format) => {
    expect(after[format]).not.toBe(before[format]);
  });

  it('the terminal heat map colours its cells by the bands', () => {
    const heat = (t: string) => section(t, /^Heat map/);
    expect(heat(after.table)).not.toBe(heat(before.table));
    // The same counts in the same cells: only the colours moved.
    const plain = (t: string) => heat(t).replace(/\x1b\[[0-9;]*m/g, '');
    expect(plain(after.table)).toBe(plain(before.table));
  });

  it('the briefing heat table names the bands of the pack, and the method states them', () => {
    const heat = (t: string) => section(t, /^\| Likelihood \\ Impact/);
    expect(heat(after.markdown)).not.toBe(heat(before.markdown));
    expect(after.markdown).toContain('1-3 low, 4-5 medium, 6-9 high, 10-25 critical');
    expect(before.markdown).toContain('1-4 low, 5-9 medium, 10-14 high, 15-25 critical');
  });

  it('the HTML heat map colours its cells by the bands', () => {
    const bandOf = (t: string, l: number, i: number) => new RegExp(`data-l="${l}" data-i="${i}" data-band="([a-z]+)"`).exec(t)?.[1];
    // Likelihood 2 x impact 2 = 4: low by the built-in bands, medium by the pack's; 3 x 3 = 9: medium, then high.
    expect([bandOf(before.html, 2, 2), bandOf(after.html, 2, 2)]).toEqual(['low', 'medium']);
    expect([bandOf(before.html, 3, 3), bandOf(after.html, 3, 3)]).toEqual(['medium', 'high']);
  });

  it('SARIF rule levels and GitHub warnings follow the bands and the attention level', () => {
    const levels = (t: string) =>
      (
        JSON.parse(t) as { runs: { tool: { driver: { rules: { defaultConfiguration: { level: string } }[] } } }[] }
      ).runs[0].tool.driver.rules.map((r) => r.defaultConfiguration.level);
    expect(levels(after.sarif)).not.toEqual(levels(before.sarif));
    const warnings = (t: string) => t.split('\n').filter((l) => l.startsWith('::warning')).length;
    expect(warnings(after.github)).toBeGreaterThan(warnings(before.github));
  });
});

describe('the meanings of recommendations and the citation of the brief are data', async () => {
  const foresight = parse(readFileSync(`${RULES_DIR}/foresight.yaml`, 'utf8')) as { words: { before: Record<string, string> } };
  const worded = pack('worded', {
    'foresight.yaml': {
      ...foresight,
      words: { ...foresight.words, before: { ...foresight.words.before, escalate: 'ask the foreign ministry first' } },
    },
  });
  const after = await outputs(contextWith(worded));
  it('markdown and HTML say what the pack says a recommendation means', () => {
    expect(after.markdown).toContain('Recommendation: **ESCALATE** (ask the foreign ministry first)');
    expect(after.html).toContain('<strong>Recommendation: escalate</strong> (ask the foreign ministry first)');
  });
  it('the method cites the brief from sources.yaml', async () => {
    const sources = parse(readFileSync(`${RULES_DIR}/sources.yaml`, 'utf8')) as {
      sources: Record<string, { short?: Record<string, unknown> }>;
    };
    const renamed = pack('renamed-brief', {
      'sources.yaml': {
        sources: {
          'brief-table-1': {
            ...sources.sources['brief-table-1'],
            short: { title: 'Another Brief', authors: 'Doe', publisher: 'Lab', year: 2030 },
          },
        },
      },
    });
    const o = await outputs(contextWith(renamed));
    expect(o.markdown).toContain('the city diplomacy risk matrix of "Another Brief" (Doe, Lab, 2030)');
    expect(o.html).toContain('<cite>Another Brief</cite> (Doe, 2030)');
  });
});

/** Reads a one-table pack and returns the located error it raises. */
function errorOf(name: string, file: string, value: unknown): string {
  try {
    contextWith(pack(name, { [file]: value }));
  } catch (err) {
    if (err instanceof UserError) return err.format();
    throw err;
  }
  return 'no error';
}

describe('rule data that names what the vocabulary or the policy does not have is a located error', () => {
  const foresight = parse(readFileSync(`${RULES_DIR}/foresight.yaml`, 'utf8')) as Record<string, unknown> & {
    recommendation: { recommendation: string; when: Record<string, unknown>; reason: string }[];
    management: Record<string, unknown>;
  };
  it('bands that do not end at the top score of the scales', () => {
    const four = { 1: 'a', 2: 'b', 3: 'c', 4: 'd' };
    expect(errorOf('bands-4x4', 'bands.yaml', { ...bandsYaml, likelihood: four, impact: four })).toMatch(
      /bands\.yaml:\d+:\d+: bands: bands must end at 16/,
    );
    expect(errorOf('bands-gap', 'bands.yaml', { ...bandsYaml, likelihood: { 1: 'a', 3: 'c' } })).toMatch(
      /bands\.yaml:\d+:\d+: likelihood: a rating scale names the ratings 1, 2/,
    );
  });
  it('an attention level no band has', () => {
    const bands = [
      { level: 'low', min: 1, max: 9 },
      { level: 'critical', min: 10, max: 25 },
    ];
    expect(errorOf('attention', 'bands.yaml', { ...bandsYaml, bands, attention: 'high' })).toMatch(
      /attention: "high": no band has this level/,
    );
    expect(errorOf('attention-ok', 'bands.yaml', { ...bandsYaml, bands, attention: 'critical' })).toBe('no error');
  });
  it('a recommendation the policy gives but does not define', () => {
    const policy = foresight.recommendation.map((e, i) => (i === 0 ? { ...e, recommendation: 'pause' } : e));
    expect(errorOf('rec', 'foresight.yaml', { ...foresight, recommendation: policy })).toMatch(
      /foresight\.yaml:\d+:\d+: recommendation\[0\]\.recommendation: "pause": not one of the recommendations words\.before defines \(proceed, /,
    );
  });
  it('a policy whose last entry has conditions', () => {
    const policy = foresight.recommendation.slice(0, -1);
    expect(errorOf('last', 'foresight.yaml', { ...foresight, recommendation: policy })).toMatch(
      /the last entry of the policy has no conditions/,
    );
  });
  it('a status the vocabulary does not have, in the policy or the management view', () => {
    const policy = foresight.recommendation.map((e, i) => (i === 0 ? { ...e, when: { ...e.when, status: ['running'] } } : e));
    expect(errorOf('status', 'foresight.yaml', { ...foresight, recommendation: policy })).toMatch(
      /foresight\.yaml:\d+:\d+: recommendation\[0\]\.when\.status\[0\]: unknown status "running" \(known: proposed, active, suspended, ended\)/,
    );
    expect(errorOf('mgmt', 'foresight.yaml', { ...foresight, management: { ...foresight.management, statuses: ['signed'] } })).toMatch(
      /management\.statuses\[0\]: unknown status "signed"/,
    );
  });
  it('steps numbered out of order', () => {
    const steps = (foresight.steps as { step: number }[]).map((s, i) => (i === 1 ? { ...s, step: 5 } : s));
    expect(errorOf('steps', 'foresight.yaml', { ...foresight, steps })).toMatch(
      /steps\[1\]\.step: 5: expected 2 \(steps are numbered 1, 2, \.\.\. in order\)/,
    );
  });
  it('a tension severity or a state direction off the scale', () => {
    const tension = {
      groups: {},
      tensions: [
        {
          id: 'x-y',
          between: ['DE', 'FR'],
          type: 'trade-dispute',
          since: '2020-01-01',
          severity: 'extreme',
          note: 'n',
          source: 's',
          reviewed: '2026-01-01',
        },
      ],
    };
    expect(errorOf('severity', 'tensions.yaml', tension)).toMatch(
      /tensions\.yaml:\d+:\d+: tensions\[0\]\.severity: unknown tension severity "extreme" \(known: low, medium, high\)/,
    );
    const countries = parse(readFileSync(`${RULES_DIR}/countries.yaml`, 'utf8')) as { state_direction_by_regime: Record<string, string> };
    const regimes = { ...countries.state_direction_by_regime, 'closed-autocracy': 'total' };
    expect(errorOf('direction', 'countries.yaml', { ...countries, state_direction_by_regime: regimes })).toMatch(
      /state_direction_by_regime\.closed-autocracy: unknown state direction "total"/,
    );
  });
});
