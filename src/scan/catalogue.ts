import { relative } from 'node:path';
import { UserError } from '../shared/errors.js';
import { decodeText, DEFAULT_LIMITS, parseYaml } from '../load/yaml-source.js';
import { readInputFile } from '../load/read-input.js';
import { validate } from '../rules/load-dir.js';
import { clauseFileSchema, compileCatalogue, type ClauseCatalogue, type ClauseFile } from '../rules/clause-schema.js';

/** Reads and checks a clause catalogue (rules/clauses.yaml, or one given). Errors are located. */
export function readCatalogue(file: string): ClauseCatalogue {
  const name = relative(process.cwd(), file) || file;
  // A regular file only, and never more than the limit (a FIFO or /dev/zero behind the name cannot hang the run).
  const read = readInputFile(file, DEFAULT_LIMITS.maxBytes);
  if ('problem' in read)
    throw new UserError(`cannot read the clause patterns: ${read.problem.replace(/^cannot read file: /, '')}`, { file: name });
  const decoded = decodeText(read.bytes);
  if ('problem' in decoded)
    throw new UserError(decoded.problem.message, { file: name, line: decoded.problem.line, column: decoded.problem.column });
  const parsed = parseYaml(name, decoded.text);
  if (!parsed.ok)
    throw new UserError(parsed.problems[0].message, { file: name, line: parsed.problems[0].line, column: parsed.problems[0].column });
  return compileCatalogue(validate(clauseFileSchema, parsed.source) as ClauseFile, parsed.source);
}
