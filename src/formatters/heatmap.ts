import type { Finding } from '../report/types.js';

/** Counts of findings per likelihood x impact cell: cells[likelihood-1][impact-1]. */
export function heatCells(findings: readonly Finding[], which: 'inherent' | 'residual'): number[][] {
  const cells = Array.from({ length: 5 }, () => [0, 0, 0, 0, 0]);
  for (const f of findings) {
    const l = which === 'inherent' ? f.likelihood : f.residual.likelihood;
    const i = which === 'inherent' ? f.impact : f.residual.impact;
    cells[l - 1][i - 1]++;
  }
  return cells;
}
