import { describe, expect, it } from 'vitest';
import { decodeText, parseYaml, scanNesting, DEFAULT_LIMITS } from '../src/load/yaml-source.js';
import { engine } from './helpers/engine.js';

const load = (text: string | Uint8Array) => engine().loader.load('t.yaml', typeof text === 'string' ? Buffer.from(text) : text);

describe('the nesting pre-scan', () => {
  it('ignores brackets in quotes, comments and plain words', () => {
    const text = [
      'cdrisk: 1',
      `id: "${'['.repeat(200)}"`,
      `title: '${'{'.repeat(200)}'`,
      `owner: a${'['.repeat(200)}`,
      `# ${'['.repeat(200)}`,
      'note: |',
      `  text with ${'[ '.repeat(10)}`,
    ].join('\n');
    expect(scanNesting(text, 64)).toBeUndefined();
  });

  it('counts flow brackets, indentation and compact sequences', () => {
    expect(scanNesting(`x: ${'['.repeat(65)}`, 64)).toEqual({ line: 1, column: 3 + 64 });
    expect(scanNesting(`x: ${'['.repeat(63)}${']'.repeat(63)}`, 64)).toBeUndefined();
    expect(scanNesting(`x:\n${'- '.repeat(70)}y`, 64)).toEqual({ line: 2, column: 2 * 63 + 1 });
    const block = Array.from({ length: 70 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n');
    expect(scanNesting(block, 64)?.line).toBe(65);
  });

  it('still lets the exact check decide on the parsed document', () => {
    // 40 levels of indentation and 30 of flow: the pre-scan alone sees 70.
    const deep = Array.from({ length: 40 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n') + ` ${'['.repeat(30)}${']'.repeat(30)}`;
    const r = parseYaml('t.yaml', deep, DEFAULT_LIMITS);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problems[0].message).toMatch(/nesting deeper than 64/);
  });
});

describe('decoding', () => {
  it('drops a UTF-8 BOM and keeps the text', () => {
    const r = decodeText(Buffer.from('\ufeffcdrisk: 1\n'));
    expect(r).toEqual({ text: 'cdrisk: 1\n' });
  });

  it('points at the first invalid byte', () => {
    const r = decodeText(Buffer.concat([Buffer.from('cdrisk: 1\nname: D'), Buffer.from([0xfc]), Buffer.from('sseldorf\n')]));
    expect(r).toMatchObject({ problem: { line: 2, column: 8 } });
    const cut = decodeText(Buffer.from([0x61, 0x0a, 0xe2, 0x82]));
    expect(cut).toMatchObject({ problem: { line: 2, column: 1 } });
  });
});

describe('documents that are not partnerships', () => {
  it('a lone document end marker and a leading --- are fine', () => {
    const good = engine().loader.load(
      't.yaml',
      Buffer.from('---\ncdrisk: 1\nid: a\ntitle: T\ncity: {name: X, country: DE}\npartner: {name: Y, country: FR}\n...\n'),
    );
    expect(good.ok).toBe(true);
  });

  it.each([
    ['null document', 'null\n', /empty/],
    ['number', '42\n', /expected a mapping/],
    ['cdrisk in a list', '- cdrisk: 1\n', /expected a mapping/],
    ['prototype key', 'cdrisk: 1\nprototype: {}\n', /key "prototype" is not allowed/],
    ['complex key', 'cdrisk: 1\n? [a, b]\n: c\n', /complex mapping keys/],
    ['anchor on a key', 'cdrisk: 1\n&k id: a\n', /.+/],
  ])('%s', (_, text, message) => {
    const r = load(text);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors[0].message).toMatch(message);
  });
});
