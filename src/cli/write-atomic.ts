import { closeSync, fsyncSync, openSync, realpathSync, renameSync, statSync, unlinkSync, writeSync, type Stats } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Writes a whole file so that a reader sees the old one or the new one, never
 * half of either: the text goes to a temporary file in the same folder, is
 * flushed to the disk (fsync), then renamed over the target, and the folder
 * is flushed too. A kill or a full disk before the rename leaves the old file
 * as it was (and at worst a `.NAME.cdrisk-*.tmp` beside it, removed when the
 * failure is seen). A link is followed, so the file it points at is replaced
 * and the link kept; an existing file keeps its permission bits. A target
 * that exists and is not a regular file (/dev/null, a pipe) is written to
 * directly: it cannot be renamed over; /dev/stdout and /dev/fd/N are appended
 * to, since they stand for a stream the caller opened.
 * Errors are thrown as they come (NodeJS.ErrnoException).
 */
export function writeFileAtomic(file: string, text: string | Uint8Array): void {
  writeFileAtomicPieces(file, (write) => write(text));
}

/** What a report made piece by piece hands the writer: it calls `write` once per piece. */
export type Produce = (write: (piece: string | Uint8Array) => void) => void;

/** writeFileAtomic for a text produced piece by piece, so that it never has to be held whole. */
export function writeFileAtomicPieces(file: string, produce: Produce): void {
  // /dev/stdout, /dev/fd/3 and the like name a stream the caller opened (perhaps `>> log`): append to it, never replace what it points at.
  if (STREAM_NAME.test(file)) {
    writeAll(openSync(file, 'a'), produce, false);
    return;
  }
  let target = file;
  let st: Stats | undefined;
  try {
    target = realpathSync(file);
    st = statSync(target);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  if (st?.isDirectory()) throw Object.assign(new Error(`EISDIR: illegal operation on a directory, '${file}'`), { code: 'EISDIR' });
  if (st && !st.isFile()) {
    writeAll(openSync(target, 'w'), produce, false);
    return;
  }
  const dir = dirname(target);
  const tmp = join(dir, `.${basename(target)}.cdrisk-${process.pid}-${randomHex()}.tmp`);
  try {
    writeAll(openSync(tmp, 'wx', st ? st.mode & 0o7777 : 0o666), produce, true);
    renameSync(tmp, target);
  } catch (err) {
    try {
      unlinkSync(tmp);
    } catch {
      // already gone, or never made
    }
    throw err;
  }
  syncDir(dir);
}

const STREAM_NAME = /^\/(dev\/(stdout|stderr|fd\/\d+)|proc\/self\/fd\/\d+)$/;

function writeAll(fd: number, produce: Produce, sync: boolean): void {
  try {
    produce((piece) => {
      const bytes = typeof piece === 'string' ? Buffer.from(piece) : piece;
      let done = 0;
      while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done);
    });
    if (sync) fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Makes the rename itself durable; some systems cannot open a folder for that, which is no error. */
function syncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // not supported here
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Eight random hex digits for a temporary name. node:crypto is loaded here,
 * at the first write to a file, not at start-up: it is a dozen internal
 * modules that a run writing to standard output never needs.
 */
function randomHex(): string {
  return process.getBuiltinModule('node:crypto').randomBytes(4).toString('hex');
}
