import type { DocLine } from './types.js';

/** Lines of a plain-text or markdown draft: a paragraph ends at a blank line. */
export function textLines(text: string, markdown: boolean): DocLine[] {
  const out: DocLine[] = [];
  let paragraph = 0;
  let open = false;
  text.split(/\r\n|\r|\n/).forEach((raw, i) => {
    let t = raw;
    if (markdown) t = t.replace(/^\s{0,3}(#{1,6}\s+|>\s?|[-*+]\s+|\d+[.)]\s+)/, '').replace(/[*_`]+/g, '');
    t = t.replace(/\s+/g, ' ').trim();
    if (!t) {
      open = false;
      return;
    }
    if (!open) paragraph++;
    open = true;
    out.push({ text: t, paragraph, line: i + 1 });
  });
  return out;
}

const BLOCK = /^(p|div|h[1-6]|li|tr|td|th|br|section|article|blockquote|table|ul|ol|title)$/i;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/**
 * Lines of an HTML draft: tags are dropped, block elements end a paragraph,
 * script and style are skipped, entities are decoded; each paragraph keeps
 * the line of the source where it starts.
 */
export function htmlLines(html: string): DocLine[] {
  const out: DocLine[] = [];
  let buf = '';
  let startLine = 1;
  let line = 1;
  const flush = () => {
    const t = buf.replace(/\s+/g, ' ').trim();
    if (t) out.push({ text: t, paragraph: out.length + 1, line: startLine });
    buf = '';
  };
  const decode = (s: string) =>
    s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
      if (e[0] === '#') {
        const cp = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
        return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : m;
      }
      return ENTITIES[e.toLowerCase()] ?? m;
    });
  const re = /<!--[\s\S]*?-->|<(script|style)\b[\s\S]*?<\/\1\s*>|<\/?([a-zA-Z][\w-]*)[^>]*>|[^<]+|</g;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    const s = m[0];
    const tag = m[2];
    if (tag && BLOCK.test(tag)) flush();
    else if (!m[1] && !tag && !s.startsWith('<!--')) {
      if (!buf.trim()) startLine = line + (s.match(/^\s*/)![0].match(/\n/g)?.length ?? 0);
      buf += decode(s);
    }
    line += s.match(/\n/g)?.length ?? 0;
  }
  flush();
  return out;
}
