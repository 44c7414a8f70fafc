// The programs that run another command: for each, where the wrapped command (or script text) is.
// Data-like table; unwrap.ts applies it recursively. Anything that would run code we cannot see
// (`curl … | sh`, `eval "$X"`, `bash <(…)`) is reported as unknown code instead.
import { skipOptions } from './options';
import { PASS_THROUGH, SUDO_OPTIONS } from './pass_through';
import { quoteWord } from './argv';
import { findMatch, findNamePattern } from './pipes';
import { CODE_WRAPPERS } from './code_wrappers';
import { CONFIG_WRAPPERS } from './config_wrappers';
import { PROCESS_WRAPPERS } from './process_wrappers';
import type { Extracted } from './state';
import { azRemote, RUNNER_WRAPPERS } from './runner_wrappers';
import { flyMachineExec, TOOL_ESCAPES } from './tool_escapes';
import { execFrom, isPureExpansion, rest, SHELLS, stdinCode, type Step, type Wrapper } from './steps';
import { MAX_XARGS_WORDS, XARGS_INPUT, xargsWrapper } from './xargs';
import { table } from '../table';
export type { Step } from './steps';

/** `eval "$(X init …)"` idioms that print shell setup code, not something an agent computed. */
const EVAL_INIT_TOOLS = new Set([
  'ssh-agent', 'pyenv', 'rbenv', 'nodenv', 'direnv', 'brew', 'starship', 'zoxide', 'fnm', 'goenv', 'jenv',
  'conda', 'mise', 'rtx', 'thefuck', 'keychain', 'dircolors', 'register-python-argcomplete', 'opam', 'luarocks',
  'gpg-agent', 'pdm', 'pipenv', 'poetry', 'uv', 'atuin', 'fzf', 'kubectl', 'helm', 'gh',
]);

const STDIN_FILES = new Set(['/dev/stdin', '/dev/fd/0', '/proc/self/fd/0']);

/**
 * `bash -c 'echo $1' _ "$GITHUB_TOKEN"`: the words after the script are $0, $1…; the script is read again with them
 * in place (a computed word keeps its spelling, so `$GITHUB_TOKEN` is what gets echoed). Undefined when it uses none.
 */
function positionalFilled(script: string, words: readonly string[], dyn: readonly boolean[]): string | undefined {
  if (words.length < 1 || !/\$(?:\{?[0-9]|[@*])/.test(script)) return undefined;
  const word = (i: number): string => {
    const w = words[i] ?? '';
    return dyn[i] ? `"${w}"` : `'${w.replace(/'/g, `'\\''`)}'`;
  };
  const all = words.slice(1).map((_, i) => word(i + 1)).join(' ');
  // `sh -c 'rm "$0"' {}`: $0 is the first word after the script, $1 the next
  return script.replace(/"?\$(?:\{([0-9])\}|([0-9])|[@*])"?/g, (_m, a: string | undefined, b: string | undefined) => (a ?? b) !== undefined ? word(Number(a ?? b)) : all);
}

function shellWrapper(name: string): Wrapper {
  return (cmd) => {
    const { index, flags } = skipOptions(cmd.args, { short: 'oO', long: ['--rcfile', '--init-file'] });
    const label = `${name} -c`;
    if (flags.some((f) => f === '-c')) {
      const script = cmd.args[index];
      if (script === undefined) return [{ self: true }];
      if (cmd.argDynamic[index] && isPureExpansion(script)) return [{ unknown: `${name} -c runs a command computed at run time (${script})` }];
      const withArgs = positionalFilled(script, cmd.args.slice(index + 1), cmd.argDynamic.slice(index + 1));
      const steps: Step[] = withArgs === undefined ? [{ script, label }] : [{ script, label }, { script: withArgs, label: `${label} with its arguments` }];
      // `bash -ic cleanup`: an interactive or login shell first reads its rc files, whose aliases and functions the
      // script may call; the shell itself is kept so the effects layer can read them (effects/follow.ts).
      if (flags.some((f) => f === '-i' || f === '-l' || f === '--login')) steps.push({ self: true });
      // `RM='rm -rf' sh -c '$RM data'`, `env X=… bash -c '…$X…'`: the variables the script reads are set for it
      const names = Object.keys(cmd.assignments).filter((k) => /^[A-Za-z_]\w*$/.test(k) && new RegExp(`\\$\\{?${k}\\b`).test(script));
      if (names.length > 0) steps.push({ script: `${names.map((k) => `${k}=${quoteWord(cmd.assignments[k] ?? '')}`).join('; ')}; ${script}`, label: `${label} with the variables set for it` });
      return steps;
    }
    const file = cmd.args[index];
    // `bash -s -- data <<'EOF' … EOF`: -s reads the script on stdin and the words are its $1, $2, …
    if (flags.includes('-s')) {
      // positionalFilled counts from $0: a placeholder takes that place, as `bash -c script _ args…` has it
      return stdinCode(cmd, name, (code) => {
        const filled = positionalFilled(code, [name, ...cmd.args.slice(index)], [false, ...cmd.argDynamic.slice(index)]);
        return filled === undefined ? [{ script: code, label: `${name} -s (stdin)` }] : [{ script: code, label: `${name} -s (stdin)` }, { script: filled, label: `${name} -s (stdin) with its arguments` }];
      });
    }
    // `sh /dev/stdin <<< '…'` (or /dev/fd/0, /proc/self/fd/0) reads its script from stdin, as plain `sh` does.
    if (file !== undefined && file !== '-' && !STDIN_FILES.has(file)) {
      if (cmd.argDynamic[index] && isPureExpansion(file)) return [{ unknown: `${name} runs a script produced at run time (${file})` }];
      return [{ self: true }];
    }
    return stdinCode(cmd, name, (s) => [{ script: s, label: `${name} (stdin)` }]);
  };
}

const evalWrapper: Wrapper = (cmd) => {
  if (cmd.args.length === 0) return [{ self: true }];
  const script = cmd.args.join(' ');
  if (cmd.argDynamic.some(Boolean) && isPureExpansion(script)) {
    const m = /^\$\(\s*([A-Za-z0-9_.\/-]+)/.exec(script.trim());
    const tool = m ? m[1].split('/').pop()! : '';
    if (EVAL_INIT_TOOLS.has(tool)) return [{ self: true }];
    return [{ unknown: `eval runs a command computed at run time (${script})` }];
  }
  return [{ script, label: 'eval' }];
};

function assignmentsFrom(args: string[], start: number): { index: number; assignments: Record<string, string> } {
  const assignments: Record<string, string> = {};
  let i = start;
  while (i < args.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(args[i])) {
    const eq = args[i].indexOf('=');
    assignments[args[i].slice(0, eq)] = args[i].slice(eq + 1);
    i++;
  }
  return { index: i, assignments };
}

const envWrapper: Wrapper = (cmd) => {
  // A lone `-` is `-i` (empty environment); BSD's `-P path` names where to look for the program.
  const args = cmd.args.filter((a, k) => !(a === '-' && cmd.args.slice(0, k).every((x) => x.startsWith('-'))));
  if (args.length !== cmd.args.length) return envWrapper({ ...cmd, args, argDynamic: cmd.argDynamic.filter((_, k) => !(cmd.args[k] === '-' && cmd.args.slice(0, k).every((x) => x.startsWith('-')))) });
  const { index, values } = skipOptions(cmd.args, { short: 'uCSP', long: ['--unset', '--chdir', '--split-string'] });
  const split = values['-S'] ?? values['--split-string'];
  const dir = values['-C'] ?? values['--chdir'];
  // `env -S '-C DIR git reset --hard'`: the split words are env's own arguments again (options, VAR=, then the
  // command), so they go back through env, keeping a -C given before -S.
  if (split !== undefined) {
    const before = dir !== undefined ? `-C ${shellQuote(dir)} ` : '';
    return [{ script: ['env', `${before}${split}`, ...cmd.args.slice(index)].join(' '), label: 'env -S' }];
  }
  const { index: start, assignments } = assignmentsFrom(cmd.args, index);
  return [...inDirectory(cmd, dir, index, start, 'env -C'), ...execFrom(cmd, start, 'env', assignments)];
};

/**
 * `env -C DIR cmd`, `sudo -D DIR cmd`: the command runs in DIR. A `cd DIR` step before it lets the judge place
 * relative paths there (as it does after a real `cd`). DIR computed at run time gives a `cd` the judge cannot follow.
 */
function inDirectory(cmd: Extracted, dir: string | undefined, optionsEnd: number, start: number, label: string): Step[] {
  if (dir === undefined || dir === '' || start >= cmd.args.length) return [];
  const dyn = cmd.argDynamic.slice(0, optionsEnd).some(Boolean);
  return [{ exec: { args: ['cd', dir], dyn: [false, dyn] }, label }];
}

const sudoWrapper: Wrapper = (cmd) => {
  const { index, flags, values } = skipOptions(cmd.args, SUDO_OPTIONS);
  if (flags.includes('-e') || flags.includes('--edit')) return [{ self: true }];
  const { index: start, assignments } = assignmentsFrom(cmd.args, index);
  return [...inDirectory(cmd, values['-D'] ?? values['--chdir'], index, start, `${cmd.name ?? 'sudo'} -D`), ...execFrom(cmd, start, cmd.name ?? 'sudo', assignments)];
};

function simpleWrapper(short: string, long: string[] = [], operands = 0): Wrapper {
  return (cmd) => {
    const { index } = skipOptions(cmd.args, { short, long });
    return execFrom(cmd, index + operands, cmd.name ?? 'wrapper');
  };
}

const timeWrapper: Wrapper = (cmd) => {
  const { index } = skipOptions(cmd.args, { short: 'fo', long: ['--format', '--output'] });
  return execFrom(cmd, index, 'time');
};

const niceWrapper: Wrapper = (cmd) => {
  // `nice -10 cmd` is an old spelling of `-n 10`.
  let i = 0;
  if (/^-\d+$/.test(cmd.args[0] ?? '')) i = 1;
  const { index } = skipOptions(cmd.args.slice(i), { short: 'n', long: ['--adjustment'] });
  return execFrom(cmd, i + index, 'nice');
};

const commandWrapper: Wrapper = (cmd) => {
  const { index, flags } = skipOptions(cmd.args, {});
  if (flags.includes('-v') || flags.includes('-V')) {
    // `command -v git` only says what `git` is. With more operands (`command -v git reset --hard`) they spell a
    // command that dropping the -v, another shell or a retry runs: judged in doubt.
    if (cmd.args.length - index < 2) return [{ self: true }];
    return [{ self: true }, { exec: rest(cmd, index), label: 'command -v', doubt: '`command -v` only describes its operands, but they spell a command that runs without the -v' }];
  }
  return execFrom(cmd, index, cmd.name ?? 'command');
};

const watchWrapper: Wrapper = (cmd) => {
  const { index, flags } = skipOptions(cmd.args, { short: 'nq', long: ['--interval', '--differences', '--equexit'] });
  if (index >= cmd.args.length) return [{ self: true }];
  if (flags.includes('-x') || flags.includes('--exec')) return execFrom(cmd, index, 'watch');
  return [{ script: cmd.args.slice(index).join(' '), label: 'watch' }];
};

const shellQuote = (w: string): string => `'${w.replace(/'/g, `'\\''`)}'`;
const parallelWrapper: Wrapper = (cmd) => {
  const { index, flags } = skipOptions(cmd.args, { short: 'jSIdaC', long: ['--jobs', '--sshlogin', '--delimiter', '--arg-file', '--colsep', '--joblog', '--results', '--timeout', '--delay'] });
  // `parallel --dry-run rm -rf ::: a b`: prints the commands it would run
  if (flags.includes('--dry-run') || flags.includes('--dryrun')) return [{ self: true }];
  const sep = cmd.args.findIndex((a, k) => k >= index && /^:::+\+?$/.test(a));
  const end = sep >= 0 ? sep : cmd.args.length;
  const inputs = sep >= 0 ? cmd.args.slice(sep + 1).filter((a) => !/^:::+\+?$/.test(a)) : [XARGS_INPUT];
  // No command: each input is a command line of its own.
  if (end <= index) return sep >= 0 ? inputs.slice(0, MAX_XARGS_WORDS).map((i) => ({ script: i, label: 'parallel' })) : [{ self: true }];
  // parallel joins a command given as several words with spaces and hands it to a shell; it quotes inputs.
  // Judge the words as joined, and each word as one argument, since either reading may be meant.
  const words = cmd.args.slice(index, end);
  const quote = (w: string): string => (w === XARGS_INPUT ? w : shellQuote(w));
  const fill = (template: string, input: string): string => (template.includes('{}') ? template.split('{}').join(quote(input)) : `${template} ${quote(input)}`);
  const joined = words.join(' ');
  const each = words.map((w) => (w.includes('{}') ? w.split('{}').map(shellQuote).join('{}') : shellQuote(w))).join(' ');
  // One job per input, as parallel runs them.
  const steps: Step[] = [];
  for (const input of inputs.slice(0, MAX_XARGS_WORDS)) {
    steps.push({ script: fill(joined, input), label: 'parallel' });
    if (words.length > 1) steps.push({ script: fill(each, input), label: 'parallel' });
  }
  return steps;
};

/** find primaries that take the next word as their value. */
const FIND_VALUED = new Set([
  '-name', '-iname', '-path', '-ipath', '-wholename', '-iwholename', '-regex', '-iregex', '-lname', '-ilname', '-type', '-xtype',
  '-user', '-group', '-uid', '-gid', '-perm', '-size', '-mtime', '-mmin', '-atime', '-amin', '-ctime', '-cmin', '-newer', '-anewer',
  '-cnewer', '-samefile', '-inum', '-links', '-maxdepth', '-mindepth', '-fstype', '-printf', '-fprint', '-fprint0', '-fprintf',
  '-fls', '-regextype', '-used', '-context', '-files0-from',
]);

/** `find … -exec cmd {} ;`, `-execdir`, `-ok`, and `-delete` (an rm of everything matched). */
const findWrapper: Wrapper = (cmd) => {
  const steps: Step[] = [{ self: true }];
  const starts: string[] = [];
  let k = 0;
  while (k < cmd.args.length && !/^[-(!]/.test(cmd.args[k])) starts.push(cmd.args[k++]);
  if (starts.length === 0) starts.push('.');
  let namePattern: string | undefined;
  for (let i = k; i < cmd.args.length; i++) {
    const a = cmd.args[i];
    if (a === '-name' || a === '-iname' || a === '-path') namePattern = findNamePattern(cmd.args, k, i + 1);
    // `find . -name -delete -print`: a primary's value is data, never an action.
    if (FIND_VALUED.has(a)) {
      i++;
      continue;
    }
    if (a === '-exec' || a === '-execdir' || a === '-ok' || a === '-okdir') {
      const args: string[] = [];
      const dyn: boolean[] = [];
      let j = i + 1;
      for (; j < cmd.args.length && cmd.args[j] !== ';' && cmd.args[j] !== '+'; j++) {
        const isMatch = cmd.args[j].includes('{}');
        args.push(isMatch ? cmd.args[j].split('{}').join(matchedPath(starts[0], namePattern)) : cmd.args[j]);
        dyn.push(cmd.argDynamic[j] || isMatch);
      }
      if (args.length > 0) steps.push({ exec: { args, dyn }, label: `find ${a}` });
      // With no test before it, the first thing find hands to `{}` is the start folder itself (`find /tmp -exec …`
      // runs on /tmp too), so the command is judged on each start as well as on what lies under it.
      if (args.length > 0 && !testedBefore(cmd.args.slice(k, i))) {
        for (const start of starts) {
          steps.push({ exec: { args: substituteMatch(cmd.args, i + 1, j, start), dyn: cmd.argDynamic.slice(i + 1, j) }, label: `find ${a}` });
        }
      }
      i = j;
    } else if (a === '-delete') {
      for (const start of starts) {
        steps.push({ exec: { args: ['rm', '-r', matchedPath(start, namePattern)], dyn: [false, false, false] }, label: 'find -delete' });
      }
    }
  }
  return steps;
};

/** find words that neither test nor act: they never keep the start folder out of `{}`. */
const FIND_NEUTRAL = new Set(['-depth', '-d', '-xdev', '-mount', '-follow', '-L', '-H', '-P', '-ignore_readdir_race', '-noleaf', '-print', '-print0', '-maxdepth']);

function testedBefore(words: readonly string[]): boolean {
  for (let i = 0; i < words.length; i++) {
    if (words[i] === '-maxdepth') {
      i++;
      continue;
    }
    if (!FIND_NEUTRAL.has(words[i])) return true;
  }
  return false;
}

function substituteMatch(args: readonly string[], from: number, to: number, start: string): string[] {
  return args.slice(from, to).map((w) => (w.includes('{}') ? w.split('{}').join(start) : w));
}

/** What `{}` / -delete stands for: every match under the start directory, written as a glob. */
const matchedPath = findMatch;

/** fd options that take a value; every other `-x` word is a flag. */
const FD_VALUED = new Set([
  '-e', '--extension', '-t', '--type', '-E', '--exclude', '-d', '--max-depth', '--min-depth', '--exact-depth', '-S', '--size',
  '--changed-within', '--changed-before', '--change-newer-than', '--change-older-than', '--newer', '--older', '-o', '--owner',
  '--base-directory', '--path-separator', '-j', '--threads', '--max-results', '-c', '--color', '--ignore-file', '--search-path',
  '--format', '--and', '--batch-size', '--max-buffer-time', '--strip-cwd-prefix', '--hyperlink',
]);
const FD_PLACEHOLDER = /\{(?:\/\/|\/\.|\/|\.)?\}/g;

/**
 * `fd [opts] [pattern] [path…] -x|--exec CMD…` runs CMD on each match, `-X|--exec-batch CMD…` once on all of them
 * (`{}`, `{/}`, `{.}`… stand for a match; without one the matches are appended). Matches are everything under
 * each search path (the pattern is a regex on names, so only `-e EXT` and `-g GLOB` narrow it here).
 */
const fdWrapper: Wrapper = (cmd) => {
  const a = cmd.args;
  const positional: string[] = [];
  const paths: string[] = [];
  const exts: string[] = [];
  let glob = false;
  let hidden = false;
  let i = 0;
  for (; i < a.length; i++) {
    const w = a[i];
    if (w === '-x' || w === '--exec' || w === '-X' || w === '--exec-batch') break;
    if (w === '--') {
      positional.push(...a.slice(i + 1).filter((x) => !['-x', '--exec', '-X', '--exec-batch'].includes(x)));
      const stop = a.findIndex((x, k) => k > i && ['-x', '--exec', '-X', '--exec-batch'].includes(x));
      i = stop < 0 ? a.length : stop;
      break;
    }
    if (w.startsWith('-') && w !== '-') {
      const eq = w.indexOf('=');
      const key = eq > 0 ? w.slice(0, eq) : w;
      if (key === '-g' || key === '--glob' || (/^-[A-Za-z]+$/.test(w) && w.includes('g'))) glob = true;
      if (key === '--hidden' || key === '--unrestricted' || (/^-[A-Za-z]+$/.test(w) && /[Hu]/.test(w))) hidden = true;
      if (FD_VALUED.has(key) && eq < 0) {
        const v = a[++i] ?? '';
        if (key === '-e' || key === '--extension') exts.push(v.replace(/^\./, ''));
        if (key === '--search-path') paths.push(v);
      } else if (eq > 0 && (key === '--extension' || key === '--search-path')) (key === '--search-path' ? paths : exts).push(w.slice(eq + 1).replace(/^\./, ''));
      else if (/^-[A-Za-z]*e$/.test(w) && !w.startsWith('--')) exts.push((a[++i] ?? '').replace(/^\./, ''));
      continue;
    }
    positional.push(w);
  }
  if (i >= a.length) return [{ self: true }];
  const [pattern, ...rest] = positional;
  paths.push(...rest);
  if (paths.length === 0) paths.push('.');
  const names = exts.length > 0 ? exts.map((e) => `*.${e}`) : glob && pattern !== undefined && !pattern.includes('/') ? [pattern] : [undefined];
  const steps: Step[] = [{ self: true }];
  // Several -x/-X may not be given, but each one takes every word up to `;` (or the end).
  const batch = a[i] === '-X' || a[i] === '--exec-batch';
  let j = i + 1;
  const words: string[] = [];
  const dyn: boolean[] = [];
  for (; j < a.length && a[j] !== ';'; j++) {
    words.push(a[j]);
    dyn.push(cmd.argDynamic[j]);
  }
  if (words.length === 0) return steps;
  for (const path of paths.slice(0, 8)) {
    for (const name of names) {
      const match = findMatch(path, name);
      const placed = words.some((w) => FD_PLACEHOLDER.test(w));
      FD_PLACEHOLDER.lastIndex = 0;
      const args = placed ? words.map((w) => w.replace(FD_PLACEHOLDER, match)) : [...words, match];
      const argsDyn = placed ? words.map((w, k) => dyn[k] || w.includes('{')) : [...dyn, true];
      steps.push({ exec: { args, dyn: argsDyn }, label: `${batch ? 'fd --exec-batch' : 'fd --exec'}${hidden ? '' : ' (visible files)'}` });
    }
  }
  return steps;
};

const npxWrapper: Wrapper = (cmd) => {
  const { index, values } = skipOptions(cmd.args, { short: 'pc', long: ['--package', '--call', '--node-options'] });
  // `npx -c 'cmd'` / `npm exec --call 'cmd'` run the string through a shell.
  const call = values['-c'] ?? values['--call'];
  if (call !== undefined) return [{ script: call, label: `${cmd.name} -c` }];
  return execFrom(cmd, index, cmd.name ?? 'npx');
};

/** `npm exec -- x`, `pnpm dlx x`, `yarn dlx x`, `bun x x`. */
function subcommandRunner(subs: string[]): Wrapper {
  return (cmd) => {
    if (!subs.includes(cmd.args[0] ?? '')) return [{ self: true }];
    const { index, values } = skipOptions(cmd.args.slice(1), { short: 'pc', long: ['--package', '--call'] });
    const call = values['-c'] ?? values['--call'];
    if (call !== undefined) return [{ script: call, label: `${cmd.name} ${cmd.args[0]} -c` }];
    return execFrom(cmd, 1 + index, `${cmd.name} ${cmd.args[0]}`);
  };
}

const sshWrapper: Wrapper = (cmd) => {
  // `-o ProxyCommand=…` / `-o LocalCommand=…` (with PermitLocalCommand) run a local shell command before or after
  // connecting, whatever the host: judged as a script here, not on the remote side.
  const local: Step[] = [];
  for (let k = 0; k < cmd.args.length; k++) {
    const a = cmd.args[k]!;
    const opt = a === '-o' ? cmd.args[k + 1] : a.startsWith('-o') ? a.slice(2) : undefined;
    const m = opt !== undefined ? /^\s*(ProxyCommand|LocalCommand|KnownHostsCommand)\s*[= ]\s*([\s\S]+)$/i.exec(opt) : null;
    if (m && !/^none$/i.test(m[2]!.trim())) local.push({ script: m[2]!, label: `ssh ${m[1]}` });
  }
  const { index } = skipOptions(cmd.args, { short: 'bcDEeFIiJLlmOopQRSWw', long: [] });
  const host = cmd.args[index];
  // `ssh host -- cmd`: the `--` ends ssh's options and is not sent
  const from = cmd.args[index + 1] === '--' ? index + 2 : index + 1;
  const words = cmd.args.slice(from);
  // No remote command, or a shell reading its script from stdin (`bash -s`, `sh`): a known stdin is the script
  const readsScript = words.length === 0 || /^(?:(?:\/\S*\/)?(?:ba|z|da|k)?sh)(?:\s+-[a-z]*s[a-z]*)?(?:\s+-)?$/.test(words.join(' '));
  if (host === undefined || (words.length === 0 && cmd.stdin === undefined)) return [{ self: true }, ...local];
  const remote = words.length > 0 && !(readsScript && cmd.stdin !== undefined) ? words.join(' ') : (cmd.stdin ?? '');
  return [{ self: true }, ...local, { script: remote, label: `ssh ${host}` }];
};

/** The value of `--name VALUE` / `--name=VALUE` / `-x VALUE` among `args`, if given. */
function optionValue(args: readonly string[], names: readonly string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') break;
    if (names.includes(a)) return args[i + 1];
    const eq = names.find((n) => n.startsWith('--') && a.startsWith(`${n}=`));
    if (eq) return a.slice(eq.length + 1);
  }
  return undefined;
}

/**
 * Cloud CLIs' ssh: `gcloud compute ssh VM --command 'cmd'` (or `-- cmd`), `fly ssh console -C 'cmd'`,
 * `az ssh vm … -- cmd`. The command runs on that machine and is judged as ssh's is.
 */
const cloudSshWrapper: Wrapper = (cmd) => {
  const a = cmd.args;
  const name = cmd.name ?? '';
  let sub: string | undefined;
  if (name === 'gcloud' && a.includes('compute') && a.includes('ssh')) sub = 'gcloud compute ssh';
  else if ((name === 'fly' || name === 'flyctl') && a[0] === 'ssh' && a[1] === 'console') sub = `${name} ssh console`;
  else if (name === 'az' && a[0] === 'ssh' && (a[1] === 'vm' || a[1] === 'arc')) sub = `az ssh ${a[1]}`;
  if (sub === undefined) return [{ self: true }];
  const given = optionValue(a, name === 'gcloud' ? ['--command'] : name === 'az' ? [] : ['-C', '--command']);
  const dash = a.indexOf('--');
  const remote = given ?? (dash >= 0 && dash + 1 < a.length ? a.slice(dash + 1).join(' ') : undefined);
  if (remote === undefined) return [{ self: true }];
  return [{ self: true }, { script: remote, label: `ssh ${sub}` }];
};

/** `docker exec [opts] ctr cmd…`, `docker compose exec svc cmd…`, `kubectl exec pod -- cmd…`. */
const dockerWrapper: Wrapper = (cmd) => {
  let i = 0;
  if (cmd.args[0] === 'compose' || cmd.args[0] === 'container') i = 1;
  if (cmd.args[i] !== 'exec' && cmd.args[i] !== 'run') return [{ self: true }];
  const sub = cmd.args[i];
  const { index, values } = skipOptions(cmd.args.slice(i + 1), {
    short: 'euwpvlm',
    long: ['--env', '--user', '--workdir', '--env-file', '--detach-keys', '--name', '--network', '--volume', '--publish', '--entrypoint', '--mount', '--label', '--platform', '--index'],
  });
  const start = i + 1 + index + 1; // skip the container/image/service operand
  // `docker run --entrypoint sh img -c '…'`, `docker run amazon/aws-cli s3 rb …`: the words go to that program
  const entry = sub === 'run' && cmd.args[0] !== 'compose' ? values['--entrypoint'] ?? imageEntrypoint(cmd.args[start - 1]) : undefined;
  if (entry !== undefined && entry.length > 0) {
    const { args, dyn } = rest(cmd, start);
    return [{ self: true }, { exec: { args: [entry, ...args], dyn: [false, ...dyn] }, label: `${cmd.name} ${sub} ${cmd.args[start - 1] ?? ''}`.trim() }];
  }
  if (start >= cmd.args.length) return [{ self: true }];
  return [{ self: true }, ...execFrom(cmd, start, `${cmd.name} ${sub}`)];
};

/** Official images whose entrypoint is a CLI, so `docker run IMAGE words…` runs `CLI words…`. */
const IMAGE_ENTRYPOINTS = table<string>({
  'amazon/aws-cli': 'aws',
  'public.ecr.aws/aws-cli/aws-cli': 'aws',
  'hashicorp/terraform': 'terraform',
  'ghcr.io/opentofu/opentofu': 'tofu',
  'bitnami/kubectl': 'kubectl',
  'rancher/kubectl': 'kubectl',
  'alpine/helm': 'helm',
  'curlimages/curl': 'curl',
  'alpine/git': 'git',
  'minio/mc': 'mc',
  'rclone/rclone': 'rclone',
  'flyio/flyctl': 'flyctl',
  'mikefarah/yq': 'yq',
});

function imageEntrypoint(image: string | undefined): string | undefined {
  if (image === undefined) return undefined;
  const ref = image
    .toLowerCase()
    .replace(/@sha256:[0-9a-f]+$/, '')
    .replace(/:[^/:]*$/, '')
    .replace(/^(?:docker\.io\/|index\.docker\.io\/)/, '');
  return IMAGE_ENTRYPOINTS[ref];
}

/** kubectl's global options that take a value, so `kubectl -n prod exec …` still finds its sub-command. */
const KUBECTL_GLOBAL_VALUED = new Set(['-n', '--namespace', '--context', '--cluster', '--kubeconfig', '--user', '-s', '--server', '--token', '--as', '--as-group', '--request-timeout', '-v']);

function kubectlSubcommand(args: readonly string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') return undefined;
    if (!a.startsWith('-')) return a;
    if (!a.includes('=') && KUBECTL_GLOBAL_VALUED.has(a)) i++;
  }
  return undefined;
}

const kubectlWrapper: Wrapper = (cmd) => {
  // `kubectl exec POD -- CMD`, and `kubectl run NAME --image=… -- CMD` (a new pod that runs CMD).
  const sub = kubectlSubcommand(cmd.args);
  if (sub !== 'exec' && sub !== 'run' && sub !== 'debug') return [{ self: true }];
  const dd = cmd.args.indexOf('--');
  if (dd < 0) return [{ self: true }];
  return [{ self: true }, ...execFrom(cmd, dd + 1, `kubectl ${sub}`)];
};

/** `source <(curl …)` / `. <(…)` run code fetched at run time. */
const sourceWrapper: Wrapper = (cmd) => {
  const file = cmd.args[0];
  if (file !== undefined && cmd.argDynamic[0] && isPureExpansion(file)) return [{ unknown: `${cmd.name} runs code produced at run time (${file})` }];
  if (file !== undefined && (STDIN_FILES.has(file) || file === '-')) return stdinCode(cmd, cmd.name ?? 'source', (s) => [{ script: s, label: `${cmd.name} (stdin)` }]);
  return [{ self: true }];
};

const flockWrapper: Wrapper = (cmd) => {
  const { index, values } = skipOptions(cmd.args, { short: 'wEc', long: ['--timeout', '--conflict-exit-code', '--command'] });
  const c = values['-c'] ?? values['--command'];
  if (c !== undefined) return [{ script: c, label: 'flock -c' }];
  // `flock /tmp/x.lock -c CMD`: -c may also follow the lock file
  const after = cmd.args[index + 1];
  if ((after === '-c' || after === '--command') && cmd.args[index + 2] !== undefined) return [{ script: cmd.args[index + 2]!, label: 'flock -c' }];
  return execFrom(cmd, index + 1, 'flock');
};

/** `curl … | python`: an interpreter reading its program from a pipe runs code Airlock cannot see. */
const CODE_FLAGS = new Set(['-c', '-e', '-E', '-m', '-p', '-r', '--eval', '--print', '--run']);
const interpreterWrapper: Wrapper = (cmd) => {
  const readsStdin = cmd.args.every((a) => a === '-' || (a.startsWith('-') && !CODE_FLAGS.has(a)));
  if (!readsStdin || cmd.stdin !== undefined || !cmd.pipedIn) return [{ self: true }];
  return [{ self: true }, { unknown: `${cmd.name} runs whatever ${cmd.pipeSource ?? 'the previous command'} outputs, which Airlock cannot see` }];
};
const INTERPRETERS = ['python', 'python2', 'python3', 'node', 'nodejs', 'perl', 'ruby', 'php', 'lua', 'Rscript', 'pwsh', 'powershell', 'osascript', 'tclsh'];

export const WRAPPERS: Record<string, Wrapper> = {
  ...RUNNER_WRAPPERS,
  ...TOOL_ESCAPES,
  ...PROCESS_WRAPPERS,
  ...CONFIG_WRAPPERS,
  ...Object.fromEntries(INTERPRETERS.map((s) => [s, interpreterWrapper])),
  ...CODE_WRAPPERS,
  ...Object.fromEntries(SHELLS.map((s) => [s, shellWrapper(s)])),
  eval: evalWrapper,
  env: envWrapper,
  sudo: sudoWrapper,
  doas: sudoWrapper,
  run0: sudoWrapper,
  ...Object.fromEntries(Object.entries(PASS_THROUGH).map(([name, s]) => [name, simpleWrapper(s.short, s.long, s.operands)])),
  time: timeWrapper,
  nice: niceWrapper,
  command: commandWrapper,
  coproc: simpleWrapper(''),
  busybox: simpleWrapper(''),
  watch: watchWrapper,
  xargs: xargsWrapper,
  parallel: parallelWrapper,
  find: findWrapper,
  fd: fdWrapper,
  fdfind: fdWrapper,
  npx: npxWrapper,
  bunx: npxWrapper,
  pnpx: npxWrapper,
  npm: subcommandRunner(['exec', 'x']),
  pnpm: subcommandRunner(['dlx', 'exec']),
  yarn: subcommandRunner(['dlx', 'exec']),
  bun: subcommandRunner(['x']),
  ssh: sshWrapper,
  gcloud: cloudSshWrapper,
  fly: (cmd) => flyMachineExec(cmd) ?? cloudSshWrapper(cmd),
  flyctl: (cmd) => flyMachineExec(cmd) ?? cloudSshWrapper(cmd),
  // `az ssh vm … -- cmd` reaches a host; `az vm run-command invoke --scripts …` runs scripts on it
  az: (cmd) => (cmd.args[0] === 'ssh' ? cloudSshWrapper(cmd) : azRemote(cmd)),
  docker: dockerWrapper,
  podman: dockerWrapper,
  kubectl: kubectlWrapper,
  source: sourceWrapper,
  '.': sourceWrapper,
  flock: flockWrapper,
};

export const WRAPPER_NAMES: readonly string[] = Object.keys(WRAPPERS);
export { XARGS_INPUT };
