import { describe, expect, it } from 'vitest';
import { formatMarkdown, mdText } from '../../src/formatters/markdown.js';
import { CRITICAL, ESCAPE, expectGolden, options, reportOf } from './briefing-helpers.js';

describe('markdown briefing note', () => {
  const single = formatMarkdown(reportOf(CRITICAL), options());
  const portfolio = formatMarkdown(reportOf(CRITICAL, ESCAPE), options());

  it('matches the golden files', () => {
    expectGolden(single, 'critical-port.md');
    expectGolden(portfolio, 'portfolio.md');
  });

  it('has the sections a council member reads, in order', () => {
    const headings = single.split('\n').filter((l) => /^##? /.test(l));
    expect(headings).toEqual([
      '# Briefing: MoU on port logistics with Xiamen',
      '## Summary',
      '## Obligations',
      '## Risk by category',
      '## Heat map',
      '## Findings',
      '## Foresight steps',
      '## Stakeholders to consult',
      '## Information gaps',
      '## Accepted risks',
      '## Method and sources',
    ]);
    expect(single).toMatch(/Overall risk \*\*CRITICAL\*\*/);
    expect(single).toMatch(/Recommendation: \*\*ESCALATE\*\*/);
  });

  it('groups findings by category and numbers them as the heat map does', () => {
    const cats = single.split('\n').filter((l) => l.startsWith('### '));
    expect(cats.map((c) => c.replace(/:.*/, ''))).toEqual([
      '### Geopolitical risk',
      '### Economic and IP risk',
      '### Ethical-reputational risk',
    ]);
    const numbers = [...single.matchAll(/^#### F(\d+)\./gm)].map((m) => Number(m[1]));
    expect(numbers).toEqual(numbers.map((_, k) => k + 1));
    for (const n of numbers) expect(single).toMatch(new RegExp(`\\| [^\\n]*\\*\\*[^*]*\\bF${n}\\b`));
  });

  it('states the bands from the rule data and the sources', () => {
    expect(single).toContain('1-4 low, 5-9 medium, 10-14 high, 15-25 critical');
    expect(single).toContain('Regimes of the World');
    expect(single).toContain('reconstructs');
  });

  it('puts a short worst-first portfolio table before several briefings', () => {
    const lines = portfolio.split('\n');
    expect(lines[0]).toBe('# City diplomacy risk: 2 partnerships');
    const rows = lines.filter((l) => l.startsWith('| ') && !l.startsWith('| Partnership'));
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(portfolio.split('\n---\n').length).toBe(3);
  });

  it('contains no HTML and no giant table rows, even with markup in the file', () => {
    for (const text of [single, portfolio]) {
      const withoutAutolinks = text.replace(/<https?:\/\/[^>\s]+>/g, '');
      expect(withoutAutolinks).not.toMatch(/(^|[^\\])<[a-zA-Z/!]/m);
      for (const line of text.split('\n').filter((l) => l.startsWith('|'))) expect(line.length).toBeLessThan(220);
    }
    expect(portfolio).toContain('\\<script\\>alert("x")\\</script\\>');
    expect(portfolio).toContain('\\| pipes \\*stars\\*');
  });

  it('escapes text so it cannot become markup', () => {
    expect(mdText('a|b <i>*x*</i>\nnext')).toBe('a\\|b \\<i\\>\\*x\\*\\</i\\> next');
  });

  it('is deterministic', () => {
    expect(formatMarkdown(reportOf(CRITICAL, ESCAPE), options())).toBe(portfolio);
  });
});
