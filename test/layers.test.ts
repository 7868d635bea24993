import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';

// The layer boundaries are lint rules (eslint.config.js): an import that runs
// up the layers must fail `npm run lint`, statically or with import().
const eslint = new ESLint({ cwd: new URL('..', import.meta.url).pathname });

async function problems(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: file });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-syntax').map((m) => m.message);
}

describe('layer boundaries', () => {
  const upward: [string, string][] = [
    ['src/shared/x.ts', "import { LEVELS } from '../load/yaml-source.js';"],
    ['src/load/x.ts', "import type { RuleSet } from '../rules/ruleset.js';"],
    ['src/rules/x.ts', "import { createContext } from '../engine/context.js';"],
    ['src/rules/x.ts', "export { packageRoot } from '../cli/package-root.js';"],
    ['src/report/x.ts', "import type { EngineContext } from '../engine/context.js';"],
    ['src/engine/x.ts', "import { formatters } from '../formatters/index.js';"],
    ['src/engine/sub/x.ts', "import { run } from '../../cli/run.js';"],
    ['src/formatters/x.ts', "import type { Io } from '../cli/io.js';"],
    ['src/engine/x.ts', "export async function f() { return import('../cli/run.js'); }"],
  ];
  it.each(upward)('%s: %s fails lint', async (file, code) => {
    const found = await problems(file, code);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/may import only from/);
  });

  const downward: [string, string][] = [
    ['src/rules/x.ts', "import { LEVELS } from '../shared/levels.js';\nimport { parseYaml } from '../load/yaml-source.js';"],
    ['src/engine/x.ts', "import type { RuleSet } from '../rules/ruleset.js';\nimport type { Report } from '../report/types.js';"],
    ['src/formatters/x.ts', "import { buildReport } from '../engine/run.js';"],
    ['src/cli/commands/x.ts', "import { formatters } from '../../formatters/index.js';\nimport { run } from '../run.js';"],
    ['src/engine/x.ts', "import { assessPartnership } from './assess.js';"],
  ];
  it.each(downward)('%s: %s passes', async (file, code) => {
    expect(await problems(file, code)).toEqual([]);
  });
});
