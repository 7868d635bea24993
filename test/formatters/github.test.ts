import { describe, expect, it } from 'vitest';
import { escapeData, escapeProperty, formatGithub } from '../../src/formatters/github.js';
import { ciOptions, ciReport } from './ci-report.js';

describe('github annotations', () => {
  const out = formatGithub(ciReport(), ciOptions());
  const lines = out.trimEnd().split('\n');

  it('prints one workflow command per line, errors for failing findings and invalid files', () => {
    for (const l of lines) expect(l).toMatch(/^::(error|warning|notice) file=[^:]+,line=\d+(,col=\d+)?,title=[^:]*::.+$/);
    expect(lines.some((l) => l.startsWith('::error file=partnerships/sub dir/dus-xiamen.yml,line='))).toBe(true);
    expect(lines.some((l) => l.startsWith('::error file=partnerships/bad%2550%2Cx.yaml,line=12,col=9,'))).toBe(true);
  });

  it('escapes % CR LF in messages and also : , in properties', () => {
    expect(escapeData('50% done\r\nnext')).toBe('50%25 done%0D%0Anext');
    expect(escapeProperty('a:b,c%')).toBe('a%3Ab%2Cc%25');
    const invalid = lines.find((l) => l.includes('bad%2550'))!;
    expect(invalid).toContain('is not allowed.%0ADid you mean');
  });

  it('never annotates an accepted finding as failing', () => {
    expect(lines.filter((l) => l.includes('dus-xiamen') && l.includes('[partner-rights-record]'))).toEqual([]);
    expect(lines.filter((l) => l.includes('dus-xiamen') && l.includes('[no-exit-clause]'))).toHaveLength(1);
  });

  it('the benign file gets no error', () => {
    expect(lines.filter((l) => l.startsWith('::error') && l.includes('other.yaml'))).toEqual([]);
  });
});
