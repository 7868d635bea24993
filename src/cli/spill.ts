// Rendered text of a `check` run, file by file, kept out of the heap: the
// entries go to a temporary file once they pass a few megabytes, and are
// copied to the output at the end. An entry can still be replaced (a file
// whose partnership id a later file shares becomes invalid), so each entry's
// place in the file is remembered; replacements stay in memory (they are few).
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Text held in memory before it goes to the temporary file. */
const IN_MEMORY = 4 * 1024 * 1024;
/** Bytes copied from the temporary file at a time. */
const CHUNK = 1024 * 1024;

export class Spill {
  private readonly pending: string[] = [];
  private pendingBytes = 0;
  /** Byte offset of each entry in the temporary file (or in the pending text, after the flushed part). */
  private readonly starts: number[] = [];
  private readonly lengths: number[] = [];
  private readonly replaced = new Map<number, string>();
  private flushed = 0;
  private dir: string | undefined;
  private fd: number | undefined;

  get count(): number {
    return this.starts.length;
  }

  add(text: string): void {
    const bytes = Buffer.byteLength(text);
    this.starts.push(this.flushed + this.pendingBytes);
    this.lengths.push(bytes);
    this.pending.push(text);
    this.pendingBytes += bytes;
    if (this.pendingBytes > IN_MEMORY) this.flush();
  }

  replace(index: number, text: string): void {
    this.replaced.set(index, text);
  }

  private flush(): void {
    if (!this.pending.length) return;
    if (this.fd === undefined) {
      this.dir = mkdtempSync(join(tmpdir(), 'cdrisk-'));
      this.fd = openSync(join(this.dir, 'entries'), 'w+', 0o600);
    }
    const buf = Buffer.from(this.pending.join(''));
    writeSync(this.fd, buf, 0, buf.length, this.flushed);
    this.flushed += buf.length;
    this.pending.length = 0;
    this.pendingBytes = 0;
  }

  /**
   * Writes every entry in order, `separator` between them, to `write`, in
   * pieces of about a megabyte, then removes the temporary file.
   */
  drain(write: (text: string) => void, separator = ''): void {
    try {
      if (this.fd === undefined) {
        // Everything is still in memory: one string.
        write(this.pending.map((t, i) => this.replaced.get(i) ?? t).join(separator));
        return;
      }
      this.flush();
      const buf = Buffer.alloc(CHUNK);
      let out: string[] = [];
      let outBytes = 0;
      for (let i = 0; i < this.count; i++) {
        const text = this.replaced.get(i) ?? this.read(i, buf);
        out.push(text);
        outBytes += text.length;
        if (outBytes > CHUNK) {
          write(out.join(separator) + (i + 1 < this.count ? separator : ''));
          out = [];
          outBytes = 0;
        }
      }
      if (out.length) write(out.join(separator));
    } finally {
      this.close();
    }
  }

  private read(index: number, buf: Buffer): string {
    const length = this.lengths[index];
    const target = length <= buf.length ? buf : Buffer.alloc(length);
    readSync(this.fd!, target, 0, length, this.starts[index]);
    return target.toString('utf8', 0, length);
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
    this.fd = undefined;
    this.dir = undefined;
  }
}
