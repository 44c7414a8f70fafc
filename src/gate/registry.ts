// One registry file per editor window: which workspace roots it has open, where its socket
// is, and where its token lives. The hook picks the window whose root contains the action's
// cwd (longest match), and skips (and removes) entries whose process is gone.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as z from 'zod/mini';
import { lazy } from '../agents/render';
import { ensurePrivateDir, statePaths, writeFileAtomic } from './state_dir';

const windowEntry = lazy(() =>
  z.object({
    v: z.literal(1),
    id: z.string(),
    pid: z.number(),
    socket: z.string(),
    workspaceRoots: z.array(z.string()),
    tokenFile: z.string(),
    startedAt: z.number(),
  }),
);
export type WindowEntryT = z.infer<ReturnType<typeof windowEntry>>;

function entryFile(root: string, id: string): string {
  return path.join(statePaths(root).windows, `${id}.json`);
}

export function writeWindowEntry(root: string, entry: WindowEntryT): string {
  ensurePrivateDir(statePaths(root).windows);
  const file = entryFile(root, entry.id);
  writeFileAtomic(file, `${JSON.stringify(entry)}\n`);
  return file;
}

export function removeWindowEntry(root: string, id: string): void {
  fs.rmSync(entryFile(root, id), { force: true });
}

export function readWindowEntries(root: string): WindowEntryT[] {
  const dir = statePaths(root).windows;
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  const out: WindowEntryT[] = [];
  for (const name of names) {
    if (!name.endsWith('.json')) continue;
    try {
      const r = windowEntry().safeParse(JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8')));
      if (r.success) out.push(r.data);
    } catch {
      /* a torn or foreign file is not a window */
    }
  }
  return out;
}

export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else; that is not our editor either.
    return false;
  }
}

function normalize(p: string): string {
  const r = path.resolve(p);
  return process.platform === 'win32' || process.platform === 'darwin' ? r.toLowerCase() : r;
}

/** Length of the longest root of `entry` that contains `target`, or -1. */
export function rootMatch(entry: WindowEntryT, target: string): number {
  const t = normalize(target);
  let best = -1;
  for (const root of entry.workspaceRoots) {
    const r = normalize(root);
    if (t === r || t.startsWith(r.endsWith(path.sep) ? r : r + path.sep)) best = Math.max(best, r.length);
  }
  return best;
}

/** Live windows containing `target`, best (longest root) first. Dead entries are removed on the way. */
export function windowsFor(root: string, target: string): WindowEntryT[] {
  const matches: Array<{ e: WindowEntryT; len: number }> = [];
  for (const e of readWindowEntries(root)) {
    if (!pidAlive(e.pid)) {
      removeWindowEntry(root, e.id);
      continue;
    }
    const len = rootMatch(e, target);
    if (len >= 0) matches.push({ e, len });
  }
  return matches.sort((a, b) => b.len - a.len || b.e.startedAt - a.e.startedAt).map((m) => m.e);
}
