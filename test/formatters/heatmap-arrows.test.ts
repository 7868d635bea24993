// Issue 10 section 8: the safeguard arrow of the HTML heat map crosses no cell
// label and no marker. Checked on the geometry of the SVG the formatter
// writes: every segment of every arrow against every label box and marker.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { heatmapSvg } from '../../src/formatters/html-heatmap.js';
import { formatHtml } from '../../src/formatters/html.js';
import type { NumberedFinding } from '../../src/formatters/briefing.js';
import type { Finding } from '../../src/report/types.js';
import { engine } from '../helpers/engine.js';
import { options, reportOf } from './briefing-helpers.js';

type Pt = { x: number; y: number };
interface Geometry {
  labels: { x0: number; y0: number; x1: number; y1: number; text: string }[];
  markers: { n: string; kind: string; x: number; y: number; r: number }[];
  arrows: { n: string; points: Pt[] }[];
}

/** Reads positions back from the SVG text. Label boxes: bold 11px text, at most 7.5px a character, 14px high. */
function geometry(svg: string): Geometry {
  const labels = [...svg.matchAll(/<text x="([\d.]+)" y="([\d.]+)" class="band"[^>]*>([^<]*)<\/text>/g)].map((m) => {
    const [x, y] = [Number(m[1]), Number(m[2])];
    return { x0: x, y0: y - 11, x1: x + m[3].length * 7.5, y1: y + 3, text: m[3] };
  });
  const markers = [
    ...svg.matchAll(
      /<g class="marker (\w+)" data-finding="F(\d+)"[^>]*><title>[^<]*<\/title><circle cx="([\d.]+)" cy="([\d.]+)" r="([\d.]+)"/g,
    ),
  ].map((m) => ({
    kind: m[1],
    n: m[2],
    x: Number(m[3]),
    y: Number(m[4]),
    // The hollow marker is drawn with r - 1 and a 2px stroke (1px of it outside).
    r: Number(m[5]) + (m[1] === 'inherent' ? 1 : 0),
  }));
  const arrows = [...svg.matchAll(/<path class="move" data-finding="F(\d+)" d="([^"]+)"/g)].map((m) => ({
    n: m[1],
    points: [...m[2].matchAll(/[ML]([\d.]+),([\d.]+)/g)].map((p) => ({ x: Number(p[1]), y: Number(p[2]) })),
  }));
  return { labels, markers, arrows };
}

function distanceToSegment(c: Pt, a: Pt, b: Pt): number {
  const [dx, dy] = [b.x - a.x, b.y - a.y];
  const len = dx * dx + dy * dy;
  const t = len ? Math.max(0, Math.min(1, ((c.x - a.x) * dx + (c.y - a.y) * dy) / len)) : 0;
  return Math.hypot(c.x - (a.x + t * dx), c.y - (a.y + t * dy));
}

/** Every crossing of an arrow with a label or a marker other than its own start, as text. */
function crossings(svg: string): string[] {
  const g = geometry(svg);
  const out: string[] = [];
  for (const arrow of g.arrows) {
    const segments = arrow.points.slice(1).map((p, k) => [arrow.points[k], p] as const);
    // Axis-aligned segments (checked below): a box is crossed when the segment's extent overlaps it.
    for (const [a, b] of segments) {
      expect(a.x === b.x || a.y === b.y, `F${arrow.n}: segments run along the grid`).toBe(true);
      for (const l of g.labels) {
        const [x0, x1, y0, y1] = [Math.min(a.x, b.x), Math.max(a.x, b.x), Math.min(a.y, b.y), Math.max(a.y, b.y)];
        if (x1 >= l.x0 && x0 <= l.x1 && y1 >= l.y0 && y0 <= l.y1) out.push(`F${arrow.n} crosses the label "${l.text}"`);
      }
      for (const m of g.markers) {
        const own = m.n === arrow.n && m.kind === 'inherent';
        if (distanceToSegment(m, a, b) < m.r - (own ? 0.5 : -1)) out.push(`F${arrow.n} crosses marker F${m.n} (${m.kind})`);
      }
    }
    // The head (about 11px back from the tip along the last segment) stays off the markers too.
    const [a, b] = segments[segments.length - 1];
    const len = Math.hypot(b.x - a.x, b.y - a.y) || 1;
    const back = { x: b.x - ((b.x - a.x) / len) * 11, y: b.y - ((b.y - a.y) / len) * 11 };
    for (const m of g.markers) if (distanceToSegment(m, back, b) < m.r + 1) out.push(`F${arrow.n}'s head touches marker F${m.n}`);
  }
  return out;
}

const rules = engine().rules;
let serial = 0;
/** A finding that stands at (l, i) after its safeguards and stood at (l0, i0) before. */
function finding(l0: number, i0: number, l: number, i: number): Finding {
  serial++;
  return {
    ruleId: `r${serial}`,
    title: `Finding ${serial}`,
    likelihood: l0,
    impact: i0,
    residual: { likelihood: l, impact: i },
  } as unknown as Finding;
}
const numbered = (list: Finding[]): NumberedFinding[] => list.map((finding, k) => ({ n: k + 1, finding }));

describe('safeguard arrows in the HTML heat map', () => {
  it('cross no label and no marker in the reports of the shipped examples', () => {
    const files = readdirSync('fixtures')
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => `fixtures/${f}`);
    const html = formatHtml(reportOf(...files, 'test/golden-formats/critical-port.yaml'), options());
    const svgs = html.match(/<svg class="heatmap"[\s\S]*?<\/svg>/g)!;
    expect(svgs.filter((s) => s.includes('class="move"')).length).toBeGreaterThan(1);
    for (const svg of svgs) expect(crossings(svg)).toEqual([]);
  });

  it('cross nothing for every move a safeguard can make, in cells with up to six findings', () => {
    let arrows = 0;
    for (let l0 = 1; l0 <= 5; l0++)
      for (let i0 = 1; i0 <= 5; i0++)
        for (let l = 1; l <= l0; l++)
          for (let i = 1; i <= i0; i++) {
            if (l === l0 && i === i0) continue;
            // The moved finding shares its cells with others, and two more arrows leave the same cell.
            const list = [
              finding(l0, i0, l, i),
              ...[1, 2, 3, 4, 5].map(() => finding(l, i, l, i)),
              ...[1, 2].map(() => finding(l0, i0, l0, i0)),
              finding(l0, i0, Math.max(1, l - 1), i),
              finding(l0, i0, l, Math.max(1, i - 1)),
              ...[1, 2, 3].map(() => finding(3, 3, 3, 3)),
            ];
            const svg = heatmapSvg(numbered(list), rules, 'k', 'test');
            arrows += geometry(svg).arrows.length;
            expect(crossings(svg), `move ${l0}x${i0} -> ${l}x${i}`).toEqual([]);
          }
    expect(arrows).toBeGreaterThan(500);
  });

  it('the checker finds a crossing when there is one (a straight arrow through a label)', () => {
    const svg = heatmapSvg(numbered([finding(5, 4, 2, 4)]), rules, 'k', 'test');
    const straight = svg.replace(/(<path class="move"[^>]* d=")[^"]+"/, (_m, head: string) => {
      const g = geometry(svg);
      const [from, to] = [g.markers.find((m) => m.kind === 'inherent')!, g.markers.find((m) => m.kind === 'residual')!];
      return `${head}M${from.x},${from.y} L${from.x},${to.y - 30} L${to.x},${to.y - 30}"`;
    });
    expect(crossings(straight).length).toBeGreaterThan(0);
  });
});
