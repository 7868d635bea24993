// Shared by the markdown and html formatter tests: reports built from the
// golden inputs in test/golden-formats/, and exact-string golden comparison
// (a missing golden fails; UPDATE_GOLDEN=1 rewrites the files).
import { readFileSync } from 'node:fs';
import { Chalk } from 'chalk';
import { expectGolden as expectFileGolden } from '../helpers/golden.js';
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

/** Exact comparison with test/golden-formats/NAME; a missing golden fails (UPDATE_GOLDEN=1 writes it). */
export function expectGolden(actual: string, name: string): void {
  expectFileGolden(actual, `${DIR}/${name}`);
}
