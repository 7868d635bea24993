#!/usr/bin/env node
// Generates a realistic register of twinnings, as a national association of
// cities would keep it, with country names as Wikipedia's twin-town lists and
// municipal pages write them ("England", "Wales, United Kingdom", "Republic of
// Ireland", "Georgia (country)", "São Tomé and Príncipe", "Moldavia", ...).
// Each spelling comes with the ISO code a careful reader would give it, so a
// test can compare the portfolio's counts by partner country with the truth.
// Deterministic: the same --rows and --seed give the same bytes.
//
//   node scripts/gen-register.mjs --rows 30000 [--seed 1] [--out register.csv] [--bad 0.003]
//   import { generateRegister } from './gen-register.mjs'
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/** [spelling, ISO code] as written in lists of twin towns. Weighted by repetition. */
const PARTNER_SPELLINGS = [
  ['France', 'FR'],
  ['France', 'FR'],
  ['France', 'FR'],
  ['Germany', 'DE'],
  ['Germany', 'DE'],
  ['Germany', 'DE'],
  ['Poland', 'PL'],
  ['Poland', 'PL'],
  ['Italy', 'IT'],
  ['Italy', 'IT'],
  ['Spain', 'ES'],
  ['Netherlands', 'NL'],
  ['the Netherlands', 'NL'],
  ['Belgium', 'BE'],
  ['Austria', 'AT'],
  ['Hungary', 'HU'],
  ['Czech Republic', 'CZ'],
  ['Czechia', 'CZ'],
  ['Slovakia', 'SK'],
  ['Slovenia', 'SI'],
  ['Croatia', 'HR'],
  ['Romania', 'RO'],
  ['Bulgaria', 'BG'],
  ['Greece', 'GR'],
  ['Portugal', 'PT'],
  ['Sweden', 'SE'],
  ['Denmark', 'DK'],
  ['Finland', 'FI'],
  ['Estonia', 'EE'],
  ['Latvia', 'LV'],
  ['Lithuania', 'LT'],
  ['Luxembourg', 'LU'],
  ['England', 'GB'],
  ['England', 'GB'],
  ['Scotland', 'GB'],
  ['Wales', 'GB'],
  ['Northern Ireland', 'GB'],
  ['Wales, United Kingdom', 'GB'],
  ['England, United Kingdom', 'GB'],
  ['United Kingdom', 'GB'],
  ['UK', 'GB'],
  ['Republic of Ireland', 'IE'],
  ['Ireland', 'IE'],
  ['Russia', 'RU'],
  ['Russia', 'RU'],
  ['Russian Federation', 'RU'],
  ['Belarus', 'BY'],
  ['Byelorussia', 'BY'],
  ['Ukraine', 'UA'],
  ['Moldova', 'MD'],
  ['Moldavia', 'MD'],
  ['Georgia (country)', 'GE'],
  ['Georgia', 'GE'],
  ['Armenia', 'AM'],
  ['Azerbaijan', 'AZ'],
  ['Kazakhstan', 'KZ'],
  ['Uzbekistan', 'UZ'],
  ['United States', 'US'],
  ['United States', 'US'],
  ['United States', 'US'],
  ['USA', 'US'],
  ['United States of America', 'US'],
  ['Canada', 'CA'],
  ['Mexico', 'MX'],
  ['Brazil', 'BR'],
  ['Argentina', 'AR'],
  ['Chile', 'CL'],
  ['Peru', 'PE'],
  ['Cuba', 'CU'],
  ['Nicaragua', 'NI'],
  ['Venezuela', 'VE'],
  ['Bolivia', 'BO'],
  ['China', 'CN'],
  ['China', 'CN'],
  ["People's Republic of China", 'CN'],
  ['Taiwan', 'TW'],
  ['Japan', 'JP'],
  ['Japan', 'JP'],
  ['South Korea', 'KR'],
  ['Republic of Korea', 'KR'],
  ['North Korea', 'KP'],
  ['Vietnam', 'VN'],
  ['Viet Nam', 'VN'],
  ['Thailand', 'TH'],
  ['Philippines', 'PH'],
  ['Indonesia', 'ID'],
  ['India', 'IN'],
  ['Pakistan', 'PK'],
  ['Iran', 'IR'],
  ['Israel', 'IL'],
  ['Palestine', 'PS'],
  ['State of Palestine', 'PS'],
  ['Turkey', 'TR'],
  ['Turkey', 'TR'],
  ['Türkiye', 'TR'],
  ['Syria', 'SY'],
  ['Lebanon', 'LB'],
  ['Egypt', 'EG'],
  ['Morocco', 'MA'],
  ['Tunisia', 'TN'],
  ['Senegal', 'SN'],
  ['Ghana', 'GH'],
  ['Nigeria', 'NG'],
  ['Kenya', 'KE'],
  ['Tanzania', 'TZ'],
  ['South Africa', 'ZA'],
  ['Ivory Coast', 'CI'],
  ["Côte d'Ivoire", 'CI'],
  ['DR Congo', 'CD'],
  ['Democratic Republic of the Congo', 'CD'],
  ['Republic of the Congo', 'CG'],
  ['Cape Verde', 'CV'],
  ['São Tomé and Príncipe', 'ST'],
  ['Sao Tome and Principe', 'ST'],
  ['The Gambia', 'GM'],
  ['Eswatini', 'SZ'],
  ['Burkina Faso', 'BF'],
  ['Mali', 'ML'],
  ['Kosovo', 'XK'],
  ['North Macedonia', 'MK'],
  ['Macedonia', 'MK'],
  ['Bosnia and Herzegovina', 'BA'],
  ['Serbia', 'RS'],
  ['Montenegro', 'ME'],
  ['Albania', 'AL'],
  ['Norway', 'NO'],
  ['Iceland', 'IS'],
  ['Switzerland', 'CH'],
  ['Liechtenstein', 'LI'],
  ['Malta', 'MT'],
  ['Cyprus', 'CY'],
  ['Northern Cyprus', 'CY'],
  ['Australia', 'AU'],
  ['New Zealand', 'NZ'],
  ['Hong Kong', 'HK'],
  ['Macau', 'MO'],
  ['Laos', 'LA'],
  ['East Timor', 'TL'],
  ['Federated States of Micronesia', 'FM'],
  ['Lower Saxony, Germany', 'DE'],
  ['Bavaria, Germany', 'DE'],
  ['Tuscany, Italy', 'IT'],
  ['Vatican City', 'VA'],
  ['Transnistria', 'MD'],
  ['Abkhazia', 'GE'],
  ['Saint Kitts and Nevis', 'KN'],
  ['St. Lucia', 'LC'],
  ['Trinidad and Tobago', 'TT'],
  ['Bahamas', 'BS'],
  ['Singapore', 'SG'],
  ['Mongolia', 'MN'],
];

/** Our cities' countries: the EU's members and a few others, as the association writes them. */
const CITY_COUNTRIES = [
  ['Germany', 'DE'],
  ['Germany', 'DE'],
  ['Germany', 'DE'],
  ['France', 'FR'],
  ['France', 'FR'],
  ['Poland', 'PL'],
  ['Italy', 'IT'],
  ['Spain', 'ES'],
  ['Netherlands', 'NL'],
  ['Sweden', 'SE'],
  ['Finland', 'FI'],
  ['Czech Republic', 'CZ'],
  ['Austria', 'AT'],
  ['Lithuania', 'LT'],
  ['Latvia', 'LV'],
  ['Estonia', 'EE'],
  ['Hungary', 'HU'],
  ['Romania', 'RO'],
  ['Bulgaria', 'BG'],
  ['Denmark', 'DK'],
  ['Belgium', 'BE'],
  ['Portugal', 'PT'],
  ['Greece', 'GR'],
  ['Slovakia', 'SK'],
  ['Ireland', 'IE'],
  ['England', 'GB'],
  ['United States', 'US'],
  ['Japan', 'JP'],
];
export const EU = new Set([
  'AT',
  'BE',
  'BG',
  'HR',
  'CY',
  'CZ',
  'DK',
  'EE',
  'FI',
  'FR',
  'DE',
  'GR',
  'HU',
  'IE',
  'IT',
  'LV',
  'LT',
  'LU',
  'MT',
  'NL',
  'PL',
  'PT',
  'RO',
  'SK',
  'SI',
  'ES',
  'SE',
]);

/** Cells a real list holds that no reader can place: they must fail, each named by its row. */
const UNPLACEABLE = ['?', 'Atlantis', 'various', 'Korea', 'Congo', 'Yugoslavia', 'n/a (ended)'];

const SYL = [
  'ber',
  'lin',
  'ham',
  'burg',
  'stad',
  'dorf',
  'ville',
  'sk',
  'grad',
  'ovo',
  'ka',
  'mi',
  'to',
  'shi',
  'an',
  'ia',
  'po',
  'la',
  'ne',
  'vo',
  'ri',
  'go',
  'ze',
  'lu',
  'ma',
  'ro',
  'sa',
  'ti',
  'en',
  'el',
];
const TYPES = ['twinning', 'twinning', 'twinning', 'friendship', 'cooperation', 'Städtepartnerschaft', 'sister city'];

function rng(seed) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 4294967296;
  };
}

const csvCell = (s) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/**
 * Returns { csv, expected } where expected has, per row number (the header is
 * row 1), the ISO codes of both sides, or `bad: true` for a row no reader can
 * place.
 */
export function generateRegister({ rows = 30000, seed = 1, bad = 0.003 } = {}) {
  const r = rng(seed);
  const pick = (list) => list[Math.floor(r() * list.length)];
  const name = () => {
    const n = 2 + Math.floor(r() * 3);
    let s = '';
    for (let i = 0; i < n; i++) s += pick(SYL);
    return s[0].toUpperCase() + s.slice(1);
  };
  const cities = Array.from({ length: Math.max(10, Math.floor(rows / 12)) }, () => {
    const [spelling, code] = pick(CITY_COUNTRIES);
    return { name: name(), spelling, code };
  });
  const lines = ['City,Country,Partner city,Partner country,Type,Since'];
  const expected = [];
  for (let i = 0; i < rows; i++) {
    const city = pick(cities);
    const isBad = r() < bad;
    let [spelling, code] = isBad ? [pick(UNPLACEABLE), null] : pick(PARTNER_SPELLINGS);
    if (!isBad && code === city.code) [spelling, code] = ['France', 'FR'];
    if (!isBad && code === city.code) [spelling, code] = ['Japan', 'JP'];
    const year = 1950 + Math.floor(r() * 75);
    const since = r() < 0.7 ? String(year) : r() < 0.5 ? `${year}-0${1 + Math.floor(r() * 9)}-1${Math.floor(r() * 9)}` : '';
    lines.push(
      [city.name, city.spelling, `${name()}${r() < 0.05 ? ' (Oblast)' : ''}`, spelling, pick(TYPES), since].map(csvCell).join(','),
    );
    expected.push({ row: i + 2, city: city.code, partner: code, bad: isBad });
  }
  return { csv: `${lines.join('\n')}\n`, expected };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const opt = (k, d) => {
    const i = args.indexOf(k);
    return i >= 0 ? args[i + 1] : d;
  };
  const { csv } = generateRegister({
    rows: Number(opt('--rows', 30000)),
    seed: Number(opt('--seed', 1)),
    bad: Number(opt('--bad', 0.003)),
  });
  const out = opt('--out');
  if (out) writeFileSync(out, csv);
  else process.stdout.write(csv);
}
