// Rendered text of a `check` run, file by file, kept out of the heap: the
// entries go to a temporary file once they pass a few megabytes, and are
// copied to the output at the end. Worker threads write the entries they
// render to files of their own in the same folder (see SpillWriter), so their
// text never passes through the main thread until it is copied out. An entry
// can still be replaced (a file whose partnership id a later file shares
// becomes invalid), so each entry's place is remembered; replacements stay in
// memory (they are few).
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Text held in memory before it goes to the temporary file. */
const IN_MEMORY = 4 * 1024 * 1024;
/** Bytes of entries copied to the output at a time: well below V8's 128 KB limit for objects in the young generation. */
const PIECE = 64 * 1024;

/** Where a worker thread wrote an entry: its file (the descriptor from Spill.writer), a byte offset and length. */
export interface Placed {
  fd: number;
  start: number;
  length: number;
}

/** This thread's own entries, in `pending` and then in the file `fds[OWN]`. */
const OWN = 0;

export class Spill {
  private readonly pending: string[] = [];
  private pendingBytes = 0;
  /** Per entry: the file it is in (an index in `fds`), its byte offset there (or in the pending text, after the flushed part) and length. */
  private readonly sources: number[] = [];
  private readonly starts: number[] = [];
  private readonly lengths: number[] = [];
  private readonly replaced = new Map<number, string>();
  private flushed = 0;
  private dir: string | undefined;
  /** The open files: this thread's own (made on the first flush), then one per writer. */
  private readonly fds: (number | undefined)[] = [undefined];

  get count(): number {
    return this.starts.length;
  }

  add(text: string): void {
    const bytes = Buffer.byteLength(text);
    this.sources.push(OWN);
    this.starts.push(this.flushed + this.pendingBytes);
    this.lengths.push(bytes);
    this.pending.push(text);
    this.pendingBytes += bytes;
    if (this.pendingBytes > IN_MEMORY) this.flush();
  }

  /**
   * A new file for another thread to write entries to (with a SpillWriter on
   * the descriptor returned: descriptors belong to the process, not to a
   * thread). The Spill closes and removes it with its own.
   */
  writer(): number {
    const fd = openSync(join(this.folder(), `writer-${this.fds.length}`), 'w+', 0o600);
    this.fds.push(fd);
    return fd;
  }

  /** An entry that a SpillWriter on a descriptor from writer() has written. */
  addWritten(at: Placed): void {
    const source = this.fds.indexOf(at.fd, OWN + 1);
    if (source === -1) throw new Error(`no spill writer has descriptor ${at.fd}`);
    this.sources.push(source);
    this.starts.push(at.start);
    this.lengths.push(at.length);
  }

  replace(index: number, text: string): void {
    this.replaced.set(index, text);
  }

  private folder(): string {
    this.dir ??= mkdtempSync(join(tmpdir(), 'cdrisk-spill-'));
    return this.dir;
  }

  private flush(): void {
    if (!this.pending.length) return;
    if (this.fds[OWN] === undefined) this.fds[OWN] = openSync(join(this.folder(), 'entries'), 'w+', 0o600);
    const buf = Buffer.from(this.pending.join(''));
    let done = 0;
    while (done < buf.length) done += writeSync(this.fds[OWN], buf, done, buf.length - done, this.flushed + done);
    this.flushed += buf.length;
    this.pending.length = 0;
    this.pendingBytes = 0;
  }

  /**
   * Every entry in order, `separator` between them, in pieces of PIECE bytes
   * or so; the temporary files are removed once the last piece is taken (or
   * the caller stops early). Each piece is decoded once from whole entries,
   * and small enough that V8 keeps it among the short-lived objects (a long
   * string would go to the old generation and stay there until the next full
   * collection).
   */
  *pieces(separator = ''): Generator<string, void, undefined> {
    try {
      if (this.fds.every((fd) => fd === undefined)) {
        // Everything is still in memory: one string.
        yield this.pending.map((t, i) => this.replaced.get(i) ?? t).join(separator);
        return;
      }
      this.flush();
      const buf = Buffer.alloc(PIECE);
      const sep = Buffer.from(separator);
      let used = 0;
      for (let i = 0; i < this.count; i++) {
        if (i > 0) {
          if (used + sep.length > PIECE) {
            yield buf.toString('utf8', 0, used);
            used = 0;
          }
          used += sep.copy(buf, used);
        }
        const replacement = this.replaced.get(i);
        const length = this.lengths[i];
        if ((replacement !== undefined || length > PIECE - used) && used) {
          yield buf.toString('utf8', 0, used);
          used = 0;
        }
        if (replacement !== undefined) yield replacement;
        else if (length > PIECE) yield this.read(i, Buffer.alloc(length), 0).toString('utf8');
        else used += this.read(i, buf, used).length;
      }
      if (used) yield buf.toString('utf8', 0, used);
    } finally {
      this.close();
    }
  }

  /** Reads entry `index` into `target` at `at`; returns the bytes read. */
  private read(index: number, target: Buffer, at: number): Buffer {
    const length = this.lengths[index];
    const fd = this.fds[this.sources[index]]!;
    let done = 0;
    while (done < length) {
      const n = readSync(fd, target, at + done, length - done, this.starts[index] + done);
      if (n === 0) throw new Error(`spill file ended ${length - done} bytes early`);
      done += n;
    }
    return target.subarray(at, at + length);
  }

  close(): void {
    for (const fd of this.fds) if (fd !== undefined) closeSync(fd);
    this.fds.length = 0;
    this.fds.push(undefined);
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
    this.dir = undefined;
  }
}

/**
 * The writing end of a Spill, for another thread (or this one's pool lane):
 * writes each entry as it comes and says where it landed, for Spill.addWritten.
 */
export class SpillWriter {
  private offset = 0;

  constructor(private readonly fd: number) {}

  put(text: string): Placed {
    const buf = Buffer.from(text);
    let done = 0;
    while (done < buf.length) done += writeSync(this.fd, buf, done, buf.length - done, this.offset + done);
    const at = { fd: this.fd, start: this.offset, length: buf.length };
    this.offset += buf.length;
    return at;
  }
}
