// FsFacts.archiveEntries: the member names of a zip or tar archive (plain or gzip-compressed), read from the file's
// own directory structures, so extracting it can be judged by the files it would write over. Bounded: archive size,
// bytes inflated, entries. Formats it does not read (xz, bzip2, zstd, 7z, zip64) are undefined: unknown.
import * as fs from 'node:fs';
import type * as Zlib from 'node:zlib';

const MAX_ARCHIVE_BYTES = 256 * 1024 * 1024;
const MAX_INFLATED = 256 * 1024 * 1024;
const MAX_ENTRIES = 20_000;

export interface ArchiveListing {
  /** Member paths of regular files, as stored (no leading `./`). */
  names: string[];
  /** False when a bound cut the listing short. */
  complete: boolean;
}

function zipNames(buf: Buffer): ArchiveListing | undefined {
  // End of central directory: within the last 64 KB (+22) of the file
  const from = Math.max(0, buf.length - 65_557);
  let eocd = -1;
  for (let i = buf.length - 22; i >= from; i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return undefined;
  const count = buf.readUInt16LE(eocd + 10);
  const offset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || offset === 0xffffffff) return undefined; // zip64
  const names: string[] = [];
  let at = offset;
  for (let k = 0; k < count; k++) {
    if (at + 46 > buf.length || buf.readUInt32LE(at) !== 0x02014b50) return undefined;
    const nameLen = buf.readUInt16LE(at + 28);
    const extraLen = buf.readUInt16LE(at + 30);
    const commentLen = buf.readUInt16LE(at + 32);
    const name = buf.toString('utf8', at + 46, at + 46 + nameLen);
    if (!name.endsWith('/')) names.push(name);
    at += 46 + nameLen + extraLen + commentLen;
    if (names.length >= MAX_ENTRIES) return { names, complete: false };
  }
  return { names, complete: true };
}

function octal(buf: Buffer, from: number, len: number): number {
  const s = buf.toString('latin1', from, from + len).replace(/\0.*$/s, '').trim();
  return s === '' ? 0 : Number.parseInt(s, 8);
}

function tarNames(buf: Buffer): ArchiveListing | undefined {
  const names: string[] = [];
  let at = 0;
  let longName: string | undefined;
  while (at + 512 <= buf.length) {
    const header = buf.subarray(at, at + 512);
    if (header.every((b) => b === 0)) return { names, complete: true };
    const size = octal(header, 124, 12);
    if (!Number.isFinite(size) || size < 0) return undefined;
    const type = String.fromCharCode(header[156]!);
    const body = at + 512;
    if (type === 'L') longName = buf.toString('utf8', body, body + size).replace(/\0.*$/s, '');
    else if (type !== 'x' && type !== 'g') {
      const magic = header.toString('latin1', 257, 262);
      const prefix = magic === 'ustar' ? header.toString('utf8', 345, 500).replace(/\0.*$/s, '') : '';
      const base = header.toString('utf8', 0, 100).replace(/\0.*$/s, '');
      const name = longName ?? (prefix ? `${prefix}/${base}` : base);
      longName = undefined;
      if (type === '0' || type === '\0' || type === '7') names.push(name.replace(/^\.\//, ''));
      if (names.length >= MAX_ENTRIES) return { names, complete: false };
    }
    at = body + Math.ceil(size / 512) * 512;
  }
  return { names, complete: false };
}

export function archiveEntries(absPath: string): ArchiveListing | undefined {
  let raw: Buffer;
  try {
    const st = fs.statSync(absPath);
    if (!st.isFile() || st.size > MAX_ARCHIVE_BYTES) return undefined;
    raw = fs.readFileSync(absPath);
  } catch {
    return undefined;
  }
  try {
    if (raw.length >= 4 && raw.readUInt32LE(0) === 0x04034b50) return zipNames(raw);
    if (raw.length >= 2 && raw[0] === 0x1f && raw[1] === 0x8b) return tarNames((require('node:zlib') as typeof Zlib).gunzipSync(raw, { maxOutputLength: MAX_INFLATED }));
    if (raw.length >= 262 && raw.toString('latin1', 257, 262) === 'ustar') return tarNames(raw);
    return undefined;
  } catch {
    return undefined;
  }
}
