// What Airlock itself last wrote to protected files (hook configs on Connect, restored entries, ignore
// files, a moved secret), so the tamper watcher never alarms about Airlock's own writes. It is keyed by
// content, not by time: a later change by anyone else has other content and still raises the alarm,
// and an agent that writes back exactly what Airlock wrote has changed nothing.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ABSENT = 'absent';
const MAX_FILE = 1024 * 1024;
const MAX_ENTRIES = 2048;

const written = new Map<string, string>();

function digest(file: string): string | undefined {
  try {
    const st = fs.statSync(file);
    if (!st.isFile()) return undefined;
    if (st.size > MAX_FILE) return undefined;
    return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ENOENT' ? ABSENT : undefined;
  }
}

function remember(file: string, hash: string): void {
  written.delete(file);
  written.set(file, hash);
  // Oldest first out: the ledger stays small however long the window lives.
  while (written.size > MAX_ENTRIES) written.delete(written.keys().next().value as string);
}

/** Call right after Airlock wrote (or removed) these files or folders; folders are noted file by file. */
export function noteOwnWrites(paths: readonly string[]): void {
  for (const p of paths) {
    const abs = path.resolve(p);
    let st: fs.Stats | undefined;
    try {
      st = fs.statSync(abs);
    } catch {
      st = undefined;
    }
    if (st?.isDirectory()) {
      let names: string[] = [];
      try {
        names = fs.readdirSync(abs).slice(0, 64);
      } catch {
        names = [];
      }
      for (const n of names) noteOwnWrites([path.join(abs, n)]);
      continue;
    }
    const hash = digest(abs);
    if (hash !== undefined) remember(abs, hash);
  }
}

/** Whether the file is, right now, exactly what Airlock last wrote there (or still absent after Airlock removed it). */
export function isOwnWrite(file: string): boolean {
  const abs = path.resolve(file);
  const mine = written.get(abs);
  return mine !== undefined && digest(abs) === mine;
}

/** For tests. */
export function forgetOwnWrites(): void {
  written.clear();
}
