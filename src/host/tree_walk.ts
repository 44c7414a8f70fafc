// A bounded walk over a folder's regular files, for the places that look for protected files on disk
// (`airlock exposure`, `airlock run`): depth, entries and a stop signal are the caller's bounds, links are
// never followed, and unreadable folders are passed over.
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface WalkOptions {
  maxDepth: number;
  /** Shared across walks: entries still allowed to be looked at. The walk stops at 0. */
  budget: { left: number };
  /** Folders not to enter (by name, or by absolute path). */
  skipDir(name: string, abs: string): boolean;
  /** Called for each regular file; return false to stop the whole walk. */
  onFile(abs: string): boolean | void;
}

export function walkFiles(root: string, opts: WalkOptions): void {
  const stack: [string, number][] = [[root, 0]];
  while (stack.length > 0 && opts.budget.left > 0) {
    const [dir, depth] = stack.pop()!;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries) {
      if (--opts.budget.left <= 0) return;
      const abs = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (depth < opts.maxDepth && !opts.skipDir(e.name, abs)) stack.push([abs, depth + 1]);
      } else if (e.isFile() && opts.onFile(abs) === false) return;
    }
  }
}
