// A draft agreement in the assessment: assess --agreement, agreement.text for
// assess and check, questionnaire --agreement. The file's explicit facts win,
// a conflict is a warning in every format, evidence points at the draft.
import { mkdtempSync, writeFileSync, copyFileSync, mkdirSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it, beforeAll } from 'vitest';
import { cli } from './helpers/cli.js';
import { ROOT, engine } from './helpers/engine.js';
import { loadContext } from '../src/cli/context.js';
import type { EngineContext } from '../src/engine/context.js';
import { runQuestionnaire } from '../src/cli/commands/questionnaire.js';
import type { Prompter } from '../src/cli/prompts.js';
import { mergeDraft } from '../src/engine/draft.js';
import { draftInput } from '../src/cli/drafts.js';
import type { Partnership } from '../src/load/partnership-schema.js';
import type { Report } from '../src/report/types.js';
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';

const D = `${ROOT}fixtures/drafts/`;
const rel = (p: string) => relative(process.cwd(), p);
const TODAY = ['--today', '2026-12-02'];

const partnership = (agreement: string, activities = 'activities:\n  - { type: knowledge-exchange, sectors: [ports] }\n') =>
  [
    'cdrisk: 1',
    'id: spr-xiamen-mou',
    'title: MoU with Xiamen on port logistics',
    'city: { name: Springfield, country: US }',
    "partner: { name: Xiamen Municipal People's Government, type: local-government, country: CN, identity_verified: true }",
    agreement,
    activities,
  ].join('\n');

function repo(agreement: string, drafts: string[] = [], activities?: string): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'cdrisk-scan-'));
  mkdirSync(join(dir, 'drafts'));
  for (const d of drafts) copyFileSync(D + d, join(dir, 'drafts', d));
  const file = join(dir, 'p.yaml');
  writeFileSync(file, partnership(agreement, activities));
  return { dir, file };
}

describe('mergeDraft', () => {
  it('fills what the file leaves out, keeps what it states, warns on a conflict', async () => {
    const input = await draftInput(`${D}en-xiamen-mou.pdf`, '--agreement');
    const p = {
      agreement: { foreign_policy_clauses: false },
      activities: [{ type: 'knowledge-exchange' }, { type: 'delegation-visit', data_access: false }],
    } as unknown as Partnership;
    const { partnership: m, provenance, warnings } = mergeDraft('p.yaml', p, input, engine().words);
    expect(m.agreement).toMatchObject({ foreign_policy_clauses: false, exit_clause: false, duration_years: 5 });
    expect(m.activities![0].data_access).toBe(true);
    expect(m.activities![1].data_access).toBe(false);
    expect([...provenance.keys()].sort()).toEqual(['activities[0].data_access', 'agreement.duration_years', 'agreement.exit_clause']);
    expect(provenance.get('agreement.duration_years')!.draft).toEqual({
      file: rel(`${D}en-xiamen-mou.pdf`),
      clause: 'duration',
      page: 2,
      paragraph: 7,
      line: 5,
    });
    expect(warnings).toEqual([
      expect.stringMatching(
        /^p\.yaml: agreement\.foreign_policy_clauses: the file says false, but the draft .*en-xiamen-mou\.pdf has diplomatic-relations-principles at page 1, line 6 \("All activities/,
      ),
    ]);
    // The input is not changed.
    expect(p.agreement).toEqual({ foreign_policy_clauses: false });
  });

  it('says when the file has no activity to carry data access', async () => {
    const input = await draftInput(`${D}de-qingdao-vereinbarung.txt`, '--agreement');
    const { warnings } = mergeDraft('p.yaml', { agreement: {} } as unknown as Partnership, input, engine().words);
    expect(warnings).toEqual(
      expect.arrayContaining([expect.stringMatching(/activities\[\]\.data_access: .* but the file lists no activities/)]),
    );
  });
});

describe('assess --agreement', () => {
  it("carries the clause into the findings' evidence with the draft's name, page and line", async () => {
    const { file } = repo('agreement: { instrument: mou }');
    const r = await cli(['assess', file, '--agreement', `${D}en-xiamen-mou.pdf`, '-f', 'json', ...TODAY]);
    expect(r.code).toBe(0);
    const res = (JSON.parse(r.stdout) as Report).results[0];
    const fp = res.findings.find((f) => f.ruleId === 'foreign-policy-endorsement')!;
    const e = fp.evidence.find((x) => x.path === 'agreement.foreign_policy_clauses')!;
    expect(e).toMatchObject({
      value: true,
      draft: { file: rel(`${D}en-xiamen-mou.pdf`), clause: 'diplomatic-relations-principles', page: 1, line: 6 },
    });
    expect(e.line).toBeUndefined();
    expect(e.note).toMatch(/^from the draft .*en-xiamen-mou\.pdf, page 1, line 6: "All activities under this memorandum/);
    const exit = res.findings.find((f) => f.ruleId === 'no-exit-clause')!.evidence.find((x) => x.path === 'agreement.exit_clause')!;
    expect(exit.note).toMatch(/complete text of the agreement/);
    expect(res.gaps.map((g) => g.path)).not.toContain('agreement.foreign_policy_clauses');
    expect(res.warnings).toEqual([]);
    // The report, draft evidence included, is valid against schema/report.schema.json.
    const validate = new Ajv2020({ strict: true, allErrors: true }).compile(
      JSON.parse(readFileSync(`${ROOT}schema/report.schema.json`, 'utf8')) as object,
    );
    expect(validate(JSON.parse(r.stdout)), JSON.stringify(validate.errors)).toBe(true);
  });

  it('a benign draft raises no foreign-policy finding and fills the exit clause with true', async () => {
    const { file } = repo('agreement: { instrument: twinning }');
    const r = await cli(['assess', file, '--agreement', `${D}en-benign-twinning.docx`, '-f', 'json', ...TODAY]);
    const res = (JSON.parse(r.stdout) as Report).results[0];
    expect(res.findings.map((f) => f.ruleId)).not.toContain('foreign-policy-endorsement');
    expect(res.findings.map((f) => f.ruleId)).not.toContain('no-exit-clause');
    // Nothing political found is not a "no": the question stays open.
    expect(res.gaps.map((g) => g.path)).toContain('agreement.foreign_policy_clauses');
  });

  it('a conflict is a warning in every format', async () => {
    const { file } = repo('agreement: { instrument: mou, foreign_policy_clauses: false }');
    for (const format of ['json', 'table', 'markdown', 'html']) {
      const r = await cli(['assess', file, '--agreement', `${D}zh-xiamen-mou.docx`, '-f', format, ...TODAY]);
      expect([format, r.code]).toEqual([format, 0]);
      // Markdown escapes the underscores.
      expect([format, r.stdout.replace(/\\/g, '')]).toEqual([
        format,
        expect.stringContaining('agreement.foreign_policy_clauses: the file says false, but the draft'),
      ]);
      expect(r.stderr).toMatch(/cdrisk: warning: .*the file's value is kept/);
    }
    // The file's value is kept: no finding on a foreign-policy clause.
    const r = await cli(['assess', file, '--agreement', `${D}zh-xiamen-mou.docx`, '-f', 'json', ...TODAY]);
    expect((JSON.parse(r.stdout) as Report).results[0].findings.map((f) => f.ruleId)).not.toContain('foreign-policy-endorsement');
  });

  it('an unreadable draft makes the file invalid (exit 2); --agreement takes one file', async () => {
    const { file } = repo('agreement: { instrument: mou }');
    const r = await cli(['assess', file, '--agreement', `${D}scanned-no-text.pdf`, '-f', 'json', ...TODAY]);
    expect(r.code).toBe(2);
    expect((JSON.parse(r.stdout) as Report).results[0].errors[0].message).toMatch(/scanned-no-text\.pdf: no text layer: run OCR first/);
    const other = file.replace(/p\.yaml$/, 'q.yaml');
    writeFileSync(other, partnership('agreement: { instrument: mou }').replace('spr-xiamen-mou', 'spr-other'));
    const two = await cli(['assess', file, other, '--agreement', `${D}en-xiamen-mou.txt`, ...TODAY]);
    expect(two.code).toBe(2);
    expect(two.stderr).toMatch(/--agreement reads one draft for one partnership file, and 2 files were given/);
  });
});

describe('agreement.text', () => {
  it('assess and check read the draft relative to the partnership file', async () => {
    const { dir, file } = repo('agreement:\n  instrument: mou\n  text: drafts/ja-dalian-agreement.pdf', ['ja-dalian-agreement.pdf']);
    const a = await cli(['assess', file, '-f', 'json', ...TODAY]);
    const res = (JSON.parse(a.stdout) as Report).results[0];
    expect(res.findings.find((f) => f.ruleId === 'foreign-policy-endorsement')!.evidence.find((e) => e.draft)!.draft).toMatchObject({
      clause: 'one-china',
      page: 1,
      line: 4,
    });
    expect(JSON.stringify(res)).not.toContain('pendingDraft');
    const c = await cli(['check', dir, '-f', 'json', ...TODAY]);
    expect(c.code).toBe(1);
    const cres = (JSON.parse(c.stdout) as Report).results[0];
    expect(cres.findings.map((f) => f.ruleId)).toContain('foreign-policy-endorsement');
    expect(cres.findings.map((f) => f.ruleId)).not.toContain('no-exit-clause');
  });

  it('check: a draft without text layer is an error at the agreement.text line, and the other files are still checked', async () => {
    const { dir } = repo('agreement:\n  instrument: mou\n  text: drafts/scanned-no-text.pdf', ['scanned-no-text.pdf']);
    writeFileSync(join(dir, 'other.yaml'), partnership('agreement: { instrument: mou }').replace('spr-xiamen-mou', 'spr-other'));
    const c = await cli(['check', dir, ...TODAY]);
    expect(c.code).toBe(2);
    expect(c.stdout).toMatch(/p\.yaml:8:9: error: agreement\.text: .*scanned-no-text\.pdf: no text layer: run OCR first/);
    expect(c.stdout).toMatch(/2 files, 1 invalid/);
  });
});

describe('questionnaire --agreement', () => {
  let ctx: EngineContext;
  beforeAll(async () => {
    ctx = await loadContext({ today: '2026-12-02' });
  });
  it('pre-fills the answers the draft implies', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cdrisk-q-'));
    const said: string[] = [];
    const defaults: Record<string, unknown> = {};
    const answers: Record<string, unknown> = {
      title: 'MoU with Qingdao',
      'city-name': 'Hafenstadt',
      'city-country': 'germany',
      'partner-name': 'Qingdao',
      'partner-country': 'CN',
    };
    const take = <T>(name: string, fallback: T): T => ((defaults[name] = fallback), (name in answers ? answers[name] : fallback) as T);
    const prompter: Prompter = {
      say: (t) => void said.push(t),
      text: async (o) => take(o.name, o.default ?? ''),
      choose: async (o) => take(o.name, o.default ?? o.choices[0].value),
      multi: async (o) => take(o.name, [...(o.checked ?? [])]),
      confirm: async (o) => take(o.name, o.default),
      search: async (o) => o.source(take(o.name, ''))[0].value,
    };
    const stdout = Object.assign(new PassThrough(), { columns: 100, isTTY: false });
    const io = { stdout, stderr: new PassThrough(), stdin: { isTTY: true }, env: { NO_COLOR: '1' }, cwd: dir };
    const outcome = await runQuestionnaire({ agreement: `${D}de-qingdao-vereinbarung.docx` }, ctx, io, prompter);
    expect(outcome.code).toBe(0);
    expect(defaults['foreign-policy-clauses']).toBe('yes');
    expect(defaults['exit-clause']).toBe('yes');
    expect(defaults['duration-years']).toBe('5');
    expect(said.join('\n')).toMatch(/3 answer\(s\) taken from the draft as defaults/);
    expect(said.join('\n')).toMatch(/agreement\.foreign_policy_clauses: from the draft .*de-qingdao-vereinbarung\.docx, paragraph 3/);
  });
});
