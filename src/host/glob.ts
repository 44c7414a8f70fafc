// Bash pathname expansion against the real directories, for FsFacts.glob(). Bounded in entries listed,
// recursion depth, matches and time: when a bound cuts it short the answer says so (`complete: false`) and
// core judges by what the pattern could match instead. Never follows a symlink into a directory for `**`
// (bash 4.3+ does not either), never opens anything but directories.
import * as fs from 'node:fs';
import type { GlobFacts } from '../core/facts';
import { segmentMatcher } from '../core/effects/pattern';

export interface GlobBounds {
  /** Directory entries looked at, over the whole expansion. */
  maxEntries: number;
  /** Directories `**` descends into, counted from where it starts. */
  maxDepth: number;
  maxMatches: number;
  /** Wall-clock budget. */
  maxMs: number;
  /** A listing is kept for reuse only when the directory had not changed for this long (see listingCache). */
  racyMs?: number;
}

export const DEFAULT_GLOB_BOUNDS: GlobBounds = { maxEntries: 20_000, maxDepth: 12, maxMatches: 2_000, maxMs: 40 };

interface Walk {
  entries: number;
  complete: boolean;
  readonly deadline: number;
  readonly bounds: GlobBounds;
  readonly dotglob: boolean;
}

function nativePath(p: string): string {
  return process.platform === 'win32' ? p.replace(/^\/([A-Za-z]:)/, '$1') : p;
}

function join(dir: string, name: string): string {
  return dir.endsWith('/') ? `${dir}${name}` : `${dir}/${name}`;
}

type Entry = { name: string; isDir: boolean; isLink: boolean };

/**
 * Listings of directories that have not changed for a while, reused by a long-lived process (the gate lists
 * `/usr/bin` for `/bin/r?` on every call otherwise: 1,000+ entries, about half a millisecond). A listing is
 * reused only while the directory's identity and change times are what they were, and only when those times
 * were at least RACY_MS old when it was read: a directory changed within the same clock tick as the listing
 * could have gained an entry the listing missed (git's "racily clean" rule).
 */
const RACY_MS = 2_000;
const CACHE_DIRS = 64;
const listingCache = new Map<string, { dev: number; ino: number; mtimeMs: number; ctimeMs: number; entries: Entry[] }>();

function stamp(dir: string): fs.Stats | undefined {
  try {
    return fs.statSync(nativePath(dir));
  } catch {
    return undefined;
  }
}

function cachedListing(dir: string, st: fs.Stats | undefined): Entry[] | undefined {
  const c = listingCache.get(dir);
  if (!c || !st) return undefined;
  if (c.dev !== st.dev || c.ino !== st.ino || c.mtimeMs !== st.mtimeMs || c.ctimeMs !== st.ctimeMs) {
    listingCache.delete(dir);
    return undefined;
  }
  return c.entries;
}

function remember(dir: string, st: fs.Stats | undefined, entries: Entry[], racyMs: number): void {
  if (!st || !st.isDirectory()) return;
  const now = Date.now();
  if (now - st.mtimeMs < racyMs || now - st.ctimeMs < racyMs) return;
  if (listingCache.size >= CACHE_DIRS) listingCache.delete(listingCache.keys().next().value as string);
  listingCache.set(dir, { dev: st.dev, ino: st.ino, mtimeMs: st.mtimeMs, ctimeMs: st.ctimeMs, entries });
}

/** Entries of a directory with whether each is a directory (links followed only when `followLinks`). */
function list(dir: string, w: Walk): Entry[] {
  if (!w.complete) return [];
  if (Date.now() > w.deadline) {
    w.complete = false;
    return [];
  }
  const st = stamp(dir);
  const cached = cachedListing(dir, st);
  if (cached) {
    w.entries += cached.length;
    if (w.entries > w.bounds.maxEntries) {
      w.complete = false;
      return cached.slice(0, Math.max(0, cached.length - (w.entries - w.bounds.maxEntries)));
    }
    return cached;
  }
  let d: fs.Dir | undefined;
  const out: Entry[] = [];
  let whole = true;
  try {
    d = fs.opendirSync(nativePath(dir), { bufferSize: 256 });
    for (let e = d.readSync(); e !== null; e = d.readSync()) {
      if (++w.entries > w.bounds.maxEntries) {
        w.complete = false;
        whole = false;
        break;
      }
      out.push({ name: e.name, isDir: e.isDirectory(), isLink: e.isSymbolicLink() });
    }
  } catch {
    // unreadable or not a directory: bash silently matches nothing there
    whole = false;
  } finally {
    try {
      d?.closeSync();
    } catch {
      /* already closed */
    }
  }
  if (whole) remember(dir, st, out, w.bounds.racyMs ?? RACY_MS);
  return out;
}

function isDirFollowing(p: string): boolean {
  try {
    return fs.statSync(nativePath(p)).isDirectory();
  } catch {
    return false;
  }
}

function exists(p: string): boolean {
  try {
    fs.lstatSync(nativePath(p));
    return true;
  } catch {
    return false;
  }
}

/**
 * Expands `pattern` relative to `cwd` (unless absolute). Matches are absolute, sorted; `complete: false`
 * when a bound cut the walk. A pattern without glob characters yields itself when it exists.
 */
export function globFacts(pattern: string, cwd: string, options: { dotglob?: boolean; globstar?: boolean } = {}, bounds: GlobBounds = DEFAULT_GLOB_BOUNDS): GlobFacts | undefined {
  if (pattern.length === 0 || pattern.length > 4096 || pattern.includes('\0')) return undefined;
  const absolute = pattern.startsWith('/');
  if (!absolute && !cwd.startsWith('/') && !/^[A-Za-z]:/.test(cwd)) return undefined;
  const segs = pattern.split('/').filter((s, i) => s !== '' || i === 0);
  if (absolute) segs.shift();
  const trailingSlash = pattern.endsWith('/') && pattern.length > 1;
  const w: Walk = { entries: 0, complete: true, deadline: Date.now() + bounds.maxMs, bounds, dotglob: options.dotglob === true };
  const matches = new Set<string>();
  const base = absolute ? '/' : cwd;

  const step = (dir: string, i: number): void => {
    if (!w.complete || matches.size >= bounds.maxMatches) {
      if (matches.size >= bounds.maxMatches) w.complete = false;
      return;
    }
    if (i === segs.length) {
      if (!trailingSlash || isDirFollowing(dir)) matches.add(dir);
      return;
    }
    const seg = segs[i];
    const last = i === segs.length - 1;
    if (seg === '**' && options.globstar === true) {
      // zero directories, then every directory below (not through symlinks), each followed by the rest
      const below = (d: string, depth: number): void => {
        step(d, i + 1);
        if (depth >= bounds.maxDepth) {
          w.complete = false;
          return;
        }
        for (const e of list(d, w)) {
          if (!e.isDir || e.isLink) continue;
          if (e.name.startsWith('.') && !w.dotglob) continue;
          below(join(d, e.name), depth + 1);
        }
      };
      if (last) {
        // `**` last matches every file and directory below as well
        const all = (d: string, depth: number): void => {
          if (depth >= bounds.maxDepth) {
            w.complete = false;
            return;
          }
          for (const e of list(d, w)) {
            if (e.name.startsWith('.') && !w.dotglob) continue;
            const p = join(d, e.name);
            if (matches.size >= bounds.maxMatches) {
              w.complete = false;
              return;
            }
            matches.add(p);
            if (e.isDir && !e.isLink) all(p, depth + 1);
          }
        };
        all(dir, 0);
        return;
      }
      below(dir, 0);
      return;
    }
    const m = segmentMatcher(seg, { dotglob: w.dotglob });
    if (!m.magic) {
      const p = join(dir, seg.replace(/\\(.)/g, '$1'));
      if (last ? exists(p) : isDirFollowing(p)) step(p, i + 1);
      return;
    }
    for (const e of list(dir, w)) {
      if (!m(e.name)) continue;
      const p = join(dir, e.name);
      if (last) step(p, i + 1);
      else if (e.isDir || (e.isLink && isDirFollowing(p))) step(p, i + 1);
    }
  };

  step(base, 0);
  const out = [...matches].sort();
  return { matches: trailingSlash ? out.map((p) => `${p}/`) : out, complete: w.complete };
}
