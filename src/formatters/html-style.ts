import { LEVEL_FILL } from './html-heatmap.js';

/** The Latin system fonts of the page and of its SVG text. */
const SANS = 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Liberation Sans", Arial';
const SVG_SANS = 'system-ui, "Noto Sans", "Liberation Sans", Arial';

/**
 * CJK system fonts after the Latin ones, chosen by the language of the text
 * (the page's lang): Han characters take the Japanese or the Korean glyph
 * forms, and print gets them too (macOS, Windows, then Noto CJK on Linux).
 */
const CJK_FONTS: Record<'ja' | 'ko', string> = {
  ja: '"Hiragino Sans", "Hiragino Kaku Gothic ProN", "Yu Gothic", "Meiryo", "Noto Sans CJK JP", "Noto Sans JP"',
  ko: '"Apple SD Gothic Neo", "Malgun Gothic", "Noto Sans CJK KR", "Noto Sans KR"',
};

const CJK_STYLE = `
body:lang(ja) { font-family: ${SANS}, ${CJK_FONTS.ja}, sans-serif; line-break: strict; }
svg text:lang(ja) { font-family: ${SVG_SANS}, ${CJK_FONTS.ja}, sans-serif; }
body:lang(ko) { font-family: ${SANS}, ${CJK_FONTS.ko}, sans-serif; word-break: keep-all; }
svg text:lang(ko) { font-family: ${SVG_SANS}, ${CJK_FONTS.ko}, sans-serif; }
`;

/** The report's only stylesheet, inlined: system fonts, dark text on light tints, A4 print rules. */
export const STYLE = `
:root { --ink: #1b1b1b; --muted: #4a4a4a; --rule: #c9c9c9; --link: #0b4f9c; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0 auto; max-width: 62rem; padding: 1.5rem; color: var(--ink); background: #fff;
  font: 16px/1.5 ${SANS}, sans-serif; }
h1 { font-size: 1.7rem; margin: 0 0 .25rem; }
h2 { font-size: 1.45rem; margin: 2.5rem 0 .5rem; padding-top: .5rem; border-top: 3px solid var(--ink); }
h3 { font-size: 1.15rem; margin: 1.75rem 0 .5rem; }
h4 { font-size: 1.02rem; margin: 1.25rem 0 .4rem; }
h5 { font-size: 1rem; margin: 0 0 .35rem; }
p, ul, ol, dl { margin: .35rem 0 .75rem; }
a { color: var(--link); }
code { font-family: ui-monospace, "DejaVu Sans Mono", "Liberation Mono", monospace; font-size: .88em; overflow-wrap: anywhere; }
.meta, .note { color: var(--muted); }
.level { display: inline-block; padding: 0 .45em; border: 1px solid var(--ink); border-radius: 3px; font-weight: 700;
  font-size: .85em; letter-spacing: .03em; text-transform: uppercase; white-space: nowrap; }
${Object.entries(LEVEL_FILL)
  .map(([l, c]) => `.level-${l} { background: ${c}; }`)
  .join('\n')}
.summary { border: 2px solid var(--ink); border-radius: 4px; padding: .75rem 1rem; margin: .75rem 0 1rem; }
.summary p { margin: .3rem 0; }
.headline { font-size: 1.1rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
th, td { border: 1px solid var(--rule); padding: .35rem .5rem; text-align: left; vertical-align: top; overflow-wrap: break-word; }
tbody th { font-weight: 600; }
td.nowrap { white-space: nowrap; }
table.portfolio { table-layout: fixed; }
table.portfolio thead th { white-space: normal; }
table.portfolio thead th { font-size: .85em; }
table.portfolio th:nth-child(1) { width: 34%; }
table.portfolio th:nth-child(2) { width: 10%; }
table.portfolio th:nth-child(3) { width: 11%; }
table.portfolio th:nth-child(4) { width: 7%; }
table.portfolio th:nth-child(5) { width: 15%; }
table.portfolio th:nth-child(6) { width: 9%; }
table.portfolio th:nth-child(7) { width: 8%; }
table.portfolio th:nth-child(8) { width: 6%; }
thead th { background: #efefef; }
td.num, th.num { text-align: right; white-space: nowrap; }
td ul { margin: 0; padding-left: 1.1rem; }
figure { margin: .5rem 0 1rem; }
figcaption { color: var(--muted); font-size: .9rem; margin-bottom: .25rem; }
svg { max-width: 100%; height: auto; }
svg text { font-family: ${SVG_SANS}, sans-serif; fill: var(--ink); }
svg .band { font-size: 12px; font-weight: 600; paint-order: stroke; stroke-width: 4px; stroke-linejoin: round; }
svg .axis-n { font-size: 14px; font-weight: 700; }
svg .axis-w { font-size: 12px; }
svg .axis-t { font-size: 14px; font-weight: 700; }
svg .mk-r { font-size: 12px; font-weight: 700; fill: #fff; }
svg .mk-i { font-size: 12px; font-weight: 700; }
.legend { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .25rem 1.25rem; font-size: .9rem; margin: .25rem 0; }
.legend li { display: flex; align-items: center; gap: .4rem; }
.swatch { display: inline-block; width: 1.1rem; height: 1.1rem; border: 1px solid var(--ink); }
.bar { display: block; }
.finding { border-left: 4px solid var(--rule); padding: .25rem 0 .25rem .85rem; margin: .75rem 0 1.25rem; }
.finding.lv-critical { border-left-color: #b3261e; }
.finding.lv-high { border-left-color: #c45a00; }
.finding.lv-medium { border-left-color: #8a6d00; }
.fnum { display: inline-block; min-width: 2.2em; padding: 0 .3em; margin-right: .3em; text-align: center; border-radius: 1em;
  background: var(--ink); color: #fff; font-size: .85em; }
dl.facts { display: grid; grid-template-columns: 10rem 1fr; gap: .2rem .75rem; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; }
dl.facts ul { margin: 0; padding-left: 1.1rem; }
.answer { font-weight: 700; white-space: nowrap; }
.steps { padding-left: 0; list-style: none; }
.back { font-size: .9rem; }
footer { margin-top: 2.5rem; color: var(--muted); font-size: .85rem; border-top: 1px solid var(--rule); padding-top: .5rem; }
@media (max-width: 40rem) { dl.facts { grid-template-columns: 1fr; } body { padding: .75rem; } }
@page { size: A4; margin: 14mm 12mm 16mm; }
@media print {
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  html { font-size: 10pt; }
  body { max-width: none; padding: 0; font-size: 10pt; }
  h2 { margin-top: 0; }
  .partnership + .partnership, #portfolio + .partnership { break-before: page; }
  h2, h3, h4, h5 { break-after: avoid; page-break-after: avoid; }
  figure, .finding, tr, .summary, .steps > li, dl.facts { break-inside: avoid; page-break-inside: avoid; }
  .back { display: none; }
  th, td { padding: .25rem .35rem; }
  /* Narrower text at print size: give the short columns room for whole words. */
  table.portfolio th:nth-child(1) { width: 26%; }
  table.portfolio th:nth-child(2) { width: 11%; }
  table.portfolio th:nth-child(3) { width: 13%; }
  table.portfolio th:nth-child(4) { width: 8%; }
  table.portfolio th:nth-child(5) { width: 16%; }
  table.portfolio th:nth-child(6) { width: 10%; }
  table.portfolio th:nth-child(7) { width: 9%; }
  table.portfolio th:nth-child(8) { width: 7%; }
  a { color: var(--ink); text-decoration: none; }
  svg.heatmap { width: 125mm; }
}
`;

/** The stylesheet of a page in `lang`: an English page keeps the plain one, other languages add the CJK fonts. */
export function styleFor(lang = 'en'): string {
  return lang === 'en' ? STYLE : STYLE + CJK_STYLE.slice(1);
}
