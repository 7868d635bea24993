import { describe, expect, it } from 'vitest';
import { portfolioOrder } from '../../src/formatters/briefing.js';
import type { FileResult } from '../../src/report/types.js';

const result = (id: string, level: FileResult['level'], score: number | null, valid = true) =>
  ({ file: `${id}.yaml`, id, valid, level, score }) as FileResult;

describe('portfolio order', () => {
  it('puts the worst first: level, then score, then id; invalid files last', () => {
    const order = portfolioOrder([
      result('b-fifteen', 'critical', 15),
      result('broken', null, null, false),
      result('a-medium', 'medium', 9),
      result('c-twenty', 'critical', 20),
      result('a-twenty', 'critical', 20),
      result('z-high', 'high', 12),
    ]).map((r) => r.id);
    expect(order).toEqual(['a-twenty', 'c-twenty', 'b-fifteen', 'z-high', 'a-medium', 'broken']);
  });
});
