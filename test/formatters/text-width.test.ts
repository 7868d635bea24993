import { describe, expect, it } from 'vitest';
import { charWidth, textWidth, wrapText } from '../../src/shared/text-width.js';

describe('textWidth', () => {
  it('counts ASCII one column a character', () => {
    expect(textWidth('state-investor')).toBe(14);
    expect(textWidth('')).toBe(0);
  });
  it('counts East Asian wide characters as two and combining marks as none', () => {
    expect(textWidth('東京')).toBe(4);
    expect(textWidth('서울특별시')).toBe(10);
    expect(textWidth('ｶﾀｶﾅ')).toBe(4); // halfwidth katakana stays narrow
    expect(textWidth('ＡＢ')).toBe(4); // fullwidth Latin is wide
    expect(textWidth('e\u0301')).toBe(1);
    expect(textWidth('Düsseldorf')).toBe(10);
    expect(charWidth(0x1f600)).toBe(2);
  });
  it('ignores ANSI colour codes', () => {
    expect(textWidth('\u001b[1m\u001b[35mCRITICAL\u001b[39m\u001b[22m')).toBe(8);
  });
});

describe('wrapText', () => {
  it('breaks at spaces and keeps every line within the width', () => {
    const lines = wrapText('Notify the national screening authority and deny control rights', 20);
    expect(lines).toEqual(['Notify the national', 'screening authority', 'and deny control', 'rights']);
  });
  it('keeps line breaks, and cuts a word longer than the line', () => {
    expect(wrapText('a\nbb', 5)).toEqual(['a', 'bb']);
    expect(wrapText('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
  });
  it('wraps wide text by columns, never splitting a character', () => {
    const lines = wrapText('東京都と서울특별시の協定', 7);
    for (const l of lines) expect(textWidth(l)).toBeLessThanOrEqual(7);
    expect(lines.join('')).toBe('東京都と서울특별시の協定');
  });
});
