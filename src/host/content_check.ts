// FsFacts.secretsIn: live credentials in a file an agent is about to read, found with the same detectors
// as `airlock scan`. The incident's token sat in an unrelated JSON file that no name rule protects; only
// its content tells. Bounded: regular files only (a FIFO or device could block or never end), at most
// MAX_BYTES read, results cached by path + size + mtime + inode so repeated reads cost one stat.
import * as fs from 'node:fs';
import type { ContentSecret } from '../core/facts';
import { activeFindings, scanText } from '../core/secrets/scan';

export const MAX_CONTENT_BYTES = 256 * 1024;
const MAX_CACHE = 512;
const MAX_FINDINGS = 5;

interface Entry {
  size: number;
  mtimeMs: number;
  ino: number;
  dev: number;
  secrets: ContentSecret[];
}

function nativePath(p: string): string {
  return process.platform === 'win32' ? p.replace(/^\/([A-Za-z]:)/, '$1') : p;
}

function sameFile(e: Entry, st: fs.Stats): boolean {
  return e.size === st.size && e.mtimeMs === st.mtimeMs && e.ino === st.ino && e.dev === st.dev;
}

/** Reads at most `max` bytes of an open regular file. */
function readBytes(fd: number, size: number, max: number): Buffer {
  const n = Math.min(size, max);
  const buf = Buffer.alloc(n);
  let off = 0;
  while (off < n) {
    const got = fs.readSync(fd, buf, off, n - off, off);
    if (got <= 0) break;
    off += got;
  }
  return buf.subarray(0, off);
}

/** SQLite's file header; vim swap files are recognised by name (`.x.swp`, `.swo`, …). */
const TEXT_IN_BINARY = /^SQLite format 3\u0000/;
/** How much of a database or swap file is read for its printable runs. */
const MAX_BINARY_BYTES = 4 * 1024 * 1024;

/** Runs of 4+ printable characters, one per line (what `strings` prints), from the first MAX_BINARY_BYTES. */
function printableRuns(fd: number, size: number): string {
  return (readBytes(fd, size, MAX_BINARY_BYTES).toString('latin1').match(/[\x20-\x7e\t]{4,}/g) ?? []).join('\n');
}

/**
 * A content checker with its own cache (one per process: the hook lives for one decision, the gate and
 * `airlock classify` for many). Undefined when the path is missing, not a regular file, or unreadable;
 * a file larger than the bound is judged by its first MAX_CONTENT_BYTES (credential files are small; the
 * prefix is what `head` and most readers show first).
 */
export function createContentCheck(maxBytes = MAX_CONTENT_BYTES): (absPath: string) => ContentSecret[] | undefined {
  const cache = new Map<string, Entry>();
  return (absPath) => {
    const native = nativePath(absPath);
    let st: fs.Stats;
    try {
      st = fs.statSync(native);
    } catch {
      return undefined;
    }
    if (!st.isFile()) return undefined;
    const cached = cache.get(absPath);
    if (cached && sameFile(cached, st)) return cached.secrets;
    let fd: number | undefined;
    try {
      // O_NONBLOCK: if the path was swapped for a FIFO since the stat, opening must not wait for a writer.
      fd = fs.openSync(native, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
      const opened = fs.fstatSync(fd);
      if (!opened.isFile()) return undefined;
      let text = readBytes(fd, opened.size, maxBytes).toString('utf8');
      // A NUL in the first bytes means binary: detectors are for text, and binary content would only add noise.
      // Two binary kinds hold text someone typed, credentials included: SQLite databases (an app's connection
      // and variable tables) and vim swap files (a copy of the file being edited). Their printable runs are read.
      if (text.slice(0, 8192).includes('\u0000')) {
        if (!TEXT_IN_BINARY.test(text.slice(0, 16)) && !/\.sw[a-p]$/.test(absPath)) return remember(cache, absPath, opened, []);
        text = printableRuns(fd, opened.size);
      }
      const secrets = activeFindings(scanText(absPath.replace(/^\/+/, ''), text))
        .slice(0, MAX_FINDINGS)
        .map((f) => ({ detector: f.rule, preview: f.secret, line: f.line }));
      return remember(cache, absPath, opened, secrets);
    } catch {
      return undefined;
    } finally {
      if (fd !== undefined) fs.closeSync(fd);
    }
  };
}

function remember(cache: Map<string, Entry>, key: string, st: fs.Stats, secrets: ContentSecret[]): ContentSecret[] {
  if (cache.size >= MAX_CACHE) cache.delete(cache.keys().next().value!);
  cache.set(key, { size: st.size, mtimeMs: st.mtimeMs, ino: st.ino, dev: st.dev, secrets });
  return secrets;
}
