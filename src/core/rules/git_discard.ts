// Git commands that overwrite named files or branches with another version, throwing away uncommitted work in
// them: `checkout -- <path>`, `checkout <ref> <path>`, `restore <path>`, `switch -f`, `reset --merge`,
// `worktree remove -f`, `branch -f`, `rm -f`. The whole-tree forms (`checkout .`) are git.discard-changes.
// Git keeps no copy of uncommitted edits, so there is nothing to bring back.
import { isRegenerable, normalizePath } from '../paths';
import { gitSubcommand, hasFlag, operands } from '../shell/argv';
import type { RuleContext, RuleMatch, ShellRule, SimpleCommand } from './types';
import { gitWorkDir, isHeadCommit, nothingToDiscard, nothingUncommitted, repositoryRoot } from './lib/repo';

function git(cmd: SimpleCommand, sub: string): string[] | undefined {
  if (cmd.name !== 'git') return undefined;
  const s = gitSubcommand(cmd.args);
  return s && s.sub === sub ? s.args : undefined;
}

/**
 * hasFlag() that knows git's short options with a value: in `-bfeature` the `f` belongs to the branch name
 * `feature`, not a force flag. Stops at `--`.
 */
function gitFlag(args: readonly string[], long: readonly string[], short: string, valued = 'bBcCsmtuU'): boolean {
  for (const a of args) {
    if (a === '--') return false;
    if (a.startsWith('--')) {
      if (long.includes(a.includes('=') ? a.slice(0, a.indexOf('=')) : a)) return true;
    } else if (/^-[A-Za-z0-9]/.test(a)) {
      for (const c of a.slice(1)) {
        if (short.includes(c)) return true;
        if (valued.includes(c)) break;
      }
    }
  }
  return false;
}

/** The words after `--`, or undefined when there is no `--`. */
function afterDashes(args: readonly string[]): string[] | undefined {
  const i = args.indexOf('--');
  return i < 0 ? undefined : args.slice(i + 1);
}

/** A word that reads as a file rather than a branch or tag: `app.ts`, `src/`, `./x`, or an existing file. */
function looksLikePath(word: string, ctx: RuleContext): boolean {
  if (/[@~^:]/.test(word) || word.startsWith('-')) return false;
  if (word === '.' || word.startsWith('./') || word.startsWith('../') || word.endsWith('/') || word.includes('*')) return true;
  const base = word.slice(word.lastIndexOf('/') + 1);
  if (/^[^.].*\.[A-Za-z][A-Za-z0-9]{0,7}$/.test(base) || /^\.[A-Za-z]/.test(base)) return true;
  // The file system knows better than the name: `git checkout Makefile`.
  if (ctx.facts && ctx.cwd) return ctx.facts.lstat(normalizePath(word, { cwd: ctx.cwd, ...(ctx.home ? { home: ctx.home } : {}) })) !== undefined;
  return false;
}

// Options whose value may be the next word (git's parse-options also reads `--track direct`, `--unified 3`).
/** Lock files and build output come back with the next install or build: resetting them loses nothing. */
function onlyRegenerable(paths: string): boolean {
  const list = paths.split(' ').filter(Boolean);
  return list.length > 0 && list.every((p) => isRegenerable(normalizePath(p)));
}

/**
 * Whether putting the committed version over these paths loses nothing, as the repository's index says: each is a
 * file whose bytes are what git holds (clean), or is missing (it is restored). Folders and patterns: not known here.
 */
function nothingToLose(cmd: SimpleCommand, paths: string, ctx: RuleContext): boolean {
  const facts = ctx.facts;
  if (facts?.gitState === undefined || ctx.cwd === undefined || ctx.remote !== undefined) return false;
  // `git -C dir`, `--work-tree`: the paths are relative to another folder than the one checked here
  const sub = gitSubcommand(cmd.args);
  if (sub === undefined || cmd.args.indexOf(sub.sub) !== 0 || /{xargs input}/.test(paths)) return false;
  const list = paths.split(' ').filter(Boolean);
  return list.length > 0 && list.length <= 32 && list.every((p) => {
    if (/[*?[{]/.test(p) || p === '.' || p.endsWith('/')) return false;
    const abs = normalizePath(p, { cwd: ctx.cwd!, ...(ctx.home ? { home: ctx.home } : {}) });
    return facts.lstat(abs)?.kind === 'file' && facts.gitState!(abs) === 'clean';
  });
}

/** Paths as written (space-joined) with nothing uncommitted under them, as `git diff HEAD` tells. */
function committedPaths(cmd: SimpleCommand, paths: string, ctx: RuleContext, fromRevision: boolean): boolean {
  if (paths === 'paths from file' || /{xargs input}/.test(paths)) return false;
  const list = paths.split(' ').filter(Boolean);
  // from a revision, an untracked or ignored file that the revision holds is overwritten as well
  return list.length > 0 && list.length <= 32 && nothingUncommitted(cmd, ctx, list, fromRevision);
}

/** `git checkout -- <path>` / `git checkout <path>`: the index is the source (no tree-ish), so staged work stays. */
function fromIndex(args: string[], ctx: RuleContext): boolean {
  const dashed = afterDashes(args);
  const ops = operands(dashed === undefined ? args : args.slice(0, args.indexOf('--')), CHECKOUT_VALUED).map((o) => o.value);
  return dashed !== undefined ? ops.length === 0 : ops.length === 1 && looksLikePath(ops[0]!, ctx);
}

const CHECKOUT_VALUED = ['-b', '-B', '--orphan', '--conflict', '--pathspec-from-file', '-c', '-C', '--track', '--recurse-submodules', '--unified', '-U', '--inter-hunk-context'];

function checkoutPaths(args: string[], ctx: RuleContext): string | undefined {
  // Interactive (-p) hunks are chosen by the person; --ours/--theirs is conflict resolution, not lost work.
  if (hasFlag(args, ['--patch', '--ours', '--theirs'], 'p')) return undefined;
  if (args.some((a) => a.startsWith('--pathspec-from-file'))) return 'paths from file';
  const dashed = afterDashes(args);
  if (dashed !== undefined) return dashed.length > 0 ? dashed.join(' ') : undefined;
  if (hasFlag(args, ['--orphan'], 'bB')) return undefined;
  const ops = operands(args, CHECKOUT_VALUED).map((o) => o.value);
  // `git checkout <tree-ish> <path>…`: everything after the first operand is a path.
  if (ops.length >= 2) return ops.slice(1).join(' ');
  return ops.length === 1 && looksLikePath(ops[0], ctx) ? ops[0] : undefined;
}

const discardPaths: ShellRule = {
  id: 'git.discard-paths',
  pack: 'git',
  kind: 'shell',
  severity: 'high',
  reason: 'Overwrites files with their committed version (git checkout -- <path>, git restore <path>): uncommitted edits in them are lost for good.',
  names: ['git'],
  match(cmd, ctx): RuleMatch | undefined {
    const co = git(cmd, 'checkout');
    if (co) {
      const target = checkoutPaths(co, ctx);
      // Restored from the index, a file whose bytes are what the index holds loses nothing; from a commit, the
      // index is overwritten too, and its staged changes (which this does not read) would be lost.
      // Any source: with no uncommitted change under the paths (git diff HEAD says so), HEAD keeps what is replaced.
      return target === undefined || onlyRegenerable(target) || (fromIndex(co, ctx) && nothingToLose(cmd, target, ctx)) || committedPaths(cmd, target, ctx, !fromIndex(co, ctx)) ? undefined : { target };
    }
    const rs = git(cmd, 'restore');
    if (rs) {
      if (hasFlag(rs, ['--patch'], 'p')) return undefined;
      const worktree = hasFlag(rs, ['--worktree'], 'W') || !hasFlag(rs, ['--staged'], 'S');
      const paths = operands(rs, ['-s', '--source', '--conflict']).map((o) => o.value);
      if (!worktree || (paths.length === 0 && !rs.some((a) => a.startsWith('--pathspec-from-file')))) return undefined;
      const target = paths.join(' ') || 'paths from file';
      const indexSource = !hasFlag(rs, ['--staged', '--source'], 'Ss') && !rs.some((a) => a.startsWith('--source='));
      return onlyRegenerable(target) || (indexSource && nothingToLose(cmd, target, ctx)) || committedPaths(cmd, target, ctx, !indexSource) ? undefined : { target };
    }
    // `git show HEAD:src/a.ts > src/a.ts` (or cat-file -p): the committed version written over the edited file
    const shown = git(cmd, 'show') ?? git(cmd, 'cat-file');
    if (shown) {
      const spec = operands(shown, ['--format', '--pretty']).map((o) => o.value).find((x) => /^[^:\s]*:[^:\s]+$/.test(x));
      const out = cmd.redirects.find((r) => (r.op === '>' || r.op === '>|' || r.op === '1>') && r.target.length > 0)?.target;
      if (spec !== undefined && out !== undefined && normalizePath(spec.slice(spec.indexOf(':') + 1).replace(/^\.\//, ''), { cwd: '/r' }) === normalizePath(out.replace(/^\.\//, ''), { cwd: '/r' }) && !onlyRegenerable(out)) return { target: out };
    }
    // `git diff | git apply -R`, `git apply -R fix.patch`: the working tree's edits are undone; nothing keeps them
    const ap = git(cmd, 'apply');
    // (--index reverses the staged copy too: both are lost; --cached only touches the index, the files keep the edits)
    if (ap && hasFlag(ap, ['--reverse'], 'R') && !hasFlag(ap, ['--check', '--stat', '--numstat', '--summary', '--cached'], '')) return { target: operands(ap, ['-p', '-C', '--exclude', '--include', '--directory', '--whitespace']).map((o) => o.value).join(' ') || 'the patch on stdin (reverse-applied to the working tree)' };
    const ci = git(cmd, 'checkout-index');
    if (ci && hasFlag(ci, ['--force'], 'f')) return { target: hasFlag(ci, ['--all'], 'a') ? 'every tracked file' : operands(ci).map((o) => o.value).join(' ') };
    return undefined;
  },
  examples: {
    flag: [
      // src/index.ts holds uncommitted edits in the example repository (example_facts.ts)
      'git checkout -- src/index.ts',
      'git checkout HEAD -- src/index.ts',
      'git checkout main -- src/',
      'git checkout origin/main src/index.ts',
      'git checkout src/index.ts',
      'git restore src/index.ts',
      'git restore src/index.ts README.md',
      'git restore --source=HEAD --staged --worktree src/',
      'git restore -s HEAD~2 -- src/index.ts',
      'git checkout feature/login -- src/app.ts',
      'git restore --staged --worktree src/app.ts',
      'git -C ../other checkout -- src/app.ts',
      'git -C repo checkout -- .env.example config/',
      'git checkout-index -f -a',
      'git diff HEAD | git apply -R',
      'git apply --reverse changes.patch',
      'git show HEAD:src/util.ts > src/util.ts',
      'git cat-file -p HEAD~1:README.md > ./README.md',
    ],
    allow: [
      // clean files: their bytes are what git holds, so nothing is lost
      'git checkout -- src/app.ts',
      'git restore README.md',
      'git checkout main',
      'git checkout -b x',
      'git checkout -b fix origin/main',
      'git checkout feature/login',
      'git checkout v1.2.0',
      'git checkout -',
      'git checkout HEAD~3',
      'git restore --staged file',
      'git restore --staged .',
      'git restore -p src/app.ts',
      'git checkout -p',
      'git checkout --theirs package-lock.json',
      'git checkout --track inherit main',
      'git checkout -- package-lock.json',
      'git restore yarn.lock',
      'git apply fix.patch',
      'git apply -R --check fix.patch',
      'git show HEAD:src/util.ts > /tmp/util.old.ts',
      'git show HEAD:src/util.ts',
    ],
  },
};

const forceSwitch: ShellRule = {
  id: 'git.force-switch',
  pack: 'git',
  kind: 'shell',
  severity: 'high',
  reason: 'Switches branches or resets while throwing away local changes (switch -f, reset --merge, worktree remove -f, rm -f): uncommitted work is lost.',
  names: ['git'],
  match(cmd, ctx) {
    // with nothing changed and nothing untracked, a forced switch is a plain one
    const sw = git(cmd, 'switch');
    if (sw && gitFlag(sw, ['--force', '--discard-changes'], 'f')) return nothingToDiscard(cmd, ctx) ? undefined : { target: operands(sw, ['-c', '-C', '--orphan']).pop()?.value ?? 'working tree' };
    const co = git(cmd, 'checkout');
    if (co && gitFlag(co, ['--force', '--discard-changes'], 'f')) return nothingToDiscard(cmd, ctx) ? undefined : { target: operands(co, CHECKOUT_VALUED)[0]?.value ?? 'working tree' };
    const rs = git(cmd, 'reset');
    if (rs && rs.includes('--merge')) return { target: 'staged changes' };
    // `git reset --keep HEAD~1`: the dropped commits' changes leave the working tree too (reflog only afterwards)
    if (rs && rs.includes('--keep')) {
      const rev = operands(rs)[0]?.value;
      if (rev !== undefined && rev !== 'HEAD' && rev !== '@' && !isHeadCommit(cmd, ctx, rev)) return { target: rev, detail: 'reset --keep to another commit' };
    }
    const wt = git(cmd, 'worktree');
    if (wt && wt[0] === 'remove' && hasFlag(wt.slice(1), ['--force'], 'f')) return { target: operands(wt.slice(1)).pop()?.value ?? 'worktree' };
    const rm = git(cmd, 'rm');
    if (rm && hasFlag(rm, ['--force'], 'f') && !rm.includes('--cached')) return { target: operands(rm).map((o) => o.value).join(' ') || 'files' };
    return undefined;
  },
  examples: {
    flag: ['git switch -f main', 'git switch --discard-changes main', 'git checkout -f', 'git checkout --force main', 'git reset --merge', 'git reset --merge ORIG_HEAD', 'git reset --keep HEAD~1', 'git reset --keep origin/main', 'git worktree remove -f ../wt', 'git worktree remove --force ../wt', 'git rm -rf src/legacy'],
    allow: ['git switch main', 'git switch -c feature', 'git switch -cfeature', 'git checkout -bfeature', 'git checkout -qbfix', 'git reset', 'git reset --keep', 'git reset --keep HEAD', 'git worktree remove ../wt', 'git worktree list', 'git rm --cached -r .idea', 'git rm old.txt'],
  },
};

/** Whether the repository at the cwd has a local branch of that name (loose ref or packed); undefined when not known. */
function branchExists(cmd: SimpleCommand, name: string, ctx: RuleContext): boolean | undefined {
  const facts = ctx.facts;
  if (facts === undefined || ctx.cwd === undefined || /[^\w./-]|\.\./.test(name)) return undefined;
  // `git -C ../api checkout -B main`: the repository of the folder git moves to
  const dir = gitWorkDir(cmd, ctx.cwd);
  const root = dir === undefined ? undefined : repositoryRoot(dir, facts);
  const dotGit = root === undefined ? undefined : `${root === '/' ? '' : root}/.git`;
  // a linked worktree's `.git` is a file pointing elsewhere: not followed here
  if (dotGit === undefined || facts.lstat(dotGit)?.kind !== 'dir') return undefined;
  if (facts.lstat(`${dotGit}/refs/heads/${name}`) !== undefined) return true;
  const packed = facts.readText(`${dotGit}/packed-refs`, 4 * 1024 * 1024);
  return packed === undefined ? false : packed.split('\n').some((l) => l.endsWith(` refs/heads/${name}`));
}

const branchForce: ShellRule = {
  id: 'git.branch-force-move',
  pack: 'git',
  kind: 'shell',
  severity: 'medium',
  reason: 'git branch -f (or checkout -B / switch -C) points an existing branch somewhere else; commits only it held drop out of sight (reflog only).',
  names: ['git'],
  match(cmd, ctx) {
    // `git checkout -B main origin/main`, `git switch -C main origin/main`: the branch is reset to the start point
    const co = git(cmd, 'checkout') ?? git(cmd, 'switch');
    if (co) {
      const i = co.findIndex((a) => a === '-B' || a === '-C' || a === '--force-create' || /^-[a-zA-Z]*[BC]$/.test(a));
      const name = i >= 0 ? co[i + 1] : undefined;
      if (name === undefined || name.startsWith('-')) return undefined;
      // Creating a new branch is everyday work; resetting one that exists (or, unknown, a long-lived one) is not
      const exists = branchExists(cmd, name, ctx);
      return exists === true || (exists === undefined && /^(?:main|master|trunk|develop|dev|staging|production|prod|release(?:[/-].*)?)$/.test(name)) ? { target: name, detail: 'reset to the given start point' } : undefined;
    }
    const br = git(cmd, 'branch');
    if (!br || !gitFlag(br, ['--force'], 'f', 'tu')) return undefined;
    // -d/-D is git.branch-force-delete; -m/-M/-c/-C rename or copy.
    if (hasFlag(br, ['--delete', '--move', '--copy'], 'dDmMcC')) return undefined;
    const ops = operands(br, ['-u', '--set-upstream-to', '-t', '--track']);
    return ops.length > 0 ? { target: ops[0].value } : undefined;
  },
  examples: {
    flag: ['git branch -f main origin/main', 'git branch --force release HEAD~2', 'git branch -f feature', 'git -C app branch -f main v1.0', 'git branch -f -t dev origin/dev', 'git checkout -B main origin/main', 'git switch -C main origin/main'],
    allow: ['git branch feature', 'git branch -a', 'git branch -M main', 'git branch -d merged', 'git branch --list', 'git checkout -B brand-new-branch origin/main', 'git switch -c feature'],
  },
};

export const GIT_DISCARD_RULES: readonly ShellRule[] = [discardPaths, forceSwitch, branchForce];
