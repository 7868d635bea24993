import { existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { Spill, SpillWriter } from '../src/cli/spill.js';

// Spill's own prefix: other tests running beside this one make `cdrisk-*` folders of their own.
const temporaries = () => readdirSync(tmpdir()).filter((f) => f.startsWith('cdrisk-spill-'));

describe('Spill: rendered entries kept out of memory', () => {
  it('gives back small runs from memory, in order, with replacements and separators', () => {
    const s = new Spill();
    for (const t of ['a', 'bé', 'c']) s.add(t);
    s.replace(1, 'B');
    let out = '';
    for (const t of s.pieces(', ')) out += t;
    expect(out).toBe('a, B, c');
  });

  it('spills past a few megabytes to a temporary file, reads it back exactly, then removes it', () => {
    const before = new Set(temporaries());
    const s = new Spill();
    // 6,000 entries of about 1 KB with multi-byte characters: past the in-memory limit.
    const entry = (i: number) => `${i}: ${'Düsseldorf 東京 '.repeat(60)}\n`;
    for (let i = 0; i < 6000; i++) s.add(entry(i));
    const spilled = temporaries().filter((f) => !before.has(f));
    expect(spilled).toHaveLength(1);
    s.replace(17, 'replaced\n');
    s.replace(5999, 'last\n');
    const pieces: string[] = [];
    pieces.push(...s.pieces('|'));
    expect(pieces.length).toBeGreaterThan(3);
    const expected = Array.from({ length: 6000 }, (_, i) => (i === 17 ? 'replaced\n' : i === 5999 ? 'last\n' : entry(i))).join('|');
    expect(pieces.join('')).toBe(expected);
    expect(existsSync(`${tmpdir()}/${spilled[0]}`)).toBe(false);
  });

  it('puts entries written through writers (as worker threads do) in their place among its own, then removes their files', () => {
    const before = new Set(temporaries());
    const s = new Spill();
    const a = new SpillWriter(s.writer());
    const b = new SpillWriter(s.writer());
    const expected: string[] = [];
    for (let i = 0; i < 300; i++) {
      const text = `${i}: ${'Zürich 北京 '.repeat(i % 7)}\n`;
      expected.push(i === 123 ? 'replaced\n' : text);
      if (i % 3 === 0) s.add(text);
      else s.addWritten((i % 3 === 1 ? a : b).put(text));
    }
    // An entry longer than a piece of the output.
    const long = `${'x'.repeat(100_000)}\n`;
    s.addWritten(a.put(long));
    expected.push(long);
    s.replace(123, 'replaced\n');
    const pieces: string[] = [];
    pieces.push(...s.pieces(','));
    expect(pieces.join('')).toBe(expected.join(','));
    expect(temporaries().filter((f) => !before.has(f))).toEqual([]);
  });
});

describe('writePieces: a slow reader holds the writer back', () => {
  it('waits for the stream to drain, so no more than a piece sits in its buffer', async () => {
    const { Writable } = await import('node:stream');
    const { writePieces } = await import('../src/cli/io.js');
    let received = '';
    let mostBuffered = 0;
    const slow = new Writable({
      highWaterMark: 1024,
      write(chunk: Buffer, _enc, done) {
        received += chunk.toString();
        setTimeout(done, 1);
      },
    });
    const piece = 'x'.repeat(1000);
    function* pieces() {
      for (let i = 0; i < 50; i++) {
        mostBuffered = Math.max(mostBuffered, slow.writableLength);
        yield `${i}${piece}`;
      }
    }
    await writePieces(slow, pieces());
    await new Promise<void>((done) => slow.end(done));
    expect(received).toBe(Array.from({ length: 50 }, (_, i) => `${i}${piece}`).join(''));
    // Without waiting, all 50 pieces (some 50 KB) would be queued at once.
    expect(mostBuffered).toBeLessThan(2 * 1024 + 8);
  });

  it('stops taking pieces once the stream is gone (a reader that went away)', async () => {
    const { Writable } = await import('node:stream');
    const { writePieces } = await import('../src/cli/io.js');
    const gone = new Writable({
      highWaterMark: 16,
      write(_chunk, _enc, done) {
        setTimeout(() => done(Object.assign(new Error('EPIPE'), { code: 'EPIPE' })), 1);
      },
    });
    gone.on('error', () => {});
    let taken = 0;
    let closed = false;
    function* pieces() {
      try {
        for (let i = 0; i < 1000; i++) {
          taken++;
          yield 'y'.repeat(100);
        }
      } finally {
        closed = true;
      }
    }
    await writePieces(gone, pieces());
    expect(taken).toBeLessThan(5);
    expect(closed).toBe(true);
  });
});
