// A small report for the CI format tests: a critical file (one finding
// accepted), a benign file, an invalid file, and a path that needs escaping.
import { readFileSync } from 'node:fs';
import { makeChalk } from '../../src/cli/output.js';
import { buildReport, invalidResult } from '../../src/engine/run.js';
import type { FormatOptions } from '../../src/formatters/types.js';
import type { Report } from '../../src/report/types.js';
import { assessYaml, engine, ROOT } from '../helpers/engine.js';

export const CRITICAL_TEXT = readFileSync(`${ROOT}fixtures/port-stake-state-investor.yaml`, 'utf8');
const ACCEPTED = `${CRITICAL_TEXT}
accepted_risks:
  - rule: partner-rights-record
    reason: "Council decision 2026/14: the <city> & its \\"partners\\" accept it"
    approved_by: City Council
    expires: 2099-12-31
`;
/** The rule-case base: fires no rule. */
const BENIGN = readFileSync(`${ROOT}test/rule-cases/_base.yaml`, 'utf8');

export function ciReport(failOn: FormatOptions['failOn'] = 'high'): Report {
  const ctx = engine();
  return buildReport(
    [
      assessYaml(ACCEPTED, 'partnerships/sub dir/dus-xiamen.yml', ctx),
      assessYaml(BENIGN, 'partnerships/other.yaml', ctx),
      invalidResult('partnerships/bad%50,x.yaml', [
        { message: 'partner.type: "locl" is not allowed.\nDid you mean "local"?', path: 'partner.type', line: 12, column: 9 },
      ]),
    ],
    failOn,
  );
}

export function ciOptions(failOn: FormatOptions['failOn'] = 'high'): FormatOptions {
  return { chalk: makeChalk(false), rules: engine().rules, failOn };
}
