// cdrisk portfolio: counts against a generated register's truth, formats, schema, history.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { cli } from './helpers/cli.js';
import { ROOT } from './helpers/engine.js';
import { portfolioJsonSchemaText } from '../src/cli/portfolio/schema.js';
import { csvCell } from '../src/cli/portfolio/formats.js';
// @ts-expect-error: a plain ESM script without types
import { EU, generateRegister } from '../scripts/gen-register.mjs';

const NBG = `${ROOT}fixtures/registers/nuernberg-partnerstaedte.csv`;
const TODAY = '2026-12-02';
const tmp = () => mkdtempSync(join(tmpdir(), 'cdrisk-portfolio-'));
const schema = JSON.parse(readFileSync(`${ROOT}schema/portfolio.schema.json`, 'utf8')) as object;
const validate = new Ajv2020({ strict: false, allErrors: true }).compile(schema);

interface Row {
  row: number;
  city: string;
  partner: string | null;
  bad: boolean;
}

describe('a generated register of twinnings, country names as lists write them', () => {
  const ROWS = 3000;
  const { csv, expected } = generateRegister({ rows: ROWS, seed: 7 }) as { csv: string; expected: Row[] };
  const dir = tmp();
  const file = join(dir, 'register.csv');
  writeFileSync(file, csv);

  it('imports at least 99% of the rows and names every other row by its number', async () => {
    const r = await cli(['import', file, '--out', join(dir, 'out')]);
    const bad = expected.filter((e) => e.bad).map((e) => e.row);
    const failed = [...r.stderr.matchAll(/register\.csv: row (\d+),/g)].map((m) => Number(m[1]));
    expect(failed).toEqual(bad);
    const imported = Number(/(\d+) imported/.exec(r.stdout)![1]);
    expect(imported).toBe(ROWS - bad.length);
    expect(imported / ROWS).toBeGreaterThanOrEqual(0.99);
    expect(r.code).toBe(2);
  });

  it('counts by partner country equal the truth, and every EU-Russia/Belarus twinning is high or above', async () => {
    const r = await cli(['portfolio', file, '--format', 'json', '--today', TODAY]);
    const report = JSON.parse(r.stdout);
    expect(validate(report), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    const truth = new Map<string, number>();
    for (const e of expected) if (!e.bad) truth.set(e.partner!, (truth.get(e.partner!) ?? 0) + 1);
    const got = new Map<string, number>(
      report.portfolio.byPartnerCountry.map((c: { country: string; total: number }) => [c.country, c.total]),
    );
    expect(Object.fromEntries([...got].sort())).toEqual(Object.fromEntries([...truth].sort()));
    expect(report.portfolio.invalid).toBe(expected.filter((e) => e.bad).length);
    const euRuBy = report.results.filter(
      (x: { valid: boolean; city: { country: string }; partner: { country: string } }) =>
        x.valid && EU.has(x.city.country) && ['RU', 'BY'].includes(x.partner.country),
    );
    expect(euRuBy.length).toBeGreaterThan(50);
    for (const x of euRuBy) expect(['high', 'critical'], `${x.source} row ${x.row}`).toContain(x.level);
  });
});

describe('portfolio formats', () => {
  it('JSON follows schema/portfolio.schema.json, which is generated from the zod schema, and is deterministic', async () => {
    expect(
      readFileSync(`${ROOT}schema/portfolio.schema.json`, 'utf8'),
      'regenerate with: node bin/cdrisk.js schema --portfolio > schema/portfolio.schema.json',
    ).toBe(portfolioJsonSchemaText());
    const a = await cli(['portfolio', NBG, '--format', 'json', '--today', TODAY]);
    const b = await cli(['portfolio', NBG, '--format', 'json', '--today', TODAY]);
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    const report = JSON.parse(a.stdout);
    expect(validate(report)).toBe(true);
    expect(a.stdout).toBe(`${JSON.stringify(report, null, 2)}\n`);
    expect(report.portfolio.total).toBe(26);
    expect(report.portfolio.byCity).toEqual([{ name: 'Nürnberg', country: 'DE', total: 26, byLevel: expect.any(Object) }]);
    expect(report.results[2]).toMatchObject({
      source: NBG,
      row: 4,
      id: 'nurnberg-glasgow-gb',
      partner: { name: 'Glasgow', country: 'GB', region: 'GB-SCT' },
    });
    expect(report.portfolio.byPartnerCountry.map((c: { country: string }) => c.country)).toContain('PS');
  });

  it('folders of partnership files are read as check reads them', async () => {
    const r = await cli(['portfolio', `${ROOT}fixtures`, '--format', 'json', '--today', TODAY]);
    const report = JSON.parse(r.stdout);
    expect(validate(report)).toBe(true);
    expect(report.results.every((x: { source: string }) => x.source.endsWith('.yaml'))).toBe(true);
    const ru = report.results.find((x: { id: string }) => x.id === 'kst-volgorod-twinning');
    expect(ru).toMatchObject({ city: { country: 'DE' }, partner: { country: 'RU' }, reviewOverdue: true });
    expect(report.portfolio.reviewsOverdue.map((x: { id: string }) => x.id)).toContain('kst-volgorod-twinning');
  });

  it('HTML is one self-contained page: no script, no network, a world map and charts', async () => {
    const r = await cli(['portfolio', NBG, '--format', 'html', '--today', TODAY]);
    const html = r.stdout;
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).not.toMatch(/<script|<link |<img |@import|url\(/i);
    expect(html.replace(/xmlns="http:\/\/www\.w3\.org\/2000\/svg"/g, '')).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect(html).toMatch(/<svg viewBox="0 0 960 498" role="img" aria-labelledby="map-title map-desc"/);
    expect((html.match(/<path d="M/g) ?? []).length).toBeGreaterThan(150);
    expect(html).toMatch(/<title>Türkiye: 1 partnership, highest low<\/title>/);
    expect(html).toMatch(/id="bars-level-t">Partnerships by level/);
    expect(html).toMatch(/<h2 id="cities">By city<\/h2>/);
    expect(html).toMatch(/@page \{ size: A4/);
    expect(html).toMatch(/world-atlas .* \(ISC\)/);
  });

  it('markdown and table name the counts; CSV has one row per partnership and defuses formulas', async () => {
    const md = await cli(['portfolio', NBG, '--format', 'markdown', '--today', TODAY]);
    expect(md.stdout).toMatch(/^# Partnership portfolio\n\n26 partnerships, 0 invalid\./);
    const table = await cli(['portfolio', NBG, '--today', TODAY]);
    expect(table.stdout).toMatch(/By partner country/);
    const csv = await cli(['portfolio', NBG, '--format', 'csv', '--today', TODAY]);
    const lines = csv.stdout.trim().split('\r\n');
    expect(lines).toHaveLength(27);
    expect(lines[0]).toMatch(/^source,row,id,valid,city,city_country,partner,partner_country/);
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('Kiel')).toBe('Kiel');
  });

  it('the table wraps long cells instead of cutting them: every gap question is there in full, within the column', async () => {
    const json = JSON.parse((await cli(['portfolio', NBG, '--format', 'json', '--today', TODAY])).stdout);
    const table = (await cli(['portfolio', NBG, '--today', TODAY])).stdout;
    const section = table.slice(table.indexOf('Most common information gaps'));
    const lines = section.split('\n');
    const column = lines[1].indexOf('question');
    const text = lines
      .slice(3)
      .map((l) => l.slice(column).trim())
      .join(' ');
    for (const g of json.portfolio.topGaps as { question: string }[]) expect(text).toContain(g.question);
    for (const l of lines.slice(3)) expect(l.length - column).toBeLessThanOrEqual(40);
  });

  it('an invalid row makes exit 2 and is listed, the others counted', async () => {
    const dir = tmp();
    const file = join(dir, 'r.csv');
    writeFileSync(file, 'City,Country,Partner,Partner country\nKiel,DE,Brest,FR\nKiel,DE,Busan,Korea\n');
    const r = await cli(['portfolio', file, '--format', 'json', '--today', TODAY]);
    expect(r.code).toBe(2);
    const report = JSON.parse(r.stdout);
    expect(report.portfolio).toMatchObject({ total: 2, invalid: 1 });
    expect(report.results[1]).toMatchObject({ valid: false, row: 3 });
    expect(report.results[1].errors[0]).toMatch(/row 3, column "Partner country", value "Korea": could be more than one country/);
  });
});

describe('screening a register on several threads', () => {
  // Generated rows, then three rows that share one generated id and a row no reader can place.
  const { csv } = generateRegister({ rows: 1200, seed: 3 }) as { csv: string };
  const dir = tmp();
  const file = join(dir, 'register.csv');
  writeFileSync(
    file,
    `${csv.trimEnd()}\nKiel,Germany,Gdynia,Poland,sister city,1985\nKiel,Germany,Gdynia,Poland,friendship,1990\nKiel,Germany,Gdynia,Poland,sister city,\nKiel,Germany,Atlantis,Atlantis,sister city,2001\n`,
  );
  const built = (format: string, threads: string) =>
    spawnSync(process.execPath, [`${ROOT}bin/cdrisk.js`, 'portfolio', file, '--format', format, '--today', TODAY], {
      encoding: 'utf8',
      env: { ...process.env, CDRISK_THREADS: threads, NO_COLOR: '1' },
      maxBuffer: 1 << 28,
    });

  it('gives byte-identical output on one thread and on two (the built CLI, worker threads)', () => {
    for (const format of ['json', 'csv', 'markdown']) {
      const one = built(format, '1');
      const two = built(format, '2');
      expect(one.status, one.stderr).toBe(2);
      expect(two.status).toBe(2);
      expect(two.stdout, format).toBe(one.stdout);
      expect(two.stderr).toBe(one.stderr);
      if (format !== 'json') continue;
      const report = JSON.parse(one.stdout);
      expect(report.portfolio.total).toBe(1204);
      expect(report.results.map((r: { row: number }) => r.row)).toEqual(Array.from({ length: 1204 }, (_, i) => i + 2));
      expect(report.results.slice(-4).map((r: { id: string | null }) => r.id)).toEqual([
        'kiel-gdynia-pl',
        'kiel-gdynia-pl-2',
        'kiel-gdynia-pl-3',
        null,
      ]);
    }
  }, 120_000);

  it('reads the register in pieces with the same result, ids numbered across pieces as import numbers its files', async () => {
    const { loadContext } = await import('../src/cli/context.js');
    const { screenRegister } = await import('../src/cli/portfolio/command.js');
    const ctx = await loadContext({ today: TODAY });
    const whole: unknown[] = [];
    const pieces: unknown[] = [];
    await screenRegister(file, {}, ctx, (r) => whole.push(r));
    await screenRegister(file, {}, ctx, (r) => pieces.push(r), 7);
    expect(pieces).toEqual(whole);
    const out = join(dir, 'out');
    await cli(['import', file, '--out', out]);
    const ids = (whole as { id: string | null; valid: boolean }[]).filter((r) => r.valid).map((r) => r.id);
    expect(ids.filter((id) => id?.startsWith('kiel-gdynia-pl'))).toEqual(['kiel-gdynia-pl', 'kiel-gdynia-pl-2', 'kiel-gdynia-pl-3']);
    for (const id of ids) expect(existsSync(join(out, `${id}.yaml`)), id!).toBe(true);
  }, 60_000);
});

describe('--history', () => {
  it('counts by level at the last commit of each month, through git', async () => {
    const repo = tmp();
    const git = (args: string[], date: string) =>
      execFileSync('git', args, {
        cwd: repo,
        env: {
          ...process.env,
          GIT_AUTHOR_DATE: date,
          GIT_COMMITTER_DATE: date,
          GIT_AUTHOR_NAME: 't',
          GIT_AUTHOR_EMAIL: 't@x',
          GIT_COMMITTER_NAME: 't',
          GIT_COMMITTER_EMAIL: 't@x',
        },
      });
    git(['init', '-q'], '2026-01-01T10:00:00Z');
    mkdirSync(join(repo, 'p'));
    const doc = (id: string, country: string) =>
      `cdrisk: 1\nid: ${id}\ntitle: T ${id}\ncity: { name: Kiel, country: DE }\npartner: { name: P, country: ${country} }\n`;
    writeFileSync(join(repo, 'p', 'a.yaml'), doc('a', 'FR'));
    git(['add', '.'], '2026-01-05T10:00:00Z');
    git(['commit', '-qm', 'a'], '2026-01-05T10:00:00Z');
    writeFileSync(join(repo, 'p', 'b.yaml'), doc('b', 'RU'));
    git(['add', '.'], '2026-03-02T10:00:00Z');
    git(['commit', '-qm', 'b'], '2026-03-02T10:00:00Z');
    writeFileSync(join(repo, 'p', 'c.yaml'), doc('c', 'BY'));
    git(['add', '.'], '2026-03-20T10:00:00Z');
    git(['commit', '-qm', 'c'], '2026-03-20T10:00:00Z');
    const r = await cli(['portfolio', join(repo, 'p'), '--history', '--format', 'json', '--today', TODAY]);
    expect(r.code, r.stderr).toBe(0);
    const h = JSON.parse(r.stdout).history as { month: string; total: number; byLevel: Record<string, number> }[];
    expect(h.map((p) => [p.month, p.total])).toEqual([
      ['2026-01', 1],
      ['2026-03', 3],
    ]);
    expect(h[1].byLevel.critical).toBeGreaterThanOrEqual(2);
    const html = await cli(['portfolio', join(repo, 'p'), '--history', '--format', 'html', '--today', TODAY]);
    expect(html.stdout).toMatch(/<h2 id="history">Trend by month<\/h2>.*<polyline/s);
  });
});

describe('country names in partnership files', () => {
  it('resolve through the same resolver, with choices for ambiguous names and a did-you-mean for typos', async () => {
    const dir = tmp();
    const f = (name: string, country: string) => {
      const file = join(dir, `${name}.yaml`);
      writeFileSync(
        file,
        `cdrisk: 1\nid: ${name}\ntitle: T\ncity: { name: Kiel, country: Deutschland }\npartner: { name: P, country: "${country}" }\n`,
      );
      return file;
    };
    const ok = await cli(['assess', f('ok', 'Wales, United Kingdom'), '--format', 'json', '--today', TODAY]);
    expect(ok.code).toBe(0);
    const korea = await cli(['assess', f('korea', 'Korea'), '--format', 'json', '--today', TODAY]);
    expect(korea.code).toBe(2);
    expect(JSON.parse(korea.stdout).results[0].errors[0].message).toMatch(
      /partner\.country: "Korea" could be more than one country: KR \(South Korea\), KP \(North Korea\)/,
    );
    const typo = await cli(['assess', f('typo', 'Germny'), '--format', 'json', '--today', TODAY]);
    expect(JSON.parse(typo.stdout).results[0].errors[0].message).toMatch(
      /"Germny" is not a country this tool knows\. Did you mean "Germany" \(DE\)\?/,
    );
  });
});
