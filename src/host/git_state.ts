// FsFacts.gitState: can git give a file back if a command deletes or overwrites it? Read from the repository's
// index file, never by running git: `git status` would run the repository's own fsmonitor hook and content
// filters, which an agent can configure, so asking git would let the agent run code through Airlock.
//
// The index (`.git/index`, formats 2, 3 and 4) lists every tracked path with the size and object id of its staged
// content. A file is 'clean' when its bytes are that object (same size and the same blob hash), 'modified' when they differ or the path is in a merge conflict, 'untracked' when the index
// does not list it, and 'no-repo' when no repository holds it. Anything this reader cannot be sure of (a split
// index, an index over the size bound, a file too large to hash) is undefined: unknown, which core treats as
// risky. (No npm library reads the index synchronously; isomorphic-git's status is async only.)
import type * as Crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { GitFileState } from '../core/facts';

const MAX_INDEX_BYTES = 64 * 1024 * 1024;
const MAX_HASH_BYTES = 16 * 1024 * 1024;
const MAX_DEPTH = 128;

interface IndexEntry {
  size: number;
  mode: number;
  oid: string;
  stage: number;
}

interface ParsedIndex {
  size: number;
  mtimeMs: number;
  entries: Map<string, IndexEntry>;
}

interface Repo {
  /** The work tree's root (the folder holding `.git`). */
  root: string;
  /** This work tree's git directory (its index lives there). */
  gitDir: string;
  hash: 'sha1' | 'sha256';
}

function readSmall(p: string, max = 64 * 1024): string | undefined {
  try {
    const st = fs.statSync(p);
    if (!st.isFile() || st.size > max) return undefined;
    return fs.readFileSync(p, 'utf8');
  } catch {
    return undefined;
  }
}

/** The repository whose work tree holds `dir`, found by walking up to a `.git` folder or gitdir file. */
function findRepo(dir: string): Repo | null | undefined {
  let d = dir;
  for (let depth = 0; depth < MAX_DEPTH; depth++) {
    const dotGit = path.join(d, '.git');
    let st: fs.Stats | undefined;
    try {
      st = fs.lstatSync(dotGit);
    } catch {
      st = undefined;
    }
    if (st?.isDirectory()) return withHash(d, dotGit);
    if (st?.isFile()) {
      // A linked worktree or submodule: `gitdir: <path>`
      const m = /^gitdir:\s*(.+?)\s*$/m.exec(readSmall(dotGit) ?? '');
      if (!m) return undefined;
      return withHash(d, path.resolve(d, m[1]));
    }
    const up = path.dirname(d);
    if (up === d) return null;
    d = up;
  }
  return undefined;
}

function withHash(root: string, gitDir: string): Repo {
  const common = readSmall(path.join(gitDir, 'commondir'))?.trim();
  const config = readSmall(path.join(common ? path.resolve(gitDir, common) : gitDir, 'config'), 1024 * 1024) ?? '';
  return { root, gitDir, hash: /^\s*objectformat\s*=\s*sha256\s*$/im.test(config) ? 'sha256' : 'sha1' };
}

/** git's offset varint (index v4 path compression). */
function varint(buf: Buffer, at: number): [number, number] {
  let byte = buf[at++]!;
  let value = byte & 0x7f;
  while (byte & 0x80) {
    byte = buf[at++]!;
    value = ((value + 1) << 7) | (byte & 0x7f);
  }
  return [value, at];
}

/** Parses index formats 2-4; undefined for anything it does not fully understand (then nothing is assumed). */
export function parseIndex(buf: Buffer, oidLen: number): Map<string, IndexEntry> | undefined {
  if (buf.length < 12 || buf.toString('latin1', 0, 4) !== 'DIRC') return undefined;
  const version = buf.readUInt32BE(4);
  if (version < 2 || version > 4) return undefined;
  const count = buf.readUInt32BE(8);
  const entries = new Map<string, IndexEntry>();
  let at = 12;
  let prev = '';
  for (let i = 0; i < count; i++) {
    const start = at;
    if (at + 40 + oidLen + 2 > buf.length) return undefined;
    const mode = buf.readUInt32BE(at + 24);
    const size = buf.readUInt32BE(at + 36);
    const oid = buf.toString('hex', at + 40, at + 40 + oidLen);
    const flags = buf.readUInt16BE(at + 40 + oidLen);
    at += 40 + oidLen + 2;
    if (flags & 0x4000) {
      if (version < 3) return undefined;
      at += 2;
    }
    let name: string;
    if (version === 4) {
      const [strip, next] = varint(buf, at);
      const end = buf.indexOf(0, next);
      if (end < 0 || strip > prev.length) return undefined;
      name = prev.slice(0, prev.length - strip) + buf.toString('utf8', next, end);
      at = end + 1;
    } else {
      const end = buf.indexOf(0, at);
      if (end < 0) return undefined;
      name = buf.toString('utf8', at, end);
      // entries are padded with 1-8 NULs to a multiple of 8 bytes
      at = start + ((end - start + 8) & ~7);
    }
    prev = name;
    const stage = (flags >> 12) & 3;
    const had = entries.get(name);
    // Conflict stages 1-3 share a path: any of them marks the path conflicted
    entries.set(name, had && had.stage !== 0 ? had : { size, mode, oid, stage });
  }
  // A split index keeps its entries in another file ("link" extension): this reader does not follow it.
  while (at + 8 <= buf.length - oidLen) {
    const sig = buf.toString('latin1', at, at + 4);
    if (sig === 'link' || sig === 'sdir') return undefined;
    at += 8 + buf.readUInt32BE(at + 4);
  }
  return entries;
}

function blobId(file: string, size: number, hash: Repo['hash']): string | undefined {
  if (size > MAX_HASH_BYTES) return undefined;
  try {
    const content = fs.readFileSync(file);
    // node:crypto is loaded here, on first use, not on every hook start
    return (require('node:crypto') as typeof Crypto).createHash(hash).update(`blob ${content.length}\0`).update(content).digest('hex');
  } catch {
    return undefined;
  }
}

/** One reader per process; parsed indexes are cached by path, size and mtime. */
export function createGitState(): (absPath: string) => GitFileState | undefined {
  const cache = new Map<string, ParsedIndex>();
  const index = (repo: Repo): Map<string, IndexEntry> | undefined => {
    const file = path.join(repo.gitDir, 'index');
    let st: fs.Stats;
    try {
      st = fs.statSync(file);
    } catch {
      // A repository with nothing staged yet has no index: everything in it is untracked.
      return fs.existsSync(repo.gitDir) ? new Map() : undefined;
    }
    if (!st.isFile() || st.size > MAX_INDEX_BYTES) return undefined;
    const hit = cache.get(file);
    if (hit && hit.size === st.size && hit.mtimeMs === st.mtimeMs) return hit.entries;
    let entries: Map<string, IndexEntry> | undefined;
    try {
      entries = parseIndex(fs.readFileSync(file), repo.hash === 'sha256' ? 32 : 20);
    } catch {
      entries = undefined;
    }
    if (entries) cache.set(file, { size: st.size, mtimeMs: st.mtimeMs, entries });
    return entries;
  };
  return (absPath) => {
    const native = process.platform === 'win32' ? absPath.replace(/^\/([A-Za-z]:)/, '$1') : absPath;
    let st: fs.Stats;
    try {
      st = fs.lstatSync(native);
    } catch {
      return undefined;
    }
    const repo = findRepo(path.dirname(native));
    if (repo === null) return 'no-repo';
    if (repo === undefined) return undefined;
    const rel = path.relative(repo.root, native).split(path.sep).join('/');
    if (rel.startsWith('..') || rel === '' || rel === '.git' || rel.startsWith('.git/')) return undefined;
    const entries = index(repo);
    if (entries === undefined) return undefined;
    const e = entries.get(rel);
    if (e === undefined) return 'untracked';
    if (e.stage !== 0) return 'modified';
    if (!st.isFile()) return (e.mode & 0o170000) === 0o120000 && st.isSymbolicLink() ? 'clean' : 'modified';
    if (st.size !== e.size) return 'modified';
    // Same size: the content decides (hashing is exact where stat data can be stale or touched).
    const id = blobId(native, st.size, repo.hash);
    if (id === undefined) return undefined;
    return id === e.oid ? 'clean' : 'modified';
  };
}
