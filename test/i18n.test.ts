// Reports in other languages: the catalogues of rules/i18n match the English
// texts key for key and placeholder for placeholder, and the verdict (levels,
// scores, recommendations, ids) is the same in every language.
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSourceRuleSet } from '../src/cli/rule-files.js';
import { LANGUAGES, leaves, localiseQuestionnaire, localiseRules, lookup, placeholders, sourceTexts } from '../src/rules/i18n.js';
import { parseCatalogue } from '../src/rules/i18n-catalogue.js';
import { catalogueFile, readCatalogueFile } from '../src/cli/localise.js';
import { clauseSourceTexts } from '../src/rules/i18n-clauses.js';
import { builtinCatalogue } from '../src/cli/scan.js';

const readCatalogue = (file: string, lang: string, english: ReturnType<typeof sourceTexts>) =>
  parseCatalogue(readCatalogueFile(file), lang, english);
import { loadQuestionnaire } from '../src/cli/commands/questionnaire.js';
import type { Questionnaire } from '../src/rules/questionnaire-schema.js';
import { UserError } from '../src/shared/errors.js';
import { cli } from './helpers/cli.js';
import type { Report } from '../src/report/types.js';
import { ROOT, RULES_DIR, TODAY } from './helpers/engine.js';

const { rules } = readSourceRuleSet(RULES_DIR);
// With the texts of the clause catalogue (rules/clauses.yaml, the catalogues' clauses: section; see test/i18n-scan-clauses.test.ts).
const english = { ...sourceTexts(rules), ...clauseSourceTexts(builtinCatalogue()) };
const englishLeaves = leaves(english);
const OTHER = LANGUAGES.filter((l) => l !== 'en');
const key = (path: (string | number)[]) => path.join(' > ');
const catalogue = (lang: string) => readCatalogue(catalogueFile(RULES_DIR, lang), lang, english);

describe('catalogues', () => {
  it('the English texts are many, and every rule title is among them', () => {
    expect(englishLeaves.length).toBeGreaterThan(500);
    for (const r of rules.rules) expect(lookup(english, ['rules', r.id, 'title'])).toBe(r.title);
  });

  it.each(OTHER)('%s has every key of the English texts, and no other', (lang) => {
    const { texts } = catalogue(lang);
    const have = new Set(leaves(texts).map((l) => key(l.path)));
    const want = new Set(englishLeaves.map((l) => key(l.path)));
    expect([...want].filter((k) => !have.has(k))).toEqual([]);
    expect([...have].filter((k) => !want.has(k) && !k.startsWith('questionnaire'))).toEqual([]);
  });

  it.each(OTHER)('%s keeps the placeholders of every English text', (lang) => {
    const { texts } = catalogue(lang);
    const differ = englishLeaves.filter((l) => {
      const t = lookup(texts, l.path);
      return t !== undefined && placeholders(t).join() !== placeholders(l.text).join();
    });
    expect(differ.map((l) => key(l.path))).toEqual([]);
  });

  it.each(OTHER)('%s leaves no rule, mitigation, scenario or impact name in English', (lang) => {
    const local = localiseRules(rules, catalogue(lang).texts);
    for (const r of local.rules) expect(r.title, r.id).not.toBe(rules.rules.find((x) => x.id === r.id)!.title);
    for (const [id, m] of Object.entries(local.mitigations)) expect(m.title, id).not.toBe(rules.mitigations[id].title);
    for (const t of ['scenarios', 'impacts'] as const) {
      for (const [id, n] of Object.entries(local.matrix[t])) {
        expect(n.name, id).not.toBe(rules.matrix[t][id].name);
        expect(n.brief, id).toBe(rules.matrix[t][id].name);
      }
    }
  });

  it.each(OTHER)('%s names its language in its header and in the file name', (lang) => {
    const text = readFileSync(catalogueFile(RULES_DIR, lang), 'utf8');
    expect(text).toMatch(new RegExp(`^language: ${lang}$`, 'm'));
  });

  it.each(OTHER)('%s: localising changes texts only (ids, conditions, ratings and order stay)', (lang) => {
    const local = localiseRules(rules, catalogue(lang).texts);
    const strip = (x: unknown): unknown => JSON.parse(JSON.stringify(x, (_k, v) => (typeof v === 'string' ? '' : v)));
    // Every string blanked, the two rule sets are the same shape with the same numbers and booleans...
    const { matrix: lm, ...lrest } = local;
    const { matrix: em, ...erest } = rules;
    expect(strip(lrest)).toEqual(strip(erest));
    expect(Object.keys(lm.scenarios)).toEqual(Object.keys(em.scenarios));
    // ...and every id-like string (kebab-case, codes) is untouched.
    expect(
      local.rules.map((r) => [r.id, r.category, r.scenario, r.impacts, r.mitigations, r.stakeholders, JSON.stringify(r.when)]),
    ).toEqual(rules.rules.map((r) => [r.id, r.category, r.scenario, r.impacts, r.mitigations, r.stakeholders, JSON.stringify(r.when)]));
  });
});

describe('catalogue errors are located', () => {
  const write = (text: string) => {
    const dir = mkdtempSync(join(tmpdir(), 'cdrisk-i18n-'));
    const file = join(dir, 'de.yaml');
    writeFileSync(file, text);
    return file;
  };
  const problem = (text: string): UserError => {
    try {
      readCatalogue(write(text), 'de', english);
    } catch (err) {
      if (err instanceof UserError) return err;
      throw err;
    }
    throw new Error('no error');
  };

  it('an unknown rule id', () => {
    const e = problem('language: de\nname: Deutsch\nrules:\n  no-exit-clauses:\n    title: Keine Ausstiegsklausel\n');
    expect(e.message).toBe('rules.no-exit-clauses: unknown key "no-exit-clauses"');
    expect([e.line, e.column]).toEqual([4, 3]);
  });

  it('an unknown field of a rule', () => {
    const e = problem('language: de\nname: Deutsch\nrules:\n  no-exit-clause:\n    titel: Keine Ausstiegsklausel\n');
    expect(e.message).toBe('rules.no-exit-clause.titel: unknown key "titel"');
    expect([e.line, e.column]).toEqual([5, 5]);
  });

  it('a placeholder lost or renamed', () => {
    const e = problem(
      'language: de\nname: Deutsch\nforesight:\n  steps:\n    "1":\n      outcome:\n        concerns: "{anzahl} Bedenken: {titles}."\n',
    );
    expect(e.message).toMatch(
      /^foresight\.steps\.1\.outcome\.concerns: .*keeps the placeholders of the English text \(\{count\}, \{titles\}\)/,
    );
    expect(e.line).toBe(7);
  });

  it('a list of the wrong length', () => {
    const e = problem('language: de\nname: Deutsch\nforesight:\n  triggers: [eins]\n');
    expect(e.message).toMatch(/^foresight\.triggers/);
    expect(e.line).toBe(4);
  });

  it('a header naming another language', () => {
    const e = problem('language: ja\nname: Deutsch\n');
    expect(e.message).toBe('language: "ja" is not allowed (allowed: de)');
    expect(e.line).toBe(1);
  });
});

describe('questionnaire texts', () => {
  const q = loadQuestionnaire(join(RULES_DIR, 'questionnaire.yaml'));
  const all = sourceTexts(rules, q);
  const qLeaves = leaves(all.questionnaire);
  it.each(OTHER)('%s translates every question, help line and step of the questionnaire', (lang) => {
    // Checked against the loaded questionnaire: readCatalogue throws on an unknown question id.
    const { texts } = readCatalogue(catalogueFile(RULES_DIR, lang), lang, all);
    const have = leaves(texts.questionnaire ?? {}).map((l) => key(l.path));
    expect(have.sort()).toEqual(qLeaves.map((l) => key(l.path)).sort());
    const local = localiseQuestionnaire(q, texts);
    const shape = (x: Questionnaire) =>
      JSON.stringify(x, (k, v) => (['ask', 'why', 'item', 'again', 'title', 'intro'].includes(k) ? '' : v));
    expect(shape(local)).toBe(shape(q));
    expect(local.questions.find((x) => x.id === 'partner-name')!.ask).not.toBe(q.questions.find((x) => x.id === 'partner-name')!.ask);
  });
});

// The verdict of every fixture is the same in every language.
const fixtures = readdirSync(join(ROOT, 'fixtures'))
  .filter((f) => f.endsWith('.yaml'))
  .sort()
  .map((f) => `fixtures/${f}`);

type Verdict = {
  file: string;
  valid: boolean;
  level: string | null;
  score: number | null;
  openLevel: string | null;
  recommendation?: string;
  categories: string[];
  findings: [string, string, number, string, number][];
  obligations: string[];
  gaps: string[];
  stakeholders: [string, boolean][];
};
function verdicts(json: string): Verdict[] {
  const report = JSON.parse(json) as Pick<Report, 'results'>;
  return report.results.map((r) => ({
    file: r.file,
    valid: r.valid,
    level: r.level,
    score: r.score,
    openLevel: r.openLevel,
    recommendation: r.foresight?.recommendation,
    categories: (r.categories ?? []).map((c) => `${c.id}:${c.level}:${c.score}`),
    findings: (r.findings ?? []).map((f) => [f.ruleId, f.level, f.score, f.residual.level, f.residual.score]),
    obligations: (r.obligations ?? []).map((o) => `${o.id}:${o.status}:${o.blocking}`),
    gaps: (r.gaps ?? []).map((g) => `${g.path}:${g.potential}:${g.rules.join()}`),
    stakeholders: (r.stakeholders ?? []).map((s) => [s.code, s.consulted]),
  }));
}

describe('the verdict does not depend on the language', () => {
  it('json of every fixture: same levels, scores, recommendations, finding, obligation and gap ids', { timeout: 60_000 }, async () => {
    const en = await cli(['assess', ...fixtures, '--format', 'json', '--today', TODAY]);
    expect(en.code).toBe(0);
    const base = verdicts(en.stdout);
    expect(base.length).toBe(fixtures.length);
    expect(base.some((v) => v.level === 'critical')).toBe(true);
    for (const lang of OTHER) {
      const other = await cli(['assess', ...fixtures, '--format', 'json', '--today', TODAY, '--lang', lang]);
      expect(other.code, lang).toBe(0);
      expect(verdicts(other.stdout), lang).toEqual(base);
      // ...while the texts are translated.
      expect(other.stdout).not.toBe(en.stdout);
    }
  });

  it('CDRISK_LANG chooses the language, --lang wins over it', async () => {
    const file = 'fixtures/port-stake-state-investor.yaml';
    const title = (out: string) => (JSON.parse(out) as { results: { findings: { title: string }[] }[] }).results[0].findings[0].title;
    const en = title((await cli(['assess', file, '--format', 'json'])).stdout);
    const de = title((await cli(['assess', file, '--format', 'json'], { env: { CDRISK_LANG: 'de' } })).stdout);
    const ja = title((await cli(['assess', file, '--format', 'json', '--lang', 'ja'], { env: { CDRISK_LANG: 'de' } })).stdout);
    expect(new Set([en, de, ja]).size).toBe(3);
    expect(de).toMatch(/[äöüß]|[A-Z][a-z]+ [a-z]+/);
    expect(ja).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
  });

  it('the check gate fails the same files in every language', async () => {
    const base = await cli(['check', 'fixtures', '--fail-on', 'high', '--today', TODAY, '--format', 'json']);
    for (const lang of OTHER) {
      const other = await cli(['check', 'fixtures', '--fail-on', 'high', '--today', TODAY, '--format', 'json', '--lang', lang]);
      expect(other.code, lang).toBe(base.code);
      expect(verdicts(other.stdout), lang).toEqual(verdicts(base.stdout));
    }
  });
});

describe('unknown languages', () => {
  it.each([
    [['--lang', 'fr'], '--lang: unknown language "fr"'],
    [[], 'CDRISK_LANG: unknown language "xx"'],
  ])('%j is a usage error listing the languages', async (args, message) => {
    const r = await cli(['assess', 'fixtures/port-stake-state-investor.yaml', ...args], { env: { CDRISK_LANG: 'xx' } });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`cdrisk: ${message}; available: en (English), de (Deutsch), ja (日本語), ko (한국어)\n`);
  });

  it('an empty CDRISK_LANG means English', async () => {
    const r = await cli(['assess', 'fixtures/port-stake-state-investor.yaml', '--format', 'json'], { env: { CDRISK_LANG: '' } });
    expect(r.code).toBe(0);
  });
});

describe('a --rules pack brings its own translations', () => {
  const pack = () => {
    const dir = mkdtempSync(join(tmpdir(), 'cdrisk-i18n-pack-'));
    mkdirSync(join(dir, 'i18n'));
    writeFileSync(
      join(dir, 'mine.yaml'),
      `pack: mine
rules:
  - id: partner-without-website
    category: ethical-reputational
    scenario: non-genuine-partnership
    impacts: [tarnished-reputation]
    title: The partner has no website
    rationale: A body with no public presence is hard to check.
    when: { path: partner.contact_channel, in: [personal-email, social-media] }
    likelihood: { base: 3 }
    impact: { base: 2 }
    stakeholders: [gov]
    recommendation: Ask the embassy.
    mitigations: [identity-verified-officially]
    source: [brief-ethical]
`,
    );
    return dir;
  };
  const doc = () => {
    const f = join(mkdtempSync(join(tmpdir(), 'cdrisk-i18n-doc-')), 'p.yaml');
    writeFileSync(
      f,
      'cdrisk: 1\nid: x\ntitle: X\ncity: { name: Bonn, country: DE }\npartner: { name: Y, country: FR, contact_channel: social-media }\n',
    );
    return f;
  };
  const titleOf = (out: string) =>
    (JSON.parse(out) as { results: { findings: { ruleId: string; title: string }[] }[] }).results[0].findings.find(
      (f) => f.ruleId === 'partner-without-website',
    )!.title;

  it('its rule is translated, and the built-in texts still are', async () => {
    const dir = pack();
    writeFileSync(
      join(dir, 'i18n', 'de.yaml'),
      'language: de\nname: Deutsch\nrules:\n  partner-without-website:\n    title: Der Partner hat keine Website\n',
    );
    const r = await cli(['assess', doc(), '--rules', dir, '--format', 'json', '--lang', 'de']);
    expect(r.stderr).toBe('');
    expect(titleOf(r.stdout)).toBe('Der Partner hat keine Website');
    expect(r.stdout).toContain('Der Partner kam über einen nichtamtlichen Weg');
    // A language the pack does not translate falls back to its English text.
    const ja = await cli(['assess', doc(), '--rules', dir, '--format', 'json', '--lang', 'ja']);
    expect(titleOf(ja.stdout)).toBe('The partner has no website');
  });

  it("its catalogue is checked against the pack's rules, located", async () => {
    const dir = pack();
    writeFileSync(
      join(dir, 'i18n', 'de.yaml'),
      'language: de\nname: Deutsch\nrules:\n  partner-without-websites:\n    title: Keine Website\n',
    );
    const r = await cli(['assess', doc(), '--rules', dir, '--lang', 'de']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/i18n\/de\.yaml:4:3: rules\.partner-without-websites: unknown key "partner-without-websites"/);
  });
});

describe('the questionnaire in another language', () => {
  it('asks in German and says why in German', async () => {
    const { questionnaireCommand } = await import('../src/cli/commands/questionnaire.js');
    const { createContext } = await import('../src/engine/context.js');
    const { PassThrough } = await import('node:stream');
    const local = localiseRules(rules, catalogue('de').texts);
    const ctx = createContext(local, { today: TODAY, lang: 'de' });
    const shown: string[] = [];
    const stop = () => {
      throw Object.assign(new Error('User force closed the prompt with SIGINT'), { name: 'ExitPromptError' });
    };
    const prompter = {
      say: (t: string) => void shown.push(t),
      text: async (o: { message: string }) => (shown.push(o.message), stop()),
      choose: stop,
      multi: stop,
      confirm: stop,
      search: stop,
    };
    const stdout = Object.assign(new PassThrough(), { columns: 100, isTTY: false });
    const io = {
      stdout,
      stderr: new PassThrough(),
      stdin: Object.assign(new PassThrough(), { isTTY: true }),
      env: { NO_COLOR: '1' },
      cwd: tmpdir(),
    };
    const code = await questionnaireCommand(
      {},
      io,
      () => ctx,
      async () => prompter as never,
    );
    expect(code).toBe(130);
    const text = shown.join('\n');
    expect(text).toContain('Den Partner kennen');
    expect(text).toContain('Was ist die Partnerschaft, in wenigen Worten?');
    expect(text).not.toContain('In a few words');
  });
});

describe('the summary line of check', () => {
  it.each([
    ['en', '2 files, 0 invalid; low 1, medium 0, high 0, critical 1; 1 failed (--fail-on high); 0 accepted'],
    ['de', '2 Dateien, 0 ungültig; gering 1, mittel 0, hoch 0, kritisch 1; 1 durchgefallen (--fail-on high); 0 akzeptiert'],
    ['ja', '2 ファイル、無効 0；低 1、中 0、高 0、重大 1；不合格 1(--fail-on high)；受容 0'],
    ['ko', '파일 2개, 무효 0; 낮음 1, 중간 0, 높음 0, 심각 1; 불합격 1(--fail-on high); 수용 0'],
  ])('%s', async (lang, line) => {
    const r = await cli([
      'check',
      'fixtures/port-stake-state-investor.yaml',
      'fixtures/cultural-exchange-liberal-democracies.yaml',
      '--today',
      TODAY,
      '--lang',
      lang,
    ]);
    expect(r.code).toBe(1);
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe(`cdrisk check: ${line}`);
  });
});

describe('the HTML page names its language', () => {
  it.each(LANGUAGES)('%s', async (lang) => {
    const r = await cli(['assess', 'fixtures/port-stake-state-investor.yaml', '--format', 'html', '--today', TODAY, '--lang', lang]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`<html lang="${lang}">`);
  });
});
