import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import type { MessageVars, Say } from './messages.js';

/** Plain words for the error codes of the file system, to follow "cannot read X: " or "cannot write X: ". */
export function fsProblem(code: string | undefined): string {
  switch (code) {
    case 'ENOENT':
      return 'it does not exist (or a folder on the way does not; a broken symbolic link?)';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied; check its permissions and those of its folder';
    case 'EISDIR':
      return 'it is a directory';
    case 'ENOTDIR':
      return 'a part of the path is a file, not a folder';
    case 'EROFS':
      return 'the file system is read-only';
    case 'EIO':
      return 'input/output error: the disk or the network file system failed; try again, or check the disk';
    case 'ENOSPC':
      return 'no space left on the device';
    case 'EDQUOT':
      return 'the disk quota is used up';
    case 'EFBIG':
      return 'the file is too large for the file system';
    case 'ELOOP':
      return 'too many levels of symbolic links (a link that points back at itself?)';
    case 'ENAMETOOLONG':
      return 'the name is too long';
    case 'EMFILE':
    case 'ENFILE':
      return 'too many files are open; close some programs and try again';
    case 'ENXIO':
      return 'it is a socket or a device with nothing behind it, not a file';
    case 'EBUSY':
      return 'it is busy (in use by another program)';
    case 'EAGAIN':
      return 'it is not ready to be read (a pipe or device, not a file)';
    case 'EPIPE':
      return 'the program reading it has stopped';
    default:
      return code ? `the system refused (${code})` : 'an unknown error';
  }
}

/** The kinds of path that are not a regular file: the id of their label (errors.read.kind.<id>) and their English words. */
const KINDS: readonly [id: string, is: (st: Stats) => boolean, words: string][] = [
  ['directory', (st) => st.isDirectory(), 'a directory'],
  ['fifo', (st) => st.isFIFO(), 'a named pipe (FIFO)'],
  ['socket', (st) => st.isSocket(), 'a socket'],
  ['character-device', (st) => st.isCharacterDevice(), 'a character device'],
  ['block-device', (st) => st.isBlockDevice(), 'a block device'],
];
const OTHER_KIND = ['other', () => true, 'not a regular file'] as const;
const kindEntry = (st: Stats) => KINDS.find(([, is]) => is(st)) ?? OTHER_KIND;

/** What a path that is not a regular file is, in words. */
export function kindOf(st: Stats): string {
  return kindEntry(st)[2];
}

/** A problem is in English; `key` and `vars` let a reader in another language say it from its catalogue (labels errors.read.*). */
export type ReadOutcome = { bytes: Buffer } | ReadProblem;
export interface ReadProblem {
  problem: string;
  key?: string;
  vars?: MessageVars;
  /** The label of what the path is instead of a file ({kind} of errors.read.not-regular). */
  kindKey?: string;
}

/** A read problem in the words of `say` when the catalogue has them. */
export function sayReadProblem(p: ReadProblem, say: Say): string {
  if (!p.key) return p.problem;
  return say(p.key, p.kindKey ? { ...p.vars, kind: say(p.kindKey) } : p.vars);
}

/** The label of kindOf's words. */
function kindKey(st: Stats): string {
  return `errors.read.kind.${kindEntry(st)[0]}`;
}

/** Node's own limit on one buffer, for the (rare) limit of "none". */
const MAX_BUFFER = 2 ** 31 - 1;

/**
 * Reads a regular file, and never more than `maxBytes` of it: a link to
 * /dev/zero, a FIFO or a socket is refused before anything is read (a FIFO is
 * opened without blocking, so a pipe with no writer cannot hang the run), and
 * a file whose size is over the limit is refused from its size alone. Reading
 * stops one byte past the limit, in case the size the system gives is wrong.
 * `maxBytes` of Infinity means no limit.
 */
export function readInputFile(file: string, maxBytes: number): ReadOutcome {
  let fd: number;
  try {
    // stat first: opening a socket fails with a code that says little, and a device need not be opened at all.
    const st = statSync(file);
    if (!st.isFile()) return notRegular(st);
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (err) {
    return { problem: readProblem(err), ...readProblemKey(err) };
  }
  try {
    const st = fstatSync(fd);
    // The path may have been swapped between the two calls.
    if (!st.isFile()) return notRegular(st);
    if (st.size > maxBytes) return { problem: overLimit(st.size, maxBytes), ...overLimitKey(st.size, maxBytes) };
    const cap = Math.min(maxBytes, MAX_BUFFER - 1);
    const chunks: Buffer[] = [];
    let total = 0;
    let buf = Buffer.allocUnsafe(Math.min(cap + 1, Math.max(st.size + 1, 64 * 1024)));
    for (;;) {
      if (buf.length === 0 || total > cap) break;
      const n = readSync(fd, buf, 0, Math.min(buf.length, cap + 1 - total), null);
      if (n === 0) break;
      chunks.push(buf.subarray(0, n));
      total += n;
      buf = n === buf.length ? Buffer.allocUnsafe(Math.min(cap + 1 - total, 1024 * 1024)) : buf.subarray(n);
    }
    if (total > cap) return { problem: overLimit(undefined, maxBytes), ...overLimitKey(undefined, maxBytes) };
    return { bytes: chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total) };
  } catch (err) {
    return { problem: readProblem(err), ...readProblemKey(err) };
  } finally {
    closeSync(fd);
  }
}

function notRegular(st: Stats): ReadProblem {
  if (st.isDirectory())
    return { problem: 'is a directory: give a partnership file, or the directory itself to search it', key: 'errors.read.directory' };
  return {
    problem: `is ${kindOf(st)}, not a regular file: cdrisk reads only regular files (check where this name or link points)`,
    key: 'errors.read.not-regular',
    kindKey: kindKey(st),
  };
}

function overLimitKey(size: number | undefined, maxBytes: number): Pick<ReadProblem, 'key' | 'vars'> {
  return size === undefined
    ? { key: 'errors.read.over-limit', vars: { limit: maxBytes } }
    : { key: 'errors.read.over-limit.size', vars: { size, limit: maxBytes } };
}

function readProblemKey(err: unknown): Pick<ReadProblem, 'key' | 'vars'> {
  return (err as NodeJS.ErrnoException).code === 'EISDIR' ? { key: 'errors.read.directory' } : {};
}

export function overLimit(size: number | undefined, maxBytes: number): string {
  const what = size === undefined ? 'file is larger than' : `file is ${size} bytes, over`;
  return `${what} the limit of ${maxBytes} (raise it with --max-file-size)`;
}

export function readProblem(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'EISDIR') return 'is a directory: give a partnership file, or the directory itself to search it';
  return `cannot read file: ${fsProblem(code)}`;
}
