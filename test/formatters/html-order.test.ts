// Issue 10 section 8: in the HTML (and markdown) report of several files the
// briefings follow the portfolio table's order, and each stakeholder's
// "Concerns" are listed in finding order.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatHtml } from '../../src/formatters/html.js';
import { formatMarkdown } from '../../src/formatters/markdown.js';
import { concernRefs } from '../../src/formatters/briefing.js';
import { options, reportOf } from './briefing-helpers.js';

const files = readdirSync('fixtures')
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => `fixtures/${f}`);
const report = reportOf(...files);

describe('several files', () => {
  it('the HTML briefings come in the portfolio order', () => {
    const html = formatHtml(report, options());
    const table = html.slice(
      html.indexOf('<table class="portfolio">'),
      html.indexOf('</table>', html.indexOf('<table class="portfolio">')),
    );
    const rows = [...table.matchAll(/<a href="#(p-[^"]+)">/g)].map((m) => m[1]);
    const sections = [...html.matchAll(/<article class="partnership" id="(p-[^"]+)"/g)].map((m) => m[1]);
    expect(rows.length).toBe(files.length);
    expect(sections).toEqual(rows);
    // ...which is not the file order, or the test would prove nothing.
    expect(sections).not.toEqual(report.results.map((r) => `p-${r.id}`));
  });
  it('the markdown briefings come in the portfolio order', () => {
    const md = formatMarkdown(report, options());
    const table = md.slice(0, md.indexOf('\n---\n'));
    const rows = [...table.matchAll(/\(`([a-z0-9-]+)`\)/g)].map((m) => m[1]);
    const briefings = [...md.matchAll(/^Partnership `([a-z0-9-]+)`/gm)].map((m) => m[1]);
    expect(briefings).toEqual(rows);
  });
  it("lists each stakeholder's concerns in finding order", () => {
    const html = formatHtml(report, options());
    const cells = [...html.matchAll(/<td class="nowrap">(?:Consulted|<strong>To consult<\/strong>)<\/td><td>([^<]*)<\/td>/g)].map((m) =>
      m[1].split(', '),
    );
    expect(cells.length).toBeGreaterThan(10);
    expect(cells.some((c) => c.length > 2)).toBe(true);
    for (const c of cells) {
      const n = c.map((x) => Number(x.slice(1)));
      expect(n, c.join(', ')).toEqual([...n].sort((a, b) => a - b));
    }
    expect(
      concernRefs(
        ['b', 'x', 'a', 'c'],
        new Map([
          ['a', 3],
          ['b', 1],
          ['c', 2],
        ]),
      ),
    ).toEqual(['F1', 'F2', 'F3', 'x']);
  });
});
