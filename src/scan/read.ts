// Reads one file for scanning: size limit first, then a NUL-byte check for binaries.
import fs from 'node:fs';

export const DEFAULT_MAX_FILE_BYTES = 2 * 1024 * 1024;
const BINARY_PROBE = 8192;

export type ReadResult =
  | { kind: 'text'; text: string; bytes: number }
  | { kind: 'binary'; bytes: number }
  | { kind: 'too-large'; bytes: number }
  | { kind: 'unreadable'; message: string };

export function readForScan(absPath: string, maxBytes: number = DEFAULT_MAX_FILE_BYTES): ReadResult {
  let fd: number;
  try {
    fd = fs.openSync(absPath, 'r');
  } catch (err) {
    return { kind: 'unreadable', message: (err as NodeJS.ErrnoException).code ?? 'cannot open' };
  }
  try {
    const size = fs.fstatSync(fd).size;
    if (size > maxBytes) return { kind: 'too-large', bytes: size };
    const buf = Buffer.allocUnsafe(size);
    let read = 0;
    while (read < size) {
      const n = fs.readSync(fd, buf, read, size - read, read);
      if (n === 0) break;
      read += n;
    }
    const probe = buf.subarray(0, Math.min(read, BINARY_PROBE));
    if (probe.includes(0)) return { kind: 'binary', bytes: read };
    return { kind: 'text', text: buf.toString('utf8', 0, read), bytes: read };
  } catch (err) {
    return { kind: 'unreadable', message: (err as NodeJS.ErrnoException).code ?? 'cannot read' };
  } finally {
    fs.closeSync(fd);
  }
}
