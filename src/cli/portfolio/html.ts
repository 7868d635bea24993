import type { EngineContext } from '../../engine/context.js';
import { LEVELS, type Level } from '../../shared/levels.js';
import { esc } from '../../formatters/html-escape.js';
import { LEVEL_FILL } from '../../formatters/html-heatmap.js';
import { worst, type PortfolioReport } from './model.js';
import MAP from './world-map.json' with { type: 'json' };

/**
 * The portfolio as one self-contained HTML page: no script, no network, no
 * external file. An SVG world map (partner countries shaded by their highest
 * level, a circle sized by the number of partnerships), bar charts by level
 * and by rule, the worst partnerships, a summary per city, the lists an
 * association acts on, and the trend when --history was given. Prints on A4.
 */

const LEVEL_STROKE: Record<Level, string> = { low: '#2e7d32', medium: '#8a6d00', high: '#c45a00', critical: '#b3261e' };
const NO_PARTNER = '#ececec';

const STYLE = `
:root { --ink: #1b1b1b; --muted: #4a4a4a; --rule: #c9c9c9; --link: #0b4f9c; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 62rem; padding: 1.5rem; color: var(--ink); background: #fff;
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Liberation Sans", Arial, sans-serif; }
h1 { font-size: 1.7rem; margin: 0 0 .25rem; }
h2 { font-size: 1.3rem; margin: 2rem 0 .5rem; padding-top: .4rem; border-top: 3px solid var(--ink); }
p { margin: .35rem 0 .75rem; }
a { color: var(--link); }
code { font-family: ui-monospace, "DejaVu Sans Mono", "Liberation Mono", monospace; font-size: .88em; overflow-wrap: anywhere; }
.meta, .note { color: var(--muted); font-size: .92rem; }
.level { display: inline-block; padding: 0 .45em; border: 1px solid var(--ink); border-radius: 3px; font-weight: 700;
  font-size: .85em; letter-spacing: .03em; text-transform: uppercase; white-space: nowrap; }
${LEVELS.map((l) => `.level-${l} { background: ${LEVEL_FILL[l]}; }`).join('\n')}
.cards { display: flex; flex-wrap: wrap; gap: .6rem; margin: .75rem 0 1rem; padding: 0; list-style: none; }
.cards li { flex: 1 1 8rem; border: 2px solid var(--ink); border-radius: 4px; padding: .4rem .7rem; }
.cards .n { display: block; font-size: 1.6rem; font-weight: 700; line-height: 1.2; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .93rem; }
th, td { border: 1px solid var(--rule); padding: .3rem .45rem; text-align: left; vertical-align: top; overflow-wrap: break-word; }
thead th { background: #efefef; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
figure { margin: .5rem 0 1.25rem; }
figcaption { color: var(--muted); font-size: .9rem; }
svg { max-width: 100%; height: auto; display: block; }
.two { display: grid; grid-template-columns: 1fr 1fr; gap: 1.5rem; }
@media (max-width: 50rem) { .two { grid-template-columns: 1fr; } }
@page { size: A4; margin: 14mm 12mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  a { color: inherit; text-decoration: none; }
  h2 { break-after: avoid; }
  figure, tr, .cards li { break-inside: avoid; }
  .map { break-after: auto; }
}
`;

const highest = (b: Record<Level, number>): Level | undefined => [...LEVELS].reverse().find((l) => b[l] > 0);

function worldMap(report: PortfolioReport): string {
  const byCountry = new Map(report.portfolio.byPartnerCountry.map((c) => [c.country, c]));
  const max = Math.max(1, ...report.portfolio.byPartnerCountry.map((c) => c.total));
  const radius = (n: number) => Math.max(2.5, 16 * Math.sqrt(n / max));
  const shapes = Object.entries(MAP.shapes as Record<string, string>).map(([code, d]) => {
    const c = byCountry.get(code);
    const level = c && highest(c.byLevel);
    const fill = level ? LEVEL_FILL[level] : NO_PARTNER;
    const label = c ? `${c.name}: ${c.total} partnership${c.total === 1 ? '' : 's'}, highest ${level}` : code;
    return `<path d="${d}" fill="${fill}" stroke="#ffffff" stroke-width="0.5"><title>${esc(label)}</title></path>`;
  });
  const centres = MAP.centres as unknown as Record<string, [number, number]>;
  const circles = [...report.portfolio.byPartnerCountry]
    .filter((c) => centres[c.country])
    .sort((a, b) => b.total - a.total || a.country.localeCompare(b.country))
    .map((c) => {
      const [x, y] = centres[c.country];
      const level = highest(c.byLevel) ?? 'low';
      return `<circle cx="${x}" cy="${y}" r="${radius(c.total).toFixed(1)}" fill="${LEVEL_STROKE[level]}" fill-opacity="0.55" stroke="${LEVEL_STROKE[level]}" stroke-width="1"><title>${esc(`${c.name}: ${c.total}, highest ${level}`)}</title></circle>`;
    });
  const unplaced = report.portfolio.byPartnerCountry.filter((c) => !centres[c.country]).map((c) => c.country);
  const legendY = MAP.height + 8;
  const legend = [
    ...LEVELS.map(
      (l, i) =>
        `<rect x="${10 + i * 120}" y="${legendY}" width="16" height="12" fill="${LEVEL_FILL[l]}" stroke="${LEVEL_STROKE[l]}"/><text x="${32 + i * 120}" y="${legendY + 11}" font-size="13">${l}</text>`,
    ),
    `<rect x="490" y="${legendY}" width="16" height="12" fill="${NO_PARTNER}" stroke="#999"/><text x="512" y="${legendY + 11}" font-size="13">no partnership</text>`,
    `<circle cx="680" cy="${legendY + 6}" r="6" fill="#555" fill-opacity="0.55"/><text x="692" y="${legendY + 11}" font-size="13">circle area: number (max ${max})</text>`,
  ];
  const desc = report.portfolio.byPartnerCountry
    .slice(0, 15)
    .map((c) => `${c.name} ${c.total} (highest ${highest(c.byLevel)})`)
    .join('; ');
  return [
    `<figure class="map"><svg viewBox="0 0 ${MAP.width} ${MAP.height + 28}" role="img" aria-labelledby="map-title map-desc" xmlns="http://www.w3.org/2000/svg" font-family="system-ui, sans-serif">`,
    `<title id="map-title">Partner countries by highest risk level</title>`,
    `<desc id="map-desc">${esc(`Countries shaded by the highest level among their partnerships; circles sized by count. ${desc}`)}</desc>`,
    `<rect x="0" y="0" width="${MAP.width}" height="${MAP.height}" fill="#f7fbff"/>`,
    `<g>${shapes.join('')}</g><g>${circles.join('')}</g><g>${legend.join('')}</g></svg>`,
    `<figcaption>Partner countries shaded by the highest level among their partnerships, circles sized by their number.${unplaced.length ? ` Not on the map: ${esc(unplaced.join(', '))}.` : ''} Borders: Natural Earth (de facto lines; no position on any dispute).</figcaption></figure>`,
  ].join('');
}

function bars(title: string, rows: { label: string; value: number; fill: string; stroke: string }[], id: string): string {
  if (!rows.length) return '';
  const max = Math.max(1, ...rows.map((r) => r.value));
  const W = 460;
  const LABEL = 190;
  const ROW = 24;
  const H = rows.length * ROW + 8;
  const items = rows.map((r, i) => {
    const w = Math.max(r.value > 0 ? 2 : 0, ((W - LABEL - 50) * r.value) / max);
    const y = 4 + i * ROW;
    return `<text x="${LABEL - 6}" y="${y + 15}" text-anchor="end" font-size="12.5">${esc(r.label.length > 30 ? `${r.label.slice(0, 29)}…` : r.label)}</text><rect x="${LABEL}" y="${y + 3}" width="${w.toFixed(1)}" height="${ROW - 8}" fill="${r.fill}" stroke="${r.stroke}"/><text x="${(LABEL + w + 5).toFixed(1)}" y="${y + 15}" font-size="12.5">${r.value}</text>`;
  });
  return `<figure><svg viewBox="0 0 ${W} ${H}" role="img" aria-labelledby="${id}-t ${id}-d" xmlns="http://www.w3.org/2000/svg" font-family="system-ui, sans-serif"><title id="${id}-t">${esc(title)}</title><desc id="${id}-d">${esc(rows.map((r) => `${r.label}: ${r.value}`).join('; '))}</desc>${items.join('')}</svg><figcaption>${esc(title)}</figcaption></figure>`;
}

function historyChart(report: PortfolioReport): string {
  const h = report.history ?? [];
  if (h.length < 1) return '';
  const W = 900;
  const H = 260;
  const L = 40;
  const B = 30;
  const max = Math.max(1, ...h.map((p) => Math.max(...LEVELS.map((l) => p.byLevel[l]))));
  const x = (i: number) => L + (h.length === 1 ? (W - L - 20) / 2 : (i * (W - L - 20)) / (h.length - 1));
  const y = (v: number) => H - B - (v * (H - B - 20)) / max;
  const lines = LEVELS.map((l) => {
    const pts = h.map((p, i) => `${x(i).toFixed(1)},${y(p.byLevel[l]).toFixed(1)}`).join(' ');
    return `<polyline points="${pts}" fill="none" stroke="${LEVEL_STROKE[l]}" stroke-width="2.5"/>${h.map((p, i) => `<circle cx="${x(i).toFixed(1)}" cy="${y(p.byLevel[l]).toFixed(1)}" r="3" fill="${LEVEL_STROKE[l]}"/>`).join('')}`;
  });
  const step = Math.max(1, Math.ceil(h.length / 12));
  const labels = h
    .map((p, i) =>
      i % step === 0 || i === h.length - 1
        ? `<text x="${x(i).toFixed(1)}" y="${H - 10}" text-anchor="middle" font-size="12">${p.month}</text>`
        : '',
    )
    .join('');
  const axis = `<line x1="${L}" y1="${H - B}" x2="${W - 10}" y2="${H - B}" stroke="#888"/><text x="${L - 6}" y="${y(max) + 4}" text-anchor="end" font-size="12">${max}</text><text x="${L - 6}" y="${H - B + 4}" text-anchor="end" font-size="12">0</text>`;
  const legend = LEVELS.map(
    (l, i) =>
      `<rect x="${L + i * 110}" y="2" width="14" height="4" fill="${LEVEL_STROKE[l]}"/><text x="${L + 18 + i * 110}" y="9" font-size="12">${l}</text>`,
  ).join('');
  const desc = h.map((p) => `${p.month}: ${LEVELS.map((l) => `${l} ${p.byLevel[l]}`).join(', ')}`).join('; ');
  return `<h2 id="history">Trend by month</h2><figure><svg viewBox="0 0 ${W} ${H}" role="img" aria-labelledby="hist-t hist-d" xmlns="http://www.w3.org/2000/svg" font-family="system-ui, sans-serif"><title id="hist-t">Partnerships by level at the last commit of each month</title><desc id="hist-d">${esc(desc)}</desc>${axis}${lines.join('')}${labels}${legend}</svg><figcaption>Partnerships by level at the last commit of each month (git history).</figcaption></figure>`;
}

const badge = (l: Level | null) => (l ? `<span class="level level-${l}">${l}</span>` : '');
const table = (caption: string, head: string[], rows: string[][], numeric: number[] = []) =>
  rows.length
    ? `<table><caption class="note">${esc(caption)}</caption><thead><tr>${head.map((h, i) => `<th scope="col"${numeric.includes(i) ? ' class="num"' : ''}>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows
        .map(
          (r) =>
            `<tr>${r.map((c, i) => (i === 0 ? `<th scope="row">${c}</th>` : `<td${numeric.includes(i) ? ' class="num"' : ''}>${c}</td>`)).join('')}</tr>`,
        )
        .join('')}</tbody></table>`
    : `<p class="note">${esc(caption)}: none.</p>`;

export function portfolioHtml(report: PortfolioReport, ctx: EngineContext): string {
  const p = report.portfolio;
  const lv = (b: Record<Level, number>) => LEVELS.map((l) => String(b[l]));
  const where = (r: { source: string; row?: number }) =>
    r.row !== undefined ? `${esc(r.source)}, row ${r.row}` : `<a href="${esc(r.source)}">${esc(r.source)}</a>`;
  const worstRows = worst(report.results, 20).map((r) => [
    badge(r.level),
    String(r.score),
    `<code>${esc(r.id)}</code>`,
    esc(r.city!.name),
    `${esc(r.partner!.name)} (${esc(r.partner!.country)})`,
    esc(r.recommendation ?? ''),
    where(r),
  ]);
  const cityRows = p.byCity
    .slice(0, 200)
    .map((c) => [esc(c.name), esc(c.country), String(c.total), ...lv(c.byLevel), badge(highest(c.byLevel) ?? null)]);
  const countryRows = p.byPartnerCountry.map((c) => [
    esc(c.name),
    esc(c.country),
    String(c.total),
    ...lv(c.byLevel),
    esc(c.regime),
    c.tensions.map((t) => `<code>${esc(t)}</code>`).join(' '),
  ]);
  const invalid = report.results.filter((r) => !r.valid);
  const body = [
    `<header><h1>Partnership portfolio</h1><p class="meta">${p.total} partnerships screened by cdrisk ${esc(report.tool.version)} on ${esc(ctx.today)}; ${p.invalid} could not be read.</p></header>`,
    `<ul class="cards">${LEVELS.map((l) => `<li class="level-${l}"><span class="n">${p.byLevel[l]}</span>${l}</li>`).join('')}<li><span class="n">${p.invalid}</span>invalid</li><li><span class="n">${p.reviewsOverdue.length}</span>reviews overdue</li></ul>`,
    `<h2 id="map">Partner countries</h2>`,
    worldMap(report),
    `<div class="two"><section><h2 id="by-level">By level</h2>${bars(
      'Partnerships by level',
      LEVELS.map((l) => ({ label: l, value: p.byLevel[l], fill: LEVEL_FILL[l], stroke: LEVEL_STROKE[l] })),
      'bars-level',
    )}</section>`,
    `<section><h2 id="by-rule">Most common risks</h2>${bars(
      'Partnerships per rule (top 10)',
      p.byRule.slice(0, 10).map((r) => ({ label: r.rule, value: r.count, fill: '#c9d7ea', stroke: '#0b4f9c' })),
      'bars-rule',
    )}</section></div>`,
    `<h2 id="worst">Worst partnerships</h2>`,
    table('The 20 highest by level, then score', ['Level', 'Score', 'Id', 'City', 'Partner', 'Recommendation', 'Source'], worstRows, [1]),
    `<h2 id="cities">By city</h2>`,
    table(
      `Member cities${p.byCity.length > 200 ? ' (the first 200 by number of partnerships)' : ''}`,
      ['City', 'Country', 'Total', ...LEVELS, 'Highest'],
      cityRows,
      [2, 3, 4, 5, 6],
    ),
    `<h2 id="countries">By partner country</h2>`,
    table(
      'Partner countries, with regime class and the tensions that apply',
      ['Country', 'Code', 'Total', ...LEVELS, 'Regime', 'Tensions'],
      countryRows,
      [2, 3, 4, 5, 6],
    ),
    `<h2 id="rules">By rule</h2>`,
    table(
      'Rules that fired, most common first',
      ['Rule', 'Title', 'Count'],
      p.byRule.map((r) => [`<code>${esc(r.rule)}</code>`, esc(r.title), String(r.count)]),
      [2],
    ),
    `<h2 id="reviews">Reviews overdue and acceptances expiring</h2>`,
    table(
      'Running partnerships whose review date has passed',
      ['Id', 'Next review', 'Source'],
      p.reviewsOverdue.slice(0, 200).map((r) => [`<code>${esc(r.id)}</code>`, esc(r.next ?? 'none set'), where(r)]),
    ),
    table(
      'Accepted risks that expire within 90 days',
      ['Id', 'Rule', 'Expires'],
      p.acceptancesExpiring.map((a) => [`<code>${esc(a.id)}</code>`, `<code>${esc(a.rule)}</code>`, esc(a.expires)]),
    ),
    `<h2 id="gaps">What to collect first</h2>`,
    table(
      'The most common information gaps',
      ['Field', 'Count', 'Question to ask'],
      p.topGaps.map((g) => [`<code>${esc(g.path)}</code>`, String(g.count), esc(g.question)]),
      [1],
    ),
    historyChart(report),
    invalid.length
      ? `<h2 id="invalid">Could not be read (${invalid.length})</h2><ul>${invalid
          .slice(0, 500)
          .map((r) => `<li>${r.errors.map((e) => esc(e)).join('<br>')}</li>`)
          .join('')}</ul>`
      : '',
    `<footer><h2 id="sources">Sources</h2><p class="note">Risk levels: the risk matrix of Kihlgren Grandi and Sottilotta, <i>Cities at the Crossroads</i> (City Diplomacy Lab, 2024), as cdrisk's rules implement it. Regime classes: ${esc(ctx.rules.countries.source.citation)} (${esc(ctx.rules.countries.source.licence)}). Map: ${esc(MAP.source.shapes)}; ${esc(MAP.source.tools)}.</p></footer>`,
  ];
  return `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"><title>Partnership portfolio</title><style>${STYLE}</style></head><body>${body.join('\n')}</body></html>\n`;
}
