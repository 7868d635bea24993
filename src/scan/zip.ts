import { inflateRawSync } from 'node:zlib';

/**
 * Reads the entries of a zip archive (a .docx) with every size bounded:
 * the central directory is read first, each entry is inflated with a cap on
 * its output, and the declared sizes must match what comes out. A "zip bomb"
 * (a small file that inflates to gigabytes) stops at the cap, having
 * allocated no more than it.
 */
export class ZipProblem extends Error {}

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  offset: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

export function listZip(buf: Buffer): ZipEntry[] {
  if (buf.length < 22) throw new ZipProblem('too short to be a zip archive');
  let end = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new ZipProblem('no zip central directory (the file is cut short or not a zip archive)');
  const count = buf.readUInt16LE(end + 10);
  const size = buf.readUInt32LE(end + 12);
  const start = buf.readUInt32LE(end + 16);
  if (count === 0xffff || start === 0xffffffff) throw new ZipProblem('ZIP64 archive: far larger than any agreement');
  if (start + size > buf.length) throw new ZipProblem('the zip central directory points past the end of the file');
  const entries: ZipEntry[] = [];
  let p = start;
  for (let i = 0; i < count; i++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== CENTRAL) throw new ZipProblem(`zip directory entry ${i + 1} is damaged`);
    const nameLength = buf.readUInt16LE(p + 28);
    const extra = buf.readUInt16LE(p + 30);
    const comment = buf.readUInt16LE(p + 32);
    entries.push({
      method: buf.readUInt16LE(p + 10),
      compressedSize: buf.readUInt32LE(p + 20),
      size: buf.readUInt32LE(p + 24),
      name: buf.toString('utf8', p + 46, p + 46 + nameLength),
      offset: buf.readUInt32LE(p + 42),
    });
    p += 46 + nameLength + extra + comment;
  }
  return entries;
}

/** The bytes of one entry, inflated to at most `cap` bytes. */
export function readEntry(buf: Buffer, e: ZipEntry, cap: number): Buffer {
  if (e.size > cap) throw new ZipProblem(`part ${e.name} unpacks to ${e.size} bytes, over the limit of ${cap}`);
  if (e.offset + 30 > buf.length || buf.readUInt32LE(e.offset) !== LOCAL) throw new ZipProblem(`part ${e.name} is damaged`);
  const dataStart = e.offset + 30 + buf.readUInt16LE(e.offset + 26) + buf.readUInt16LE(e.offset + 28);
  const data = buf.subarray(dataStart, dataStart + e.compressedSize);
  if (data.length !== e.compressedSize) throw new ZipProblem(`part ${e.name} is cut short`);
  let out: Buffer;
  if (e.method === 0) out = data;
  else if (e.method === 8) {
    try {
      out = inflateRawSync(data, { maxOutputLength: cap });
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ERR_BUFFER_TOO_LARGE') throw new ZipProblem(`part ${e.name} unpacks to more than ${cap} bytes (a zip bomb?)`);
      throw new ZipProblem(`part ${e.name} cannot be unpacked: the data is corrupt`);
    }
  } else throw new ZipProblem(`part ${e.name} uses zip method ${e.method}, which Word files do not use`);
  if (out.length !== e.size) throw new ZipProblem(`part ${e.name} unpacks to ${out.length} bytes where the directory says ${e.size}`);
  return out;
}

/** Checks every entry of the archive against the caps, entry by entry and in total. */
export function checkZip(buf: Buffer, perEntry: number, total: number): ZipEntry[] {
  const entries = listZip(buf);
  let sum = 0;
  for (const e of entries) {
    sum += readEntry(buf, e, Math.min(perEntry, total - sum)).length;
  }
  return entries;
}
