// Reading rule directories from disk: the built-in rules/ and the --rules
// folders. The rules layer parses and validates what is read here
// (parseRuleLayer); nothing below the CLI touches the file system for rules.
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { UserError } from '../shared/errors.js';
import { fsProblem, kindOf, readInputFile } from '../load/read-input.js';
import {
  isRuleFileName,
  MAX_RULE_FILE_BYTES,
  parseRuleLayer,
  ruleSetFromLayer,
  type RuleFile,
  type RuleLayer,
  type RuleOrigin,
} from '../rules/load-dir.js';
import type { RuleSet } from '../rules/ruleset.js';
import { catalogueName, parseEnglishLabels } from '../rules/i18n-catalogue.js';

const display = (p: string) => relative(process.cwd(), p) || p;

/**
 * Reads a rules directory: its YAML files, those of its packs/ folder and
 * those of its obligations/ folder, in name order, as one layer. Files that
 * cannot be read are errors naming them.
 */
export function readRuleDir(dir: string, display: (p: string) => string = (p) => relative(process.cwd(), p) || p): RuleLayer {
  let entries: string[];
  try {
    const st = statSync(dir);
    if (!st.isDirectory())
      throw new UserError(`--rules expects a directory, and ${display(dir)} is ${st.isFile() ? 'a file' : kindOf(st)}`);
    entries = readdirSync(dir).sort();
  } catch (err) {
    if (err instanceof UserError) throw err;
    throw new UserError(`cannot read rules directory ${display(dir)}: ${fsProblem((err as NodeJS.ErrnoException).code)}`);
  }
  const paths: string[] = entries.filter(isRuleFileName).map((f) => join(dir, f));
  if (entries.includes('packs')) {
    const packs = join(dir, 'packs');
    try {
      paths.push(
        ...readdirSync(packs)
          .filter(isRuleFileName)
          .sort()
          .map((f) => join(packs, f)),
      );
    } catch (err) {
      throw new UserError(`cannot read rule packs folder ${display(packs)}: ${readProblem(err)}`);
    }
  }
  const obligationPaths: string[] = [];
  if (entries.includes('obligations')) {
    const folder = join(dir, 'obligations');
    try {
      obligationPaths.push(
        ...readdirSync(folder)
          .filter(isRuleFileName)
          .sort()
          .map((f) => join(folder, f)),
      );
    } catch (err) {
      throw new UserError(`cannot read obligations folder ${display(folder)}: ${readProblem(err)}`);
    }
  }
  const read = (path: string): RuleFile => {
    const name = display(path);
    if (isDirectory(path))
      throw new UserError('cannot read rule file: it is a directory, not a YAML file; rename or move it', { file: name });
    const got = readInputFile(path, MAX_RULE_FILE_BYTES);
    if ('problem' in got)
      throw new UserError(
        got.problem
          .replace('cannot read file:', 'cannot read rule file:')
          .replace('(raise it with --max-file-size)', '(a rule file is never this large)'),
        { file: name },
      );
    return { name, bytes: got.bytes };
  };
  // Obligation packs first, as they are validated first.
  const obligations = obligationPaths.map(read);
  return parseRuleLayer(dir, paths.map(read), obligations);
}

function isDirectory(file: string): boolean {
  try {
    return statSync(file).isDirectory();
  } catch {
    return false;
  }
}

function readProblem(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOTDIR') return 'it is a file, not a directory';
  return fsProblem(code);
}

/**
 * A complete rule set read and validated from a rules directory that has
 * every table (the built-in rules/), with where each rule came from.
 */
export function readSourceRuleSet(dir: string): { rules: RuleSet; origins: Map<string, RuleOrigin> } {
  const layer = readRuleDir(dir);
  const origins = new Map(layer.rules.map((r) => [r.rule.id, r.origin]));
  for (const { pack, source } of layer.obligations)
    pack.obligations.forEach((o, i) => origins.set(`obligation:${o.id}`, { source, path: ['obligations', i] }));
  // The English report labels (rules/i18n/en.yaml): the other languages' catalogues load only for --lang.
  const labelsFile = join(dir, catalogueName('en'));
  const got = readInputFile(labelsFile, MAX_RULE_FILE_BYTES);
  if ('problem' in got)
    throw new UserError(`rules directory ${display(dir)} lacks its English report labels: ${got.problem}`, { file: display(labelsFile) });
  const labels = parseEnglishLabels({ name: display(labelsFile), bytes: got.bytes });
  return { rules: ruleSetFromLayer(layer, labels), origins };
}
