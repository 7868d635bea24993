// cdrisk import and the register reader: real registers, bad registers, dates, ids, --update.
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { cli } from './helpers/cli.js';
import { ROOT } from './helpers/engine.js';
import { makeXlsx } from './helpers/xlsx.js';
import { decodeRegister, openRegister, sniffSeparator } from '../src/cli/register/read.js';
import { excelSerialToIso, slug, toIsoDate } from '../src/cli/register/rows.js';
import { UserError } from '../src/shared/errors.js';

const NBG = `${ROOT}fixtures/registers/nuernberg-partnerstaedte.csv`;
const tmp = () => mkdtempSync(join(tmpdir(), 'cdrisk-import-'));
const write = (dir: string, name: string, data: string | Uint8Array) => {
  const f = join(dir, name);
  writeFileSync(f, data);
  return f;
};
const importTo = (file: string, out: string, ...args: string[]) => cli(['import', file, '--out', out, ...args]);
const yamlIn = (dir: string) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort();

describe('cdrisk import on the Nuremberg register', () => {
  it('writes one valid file per row, with stable ids, regions and a header naming the row', async () => {
    const out = tmp();
    const r = await importTo(NBG, out);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/26 rows, 26 imported .* 0 failed/);
    expect(r.stdout).toMatch(/UTF-8 with BOM, separator ";"/);
    const files = yamlIn(out);
    expect(files).toHaveLength(26);
    expect(files).toContain('nurnberg-glasgow-gb.yaml');
    const glasgow = readFileSync(join(out, 'nurnberg-glasgow-gb.yaml'), 'utf8');
    expect(glasgow).toMatch(/^# Imported by cdrisk import from .*nuernberg-partnerstaedte\.csv, row 4\./);
    expect(parse(glasgow)).toMatchObject({
      city: { name: 'Nürnberg', country: 'DE' },
      partner: { name: 'Glasgow', country: 'GB', region: 'GB-SCT' },
      agreement: { instrument: 'twinning' },
      status: 'active',
    });
    expect(parse(readFileSync(join(out, 'nurnberg-brasov-ro.yaml'), 'utf8')).agreement.signing_date).toBe('2024-05-12');
    expect(parse(readFileSync(join(out, 'nurnberg-klausen-it.yaml'), 'utf8')).agreement).toEqual({
      instrument: 'friendship-agreement',
      signing_date: '1971-01-01',
    });
    // The territory rule is applied in the open: a note in the file and on standard error.
    expect(readFileSync(join(out, 'nurnberg-lefkosa-nikosia-cy.yaml'), 'utf8')).toMatch(
      /# Note: .*Northern Cyprus has no ISO 3166-1 code of its own: recorded under CY/,
    );
    expect(r.stderr).toMatch(/row 27: note: .*Northern Cyprus/);
    // The files pass the loader: assess reads them all.
    const a = await cli(['assess', out, '--format', 'json', '--today', '2026-12-02']);
    expect(a.code).toBe(0);
    expect(JSON.parse(a.stdout).summary.invalid).toBe(0);
  });

  it('never overwrites without --force; --update changes only the mapped fields and keeps the rest', async () => {
    const out = tmp();
    await importTo(NBG, out);
    const file = join(out, 'nurnberg-antalya-tr.yaml');
    const edited = `${readFileSync(file, 'utf8').replace('status: active', 'status: suspended')}# hand-written note\nowner: Amt für Internationale Beziehungen\n`;
    writeFileSync(file, edited);
    const again = await importTo(NBG, out);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/row 11: .*nurnberg-antalya-tr\.yaml exists already \(suggestion: --update/);
    expect(readFileSync(file, 'utf8')).toBe(edited);
    const up = await importTo(NBG, out, '--update');
    expect(up.code, up.stderr).toBe(0);
    expect(up.stdout).toMatch(/1 updated, 25 unchanged/);
    const after = readFileSync(file, 'utf8');
    expect(after).toMatch(/status: active/);
    expect(after).toMatch(/# hand-written note/);
    expect(after).toMatch(/owner: Amt für Internationale Beziehungen/);
    const forced = await importTo(NBG, out, '--force');
    expect(forced.code).toBe(0);
    expect(readFileSync(file, 'utf8')).not.toMatch(/owner:/);
  });

  it('is deterministic: the same register gives the same bytes', async () => {
    const [a, b] = [tmp(), tmp()];
    await importTo(NBG, a);
    await importTo(NBG, b);
    for (const f of yamlIn(a)) expect(readFileSync(join(b, f), 'utf8')).toBe(readFileSync(join(a, f), 'utf8'));
  });
});

describe('register encodings and separators', () => {
  const rows = [
    'Stadt;Land;Partnerstadt;Partnerland;Art',
    'Kiel;Deutschland;Kaliningrad;Russland;Städtepartnerschaft',
    'Kiel;Deutschland;Brest;Frankreich;Städtepartnerschaft',
  ];
  it('reads Windows-1252, UTF-16 with BOM, UTF-8 without BOM and TSV', async () => {
    const dir = tmp();
    const text = `${rows.join('\r\n')}\r\n`;
    const files = {
      'cp1252.csv': Buffer.from(text, 'latin1'),
      'utf16.csv': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
      'plain.csv': Buffer.from(text, 'utf8'),
      'tabs.tsv': Buffer.from(text.replace(/;/g, '\t'), 'utf8'),
    };
    const encodings = { 'cp1252.csv': 'Windows-1252', 'utf16.csv': 'UTF-16LE', 'plain.csv': 'UTF-8', 'tabs.tsv': 'UTF-8' };
    for (const [name, bytes] of Object.entries(files)) {
      const out = tmp();
      const r = await importTo(write(dir, name, bytes), out);
      expect(r.code, `${name}: ${r.stderr}`).toBe(0);
      expect(r.stdout, name).toContain(encodings[name as keyof typeof encodings]);
      expect(parse(readFileSync(join(out, 'kiel-kaliningrad-ru.yaml'), 'utf8')), name).toMatchObject({
        partner: { country: 'RU' },
        agreement: { instrument: 'twinning' },
      });
    }
  });

  it('sniffs the separator from the first lines, quotes respected', () => {
    expect(sniffSeparator('a;b;c\n1;2;3\n')).toBe(';');
    expect(sniffSeparator('a,b,c\n"x;y",2,3\n')).toBe(',');
    expect(sniffSeparator('a\tb\n1\t2\n')).toBe('\t');
    expect(decodeRegister(Buffer.from('a,b\n')).encoding).toBe('UTF-8');
  });
});

describe('bad registers: a clear error, exit 2, nothing half-written', () => {
  const header = 'City,Country,Partner city,Partner country,Type\n';
  it('an empty file and a header without rows', async () => {
    const dir = tmp();
    const out = join(dir, 'out');
    const e = await importTo(write(dir, 'empty.csv', ''), out);
    expect(e.code).toBe(2);
    expect(e.stderr).toMatch(/empty\.csv: the register is empty/);
    const h = await importTo(write(dir, 'header.csv', header), out);
    expect(h.code).toBe(2);
    expect(h.stderr).toMatch(/header\.csv: the register has a header but no rows/);
    expect(existsSync(out) ? yamlIn(out) : []).toEqual([]);
  });

  it('ragged rows, a formula cell and a cell with a line break: the bad rows are listed, the others imported', async () => {
    const dir = tmp();
    const out = join(dir, 'out');
    const csv = `${header}Kiel,Germany,Brest,France,twinning\nKiel,Germany,Gdynia,Poland,twinning,extra,cells\nKiel,Germany,"=HYPERLINK(""http://x"")",Poland,twinning\n"Kiel","Germany","Vaasa\n(Ostrobothnia)","Finland",twinning\nKiel,Germany,Tallinn\n`;
    const r = await importTo(write(dir, 'bad.csv', csv), out);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/5 rows, 2 imported .* 3 failed/);
    const lines = r.stderr.trim().split('\n');
    expect(lines[0]).toMatch(/bad\.csv: row 3: the row has 7 cells, the header 5 \(suggestion: /);
    expect(lines[1]).toMatch(/bad\.csv: row 4, column "Partner city", value "=HYPERLINK.*: the cell holds a formula, not a value/);
    expect(lines[2]).toMatch(/bad\.csv: row 6: the row has 3 cells, the header 5/);
    expect(yamlIn(out)).toEqual(['kiel-brest-fr.yaml', 'kiel-vaasa-ostrobothnia-fi.yaml']);
    expect(parse(readFileSync(join(out, 'kiel-vaasa-ostrobothnia-fi.yaml'), 'utf8')).partner.name).toBe('Vaasa (Ostrobothnia)');
    expect(readdirSync(out).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });

  it('a country nobody can place gets its row, column, value, reason and suggestion', async () => {
    const dir = tmp();
    const r = await importTo(
      write(dir, 'c.csv', `${header}Kiel,Germany,Brest,Frnace,twinning\nKiel,Germany,Busan,Korea,twinning\n`),
      join(dir, 'out'),
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /c\.csv: row 2, column "Partner country", value "Frnace": .*Did you mean "France" \(FR\)\?.*\(suggestion: France \(FR\)\)/,
    );
    expect(r.stderr).toMatch(
      /c\.csv: row 3, column "Partner country", value "Korea": could be more than one country: KR \(South Korea\), KP \(North Korea\).*\(suggestion: KR or KP\)/,
    );
  });

  it('a password-protected workbook, a corrupt XLSX and a CSV named .xlsx', async () => {
    const dir = tmp();
    const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]);
    const enc = await importTo(write(dir, 'locked.xlsx', ole), join(dir, 'o1'));
    expect(enc.code).toBe(2);
    expect(enc.stderr).toMatch(/locked\.xlsx: .*password-protected \(encrypted\) workbook or an old \.xls/);
    const good = makeXlsx([
      ['City', 'Country', 'Partner', 'Partner country'],
      ['Kiel', 'DE', 'Brest', 'FR'],
    ]);
    const broken = Buffer.from(good.subarray(0, Math.floor(good.length / 2)));
    const c = await importTo(write(dir, 'broken.xlsx', broken), join(dir, 'o2'));
    expect(c.code).toBe(2);
    expect(c.stderr).toMatch(/broken\.xlsx: .*(damaged|not a readable XLSX)/);
    expect(c.stderr).not.toMatch(/internal error|\n\s+at /);
    const named = await importTo(write(dir, 'named.xlsx', header), join(dir, 'o3'));
    expect(named.stderr).toMatch(/named\.xlsx: the file is named \.xlsx but is not an XLSX workbook/);
    for (const o of ['o1', 'o2', 'o3']) expect(existsSync(join(dir, o)) ? yamlIn(join(dir, o)) : []).toEqual([]);
  });

  it('a zip bomb disguised as XLSX is stopped at the unpacked-size bound', async () => {
    const dir = tmp();
    const bomb = zipSync({ 'xl/worksheets/sheet1.xml': new Uint8Array(8 * 1024 * 1024) }, { level: 9 });
    expect(bomb.length).toBeLessThan(64 * 1024);
    const file = write(dir, 'bomb.xlsx', bomb);
    await expect(openRegister(file, { maxBytes: 1024 * 1024, maxUnpackedBytes: 1024 * 1024 })).rejects.toThrow(
      /unpacks to more than 1048576 bytes: refused/,
    );
    await expect(openRegister(file, { maxBytes: 1024 * 1024, maxUnpackedBytes: 1024 * 1024 })).rejects.toBeInstanceOf(UserError);
  });
});

describe('XLSX registers', () => {
  it('reads text, numbers, Excel serial dates and formulas with their cached values', async () => {
    const dir = tmp();
    const out = join(dir, 'out');
    const book = makeXlsx([
      ['City', 'Country', 'Partner city', 'Partner country', 'Type', 'Signed'],
      ['Kiel', 'Germany', 'Kaliningrad', 'Russia', 'twinning', 33756],
      ['Kiel', 'Germany', { formula: 'CONCAT("Br","est")', value: 'Brest' }, 'France', 'twinning', '1964'],
    ]);
    const r = await importTo(write(dir, 'reg.xlsx', book), out);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/XLSX, first sheet/);
    expect(parse(readFileSync(join(out, 'kiel-kaliningrad-ru.yaml'), 'utf8')).agreement.signing_date).toBe('1992-06-01');
    expect(existsSync(join(out, 'kiel-brest-fr.yaml'))).toBe(true);
  });
});

describe('dates and ids', () => {
  it('Excel serials, years, German and slashed dates; ambiguous ones need --date-format', () => {
    expect(excelSerialToIso(1)).toBe('1900-01-01');
    expect(excelSerialToIso(43831)).toBe('2020-01-01');
    expect(toIsoDate(43831)).toEqual({ date: '2020-01-01' });
    expect(toIsoDate('2019')).toMatchObject({ date: '2019-01-01' });
    expect(toIsoDate('03.10.1988')).toEqual({ date: '1988-10-03' });
    expect(toIsoDate('31/12/2019')).toEqual({ date: '2019-12-31' });
    expect(toIsoDate('12/05/2019')).toMatchObject({ problem: expect.stringMatching(/day\/month or month\/day/) });
    expect(toIsoDate('12/05/2019', 'DMY')).toEqual({ date: '2019-05-12' });
    expect(toIsoDate('12/05/2019', 'MDY')).toEqual({ date: '2019-12-05' });
    expect(toIsoDate('30.02.2019')).toMatchObject({ problem: expect.stringMatching(/not a real calendar date/) });
    expect(toIsoDate('soon')).toMatchObject({ problem: expect.stringMatching(/not a date/) });
  });

  it('ids from city, partner and country; collisions get a deterministic suffix; other scripts a stable hash', async () => {
    expect(slug('Nürnberg')).toBe('nurnberg');
    expect(slug('Łódź')).toBe('lodz');
    const dir = tmp();
    const out = join(dir, 'out');
    const r = await importTo(
      write(dir, 'ids.csv', 'City,Country,Partner,Partner country\nKiel,DE,Brest,FR\nKiel,DE,Brest,FR\nKiel,DE,横浜,JP\n'),
      out,
    );
    expect(r.code, r.stderr).toBe(0);
    const files = yamlIn(out);
    expect(files).toEqual(expect.arrayContaining(['kiel-brest-fr.yaml', 'kiel-brest-fr-2.yaml']));
    expect(files.find((f) => f.endsWith('-jp.yaml'))).toMatch(/^kiel-[0-9a-z]{7}-jp\.yaml$/);
  });
});

describe('--map and --set', () => {
  it('maps any column to any field, sets a value for every row, and says what is missing', async () => {
    const dir = tmp();
    const file = write(dir, 'm.csv', 'Twin,Nation,Signed on\nBrest,France,1964\n');
    const missing = await importTo(file, join(dir, 'o1'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(
      /no column for city\.name, city\.country, partner\.name: .*--set city\.name=.*Columns found: "Twin", "Nation", "Signed on"/,
    );
    const ok = await importTo(
      file,
      join(dir, 'o2'),
      '--map',
      'partner.name=Twin',
      '--map',
      'agreement.signing_date=Signed on',
      '--set',
      'city.name=Kiel',
      '--set',
      'city.country=DE',
      '--set',
      'agreement.instrument=twinning',
    );
    expect(ok.code, ok.stderr).toBe(0);
    expect(parse(readFileSync(join(dir, 'o2', 'kiel-brest-fr.yaml'), 'utf8'))).toMatchObject({
      city: { name: 'Kiel', country: 'DE' },
      partner: { country: 'FR' },
      agreement: { signing_date: '1964-01-01', instrument: 'twinning' },
    });
    const typo = await importTo(file, join(dir, 'o3'), '--map', 'partner.nmae=Twin');
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(/--map "partner\.nmae": not a field of the partnership format\. Did you mean "partner\.name"\?/);
    const col = await importTo(file, join(dir, 'o4'), '--map', 'partner.name=Twni', '--set', 'city.name=Kiel', '--set', 'city.country=DE');
    expect(col.stderr).toMatch(/--map partner\.name="Twni": the register has no such column\. Did you mean "Twin"\?/);
  });
});
