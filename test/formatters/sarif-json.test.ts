import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { prettyJson } from '../../src/formatters/sarif.js';

// The SARIF log is a typed object printed by prettyJson, which takes the
// results check printed file by file: it must print exactly as JSON.stringify.
describe('prettyJson', () => {
  it('prints any JSON value as JSON.stringify(value, null, 2) does', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(prettyJson(v, 0)).toBe(JSON.stringify(v, null, 2));
      }),
    );
  });
  it('leaves out undefined members and prints undefined items as null, as JSON.stringify does', () => {
    const v = { a: undefined, b: [undefined, 1], c: {} };
    expect(prettyJson(v, 0)).toBe(JSON.stringify(v, null, 2));
  });
  it('puts items printed beforehand into the array they belong to', () => {
    const items: unknown[] = [];
    const doc = { runs: [{ results: items, after: 1 }] };
    const printed = `\n${'  '.repeat(4)}${prettyJson({ x: [1] }, 4)}`;
    expect(prettyJson(doc, 0, new Map([[items, printed]]))).toBe(JSON.stringify({ runs: [{ results: [{ x: [1] }], after: 1 }] }, null, 2));
    expect(prettyJson(doc, 0, new Map([[items, '']]))).toBe(JSON.stringify(doc, null, 2));
  });
});
