#!/usr/bin/env node
// Derives rules/countries.yaml from the Regimes of the World 2022 table in
// rules/sources/ and the ISO 3166-1 list of i18n-iso-countries (English names).
//
//   node scripts/derive-countries.mjs          writes rules/countries.yaml
//   import { deriveCountries } from '...'      returns the same text (for tests)
//
// The output is deterministic: countries sorted by alpha-2 code, names and
// aliases in a fixed order, no timestamps. Any CSV row that cannot be placed
// on an ISO code, and any name shared by two countries, stops the script.

import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import YAML from 'yaml';

const require = createRequire(import.meta.url);
const isoCountries = require('i18n-iso-countries');
isoCountries.registerLocale(require('i18n-iso-countries/langs/en.json'));

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const CSV_PATH = join(ROOT, 'rules', 'sources', 'regimes-of-the-world-2022.csv');
export const OUT_PATH = join(ROOT, 'rules', 'countries.yaml');

const REGIMES = ['closed-autocracy', 'electoral-autocracy', 'electoral-democracy', 'liberal-democracy'];

const SOURCE = {
  id: 'row-2022',
  title: 'Regimes of the World 2022 (V-Dem v13, via Our World in Data)',
  label: 'Regimes of the World 2022',
  citation: 'V-Dem (2023); Lührmann, Tannenberg and Lindberg (2018); Our World in Data',
  licence: 'CC BY 4.0',
  year: 2022,
};

const STATE_DIRECTION_BY_REGIME = {
  'closed-autocracy': 'high',
  'electoral-autocracy': 'medium',
  'electoral-democracy': 'low',
  'liberal-democracy': 'none',
  unknown: 'unknown',
};

/** OWID's own codes and the rows without an ISO 3166-1 code. */
const OWID_CODES = { OWID_KOS: 'XK' };
const SKIPPED_ROWS = {
  OWID_SML: 'Somaliland has no ISO 3166-1 code (it is part of SO in ISO terms)',
  OWID_ZAN: 'Zanzibar has no ISO 3166-1 code (it is part of TZ in ISO terms)',
  'Palestine/Gaza': 'the row covers only the Gaza Strip and has no code; PS (West Bank and Gaza) stays unknown',
};

/** Kosovo is a user-assigned code; XKX is the alpha-3 used by the EU and the World Bank. */
const ALPHA3_OVERRIDES = { XK: 'XKX' };

/** The English short name shown to users, where the library's first name is a formal or inverted one. */
const NAME_OVERRIDES = {
  BN: 'Brunei',
  CD: 'Democratic Republic of the Congo',
  CG: 'Republic of the Congo',
  CI: "Côte d'Ivoire",
  CN: 'China',
  CZ: 'Czechia',
  FK: 'Falkland Islands',
  FM: 'Micronesia',
  GM: 'Gambia',
  IR: 'Iran',
  LA: 'Laos',
  MD: 'Moldova',
  MK: 'North Macedonia',
  PS: 'Palestine',
  RE: 'Réunion',
  RU: 'Russia',
  SY: 'Syria',
  TW: 'Taiwan',
  TZ: 'Tanzania',
  US: 'United States',
  VA: 'Holy See',
  VG: 'British Virgin Islands',
  VI: 'United States Virgin Islands',
};

/** Names people commonly write that the library does not give. */
const EXTRA_ALIASES = {
  BN: ['Brunei Darussalam'],
  BO: ['Plurinational State of Bolivia'],
  CN: ['PRC'],
  CD: ['DR Congo', 'DRC', 'Congo-Kinshasa', 'Congo (Kinshasa)'],
  CG: ['Congo-Brazzaville', 'Congo (Brazzaville)'],
  CI: ["Cote d'Ivoire", 'Ivory Coast'],
  CV: ['Cabo Verde'],
  CW: ['Curacao'],
  FM: ['Federated States of Micronesia'],
  GB: ['United Kingdom of Great Britain and Northern Ireland', 'Britain'],
  KP: ["Democratic People's Republic of Korea", "Korea, Democratic People's Republic of", 'DPRK'],
  KR: ['ROK'],
  LA: ["Lao People's Democratic Republic", 'Lao PDR'],
  MD: ['Republic of Moldova', 'Moldova, Republic of'],
  MK: ['Republic of North Macedonia', 'Macedonia'],
  MM: ['Burma'],
  HK: ['Hong Kong SAR'],
  MO: ['Macau', 'Macao SAR'],
  PS: ['Palestinian Territories'],
  RE: ['Reunion'],
  SH: ['Saint Helena, Ascension and Tristan da Cunha'],
  SX: ['Sint Maarten'],
  SY: ['Syrian Arab Republic'],
  SZ: ['Swaziland'],
  TL: ['East Timor'],
  TR: ['Turkiye', 'Republic of Türkiye'],
  TW: ['Republic of China', 'Chinese Taipei'],
  VA: ['Vatican', 'Vatican City', 'Vatican City State'],
  VE: ['Bolivarian Republic of Venezuela'],
  VI: ['US Virgin Islands', 'U.S. Virgin Islands'],
  VN: ['Viet Nam'],
  XK: ['Republic of Kosovo'],
};

/** Names that fit more than one country: never used as a name or alias. */
const AMBIGUOUS = new Set(['congo', 'korea', 'virgin islands']);

/** A small CSV reader (double quotes, commas); the source file is plain but a newer year may quote names. */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.length > 1 || r[0] !== '');
}

/** Reads the regimes CSV: a map alpha-2 -> { regime, entity }, plus the year. */
export function readRegimes(csvText = readFileSync(CSV_PATH, 'utf8')) {
  const [header, ...rows] = parseCsv(csvText);
  const expected = ['entity', 'iso3', 'year', 'regime_row', 'regime_label'];
  if (header.join(',') !== expected.join(',')) throw new Error(`unexpected CSV header: ${header.join(',')}`);
  const byCode = new Map();
  const years = new Set();
  const skipped = [];
  for (const [entity, iso3, year, row, label] of rows) {
    years.add(Number(year));
    if (REGIMES[Number(row)] !== label) throw new Error(`${entity}: regime_row ${row} does not match ${label}`);
    const skip = SKIPPED_ROWS[iso3] ?? (iso3 === '' ? SKIPPED_ROWS[entity] : undefined);
    if (skip) {
      skipped.push({ entity, reason: skip });
      continue;
    }
    const code = OWID_CODES[iso3] ?? isoCountries.alpha3ToAlpha2(iso3);
    if (!code) throw new Error(`${entity} (${iso3 || 'no code'}): no ISO 3166-1 code; map or skip it in derive-countries.mjs`);
    if (byCode.has(code)) throw new Error(`${entity}: two rows for ${code}`);
    byCode.set(code, { regime: label, entity });
  }
  if (years.size !== 1) throw new Error(`expected one year in the CSV, found ${[...years].join(', ')}`);
  return { byCode, year: [...years][0], skipped };
}

/** Builds the country list: every ISO 3166-1 code the library knows (plus XK), sorted by code. */
export function buildCountries(regimes = readRegimes()) {
  const names = isoCountries.getNames('en', { select: 'all' });
  const codes = Object.keys(names).sort();
  for (const code of regimes.byCode.keys()) if (!names[code]) throw new Error(`${code} is in the CSV but not in i18n-iso-countries`);

  const countries = codes.map((code) => {
    const libraryNames = names[code];
    const row = regimes.byCode.get(code);
    const candidates = [NAME_OVERRIDES[code] ?? libraryNames[0], ...libraryNames, ...(EXTRA_ALIASES[code] ?? [])];
    if (row) candidates.push(row.entity);
    const seen = new Set();
    const unique = [];
    for (const n of candidates) {
      const key = n.toLowerCase();
      if (seen.has(key) || AMBIGUOUS.has(key)) continue;
      seen.add(key);
      unique.push(n);
    }
    const [name, ...aliases] = unique;
    const alpha3 = ALPHA3_OVERRIDES[code] ?? isoCountries.alpha2ToAlpha3(code);
    const entry = { code, alpha3, name, regime: row ? row.regime : 'unknown' };
    if (aliases.length) entry.aliases = aliases;
    return entry;
  });

  // Every code, alpha-3, name and alias must point to exactly one country.
  const owner = new Map();
  for (const c of countries) {
    for (const n of [c.code, c.alpha3, c.name, ...(c.aliases ?? [])]) {
      const key = n.toLowerCase();
      const prev = owner.get(key);
      if (prev && prev !== c.code) throw new Error(`"${n}" is used by both ${prev} and ${c.code}`);
      owner.set(key, c.code);
    }
  }
  return countries;
}

const HEADER = `Generated by scripts/derive-countries.mjs: do not edit by hand; run
  node scripts/derive-countries.mjs
after changing rules/sources/regimes-of-the-world-2022.csv or the script.

Every ISO 3166-1 country and territory (plus Kosovo, XK), with its regime in
2022 in the Regimes of the World classification. Source: V-Dem (2023);
Lührmann, Tannenberg and Lindberg (2018), "Regimes of the World (RoW)";
Our World in Data, "Political regime" (CC BY 4.0). See rules/sources/README.md.
Places the source does not code have regime "unknown".

state_direction_by_regime is the default for partner.state_direction when a
partnership file does not say how far a government steers the partner.
Override this table with a countries.yaml of your own via --rules.`;

/** Returns the text of rules/countries.yaml. */
export function deriveCountries(csvText) {
  const regimes = readRegimes(csvText);
  if (regimes.year !== SOURCE.year) throw new Error(`the CSV is for ${regimes.year}; update SOURCE in derive-countries.mjs`);
  const countries = buildCountries(regimes);
  const doc = new YAML.Document({ source: SOURCE, state_direction_by_regime: STATE_DIRECTION_BY_REGIME, countries });
  doc.commentBefore = HEADER.split('\n')
    .map((l) => (l ? ` ${l}` : ''))
    .join('\n');
  countries.forEach((c, i) => {
    if (c.aliases) doc.getIn(['countries', i, 'aliases']).flow = true;
  });
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const text = deriveCountries();
  writeFileSync(OUT_PATH, text);
  const countries = YAML.parse(text).countries;
  const known = countries.filter((c) => c.regime !== 'unknown').length;
  console.log(`wrote ${OUT_PATH}: ${countries.length} countries, ${known} with a regime, ${countries.length - known} unknown`);
}
