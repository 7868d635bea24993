// The formatters' words come from the labels, and dates and numbers follow the
// report's language.
import { describe, expect, it } from 'vitest';
import { formatDate, formatNumber, makeSay } from '../src/formatters/say.js';

const rules = {
  labels: { 'x.hello': 'Hello {name}', 'x.files.one': 'one file', 'x.files.other': '{count} files', 'x.only.other': '{count} items' },
  foresight: { terms: { levels: { low: 'niedrig', medium: 'mittel', high: 'hoch', critical: 'kritisch' } } },
} as unknown as Parameters<typeof makeSay>[0];

describe('say', () => {
  it('fills a label and refuses a key the labels lack', () => {
    const say = makeSay(rules, 'de');
    expect(say('x.hello', { name: 'Mainz' })).toBe('Hello Mainz');
    expect(() => say('x.missing')).toThrow(/x\.missing/);
  });

  it('counts with .one and .other, the number in the language', () => {
    const de = makeSay(rules, 'de');
    expect(de.count('x.files', 1)).toBe('one file');
    expect(de.count('x.files', 0)).toBe('0 files');
    expect(de.count('x.files', 12345)).toBe('12.345 files');
    expect(de.count('x.only', 1)).toBe('1 items');
    expect(makeSay(rules).count('x.files', 12345)).toBe('12345 files');
  });

  it('names levels in the language', () => {
    expect(makeSay(rules, 'de').level('high')).toBe('hoch');
  });
});

describe('dates and numbers', () => {
  it('English keeps ISO dates; the others write them their way', () => {
    expect(formatDate('en', '2026-12-02')).toBe('2026-12-02');
    expect(formatDate('de', '2026-12-02')).toBe('2. Dezember 2026');
    expect(formatDate('ja', '2026-12-02')).toBe('2026年12月2日');
    expect(formatDate('ko', '2026-12-02')).toBe('2026년 12월 2일');
  });

  it('a text that is not an ISO date is left as it is', () => {
    expect(formatDate('de', 'before signing')).toBe('before signing');
    expect(formatDate('de', '2026-13-45')).toBe('2026-13-45');
  });

  it('numbers take the language separators', () => {
    expect(formatNumber('de', 1234567.5)).toBe('1.234.567,5');
    expect(formatNumber('ja', 1234567)).toBe('1,234,567');
    expect(formatNumber('en', 1234567)).toBe('1234567');
  });
});
