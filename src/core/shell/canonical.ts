// Options as the program reads them. GNU getopt_long (and git's parse-options) accept any unambiguous
// prefix of a long option (`rm --rec --force` is `rm --recursive --force`), and a short option that takes a
// value swallows the rest of its cluster (`git checkout -bfeature` is `-b feature`, not `-b -f …`). Rules
// match the spelled-out forms, so commands are rewritten to them once, here, before any rule runs.
import type { Extracted } from './state';

interface OptionTable {
  /** Every long option the program knows (an abbreviation must be a prefix of exactly one). */
  long: readonly string[];
  /** Short options that take a value (the rest of the cluster, or the next word). */
  valued?: string;
}

const RM: OptionTable = { long: ['--force', '--interactive', '--one-file-system', '--no-preserve-root', '--preserve-root', '--recursive', '--dir', '--verbose', '--help', '--version'] };
const CHMOD: OptionTable = { long: ['--changes', '--silent', '--quiet', '--verbose', '--dereference', '--no-dereference', '--no-preserve-root', '--preserve-root', '--reference', '--recursive', '--from', '--help', '--version'] };
const SHRED: OptionTable = { long: ['--force', '--iterations', '--random-source', '--size', '--remove', '--verbose', '--exact', '--zero', '--help', '--version'], valued: 'ns' };
const SED: OptionTable = { long: ['--in-place', '--expression', '--file', '--quiet', '--silent', '--regexp-extended', '--separate', '--null-data', '--zero-terminated', '--line-length', '--posix', '--sandbox', '--debug', '--follow-symlinks', '--unbuffered', '--binary', '--help', '--version'], valued: 'efl' };
const PSQL: OptionTable = {
  long: ['--command', '--dbname', '--file', '--host', '--port', '--username', '--list', '--variable', '--set', '--version', '--no-psqlrc', '--single-transaction', '--help', '--echo-all', '--echo-errors', '--echo-queries', '--echo-hidden', '--log-file', '--no-readline', '--output', '--quiet', '--single-step', '--single-line', '--no-align', '--csv', '--html', '--field-separator', '--record-separator', '--tuples-only', '--table-attr', '--expanded', '--field-separator-zero', '--record-separator-zero', '--no-password', '--password', '--pset'],
  valued: 'cdfhpUvLoFRTP',
};
const TRUNCATE: OptionTable = { long: ['--no-create', '--io-blocks', '--reference', '--size', '--help', '--version'], valued: 'rs' };

/** git sub-commands: their long options, and short options that take a value. */
const GIT: Record<string, OptionTable> = {
  push: {
    long: ['--all', '--branches', '--mirror', '--tags', '--follow-tags', '--dry-run', '--porcelain', '--delete', '--prune', '--force', '--force-with-lease', '--no-force-with-lease', '--force-if-includes', '--no-force-if-includes', '--repo', '--set-upstream', '--thin', '--no-thin', '--quiet', '--verbose', '--progress', '--recurse-submodules', '--no-recurse-submodules', '--verify', '--no-verify', '--atomic', '--no-atomic', '--push-option', '--receive-pack', '--exec', '--signed', '--no-signed', '--ipv4', '--ipv6'],
    valued: 'o',
  },
  clean: { long: ['--force', '--dry-run', '--interactive', '--quiet', '--exclude'], valued: 'e' },
  reset: { long: ['--hard', '--soft', '--mixed', '--merge', '--keep', '--quiet', '--no-quiet', '--patch', '--intent-to-add', '--refresh', '--no-refresh', '--pathspec-from-file', '--pathspec-file-nul', '--recurse-submodules', '--no-recurse-submodules'] },
  checkout: {
    long: ['--force', '--ours', '--theirs', '--track', '--no-track', '--guess', '--no-guess', '--detach', '--orphan', '--merge', '--patch', '--quiet', '--progress', '--no-progress', '--conflict', '--ignore-skip-worktree-bits', '--ignore-other-worktrees', '--overwrite-ignore', '--no-overwrite-ignore', '--recurse-submodules', '--no-recurse-submodules', '--overlay', '--no-overlay', '--pathspec-from-file', '--pathspec-file-nul'],
    valued: 'bB',
  },
  switch: { long: ['--create', '--force-create', '--detach', '--guess', '--no-guess', '--force', '--discard-changes', '--merge', '--conflict', '--quiet', '--progress', '--no-progress', '--track', '--no-track', '--orphan', '--ignore-other-worktrees', '--recurse-submodules', '--no-recurse-submodules'], valued: 'cC' },
  restore: { long: ['--source', '--patch', '--worktree', '--staged', '--quiet', '--progress', '--no-progress', '--ours', '--theirs', '--merge', '--conflict', '--ignore-unmerged', '--ignore-skip-worktree-bits', '--recurse-submodules', '--no-recurse-submodules', '--overlay', '--no-overlay', '--pathspec-from-file', '--pathspec-file-nul'], valued: 's' },
  branch: { long: ['--delete', '--force', '--move', '--copy', '--list', '--all', '--remotes', '--verbose', '--quiet', '--track', '--no-track', '--set-upstream-to', '--unset-upstream', '--contains', '--no-contains', '--merged', '--no-merged', '--show-current', '--edit-description', '--sort', '--column', '--no-column', '--color', '--no-color', '--ignore-case', '--points-at', '--format', '--abbrev', '--no-abbrev', '--create-reflog', '--recurse-submodules'], valued: 'u' },
  rm: { long: ['--force', '--dry-run', '--cached', '--ignore-unmatch', '--quiet', '--sparse', '--pathspec-from-file', '--pathspec-file-nul'] },
  stash: { long: ['--all', '--include-untracked', '--keep-index', '--no-keep-index', '--patch', '--quiet', '--staged', '--message', '--pathspec-from-file', '--pathspec-file-nul', '--index'], valued: 'm' },
};

export const OPTION_TABLES: Record<string, OptionTable> = Object.assign(Object.create(null) as Record<string, OptionTable>, {
  rm: RM,
  chmod: CHMOD,
  chown: CHMOD,
  chgrp: CHMOD,
  shred: SHRED,
  sed: SED,
  psql: PSQL,
  truncate: TRUNCATE,
});

/** The long option `word` abbreviates, or undefined when it is exact, unknown or ambiguous. */
export function expandLong(word: string, table: OptionTable): string | undefined {
  const eq = word.indexOf('=');
  const key = eq >= 0 ? word.slice(0, eq) : word;
  if (key.length < 3 || table.long.includes(key)) return undefined;
  let hit: string | undefined;
  for (const name of table.long) {
    if (!name.startsWith(key)) continue;
    // Two candidates: the program refuses it (and runs nothing), so there is nothing to rewrite.
    if (hit !== undefined) return undefined;
    hit = name;
  }
  return hit === undefined ? undefined : eq >= 0 ? hit + word.slice(eq) : hit;
}

/** Rewrites `args[from…]` in place to the spelled-out options; returns whether anything changed. */
function canonicalize(args: string[], dyn: boolean[], from: number, table: OptionTable): boolean {
  let changed = false;
  for (let i = from; i < args.length; i++) {
    const a = args[i];
    if (a === '--') break;
    if (dyn[i] || a.length < 2 || a[0] !== '-') continue;
    if (a[1] === '-') {
      const full = expandLong(a, table);
      if (full !== undefined) {
        args[i] = full;
        changed = true;
      }
      continue;
    }
    if (!table.valued) continue;
    // `-bfeature`: the first valued letter takes the rest of the word as its value.
    for (let k = 1; k < a.length; k++) {
      if (!table.valued.includes(a[k])) continue;
      if (k + 1 < a.length) {
        const parts = k > 1 ? [a.slice(0, k), `-${a[k]}`, a.slice(k + 1)] : [`-${a[k]}`, a.slice(k + 1)];
        args.splice(i, 1, ...parts);
        dyn.splice(i, 1, ...parts.map(() => false));
        changed = true;
        i += parts.length - 1;
      } else i++; // the value is the next word: never an option to read
      break;
    }
  }
  return changed;
}

const GIT_VALUED_GLOBALS = new Set(['-C', '-c', '--git-dir', '--work-tree', '--namespace', '--super-prefix', '--exec-path', '--config-env']);

/** Rewrites `cmd`'s options to the forms its program reads. Cheap for every program without a table. */
export function canonicalOptions(cmd: Extracted): void {
  const name = cmd.name;
  if (name === undefined || cmd.args.length === 0) return;
  if (name === 'git') {
    let i = 0;
    while (i < cmd.args.length && cmd.args[i].startsWith('-')) i += GIT_VALUED_GLOBALS.has(cmd.args[i]) ? 2 : 1;
    const sub = cmd.args[i];
    if (sub === undefined) return;
    // git turns `git <cmd> --help …` into `git help <cmd>` before it looks at anything else (git.c).
    if (cmd.args[i + 1] === '--help' && !cmd.argDynamic[i] && !cmd.argDynamic[i + 1]) {
      cmd.args = [...cmd.args.slice(0, i), 'help', sub];
      cmd.argDynamic = [...cmd.argDynamic.slice(0, i), false, false];
      return;
    }
    if (!Object.hasOwn(GIT, sub)) return;
    const args = [...cmd.args];
    const dyn = [...cmd.argDynamic];
    if (canonicalize(args, dyn, i + 1, GIT[sub])) {
      cmd.args = args;
      cmd.argDynamic = dyn;
    }
    return;
  }
  const table = OPTION_TABLES[name];
  if (!table) return;
  const args = [...cmd.args];
  const dyn = [...cmd.argDynamic];
  if (canonicalize(args, dyn, 0, table)) {
    cmd.args = args;
    cmd.argDynamic = dyn;
  }
}
