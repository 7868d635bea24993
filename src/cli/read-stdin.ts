import { fsProblem, overLimit } from '../load/read-input.js';

/**
 * Reads standard input whole (for `cdrisk assess -`), and never more than
 * `maxBytes` of it: past the limit it stops reading and says so.
 */
export async function readStdin(stream: NodeJS.ReadableStream, maxBytes: number): Promise<{ bytes: Buffer } | { problem: string }> {
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of stream) {
      const b = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
      total += b.length;
      if (total > maxBytes) {
        (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
        return { problem: overLimit(undefined, maxBytes) };
      }
      chunks.push(b);
    }
  } catch (err) {
    return { problem: `cannot read standard input: ${fsProblem((err as NodeJS.ErrnoException).code)}` };
  }
  return { bytes: Buffer.concat(chunks, total) };
}
