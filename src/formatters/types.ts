import type { ChalkInstance } from 'chalk';
import type { Report } from '../report/types.js';
import type { RuleSet } from '../rules/ruleset.js';
import type { Level } from '../shared/levels.js';

export const FORMATS = ['table', 'json', 'markdown', 'sarif', 'junit', 'html', 'github'] as const;
export type Format = (typeof FORMATS)[number];

export interface FormatOptions {
  /** A chalk instance with colour on or off: formatters never decide that themselves. */
  chalk: ChalkInstance;
  rules: RuleSet;
  /** Terminal width for wrapping, when known. */
  width?: number;
  /** The --fail-on level, for the formats that mark failures (junit, github, the check summary). */
  failOn?: Level;
  /** The language of the rule set's texts (BCP 47), for the page's lang attribute; English when absent. */
  lang?: string;
}

/** A formatter is a pure function of the report. */
export type Formatter = (report: Report, options: FormatOptions) => string;
