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
 * A git command that acts on the repository of the folder it runs in, as written there: not run through a wrapper
 * (`env -C`, `sudo -D`, `parallel`), with no assignment or git environment set anywhere in the line (GIT_DIR,
 * GIT_WORK_TREE, HOME with its submodule.recurse), no `-c`/`--git-dir`/`--work-tree` (a leading `-C DIR` only moves the
 * folder: see gitWorkDir), no submodules recursed into, nothing computed. Only such a command is checked against what git says of that folder.
 */
/** Wrappers that run git in the same folder, as the same user, with the same environment. */
const SAME_PLACE = /^(?:timeout|nice|nohup|setsid|stdbuf|command|builtin|time|ionice|chronic|unbuffer|eval|expanded|(?:ba|z|da|k)?sh -c)$/;

function plainGit(cmd: SimpleCommand): boolean {
  return (
    cmd.name === 'git' && cmd.gitMayHaveChanged !== true && cmd.via.every((v) => SAME_PLACE.test(v)) && Object.keys(cmd.assignments).length === 0 && (cmd.rebound ?? []).length === 0 && !cmd.argDynamic.some(Boolean) &&
    !cmd.args.some((a) => /^(?:--git-dir|--work-tree|--namespace|--recurse-submodules?|--super-prefix)(?:=|$)|^-c$|^-C./.test(a))
  );
}

/**
 * The folder git works in: the cwd, moved by each leading `-C DIR` in turn (`git -C ../api -C web status` is in
 * ../api/web). Undefined when a `-C` names nothing.
 */
export function gitWorkDir(cmd: SimpleCommand, cwd: string): string | undefined {
  let dir = cwd;
  for (let i = 0; i < cmd.args.length; i++) {
    const a = cmd.args[i]!;
    if (a !== '-C') {
      // the first word that is not a global option is the sub-command; a later -C is its own (`switch -C`)
      if (!a.startsWith('-')) return dir;
      continue;
    }
    const to = cmd.args[++i];
    if (to === undefined || to.length === 0) return undefined;
    dir = normalizePath(to, { cwd: dir });
  }
  return dir;
}

/**
 * The repository the command runs in and the reader that asks it (facts.gitRead), when the command is plain git run
 * here, as this repository's, on this machine; undefined otherwise. Every question below starts here.
 */
function repoHere(cmd: SimpleCommand, ctx: RuleContext): { root: string; cwd: string; read: (args: readonly string[]) => string | undefined } | undefined {
  const gitRead = ctx.facts?.gitRead;
  if (!gitRead || ctx.cwd === undefined || !ctx.facts || ctx.remote !== undefined || !plainGit(cmd)) return undefined;
  const cwd = gitWorkDir(cmd, ctx.cwd);
  const root = cwd === undefined ? undefined : repositoryRoot(cwd, ctx.facts);
  return root === undefined || cwd === undefined ? undefined : { root, cwd, read: (args) => gitRead(root, args) };
}

/**
 * Paths as pathspecs relative to the repository root (no path is the current folder; the root itself is `.`); undefined for pathspec
 * magic (`:/`, `:(glob)…`, `:!x`, which mean something else than the folder they spell), globs or a path outside.
 */
function pathspecs(paths: readonly string[], root: string, cwd: string): string[] | undefined {
  if (paths.some((p) => p.startsWith(':'))) return undefined;
  const abs = (paths.length > 0 ? paths : ['.']).map((p) => normalizePath(p, { cwd }));
  if (abs.some((p) => !(p === root || p.startsWith(`${root}/`)) || /[*?[]/.test(p))) return undefined;
  return abs.map((p) => (p === root ? '.' : p.slice(root.length + 1)));
}

const isEmpty = (out: string | undefined): boolean => out !== undefined && out.trim() === '';

/**
 * Whether the repository the command runs in has no change to a tracked file, staged or not (`git diff HEAD
 * --name-only` prints nothing, read through facts.gitRead). False when that cannot be told, or when `-C`,
 * `--git-dir` or `--work-tree` point elsewhere.
 */
export function nothingUncommitted(cmd: SimpleCommand, ctx: RuleContext, paths: readonly string[] = [], untrackedToo = false): boolean {
  const repo = repoHere(cmd, ctx);
  // (no path: the whole repository, wherever in it the command runs)
  const specs = repo && (paths.length === 0 ? ['.'] : pathspecs(paths, repo.root, repo.cwd));
  if (!repo || !specs || !isEmpty(repo.read(['diff', 'HEAD', '--name-only', '--', ...specs]))) return false;
  // `git checkout v1 -- .env`: an untracked or ignored file there is overwritten too, and git diff does not show it
  return !untrackedToo || isEmpty(repo.read(['ls-files', '--others', '--directory', '--', ...specs]));
}

/** `git reset --hard origin/main` when in sync: the revision is the commit HEAD is on already. */
export function isHeadCommit(cmd: SimpleCommand, ctx: RuleContext, rev: string): boolean {
  if (!/^[\w@{}^~./-]+$/.test(rev) || rev.startsWith('-') || rev.includes('..')) return false;
  const repo = repoHere(cmd, ctx);
  const at = (r: string): string | undefined => repo?.read(['log', '-1', '--format=%H', r, '--'])?.trim();
  const head = at('HEAD');
  return head !== undefined && /^[0-9a-f]{40,64}$/.test(head) && at(rev) === head;
}

/**
 * Nothing a forced switch would throw away: no change to a tracked file and no untracked file that is not ignored
 * (ignored files git overwrites on any switch; it counts them as expendable).
 */
export function nothingToDiscard(cmd: SimpleCommand, ctx: RuleContext): boolean {
  return nothingUncommitted(cmd, ctx) && isEmpty(repoHere(cmd, ctx)?.read(['ls-files', '--others', '--exclude-standard', '--directory']));
}

/**
 * `git branch -D a b` where each branch's last commit is also on a ref the command keeps (another branch, a
 * remote-tracking branch, a tag): every commit stays reachable, so the delete loses only a name.
 */
export function branchesKept(cmd: SimpleCommand, ctx: RuleContext, names: readonly string[]): boolean {
  const repo = repoHere(cmd, ctx);
  if (!repo || names.length === 0 || names.some((n) => !/^[\w][\w./-]*$/.test(n) || n.includes('..'))) return false;
  const deleted = new Set(names.map((n) => `refs/heads/${n}`));
  return names.every((n) => {
    const out = repo.read(['for-each-ref', '--format=%(refname)', `--contains=refs/heads/${n}`]);
    return out !== undefined && out.split('\n').some((ref) => ref.startsWith('refs/') && !deleted.has(ref) && ref !== 'refs/stash');
  });
}

/** `git stash clear` with no stash: nothing to drop. */
export function noStashes(cmd: SimpleCommand, ctx: RuleContext): boolean {
  return isEmpty(repoHere(cmd, ctx)?.read(['stash', 'list']));
}

/**
 * The untracked entries (folders once, as `--directory` gives them) git sees under `paths` of the command's
 * repository: `untracked` (not ignored), `ignored`, or `all`; read through facts.gitRead (`git ls-files --others`),
 * relative to the repository root. Undefined when that cannot be told (no facts, `-C`, globs, another repository).
 */
export function untrackedUnder(cmd: SimpleCommand, ctx: RuleContext, paths: readonly string[], mode: 'untracked' | 'ignored' | 'all'): string[] | undefined {
  const repo = repoHere(cmd, ctx);
  const rel = repo && pathspecs(paths, repo.root, repo.cwd);
  if (!repo || !rel) return undefined;
  const flags = mode === 'untracked' ? ['--exclude-standard'] : mode === 'ignored' ? ['--ignored', '--exclude-standard'] : [];
  const out = repo.read(['ls-files', '--others', '--directory', ...flags, '--', ...rel]);
  return out === undefined ? undefined : out.split('\n').filter((l) => l.length > 0);
}

/**
 * `rm -rf src/legacy` inside a repository, where everything under it is committed and unchanged and nothing else
 * (no untracked or ignored file, no nested repository) is there: `git checkout -- src/legacy` brings it all back.
 */
export function restorableFromHead(path: string, ctx: RuleContext): boolean {
  const read = ctx.facts?.gitRead;
  if (!read || ctx.cwd === undefined || !ctx.facts || ctx.remote !== undefined || /[*?[{$`]/.test(path)) return false;
  const abs = normalizePath(path, { cwd: ctx.cwd, ...(ctx.home !== undefined ? { home: ctx.home } : {}) }).replace(/\/+$/, '');
  const parent = abs.replace(/\/[^/]*$/, '') || '/';
  const root = repositoryRoot(parent, ctx.facts);
  if (root === undefined || !abs.startsWith(`${root}/`) || abs.split('/').includes('.git')) return false;
  // a link (or a path through one) leads elsewhere, to what git does not hold
  const kind = ctx.facts.lstat(abs)?.kind;
  if ((kind !== 'dir' && kind !== 'file') || ctx.facts.realPath(abs) !== abs) return false;
  const rel = abs.slice(root.length + 1);
  const tracked = read(root, ['ls-files', '--', rel]);
  const changed = read(root, ['diff', 'HEAD', '--name-only', '--', rel]);
  const others = read(root, ['ls-files', '--others', '--directory', '--', rel]);
  return tracked !== undefined && tracked.trim() !== '' && changed !== undefined && changed.trim() === '' && others !== undefined && others.trim() === '';
}
