// Git operations that lose work or rewrite shared history: force pushes, remote branch deletes,
// hard resets, cleans, discarding all local changes, force branch deletes, stash drops, history rewrites.
import { isRegenerable, normalizePath } from '../paths';
import { gitSubcommand, hasFlag, operands } from '../shell/argv';
import { branchesKept, gitWorkDir, isHeadCommit, noStashes, nothingToDiscard, nothingUncommitted, repositoryRoot, untrackedUnder } from './lib/repo';
import type { RuleContext, RuleMatch, ShellRule, SimpleCommand } from './types';
import { ignoredBuildFolder } from './lib/tree';

function git(cmd: SimpleCommand, subs: readonly string[]): string[] | undefined {
  if (cmd.name !== 'git') return undefined;
  const s = gitSubcommand(cmd.args);
  return s && subs.includes(s.sub) ? s.args : undefined;
}

/** `git -c key=value …` settings given before the sub-command, keys lower-cased. */
function gitConfigArgs(args: readonly string[]): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (let i = 0; i < args.length && args[i].startsWith('-'); i++) {
    const a = args[i];
    const kv = a === '-c' ? args[++i] : a.startsWith('-c') && a.length > 2 && a[2] !== '-' ? a.slice(2) : undefined;
    if (kv === undefined) {
      if (['-C', '--git-dir', '--work-tree', '--namespace', '--super-prefix', '--exec-path', '--config-env'].includes(a)) i++;
      continue;
    }
    const eq = kv.indexOf('=');
    out.push([(eq >= 0 ? kv.slice(0, eq) : kv).toLowerCase(), eq >= 0 ? kv.slice(eq + 1) : 'true']);
  }
  return out;
}

/** A remote's push refspec that forces (`+…`), or its mirror setting: every plain `git push` to it then forces or mirrors. */
function forcingRemoteSetting(key: string, value: string): boolean {
  if (/^remote\.[^\s]+\.push$/.test(key)) return value.trim().startsWith('+');
  if (/^remote\.[^\s]+\.mirror$/.test(key)) return /^(?:true|yes|on|1)$/i.test(value.trim());
  return false;
}

const PUSH_VALUED = ['--repo', '--receive-pack', '--exec', '-o', '--push-option', '--signed'];

function pushRefspecs(args: string[]): string[] {
  return operands(args, PUSH_VALUED).slice(1).map((o) => o.value);
}

/** The lease forms of forcing: an update only when the remote still holds what this clone last saw. */
const LEASE_ONLY = /^--(?:no-)?force-(?:with-lease(?:=.*)?|if-includes)$/;

/**
 * A force-like long option git's parser does not know as written (`--force-with-lease-if-includes`, `--forc`, an
 * ambiguous `--fo`): abbreviations it can read are already spelled out (shell/canonical.ts), so what is left would
 * be refused, or read by some other git as `--force`. In doubt, judged as the force push it spells.
 */
function unknownForceOption(a: string): boolean {
  if (a === '--') return false;
  const key = a.includes('=') && !a.startsWith('--force-with-lease=') ? a.slice(0, a.indexOf('=')) : a;
  if (LEASE_ONLY.test(key)) return false;
  return key.startsWith('--force') || (key.length >= 4 && '--force'.startsWith(key));
}

/** `--force-with-lease` in any spelling git accepts (unambiguous prefixes down to `--force-w`). */
const LEASE = /^--force-w(?:i(?:t(?:h(?:-(?:l(?:e(?:a(?:s(?:e)?)?)?)?)?)?)?)?)?(?:=.*)?$/;

/**
 * A lease protects only against what was not fetched: when the remote-tracking branch already holds commits the
 * pushed one lacks (a teammate's work, fetched but not merged), `--force-with-lease` drops them. Read through
 * facts.gitRead (`git log SRC..refs/remotes/R/DST`); undefined when that cannot be told.
 */
function leaseDropsCommits(cmd: SimpleCommand, args: readonly string[], ctx: RuleContext): string | undefined {
  const read = ctx.facts?.gitRead;
  if (!read || ctx.cwd === undefined || !ctx.facts) return undefined;
  // `git -C ../api push --force-with-lease`: the repository of the folder git moves to
  const dir = gitWorkDir(cmd, ctx.cwd);
  const root = dir === undefined ? undefined : repositoryRoot(dir, ctx.facts);
  if (root === undefined) return undefined;
  const ops = operands(args, PUSH_VALUED).map((o) => o.value);
  const remote = ops[0] ?? 'origin';
  const spec = ops[1];
  if (ops.length > 2 || /[^\w./-]/.test(remote)) return undefined;
  let [src, dst] = spec === undefined ? ['HEAD', undefined] : spec.includes(':') ? spec.split(':', 2) : [spec, spec];
  if (dst === undefined || dst === 'HEAD') dst = currentBranch(root, ctx);
  if (!src || !dst || !/^[\w./-]+$/.test(`${src}${dst}`)) return undefined;
  const tracking = `refs/remotes/${remote}/${dst.replace(/^refs\/heads\//, '')}`;
  const out = read(root, ['log', '--format=%H', '-n', '1', `${src}..${tracking}`, '--']);
  return out !== undefined && out.trim() !== '' ? `${remote}/${dst.replace(/^refs\/heads\//, '')}` : undefined;
}

/** The branch HEAD names (a worktree's HEAD through its gitdir file), or undefined when detached or unknown. */
function currentBranch(root: string, ctx: RuleContext): string | undefined {
  const facts = ctx.facts!;
  let gitDir = `${root}/.git`;
  if (facts.lstat(gitDir)?.kind === 'file') {
    const m = /^gitdir:\s*(\S+)/m.exec(facts.readText(gitDir, 4096) ?? '');
    if (!m) return undefined;
    gitDir = normalizePath(m[1]!, { cwd: root });
  }
  return /^ref:\s*refs\/heads\/(\S+)/.exec(facts.readText(`${gitDir}/HEAD`, 4096) ?? '')?.[1];
}

const forcePush: ShellRule = {
  id: 'git.force-push',
  pack: 'git',
  kind: 'shell',
  severity: 'high',
  reason: 'Force-pushes, overwriting the remote branch history; commits others pushed can be lost.',
  names: ['git'],
  match(cmd, ctx): RuleMatch | undefined {
    // `git send-pack` is the plumbing under push: `--force` and `+ref` force the same way
    const args = git(cmd, ['push']) ?? git(cmd, ['send-pack']);
    if (!args) return undefined;
    // --force-with-lease is the safe form; plain --force or -f anywhere still wins over it.
    // `--dry-run` / `-n` only reports what would be pushed.
    if (hasFlag(args, ['--dry-run'], 'n')) return undefined;
    // A lease whose expected value is computed as the command runs (`--force-with-lease=main:$(git ls-remote …)`)
    // is whatever the remote holds then: no lease at all.
    const computedLease = cmd.args.some((a, i) => cmd.argDynamic[i] && /^--force-with-lease=[^:]*:/.test(a));
    const force = computedLease || hasFlag(args, ['--force', '--mirror'], 'f') || args.some(unknownForceOption) || gitConfigArgs(cmd.args).some(([k, v]) => forcingRemoteSetting(k, v));
    const plus = pushRefspecs(args).find((r) => r.startsWith('+'));
    if (force || plus) return { target: plus ?? pushRefspecs(args)[0] ?? operands(args, PUSH_VALUED)[0]?.value };
    const lost = args.some((a) => LEASE.test(a)) ? leaseDropsCommits(cmd, args, ctx) : undefined;
    if (lost !== undefined) return { target: lost, detail: `${lost} holds commits the pushed branch lacks; the lease is taken from that same fetched ref, so the push drops them` };
    return undefined;
  },
  examples: {
    flag: [
      'git push --force',
      'git push -f origin main',
      'git send-pack --force git@github.com:acme/app.git main',
      'git push origin +main',
      'git -C repo push -fu origin feature',
      'git push --mirror backup',
      'git push --force-with-lease=main:$(git ls-remote origin refs/heads/main | cut -f1) origin main',
      'git push --force --force-with-lease',
      'git push --force-with-lease-if-includes origin main',
      'git push --forc origin main',
      'git push --fo origin main',
      'git push --forced origin main',
      "git -c remote.origin.push=+refs/heads/*:refs/heads/* push origin",
      'git -c remote.origin.push=+main push',
      'git -c remote.backup.mirror=true push backup',
    ],
    allow: [
      'git push',
      'git push --force-with-lease',
      'git push --force-with-lease=main origin main',
      'git push --force-with-lease=main:abc123 origin main',
      'git push --force-with-lease --force-if-includes origin main',
      'git push --force-w origin main',
      'git push --no-force-with-lease origin main',
      'git push --follow-tags origin main',
      'git push -u origin feature',
      'echo "git push --force"',
      'git push --dry-run --force',
      'git push -nf origin main',
      'git -c remote.origin.push=refs/heads/main:refs/heads/main push origin',
      'git -c remote.origin.mirror=false push origin',
    ],
  },
};

const remoteBranchDelete: ShellRule = {
  id: 'git.remote-branch-delete',
  pack: 'git',
  kind: 'shell',
  severity: 'high',
  reason: 'Deletes a branch or tag on the remote.',
  names: ['git'],
  match(cmd) {
    const args = git(cmd, ['push']) ?? git(cmd, ['send-pack']);
    if (!args) return undefined;
    const refs = pushRefspecs(args);
    if (hasFlag(args, ['--delete', '--prune'], 'd')) return { target: refs[0] ?? 'remote refs' };
    const colon = refs.find((r) => r.startsWith(':') && r.length > 1);
    return colon ? { target: colon.slice(1) } : undefined;
  },
  examples: { flag: ['git push origin --delete main', 'git push origin :release', 'git push -d origin v1.0', 'git send-pack git@github.com:acme/app.git :refs/heads/release'], allow: ['git push origin feature:feature', 'git branch -d merged-branch', 'git send-pack git@github.com:acme/app.git main'] },
};

const resetHard: ShellRule = {
  id: 'git.reset-hard',
  pack: 'git',
  kind: 'shell',
  severity: 'high',
  reason: 'git reset --hard (or its plumbing, git read-tree -u --reset) throws away all uncommitted changes in the working tree.',
  names: ['git'],
  match(cmd, ctx) {
    const args = git(cmd, ['reset']);
    if (args) {
      if (!args.includes('--hard')) return undefined;
      const to = operands(args)[0]?.value ?? 'HEAD';
      // `git reset --hard` (to HEAD) in a tree with nothing uncommitted changes no file: git itself says so
      // and to a revision that is the commit HEAD is on already (`git reset --hard origin/main` when in sync)
      if (operands(args).length <= 1 && (to === 'HEAD' || isHeadCommit(cmd, ctx, to)) && nothingUncommitted(cmd, ctx)) return undefined;
      return { target: to };
    }
    // read-tree --reset drops the index's changes; -u then writes that tree over the working files
    const rt = git(cmd, ['read-tree']);
    if (rt && rt.includes('--reset') && hasFlag(rt, [], 'u') && !hasFlag(rt, ['--dry-run'], 'n')) return { target: operands(rt, ['--prefix', '--index-output'])[0]?.value ?? 'HEAD', detail: 'read-tree -u --reset' };
    return undefined;
  },
  examples: {
    flag: ['git reset --hard', 'git reset --hard origin/main', 'git reset --hard HEAD~3', 'git read-tree -u --reset HEAD', 'git read-tree --reset -u origin/main'],
    allow: ['git reset', 'git reset --soft HEAD~1', 'git reset HEAD file.txt', 'git read-tree HEAD', 'git read-tree --reset HEAD', 'git read-tree -u -m HEAD'],
  },
};

/** A remote set up to force or mirror (`remote.X.push +…`, `remote.X.mirror true`, `git remote add --mirror=push`). */
const pushConfigForce: ShellRule = {
  id: 'git.push-config-force',
  pack: 'git',
  kind: 'shell',
  severity: 'high',
  reason: 'Sets a remote to push by force or as a mirror: every later plain git push to it overwrites the remote branches, and a mirror push deletes the remote refs this clone lacks.',
  names: ['git'],
  match(cmd) {
    const cfg = git(cmd, ['config']);
    if (cfg) {
      if (cfg.some((a) => /^--(?:get|list|get-all|get-regexp|unset|unset-all|remove-section)/.test(a) || a === '-l')) return undefined;
      const ops = operands(cfg, ['--file', '-f', '--blob', '--type', '--default', '--comment', '--value']).map((o) => o.value);
      if (ops[0] === 'set') ops.shift();
      const [key, value] = ops;
      return key !== undefined && value !== undefined && forcingRemoteSetting(key.toLowerCase(), value) ? { target: key, detail: `${key} ${value}` } : undefined;
    }
    const remote = git(cmd, ['remote']);
    if (remote && remote[0] === 'add' && remote.some((a) => a === '--mirror' || a === '--mirror=push')) return { target: operands(remote.slice(1), ['-t', '-m'])[0]?.value ?? 'remote', detail: 'mirror remote' };
    return undefined;
  },
  examples: {
    flag: ['git config remote.origin.mirror true', 'git config remote.origin.mirror true && git push origin', "git config remote.origin.push '+refs/heads/*:refs/heads/*'", 'git config --add remote.backup.push +main', 'git remote add --mirror=push backup git@example.com:a/b.git'],
    allow: ['git config remote.origin.mirror', 'git config remote.origin.push refs/heads/main:refs/heads/main', 'git config --unset remote.origin.mirror', 'git remote add upstream git@example.com:a/b.git', 'git remote add --mirror=fetch backup git@example.com:a/b.git', 'git config remote.origin.mirror false'],
  },
};

const clean: ShellRule = {
  id: 'git.clean',
  pack: 'git',
  kind: 'shell',
  severity: 'high',
  reason: 'git clean -f deletes untracked files, which git cannot bring back.',
  names: ['git'],
  match(cmd, ctx) {
    const args = git(cmd, ['clean']);
    // `-c clean.requireForce=false` lets git clean delete without -f; -i asks per file.
    const unforced = gitConfigArgs(cmd.args).some(([k, v]) => /^clean\.requireforce$/i.test(k) && /^(?:false|no|off|0)$/i.test(v));
    if (!args || hasFlag(args, ['--dry-run'], 'n')) return undefined;
    // `-i` asks a person per file, unless its menu is answered from a pipe or here-string (`echo c | git clean -i`)
    const answered = hasFlag(args, ['--interactive'], 'i') && (cmd.pipedIn === true || cmd.stdin !== undefined);
    if (!answered && ((!hasFlag(args, ['--force'], 'f') && !unforced) || hasFlag(args, ['--interactive'], 'i'))) return undefined;
    // `git clean -fdX -- dist coverage build`: only build output named, which the next build makes again
    const paths = operands(args, ['-e', '--exclude']).map((o) => o.value);
    if (paths.length > 0 && paths.every((p) => isRegenerable(normalizePath(p)))) return undefined;
    // What git would remove, as git lists it: nothing, or only build output and caches
    const mode = hasFlag(args, [], 'X') ? 'ignored' : hasFlag(args, [], 'x') ? 'all' : 'untracked';
    const excludes = args.some((a) => a === '-e' || a.startsWith('--exclude'));
    const doomed = excludes ? undefined : untrackedUnder(cmd, ctx, paths, mode);
    const dir = ctx.cwd !== undefined ? gitWorkDir(cmd, ctx.cwd) : undefined;
    const root = doomed !== undefined && ctx.facts && dir !== undefined ? repositoryRoot(dir, ctx.facts) : undefined;
    const rebuilt = (p: string): boolean => isRegenerable(p) || (root !== undefined && ignoredBuildFolder(`${root}/${p}`, ctx));
    if (doomed !== undefined && doomed.every((p) => rebuilt(p.replace(/\/$/, '')))) return undefined;
    return { target: paths[0] ?? '.' };
  },
  examples: {
    flag: ['echo c | git clean -i -d', "git clean -id <<< 'c'", 'git clean -fd', 'git clean -fdx', 'git clean --force -d', 'git -c clean.requireForce=false clean -dx', "git submodule foreach --recursive 'git clean -ffdx'", 'git submodule --quiet foreach git clean -fd'],
    allow: ['git clean -fdX -- dist coverage build', 'git clean -i', 'git clean -n', 'git clean -nfd', 'git clean --dry-run', "git submodule foreach 'git clean -n'", "git submodule foreach --recursive 'git status'"],
  },
};

const ALL_PATHS = new Set(['.', ':/', '*', ':/*', '/', './']);

const discardChanges: ShellRule = {
  id: 'git.discard-changes',
  pack: 'git',
  kind: 'shell',
  severity: 'high',
  reason: 'Discards every uncommitted change in the working tree.',
  names: ['git'],
  match(cmd, ctx) {
    const co = git(cmd, ['checkout']);
    if (co) {
      const paths = co.includes('--') ? co.slice(co.indexOf('--') + 1) : operands(co).map((o) => o.value);
      // a tree with no uncommitted change (git diff HEAD says so) has nothing to discard
      // (forced onto another branch, an untracked file that branch holds is overwritten as well)
      const revision = co.includes('--') && operands(co.slice(0, co.indexOf('--'))).length > 0;
      const forced = hasFlag(co, ['--force'], 'f');
      const allPaths = paths.some((p) => ALL_PATHS.has(p));
      if (!allPaths && forced) return nothingToDiscard(cmd, ctx) ? undefined : { target: 'working tree' };
      if (allPaths && !nothingUncommitted(cmd, ctx, [], revision || forced)) return { target: 'working tree' };
      return undefined;
    }
    const rs = git(cmd, ['restore']);
    if (rs) {
      const stagedOnly = hasFlag(rs, ['--staged'], 'S') && !hasFlag(rs, ['--worktree'], 'W');
      const fromRevision = hasFlag(rs, ['--source'], 's') || rs.some((a) => a.startsWith('--source='));
      if (!stagedOnly && operands(rs, ['-s', '--source']).some((o) => ALL_PATHS.has(o.value)) && !nothingUncommitted(cmd, ctx, [], fromRevision)) return { target: 'working tree' };
    }
    return undefined;
  },
  examples: {
    flag: ['git checkout -- .', 'git checkout .', 'git restore .', 'git checkout -f main', 'git restore --source=HEAD :/'],
    allow: ['git checkout main', 'git checkout -b feature', 'git checkout -- src/app.ts', 'git restore --staged .', 'git restore README.md'],
  },
};

const branchForceDelete: ShellRule = {
  id: 'git.branch-force-delete',
  pack: 'git',
  kind: 'shell',
  severity: 'medium',
  reason: 'Force-deletes a local branch even if its commits are not merged anywhere.',
  names: ['git'],
  match(cmd, ctx) {
    const args = git(cmd, ['branch']);
    if (!args) return undefined;
    const force = args.some((a) => /^-[a-zA-Z]*D/.test(a)) || (hasFlag(args, ['--delete'], 'd') && hasFlag(args, ['--force'], 'f'));
    // a branch whose commits another ref still holds (merged, pushed, tagged) loses only its name
    const remote = hasFlag(args, ['--remotes', '--all'], 'ra');
    if (force) return !remote && branchesKept(cmd, ctx, operands(args).map((o) => o.value)) ? undefined : { target: operands(args)[0]?.value };
    // `-M old new` / `-C old new` (or --move/--copy with --force) replace a branch that already has the new name.
    const ops = operands(args);
    const overwrite = args.some((a) => /^-[a-zA-Z]*[MC]/.test(a)) || (hasFlag(args, ['--move', '--copy'], 'mc') && hasFlag(args, ['--force'], 'f'));
    return overwrite && ops.length >= 2 ? { target: ops[ops.length - 1]!.value } : undefined;
  },
  examples: { flag: ['git branch -D feature', 'git branch --delete --force old', 'git branch -df wip', 'git branch -M wip release', 'git branch --move --force wip main'], allow: ['git branch -d merged', 'git branch -a', 'git branch new-feature', 'git branch -m old-name new-name', 'git branch -M main'] },
};

const stashDrop: ShellRule = {
  id: 'git.stash-drop',
  pack: 'git',
  kind: 'shell',
  severity: 'medium',
  reason: 'Drops stashed changes permanently.',
  names: ['git'],
  match(cmd, ctx) {
    const args = git(cmd, ['stash']);
    if (!args) return undefined;
    const sub = args.find((a) => !a.startsWith('-'));
    if (sub !== 'drop' && sub !== 'clear') return undefined;
    return noStashes(cmd, ctx) ? undefined : { target: `stash ${sub}` };
  },
  examples: { flag: ['git stash drop', 'git stash clear', 'git stash drop stash@{0}'], allow: ['git stash', 'git stash pop', 'git stash list'] },
};

const historyRewrite: ShellRule = {
  id: 'git.history-rewrite',
  pack: 'git',
  kind: 'shell',
  severity: 'high',
  reason: 'Rewrites the repository history (filter-branch/filter-repo/BFG); old commits become unreachable.',
  names: ['git', 'bfg', 'git-filter-repo'],
  match(cmd) {
    // `--analyze` writes a report and `--dry-run` only shows the rewrite: history is left as it is
    if (cmd.args.some((a) => a === '--analyze' || a === '--dry-run' || a === '--help' || a === '-h')) return undefined;
    if (cmd.name === 'bfg' || cmd.name === 'git-filter-repo') return { target: 'repository history' };
    if (git(cmd, ['filter-branch', 'filter-repo'])) return { target: 'repository history' };
    const ur = git(cmd, ['update-ref']);
    if (ur && hasFlag(ur, [], 'd')) return { target: operands(ur)[0]?.value };
    if (ur) {
      // Moving a branch, tag or HEAD to another commit: whether its old commits stay reachable cannot be known
      // here. An old value of all zeros only creates a new ref; --stdin's updates are not visible.
      const [ref, , old] = operands(ur, ['-m']).map((o) => o.value);
      if (hasFlag(ur, ['--stdin'])) return { target: 'refs read from stdin', detail: 'update-ref --stdin' };
      if (ref !== undefined && /^(?:HEAD|refs\/(?:heads|tags)\/.+)$/.test(ref) && !(old !== undefined && /^0{40}(?:0{24})?$/.test(old))) return { target: ref, detail: 'moves the ref' };
    }
    return undefined;
  },
  examples: {
    flag: ['git filter-branch --tree-filter "rm -f secrets.txt" HEAD', 'git filter-repo --force --path-rename src/:lib/', 'git filter-repo --path secrets --invert-paths', 'bfg --delete-files id_rsa', 'git update-ref -d refs/heads/main', 'git update-ref refs/heads/main "$(git commit-tree \'HEAD^{tree}\' -m squash)"', 'git update-ref refs/heads/main abc1234', 'git update-ref -m reset HEAD origin/main~5', 'git update-ref --stdin < updates.txt'],
    allow: ['git log --oneline', 'git filter-repo --analyze', 'git filter-repo --path secrets --invert-paths --dry-run', 'git rebase main', 'git update-ref refs/heads/new-branch abc1234 0000000000000000000000000000000000000000', 'git update-ref refs/remotes/origin/main abc1234', 'git show-ref refs/heads/main'],
  },
};

const reflogExpire: ShellRule = {
  id: 'git.reflog-expire',
  pack: 'git',
  kind: 'shell',
  severity: 'high',
  reason: 'Expires the reflog or prunes unreachable objects, removing the safety net for recovering lost commits.',
  names: ['git'],
  match(cmd) {
    const rl = git(cmd, ['reflog']);
    if (rl && (rl[0] === 'expire' || rl[0] === 'delete')) return { target: 'reflog' };
    const gc = git(cmd, ['gc']);
    // Any --prune date but git's own default (two weeks) shortens the grace period (`--prune=1.second.ago`), and
    // `-c gc.reflogExpire=now` / `gc.pruneExpire=now` on the line turn a plain `git gc` into the same.
    if (gc && gc.some((a) => /^--prune(?:=(?!2\.weeks?\.ago$).+)?$/.test(a))) return { target: 'unreachable objects' };
    if (gc && gitConfigArgs(cmd.args).some(([k, v]) => /^gc\.(?:reflogexpire|reflogexpireunreachable|pruneexpire)$/i.test(k) && !/weeks?|months?|years?|never|days?/i.test(v))) return { target: 'unreachable objects' };
    if (git(cmd, ['prune'])) return { target: 'unreachable objects' };
    return undefined;
  },
  examples: { flag: ['git reflog expire --expire=now --all', 'git gc --prune=now', 'git gc --aggressive --prune=all', 'git prune', 'git gc --prune=1.second.ago', 'git -c gc.reflogExpire=now -c gc.pruneExpire=now gc'], allow: ['git reflog', 'git gc', 'git gc --auto', 'git gc --prune=2.weeks.ago'] },
};

export const GIT_RULES: readonly ShellRule[] = [forcePush, remoteBranchDelete, resetHard, pushConfigForce, clean, discardChanges, branchForceDelete, stashDrop, historyRewrite, reflogExpire];
