import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import { parse } from 'yaml';

interface Country {
  code: string;
  alpha3: string;
  name: string;
  regime: string;
  aliases?: string[];
}
interface CountriesFile {
  source: { id: string; title: string; citation: string; licence: string; year: number };
  state_direction_by_regime: Record<string, string>;
  countries: Country[];
}
type Side = string | string[];
interface Tension {
  id: string;
  between: Side[];
  type: string;
  since: string;
  severity: string;
  note: string;
  source: string;
  reviewed: string;
}
interface TensionsFile {
  groups: Record<string, { name: string; members: string[]; source: string; reviewed: string }>;
  tensions: Tension[];
}

const root = new URL('../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');

const countriesText = read('rules/countries.yaml');
const countriesFile = parse(countriesText) as CountriesFile;
const countries = countriesFile.countries;
const byCode = new Map(countries.map((c) => [c.code, c]));
const tensionsFile = parse(read('rules/tensions.yaml')) as TensionsFile;

const REGIMES = ['closed-autocracy', 'electoral-autocracy', 'electoral-democracy', 'liberal-democracy', 'unknown'];
const TYPES = ['armed-conflict', 'sanctions', 'territorial-dispute', 'historical-dispute', 'diplomatic-dispute', 'trade-dispute'];
const SEVERITIES = ['low', 'medium', 'high'];
const KEBAB = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** A real calendar date written YYYY-MM-DD. */
function isIsoDate(value: unknown): boolean {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

describe('rules/countries.yaml', () => {
  it('is in sync with scripts/derive-countries.mjs', async () => {
    const script = new URL('scripts/derive-countries.mjs', root).href;
    const { deriveCountries } = (await import(script)) as { deriveCountries: () => string };
    expect(countriesText).toBe(deriveCountries());
  });

  it('has the source block and a state_direction default for every regime', () => {
    expect(countriesFile.source).toEqual({
      id: 'row-2022',
      title: 'Regimes of the World 2022 (V-Dem v13, via Our World in Data)',
      label: 'Regimes of the World 2022',
      citation: 'V-Dem (2023); Lührmann, Tannenberg and Lindberg (2018); Our World in Data',
      licence: 'CC BY 4.0',
      year: 2022,
    });
    expect(Object.keys(countriesFile.state_direction_by_regime).sort()).toEqual([...REGIMES].sort());
    expect(countriesFile.state_direction_by_regime['closed-autocracy']).toBe('high');
    expect(countriesFile.state_direction_by_regime['liberal-democracy']).toBe('none');
  });

  it('lists every ISO 3166-1 country once, sorted, with valid codes and only the known keys', () => {
    expect(countries.length).toBeGreaterThanOrEqual(249);
    const codes = countries.map((c) => c.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes).toEqual([...codes].sort());
    const alpha3s = countries.map((c) => c.alpha3);
    expect(new Set(alpha3s).size).toBe(alpha3s.length);
    for (const c of countries) {
      expect(c.code).toMatch(/^[A-Z]{2}$/);
      expect(c.alpha3).toMatch(/^[A-Z]{3}$/);
      expect(c.name.length).toBeGreaterThan(0);
      expect(REGIMES).toContain(c.regime);
      for (const k of Object.keys(c)) expect(['code', 'alpha3', 'name', 'regime', 'aliases']).toContain(k);
      if (c.aliases) expect(c.aliases.length).toBeGreaterThan(0);
    }
  });

  it('never gives one name, alias or code to two countries (case-insensitive)', () => {
    const owner = new Map<string, string>();
    const clashes: string[] = [];
    for (const c of countries) {
      const own = new Set<string>();
      for (const n of [c.code, c.alpha3, c.name, ...(c.aliases ?? [])]) {
        const key = n.toLowerCase();
        const prev = owner.get(key);
        if (prev && prev !== c.code) clashes.push(`${n}: ${prev} and ${c.code}`);
        owner.set(key, c.code);
        if (n !== c.code && n !== c.alpha3) {
          expect(own.has(key), `${c.code} repeats "${n}"`).toBe(false);
          own.add(key);
        }
      }
    }
    expect(clashes).toEqual([]);
  });

  it('resolves the names people commonly type', () => {
    const lookup = new Map<string, string>();
    for (const c of countries) for (const n of [c.code, c.alpha3, c.name, ...(c.aliases ?? [])]) lookup.set(n.toLowerCase(), c.code);
    const expected: Record<string, string> = {
      USA: 'US',
      'United States of America': 'US',
      UK: 'GB',
      'Great Britain': 'GB',
      Russia: 'RU',
      'South Korea': 'KR',
      'Republic of Korea': 'KR',
      'North Korea': 'KP',
      Turkey: 'TR',
      Türkiye: 'TR',
      'Czech Republic': 'CZ',
      Czechia: 'CZ',
      Taiwan: 'TW',
      Iran: 'IR',
      Syria: 'SY',
      Vietnam: 'VN',
      Laos: 'LA',
      Bolivia: 'BO',
      Venezuela: 'VE',
      Tanzania: 'TZ',
      Moldova: 'MD',
      'Ivory Coast': 'CI',
      "Côte d'Ivoire": 'CI',
      Burma: 'MM',
      Myanmar: 'MM',
      Macedonia: 'MK',
      'North Macedonia': 'MK',
      Palestine: 'PS',
      Vatican: 'VA',
      'Holy See': 'VA',
      "People's Republic of China": 'CN',
      PRC: 'CN',
      Kosovo: 'XK',
      XKX: 'XK',
      Netherlands: 'NL',
    };
    for (const [name, code] of Object.entries(expected)) expect(lookup.get(name.toLowerCase()), name).toBe(code);
    expect(lookup.has('holland')).toBe(false);
    expect(lookup.has('congo')).toBe(false);
  });

  it('carries the regimes of the source CSV', () => {
    expect(byCode.get('CN')?.regime).toBe('closed-autocracy');
    expect(byCode.get('DE')?.regime).toBe('liberal-democracy');
    expect(byCode.get('RU')?.regime).toBe('electoral-autocracy');
    expect(byCode.get('IN')?.regime).toBe('electoral-autocracy');
    expect(byCode.get('BR')?.regime).toBe('electoral-democracy');
    expect(byCode.get('HK')?.regime).toBe('closed-autocracy');
    expect(byCode.get('XK')?.regime).toBe('electoral-democracy');
    // Not in the source: micro-states, and PS (the source has only a Gaza row).
    expect(byCode.get('MC')?.regime).toBe('unknown');
    expect(byCode.get('LI')?.regime).toBe('unknown');
    expect(byCode.get('PS')?.regime).toBe('unknown');

    // Independent check: every CSV row with an ISO alpha-3 code is carried over unchanged.
    const byAlpha3 = new Map(countries.map((c) => [c.alpha3, c]));
    const rows = read('rules/sources/regimes-of-the-world-2022.csv').trim().split('\n').slice(1);
    let matched = 0;
    for (const line of rows) {
      const [entity, iso3, year, , label] = line.split(',');
      expect(year).toBe('2022');
      if (!/^[A-Z]{3}$/.test(iso3)) continue;
      expect(byAlpha3.get(iso3)?.regime, entity).toBe(label);
      matched++;
    }
    const known = countries.filter((c) => c.regime !== 'unknown').length;
    expect(known).toBe(matched + 1); // + Kosovo (OWID_KOS)
  });
});

describe('rules/tensions.yaml', () => {
  const { groups, tensions } = tensionsFile;

  it('has groups whose members are known, unique countries', () => {
    expect(Object.keys(groups).length).toBeGreaterThan(0);
    for (const [id, g] of Object.entries(groups)) {
      expect(id).toMatch(KEBAB);
      expect(g.name.length, id).toBeGreaterThan(0);
      expect(g.source.length, id).toBeGreaterThan(0);
      expect(isIsoDate(g.reviewed), id).toBe(true);
      expect(new Set(g.members).size, id).toBe(g.members.length);
      for (const m of g.members) expect(byCode.has(m), `${id}: ${m}`).toBe(true);
    }
    expect(groups.eu.members).toHaveLength(27);
    expect(groups['un-members'].members).toHaveLength(193);
  });

  it('has unique kebab-case ids and complete entries', () => {
    const ids = tensions.map((t) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const t of tensions) {
      expect(t.id).toMatch(KEBAB);
      expect(TYPES, t.id).toContain(t.type);
      expect(SEVERITIES, t.id).toContain(t.severity);
      expect(isIsoDate(t.since), `${t.id} since`).toBe(true);
      expect(isIsoDate(t.reviewed), `${t.id} reviewed`).toBe(true);
      expect(t.since <= t.reviewed, t.id).toBe(true);
      expect(typeof t.source === 'string' && t.source.trim().length > 0, t.id).toBe(true);
      expect(typeof t.note === 'string' && t.note.trim().length > 0, t.id).toBe(true);
      for (const k of Object.keys(t)) expect(['id', 'between', 'type', 'since', 'severity', 'note', 'source', 'reviewed']).toContain(k);
    }
  });

  it('names only known countries and groups on both sides', () => {
    const expand = (side: Side, id: string): string[] => {
      if (Array.isArray(side)) {
        expect(side.length, id).toBeGreaterThan(0);
        return side;
      }
      if (side.startsWith('@')) {
        const g = groups[side.slice(1)];
        expect(g, `${id}: ${side}`).toBeDefined();
        return g?.members ?? [];
      }
      return [side];
    };
    const used = new Set<string>();
    for (const t of tensions) {
      expect(t.between, t.id).toHaveLength(2);
      const [a, b] = t.between.map((s) => expand(s, t.id));
      for (const code of [...a, ...b]) {
        expect(code, t.id).toMatch(/^[A-Z]{2}$/);
        expect(byCode.has(code), `${t.id}: ${code}`).toBe(true);
      }
      expect(
        a.some((x) => b.some((y) => x !== y)),
        `${t.id} has no pair of different countries`,
      ).toBe(true);
      for (const s of t.between) if (typeof s === 'string' && s.startsWith('@')) used.add(s.slice(1));
    }
    for (const id of Object.keys(groups)) expect(used.has(id), `group ${id} is never used`).toBe(true);
  });

  it('covers the crises the brief cites', () => {
    const pairs = (x: string, y: string) =>
      tensions.filter((t) => {
        const [a, b] = t.between.map((s) => (Array.isArray(s) ? s : s.startsWith('@') ? (groups[s.slice(1)]?.members ?? []) : [s]));
        return (a.includes(x) && b.includes(y)) || (a.includes(y) && b.includes(x));
      });
    expect(pairs('RU', 'UA').map((t) => t.type)).toContain('armed-conflict');
    expect(pairs('RU', 'US').map((t) => t.type)).toContain('sanctions');
    expect(pairs('BY', 'DE').map((t) => t.type)).toContain('sanctions');
    expect(pairs('RU', 'JP').map((t) => t.type)).toContain('sanctions');
    expect(pairs('JP', 'KR').map((t) => t.type)).toContain('historical-dispute');
    expect(pairs('KP', 'BR').map((t) => t.type)).toContain('sanctions');
  });
});
