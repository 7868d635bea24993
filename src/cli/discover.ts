import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';

export interface Target {
  /** The path as the user gave it, or relative to what they gave. */
  file: string;
  /** Set when the path cannot be read as a file. */
  problem?: string;
  /** Found by walking a directory (not named by the user): skipped unless it is a partnership file. */
  found?: boolean;
}

const SKIP_DIRS = new Set(['.git', 'node_modules']);
const YAML_NAME = /\.ya?ml$/i;

/** The cheap test `check` runs before parsing: a top-level `cdrisk:` key at the start of a line. */
export const PARTNERSHIP_PREFILTER = /^cdrisk\s*:/m;

/** What to tell the user when a file cannot be read, by the error code of the read. */
export function readFailure(code: string | undefined): string {
  switch (code) {
    case 'EISDIR':
      return 'is a directory: give a partnership file or a folder to search';
    case 'ENOENT':
      return 'cannot read file: it does not exist (a broken symbolic link?)';
    case 'EACCES':
    case 'EPERM':
      return 'cannot read file: permission denied; check its permissions';
    default:
      return `cannot read file (${code})`;
  }
}

export interface WalkOptions {
  /** Honour a `.cdriskignore` (gitignore syntax) at the root of each directory given. */
  ignoreFile?: boolean;
}

/**
 * Expands the paths given on the command line: files as they are, directories
 * to the YAML files below them (without `.git` and `node_modules`, and, for
 * `check`, without what `.cdriskignore` excludes). Symbolic links to files are
 * followed; symbolic links to directories are not, so a link loop cannot hang
 * the walk. The result is sorted and has no duplicates.
 */
export function expandPaths(paths: readonly string[], options: WalkOptions = {}): Target[] {
  const out = new Map<string, Target>();
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      out.set(p, { file: p, problem: code === 'ENOENT' ? 'no such file or directory: check the path (it is relative to the current folder)' : `cannot read (${code}): check that the path is readable` });
      continue;
    }
    if (st.isDirectory()) {
      const ig = options.ignoreFile ? readIgnore(p) : undefined;
      const files: string[] = [];
      walk(p, p, ig, files);
      for (const file of files) out.set(file, { file, found: true });
    } else if (st.isFile()) {
      out.set(p, { file: p });
    } else {
      out.set(p, { file: p, problem: 'not a regular file' });
    }
  }
  return [...out.values()].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

function readIgnore(root: string): Ignore | undefined {
  let text: string;
  try {
    text = readFileSync(join(root, '.cdriskignore'), 'utf8');
  } catch {
    return undefined;
  }
  return ignore().add(text);
}

function walk(root: string, dir: string, ig: Ignore | undefined, files: string[]): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const path = join(dir, e.name);
    if (e.isDirectory()) {
      if (SKIP_DIRS.has(e.name)) continue;
      if (ig && ig.ignores(toPosix(relative(root, path)) + '/')) continue;
      walk(root, path, ig, files);
    } else if (YAML_NAME.test(e.name) && (e.isFile() || e.isSymbolicLink())) {
      if (ig && ig.ignores(toPosix(relative(root, path)))) continue;
      files.push(path);
    }
  }
}

function toPosix(p: string): string {
  return sep === '/' ? p : p.split(sep).join('/');
}
