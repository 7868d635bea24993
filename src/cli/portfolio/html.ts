import type { EngineContext } from '../../engine/context.js';
import { LEVELS, type Level } from '../../shared/levels.js';
import { esc } from '../../formatters/html-escape.js';
import { LEVEL_FILL } from '../../formatters/html-heatmap.js';
import { fillTemplate } from '../../rules/i18n.js';
import type { Say } from '../../formatters/say.js';
import { EXPIRY_WINDOW_DAYS, worst, type PortfolioReport } from './model.js';
import { portfolioWords, type PortfolioWords } from './words.js';
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

/**
 * A label as HTML: its text escaped as element content (quotes may stay, so
 * the English page keeps its bytes), its placeholders filled with HTML.
 */
const htmlLabel = (say: Say, key: string, html: Record<string, string>) =>
  fillTemplate(
    say(key).replace(/[&<>]/g, (c) => esc(c)),
    html,
  );

function worldMap(report: PortfolioReport, w: PortfolioWords): string {
  const { say } = w;
  const list = say('portfolio.html.separator');
  const byCountry = new Map(report.portfolio.byPartnerCountry.map((c) => [c.country, c]));
  const max = Math.max(1, ...report.portfolio.byPartnerCountry.map((c) => c.total));
  const radius = (n: number) => Math.max(2.5, 16 * Math.sqrt(n / max));
  const name = (c: { country: string; name: string }) => w.country(c.country, c.name);
  const shapes = Object.entries(MAP.shapes as Record<string, string>).map(([code, d]) => {
    const c = byCountry.get(code);
    const level = c && highest(c.byLevel);
    const fill = level ? LEVEL_FILL[level] : NO_PARTNER;
    const label = c
      ? say.count('portfolio.html.map-country', c.total, { name: name(c), level: level ? say.level(level) : String(level) })
      : code;
    return `<path d="${d}" fill="${fill}" stroke="#ffffff" stroke-width="0.5"><title>${esc(label)}</title></path>`;
  });
  const centres = MAP.centres as unknown as Record<string, [number, number]>;
  const circles = [...report.portfolio.byPartnerCountry]
    .filter((c) => centres[c.country])
    .sort((a, b) => b.total - a.total || a.country.localeCompare(b.country))
    .map((c) => {
      const [x, y] = centres[c.country];
      const level = highest(c.byLevel) ?? 'low';
      const title = say('portfolio.html.map-circle', { name: name(c), count: say.number(c.total), level: say.level(level) });
      return `<circle cx="${x}" cy="${y}" r="${radius(c.total).toFixed(1)}" fill="${LEVEL_STROKE[level]}" fill-opacity="0.55" stroke="${LEVEL_STROKE[level]}" stroke-width="1"><title>${esc(title)}</title></circle>`;
    });
  const unplaced = report.portfolio.byPartnerCountry.filter((c) => !centres[c.country]).map((c) => w.shown(c.country));
  const legendY = MAP.height + 8;
  const legend = [
    ...LEVELS.map(
      (l, i) =>
        `<rect x="${10 + i * 120}" y="${legendY}" width="16" height="12" fill="${LEVEL_FILL[l]}" stroke="${LEVEL_STROKE[l]}"/><text x="${32 + i * 120}" y="${legendY + 11}" font-size="13">${esc(say.level(l))}</text>`,
    ),
    `<rect x="490" y="${legendY}" width="16" height="12" fill="${NO_PARTNER}" stroke="#999"/><text x="512" y="${legendY + 11}" font-size="13">${esc(say('portfolio.html.map-no-partnership'))}</text>`,
    `<circle cx="680" cy="${legendY + 6}" r="6" fill="#555" fill-opacity="0.55"/><text x="692" y="${legendY + 11}" font-size="13">${esc(say('portfolio.html.map-circle-area', { max: say.number(max) }))}</text>`,
  ];
  const desc = report.portfolio.byPartnerCountry
    .slice(0, 15)
    .map((c) => {
      const level = highest(c.byLevel);
      return say('portfolio.html.map-desc-item', {
        name: name(c),
        count: say.number(c.total),
        level: level ? say.level(level) : String(level),
      });
    })
    .join(list);
  const unplacedNote = unplaced.length ? esc(say('portfolio.html.map-unplaced', { codes: unplaced.join(say('portfolio.list')) })) : '';
  return [
    `<figure class="map"><svg viewBox="0 0 ${MAP.width} ${MAP.height + 28}" role="img" aria-labelledby="map-title map-desc" xmlns="http://www.w3.org/2000/svg" font-family="system-ui, sans-serif">`,
    `<title id="map-title">${esc(say('portfolio.html.map-title'))}</title>`,
    `<desc id="map-desc">${esc(say('portfolio.html.map-desc', { countries: desc }))}</desc>`,
    `<rect x="0" y="0" width="${MAP.width}" height="${MAP.height}" fill="#f7fbff"/>`,
    `<g>${shapes.join('')}</g><g>${circles.join('')}</g><g>${legend.join('')}</g></svg>`,
    `<figcaption>${htmlLabel(say, 'portfolio.html.map-caption', { unplaced: unplacedNote })}</figcaption></figure>`,
  ].join('');
}

function bars(
  title: string,
  rows: { label: string; value: number; fill: string; stroke: string }[],
  id: string,
  w: PortfolioWords,
): string {
  if (!rows.length) return '';
  const { say } = w;
  const max = Math.max(1, ...rows.map((r) => r.value));
  const W = 460;
  const LABEL = 190;
  const ROW = 24;
  const H = rows.length * ROW + 8;
  const items = rows.map((r, i) => {
    const w = Math.max(r.value > 0 ? 2 : 0, ((W - LABEL - 50) * r.value) / max);
    const y = 4 + i * ROW;
    return `<text x="${LABEL - 6}" y="${y + 15}" text-anchor="end" font-size="12.5">${esc(r.label.length > 30 ? `${r.label.slice(0, 29)}…` : r.label)}</text><rect x="${LABEL}" y="${y + 3}" width="${w.toFixed(1)}" height="${ROW - 8}" fill="${r.fill}" stroke="${r.stroke}"/><text x="${(LABEL + w + 5).toFixed(1)}" y="${y + 15}" font-size="12.5">${say.number(r.value)}</text>`;
  });
  const desc = rows
    .map((r) => say('portfolio.html.bar-item', { label: r.label, count: say.number(r.value) }))
    .join(say('portfolio.html.separator'));
  return `<figure><svg viewBox="0 0 ${W} ${H}" role="img" aria-labelledby="${id}-t ${id}-d" xmlns="http://www.w3.org/2000/svg" font-family="system-ui, sans-serif"><title id="${id}-t">${esc(title)}</title><desc id="${id}-d">${esc(desc)}</desc>${items.join('')}</svg><figcaption>${esc(title)}</figcaption></figure>`;
}

function historyChart(report: PortfolioReport, w: PortfolioWords): string {
  const h = report.history ?? [];
  if (h.length < 1) return '';
  const { say } = w;
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
  const axis = `<line x1="${L}" y1="${H - B}" x2="${W - 10}" y2="${H - B}" stroke="#888"/><text x="${L - 6}" y="${y(max) + 4}" text-anchor="end" font-size="12">${say.number(max)}</text><text x="${L - 6}" y="${H - B + 4}" text-anchor="end" font-size="12">${say.number(0)}</text>`;
  const legend = LEVELS.map(
    (l, i) =>
      `<rect x="${L + i * 110}" y="2" width="14" height="4" fill="${LEVEL_STROKE[l]}"/><text x="${L + 18 + i * 110}" y="9" font-size="12">${esc(say.level(l))}</text>`,
  ).join('');
  const desc = h
    .map((p) => say('portfolio.html.bar-item', { label: p.month, count: w.levels(p.byLevel) }))
    .join(say('portfolio.html.separator'));
  return `<h2 id="history">${esc(say('portfolio.html.heading.history'))}</h2><figure><svg viewBox="0 0 ${W} ${H}" role="img" aria-labelledby="hist-t hist-d" xmlns="http://www.w3.org/2000/svg" font-family="system-ui, sans-serif"><title id="hist-t">${esc(say('portfolio.html.history-title'))}</title><desc id="hist-d">${esc(desc)}</desc>${axis}${lines.join('')}${labels}${legend}</svg><figcaption>${esc(say('portfolio.html.history-caption'))}</figcaption></figure>`;
}

export function portfolioHtml(report: PortfolioReport, ctx: EngineContext): string {
  const w = portfolioWords(ctx);
  const { say } = w;
  const n = say.number;
  const p = report.portfolio;
  const col = (key: string) => say(`portfolio.column.${key}`);
  const h2 = (id: string, key: string, vars?: Record<string, string | number>) =>
    `<h2 id="${id}">${esc(say(`portfolio.html.heading.${key}`, vars))}</h2>`;
  const levelNames = LEVELS.map((l) => say.level(l));
  const badge = (l: Level | null) => (l ? `<span class="level level-${l}">${esc(say.level(l))}</span>` : '');
  const table = (caption: string, head: string[], rows: string[][], numeric: number[] = []) =>
    rows.length
      ? `<table><caption class="note">${esc(caption)}</caption><thead><tr>${head.map((h, i) => `<th scope="col"${numeric.includes(i) ? ' class="num"' : ''}>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows
          .map(
            (r) =>
              `<tr>${r.map((c, i) => (i === 0 ? `<th scope="row">${c}</th>` : `<td${numeric.includes(i) ? ' class="num"' : ''}>${c}</td>`)).join('')}</tr>`,
          )
          .join('')}</tbody></table>`
      : `<p class="note">${esc(say('portfolio.html.table-none', { caption }))}</p>`;
  const lv = (b: Record<Level, number>) => LEVELS.map((l) => n(b[l]));
  const where = (r: { source: string; row?: number }) =>
    r.row !== undefined
      ? esc(say('portfolio.html.where-row', { source: r.source, row: r.row }))
      : `<a href="${esc(r.source)}">${esc(r.source)}</a>`;
  const worstRows = worst(report.results, 20).map((r) => [
    badge(r.level),
    n(r.score!),
    `<code>${esc(r.id)}</code>`,
    esc(r.city!.name),
    `${esc(r.partner!.name)} (${esc(w.shown(r.partner!.country))})`,
    esc(w.recommendation(r.recommendation)),
    where(r),
  ]);
  const cityRows = p.byCity
    .slice(0, 200)
    .map((c) => [esc(c.name), esc(w.shown(c.country)), n(c.total), ...lv(c.byLevel), badge(highest(c.byLevel) ?? null)]);
  const countryRows = p.byPartnerCountry.map((c) => [
    esc(w.country(c.country, c.name)),
    esc(w.shown(c.country)),
    n(c.total),
    ...lv(c.byLevel),
    esc(w.regime(c.regime)),
    c.tensions.map((t) => `<code>${esc(t)}</code>`).join(' '),
  ]);
  const invalid = report.results.filter((r) => !r.valid);
  const title = say('portfolio.html.title');
  const meta = say.count('portfolio.html.meta', p.total, {
    version: report.tool.version,
    date: say.date(ctx.today),
    invalid: n(p.invalid),
  });
  const card = (count: number, label: string, cls = '') => `<li${cls}><span class="n">${n(count)}</span>${esc(label)}</li>`;
  const sources = htmlLabel(say, 'portfolio.html.sources', {
    book: `<i>${esc(say('portfolio.html.book'))}</i>`,
    citation: esc(ctx.rules.countries.source.citation),
    licence: esc(ctx.rules.countries.source.licence),
    shapes: esc(MAP.source.shapes),
    tools: esc(MAP.source.tools),
  });
  const body = [
    `<header><h1>${esc(title)}</h1><p class="meta">${esc(meta)}</p></header>`,
    `<ul class="cards">${LEVELS.map((l) => card(p.byLevel[l], say.level(l), ` class="level-${l}"`)).join('')}${card(p.invalid, say('portfolio.html.card.invalid'))}${card(p.reviewsOverdue.length, say('portfolio.html.card.reviews-overdue'))}</ul>`,
    h2('map', 'map'),
    worldMap(report, w),
    `<div class="two"><section>${h2('by-level', 'by-level')}${bars(
      say('portfolio.html.bars-level'),
      LEVELS.map((l) => ({ label: say.level(l), value: p.byLevel[l], fill: LEVEL_FILL[l], stroke: LEVEL_STROKE[l] })),
      'bars-level',
      w,
    )}</section>`,
    `<section>${h2('by-rule', 'common-risks')}${bars(
      say('portfolio.html.bars-rule', { count: n(10) }),
      p.byRule.slice(0, 10).map((r) => ({ label: r.rule, value: r.count, fill: '#c9d7ea', stroke: '#0b4f9c' })),
      'bars-rule',
      w,
    )}</section></div>`,
    h2('worst', 'worst'),
    table(
      say('portfolio.html.caption.worst', { count: n(20) }),
      [col('level'), col('score'), col('id'), col('city'), col('partner'), col('recommendation'), col('source')],
      worstRows,
      [1],
    ),
    h2('cities', 'by-city'),
    table(
      p.byCity.length > 200 ? say('portfolio.html.caption.cities-first', { count: n(200) }) : say('portfolio.html.caption.cities'),
      [col('city'), col('country'), col('total'), ...levelNames, col('highest')],
      cityRows,
      [2, 3, 4, 5, 6],
    ),
    h2('countries', 'by-partner-country'),
    table(
      say('portfolio.html.caption.countries'),
      [col('country'), col('code'), col('total'), ...levelNames, col('regime'), col('tensions')],
      countryRows,
      [2, 3, 4, 5, 6],
    ),
    h2('rules', 'by-rule'),
    table(
      say('portfolio.html.caption.rules'),
      [col('rule'), col('title'), col('count')],
      p.byRule.map((r) => [`<code>${esc(r.rule)}</code>`, esc(r.title), n(r.count)]),
      [2],
    ),
    h2('reviews', 'reviews'),
    table(
      say('portfolio.html.caption.reviews'),
      [col('id'), col('next-review'), col('source')],
      p.reviewsOverdue
        .slice(0, 200)
        .map((r) => [`<code>${esc(r.id)}</code>`, esc(r.next ? say.date(r.next) : say('portfolio.html.none-set')), where(r)]),
    ),
    table(
      say('portfolio.html.caption.acceptances', { days: n(EXPIRY_WINDOW_DAYS) }),
      [col('id'), col('rule'), col('expires')],
      p.acceptancesExpiring.map((a) => [`<code>${esc(a.id)}</code>`, `<code>${esc(a.rule)}</code>`, esc(say.date(a.expires))]),
    ),
    h2('gaps', 'gaps'),
    table(
      say('portfolio.html.caption.gaps'),
      [col('field'), col('count'), col('question')],
      p.topGaps.map((g) => [`<code>${esc(g.path)}</code>`, n(g.count), esc(g.question)]),
      [1],
    ),
    historyChart(report, w),
    invalid.length
      ? `${h2('invalid', 'invalid', { count: n(invalid.length) })}<ul>${invalid
          .slice(0, 500)
          .map((r) => `<li>${r.errors.map((e) => esc(e)).join('<br>')}</li>`)
          .join('')}</ul>`
      : '',
    `<footer>${h2('sources', 'sources')}<p class="note">${sources}</p></footer>`,
  ];
  return `<!DOCTYPE html>\n<html lang="${esc(ctx.lang)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"><title>${esc(title)}</title><style>${STYLE}</style></head><body>${body.join('\n')}</body></html>\n`;
}
