import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod';
import YAML from 'yaml';
import { didYouMean } from './did-you-mean.js';
import type { Say } from './messages.js';

/**
 * The one country resolver: partnership files, `cdrisk import` and
 * `cdrisk portfolio` turn what people write ("England", "Wales, United
 * Kingdom", "Republic of Ireland", "Deutschland", "대한민국") into an ISO
 * 3166-1 alpha-2 code through it. The rules are in rules/country-aliases.yaml
 * (read at the top of that file).
 */

export interface CountryMatch {
  ok: true;
  code: string;
  /** ISO 3166-2 code of the region, when one is known ("GB-WLS"). */
  region?: string;
  /** The region as written or named ("Wales", "Lower Saxony", "Northern Cyprus"). */
  regionName?: string;
  /** Set when the territory rule applied: what it did, in a sentence. */
  note?: string;
}

export interface CountryMiss {
  ok: false;
  reason: 'unknown' | 'ambiguous' | 'empty';
  /** For an ambiguous name: the codes it may mean, with their names. */
  choices?: { code: string; name: string }[];
  /** For an unknown name: the closest known name and its code. */
  suggestion?: { name: string; code: string };
}

export type CountryResolution = CountryMatch | CountryMiss;

export interface CountryResolver {
  resolve(input: string): CountryResolution;
  /** The message a person reads when `resolve` fails: in English, or in the words of `say` (labels errors.country.*). */
  explain(input: string, miss: CountryMiss, say?: Say): string;
  nameOf(code: string): string;
}

export interface CountryEntry {
  code: string;
  alpha3: string;
  name: string;
  aliases?: string[];
}

const reviewed = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const code2 = z.string().regex(/^[A-Z]{2}$/);
export const countryAliasesSchema = z.strictObject({
  sources: z.record(z.string(), z.strictObject({ title: z.string(), citation: z.string(), url: z.string().optional() })),
  subdivisions: z.array(
    z.strictObject({
      code: z.string().regex(/^[A-Z]{2}-[A-Z0-9]{1,3}$/),
      names: z.array(z.string().min(1)).min(1),
      source: z.string(),
      reviewed,
    }),
  ),
  names: z.array(
    z.strictObject({
      name: z.string().min(1),
      code: code2,
      region: z.string().optional(),
      territory: z.boolean().optional(),
      source: z.string(),
      reviewed,
    }),
  ),
  ambiguous: z.array(z.strictObject({ name: z.string().min(1), choices: z.array(code2).min(2), source: z.string(), reviewed })),
});
export type CountryAliases = z.infer<typeof countryAliasesSchema>;

export interface CountryNames {
  names: Record<string, string[]>;
}

/** The key a name is looked up by: no case, accents, dots, apostrophes or extra spaces; "&" is "and"; no leading "the". */
export function normalizeCountryName(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[’'`´.]/g, '')
    .replace(/&/g, ' and ')
    .replace(/[‐-―−_]/g, '-')
    .replace(/\s*-\s*/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^the /, '');
}

export interface CountryTables {
  aliases: CountryAliases;
  names: CountryNames;
}

const read = new Map<string, CountryTables>();

/** The alias table and the names in other languages of a rules folder (the CLI gives the package's), read once. */
export function readCountryTables(rulesDir: string): CountryTables {
  let t = read.get(rulesDir);
  if (!t) {
    const aliases = countryAliasesSchema.parse(YAML.parse(readFileSync(join(rulesDir, 'country-aliases.yaml'), 'utf8')));
    const names = JSON.parse(readFileSync(join(rulesDir, 'country-names.json'), 'utf8')) as CountryNames;
    read.set(rulesDir, (t = { aliases, names }));
  }
  return t;
}

/** Without the tables, only codes and the names of the countries table resolve. */
const NO_TABLES = (): CountryTables => ({ aliases: { sources: {}, subdivisions: [], names: [], ambiguous: [] }, names: { names: {} } });

type Target = { code: string; region?: string; regionName?: string; territory?: boolean } | { choices: string[] };

/**
 * Builds a resolver over the countries table. The exact table (codes, names
 * and aliases of countries.yaml) answers first and costs nothing more; the
 * alias table and the names in other languages are loaded only when a name
 * is not in it.
 */
export function createCountryResolver(countries: readonly CountryEntry[], tables: () => CountryTables = NO_TABLES): CountryResolver {
  const exact = new Map<string, string>();
  const names = new Map<string, string>();
  for (const c of countries) {
    names.set(c.code, c.name);
    for (const n of [c.code, c.alpha3, c.name, ...(c.aliases ?? [])]) exact.set(normalizeCountryName(n), c.code);
  }
  const known = new Set(names.keys());
  let extended: { targets: Map<string, Target>; subdivisions: Map<string, string>; candidates: Map<string, string> } | undefined;

  const load = () => {
    if (extended) return extended;
    const t = tables();
    const targets = new Map<string, Target>();
    // Names of other languages first, so that the reviewed alias table wins over them.
    const multi = new Map<string, Set<string>>();
    for (const [code, list] of Object.entries(t.names.names)) {
      if (!known.has(code)) continue;
      for (const n of list) {
        const key = normalizeCountryName(n);
        if (exact.has(key)) continue;
        const set = multi.get(key) ?? new Set<string>();
        set.add(code);
        multi.set(key, set);
      }
    }
    for (const [key, set] of multi) targets.set(key, set.size === 1 ? { code: [...set][0] } : { choices: [...set].sort() });
    const subdivisions = new Map<string, string>();
    for (const s of t.aliases.subdivisions) {
      const country = s.code.slice(0, 2);
      for (const n of s.names) {
        subdivisions.set(`${country}|${normalizeCountryName(n)}`, s.code);
        // The UK's nations stand for the country on their own ("England").
        if (country === 'GB') targets.set(normalizeCountryName(n), { code: 'GB', region: s.code, regionName: s.names[0] });
      }
    }
    for (const a of t.aliases.names)
      targets.set(normalizeCountryName(a.name), { code: a.code, regionName: a.region, territory: a.territory });
    for (const a of t.aliases.ambiguous) targets.set(normalizeCountryName(a.name), { choices: a.choices });
    // Typo candidates: every English name and alias, the alias table's names.
    const candidates = new Map<string, string>();
    for (const c of countries) for (const n of [c.name, ...(c.aliases ?? [])]) candidates.set(n, c.code);
    for (const a of t.aliases.names) candidates.set(a.name, a.code);
    for (const s of t.aliases.subdivisions.filter((x) => x.code.startsWith('GB-'))) candidates.set(s.names[0], 'GB');
    return (extended = { targets, subdivisions, candidates });
  };

  const match = (target: Target, regionName?: string): CountryResolution => {
    if ('choices' in target)
      return { ok: false, reason: 'ambiguous', choices: target.choices.map((code) => ({ code, name: names.get(code) ?? code })) };
    const out: CountryMatch = { ok: true, code: target.code };
    const region = regionName ?? target.regionName;
    if (region) {
      out.regionName = region;
      const sub = target.region ?? load().subdivisions.get(`${target.code}|${normalizeCountryName(region)}`);
      if (sub) out.region = sub;
    }
    if (target.territory) {
      out.note = `${target.regionName} has no ISO 3166-1 code of its own: recorded under ${target.code} (${names.get(target.code) ?? target.code}), as ISO 3166 counts it, with "${target.regionName}" as the region`;
    }
    return out;
  };

  const lookup = (key: string): Target | undefined => {
    const code = exact.get(key);
    if (code) return { code };
    return load().targets.get(key);
  };

  const resolve = (input: string): CountryResolution => {
    const raw = input.trim();
    if (!raw) return { ok: false, reason: 'empty' };
    const key = normalizeCountryName(raw);
    const direct = lookup(key);
    if (direct) return match(direct);
    // "Region, Country": the country after the last comma, the rest as the region.
    const comma = raw.lastIndexOf(',');
    if (comma > 0) {
      const country = lookup(normalizeCountryName(raw.slice(comma + 1)));
      const regionText = raw.slice(0, comma).trim();
      if (country && regionText) {
        if ('choices' in country) return match(country);
        // "Wales, United Kingdom": the region names a nation the table knows.
        const inner = lookup(normalizeCountryName(regionText));
        if (inner && !('choices' in inner) && inner.code === country.code && inner.regionName) return match(inner);
        return match(country, regionText);
      }
    }
    // "Georgia (country)", "Macedonia (FYROM)": the note in brackets does not count.
    const bare = raw.replace(/\s*[([][^)\]]*[)\]]\s*$/, '').trim();
    if (bare && bare !== raw) {
      const t = lookup(normalizeCountryName(bare));
      if (t) return match(t);
    }
    // "Region / Country" as German registers write "Schottland / UK".
    const slash = raw.split('/').map((s) => s.trim());
    if (slash.length === 2 && slash[0] && slash[1]) {
      const country = lookup(normalizeCountryName(slash[1]));
      if (country && !('choices' in country)) {
        const inner = lookup(normalizeCountryName(slash[0]));
        if (inner && !('choices' in inner) && inner.code === country.code) return match(inner);
      }
      const first = lookup(normalizeCountryName(slash[0]));
      if (first && !('choices' in first) && !country) return match(first);
    }
    const { candidates } = load();
    // "?", "XX" or "ABC" read as a code, not as a misspelt name: no suggestion below four letters.
    if (raw.length < 4) return { ok: false, reason: 'unknown' };
    const room = Math.max(2, Math.floor(raw.length / 3));
    const guess = didYouMean(
      raw,
      [...candidates.keys()].filter((c) => Math.abs(c.length - raw.length) <= room),
    );
    return { ok: false, reason: 'unknown', ...(guess ? { suggestion: { name: guess, code: candidates.get(guess)! } } : {}) };
  };

  // Registers repeat the same spellings: remember each answer.
  const memo = new Map<string, CountryResolution>();
  const remembered = (input: string): CountryResolution => {
    let r = memo.get(input);
    if (!r) {
      r = resolve(input);
      if (memo.size < 50_000) memo.set(input, r);
    }
    return r;
  };

  return {
    resolve: remembered,
    nameOf: (code) => names.get(code) ?? code,
    explain(input, miss, say) {
      const shown = JSON.stringify(input);
      if (miss.reason === 'empty')
        return say ? say('errors.country.empty') : 'no country given: write an ISO 3166-1 code such as DE, an English name, or unknown';
      if (miss.reason === 'ambiguous') {
        const choices = miss.choices!.map((c) => `${c.code} (${c.name})`).join(', ');
        return say
          ? say('errors.country.ambiguous', { value: shown, choices })
          : `${shown} could be more than one country: ${choices}; write the ISO code of the one you mean`;
      }
      const s = miss.suggestion;
      if (say)
        return s
          ? say('errors.country.guess', { value: shown, guess: `"${s.name}"`, code: s.code })
          : say('errors.country.not-known', { value: shown });
      const hint = s ? ` Did you mean "${s.name}" (${s.code})?` : '';
      return `${shown} is not a country this tool knows.${hint} Use an ISO 3166-1 code such as DE or DEU, a country name, or unknown`;
    },
  };
}
