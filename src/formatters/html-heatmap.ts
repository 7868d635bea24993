// The 5x5 likelihood x impact heat map as inline SVG. Cells are coloured by
// the band of their score (bands from the rule data) and labelled in words;
// each finding has a filled, numbered marker where it stands after the declared
// safeguards, and, when the safeguards moved it, a hollow dashed marker where
// it stood before, with an arrow between the two. Data attributes (data-l,
// data-i, data-finding) let tests check the placement.
import type { Level } from '../shared/levels.js';
import type { RuleSet } from '../rules/ruleset.js';
import { cellLevel, impactRatingName, likelihoodName, type NumberedFinding } from './briefing.js';
import { esc } from './html-escape.js';
import { htmlWords, type HtmlWords } from './html-words.js';

export const LEVEL_FILL: Record<Level, string> = {
  low: '#cde8cd',
  medium: '#fae6a0',
  high: '#f6bf8c',
  critical: '#ec9b9b',
};

const INK = '#1b1b1b';
const LEFT = 120;
const TOP = 8;
const CELL = 100;
const GRID = CELL * 5;
export const HEATMAP_WIDTH = LEFT + GRID + 10;
export const HEATMAP_HEIGHT = TOP + GRID + 56;

export interface Marker {
  n: number;
  kind: 'residual' | 'inherent';
  l: number;
  i: number;
  title: string;
  x: number;
  y: number;
  r: number;
}

function cellOrigin(l: number, i: number): { x: number; y: number } {
  return { x: LEFT + (i - 1) * CELL, y: TOP + (5 - l) * CELL };
}

/**
 * Places markers in a cell: where findings stand now in rows below the label
 * (three a row, smaller and four a row when crowded), where moved findings
 * stood before in a lane along the bottom edge, from the right. The left,
 * right and bottom 8 pixels of every cell stay free for the arrows.
 */
function layout(markers: Omit<Marker, 'x' | 'y' | 'r'>[]): Marker[] {
  const byCell = new Map<string, Omit<Marker, 'x' | 'y' | 'r'>[]>();
  for (const m of markers) {
    const key = `${m.l},${m.i}`;
    byCell.set(key, [...(byCell.get(key) ?? []), m]);
  }
  const placed: Marker[] = [];
  for (const list of byCell.values()) {
    const now = list.filter((m) => m.kind === 'residual');
    const before = list.filter((m) => m.kind === 'inherent');
    // Up to eight markers of each kind keep clear of each other and of the arrows' lanes.
    const crowded = now.length > 6;
    const cols = crowded ? 4 : 3;
    const r = crowded ? 9 : 12;
    const step = crowded ? 20 : 28;
    now.forEach((m, k) => {
      const o = cellOrigin(m.l, m.i);
      placed.push({ ...m, r, x: o.x + (crowded ? 20 : 22) + (k % cols) * step, y: o.y + 36 + Math.floor(k / cols) * (crowded ? 20 : 24) });
    });
    const lane = before.length > 3 ? { r: 7, step: 16 } : { r: 10, step: 24 };
    before.forEach((m, k) => {
      const o = cellOrigin(m.l, m.i);
      placed.push({ ...m, r: lane.r, x: o.x + CELL - 20 - k * lane.step, y: o.y + CELL - 18 });
    });
  }
  return placed;
}

/**
 * The path of a safeguard arrow, along the grid lines so that it crosses no
 * label and no marker: down out of the old cell, left (or right) along the
 * cell edge to the right edge of the new cell's column, along that edge to
 * the row of the new marker, and into the new cell, pointing at it. Moves
 * only go down and left (safeguards lower ratings). `lane` shifts arrows that
 * share a grid line apart.
 */
export function arrowPath(from: Marker, to: Marker, lane: number, markers: readonly Marker[]): { x: number; y: number }[] {
  const a = cellOrigin(from.l, from.i);
  const b = cellOrigin(to.l, to.i);
  const shift = ((lane % 3) - 1) * 3;
  const bottom = a.y + CELL + shift;
  const edge = b.x + CELL + shift;
  // The head stops just right of the last marker of the target's row (the target itself when it is last).
  const row = markers.filter((m) => m.kind === 'residual' && m.l === to.l && m.i === to.i && m.y === to.y);
  const tip = Math.max(...row.map((m) => m.x + m.r)) + 4;
  return [
    { x: from.x, y: from.y + from.r + 1 },
    { x: from.x, y: bottom },
    { x: edge, y: bottom },
    { x: edge, y: to.y },
    { x: tip, y: to.y },
  ];
}

/** The heat map as an SVG `label`led for screen readers; `w` gives the words (English when absent). */
export function heatmapSvg(findings: readonly NumberedFinding[], rules: RuleSet, key: string, label: string, w = htmlWords(rules)): string {
  const raw: Omit<Marker, 'x' | 'y' | 'r'>[] = [];
  for (const { n, finding: f } of findings) {
    raw.push({ n, kind: 'residual', l: f.residual.likelihood, i: f.residual.impact, title: f.title });
  }
  for (const { n, finding: f } of findings) {
    if (f.likelihood !== f.residual.likelihood || f.impact !== f.residual.impact) {
      raw.push({ n, kind: 'inherent', l: f.likelihood, i: f.impact, title: f.title });
    }
  }
  const markers = layout(raw);
  const out: string[] = [];
  const titleId = `${key}-hm-title`;
  const descId = `${key}-hm-desc`;
  out.push(
    `<svg class="heatmap" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${HEATMAP_WIDTH} ${HEATMAP_HEIGHT}" width="${HEATMAP_WIDTH}" height="${HEATMAP_HEIGHT}" role="img" aria-labelledby="${titleId} ${descId}">`,
    `<title id="${titleId}">${esc(label)}</title>`,
    `<desc id="${descId}">${esc(describe(findings, w))}</desc>`,
    `<defs><marker id="${key}-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="${INK}"/></marker></defs>`,
  );
  // Cell backgrounds, then the cell labels, then the arrows (along the grid
  // lines, clear of labels and markers), then the markers on top.
  const cells: { l: number; i: number; x: number; y: number; band: Level }[] = [];
  for (let l = 5; l >= 1; l--) {
    for (let i = 1; i <= 5; i++) cells.push({ l, i, ...cellOrigin(l, i), band: cellLevel(l, i, rules) });
  }
  out.push(
    `<g aria-hidden="true">${cells.map((c) => `<rect x="${c.x}" y="${c.y}" width="${CELL}" height="${CELL}" fill="${LEVEL_FILL[c.band]}" stroke="#ffffff" stroke-width="2"/>`).join('')}</g>`,
  );
  // Axes: likelihood up the left, impact along the bottom, in numbers and words.
  for (let l = 1; l <= 5; l++) {
    const y = cellOrigin(l, 1).y + CELL / 2;
    out.push(
      `<text x="${LEFT - 10}" y="${y - 3}" text-anchor="end" class="axis-n">${l}</text>`,
      `<text x="${LEFT - 10}" y="${y + 13}" text-anchor="end" class="axis-w">${esc(likelihoodName(rules, l))}</text>`,
    );
  }
  for (let i = 1; i <= 5; i++) {
    const x = cellOrigin(1, i).x + CELL / 2;
    out.push(
      `<text x="${x}" y="${TOP + GRID + 17}" text-anchor="middle" class="axis-n">${i}</text>`,
      `<text x="${x}" y="${TOP + GRID + 32}" text-anchor="middle" class="axis-w">${esc(impactRatingName(rules, i))}</text>`,
    );
  }
  out.push(
    `<text x="14" y="${TOP + GRID / 2}" text-anchor="middle" transform="rotate(-90 14 ${TOP + GRID / 2})" class="axis-t">${w.text('html.heatmap.axis.likelihood')}</text>`,
    `<text x="${LEFT + GRID / 2}" y="${TOP + GRID + 50}" text-anchor="middle" class="axis-t">${w.text('html.heatmap.axis.impact')}</text>`,
  );
  for (const c of cells) {
    out.push(
      `<g class="cell" data-l="${c.l}" data-i="${c.i}" data-band="${c.band}">` +
        `<text x="${c.x + 7}" y="${c.y + 17}" class="band" stroke="${LEVEL_FILL[c.band]}">${w.text('html.heatmap.cell', { level: w.levelTitle(c.band), score: c.l * c.i })}</text></g>`,
    );
  }
  markers
    .filter((x) => x.kind === 'inherent')
    .forEach((m, lane) => {
      const to = markers.find((x) => x.kind === 'residual' && x.n === m.n)!;
      const points = arrowPath(m, to, lane, markers);
      out.push(
        `<path class="move" data-finding="F${m.n}" d="${points.map((p, k) => `${k ? 'L' : 'M'}${fmt(p.x)},${fmt(p.y)}`).join(' ')}" fill="none" stroke="${INK}" stroke-width="1.6" stroke-linejoin="round" marker-end="url(#${key}-arrow)"/>`,
      );
    });
  for (const m of markers) {
    const state = w.say(m.kind === 'residual' ? 'html.heatmap.marker.after' : 'html.heatmap.marker.before');
    const circle =
      m.kind === 'residual'
        ? `<circle cx="${m.x}" cy="${m.y}" r="${m.r}" fill="${INK}"/>`
        : `<circle cx="${m.x}" cy="${m.y}" r="${m.r - 1}" fill="#ffffff" stroke="${INK}" stroke-width="2" stroke-dasharray="3 2"/>`;
    out.push(
      `<g class="marker ${m.kind}" data-finding="F${m.n}" data-l="${m.l}" data-i="${m.i}">` +
        `<title>${w.text('html.heatmap.marker.title', { n: m.n, title: m.title, likelihood: m.l, impact: m.i, state })}</title>${circle}` +
        `<text x="${m.x}" y="${m.y + 4}" text-anchor="middle" class="${m.kind === 'residual' ? 'mk-r' : 'mk-i'}">${m.n}</text></g>`,
    );
  }
  out.push('</svg>');
  return out.join('\n');
}

function fmt(n: number): string {
  return String(Math.round(n * 10) / 10);
}

/** The heat map in words, for a screen reader. Plain text. */
function describe(findings: readonly NumberedFinding[], w: HtmlWords): string {
  const say = w.say;
  if (!findings.length) return say('html.heatmap.desc.empty');
  return findings
    .map(({ n, finding: f }) => {
      const now = say('html.heatmap.desc.now', {
        likelihood: f.residual.likelihood,
        impact: f.residual.impact,
        level: w.level(f.residual.level),
      });
      const moved = f.likelihood !== f.residual.likelihood || f.impact !== f.residual.impact;
      return moved
        ? say('html.heatmap.desc.moved', { n, likelihood: f.likelihood, impact: f.impact, now })
        : say('html.heatmap.desc.at', { n, now });
    })
    .join(' ');
}

/** The key to the heat map, as small inline SVG symbols next to words. */
export function heatmapLegend(rules: RuleSet, w = htmlWords(rules)): string {
  const sym = (inner: string) => `<svg width="22" height="22" viewBox="0 0 22 22" aria-hidden="true" focusable="false">${inner}</svg>`;
  const items = [
    `<li>${sym(`<circle cx="11" cy="11" r="9" fill="${INK}"/><text x="11" y="15" text-anchor="middle" class="mk-r">1</text>`)} ${w.text('html.heatmap.legend.now')}</li>`,
    `<li>${sym(`<circle cx="11" cy="11" r="8" fill="#fff" stroke="${INK}" stroke-width="2" stroke-dasharray="3 2"/><text x="11" y="15" text-anchor="middle" class="mk-i">1</text>`)} ${w.text('html.heatmap.legend.before')}</li>`,
  ];
  const bands = rules.bands.bands
    .map(
      (b) =>
        `<li><span class="swatch" style="background:${LEVEL_FILL[b.level]}"></span> ${w.text('html.heatmap.legend.band', { level: w.levelTitle(b.level), min: b.min, max: b.max })}</li>`,
    )
    .join('');
  return `<ul class="legend">${items.join('')}</ul><ul class="legend bands">${bands}</ul>`;
}
