// Programs that run commands taken from their configuration or their own arguments: git (aliases and the
// config keys and variables that name a program), awk's system(), vim's `:!`, make reading a makefile from
// stdin, shx. What they would run is judged now, as if written out.
import { skipOptions } from './options';
import { quoteWord } from './argv';
import { execFrom, SHELLS, stdinCode, type Step, type Wrapper } from './steps';
import { decodeAnsiC } from './words';
import { printfOutput } from './pipes';

/** Past this many scripts from one command's config, stop collecting and ask instead. */
const MAX_CONFIG_SCRIPTS = 64;

/** git config keys whose value is a command git runs (through the shell when it has spaces). */
const GIT_COMMAND_KEYS = [
  /^core\.sshcommand$/, /^core\.pager$/, /^pager\.[^.]+$/, /^core\.editor$/, /^sequence\.editor$/, /^core\.askpass$/, /^core\.gitproxy$/,
  /^diff\.external$/, /^diff\.[^.]+\.(?:textconv|command)$/, /^difftool\.[^.]+\.cmd$/, /^mergetool\.[^.]+\.cmd$/, /^merge\.[^.]+\.driver$/,
  /^filter\.[^.]+\.(?:clean|smudge|process)$/, /^gpg\.(?:[^.]+\.)?program$/, /^credential\.(?:[^.]+\.)?helper$/, /^uploadpack\.packobjectshook$/,
  /^remote\.[^.]+\.(?:uploadpack|receivepack)$/, /^core\.fsmonitor$/, /^ssh\.command$/, /^web\.browser$/, /^browser\.[^.]+\.cmd$/,
];
/** Environment variables git reads a command from. */
const GIT_COMMAND_VARS = ['GIT_EXTERNAL_DIFF', 'GIT_EDITOR', 'GIT_SEQUENCE_EDITOR', 'GIT_SSH_COMMAND', 'GIT_SSH', 'GIT_PAGER', 'GIT_ASKPASS', 'GIT_PROXY_COMMAND', 'PAGER', 'EDITOR', 'VISUAL', 'SSH_ASKPASS'];
const BOOLEAN = /^(?:true|false|yes|no|on|off|1|0|)$/i;

function isCommandKey(key: string): boolean {
  const k = key.toLowerCase();
  return GIT_COMMAND_KEYS.some((re) => re.test(k));
}

/** A config value as code: `!cmd` aliases and command keys go to the shell; credential helpers without `!` name a git-credential-X program. */
function configValueSteps(key: string, value: string, rest: string[], label: string): Step[] {
  const k = key.toLowerCase();
  if (k.startsWith('alias.')) {
    if (value.startsWith('!')) return [{ script: [value.slice(1), ...rest].join(' '), label }];
    const words = value.trim().split(/\s+/).filter(Boolean);
    return words.length === 0 ? [] : [{ exec: { args: ['git', ...words, ...rest], dyn: [false, ...words.map(() => false), ...rest.map(() => false)] }, label }];
  }
  if (k === 'core.hookspath') {
    if (value === '/dev/null' || value === '') return [];
    return [{ unknown: `git runs hooks from ${value}, whose content Airlock does not see here` }];
  }
  if (!isCommandKey(k) || BOOLEAN.test(value.trim())) return [];
  if (/^credential\./.test(k) && !value.startsWith('!')) return [];
  return [{ script: value.startsWith('!') ? value.slice(1) : value, label }];
}

const GIT_VALUED_GLOBALS = new Set(['-C', '-c', '--git-dir', '--work-tree', '--namespace', '--super-prefix', '--exec-path', '--config-env']);

const git: Wrapper = (cmd) => {
  const steps: Step[] = [{ self: true }];
  const aliases = new Map<string, string>();
  let i = 0;
  while (i < cmd.args.length && cmd.args[i].startsWith('-')) {
    const a = cmd.args[i];
    const value = a === '-c' ? cmd.args[i + 1] : a.startsWith('-c') && a.length > 2 && a[2] !== '-' ? a.slice(2) : undefined;
    if (value !== undefined) {
      const eq = value.indexOf('=');
      const key = eq >= 0 ? value.slice(0, eq) : value;
      const v = eq >= 0 ? value.slice(eq + 1) : 'true';
      if (key.toLowerCase().startsWith('alias.')) aliases.set(key.slice(6).toLowerCase(), v);
      else steps.push(...configValueSteps(key, v, [], `git -c ${key}`));
    } else if (a === '--config-env' || a.startsWith('--config-env=')) {
      steps.push({ unknown: 'git --config-env takes a config value from the environment, which Airlock cannot see' });
    }
    i += GIT_VALUED_GLOBALS.has(a) ? 2 : 1;
  }
  for (const name of GIT_COMMAND_VARS) {
    const v = cmd.assignments[name];
    if (v !== undefined && v.trim() !== '') steps.push({ script: v, label: name });
  }
  const sub = cmd.args[i];
  if (sub !== undefined) {
    const alias = aliases.get(sub.toLowerCase());
    if (alias !== undefined) steps.push(...configValueSteps(`alias.${sub}`, alias, cmd.args.slice(i + 1), `git alias ${sub}`));
    if (sub === 'config') steps.push(...gitConfigWrite(cmd.args.slice(i + 1)));
    if (sub === 'submodule') steps.push(...submoduleForeach(cmd.args.slice(i + 1)));
    if (sub === 'rebase') steps.push(...rebaseExec(cmd.args.slice(i + 1)));
    // `git bisect run CMD ARGS…`: git runs CMD at every step
    if (sub === 'bisect' && cmd.args[i + 1] === 'run' && cmd.args.length > i + 2) steps.push({ exec: { args: cmd.args.slice(i + 2), dyn: cmd.argDynamic.slice(i + 2) }, label: 'git bisect run' });
  }
  return steps.slice(0, MAX_CONFIG_SCRIPTS);
};

/** `git submodule [--quiet] foreach [--recursive] CMD…`: git runs CMD through the shell in every submodule. */
function submoduleForeach(args: string[]): Step[] {
  let k = 0;
  while (k < args.length && args[k].startsWith('-')) k++;
  if (args[k] !== 'foreach') return [];
  k++;
  while (k < args.length && /^--(?:recursive|quiet)$|^-q$/.test(args[k])) k++;
  const script = args.slice(k).join(' ');
  return script.trim() === '' ? [] : [{ script, label: 'git submodule foreach' }];
}

/** `git rebase --exec CMD` / `-x CMD`: the shell runs CMD after every commit it replays. */
function rebaseExec(args: string[]): Step[] {
  const out: Step[] = [];
  for (let k = 0; k < args.length; k++) {
    const a = args[k];
    const v = a === '--exec' || a === '-x' ? args[++k] : a.startsWith('--exec=') ? a.slice(7) : /^-x./.test(a) ? a.slice(2) : undefined;
    if (v !== undefined && v.trim() !== '') out.push({ script: v, label: 'git rebase --exec' });
  }
  return out;
}

const GIT_CONFIG_VALUED = new Set(['--file', '-f', '--blob', '--type', '--default', '--comment', '--value']);

/** `git config [--global] alias.x '!…'`, `git config set alias.x …`, `git config --add core.pager …`. */
function gitConfigWrite(args: string[]): Step[] {
  const ops: string[] = [];
  let readOnly = false;
  for (let k = 0; k < args.length; k++) {
    const a = args[k];
    if (a.startsWith('-')) {
      if (/^--(?:get|list|get-all|get-regexp|get-urlmatch|unset|unset-all|remove-section|rename-section|edit)/.test(a) || a === '-l' || a === '-e') readOnly = true;
      if (GIT_CONFIG_VALUED.has(a)) k++;
      continue;
    }
    ops.push(a);
  }
  if (readOnly) return [];
  if (ops[0] === 'set') ops.shift();
  else if (ops[0] === 'get' || ops[0] === 'list' || ops[0] === 'unset' || ops[0] === 'edit' || ops[0] === 'rename-section' || ops[0] === 'remove-section') return [];
  const [key, value] = ops;
  // Pointing hooks at a directory (husky's `.husky`) runs nothing now; the hooks themselves are files.
  if (key === undefined || value === undefined || key.toLowerCase() === 'core.hookspath') return [];
  return configValueSteps(key, value, [], `git config ${key}`);
}

/** awk programs: `system("…")`, `print … | "cmd"`, `"cmd" | getline`. Anything computed is unknown code. */
const AWK_SYSTEM = /\bsystem\s*\(\s*/g;
const AWK_PIPE = /\|\s*&?\s*"((?:[^"\\]|\\.)*)"|"((?:[^"\\]|\\.)*)"\s*\|\s*&?\s*getline/g;
const awk: Wrapper = (cmd) => {
  const { index, values } = skipOptions(cmd.args, { short: 'FvfEi', long: ['--field-separator', '--assign', '--file', '--exec', '--include', '--source', '--load'] });
  const program = values['-f'] !== undefined || values['--file'] !== undefined ? values['--source'] : values['--source'] ?? cmd.args[index];
  if (program === undefined || program.length > 100_000) return [{ self: true }];
  const steps: Step[] = [{ self: true }];
  for (const m of program.matchAll(AWK_SYSTEM)) {
    const after = program.slice((m.index ?? 0) + m[0].length);
    const lit = /^"((?:[^"\\]|\\.)*)"\s*\)/.exec(after);
    if (lit) steps.push({ script: lit[1].replace(/\\(.)/g, '$1'), label: 'awk system()' });
    else steps.push({ unknown: 'awk runs a command it builds at run time (system() of a computed string)' });
    if (steps.length > MAX_CONFIG_SCRIPTS) break;
  }
  for (const m of program.matchAll(AWK_PIPE)) {
    const target = (m[1] ?? m[2] ?? '').replace(/\\(.)/g, '$1');
    steps.push({ script: target, label: 'awk pipe' });
    // `print "rm -rf x" | "sh"`: the printed text is the command's stdin (a shell's script).
    if (m[1] !== undefined) {
      const printed = awkPrinted(program.slice(0, m.index));
      const reader = target.trim().split(/\s+/)[0]?.split('/').pop() ?? '';
      if (printed !== undefined) steps.push({ script: `printf '%s\\n' ${shellQuote(printed)} | ${target}`, label: 'awk print |' });
      else if (SHELLS.includes(reader)) steps.push({ unknown: `awk prints text it computes into ${reader}, which runs it` });
    }
    if (steps.length > MAX_CONFIG_SCRIPTS) break;
  }
  if (/\|\s*&?\s*[A-Za-z_$(]/.test(program.replace(/"(?:[^"\\]|\\.)*"/g, '""').replace(/\|\|/g, ''))) {
    steps.push({ unknown: 'awk pipes output into a command it builds at run time' });
  }
  return steps;
};

const AWK_STRING = /"((?:[^"\\]|\\.)*)"/y;

/**
 * The text `print "a" "b"` / `print("a", "b")` / `printf "a\n"` writes, when the statement ending at the end of
 * `before` prints only string literals (joined with the output separator, a space, where commas stand).
 */
function awkPrinted(before: string): string | undefined {
  const stmt = /(?:^|[;{}\n])\s*(printf?)\b\s*\(?([^;{}\n]*?)\)?\s*$/.exec(before);
  if (!stmt) return undefined;
  const body = stmt[2];
  // Comma-separated items, each a run of juxtaposed literals (concatenated).
  const items: string[] = [''];
  let i = 0;
  while (i < body.length) {
    const ws = /[\s,]*/y;
    ws.lastIndex = i;
    const gap = ws.exec(body)![0];
    if (gap.includes(',')) items.push('');
    i += gap.length;
    if (i >= body.length) break;
    AWK_STRING.lastIndex = i;
    const lit = AWK_STRING.exec(body);
    if (!lit) return undefined;
    items[items.length - 1] += stmt[1] === 'print' ? decodeAnsiC(lit[1]) : lit[1];
    i += lit[0].length;
  }
  return stmt[1] === 'print' ? items.join(' ') : printfOutput(items[0], items.slice(1));
}

const shellQuote = (w: string): string => `'${w.replace(/'/g, `'\\''`)}'`;

/** vim/ex commands given on the command line (`-c`, `+`, `--cmd`): `:!cmd`, `:r !cmd`, `:w !cmd`, system('…'). */
const EX_BANG = /^[:\s]*(?:silent!?\s*)?(?:\d*,?\d*\s*)?(?:r(?:ead)?\s*|w(?:rite)?\s*|%?\s*)?!(.*)$/s;
const EX_SYSTEM = /\b(?:system|systemlist)\s*\(\s*(['"])((?:(?!\1).)*)\1/g;
/** `delete('src', 'rf')` (Vim script and `vim.fn.delete` in Lua), `os.remove`: file deletes. */
const VIM_DELETE = /\b(?:vim\.fn\.)?delete\s*\(\s*(['"])((?:(?!\1).)+)\1\s*(?:,\s*(['"])((?:(?!\3).)*)\3)?/g;
const LUA_REMOVE = /\bos\.remove\s*\(\s*(['"])((?:(?!\1).)+)\1/g;
const LUA_SHELL = /\b(?:os\.execute|io\.popen|vim\.fn\.jobstart|vim\.fn\.termopen)\s*\(\s*(['"])((?:(?!\1).)*)\1/g;
const LUA_LIST = /\b(?:vim\.fn\.system|vim\.fn\.systemlist|vim\.system|vim\.fn\.jobstart|vim\.fn\.termopen)\s*\(\s*\{([^}]*)\}/g;
const VIM_READ = /\b(?:readfile|io\.open|io\.lines|vim\.fn\.readfile)\s*\(\s*(['"])((?:(?!\1).)+)\1/g;
const VIM_COMPUTED = /\b(?:os\.execute|io\.popen|vim\.fn\.system|vim\.system|vim\.fn\.jobstart|vim\.fn\.termopen|loadstring|load|dofile)\s*\(\s*[^'"{\s)]/;


/** What one Ex command line (or the Lua in it) runs, deletes or reads. */
function exSteps(ex: string): Step[] {
  const steps: Step[] = [];
  for (const part of ex.split('|')) {
    const bang = EX_BANG.exec(part);
    if (bang && bang[1].trim() !== '') steps.push({ script: bang[1], label: 'vim :!' });
  }
  for (const m of ex.matchAll(EX_SYSTEM)) steps.push({ script: m[2], label: 'vim system()' });
  for (const m of ex.matchAll(VIM_DELETE)) {
    const flags = m[4] ?? '';
    if (flags === 'd' || flags === 'rf') steps.push({ script: `rm ${flags === 'rf' ? '-rf' : '-d'} -- ${quoteWord(m[2])}`, label: 'vim delete()' });
    else steps.push({ script: `rm -- ${quoteWord(m[2])}`, label: 'vim delete()' });
  }
  for (const m of ex.matchAll(LUA_REMOVE)) steps.push({ script: `rm -- ${quoteWord(m[2])}`, label: 'lua os.remove' });
  for (const m of ex.matchAll(LUA_SHELL)) steps.push({ script: m[2], label: 'lua os.execute' });
  for (const m of ex.matchAll(LUA_LIST)) {
    const words = [...m[1].matchAll(/(['"])((?:(?!\1).)*)\1/g)].map((w) => w[2]);
    if (words.length > 0) steps.push({ script: words.map(quoteWord).join(' '), label: 'vim system()' });
  }
  for (const m of ex.matchAll(VIM_READ)) steps.push({ script: `cat -- ${quoteWord(m[2])}`, label: 'vim readfile()' });
  if ((/\b(?:system|systemlist|execute|exe)\b\s*\(?\s*[^'"\s({]/.test(ex) || VIM_COMPUTED.test(ex)) && !/^[:\s]*(?:wq?|q!?|x)\s*$/.test(ex)) {
    steps.push({ unknown: 'vim runs an Ex command it builds at run time' });
  }
  return steps;
}

const vim: Wrapper = (cmd) => {
  const exCommands: string[] = [];
  let exMode = cmd.name === 'ex';
  for (let k = 0; k < cmd.args.length; k++) {
    const a = cmd.args[k];
    if ((a === '-c' || a === '--cmd' || a === '-S') && k + 1 < cmd.args.length) {
      if (a !== '-S') exCommands.push(cmd.args[k + 1]);
      k++;
    } else if (a.startsWith('+') && a.length > 1) exCommands.push(a.slice(1));
    else if (/^-[a-zA-Z]*[eE]/.test(a) && !a.startsWith('--')) exMode = true;
  }
  const steps: Step[] = [{ self: true }];
  for (const ex of exCommands) steps.push(...exSteps(ex));
  // `ex FILE <<< '!cmd'`, `vim -es < script`: Ex mode reads its commands on stdin
  if (exMode) steps.push(...stdinCode(cmd, cmd.name ?? 'ex', (s) => s.split('\n').slice(0, 10_000).flatMap(exSteps)).filter((s) => !('self' in s)));
  return steps.slice(0, MAX_CONFIG_SCRIPTS);
};

/** Recipes in makefile text: tab-led lines and `target: prereqs ; recipe`. `$$` is a literal `$`. */
function recipes(makefile: string): string[] {
  const out: string[] = [];
  for (const line of makefile.split('\n').slice(0, 5000)) {
    let r: string | undefined;
    if (line.startsWith('\t')) r = line.slice(1);
    else {
      const m = /^[^\s#=:][^=:]*::?(?!=)[^;=]*;(.*)$/.exec(line);
      if (m) r = m[1];
    }
    if (r === undefined) continue;
    r = r.replace(/^[\s@+-]+/, '').replace(/\$\$/g, '$');
    if (r.trim() !== '') out.push(r);
  }
  return out;
}

/** `make -f -` (makefile on stdin) and `make --eval='x:; cmd'`. A makefile on disk is read by the host. */
const make: Wrapper = (cmd) => {
  const steps: Step[] = [{ self: true }];
  const files: string[] = [];
  const evals: string[] = [];
  for (let k = 0; k < cmd.args.length; k++) {
    const a = cmd.args[k];
    if (a === '-f' || a === '--file' || a === '--makefile') files.push(cmd.args[++k] ?? '');
    else if (/^-f./.test(a)) files.push(a.slice(2));
    else if (/^--(?:file|makefile)=/.test(a)) files.push(a.slice(a.indexOf('=') + 1));
    else if (a === '-E' || a === '--eval') evals.push(cmd.args[++k] ?? '');
    else if (a.startsWith('--eval=')) evals.push(a.slice(7));
    else if (/^-E./.test(a)) evals.push(a.slice(2));
  }
  for (const e of evals) for (const r of recipes(e)) steps.push({ script: r, label: 'make --eval' });
  if (files.includes('-') || files.includes('/dev/stdin')) {
    steps.push(...stdinCode(cmd, 'make -f -', (s) => recipes(s).map((r) => ({ script: r, label: 'make -f -' }))).filter((s) => !('self' in s)));
  }
  return steps.slice(0, MAX_CONFIG_SCRIPTS);
};

/** shx runs ShellJS's portable versions of the named command (`shx rm -rf dist`). */
const shx: Wrapper = (cmd) => {
  const { index } = skipOptions(cmd.args, {});
  return execFrom(cmd, index, 'shx');
};

/** rimraf and its kin are `rm -rf` of every operand. */
const rmRf: Wrapper = (cmd) => {
  const ops = cmd.args.filter((a, k) => !a.startsWith('-') || cmd.argDynamic[k]);
  if (ops.length === 0) return [{ self: true }];
  const dyn = cmd.args.map((_, k) => cmd.argDynamic[k]).filter((_, k) => !cmd.args[k].startsWith('-') || cmd.argDynamic[k]);
  return [{ exec: { args: ['rm', '-rf', ...ops], dyn: [false, false, ...dyn] }, label: cmd.name ?? 'rimraf' }];
};

export const CONFIG_WRAPPERS: Record<string, Wrapper> = {
  git,
  awk,
  gawk: awk,
  mawk: awk,
  nawk: awk,
  vim,
  vi: vim,
  nvim: vim,
  ex: vim,
  view: vim,
  make,
  gmake: make,
  shx,
  rimraf: rmRf,
  'del-cli': rmRf,
};

