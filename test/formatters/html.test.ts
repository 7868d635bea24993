import { describe, expect, it } from 'vitest';
import { formatHtml } from '../../src/formatters/html.js';
import { CRITICAL, ESCAPE, expectGolden, options, reportOf } from './briefing-helpers.js';

// A small HTML tree builder, enough to check our own output: it fails on any
// close tag that does not match, on unclosed elements and on stray '<'.
interface Node {
  name: string;
  attrs: Record<string, string>;
  children: Node[];
  text: string;
  parent?: Node;
}

const VOID = new Set(['meta', 'br', 'hr', 'img', 'input', 'link', 'col', 'wbr']);
const RAW = new Set(['style', 'script']);

function parse(html: string): Node {
  const root: Node = { name: '#root', attrs: {}, children: [], text: '' };
  let cur = root;
  let k = 0;
  while (k < html.length) {
    const lt = html.indexOf('<', k);
    if (lt < 0) {
      cur.text += html.slice(k);
      break;
    }
    cur.text += html.slice(k, lt);
    if (html.startsWith('<!DOCTYPE', lt)) {
      k = html.indexOf('>', lt) + 1;
      continue;
    }
    const close = /^<\/([a-zA-Z][a-zA-Z0-9]*)\s*>/.exec(html.slice(lt));
    if (close) {
      if (close[1] !== cur.name) throw new Error(`</${close[1]}> closes <${cur.name}> at offset ${lt}`);
      cur = cur.parent!;
      k = lt + close[0].length;
      continue;
    }
    const open = /^<([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[a-zA-Z_:][-a-zA-Z0-9_:.]*(?:="[^"<]*")?)*)\s*(\/?)>/.exec(html.slice(lt));
    if (!open) throw new Error(`stray '<' at offset ${lt}: ${html.slice(lt, lt + 40)}`);
    const attrs: Record<string, string> = {};
    for (const a of open[2].matchAll(/([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:="([^"]*)")?/g)) {
      if (a[1] in attrs) throw new Error(`duplicate attribute ${a[1]} at offset ${lt}`);
      attrs[a[1]] = a[2] ?? '';
    }
    const node: Node = { name: open[1], attrs, children: [], text: '', parent: cur };
    cur.children.push(node);
    k = lt + open[0].length;
    if (RAW.has(node.name)) {
      const end = html.indexOf(`</${node.name}>`, k);
      node.text = html.slice(k, end);
      k = end + node.name.length + 3;
    } else if (!VOID.has(node.name) && open[3] !== '/') {
      cur = node;
    }
  }
  if (cur !== root) throw new Error(`<${cur.name}> is never closed`);
  return root;
}

function all(n: Node, pred: (x: Node) => boolean, out: Node[] = []): Node[] {
  for (const c of n.children) {
    if (pred(c)) out.push(c);
    all(c, pred, out);
  }
  return out;
}

const byName = (root: Node, name: string) => all(root, (x) => x.name === name);
const hasClass = (n: Node, c: string) => (n.attrs.class ?? '').split(/\s+/).includes(c);
const textOf = (n: Node): string => n.text + n.children.map(textOf).join('');

describe('html report', () => {
  const single = formatHtml(reportOf(CRITICAL), options());
  const portfolio = formatHtml(reportOf(CRITICAL, ESCAPE), options());

  it('checks with a parser that rejects broken markup', () => {
    expect(() => parse('<p><b>x</p></b>')).toThrow(/closes/);
    expect(() => parse('<div><p>x</p>')).toThrow(/never closed/);
    expect(() => parse('<p>a < b</p>')).toThrow(/stray/);
    expect(parse('<svg><g><circle r="1"/></g></svg><br>').children).toHaveLength(2);
  });

  it('matches the golden files', () => {
    expectGolden(single, 'critical-port.html');
    expectGolden(portfolio, 'portfolio.html');
  });

  it('is well formed, in English, with one h1 and no skipped heading level', () => {
    for (const html of [single, portfolio]) {
      const root = parse(html);
      expect(root.children.map((c) => c.name)).toEqual(['html']);
      expect(root.children[0].attrs.lang).toBe('en');
      const headings = all(root, (x) => /^h[1-6]$/.test(x.name)).map((h) => Number(h.name[1]));
      expect(headings.filter((h) => h === 1)).toHaveLength(1);
      headings.reduce((prev, h) => {
        expect(h).toBeLessThanOrEqual(prev + 1);
        return h;
      }, 1);
      const ids = all(root, (x) => 'id' in x.attrs).map((x) => x.attrs.id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const a of byName(root, 'a').filter((x) => x.attrs.href?.startsWith('#'))) expect(ids).toContain(a.attrs.href.slice(1));
    }
  });

  it('is self-contained: no script, no external asset, no event handler', () => {
    for (const html of [single, portfolio]) {
      const root = parse(html);
      expect(byName(root, 'script')).toHaveLength(0);
      for (const tag of ['link', 'img', 'iframe', 'object', 'embed', 'image', 'use']) expect(byName(root, tag)).toHaveLength(0);
      for (const n of all(root, () => true)) {
        for (const a of Object.keys(n.attrs)) expect(a).not.toMatch(/^on/i);
        expect(n.attrs.src).toBeUndefined();
      }
      const css = byName(root, 'style')
        .map((s) => s.text)
        .join('');
      expect(css).not.toMatch(/url\(|@import|@font-face/);
      expect(css).toMatch(/@media print/);
      expect(css).toMatch(/@page/);
    }
  });

  it('gives every table header a scope', () => {
    const root = parse(portfolio);
    const th = byName(root, 'th');
    expect(th.length).toBeGreaterThan(20);
    for (const h of th) expect(['col', 'row']).toContain(h.attrs.scope);
  });

  it('places every finding in its heat-map cell, with where it stood before when it moved', () => {
    const root = parse(single);
    const svg = all(root, (x) => x.name === 'svg' && hasClass(x, 'heatmap'));
    expect(svg).toHaveLength(1);
    expect(svg[0].attrs.role).toBe('img');
    expect(byName(svg[0], 'title').length).toBeGreaterThan(0);
    expect(byName(svg[0], 'desc')).toHaveLength(1);
    expect(all(svg[0], (x) => hasClass(x, 'cell'))).toHaveLength(25);
    for (const cell of all(svg[0], (x) => hasClass(x, 'cell'))) {
      const score = Number(cell.attrs['data-l']) * Number(cell.attrs['data-i']);
      expect(textOf(cell).toLowerCase()).toBe(`${cell.attrs['data-band']} ${score}`);
    }
    const findings = all(root, (x) => x.name === 'section' && hasClass(x, 'finding'));
    expect(findings).toHaveLength(8);
    const markers = all(svg[0], (x) => hasClass(x, 'marker'));
    for (const f of findings) {
      const id = f.attrs['data-finding'];
      const residual = markers.filter((m) => m.attrs['data-finding'] === id && hasClass(m, 'residual'));
      expect(residual).toHaveLength(1);
      expect([residual[0].attrs['data-l'], residual[0].attrs['data-i']]).toEqual([f.attrs['data-l'], f.attrs['data-i']]);
      expect(textOf(residual[0])).toContain(id.slice(1));
    }
    // F5 (the IP exchange) moved from 5x4 to 3x4 thanks to the IP agreement.
    const before = markers.filter((m) => hasClass(m, 'inherent'));
    expect(before.map((m) => [m.attrs['data-finding'], m.attrs['data-l'], m.attrs['data-i']])).toEqual([['F5', '5', '4']]);
    expect(all(svg[0], (x) => hasClass(x, 'move')).map((x) => x.attrs['data-finding'])).toEqual(['F5']);
  });

  it('has a bar per category, the foresight steps, stakeholders with questions and the gaps section', () => {
    const root = parse(single);
    const bars = all(root, (x) => x.name === 'svg' && hasClass(x, 'bar'));
    expect(bars).toHaveLength(3);
    for (const b of bars) expect(b.attrs['aria-label']).toMatch(/score \d+ of 25/);
    const h3 = byName(root, 'h3').map(textOf);
    expect(h3).toEqual([
      'Heat map',
      'Risk by category',
      'Obligations',
      'Findings',
      'Foresight steps',
      'Stakeholders to consult',
      'Information gaps',
      'Accepted risks',
      'Method and sources',
    ]);
    const steps = all(root, (x) => x.name === 'h4' && textOf(x).startsWith('Step '));
    expect(steps).toHaveLength(3);
    expect(single).toContain('Can the names and roles of the visitors be checked before the visit?');
  });

  it('opens several files with a portfolio, worst level first, linking to each section', () => {
    const root = parse(portfolio);
    const section = all(root, (x) => x.attrs.id === 'portfolio')[0];
    const rows = byName(section, 'tr').filter((r) => r.attrs['data-level']);
    expect(rows).toHaveLength(2);
    const articles = all(root, (x) => x.name === 'article' && hasClass(x, 'partnership'));
    expect(articles.map((a) => a.attrs.id).sort()).toEqual(rows.map((r) => byName(r, 'a')[0].attrs.href.slice(1)).sort());
    const rank = ['low', 'medium', 'high', 'critical'];
    const levels = rows.map((r) => rank.indexOf(r.attrs['data-level']));
    expect(levels).toEqual([...levels].sort((a, b) => b - a));
  });

  it('escapes every string from the file', () => {
    const root = parse(portfolio);
    expect(byName(root, 'script')).toHaveLength(0);
    expect(byName(root, 'b')).toHaveLength(0);
    expect(portfolio).toContain('Twinning &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39;');
    expect(portfolio).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(portfolio).toContain('City council &lt;/td&gt;&lt;script&gt;');
    expect(portfolio).not.toMatch(/<script|<img|<b>/i);
  });

  it('is deterministic and carries no date but the report’s', () => {
    expect(formatHtml(reportOf(CRITICAL, ESCAPE), options())).toBe(portfolio);
    expect(single).not.toMatch(/20\d\d-\d\d-\d\dT/);
  });
});
