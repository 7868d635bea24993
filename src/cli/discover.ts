import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface Target {
  /** The path as the user gave it, or relative to what they gave. */
  file: string;
  /** Set when the path cannot be read as a file. */
  problem?: string;
}

const SKIP_DIRS = new Set(['.git', 'node_modules']);

/**
 * Expands the paths given on the command line: files as they are, directories
 * to the YAML files below them. The result is sorted and has no duplicates.
 */
export function expandPaths(paths: readonly string[]): Target[] {
  const out = new Map<string, Target>();
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      out.set(p, { file: p, problem: code === 'ENOENT' ? 'no such file or directory' : `cannot read (${code})` });
      continue;
    }
    if (st.isDirectory()) {
      for (const file of walk(p, new Set())) out.set(file, { file });
    } else if (st.isFile()) {
      out.set(p, { file: p });
    } else {
      out.set(p, { file: p, problem: 'not a regular file' });
    }
  }
  return [...out.values()].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

function walk(dir: string, seen: Set<string>): string[] {
  let real: string;
  try {
    real = statSync(dir).ino + ':' + statSync(dir).dev;
  } catch {
    return [];
  }
  if (seen.has(real)) return [];
  seen.add(real);
  const files: string[] = [];
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  for (const e of entries) {
    const path = join(dir, e.name);
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name)) files.push(...walk(path, seen));
    } else if (/\.ya?ml$/i.test(e.name) && (e.isFile() || e.isSymbolicLink())) {
      files.push(path);
    }
  }
  return files;
}
