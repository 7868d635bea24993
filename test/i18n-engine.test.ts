// The texts the engine writes into a report (the notes beside evidence, an
// obligation's deadline, the reason a law gives) come from the labels and the
// catalogues, as the formatters' words do: in German, Japanese and Korean they
// hold no common English word, while the ids, paths and values they explain
// stay exactly as in English.
import { describe, expect, it } from 'vitest';
import { cli } from './helpers/cli.js';
import { englishWords } from './helpers/english-words.js';
import type { FileResult } from '../src/report/types.js';

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

/** The texts of a result the engine writes: evidence notes and obligation deadlines. */
function engineTexts(r: FileResult): EngineText[] {
  const notes = evidence(r).flatMap((e) => (e.note ? [{ at: e.at, text: e.note }] : []));
  const deadlines = (r.obligations ?? []).map((o, i) => ({ at: `obligations[${i}].deadline.text`, text: o.deadline.text }));
  return [...notes, ...deadlines];
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
