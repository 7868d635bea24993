import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readSourceRuleSet } from '../src/cli/rule-files.js';
import { createContext } from '../src/engine/context.js';
import { rulesMarkdown } from '../src/cli/commands/rules.js';

describe('docs/rules.md', () => {
  it('is the catalogue generated from rules/ (regenerate: node bin/cdrisk.js rules list --markdown > docs/rules.md)', () => {
    const { rules } = readSourceRuleSet(new URL('../rules', import.meta.url).pathname);
    const ctx = createContext(rules, { today: '2026-11-22' });
    expect(readFileSync(new URL('../docs/rules.md', import.meta.url), 'utf8')).toBe(rulesMarkdown(ctx));
  });

  it('has a section for every rule', () => {
    const text = readFileSync(new URL('../docs/rules.md', import.meta.url), 'utf8');
    const { rules } = readSourceRuleSet(new URL('../rules', import.meta.url).pathname);
    for (const rule of rules.rules) expect(text).toContain(`### ${rule.id}\n`);
  });
});
