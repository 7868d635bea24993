// Terminal width of text and word wrapping by that width. East Asian wide
// and fullwidth characters (CJK ideographs, kana, hangul, fullwidth forms,
// most emoji) take two columns, combining marks and zero-width characters
// none, ANSI colour codes none. Kept small and dependency-free because the
// default table wraps every cell with it, and the Japanese and Korean
// reports need the same count.

const ANSI = /\u001b\[[0-9;]*m/g;
const PLAIN_ASCII = /^[\u0020-\u007e]*$/;

/** Code points of zero width: combining marks, joiners, variation selectors, controls. */
function zeroWidth(cp: number): boolean {
  return (
    cp < 0x20 ||
    (cp >= 0x7f && cp < 0xa0) ||
    (cp >= 0x0300 && cp <= 0x036f) ||
    (cp >= 0x1ab0 && cp <= 0x1aff) ||
    (cp >= 0x1dc0 && cp <= 0x1dff) ||
    (cp >= 0x200b && cp <= 0x200f) ||
    (cp >= 0x20d0 && cp <= 0x20ff) ||
    (cp >= 0xfe00 && cp <= 0xfe0f) ||
    (cp >= 0xfe20 && cp <= 0xfe2f) ||
    cp === 0xfeff ||
    (cp >= 0xe0100 && cp <= 0xe01ef)
  );
}

/** East Asian Wide (W) and Fullwidth (F) ranges, after Unicode's EastAsianWidth.txt, plus the emoji blocks. */
function wide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x231a && cp <= 0x231b) ||
    (cp >= 0x2329 && cp <= 0x232a) ||
    (cp >= 0x23e9 && cp <= 0x23ec) ||
    (cp >= 0x2e80 && cp <= 0x303e) ||
    (cp >= 0x3041 && cp <= 0x33ff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0xa000 && cp <= 0xa4cf) ||
    (cp >= 0xa960 && cp <= 0xa97f) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe10 && cp <= 0xfe19) ||
    (cp >= 0xfe30 && cp <= 0xfe6f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1f64f) ||
    (cp >= 0x1f900 && cp <= 0x1f9ff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  );
}

/** Columns a code point takes on a terminal: 0, 1 or 2. */
export function charWidth(cp: number): 0 | 1 | 2 {
  if (cp >= 0x20 && cp < 0x7f) return 1;
  if (zeroWidth(cp)) return 0;
  return wide(cp) ? 2 : 1;
}

/** Columns a string takes on a terminal (ANSI colour codes count for nothing). */
export function textWidth(text: string): number {
  if (PLAIN_ASCII.test(text)) return text.length;
  const plain = text.includes('\u001b') ? text.replace(ANSI, '') : text;
  let width = 0;
  for (const ch of plain) width += charWidth(ch.codePointAt(0)!);
  return width;
}

/** Cuts a word wider than `width` into pieces of at most `width` columns. */
function cutWord(word: string, width: number): string[] {
  const pieces: string[] = [];
  let piece = '';
  let used = 0;
  for (const ch of word) {
    const w = charWidth(ch.codePointAt(0)!);
    if (used + w > width && piece) {
      pieces.push(piece);
      piece = '';
      used = 0;
    }
    piece += ch;
    used += w;
  }
  if (piece) pieces.push(piece);
  return pieces;
}

/**
 * Wraps plain text (no ANSI codes) to lines of at most `width` columns,
 * breaking at spaces; existing line breaks are kept, and a word wider than
 * the line is cut. Text with no space (CJK) is broken between characters.
 */
export function wrapText(text: string, width: number): string[] {
  const out: string[] = [];
  for (const paragraph of text.split('\n')) {
    if (textWidth(paragraph) <= width) {
      out.push(paragraph);
      continue;
    }
    const indent = /^ */.exec(paragraph)![0];
    let line = indent;
    let used = indent.length;
    for (const word of paragraph.slice(indent.length).split(/ +/)) {
      for (const part of textWidth(word) > width ? cutWord(word, width) : [word]) {
        const w = textWidth(part);
        const empty = used === 0 || line === indent;
        if (!empty && used + 1 + w > width) {
          out.push(line);
          line = part;
          used = w;
        } else {
          line += empty ? part : ` ${part}`;
          used += empty ? w : w + 1;
        }
      }
    }
    out.push(line);
  }
  return out;
}
