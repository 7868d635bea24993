import { describe, expect, it } from 'vitest';
import { deepMerge } from './helpers/merge.js';

describe('deepMerge (the rule-case helper)', () => {
  const base = { a: 1, nested: { keep: true, change: 'old', list: [1, 2] }, gone: 'x' };
  it('merges mappings key by key, replaces lists and scalars, removes keys set to null', () => {
    expect(deepMerge(base, { nested: { change: 'new', list: [3] }, gone: null, added: [1] })).toEqual({
      a: 1,
      nested: { keep: true, change: 'new', list: [3] },
      added: [1],
    });
  });
  it('never changes its inputs', () => {
    const patch = { nested: { list: [9] } };
    const out = deepMerge(base, patch);
    (out.nested as { list: number[] }).list.push(10);
    expect(base.nested.list).toEqual([1, 2]);
    expect(patch.nested.list).toEqual([9]);
  });
  it('without a patch returns a copy', () => {
    const out = deepMerge(base, undefined);
    expect(out).toEqual(base);
    expect(out).not.toBe(base);
  });
});
