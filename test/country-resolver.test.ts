import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  readCountryTables,
  countryAliasesSchema,
  createCountryResolver,
  normalizeCountryName,
  type CountryResolution,
} from '../src/load/country-resolver.js';
import { readSourceRuleSet } from '../src/cli/rule-files.js';
// @ts-expect-error: a plain ESM script without types
import { deriveCountryNames } from '../scripts/derive-country-names.mjs';

const rules = readSourceRuleSet('rules').rules;
const tables = () => readCountryTables('rules');
const resolver = createCountryResolver(rules.countries.countries, tables);
const code = (s: string) => {
  const r = resolver.resolve(s);
  return r.ok ? r.code : `!${r.reason}`;
};
const ok = (r: CountryResolution) => {
  if (!r.ok) throw new Error(`expected a match, got ${r.reason}`);
  return r;
};

describe('country resolver', () => {
  it('reads ISO codes, English names and common alternatives in any case, with or without accents', () => {
    for (const [input, want] of [
      ['DE', 'DE'],
      ['deu', 'DE'],
      ['Germany', 'DE'],
      ['czechia', 'CZ'],
      ['Czech Republic', 'CZ'],
      ['Türkiye', 'TR'],
      ['Turkey', 'TR'],
      ['Turkiye', 'TR'],
      ['South Korea', 'KR'],
      ['Republic of Korea', 'KR'],
      ['Korea, Republic of', 'KR'],
      ['São Tomé and Príncipe', 'ST'],
      ['Sao Tome & Principe', 'ST'],
      ['SAO TOME AND PRINCIPE', 'ST'],
      ['Côte d’Ivoire', 'CI'],
      ['the Netherlands', 'NL'],
      ['U.S.A.', 'US'],
      ['UK', 'GB'],
    ])
      expect(code(input), input).toBe(want);
  });

  it('reads the names Wikipedia lists write', () => {
    for (const [input, want] of [
      ['Republic of Ireland', 'IE'],
      ['Georgia (country)', 'GE'],
      ['Moldavia', 'MD'],
      ['Byelorussia', 'BY'],
      ['Russian Federation', 'RU'],
    ]) {
      expect(code(input), input).toBe(want);
    }
  });

  it('keeps a UK nation as the region of GB, alone or as "Nation, United Kingdom"', () => {
    expect(ok(resolver.resolve('England'))).toMatchObject({ code: 'GB', region: 'GB-ENG', regionName: 'England' });
    expect(ok(resolver.resolve('Wales, United Kingdom'))).toMatchObject({ code: 'GB', region: 'GB-WLS' });
    expect(ok(resolver.resolve('Northern Ireland'))).toMatchObject({ code: 'GB', region: 'GB-NIR' });
    expect(ok(resolver.resolve('Schottland / UK'))).toMatchObject({ code: 'GB', region: 'GB-SCT' });
  });

  it('keeps the region of "Region, Country", with its ISO 3166-2 code when the table has it', () => {
    expect(ok(resolver.resolve('Lower Saxony, Germany'))).toMatchObject({ code: 'DE', region: 'DE-NI', regionName: 'Lower Saxony' });
    const r = ok(resolver.resolve('Tuscany, Italy'));
    expect(r).toMatchObject({ code: 'IT', regionName: 'Tuscany' });
    expect(r.region).toBeUndefined();
  });

  it('reads native and other-language names', () => {
    for (const [input, want] of [
      ['Deutschland', 'DE'],
      ['日本', 'JP'],
      ['대한민국', 'KR'],
      ['中国', 'CN'],
      ['Italia', 'IT'],
      ['Frankreich', 'FR'],
      ['Россия', 'RU'],
      ['Polska', 'PL'],
    ]) {
      expect(code(input), input).toBe(want);
    }
  });

  it('lists the choices of an ambiguous name and never picks one', () => {
    const korea = resolver.resolve('Korea');
    expect(korea).toMatchObject({ ok: false, reason: 'ambiguous' });
    if (korea.ok) return;
    expect(korea.choices!.map((c) => c.code)).toEqual(['KR', 'KP']);
    expect(resolver.explain('Korea', korea)).toMatch(/KR \(South Korea\), KP \(North Korea\)/);
    const congo = resolver.resolve('Congo');
    expect(!congo.ok && congo.choices!.map((c) => c.code)).toEqual(['CG', 'CD']);
  });

  it('suggests the close name for a typo and does not resolve it', () => {
    const r = resolver.resolve('Germny');
    expect(r).toMatchObject({ ok: false, reason: 'unknown', suggestion: { name: 'Germany', code: 'DE' } });
    if (!r.ok) expect(resolver.explain('Germny', r)).toMatch(/Did you mean "Germany" \(DE\)\?/);
    const far = resolver.resolve('Atlantis Prime');
    expect(far).toMatchObject({ ok: false, reason: 'unknown' });
    expect(!far.ok && far.suggestion).toBeUndefined();
  });

  it('applies the territory rule: own ISO code when there is one, else the ISO country with a note', () => {
    for (const [input, want] of [
      ['Taiwan', 'TW'],
      ['Palestine', 'PS'],
      ['Western Sahara', 'EH'],
      ['Kosovo', 'XK'],
      ['Réunion', 'RE'],
      ['Guadeloupe', 'GP'],
      ['Hong Kong', 'HK'],
    ]) {
      const r = ok(resolver.resolve(input));
      expect(r.code, input).toBe(want);
      expect(r.note, input).toBeUndefined();
    }
    const nc = ok(resolver.resolve('Northern Cyprus'));
    expect(nc).toMatchObject({ code: 'CY', regionName: 'Northern Cyprus' });
    expect(nc.note).toMatch(/no ISO 3166-1 code of its own: recorded under CY/);
    expect(ok(resolver.resolve('Transnistria')).code).toBe('MD');
  });

  it('does not load the alias tables for a name of countries.yaml', () => {
    let loads = 0;
    const r = createCountryResolver(rules.countries.countries, () => {
      loads++;
      return tables();
    });
    expect(r.resolve('DE')).toMatchObject({ ok: true, code: 'DE' });
    expect(r.resolve('Germany')).toMatchObject({ ok: true, code: 'DE' });
    expect(loads).toBe(0);
    r.resolve('Deutschland');
    expect(loads).toBe(1);
  });

  it('without the tables, only codes and the countries table resolve', () => {
    const bare = createCountryResolver(rules.countries.countries);
    expect(bare.resolve('DE')).toMatchObject({ ok: true, code: 'DE' });
    expect(bare.resolve('Deutschland')).toMatchObject({ ok: false, reason: 'unknown' });
  });

  it('normalises case, accents, punctuation and a leading "the"', () => {
    expect(normalizeCountryName('  The  Gambia ')).toBe('gambia');
    expect(normalizeCountryName('Côte d’Ivoire')).toBe('cote divoire');
    expect(normalizeCountryName('Trinidad & Tobago')).toBe('trinidad and tobago');
  });
});

describe('country alias data', () => {
  const table = countryAliasesSchema.parse(parse(readFileSync('rules/country-aliases.yaml', 'utf8')));
  const codes = new Set(rules.countries.countries.map((c) => c.code));

  it('names only known countries and sources, each entry reviewed', () => {
    for (const e of [...table.names, ...table.ambiguous, ...table.subdivisions]) {
      expect(Object.keys(table.sources), JSON.stringify(e)).toContain(e.source);
      expect(e.reviewed).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    for (const e of table.names) expect(codes.has(e.code), e.name).toBe(true);
    for (const e of table.ambiguous) for (const c of e.choices) expect(codes.has(c), e.name).toBe(true);
    for (const e of table.subdivisions) expect(codes.has(e.code.slice(0, 2)), e.code).toBe(true);
  });

  it('has no name twice', () => {
    const seen = new Map<string, string>();
    for (const e of [...table.names, ...table.ambiguous]) {
      const key = normalizeCountryName(e.name);
      expect(seen.has(key), `${e.name} and ${seen.get(key)}`).toBe(false);
      seen.set(key, e.name);
    }
  });

  it('every alias resolves to its entry (no earlier table shadows it)', () => {
    for (const e of table.names) expect(code(e.name), e.name).toBe(e.code);
    for (const e of table.ambiguous) expect(code(e.name), e.name).toBe('!ambiguous');
  });

  it('rules/country-names.json is what scripts/derive-country-names.mjs writes', () => {
    expect(readFileSync('rules/country-names.json', 'utf8')).toBe(deriveCountryNames());
  });
});
