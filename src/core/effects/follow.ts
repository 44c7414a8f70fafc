// Run what they run: a command that runs a script or a named task is judged by what that does, read from the
// workspace at decision time through the injected facts. `npm|pnpm|yarn|bun run X` (with pre/post scripts and
// lifecycle names), `make X`, `just X`, `bash|sh|zsh FILE`, `source FILE`, `./FILE` (its shebang decides),
// `python|node|perl|ruby|php FILE`. Bounded: files read per action, bytes per file, and nesting (classify's depth).
import { normalizePath } from '../paths';
import type { SimpleCommand } from '../rules/types';
import { isOption } from '../shell/argv';
import { type CodeRuns, dbShellRuns, tclRuns } from '../shell/code_wrappers';
import { inlineScript } from '../rules/lib/scripts';
import { codeLoads } from './code_scan';
import { codeEffects, inlineCodeCommand } from './interpreters';
import { justRecipes, makeRecipes } from './makefile';
import { HOOKS_PATH_KEY, SCRIPTS_KEY } from './written';
import type { Derived, EffectsContext } from './types';
import { table } from '../table';
import { taskRunnerEffects } from './task_runners';
import { commandLine } from './words';
import { overBoundAsks, pathCtx, readFile, SYSTEM_DIRS } from './read_file';

/** Shell scripts larger than the analyzer reads are too complex anyway; interpreter files get a little more. */
const MAX_SHELL_FILE = 48 * 1024;
const MAX_CODE_FILE = 256 * 1024;

const SHELLS = new Set(['bash', 'sh', 'zsh', 'dash', 'ksh', 'ash', 'mksh', 'busybox']);
const CODE_RUNNERS = new Set(['python', 'python2', 'python3', 'py', 'node', 'nodejs', 'perl', 'ruby', 'php', 'deno', 'bun', 'tsx', 'ts-node', 'vite-node', 'esno', 'jiti', 'babel-node']);
/** Options of these interpreters that take a value before the script name. */
const CODE_VALUED = ['-m', '-W', '-X', '-r', '--require', '-I', '--import', '--loader', '--experimental-loader', '--env-file', '-d', '-M', '-x'];
const SHELL_VALUED = ['-o', '+o', '-O', '+O', '--rcfile', '--init-file'];

function firstOperand(args: readonly string[], valued: readonly string[], stopAt: readonly string[] = []): number {
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (stopAt.includes(a)) return -1;
    if (a === '--') return i + 1 < args.length ? i + 1 : -1;
    if (isOption(a) || (a.startsWith('+') && a.length > 1)) {
      if (!a.includes('=') && valued.includes(a)) i++;
      continue;
    }
    return i;
  }
  return -1;
}

// ---- package.json scripts -------------------------------------------------------------------------------

const NPM_RUN = new Set(['run', 'run-script', 'rum', 'urn']);
const NPM_LIFECYCLE = table<string[]>({
  test: ['test'], t: ['test'], tst: ['test'], start: ['start'], stop: ['stop'], restart: ['stop', 'restart', 'start'],
  install: ['preinstall', 'install', 'postinstall', 'prepare'], i: ['preinstall', 'install', 'postinstall', 'prepare'], ci: ['preinstall', 'install', 'postinstall', 'prepare'],
});
/** Words that are the runner's own commands, never a package.json script run bare. */
const BUILTINS = new Set([
  'install', 'i', 'add', 'remove', 'rm', 'uninstall', 'update', 'up', 'upgrade', 'outdated', 'list', 'ls', 'why', 'link', 'unlink', 'publish', 'pack',
  'init', 'create', 'dlx', 'exec', 'x', 'info', 'view', 'config', 'set', 'get', 'cache', 'store', 'audit', 'login', 'logout', 'whoami', 'help',
  'import', 'patch', 'patch-commit', 'rebuild', 'prune', 'dedupe', 'fetch', 'env', 'setup', 'version', 'bin', 'root', 'workspace', 'workspaces',
  'build', 'upgrade-interactive', 'node', 'test', 'pm', 'repl',
]);

function scriptsOf(text: string): Record<string, string> {
  try {
    const s = (JSON.parse(text) as { scripts?: unknown }).scripts;
    if (!s || typeof s !== 'object') return {};
    const out: Record<string, string> = Object.create(null) as Record<string, string>;
    for (const [k, v] of Object.entries(s)) if (typeof v === 'string') out[k] = v;
    return out;
  } catch {
    return {};
  }
}

/** The package.json script names a runner invocation runs, in order, and the package directory. */
function scriptRun(cmd: SimpleCommand): ReturnType<typeof scriptRunOf> {
  const r = scriptRunOf(cmd);
  return r !== undefined && cmd.name === 'pnpm' && cmd.args.some((a) => a === '-w' || a === '--workspace-root') ? { ...r, workspaceRoot: true } : r;
}

function scriptRunOf(cmd: SimpleCommand): { names: string[]; bare: string | undefined; dir: string | undefined; label: string; workspaceRoot?: boolean } | undefined {
  const name = cmd.name!;
  const args = cmd.args;
  let dir: string | undefined;
  let i = 0;
  // pnpm's `-w` is `--workspace-root` (a flag): the script is the workspace root's, wherever the command runs
  const rootFlag = name === 'pnpm' && args.some((a) => a === '-w' || a === '--workspace-root');
  for (; i < args.length && isOption(args[i]); i++) {
    const a = args[i];
    const eq = a.indexOf('=');
    const key = eq > 0 ? a.slice(0, eq) : a;
    const val = eq > 0 ? a.slice(eq + 1) : args[i + 1];
    if (rootFlag && (key === '-w' || key === '--workspace-root')) continue;
    if (['--prefix', '-C', '--dir', '--cwd'].includes(key)) {
      dir = val;
      if (eq < 0) i++;
    } else if (['-w', '--workspace', '--filter', '-F'].includes(key)) {
      if (eq < 0) i++;
    }
  }
  const verb = args[i];
  if (verb === undefined) return name === 'npm' || name === 'bun' ? undefined : { names: NPM_LIFECYCLE.install!, bare: undefined, dir, label: `${name} install` };
  if (NPM_RUN.has(verb) || (verb === 'run' && name !== 'npm')) {
    const j = firstOperand(args.slice(i + 1), []);
    const script = j < 0 ? undefined : args[i + 1 + j];
    if (script === undefined) return undefined;
    // `--ignore-scripts` skips pre/post scripts of `npm run` (the named script still runs)
    const ignoring = args.some((a) => a === '--ignore-scripts' || a === '--ignore-scripts=true');
    return { names: ignoring ? [script] : [`pre${script}`, script, `post${script}`], bare: undefined, dir, label: `${name} run ${script}` };
  }
  if (name === 'bun') {
    // `bun test` is bun's own test runner; `bun X` runs a script X only when X is no bun command
    if (BUILTINS.has(verb)) return undefined;
    return { names: [], bare: verb, dir, label: `bun ${verb}` };
  }
  const life = NPM_LIFECYCLE[verb];
  if (life && args.some((a) => a === '--ignore-scripts' || a === '--ignore-scripts=true')) return verb === 'test' || verb === 't' || verb === 'tst' || verb === 'start' || verb === 'stop' ? { names: [verb === 't' || verb === 'tst' ? 'test' : verb], bare: undefined, dir, label: `${name} ${verb}` } : undefined;
  if (life) {
    // `npm install pkg` installs a dependency; only a bare install runs the project's own lifecycle scripts
    if ((verb === 'install' || verb === 'i' || verb === 'ci') && args.slice(i + 1).some((a) => !isOption(a))) return undefined;
    return { names: life.flatMap((n) => (n.startsWith('pre') || n.startsWith('post') || life.length > 1 ? [n] : [`pre${n}`, n, `post${n}`])), bare: undefined, dir, label: `${name} ${verb}` };
  }
  if (name === 'npm' || BUILTINS.has(verb)) return undefined;
  return { names: [], bare: verb, dir, label: `${name} ${verb}` };
}

/**
 * The packages a workspace option names (`npm run x -w packages/api`, `--workspace=api`, `pnpm --filter api x`,
 * `yarn workspace api x`): a path, or a package name found in the usual folders. Undefined: no such option.
 */
function workspaceDirs(cmd: SimpleCommand, root: string, ctx: EffectsContext): string[] | undefined {
  const a = cmd.args;
  const names: string[] = [];
  for (let k = 0; k < a.length; k++) {
    const m = /^(?:-w|--workspace|--filter|-F)(?:=(.*))?$/.exec(a[k]!);
    if (m) names.push(m[1] ?? a[++k] ?? '');
  }
  if (cmd.name === 'yarn' && a[0] === 'workspace' && a[1] !== undefined) names.push(a[1]);
  if (names.length === 0) return undefined;
  const out: string[] = [];
  for (const n of names.slice(0, 4)) {
    const clean = n.replace(/^@[^/]+\//, '').replace(/^\.\//, '');
    for (const c of [n, `packages/${clean}`, `apps/${clean}`, `services/${clean}`, `libs/${clean}`]) {
      const d = normalizePath(c, { cwd: root });
      if (ctx.facts?.stat(`${d}/package.json`)?.kind === 'file') {
        out.push(d);
        break;
      }
    }
  }
  return out;
}

/** The nearest folder from `dir` up that holds pnpm-workspace.yaml (bounded); undefined when none does. */
function pnpmWorkspaceRoot(dir: string, ctx: EffectsContext): string | undefined {
  for (let d = dir, i = 0; d.startsWith('/') && i < 32; d = d.slice(0, d.lastIndexOf('/')) || '/', i++) {
    if (ctx.facts?.stat(`${d}/pnpm-workspace.yaml`)?.kind === 'file') return d;
    if (d === '/') break;
  }
  return undefined;
}

function followPackageScripts(cmd: SimpleCommand, ctx: EffectsContext, out: Derived): void {
  // `yarn workspace api tidy`: the script and its runner words come after the package name.
  const skip = cmd.args[2] === 'run' ? 3 : 2;
  const inWorkspace = cmd.name === 'yarn' && cmd.args[0] === 'workspace' ? { ...cmd, args: ['run', ...cmd.args.slice(skip)], argDynamic: [false, ...cmd.argDynamic.slice(skip)] } : cmd;
  const run = scriptRun(inWorkspace);
  if (!run) return;
  const start = run.dir !== undefined ? normalizePath(run.dir, pathCtx(ctx)) : ctx.cwd;
  const root = run.workspaceRoot === true && start !== undefined ? pnpmWorkspaceRoot(start, ctx) : start;
  if (root === undefined || !root.startsWith('/')) return;
  const members = run.workspaceRoot === true ? undefined : workspaceDirs(cmd, root, ctx);
  for (const dir of members ?? [root]) followPackageDir(run, dir, ctx, out);
}

function followPackageDir(run: NonNullable<ReturnType<typeof scriptRun>>, dir: string, ctx: EffectsContext, out: Derived): void {
  const pkg = readFile(`${dir}/package.json`, ctx, out, 1024 * 1024, run.label);
  // Scripts this same action set earlier (`npm pkg set scripts.x=…`) replace what the file on disk says.
  const set = ctx.written?.get(`${SCRIPTS_KEY}${normalizePath(`${dir}/package.json`)}`);
  if (!pkg && typeof set !== 'string') return;
  // No prototype: a script named `constructor` or `__proto__` is a script like any other.
  const scripts: Record<string, string> = Object.assign(Object.create(null) as Record<string, string>, pkg ? scriptsOf(pkg.text) : {}, typeof set === 'string' ? (JSON.parse(set) as Record<string, string>) : {});
  const names = run.bare !== undefined ? (Object.hasOwn(scripts, run.bare) ? [`pre${run.bare}`, run.bare, `post${run.bare}`] : []) : run.names;
  for (const n of names) {
    const body = scripts[n];
    if (body !== undefined) out.scripts.push({ text: body, via: n === names[1] || names.length === 1 ? run.label : `${run.label} (${n})`, cwd: dir });
  }
}

// ---- make / just ----------------------------------------------------------------------------------------

function followMake(cmd: SimpleCommand, ctx: EffectsContext, out: Derived): void {
  const args = cmd.args;
  let dir = ctx.cwd;
  let file: string | undefined;
  const targets: string[] = [];
  const overrides: Record<string, string> = Object.create(null) as Record<string, string>;
  let dryRun = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const next = (): string | undefined => args[++i];
    if (a === '-C' || a === '--directory') dir = dir === undefined ? undefined : normalizePath(next() ?? '.', { cwd: dir });
    else if (a.startsWith('-C') && a.length > 2) dir = dir === undefined ? undefined : normalizePath(a.slice(2), { cwd: dir });
    else if (a.startsWith('--directory=')) dir = dir === undefined ? undefined : normalizePath(a.slice(12), { cwd: dir });
    else if (a === '-f' || a === '--file' || a === '--makefile') file = next();
    else if (a.startsWith('--file=') || a.startsWith('--makefile=')) file = a.slice(a.indexOf('=') + 1);
    else if (a === '-j' || a === '-l') {
      if (/^\d+$/.test(args[i + 1] ?? '')) i++;
    } else if (['-o', '-W', '-I', '--old-file', '--what-if', '--include-dir'].includes(a)) i++;
    else if (['-n', '--dry-run', '--just-print', '--recon', '-q', '--question', '-t', '--touch'].includes(a)) dryRun = true;
    else if (isOption(a)) continue;
    else if (/^[A-Za-z_][\w.]*=/.test(a)) overrides[a.slice(0, a.indexOf('='))] = a.slice(a.indexOf('=') + 1);
    else targets.push(a);
  }
  if (dir === undefined) return;
  if (file === '-') return; // `make -f -` reads stdin: the shell analysis judges that
  const sub = { ...ctx, cwd: dir };
  const names = file !== undefined ? [file] : ['GNUmakefile', 'makefile', 'Makefile'];
  for (const n of names) {
    const abs = normalizePath(n, { cwd: dir });
    if (file === undefined && !ctx.facts?.stat(abs) && !ctx.written?.has(abs)) continue;
    const label = `make ${targets.join(' ')}`.trim();
    const mk = readFile(abs, sub, out, 512 * 1024, label);
    if (!mk) return;
    const text = withIncludes(mk.text, dir, sub, out, label, 0);
    // `$(shell …)` outside recipes and `VAR != …` run while make reads the file, whatever the target (even -n)
    for (const line of parseTimeShell(text)) out.scripts.push({ text: line, via: `${label} (while reading the Makefile)`, cwd: dir });
    for (const r of makeRecipes(text, targets, overrides, dryRun)) for (const line of r.lines) out.scripts.push({ text: line, via: `make ${r.target}`, cwd: dir });
    return;
  }
}

const MAX_INCLUDES = 6;

/** `include mk/*.mk` / `-include x.mk` / `sinclude x.mk` spliced in where they stand (bounded; globs through the facts). */
function withIncludes(text: string, dir: string, ctx: EffectsContext, out: Derived, label: string, depth: number): string {
  if (depth > 2 || !/^\s*(?:-?include|sinclude)\s/m.test(text)) return text;
  let budget = MAX_INCLUDES;
  return text.replace(/^[ ]*(?:-?include|sinclude)[ \t]+([^\n#]+)/gm, (line: string, list: string) => {
    const parts: string[] = [];
    for (const word of list.trim().split(/\s+/)) {
      if (word.includes('$') || budget <= 0) continue;
      const files = /[*?[]/.test(word) ? (ctx.facts?.glob(word, dir)?.matches ?? []) : [normalizePath(word, { cwd: dir })];
      for (const f of files.slice(0, budget)) {
        budget--;
        if (!ctx.facts?.stat(f) && !ctx.written?.has(f)) continue;
        const inc = readFile(f, ctx, out, 512 * 1024, label);
        if (inc) parts.push(withIncludes(inc.text, dir, ctx, out, label, depth + 1));
      }
    }
    return parts.length > 0 ? parts.join('\n') : line;
  });
}

/** Commands make runs while reading a makefile: `$(shell …)` outside recipe lines and the right side of `!=`. */
function parseTimeShell(text: string): string[] {
  if (!text.includes('$(shell') && !text.includes('${shell') && !text.includes('!=')) return [];
  const out: string[] = [];
  for (const line of text.split('\n').slice(0, 5000)) {
    if (line.startsWith('\t') || out.length >= 16) continue;
    const bang = /^\s*[A-Za-z_][\w.-]*\s*!=\s*(.+)$/.exec(line);
    if (bang) out.push(bang[1]);
    for (let i = line.search(/\$[({]shell\s/); i >= 0; i = line.slice(i + 1).search(/\$[({]shell\s/) >= 0 ? i + 1 + line.slice(i + 1).search(/\$[({]shell\s/) : -1) {
      const open = line[i + 1];
      const close = open === '(' ? ')' : '}';
      let depth = 0;
      let j = i + 1;
      for (; j < line.length; j++) {
        if (line[j] === open) depth++;
        else if (line[j] === close && --depth === 0) break;
      }
      out.push(line.slice(i + 8, j).trim());
    }
  }
  return out.filter((c) => c.length > 0 && !c.includes('$(') && !c.includes('${'));
}

/** A task runner that reads its recipes from a file in the working directory (just, Task). */
interface RecipeTool {
  tool: string;
  fileOptions: readonly string[];
  dirOptions: readonly string[];
  /** Options that list, show or simulate: nothing runs. */
  inert: readonly string[];
  /** Whether `--` ends the runner's own words. */
  endsAtDoubleDash: boolean;
  fileNames: readonly string[];
  recipes(text: string, names: string[]): { target: string; lines: string[] }[];
}

const JUST: RecipeTool = {
  tool: 'just',
  fileOptions: ['-f', '--justfile'],
  dirOptions: ['-d', '--working-directory'],
  inert: ['-l', '--list', '--summary', '--show', '-s', '--dump', '--evaluate', '--variables', '--help', '-h', '--dry-run', '-n', '--choose', '--init', '--edit', '-e', '--fmt', '--version', '-V', '--completions', '--groups'],
  endsAtDoubleDash: false,
  fileNames: ['justfile', 'Justfile', '.justfile'],
  // `just build target`: words after the first name may be its parameters; every known recipe name counts
  recipes: (text, names) => justRecipes(text, names),
};

/** `just --show x`, `just --list`: options that print recipes (or do anything but run one). */
export function justRunsNothing(args: readonly string[]): boolean {
  return args.some((a) => JUST.inert.includes(a) || /^--(?:show|dump|evaluate|list|summary|dry-run)=/.test(a));
}

const TASK: RecipeTool = {
  tool: 'task',
  fileOptions: ['-t', '--taskfile'],
  dirOptions: ['-d', '--dir'],
  inert: ['-l', '--list', '--list-all', '-a', '--summary', '--dry', '-n', '--help', '-h', '--version', '--init', '-i'],
  endsAtDoubleDash: true,
  fileNames: ['Taskfile.yml', 'taskfile.yml', 'Taskfile.yaml', 'taskfile.yaml', 'Taskfile.dist.yml', 'Taskfile.dist.yaml'],
  recipes: (text, names) => [{ target: names.join(' ') || 'default', lines: taskfileCommands(text, names) }],
};

function followRecipes(t: RecipeTool, cmd: SimpleCommand, ctx: EffectsContext, out: Derived): void {
  const args = cmd.args;
  let dir = ctx.cwd;
  let file: string | undefined;
  const names: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (t.fileOptions.includes(a)) file = args[++i];
    else if (t.dirOptions.includes(a)) dir = dir === undefined ? undefined : normalizePath(args[++i] ?? '.', { cwd: dir });
    else if (t.inert.includes(a)) return;
    else if (a === '--' && t.endsAtDoubleDash) break;
    else if (isOption(a)) continue;
    else if (!a.includes('=')) names.push(a);
  }
  if (dir === undefined) return;
  for (const n of file !== undefined ? [file] : t.fileNames) {
    // a file named with -f is found from where the command runs, not from the -d folder
    const abs = normalizePath(n, { cwd: file !== undefined && ctx.cwd !== undefined ? ctx.cwd : dir });
    if (file === undefined && !ctx.facts?.stat(abs) && !ctx.written?.has(abs)) continue;
    const f = readFile(abs, { ...ctx, cwd: dir }, out, 512 * 1024, `${t.tool} ${names.join(' ')}`.trim());
    if (!f) return;
    for (const r of t.recipes(f.text, names)) for (const line of r.lines) out.scripts.push({ text: line, via: `${t.tool} ${r.target}`, cwd: dir });
    return;
  }
}

/**
 * Taskfile.yml tasks (go-task): `cmds:` as a list of lines or `- cmd: …`, and a single `cmd:`. A small reader of
 * the usual layout, not YAML: block scalars (`- |`) are read as their indented lines; `- task: x` follows x.
 */
export function taskfileCommands(text: string, wanted: readonly string[]): string[] {
  const lines = text.split('\n').slice(0, 20_000);
  const tasks = new Map<string, { cmds: string[]; deps: string[] }>();
  let inTasks = false;
  let taskIndent = -1;
  let current: { cmds: string[]; deps: string[] } | undefined;
  let block: { indent: number } | undefined;
  let listKey: string | undefined;
  for (const raw of lines) {
    if (/^\s*(?:#|$)/.test(raw)) continue;
    const indent = raw.length - raw.trimStart().length;
    const line = raw.trim();
    if (indent === 0) {
      inTasks = /^tasks\s*:/.test(line);
      current = undefined;
      taskIndent = -1;
      continue;
    }
    if (!inTasks) continue;
    if (block && indent > block.indent) {
      current?.cmds.push(line);
      continue;
    }
    block = undefined;
    if (taskIndent < 0) taskIndent = indent;
    if (indent === taskIndent) {
      // task names may hold colons (`db:wipe:`): the key ends at the last colon followed by a space or the line's end
      const m = /^(['"]?)(.+?)\1\s*:(?:\s+(.*))?$/.exec(line);
      current = m ? { cmds: [], deps: [] } : undefined;
      if (m && current) {
        tasks.set(m[2], current);
        const rest = m[3] ?? '';
        if (rest !== '' && !rest.startsWith('#')) current.cmds.push(rest);
      }
      listKey = undefined;
      continue;
    }
    if (!current) continue;
    const key = /^([A-Za-z_]+)\s*:\s*(.*)$/.exec(line);
    if (key && !line.startsWith('-')) {
      listKey = key[1];
      // `cmds: [./scripts/x.sh, echo done]`: a flow list, one command per item
      if (key[1] === 'cmds' && /^\[.*\]$/.test(key[2])) current.cmds.push(...key[2].slice(1, -1).split(',').map((c) => c.trim().replace(/^(['"])(.*)\1$/, '$2')).filter(Boolean));
      else if ((key[1] === 'cmd' || key[1] === 'cmds') && key[2] !== '' && !/^[|>]/.test(key[2])) current.cmds.push(key[2].replace(/^(['"])(.*)\1$/, '$2'));
      else if (key[1] === 'cmd' && /^[|>]/.test(key[2])) block = { indent };
      else if (key[1] === 'deps' && /^\[.*\]$/.test(key[2])) current.deps.push(...key[2].slice(1, -1).split(',').map((d) => d.trim().replace(/^(['"])(.*)\1$/, '$2')).filter(Boolean));
      continue;
    }
    if (line.startsWith('-') && (listKey === 'cmds' || listKey === 'deps')) {
      const item = line.slice(1).trim();
      const task = /^(?:task\s*:\s*)(.+)$/.exec(item);
      const cmd = /^(?:cmd\s*:\s*)(.*)$/.exec(item);
      if (listKey === 'deps' || task) current.deps.push((task?.[1] ?? item).replace(/^(['"])(.*)\1$/, '$2'));
      else if (cmd && /^[|>]/.test(cmd[1])) block = { indent };
      else if (cmd) current.cmds.push(cmd[1].replace(/^(['"])(.*)\1$/, '$2'));
      else if (/^[|>]/.test(item)) block = { indent };
      else current.cmds.push(item.replace(/^(['"])(.*)\1$/, '$2'));
    }
  }
  const out: string[] = [];
  const seen = new Set<string>();
  const visit = (name: string): void => {
    if (seen.has(name) || seen.size > 64) return;
    seen.add(name);
    const t = tasks.get(name);
    if (!t) return;
    for (const d of t.deps) visit(d);
    out.push(...t.cmds);
  };
  for (const w of wanted.length > 0 ? wanted : ['default']) visit(w);
  return out.slice(0, 256);
}


// ---- script files ---------------------------------------------------------------------------------------

type FileKind = { shell: true } | { shell: false; interpreter: string } | undefined;

/** What a `#!` line runs: a shell, a known interpreter, or something else (undefined). No shebang = the shell. */
function shebangKind(text: string): FileKind {
  if (!text.startsWith('#!')) return { shell: true };
  const line = text.slice(2, text.indexOf('\n') < 0 ? undefined : text.indexOf('\n')).trim();
  const words = line.split(/\s+/);
  let prog = words[0]?.slice(words[0].lastIndexOf('/') + 1) ?? '';
  if (prog === 'env') prog = words.slice(1).find((w) => !w.startsWith('-') && !w.includes('=')) ?? '';
  prog = prog.replace(/[\d.]+$/, '');
  if (SHELLS.has(prog)) return { shell: true };
  if (CODE_RUNNERS.has(prog) || prog === 'python') return { shell: false, interpreter: prog };
  return undefined;
}

function followFile(rel: string, kind: 'shell' | 'code' | 'shebang', label: string, ctx: EffectsContext, out: Derived, cmd: SimpleCommand): void {
  const f = readFile(rel, ctx, out, kind === 'code' ? MAX_CODE_FILE : Math.max(MAX_SHELL_FILE, MAX_CODE_FILE), label);
  if (!f) return;
  const head = f.text.slice(0, 1024);
  if (head.includes('\u0000')) return; // a compiled program: nothing to read
  const fileKind: FileKind = kind === 'shell' ? { shell: true } : kind === 'code' ? { shell: false, interpreter: cmd.name ?? '' } : shebangKind(f.text);
  if (fileKind === undefined) return;
  if (fileKind.shell) {
    if (f.text.length > MAX_SHELL_FILE) {
      if (overBoundAsks(f.abs, ctx)) out.findings.push({ rule: 'shell.too-complex', detail: `${label}: the script is larger than the ${MAX_SHELL_FILE / 1024} KB Airlock analyses`, text: rel });
      return;
    }
    // Scripts run in the caller's directory, not their own; their arguments are their $1, $2, "$@"
    // (`./scripts/ef.sh database update 0` runs `dotnet ef "$@"` as `dotnet ef database update 0`).
    out.scripts.push({ text: `${positionalPrelude(cmd, rel)}${f.text}`, via: label });
  } else {
    // `require('../config/deploy.json')` in scripts/x.js resolves from the script's folder, not the caller's
    const dir = f.abs.slice(0, f.abs.lastIndexOf('/')) || '/';
    const text = f.text.replace(/\b(require|import)(\s*\(?\s*)(['"])(\.{1,2}\/[^'"\n]+)\3/g, (_m, kw: string, sp: string, q: string, p: string) => `${kw}${sp}${q}${normalizePath(p, { cwd: dir })}${q}`);
    codeEffects(text, label, false, out, cmd);
    // The same API checks as a one-liner (HTTP deletes, GraphQL mutations, delete APIs): the file's code as `-c`/`-e`.
    const interp = codeFlag(fileKind.interpreter);
    if (interp) out.commands.push(inlineCodeCommand(cmd, interp.name, interp.flag, f.text, label, f.abs));
  }
}

/**
 * `set -- 'a' 'b'` for the words after the script in the command that runs it, when every one is known before it
 * runs; empty otherwise (the script's $1 and "$@" stay unknown, judged as such).
 */
function positionalPrelude(cmd: SimpleCommand, rel: string): string {
  // `./x.sh a b` (the script is the program) or `bash x.sh a b` (the words after it)
  const i = cmd.args.indexOf(rel);
  const own = i < 0 && cmd.name !== undefined && (rel === cmd.name || rel.endsWith(`/${cmd.name}`) || cmd.name.endsWith(`/${rel.replace(/^\.\//, '')}`));
  if (i < 0 && !own) return '';
  const from = i < 0 ? 0 : i + 1;
  const args = cmd.args.slice(from);
  if (args.length === 0 || args.length > 32 || cmd.argDynamic.slice(from).some(Boolean)) return '';
  return `set -- ${commandLine(args)}\n`;
}

/** How a one-liner in this interpreter's language is written, so rules that read `-c`/`-e` code read the file too. */
function codeFlag(interpreter: string): { name: string; flag: string } | undefined {
  const base = interpreter.replace(/[\d.]+$/, '');
  if (base === 'python' || base === 'py') return { name: 'python3', flag: '-c' };
  if (base === 'node' || base === 'nodejs' || base === 'tsx' || base === 'ts-node' || base === 'bun') return { name: 'node', flag: '-e' };
  if (base === 'perl' || base === 'ruby') return { name: base, flag: '-e' };
  if (base === 'php') return { name: 'php', flag: '-r' };
  if (base === 'deno') return undefined;
  return undefined;
}

/** `bash < script.sh`, `python3 < job.py`, `cat job.sql | psql`: the program arrives on stdin from a file. */
function stdinFile(cmd: SimpleCommand): string | undefined {
  const r = cmd.redirects.find((x) => x.op === '<' || x.op === '0<');
  // `</dev/null node --version`: an empty stdin carries no program.
  if (r !== undefined) return r.target.length > 0 && r.target !== '/dev/null' && !/[$`]/.test(r.target) ? r.target : undefined;
  const from = cmd.pipedFrom;
  if (from?.length === 1 && from[0]!.name === 'cat' && from[0]!.args.length === 1 && !from[0]!.args[0]!.startsWith('-') && !/[$`*?]/.test(from[0]!.args[0]!)) return from[0]!.args[0];
  return undefined;
}

/** The program word as written, when it names a file by path (`./deploy.sh`, `scripts/x`), found in the source. */
function pathName(cmd: SimpleCommand): string | undefined {
  const name = cmd.name!;
  if (!cmd.text.includes('/')) return undefined;
  const esc = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // quoted too: `"./scripts/x.sh"` (a value substituted in its place is written quoted)
  const m = new RegExp(`(?:^|[\\s;&|("'])((?:[^\\s;&|()<>'"$\`]*/)${esc})(?=["'\\s;&|)<>]|$)`).exec(cmd.text);
  return m?.[1];
}

/**
 * `bash -ic 'cleanup'`, `bash -l -c …`, `zsh -i -c …`: an interactive shell reads its rc file (a login shell its
 * profile) before the command, and expands the aliases and defines the functions kept there. The command is
 * judged after that file's text, so an alias or function from ~/.bashrc is what runs.
 */
const MAX_RC_FILES = 8;
/** `. ~/.bash_aliases`, `source "$HOME/.aliases"`, `[ -f x ] && . x` at the start of an rc file's line. */
const SOURCED_FILE = /^[ \t]*(?:(?:\[\[?|test)[^\n&|;]*?(?:\]\]?)?\s*&&\s*)*(?:\.|source)[ \t]+("?(?:~|\$HOME|\$\{HOME\}|\/)[^\s;&|"]*"?)/gm;

function interactiveRc(cmd: SimpleCommand, ctx: EffectsContext, out: Derived): void {
  const name = cmd.name!;
  if ((name !== 'bash' && name !== 'zsh' && name !== 'sh') || ctx.home === undefined) return;
  const flags = cmd.args.filter((a) => /^-[a-zA-Z]+$/.test(a)).join('');
  const c = cmd.args.findIndex((a) => /^-[a-zA-Z]*c[a-zA-Z]*$/.test(a));
  const interactive = flags.includes('i');
  const login = flags.includes('l') || cmd.args.includes('--login');
  if (c < 0 || (!interactive && !login) || cmd.args.includes('--norc') || cmd.args.includes('--noprofile')) return;
  const script = cmd.args.slice(c + 1).find((a) => !a.startsWith('-'));
  if (script === undefined) return;
  const rcOption = cmd.args.indexOf('--rcfile') >= 0 ? cmd.args[cmd.args.indexOf('--rcfile') + 1] : undefined;
  const files = name === 'zsh' ? ['~/.zshenv', ...(login ? ['~/.zprofile'] : []), ...(interactive ? ['~/.zshrc'] : [])] : [...(login ? ['~/.bash_profile', '~/.profile'] : []), ...(interactive ? [rcOption ?? '~/.bashrc'] : [])];
  const texts: string[] = [];
  // rc files source others (`[ -f ~/.bash_aliases ] && . ~/.bash_aliases`, a .profile that sources .bashrc): read
  // them too, in order, a few levels and files at most
  const queue = [...files];
  const seen = new Set<string>();
  while (queue.length > 0 && seen.size < MAX_RC_FILES) {
    const f = queue.shift()!;
    const abs = normalizePath(f, pathCtx(ctx));
    if (seen.has(abs)) continue;
    seen.add(abs);
    if (!ctx.facts?.stat(abs) && !ctx.written?.has(abs)) continue;
    const r = readFile(abs, ctx, out, MAX_SHELL_FILE, `${name} -i (${f})`);
    if (!r) continue;
    texts.push(r.text);
    for (const m of r.text.matchAll(SOURCED_FILE)) queue.push(m[1]!.replace(/^["']|["']$/g, '').replace(/^\$HOME(?=\/)|^\$\{HOME\}(?=\/)/, '~'));
  }
  const defs = texts.map((t) => rcDefinitions(t, script)).filter(Boolean);
  if (defs.length > 0) out.scripts.push({ text: `shopt -s expand_aliases\n${defs.join('\n')}\n${script}`, via: `${name} ${interactive ? '-i' : '-l'} (aliases and functions of the rc files)` });
}

const FUNCTION_HEAD = /^\s*(?:function\s+[A-Za-z_][\w:-]*\s*(?:\(\s*\))?|[A-Za-z_][\w:-]*\s*\(\s*\))\s*\{?\s*$|^\s*(?:function\s+)?[A-Za-z_][\w:-]*\s*\(\s*\)\s*\{/;

/**
 * The function whose definition starts on line `i` (`name() {`, `function name {`): its name and last line, read by
 * counting braces over at most 400 lines. `closed` is false when the braces never balance there.
 */
function functionAt(lines: readonly string[], i: number): { name: string; to: number; closed: boolean } | undefined {
  if (!FUNCTION_HEAD.test(lines[i]!)) return undefined;
  const name = /^\s*(?:function\s+)?([A-Za-z_][\w:-]*)/.exec(lines[i]!)![1]!;
  let depth = 0;
  let opened = false;
  const last = Math.min(lines.length, i + 400) - 1;
  for (let j = i; j <= last; j++) {
    const l = lines[j]!;
    depth += (l.match(/\{/g)?.length ?? 0) - (l.match(/\}/g)?.length ?? 0);
    opened ||= l.includes('{');
    if (opened && depth <= 0) return { name, to: j, closed: depth === 0 };
  }
  return { name, to: last, closed: false };
}

/** Whether `text` calls `name`: as a command word, or quoted or assigned (`trap 'name' EXIT`, `PROMPT_COMMAND=name`). */
function calls(text: string, name: string): boolean {
  return new RegExp(`(?:^|[\\s;&|(\`'"=])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?=$|[\\s;&|)'"])`, 'm').test(text);
}

/** Of `defs`, those `frontier` calls and those their bodies call in turn, a few levels down. */
function calledDefs<T extends { name: string }>(defs: readonly T[], frontier: string, body: (d: T) => string): Set<string> {
  const used = new Set<string>();
  for (let round = 0; round < 8; round++) {
    const next = defs.filter((d) => !used.has(d.name) && calls(frontier, d.name));
    if (next.length === 0) break;
    for (const d of next) used.add(d.name);
    frontier = next.map(body).join('\n');
  }
  return used;
}

/**
 * The alias lines and function definitions of an rc file, without its other top-level commands (PATH setup,
 * tool init): only what the command line can call by name is judged with it.
 */
function rcDefinitions(text: string, script: string): string {
  const lines = text.split('\n').slice(0, 5000);
  const defs: { name: string; text: string }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const alias = /^\s*alias\s+([^=\s]+)=/.exec(lines[i]!);
    if (alias) {
      defs.push({ name: alias[1]!, text: lines[i]!.trim() });
      continue;
    }
    const fn = functionAt(lines, i);
    if (fn === undefined) continue;
    defs.push({ name: fn.name, text: lines.slice(i, fn.to + 1).join('\n') });
    if (fn.closed) i = fn.to;
  }
  // Only what the command calls (and what those call, a few levels down) runs
  const used = calledDefs(defs, script, (d) => d.text);
  return defs.filter((d) => used.has(d.name)).map((d) => d.text).join('\n');
}

/**
 * A sourced file's text without the functions nothing calls: defining a function runs none of it. Called means
 * named in the file outside the function definitions (its top-level code, a trap, PROMPT_COMMAND, an alias), in the
 * agent's command line, or in a called function's body. Any definition that does not read as a clean block (code
 * after its closing brace, braces that never balance) leaves the text as it is.
 */
function uncalledDropped(text: string, line: string): string {
  const lines = text.split('\n');
  if (lines.length > 5000) return text;
  const defs: { name: string; from: number; to: number }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const fn = functionAt(lines, i);
    if (fn === undefined) continue;
    if (!fn.closed || !/\}\s*;?\s*(?:#.*)?$/.test(lines[fn.to]!)) return text;
    defs.push({ name: fn.name, from: i, to: fn.to });
    i = fn.to;
  }
  // An alias the command line calls after sourcing (with expand_aliases on) runs its value: that is added as code
  const calledAliases: string[] = [];
  for (const l of lines) {
    const a = /^\s*alias\s+([^=\s]+)=(?:'([^']*)'|"([^"]*)"|(\S+))/.exec(l);
    if (a && calls(line, a[1]!)) calledAliases.push(a[2] ?? a[3] ?? a[4] ?? '');
  }
  const extra = calledAliases.length > 0 ? `\n${calledAliases.join('\n')}\n` : '';
  if (defs.length === 0) return text + extra;
  const inDef = new Set(defs.flatMap((d) => Array.from({ length: d.to - d.from + 1 }, (_, k) => d.from + k)));
  const outside = lines.filter((_, k) => !inDef.has(k)).join('\n');
  const used = calledDefs(defs, `${outside}\n${line}${extra}`, (d) => lines.slice(d.from, d.to + 1).join('\n'));
  return lines.filter((_, k) => !inDef.has(k) || defs.some((d) => used.has(d.name) && k >= d.from && k <= d.to)).join('\n') + extra;
}

const MAX_GLOBBED_SCRIPTS = 8;

/**
 * `find scripts -name '*.py' -exec python3 {} \;` arrives as `python3 scripts/**\/*.py`: a pattern of what find
 * hands over, not a variable. Each file it matches (a few) is followed; true when the word was such a pattern.
 */
function globbedFiles(word: string, ctx: EffectsContext, follow: (file: string) => void): boolean {
  if (!/[*?]/.test(word) || /[$`]/.test(word) || ctx.facts === undefined || ctx.cwd === undefined) return false;
  const g = ctx.facts.glob(word, ctx.cwd, { globstar: true });
  if (g === undefined) return false;
  for (const f of g.matches.filter((m) => ctx.facts!.stat(m)?.kind === 'file').slice(0, MAX_GLOBBED_SCRIPTS)) follow(f);
  return true;
}

function followScriptFile(cmd: SimpleCommand, ctx: EffectsContext, out: Derived): void {
  const name = cmd.name!;
  if (SHELLS.has(name)) interactiveRc(cmd, ctx, out);
  if (SHELLS.has(name) || name === 'source' || name === '.') {
    // -c: the analyzer's business; -n reads without running anything; -s: the script is stdin (words are its arguments)
    if (name !== 'source' && name !== '.' && cmd.args.some((a) => /^-[a-zA-Z]*[cn][a-zA-Z]*$/.test(a))) return;
    const readsStdin = name !== 'source' && name !== '.' && cmd.args.some((a) => /^-[a-zA-Z]*s[a-zA-Z]*$/.test(a));
    const i = name === 'source' || name === '.' ? firstOperand(cmd.args, []) : readsStdin ? -1 : firstOperand(cmd.args, SHELL_VALUED);
    const fromStdin = i < 0 && name !== 'source' && name !== '.' ? stdinFile(cmd) : undefined;
    if (fromStdin !== undefined) return followFile(fromStdin, 'shell', `${name} < ${fromStdin}`, ctx, out, cmd);
    if (i >= 0 && globbedFiles(cmd.args[i]!, ctx, (f) => followFile(f, 'shell', f, ctx, out, cmd))) return;
    if (i < 0 || cmd.argDynamic[i]) return;
    const file = cmd.args[i];
    // `source ~/.bashrc; kctx dev`: of the functions it defines, only those something calls run (see uncalledDropped)
    if ((name === 'source' || name === '.') && ctx.line !== undefined) {
      const f = readFile(file, ctx, out, MAX_SHELL_FILE, file);
      if (f && !f.text.slice(0, 1024).includes('\u0000')) out.scripts.push({ text: uncalledDropped(f.text, ctx.line), via: file });
      return;
    }
    followFile(file, 'shell', file, ctx, out, cmd);
    return;
  }
  const base = name.replace(/[\d.]+$/, '');
  if (CODE_RUNNERS.has(name) || CODE_RUNNERS.has(base)) {
    // Files loaded before the code runs: `node --import ./x.mjs -e 0`, `node -r ./x.js`, `NODE_OPTIONS='--import ./x.mjs'`.
    const preload = [...cmd.args, ...(cmd.assignments.NODE_OPTIONS ?? '').split(/\s+/)];
    for (let k = 0; k < preload.length; k++) {
      const a = preload[k]!;
      const v = a === '--import' || a === '--require' || a === '-r' || a === '--loader' ? preload[k + 1] : /^--(?:import|require|loader)=/.test(a) ? a.slice(a.indexOf('=') + 1) : undefined;
      if (v !== undefined && /^\.{0,2}\//.test(v)) followFile(v, 'code', `${name} ${a.split('=')[0]} ${v}`, ctx, out, cmd);
    }
    // `python -m scripts.tidy`: a module of the project is its file (scripts/tidy.py, or scripts/tidy/__main__.py).
    const m = cmd.args.indexOf('-m');
    if (/^python/.test(name) && m >= 0 && /^[A-Za-z_][\w.]*$/.test(cmd.args[m + 1] ?? '') && !cmd.argDynamic[m + 1]) {
      const mod = cmd.args[m + 1]!.replace(/\./g, '/');
      const found = [`${mod}.py`, `${mod}/__main__.py`].find((f) => ctx.cwd !== undefined && ctx.facts?.stat(normalizePath(f, pathCtx(ctx)))?.kind === 'file');
      if (found !== undefined) followFile(found, 'code', `${name} -m ${cmd.args[m + 1]}`, ctx, out, cmd);
      return;
    }
    if (cmd.args.some((a) => ['-c', '-e', '-E', '-r', '--eval', '-p', '--print', '-m'].includes(a) || /^-[a-zA-Z]*[ceE]$/.test(a))) return;
    // `php -l f.php`, `node --check f.js`: a syntax check parses the file and runs none of it
    if ((base === 'php' && cmd.args.some((a) => a === '-l' || a === '--syntax-check')) || (base === 'node' && cmd.args.includes('--check'))) return;
    const i = firstOperand(cmd.args, CODE_VALUED);
    const fromStdin = i < 0 || cmd.args[i] === '-' ? stdinFile(cmd) : undefined;
    if (fromStdin !== undefined) return followFile(fromStdin, 'code', `${name} < ${fromStdin}`, ctx, out, cmd);
    if (i >= 0 && globbedFiles(cmd.args[i]!, ctx, (f) => followFile(f, 'code', `${name} ${f}`, ctx, out, cmd))) return;
    if (i < 0 || cmd.argDynamic[i] || cmd.args[i] === '-') return;
    const file = cmd.args[i];
    // `bun run x.mjs`, `deno run -A x.ts`: the file after the sub-command; `bun x`, `deno task`: not a file
    if ((name === 'bun' || name === 'deno') && file === 'run') {
      const j = firstOperand(cmd.args.slice(i + 1), CODE_VALUED);
      const f = j < 0 ? undefined : cmd.args[i + 1 + j];
      if (f !== undefined && !cmd.argDynamic[i + 1 + j] && /\.[cm]?[jt]sx?$/.test(f)) followFile(f, 'code', `${name} run ${f}`, ctx, out, cmd);
      return;
    }
    if ((name === 'bun' || name === 'deno') && ['x', 'test', 'install', 'add', 'task', 'fmt', 'lint', 'check', 'compile', 'eval', 'repl'].includes(file)) return;
    if (!/\.[A-Za-z0-9]+$/.test(file) && !file.includes('/')) return; // `python manage` is a module-ish name, not a file we can place
    followFile(file, 'code', `${name} ${file}`, ctx, out, cmd);
    return;
  }
  const p = pathName(cmd);
  // `cp /bin/rm ./x && ./x -rf data`: the copy runs as the program it was copied from
  const copied = p !== undefined && ctx.written !== undefined ? ctx.written.get(normalizePath(p, pathCtx(ctx))) : undefined;
  if (copied !== undefined && typeof copied === 'object' && 'program' in copied) {
    out.commands.push({ ...cmd, name: copied.program, via: [...cmd.via, `${p} (${copied.program})`] });
    return;
  }
  // Installed programs (`/usr/bin/x`) are binaries or the system's own scripts: only the project's files are read.
  if (p !== undefined && !/[*?[]/.test(p) && !SYSTEM_DIRS.test(p)) followFile(p, 'shebang', p, ctx, out, cmd);
}

/** Files inline code loads and runs (`node -e "require('./scripts/x')"`): read as that interpreter's code. */
function followLoads(cmd: SimpleCommand, ctx: EffectsContext, out: Derived): void {
  const code = inlineScript(cmd);
  if (code === undefined) return;
  for (const p of codeLoads(code)) {
    const js = /^(?:node|nodejs|bun|deno|tsx|ts-node)/.test(cmd.name ?? '') && !/\.[A-Za-z0-9]+$/.test(p);
    const file = js ? `${p}.js` : p;
    followFile(file, 'code', `${cmd.name ?? 'interpreter'} loading ${p}`, ctx, out, cmd);
  }
}

/**
 * `NODE_OPTIONS='--import ./x.mjs' npm test`: every node process the command starts (npm, npx, yarn, a test
 * runner…) loads the file first. Interpreters named directly are handled with their own options (followScriptFile).
 */
function nodeOptionsPreload(cmd: SimpleCommand, ctx: EffectsContext, out: Derived): void {
  const opts = cmd.assignments.NODE_OPTIONS;
  const name = cmd.name ?? '';
  if (opts === undefined || CODE_RUNNERS.has(name) || CODE_RUNNERS.has(name.replace(/[\d.]+$/, ''))) return;
  const words = opts.split(/\s+/);
  for (let k = 0; k < words.length; k++) {
    const a = words[k]!;
    const v = a === '--import' || a === '--require' || a === '-r' || a === '--loader' || a === '--experimental-loader' ? words[k + 1] : /^--(?:import|require|loader|experimental-loader)=/.test(a) ? a.slice(a.indexOf('=') + 1) : undefined;
    if (v !== undefined && /^\.{0,2}\//.test(v)) followFile(v, 'code', `NODE_OPTIONS ${a.split('=')[0]} ${v} (loaded by every node process ${name} starts)`, { ...ctx }, out, { ...cmd, name: 'node' } as SimpleCommand);
  }
}

// ---- git hooks and terraform plans written earlier in the same action ------------------------------------

/** The hooks a git sub-command runs (the common ones; a hook that does not run is no loss to judge). */
const GIT_HOOKS = table<string[]>({
  commit: ['pre-commit', 'prepare-commit-msg', 'commit-msg', 'post-commit'],
  push: ['pre-push', 'reference-transaction'],
  checkout: ['post-checkout'],
  switch: ['post-checkout'],
  clone: ['post-checkout'],
  merge: ['pre-merge-commit', 'commit-msg', 'post-merge'],
  pull: ['pre-merge-commit', 'commit-msg', 'post-merge', 'pre-rebase', 'post-rewrite'],
  rebase: ['pre-rebase', 'post-rewrite', 'post-checkout'],
  am: ['applypatch-msg', 'pre-applypatch', 'post-applypatch'],
  'cherry-pick': ['pre-commit', 'commit-msg', 'post-commit'],
  revert: ['pre-commit', 'commit-msg', 'post-commit'],
  gc: ['pre-auto-gc'],
  worktree: ['post-checkout'],
});

/** `printf '…' > .git/hooks/pre-commit && git commit`: the hook this action wrote is what the git command runs. */
function followGitHooks(cmd: SimpleCommand, ctx: EffectsContext, out: Derived): void {
  if (ctx.written === undefined || ctx.written.size === 0) return;
  let dir = ctx.cwd;
  let i = 0;
  const args = cmd.args;
  const set = ctx.written.get(HOOKS_PATH_KEY);
  let hooksPath = typeof set === 'string' ? set : undefined;
  for (; i < args.length && isOption(args[i]); i++) {
    if (args[i] === '-C') dir = dir === undefined ? undefined : normalizePath(args[++i] ?? '.', { cwd: dir });
    else if (args[i] === '-c' && /^core\.hookspath=/i.test(args[i + 1] ?? '')) hooksPath = normalizePath(args[++i].slice(15), pathCtx(ctx));
    else if (args[i] === '-c' || args[i] === '--git-dir' || args[i] === '--work-tree' || args[i] === '--namespace') i++;
  }
  const hooks = GIT_HOOKS[args[i] ?? ''];
  if (!hooks || dir === undefined) return;
  if (hooksPath !== undefined) {
    // git runs hooks from core.hooksPath instead of .git/hooks
    const base = hooksPath;
    const all = args.slice(i + 1).some((a) => a === '--no-verify' || a === '-n') && args[i] !== 'checkout' && args[i] !== 'switch' ? hooks.filter((x) => x.startsWith('post-')) : hooks;
    for (const h of all) followHook(`${base}/${h}`, h, ctx, out, cmd);
    return;
  }
  if (args.slice(i + 1).some((a) => a === '--no-verify' || a === '-n') && args[i] !== 'checkout' && args[i] !== 'switch') {
    // --no-verify skips pre-commit/commit-msg/pre-push; post-* hooks still run
    for (const h of hooks.filter((x) => x.startsWith('post-'))) followHook(`${dir}/.git/hooks/${h}`, h, ctx, out, cmd);
    return;
  }
  for (const h of hooks) followHook(`${dir}/.git/hooks/${h}`, h, ctx, out, cmd);
}

function followHook(abs: string, hook: string, ctx: EffectsContext, out: Derived, cmd: SimpleCommand): void {
  if (!ctx.written?.has(abs)) return;
  followFile(abs, 'shebang', `git ${hook} hook`, ctx, out, cmd);
}

/** `terraform plan -destroy -out=p && terraform apply p`: applying a plan this action made with -destroy destroys. */
function followPlan(cmd: SimpleCommand, ctx: EffectsContext, out: Derived): void {
  if (ctx.written === undefined) return;
  const args = cmd.args.filter((a) => !/^-chdir=/.test(a));
  if (args[0] !== 'apply') return;
  const file = args.slice(1).find((a) => !isOption(a));
  if (file === undefined) return;
  const plan = ctx.written.get(normalizePath(file, pathCtx(ctx)));
  if (typeof plan !== 'object' || !('tfplan' in plan) || plan.tfplan !== 'destroy') return;
  out.commands.push({ ...cmd, args: ['destroy', '-auto-approve'], argDynamic: [false, false], via: [...cmd.via, `${file} (a plan made with -destroy)`] });
}

// ---- git configuration on disk -----------------------------------------------------------------------------

/** git commands an alias cannot replace (git runs the built-in): the ones agents use. */
const GIT_BUILTINS = new Set([
  'add', 'am', 'archive', 'bisect', 'blame', 'branch', 'bundle', 'cat-file', 'checkout', 'cherry-pick', 'clean', 'clone', 'commit', 'config',
  'describe', 'diff', 'fetch', 'format-patch', 'gc', 'grep', 'init', 'log', 'ls-files', 'ls-remote', 'merge', 'mv', 'notes', 'pull', 'push',
  'rebase', 'reflog', 'remote', 'reset', 'restore', 'revert', 'rm', 'show', 'stash', 'status', 'submodule', 'switch', 'tag', 'worktree',
]);
const PAGED = new Set(['log', 'diff', 'show', 'branch', 'grep', 'blame', 'tag', 'reflog', 'shortlog', 'whatchanged', 'stash']);
const FSMONITOR_USERS = new Set(['status', 'diff', 'add', 'commit', 'checkout', 'switch', 'reset', 'restore', 'stash', 'rebase', 'merge', 'pull']);
const SSH_USERS = new Set(['push', 'pull', 'fetch', 'clone', 'ls-remote', 'submodule', 'archive']);

/** `[section "sub"] key = value` lines of a git config file, keys lower-cased as git compares them. */
function gitConfigValues(text: string): Map<string, string> {
  const out = new Map<string, string>();
  let section = '';
  for (const raw of text.split('\n').slice(0, 2000)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const head = /^\[\s*([A-Za-z0-9.-]+)(?:\s+"([^"]*)")?\s*\]/.exec(line);
    if (head) {
      section = head[2] !== undefined ? `${head[1]!.toLowerCase()}.${head[2]}` : head[1]!.toLowerCase();
      continue;
    }
    const kv = /^([A-Za-z][A-Za-z0-9-]*)\s*(?:=\s*(.*))?$/.exec(line);
    if (!kv || section === '') continue;
    let v = kv[2] ?? 'true';
    // A quoted value keeps its `#` and `;`; outside quotes they start a comment.
    const quoted = /^"((?:[^"\\]|\\.)*)"/.exec(v);
    v = quoted ? quoted[1]!.replace(/\\(["\\])/g, '$1') : v.replace(/\s+[#;].*$/, '');
    out.set(`${section}.${kv[1]!.toLowerCase()}`, v);
  }
  return out;
}

/**
 * What the repository's own config (and the user's) makes a git command run: an alias of that name
 * (`[alias] sync = !git reset --hard && git clean -fdx`), core.fsmonitor on status, diff.external on diff,
 * core.pager on paged output, core.sshCommand on push/fetch, and the hooks in core.hooksPath or .git/hooks.
 * `-c` on the command line is config_wrappers.ts's; this reads the files as they are at decision time.
 */
function followGitConfig(cmd: SimpleCommand, ctx: EffectsContext, out: Derived): void {
  if (!ctx.facts || ctx.cwd === undefined) return;
  const args = cmd.args;
  let dir: string | undefined = ctx.cwd;
  let i = 0;
  for (; i < args.length && isOption(args[i]!); i++) {
    if (args[i] === '-C') dir = normalizePath(args[++i] ?? '.', { cwd: dir });
    else if (args[i] === '-c' || args[i] === '--git-dir' || args[i] === '--work-tree' || args[i] === '--namespace' || args[i] === '--config-env') i++;
  }
  const sub = args[i];
  if (sub === undefined || cmd.argDynamic[i]) return;
  let repo: string | undefined;
  for (let d = normalizePath(dir), k = 0; d.length > 1 && k < 24; d = d.replace(/\/[^/]*$/, '') || '/', k++) {
    if (ctx.facts.lstat(`${d}/.git`)?.kind === 'dir') {
      repo = d;
      break;
    }
  }
  const files = [repo !== undefined ? `${repo}/.git/config` : undefined, ctx.home !== undefined ? `${normalizePath(ctx.home)}/.gitconfig` : undefined, ctx.home !== undefined ? `${normalizePath(ctx.home)}/.config/git/config` : undefined];
  const conf = new Map<string, string>();
  // The repository's value wins over the user's: read the user's first.
  for (const f of files.reverse()) {
    if (f === undefined) continue;
    const text = ctx.facts.readText(f, 64 * 1024);
    if (text !== undefined) for (const [k, v] of gitConfigValues(text)) conf.set(k, v);
  }
  const rest = args.slice(i + 1).join(' ');
  const alias = GIT_BUILTINS.has(sub) ? undefined : conf.get(`alias.${sub.toLowerCase()}`);
  if (alias !== undefined) out.scripts.push({ text: alias.startsWith('!') ? `${alias.slice(1)} ${rest}` : `git ${alias} ${rest}`, via: `git ${sub} (an alias in the git config)` });
  const run = (value: string | undefined, what: string): void => {
    if (value === undefined || /^(?:true|false|yes|no|on|off|0|1|)$/i.test(value.trim())) return;
    out.scripts.push({ text: value, via: `git ${sub} (${what} in the git config)` });
  };
  if (FSMONITOR_USERS.has(sub)) run(conf.get('core.fsmonitor'), 'core.fsmonitor');
  const patch = args.slice(i + 1).some((a) => /^-[a-zA-Z]*p|^--patch$|^-U\d*$/.test(a));
  if (sub === 'diff' || sub === 'show' || ((sub === 'log' || sub === 'stash') && patch)) run(conf.get('diff.external'), 'diff.external');
  if (PAGED.has(sub) && !args.slice(0, i).includes('--no-pager')) run(conf.get(`pager.${sub}`) ?? conf.get('core.pager'), 'its pager');
  if (SSH_USERS.has(sub)) run(conf.get('core.sshcommand'), 'core.sshCommand');
  if (sub === 'push') pushByConfig(args.slice(i + 1), conf, out);
  // Content filters (.gitattributes `filter=NAME`): git runs filter.NAME.clean on add/diff/status/commit, smudge on checkout
  if (FSMONITOR_USERS.has(sub) && repo !== undefined) {
    const attrs = ctx.facts.readText(`${repo}/.gitattributes`, 64 * 1024) ?? '';
    for (const m of [...attrs.matchAll(/\bfilter=([\w.-]+)/g)].slice(0, 4)) {
      for (const kind of ['clean', 'smudge', 'process']) run(conf.get(`filter.${m[1]}.${kind}`), `filter.${m[1]}.${kind}`);
    }
  }
  if (sub === 'difftool') {
    // `git difftool -x CMD` / `--extcmd=CMD`: CMD runs with each changed file's two versions
    const a = args.slice(i + 1);
    const k = a.findIndex((x) => x === '-x' || x === '--extcmd' || x.startsWith('--extcmd='));
    const ext = k < 0 ? undefined : a[k].startsWith('--extcmd=') ? a[k].slice(9) : a[k + 1];
    if (ext !== undefined) out.scripts.push({ text: `${ext} "$LOCAL" "$REMOTE"`, via: 'git difftool --extcmd' });
  }
  const hooks = GIT_HOOKS[sub];
  if (hooks && repo !== undefined) {
    const hooksPath = conf.get('core.hookspath');
    const base = hooksPath !== undefined ? normalizePath(hooksPath, { cwd: repo, ...(ctx.home !== undefined ? { home: ctx.home } : {}) }) : `${repo}/.git/hooks`;
    const skipPre = args.slice(i + 1).some((a) => a === '--no-verify' || a === '-n') && sub !== 'checkout' && sub !== 'switch';
    for (const h of hooks) {
      if (skipPre && !h.startsWith('post-')) continue;
      if (ctx.facts.stat(`${base}/${h}`)?.kind === 'file') followFile(`${base}/${h}`, 'shebang', `git ${h} hook`, ctx, out, cmd);
    }
  }
}

/**
 * `git push origin` with no refspec pushes what the remote's config says: `remote.origin.push = +refs/heads/*…`
 * forces, `remote.origin.mirror = true` mirrors (deleting remote refs this clone lacks). Judged as the same push
 * with that setting spelled out.
 */
function pushByConfig(args: readonly string[], conf: Map<string, string>, out: Derived): void {
  if (args.some((a) => a === '-n' || a === '--dry-run')) return;
  const ops = args.filter((a) => !a.startsWith('-'));
  if (ops.length > 1) return; // explicit refspecs replace the configured ones (a mirror remote refuses them)
  const remote = ops[0] ?? conf.get('remote.pushdefault') ?? 'origin';
  if (!/^[\w.-]+$/.test(remote)) return;
  const lower = remote.toLowerCase();
  const refspec = conf.get(`remote.${remote}.push`) ?? conf.get(`remote.${lower}.push`);
  const mirror = conf.get(`remote.${remote}.mirror`) ?? conf.get(`remote.${lower}.mirror`);
  const settings: string[] = [];
  if (refspec !== undefined && refspec.trim().startsWith('+')) settings.push(`remote.${remote}.push=${refspec.trim()}`);
  if (mirror !== undefined && /^(?:true|yes|on|1)$/i.test(mirror.trim())) settings.push(`remote.${remote}.mirror=true`);
  if (settings.length > 0) out.scripts.push({ text: commandLine(['git', ...settings.flatMap((x) => ['-c', x]), 'push', remote]), via: `git push ${remote} (the remote's settings in the git config)` });
}

// ---- Tcl scripts and database shells' script files --------------------------------------------------------

function pushRuns(runs: CodeRuns, label: string, out: Derived, text: string): void {
  for (const line of runs.shell) out.scripts.push({ text: line, via: label });
  for (const u of runs.unknown.slice(0, 4)) out.findings.push({ rule: 'shell.unknown-code', detail: `${label}: ${u}`, text: text.length > 200 ? `${text.slice(0, 200)}…` : text });
}

const TCL = new Set(['tclsh', 'wish', 'expect', 'jimsh']);
const DB_SHELLS = table<'psql' | 'mysql' | 'sqlite3'>({ psql: 'psql', mysql: 'mysql', mariadb: 'mysql', sqlite3: 'sqlite3', sqlite: 'sqlite3' });

/** `tclsh job.tcl`, `expect -f x.exp`, `psql -f x.sql`, `mysql < x.sql`, `sqlite3 db < x.sql`: what the file's code runs. */
function followCodeFile(cmd: SimpleCommand, ctx: EffectsContext, out: Derived): void {
  const name = cmd.name!;
  const files: string[] = [];
  if (TCL.has(name)) {
    if (cmd.args.includes('-c')) return; // inline code: the analyzer's business
    const f = cmd.args.findIndex((a) => a === '-f');
    const i = f >= 0 ? f + 1 : firstOperand(cmd.args, []);
    if (i >= 0 && i < cmd.args.length && !cmd.argDynamic[i] && cmd.args[i] !== '-') files.push(cmd.args[i]);
  } else if (DB_SHELLS[name] === 'psql') {
    for (let k = 0; k < cmd.args.length; k++) {
      const a = cmd.args[k];
      if ((a === '-f' || a === '--file') && !cmd.argDynamic[k + 1]) files.push(cmd.args[k + 1] ?? '');
      else if (a.startsWith('--file=')) files.push(a.slice(7));
      else if (/^-f./.test(a)) files.push(a.slice(2));
    }
  } else if (name === 'redis-cli' || name === 'valkey-cli' || name === 'keydb-cli') {
    // `redis-cli < cmds.txt`: each line is a command with the same connection options
    const file = stdinFile(cmd);
    if (file === undefined || file.startsWith('/dev/')) return;
    const f = readFile(file, ctx, out, MAX_CODE_FILE, `${name} < ${file}`);
    for (const line of f?.text.split('\n').map((l) => l.trim()).filter((l) => l.length > 0 && !l.startsWith('#')).slice(0, 64) ?? []) out.commands.push({ ...cmd, args: [...cmd.args, ...line.split(/\s+/)], argDynamic: [...cmd.argDynamic, ...line.split(/\s+/).map(() => false)], redirects: [], via: [...cmd.via, `${name} < ${file}`] } as SimpleCommand);
    return;
  } else if (DB_SHELLS[name] === undefined) return;
  const fromStdin = stdinFile(cmd);
  if (fromStdin !== undefined) files.push(fromStdin);
  // `psql < /dev/null`: a device holds no code to read
  for (const file of files.filter((x) => x !== '' && x !== '-' && !x.startsWith('/dev/')).slice(0, 4)) {
    const f = readFile(file, ctx, out, MAX_CODE_FILE, `${name} ${file}`);
    if (!f) continue;
    const kind = DB_SHELLS[name];
    pushRuns(kind !== undefined ? dbShellRuns(kind, f.text) : tclRuns(f.text), `${name} ${file}`, out, f.text);
  }
}

export function followsOf(cmd: SimpleCommand, ctx: EffectsContext, out: Derived): void {
  if (cmd.name === undefined) return;
  // No file system to read: only files this same action wrote can be followed.
  if (!ctx.facts && ctx.written === undefined) return;
  const name = cmd.name;
  if (name === 'git') {
    followGitHooks(cmd, ctx, out);
    followGitConfig(cmd, ctx, out);
  }
  if (name === 'terraform' || name === 'tofu') followPlan(cmd, ctx, out);
  followLoads(cmd, ctx, out);
  taskRunnerEffects(cmd, ctx, out);
  nodeOptionsPreload(cmd, ctx, out);
  if (name === 'npm' || name === 'pnpm' || name === 'yarn' || name === 'bun') {
    followPackageScripts(cmd, ctx, out);
    if (name === 'bun') followScriptFile(cmd, ctx, out);
    return;
  }
  if (name === 'ssh') {
    // `ssh host 'bash -s' < cleanup.sh`, `cat cleanup.sh | ssh host sh`: the file is the script the host runs
    const file = stdinFile(cmd);
    const words = cmd.args.filter((a) => !a.startsWith('-'));
    if (file !== undefined && !file.startsWith('/dev/') && (words.length <= 1 || /^(?:(?:\/\S*\/)?(?:ba|z|da|k)?sh)$/.test((words[1] ?? '').trim().split(/\s+/)[0] ?? ''))) followFile(file, 'shell', `ssh ${words[0] ?? ''} < ${file}`, ctx, out, cmd);
    return;
  }
  if (TCL.has(name) || DB_SHELLS[name] !== undefined || name === 'redis-cli' || name === 'valkey-cli' || name === 'keydb-cli') return followCodeFile(cmd, ctx, out);
  if (name === 'make' || name === 'gmake') return followMake(cmd, ctx, out);
  if (name === 'just') return followRecipes(JUST, cmd, ctx, out);
  if (name === 'task' || name === 'go-task') return followRecipes(TASK, cmd, ctx, out);
  followScriptFile(cmd, ctx, out);
}

