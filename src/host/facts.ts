// The file-system facts core asks for at decision time (core/facts.ts), built once per process by the
// hook, the gate and the CLI. Every lookup is bounded; past a bound the answer is undefined (unknown),
// which core treats as risky for risky consumers. No device, FIFO or socket is ever opened.
import * as fs from 'node:fs';
import type { FileFacts, FsFacts } from '../core/facts';
import { createContentCheck } from './content_check';
import { createGitState } from './git_state';
import { gitRead } from './git_read';
import { archiveEntries } from './archive_entries';
import { globFacts } from './glob';
import { realPathOf } from './real_path';

const DEFAULT_MAX_TEXT = 256 * 1024;
const MAX_DIR_ENTRIES = 4096;

function toFacts(st: fs.Stats): FileFacts {
  const kind = st.isFile() ? 'file' : st.isDirectory() ? 'dir' : st.isSymbolicLink() ? 'symlink' : 'other';
  return { kind, size: st.size, mtimeMs: st.mtimeMs, dev: st.dev, ino: st.ino, nlink: st.nlink };
}

function nativePath(p: string): string {
  return process.platform === 'win32' ? p.replace(/^\/([A-Za-z]:)/, '$1') : p;
}

export function lstatFacts(p: string): FileFacts | undefined {
  try {
    return toFacts(fs.lstatSync(nativePath(p)));
  } catch {
    return undefined;
  }
}

export function statFacts(p: string): FileFacts | undefined {
  try {
    return toFacts(fs.statSync(nativePath(p)));
  } catch {
    return undefined;
  }
}

export function listDirFacts(p: string): { names: string[]; complete: boolean; kinds: FileFacts['kind'][] } | undefined {
  let dir: fs.Dir | undefined;
  try {
    // A larger buffer than the default 32 entries: a tree walk lists many directories, one syscall each.
    dir = fs.opendirSync(nativePath(p), { bufferSize: 256 });
    const entries: [string, FileFacts['kind']][] = [];
    let complete = true;
    for (let e = dir.readSync(); e !== null; e = dir.readSync()) {
      if (entries.length >= MAX_DIR_ENTRIES) {
        complete = false;
        break;
      }
      entries.push([e.name, e.isFile() ? 'file' : e.isDirectory() ? 'dir' : e.isSymbolicLink() ? 'symlink' : 'other']);
    }
    entries.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    return { names: entries.map((e) => e[0]), complete, kinds: entries.map((e) => e[1]) };
  } catch {
    return undefined;
  } finally {
    try {
      dir?.closeSync();
    } catch {
      /* already closed */
    }
  }
}

/** A regular file's text, bounded; undefined for anything else (devices and FIFOs could block forever). */
export function readTextFacts(p: string, maxBytes = DEFAULT_MAX_TEXT): string | undefined {
  const native = nativePath(p);
  let fd: number | undefined;
  try {
    // O_NONBLOCK: opening a FIFO must not wait for a writer; the fstat below then refuses it.
    fd = fs.openSync(native, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
    const st = fs.fstatSync(fd);
    if (!st.isFile() || st.size > maxBytes) return undefined;
    const buf = Buffer.alloc(st.size);
    let off = 0;
    while (off < st.size) {
      const n = fs.readSync(fd, buf, off, st.size - off, off);
      if (n <= 0) break;
      off += n;
    }
    return buf.subarray(0, off).toString('utf8');
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

export interface HostFactsOptions {
  /** Overrides for parts built elsewhere (glob expansion, content checks). */
  glob?: FsFacts['glob'];
  secretsIn?: FsFacts['secretsIn'];
}

/** git history reads, once per repository and argument list in a process (a rule may ask twice). */
function cachedGitRead(): NonNullable<FsFacts['gitRead']> {
  const cache = new Map<string, string | undefined>();
  return (repoDir, args) => {
    const key = `${repoDir}\u0000${args.join('\u0000')}`;
    if (!cache.has(key)) {
      if (cache.size > 64) cache.clear();
      cache.set(key, gitRead(repoDir, args));
    }
    return cache.get(key);
  };
}

/** One facts object per process; the parts that keep caches (content checks) keep them here. */
export function createHostFacts(options: HostFactsOptions = {}): FsFacts {
  return {
    lstat: lstatFacts,
    stat: statFacts,
    realPath: realPathOf,
    listDir: listDirFacts,
    readText: readTextFacts,
    glob: options.glob ?? ((pattern, cwd, o) => globFacts(pattern, cwd, o)),
    secretsIn: options.secretsIn ?? createContentCheck(),
    gitState: createGitState(),
    gitRead: cachedGitRead(),
    archiveEntries,
  };
}
