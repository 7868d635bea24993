import { lstatSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { fsProblem, kindOf } from '../load/read-input.js';
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

export interface WalkOptions {
  /** Honour a `.cdriskignore` (gitignore syntax) at the root of each directory given. */
  ignoreFile?: boolean;
}

/**
 * Expands the paths given on the command line: files as they are, directories
 * to the YAML files below them (without `.git` and `node_modules`, and, for
 * `check`, without what `.cdriskignore` excludes). Symbolic links to files are
 * followed; symbolic links to directories are not, so a link loop cannot hang
 * the walk. A file reached by several paths (a folder and a file in it, a
 * link beside its target) is one file, under one name: its real path decides.
 * The result is sorted and has no duplicates.
 */
export function expandPaths(paths: readonly string[], options: WalkOptions = {}): Target[] {
  const out = new Map<string, Candidate>();
  const add = (c: Candidate) => {
    const had = out.get(c.real);
    out.set(c.real, had ? preferred(had, c) : c);
  };
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      const problem =
        code === 'ENOENT'
          ? 'no such file or directory: check the path (it is relative to the current folder)'
          : `cannot read: ${fsProblem(code)}`;
      add({ file: p, problem, real: resolve(p), link: false });
      continue;
    }
    if (st.isDirectory()) {
      const ig = options.ignoreFile ? readIgnore(p) : undefined;
      walk(p, p, realPath(p), ig, add);
    } else {
      add({
        file: p,
        real: realPath(p),
        link: isLink(p),
        ...(st.isFile() ? {} : { problem: `is ${kindOf(st)}, not a regular file: cdrisk reads only regular files` }),
      });
    }
  }
  return [...out.values()]
    .map(({ file, problem, found }): Target => ({ file, ...(problem !== undefined ? { problem } : {}), ...(found ? { found } : {}) }))
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

interface Candidate extends Target {
  /** The real path (links resolved): one entry per real file. */
  real: string;
  /** The name itself is a symbolic link. */
  link: boolean;
}

/** Of two names for one file: the one that is not a link, then the shorter, then the first in order; named by the user if either was. */
function preferred(a: Candidate, b: Candidate): Candidate {
  const rank = (c: Candidate) => [c.link ? 1 : 0, posixLength(c.file)] as const;
  const [ra, rb] = [rank(a), rank(b)];
  const first = ra[0] !== rb[0] ? (ra[0] < rb[0] ? a : b) : ra[1] !== rb[1] ? (ra[1] < rb[1] ? a : b) : a.file <= b.file ? a : b;
  const found = a.found === true && b.found === true;
  const { found: _drop, ...rest } = first; // eslint-disable-line @typescript-eslint/no-unused-vars
  return found ? { ...rest, found } : rest;
}

function posixLength(file: string): number {
  return file.replace(/^(\.[\\/])+/, '').length;
}

function realPath(p: string): string {
  try {
    return realpathSync.native(p);
  } catch {
    return resolve(p);
  }
}

function isLink(p: string): boolean {
  try {
    return lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
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

/**
 * `real` is the real path of `dir`: the walk never follows a link to a
 * directory, so the real path of an entry that is not a link is `real` joined
 * with its name, and only links need a look-up.
 */
function walk(root: string, dir: string, real: string, ig: Ignore | undefined, add: (c: Candidate) => void): void {
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
      walk(root, path, join(real, e.name), ig, add);
      continue;
    }
    if (!YAML_NAME.test(e.name)) continue;
    if (ig && ig.ignores(toPosix(relative(root, path)))) continue;
    if (e.isFile()) {
      add({ file: path, found: true, real: join(real, e.name), link: false });
    } else if (e.isSymbolicLink()) {
      let st;
      try {
        st = statSync(path);
      } catch {
        // A broken link: reading it says so.
        add({ file: path, found: true, real: join(real, e.name), link: true });
        continue;
      }
      // Links to directories are not followed, whatever their name.
      if (st.isDirectory()) continue;
      add({ file: path, found: true, real: realPath(path), link: true });
    } else {
      // A FIFO, socket or device with a YAML name: reading refuses it by name.
      add({ file: path, found: true, real: join(real, e.name), link: false });
    }
  }
}
function toPosix(p: string): string {
  return sep === '/' ? p : p.split(sep).join('/');
}
