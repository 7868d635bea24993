// An exact golden per output format, compared as a string with colour off.
// json, markdown and html have theirs too (test/golden/, markdown.test.ts,
// html.test.ts). Regenerate after an intended change:
//   UPDATE_GOLDEN=1 npx vitest run test/formatters/goldens.test.ts
import { describe, expect, it } from 'vitest';
import { Chalk } from 'chalk';
import { formatTable } from '../../src/formatters/table.js';
import { formatSarif } from '../../src/formatters/sarif.js';
import { formatJunit } from '../../src/formatters/junit.js';
import { formatGithub } from '../../src/formatters/github.js';
import { formatJson } from '../../src/formatters/json.js';
import { CRITICAL, ESCAPE, expectGolden, options, reportOf } from './briefing-helpers.js';
import { ciOptions, ciReport } from './ci-report.js';

describe('exact goldens', () => {
  it('table: one file, at the default width when piped', () => {
    expectGolden(formatTable(reportOf(CRITICAL), options()), 'critical-port.txt');
  });
  it('table: two files, one with text that must be escaped, at 80 columns', () => {
    expectGolden(formatTable(reportOf(CRITICAL, ESCAPE), { ...options(), width: 80 }), 'portfolio-80.txt');
  });
  it('table: accepted, benign and invalid files', () => {
    expectGolden(formatTable(ciReport(), ciOptions()), 'ci-report.txt');
  });
  it('json', () => {
    expectGolden(formatJson(ciReport(), ciOptions()), 'ci-report.json');
  });
  it('sarif', () => {
    expectGolden(formatSarif(ciReport(), ciOptions()), 'ci-report.sarif');
  });
  it('junit', () => {
    expectGolden(formatJunit(ciReport(), ciOptions()), 'ci-report.junit.xml');
  });
  it('github', () => {
    expectGolden(formatGithub(ciReport(), ciOptions()), 'ci-report.github.txt');
  });
  it('with colour on, the table differs from the golden only by colour codes', () => {
    const coloured = formatTable(reportOf(CRITICAL), { ...options(), chalk: new Chalk({ level: 1 }) });
    expect(coloured).toContain('\u001b[');
    expect(coloured.replace(/\u001b\[[0-9;]*m/g, '')).toBe(formatTable(reportOf(CRITICAL), options()));
  });
});

describe('the default table', () => {
  const text = formatTable(reportOf(CRITICAL), options());
  const lines = text.split('\n');

  it('prints every rule id whole, on a line of its own in the finding column', () => {
    const ids = reportOf(CRITICAL).results[0].findings.map((f) => f.ruleId);
    expect(ids).toContain('state-investor-strategic-infrastructure');
    for (const id of ids)
      expect(
        lines.some((l) => l.split('│').some((cell) => cell.trim() === id)),
        id,
      ).toBe(true);
    expect(text).not.toContain('…');
  });

  it('keeps every line of the box the same width', () => {
    const box = lines.filter((l) => /^[┌├│└]/.test(l));
    expect(box.length).toBeGreaterThan(20);
    expect(new Set(box.map((l) => [...l].length)).size).toBe(1);
    expect([...box[0]].length).toBeLessThanOrEqual(100);
  });

  it('puts each heat map count under its impact number', () => {
    const head = lines.find((l) => /impact\s+1\s+2\s+3\s+4\s+5$/.test(l))!;
    const columns = [1, 2, 3, 4, 5].map((i) => head.lastIndexOf(String(i)));
    const rows = lines.filter((l) => /^ {2}likelihood [1-5]/.test(l));
    expect(rows).toHaveLength(5);
    for (const row of rows) {
      expect(row.length).toBe(head.length);
      for (const col of columns) expect(row[col], row).toMatch(/[.\d]/);
      expect(row.slice(columns[0] - 2).replace(/[.\d ]/g, '')).toBe('');
    }
  });
});
