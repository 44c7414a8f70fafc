// FsFacts.gitRead: what a history reader (`git show REV`, `git log -p -- f`, `git cat-file -p REV:f`, `git blame REV
// -- f`, `git diff A B`, `git stash show -p`) would print, so its output can be checked for credentials the way a
// file's content is. Old blobs live in packed, compressed objects that only git reads well, so git is run, under
// rules that keep a hostile repository from running anything through it:
//   - only these read-only sub-commands, only options from a fixed list, revisions and paths as plain words;
//   - external diff drivers, textconv filters, pagers, signature checks (gpg.program), fsmonitor and hooks are
//     switched off on the command line, and no transport may run (a partial clone's lazy fetch could start ssh);
//   - a clean environment (no GIT_* variables from the agent), a time limit and an output bound.
// Anything it cannot run that way is undefined: unknown, and the name-based rules judge the command as before.
import type * as ChildProcess from 'node:child_process';

// Loaded on first use: the hook is one process per agent call, and most calls never run git (Node's
// child_process pulls in net, dgram and more, a few milliseconds of every start).
let cp: typeof ChildProcess | undefined;
const childProcess = (): typeof ChildProcess => (cp ??= require('node:child_process') as typeof ChildProcess);

const MAX_OUTPUT = 4 * 1024 * 1024;
const TIMEOUT_MS = 4000;

const SUBCOMMANDS = new Set(['show', 'log', 'whatchanged', 'diff', 'cat-file', 'blame', 'stash', 'notes', 'ls-files', 'tag', 'for-each-ref']);
/** Options that only choose what is printed; anything else makes the reader decline. */
const SAFE_OPTION = /^(?:-p|-u|--patch|-U\d*|--unified=\d+|--all|--full-history|--follow|--no-merges|--first-parent|--reverse|--cached|--staged|--stat|--oneline|--root|-s|--no-patch|--name-only|--name-status|-M|-C|-w|--ignore-all-space|-b|-n|-\d+|--max-count=\d+|-n\d+|--since=[\w:. -]+|--until=[\w:. -]+|--author=[^\s]+|-[GS][^\s]*|--pickaxe-all|--format=[^\n]*|--pretty=[^\n]*|-e|-t|-l|--porcelain|--line-porcelain|--include-untracked|-q|--list|-n\d+|--sort=[\w:-]+|--contains=[\w./-]+|--others|--ignored|--exclude-standard|--directory|--no-empty-directory|--(?:show-)?notes(?:=[\w./-]+)?|--ref=[\w./-]+|--)$/;
/** A revision, a `rev:path`, or a path: printable characters, no option, no shell-looking text. */
const SAFE_WORD = /^[^-\s][^\s;|&`$<>]*$/;

export function gitRead(repoDir: string, args: readonly string[]): string | undefined {
  const sub = args[0];
  if (sub === undefined || !SUBCOMMANDS.has(sub) || args.length > 64) return undefined;
  if (sub === 'stash' && args[1] !== 'show' && args[1] !== 'list') return undefined;
  // `git notes [--ref=x] show REV` only
  if (sub === 'notes' && !(args.slice(1).filter((a) => !a.startsWith('-'))[0] === 'show' && args.slice(1).every((a) => !a.startsWith('-') || /^--ref=[\w./-]+$/.test(a)))) return undefined;
  // `git tag` only lists (-l / -n), never creates or deletes; for-each-ref only prints
  if (sub === 'tag' && !args.slice(1).some((a) => a === '-l' || a === '--list' || /^-n\d*$/.test(a) || a.startsWith('--format='))) return undefined;
  if (sub === 'tag' && args.slice(1).some((a) => /^-[a-zA-Z]*[dasfum]|^--(?:delete|annotate|sign|force|message|file)/.test(a))) return undefined;
  const rest = args.slice(sub === 'stash' ? 2 : 1);
  let afterDashes = false;
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    if (afterDashes) {
      if (!SAFE_WORD.test(a) && !/^[^\s;|&`$<>]+$/.test(a)) return undefined;
      continue;
    }
    if (a === '--') {
      afterDashes = true;
      continue;
    }
    if (a.startsWith('-')) {
      if (!SAFE_OPTION.test(a)) return undefined;
      if (a === '-n' || a === '-e' || a === '-t') i += a === '-n' ? 1 : 0;
      continue;
    }
    if (!SAFE_WORD.test(a)) return undefined;
  }
  const hardening = [
    '-c', 'core.pager=cat', '-c', 'core.fsmonitor=false', '-c', 'core.hooksPath=/dev/null', '-c', 'diff.external=',
    '-c', 'log.showSignature=false', '-c', 'gpg.program=false', '-c', 'protocol.allow=never', '-c', 'core.sshCommand=false',
    '-c', 'color.ui=false', '--no-pager',
  ];
  // blame applies textconv filters by default too (a test caught it running one): it gets --no-textconv as well
  const guard = sub === 'show' || sub === 'log' || sub === 'whatchanged' || sub === 'diff' || sub === 'stash' ? ['--no-ext-diff', '--no-textconv', '--no-color'] : sub === 'blame' ? ['--no-textconv'] : [];
  const argv = sub === 'notes' ? [...hardening, ...args] : [...hardening, sub, ...(sub === 'stash' ? [args[1]!] : []), ...guard, ...rest];
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/', LANG: 'C', GIT_TERMINAL_PROMPT: '0', GIT_NO_LAZY_FETCH: '1', GIT_CONFIG_NOSYSTEM: '1' };
  try {
    const r = childProcess().spawnSync('git', argv, { cwd: repoDir, env, encoding: 'utf8', timeout: TIMEOUT_MS, maxBuffer: MAX_OUTPUT, stdio: ['ignore', 'pipe', 'ignore'], windowsHide: true });
    if (r.error !== undefined || r.status !== 0 || typeof r.stdout !== 'string') return undefined;
    return r.stdout;
  } catch {
    return undefined;
  }
}
