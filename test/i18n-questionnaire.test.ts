// The questionnaire's own lines (choices, hints, validation messages, the
// written file's header) come from the labels questionnaire.* of the
// language's catalogue; English stays as it was.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { loadContext } from '../src/cli/context.js';
import { loadQuestionnaire, runQuestionnaire } from '../src/cli/commands/questionnaire.js';
import type { PromptChoice, Prompter } from '../src/cli/prompts.js';
import type { Lang } from '../src/rules/i18n.js';

const ANSWERS: Record<string, string> = {
  title: 'Port logistics MoU with Xiamen',
  'city-name': 'Düsseldorf',
  'city-country': 'germany',
  'partner-name': "Xiamen Municipal People's Government",
  'partner-country': 'CN',
};

/** Runs the interview in `lang`, pressing Enter everywhere but the identity, and records what the prompts show. */
async function interview(lang: Lang, typed: Record<string, string> = {}) {
  const ctx = await loadContext({ today: '2026-12-02', lang });
  const choices: Record<string, PromptChoice[]> = {};
  const refusals: Record<string, string> = {};
  const accepts: Record<string, boolean> = {};
  const said: string[] = [];
  const answers = { ...ANSWERS, ...typed };
  const prompter: Prompter = {
    say: (s) => void said.push(s),
    text: async (o) => {
      if (o.validate) {
        const bad = o.validate('1.5');
        if (bad !== true) refusals[o.name] = bad;
        accepts[o.name] = o.validate(answers[o.name] ?? o.default ?? '') === true;
      }
      return answers[o.name] ?? o.default ?? '';
    },
    choose: async (o) => ((choices[o.name] = o.choices), o.default ?? o.choices[0].value),
    multi: async (o) => [...(o.checked ?? [])],
    confirm: async (o) => o.default,
    search: async (o) => o.source(answers[o.name] ?? '')[0].value,
  };
  const cwd = mkdtempSync(join(tmpdir(), 'cdrisk-iq-'));
  const stdout = Object.assign(new PassThrough(), { columns: 100, isTTY: false });
  stdout.resume();
  const io = { stdout, stderr: new PassThrough(), stdin: { isTTY: true }, env: { NO_COLOR: '1' }, cwd };
  const outcome = await runQuestionnaire({ out: 'p.yaml' }, ctx, io, prompter, loadQuestionnaire());
  return { choices, refusals, accepts, said: said.join('\n'), text: readFileSync(outcome.file!, 'utf8') };
}

const names = (c: PromptChoice[] | undefined) => (c ?? []).map((x) => x.name);

describe('the questionnaire’s own lines', () => {
  it('English stays as it was', async () => {
    const r = await interview('en');
    expect(names(r.choices['identity-verified'])).toEqual(['Yes', 'No', "Don't know"]);
    expect(r.refusals['relationship-years']).toBe('Type a whole number.');
    expect(r.refusals['signing-date']).toBe('Write the date as YYYY-MM-DD, or leave it empty.');
    expect(r.refusals.id).toBe('Use lowercase letters and digits joined by single hyphens, e.g. dus-xiamen-port-mou.');
    expect(r.text).toMatch(
      /^# Partnership file written by `cdrisk questionnaire` on 2026-12-02\.\n# Assess it with: cdrisk assess p\.yaml\n/,
    );
    expect(r.said).toContain('describe one international partnership of the city, in three steps.');
    expect(r.said).toContain('\nWrote p.yaml after ');
    expect(r.text).toContain('# Fields left out are not known yet; the report lists them as information gaps.\n');
  });

  it('German: choices, validation messages and the file header', async () => {
    const r = await interview('de', { 'relationship-years': 'Weiß nicht', 'signing-date': "don't know" });
    expect(names(r.choices['identity-verified'])).toEqual(['Ja', 'Nein', 'Weiß nicht']);
    expect(r.refusals['relationship-years']).toBe('Geben Sie eine ganze Zahl ein.');
    expect(r.refusals['signing-date']).toBe('Schreiben Sie das Datum als JJJJ-MM-TT, oder lassen Sie das Feld leer.');
    expect(r.refusals.id).toMatch(/^Verwenden Sie Kleinbuchstaben/);
    // The translated "don't know" is accepted, and so are the English words.
    expect(r.accepts['relationship-years']).toBe(true);
    expect(r.accepts['signing-date']).toBe(true);
    expect(r.text).not.toMatch(/relationship_years|signing_date/);
    const header = r.text.split('\n').filter((l) => l.startsWith('#'));
    expect(header[0]).toBe('# Partnerschaftsdatei, geschrieben von `cdrisk questionnaire` am 2026-12-02.');
    expect(header[1]).toBe('# Bewerten mit: cdrisk assess p.yaml');
    expect(r.said).toContain('in drei Schritten.');
    expect(r.said).toMatch(/\np\.yaml nach \d+ Fragen geschrieben\. Die Bewertung:/);
    expect(header.join('\n')).not.toMatch(/Partnership file written|Fields left out/);
  });
});
