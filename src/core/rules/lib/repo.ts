// The git work tree a folder sits in, through the injected facts (core does no I/O).
import type { FsFacts } from '../../facts';
import { normalizePath } from '../../paths';
import type { RuleContext, SimpleCommand } from '../types';

/** The nearest folder from `dir` up that holds a `.git` entry (a folder, or a worktree's file); bounded. */
export function repositoryRoot(dir: string, facts: FsFacts): string | undefined {
  for (let d = normalizePath(dir), i = 0; d.startsWith('/') && d.length > 1 && i < 64; d = d.replace(/\/[^/]*$/, '') || '/', i++) {
    if (facts.lstat(`${d}/.git`) !== undefined) return d;
  }
  return undefined;
}

/**
 * Whether the repository the command runs in has no change to a tracked file, staged or not (`git diff HEAD
 * --name-only` prints nothing, read through facts.gitRead). False when that cannot be told, or when `-C`,
 * `--git-dir` or `--work-tree` point elsewhere.
 */
export function nothingUncommitted(cmd: SimpleCommand, ctx: RuleContext, paths: readonly string[] = []): boolean {
  const read = ctx.facts?.gitRead;
  if (!read || ctx.cwd === undefined || !ctx.facts || cmd.args.some((a) => /^(?:-C|--git-dir|--work-tree)(?:=|$)|^-c$/.test(a)) || cmd.argDynamic.some(Boolean)) return false;
  const root = repositoryRoot(ctx.cwd, ctx.facts);
  if (root === undefined) return false;
  const rel = paths.map((p) => normalizePath(p, { cwd: ctx.cwd! }));
  if (rel.some((p) => !(p === root || p.startsWith(`${root}/`)) || /[*?[]/.test(p))) return false;
  const out = read(root, ['diff', 'HEAD', '--name-only', '--', ...(rel.length > 0 ? rel.map((p) => (p === root ? '.' : p.slice(root.length + 1))) : ['.'])]);
  return out !== undefined && out.trim() === '';
}
