// The git work tree a folder sits in, through the injected facts (core does no I/O).
import type { FsFacts } from '../../facts';
import { normalizePath } from '../../paths';

/** The nearest folder from `dir` up that holds a `.git` entry (a folder, or a worktree's file); bounded. */
export function repositoryRoot(dir: string, facts: FsFacts): string | undefined {
  for (let d = normalizePath(dir), i = 0; d.startsWith('/') && d.length > 1 && i < 64; d = d.replace(/\/[^/]*$/, '') || '/', i++) {
    if (facts.lstat(`${d}/.git`) !== undefined) return d;
  }
  return undefined;
}
