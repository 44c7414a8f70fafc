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
 * GIT_WORK_TREE, HOME with its submodule.recurse), no `-C`/`-c`/`--git-dir`/`--work-tree`, no submodules recursed
 * into, nothing computed. Only such a command is checked against what git says of that folder.
 */
/** Wrappers that run git in the same folder, as the same user, with the same environment. */
const SAME_PLACE = /^(?:timeout|nice|nohup|setsid|stdbuf|command|builtin|time|ionice|chronic|unbuffer|eval|expanded|(?:ba|z|da|k)?sh -c)$/;

function plainGit(cmd: SimpleCommand): boolean {
  return (
    cmd.name === 'git' && cmd.gitMayHaveChanged !== true && cmd.via.every((v) => SAME_PLACE.test(v)) && Object.keys(cmd.assignments).length === 0 && (cmd.rebound ?? []).length === 0 && !cmd.argDynamic.some(Boolean) &&
    !cmd.args.some((a) => /^(?:-C|--git-dir|--work-tree|--namespace|--recurse-submodules?|--super-prefix)(?:=|$)|^-c$|^-C./.test(a))
  );
}

/**
 * Whether the repository the command runs in has no change to a tracked file, staged or not (`git diff HEAD
 * --name-only` prints nothing, read through facts.gitRead). False when that cannot be told, or when `-C`,
 * `--git-dir` or `--work-tree` point elsewhere.
 */
export function nothingUncommitted(cmd: SimpleCommand, ctx: RuleContext, paths: readonly string[] = [], untrackedToo = false): boolean {
  const read = ctx.facts?.gitRead;
  if (!read || ctx.cwd === undefined || !ctx.facts || !plainGit(cmd)) return false;
  const root = repositoryRoot(ctx.cwd, ctx.facts);
  if (root === undefined) return false;
  if (paths.some((p) => p.startsWith(':'))) return false;
  const rel = paths.map((p) => normalizePath(p, { cwd: ctx.cwd! }));
  if (rel.some((p) => !(p === root || p.startsWith(`${root}/`)) || /[*?[]/.test(p))) return false;
  const specs = rel.length > 0 ? rel.map((p) => (p === root ? '.' : p.slice(root.length + 1))) : ['.'];
  const out = read(root, ['diff', 'HEAD', '--name-only', '--', ...specs]);
  if (out === undefined || out.trim() !== '') return false;
  // `git checkout v1 -- .env`: an untracked or ignored file there is overwritten too, and git diff does not show it
  if (!untrackedToo) return true;
  const others = read(root, ['ls-files', '--others', '--directory', '--', ...specs]);
  return others !== undefined && others.trim() === '';
}

/** The git output of a read-only query in the command's own repository, when it can be run as that repository's. */
function readHere(cmd: SimpleCommand, ctx: RuleContext, args: readonly string[]): string | undefined {
  const read = ctx.facts?.gitRead;
  if (!read || ctx.cwd === undefined || !ctx.facts || ctx.remote !== undefined || !plainGit(cmd)) return undefined;
  const root = repositoryRoot(ctx.cwd, ctx.facts);
  return root === undefined ? undefined : read(root, args);
}

/** `git reset --hard origin/main` when in sync: the revision is the commit HEAD is on already. */
export function isHeadCommit(cmd: SimpleCommand, ctx: RuleContext, rev: string): boolean {
  if (!/^[\w@{}^~./-]+$/.test(rev) || rev.startsWith('-') || rev.includes('..')) return false;
  const at = (r: string): string | undefined => readHere(cmd, ctx, ['log', '-1', '--format=%H', r, '--'])?.trim();
  const head = at('HEAD');
  return head !== undefined && /^[0-9a-f]{40,64}$/.test(head) && at(rev) === head;
}

/**
 * Nothing a forced switch would throw away: no change to a tracked file and no untracked file that is not ignored
 * (ignored files git overwrites on any switch; it counts them as expendable).
 */
export function nothingToDiscard(cmd: SimpleCommand, ctx: RuleContext): boolean {
  if (!nothingUncommitted(cmd, ctx)) return false;
  const others = readHere(cmd, ctx, ['ls-files', '--others', '--exclude-standard', '--directory']);
  return others !== undefined && others.trim() === '';
}

/** `git stash clear` with no stash: nothing to drop. */
export function noStashes(cmd: SimpleCommand, ctx: RuleContext): boolean {
  const list = readHere(cmd, ctx, ['stash', 'list']);
  return list !== undefined && list.trim() === '';
}

/**
 * The untracked entries (folders once, as `--directory` gives them) git sees under `paths` of the command's
 * repository: `untracked` (not ignored), `ignored`, or `all`; read through facts.gitRead (`git ls-files --others`),
 * relative to the repository root. Undefined when that cannot be told (no facts, `-C`, globs, another repository).
 */
export function untrackedUnder(cmd: SimpleCommand, ctx: RuleContext, paths: readonly string[], mode: 'untracked' | 'ignored' | 'all'): string[] | undefined {
  const read = ctx.facts?.gitRead;
  if (!read || ctx.cwd === undefined || !ctx.facts || ctx.remote !== undefined || !plainGit(cmd)) return undefined;
  const root = repositoryRoot(ctx.cwd, ctx.facts);
  if (root === undefined) return undefined;
  // pathspec magic (`:/`, `:(glob)…`, `:!x`) means something else than the folder it spells
  if (paths.some((p) => p.startsWith(':'))) return undefined;
  const abs = (paths.length > 0 ? paths : ['.']).map((p) => normalizePath(p, { cwd: ctx.cwd! }));
  if (abs.some((p) => !(p === root || p.startsWith(`${root}/`)) || /[*?[]/.test(p))) return undefined;
  const rel = abs.map((p) => (p === root ? '.' : p.slice(root.length + 1)));
  const flags = mode === 'untracked' ? ['--exclude-standard'] : mode === 'ignored' ? ['--ignored', '--exclude-standard'] : [];
  const out = read(root, ['ls-files', '--others', '--directory', ...flags, '--', ...rel]);
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
