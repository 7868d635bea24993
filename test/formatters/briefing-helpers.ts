// Shared by the markdown and html formatter tests: reports built from the
// golden inputs in test/golden-formats/, and exact-string golden comparison
// (UPDATE_GOLDEN=1 rewrites the files).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { Chalk } from 'chalk';
import { expect } from 'vitest';
import { buildReport } from '../../src/engine/run.js';
import type { FormatOptions } from '../../src/formatters/types.js';
import type { Report } from '../../src/report/types.js';
import { ROOT, assessYaml, engine } from '../helpers/engine.js';

export const DIR = 'test/golden-formats';
export const CRITICAL = `${DIR}/critical-port.yaml`;
export const ESCAPE = `${DIR}/escape.yaml`;

export function reportOf(...files: string[]): Report {
  return buildReport(files.map((f) => assessYaml(readFileSync(`${ROOT}${f}`, 'utf8'), f)));
}

export function options(): FormatOptions {
  return { chalk: new Chalk({ level: 0 }), rules: engine().rules };
}

export function expectGolden(actual: string, name: string): void {
  const path = `${ROOT}${DIR}/${name}`;
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(path)) writeFileSync(path, actual);
  expect(actual).toBe(readFileSync(path, 'utf8'));
}
