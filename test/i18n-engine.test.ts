// The texts the engine writes into a report (the notes beside evidence, an
// obligation's deadline, the reason a law gives) come from the labels and the
// catalogues, as the formatters' words do: in German, Japanese and Korean they
// hold no common English word, while the ids, paths and values they explain
// stay exactly as in English.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli } from './helpers/cli.js';
import { englishWords } from './helpers/english-words.js';
import { ROOT, assessDoc, partnershipFrom } from './helpers/engine.js';
import { loadContext } from '../src/cli/context.js';
import type { EngineContext } from '../src/engine/context.js';
import type { FileResult } from '../src/report/types.js';
import { formatDate } from '../src/shared/intl.js';

const TODAY = '2026-12-02';
const FIXTURES = ['fixtures/port-stake-state-investor.yaml', 'fixtures/russian-twinning-active.yaml'];
const OTHER = ['de', 'ja', 'ko'] as const;

/** German shares "in" with English; it is allowed in German texts and only there. */
const ALLOWED: Record<(typeof OTHER)[number], string[]> = { de: ['in'], ja: [], ko: [] };

async function assess(file: string, lang: string): Promise<FileResult> {
  const r = await cli(['assess', file, '--format', 'json', '--today', TODAY, '--lang', lang]);
  expect(r.code, r.stderr).toBe(0);
  return (JSON.parse(r.stdout) as { results: FileResult[] }).results[0];
}

interface EngineText {
  /** Where the text is, e.g. "findings[2].evidence[1]". */
  at: string;
  text: string;
}
type EvidenceShape = { path: string; value: unknown; line?: number };

/** Every evidence item of a result (findings and foresight answers), with the note the engine wrote. */
function evidence(r: FileResult): { at: string; item: EvidenceShape; note?: string }[] {
  const out: { at: string; item: EvidenceShape; note?: string }[] = [];
  (r.findings ?? []).forEach((f, i) =>
    f.evidence.forEach((e, j) =>
      out.push({ at: `findings[${i}].evidence[${j}]`, item: { path: e.path, value: e.value, line: e.line }, note: e.note }),
    ),
  );
  (r.foresight?.steps ?? []).forEach((s, i) =>
    s.answers.forEach((a, j) =>
      (a.evidence ?? []).forEach((e, k) =>
        out.push({
          at: `foresight.steps[${i}].answers[${j}].evidence[${k}]`,
          item: { path: e.path, value: e.value, line: e.line },
          note: e.note,
        }),
      ),
    ),
  );
  return out;
}

/** The texts of a result the engine writes (evidence notes, obligation deadlines) and the section glosses of the laws. */
function engineTexts(r: FileResult): EngineText[] {
  const notes = evidence(r).flatMap((e) => (e.note ? [{ at: e.at, text: e.note }] : []));
  const deadlines = (r.obligations ?? []).map((o, i) => ({ at: `obligations[${i}].deadline.text`, text: o.deadline.text }));
  // The glosses of the sections a law is cited by come from the catalogue (the statute's name may be a proper name in English).
  const sections = (r.obligations ?? []).map((o, i) => ({ at: `obligations[${i}].source.section`, text: o.source.section }));
  return [...notes, ...deadlines, ...sections];
}

describe.each(FIXTURES)('the engine writes in the report language: %s', (file) => {
  it.each(OTHER)('%s: no common English word in the notes and deadlines; ids and values as in English', async (lang) => {
    const [en, other] = await Promise.all([assess(file, 'en'), assess(file, lang)]);
    const texts = engineTexts(other);
    expect(texts.length).toBeGreaterThan(0);
    const english = texts.map((t) => ({ ...t, words: englishWords(t.text, ALLOWED[lang]) })).filter((t) => t.words.length);
    expect(english).toEqual([]);
    // The texts did change...
    expect(texts.map((t) => t.text)).not.toEqual(engineTexts(en).map((t) => t.text));
    // ...and what they explain did not.
    expect(evidence(other).map((e) => [e.at, e.item, e.note === undefined])).toEqual(
      evidence(en).map((e) => [e.at, e.item, e.note === undefined]),
    );
  });
});

describe('every fixture', () => {
  const all = readdirSync(join(ROOT, 'fixtures'))
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => `fixtures/${f}`);
  it.each(OTHER)('%s: no common English word in what the engine writes for any fixture', { timeout: 60_000 }, async (lang) => {
    const r = await cli(['assess', ...all, '--format', 'json', '--today', TODAY, '--lang', lang]);
    expect(r.code, r.stderr).toBe(0);
    const results = (JSON.parse(r.stdout) as { results: FileResult[] }).results;
    const texts = results.flatMap((x) => (x.valid ? engineTexts(x).map((t) => ({ file: x.file, ...t })) : []));
    expect(texts.length).toBeGreaterThan(all.length);
    expect(texts.map((t) => ({ ...t, words: englishWords(t.text, ALLOWED[lang]) })).filter((t) => t.words.length)).toEqual([]);
  });
});

describe('amounts, shares and dates follow the language; English keeps its plain forms', () => {
  const contexts: Record<string, EngineContext> = {};
  beforeAll(async () => {
    for (const lang of ['en', 'de', 'ja'] as const) contexts[lang] = await loadContext({ today: TODAY, lang });
  });
  // 20 billion won against a budget of 300 million euros: converted, then a share of the budget.
  const doc = partnershipFrom({
    city: { budget: { amount: 300_000_000, currency: 'EUR' } },
    agreement: { value_eur: null, value: { amount: 20_000_000_000, currency: 'KRW' } },
    cost_and_impact: { budget_public: false },
  });
  const valueEvidence = (lang: string) => {
    const f = assessDoc(doc, 'money.yaml', contexts[lang]).findings.find((x) => x.ruleId === 'budget-not-public')!;
    return f.evidence.find((e) => e.path === 'agreement.value')!;
  };

  it.each([
    [
      'en',
      "20,000,000,000 KRW = 15,260,652 EUR at the ECB reference rate of {date} ({rate} KRW for 1 EUR); 5.1% of the city's budget of 300,000,000 EUR (large from 0.03%)",
    ],
    [
      'de',
      '20.000.000.000 KRW = 15.260.652 EUR zum EZB-Referenzkurs vom {date} ({rate} KRW für 1 EUR); 5,1 % des städtischen Haushalts von 300.000.000 EUR (groß ab 0,03 %)',
    ],
    [
      'ja',
      '20,000,000,000 KRW = 15,260,652 EUR({date}のECB参照レート、1 EUR = {rate} KRW)；市の予算300,000,000 EURの5.1%(大きいとみなす基準は0.03%)',
    ],
  ])('%s', (lang, note) => {
    const rates = contexts[lang].rules.currencies.rates;
    const rate = lang === 'de' ? '1.310,56' : lang === 'ja' ? '1,310.56' : '1310.56';
    expect(rates.per_euro.KRW).toBe(1310.56);
    const ev = valueEvidence(lang);
    expect(ev.note).toBe(note.replace('{date}', formatDate(lang, rates.date)).replace('{rate}', rate));
    // The value the note explains is the same in every language.
    expect(ev.value).toBe('20,000,000,000 KRW');
  });
});

describe('the reason a law gives', () => {
  // A running Texas sister-city tie with a Chinese city: the law forbids keeping it.
  const doc = partnershipFrom({
    status: 'active',
    city: { name: 'Austin', country: 'US', region: 'US-TX' },
    partner: { country: 'CN' },
    agreement: { signing_date: '2020-01-01' },
  });
  it.each([
    ['en', /^Prohibited by law: .+\. .+ Legal deadline: us-tx-sister-city-foreign-adversary: .+\.$/],
    ['de', /^Gesetzlich verboten: .+\. .+ Gesetzliche Frist: us-tx-sister-city-foreign-adversary: .+\.$/],
    ['ja', /^法律により禁止：.+。.+法定の期限：us-tx-sister-city-foreign-adversary：.+。$/],
    ['ko', /^법으로 금지됨: .+\. .+ 법정 기한: us-tx-sister-city-foreign-adversary: .+\.$/],
  ])('%s', async (lang, reason) => {
    const r = assessDoc(doc, 'tx.yaml', await loadContext({ today: TODAY, lang: lang as 'en' }));
    expect(r.foresight?.recommendation).toBe('disengage');
    expect(r.foresight?.reason).toMatch(reason);
  });
});
