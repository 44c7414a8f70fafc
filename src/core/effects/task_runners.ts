// Task runners that read their tasks from a config file in the project: what `composer tidy`, `deno task x`,
// `poe x`, `pdm run x`, `hatch run x`, `cargo make x`, `nx run app:x`, `lerna run x`, `turbo run x`, `rake x`,
// `tox -e x`, `nox -s x`, `invoke x`, `gradle x`, `pre-commit run`, `lefthook run x`, `go generate`,
// `pip install .` (setup.py), `ansible-playbook play.yml` and `npm install` in a workspace will run, read at
// decision time through the injected facts. Each reader knows only its own file format and hands back command
// lines (judged in full, like any script) or code (read by the interpreter scan). Unknown shapes add nothing:
// the command as written is always judged too, so a reader can only add findings, never remove one.
import type * as JsoncLib from 'jsonc-parser';
import type * as TomlLib from 'smol-toml';
import type * as YamlLib from 'yaml';
import { normalizePath } from '../paths';
import type { SimpleCommand } from '../rules/types';
import { isOption } from '../shell/argv';
import { optionValue as wordsOptionValue, optionValues as wordsOptionValues, positionals } from '../rules/lib/words';
import { table } from '../table';
import { codeEffects, inlineCodeCommand } from './interpreters';
import { readFile } from './read_file';
import type { Derived, EffectsContext } from './types';
import { commandLine } from './words';

const MAX_CONFIG = 512 * 1024;
const MAX_TASKS = 32;
const MAX_MEMBERS = 24;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
/** Own keys only: a task named `constructor` or `__proto__` is a task like any other, never Object's. */
const own = (o: unknown, k: string): unknown => (isObj(o) && Object.hasOwn(o, k) ? o[k] : undefined);

interface Run {
  cmd: SimpleCommand;
  ctx: EffectsContext;
  out: Derived;
  label: string;
}

function shell(run: Run, text: string, cwd?: string): void {
  if (text.trim().length === 0) return;
  run.out.scripts.push({ text, via: run.label, ...(cwd !== undefined ? { cwd } : {}) });
}

function argv(run: Run, words: unknown[], cwd?: string): void {
  const w = words.filter((x): x is string | number => typeof x === 'string' || typeof x === 'number').map(String);
  if (w.length > 0) shell(run, commandLine(w), cwd);
}

function code(run: Run, text: string): void {
  codeEffects(text, run.label, false, run.out, run.cmd);
}

function dirOf(ctx: EffectsContext, rel: string | undefined): string | undefined {
  if (ctx.cwd === undefined) return undefined;
  return rel === undefined ? ctx.cwd : normalizePath(rel, { cwd: ctx.cwd });
}

/** The first of these files that exists in `dir`, read within the action's budget. */
function readFirst(run: Run, dir: string, names: readonly string[]): { abs: string; text: string } | undefined {
  for (const n of names) {
    const abs = normalizePath(n, { cwd: dir });
    if (!run.ctx.facts?.stat(abs) && !run.ctx.written?.has(abs)) continue;
    return readFile(abs, { ...run.ctx, cwd: dir }, run.out, MAX_CONFIG, run.label);
  }
  return undefined;
}

// The parsers load on first use: most commands run no task runner, and the hook pays for every byte it evaluates.
let jsonc: typeof JsoncLib | undefined;
let toml: typeof TomlLib | undefined;
let yaml: typeof YamlLib | undefined;

function jsonOf(text: string): unknown {
  try {
    jsonc ??= require('jsonc-parser') as typeof JsoncLib;
    return jsonc.parse(text, [], { allowTrailingComma: true }) as unknown;
  } catch {
    return undefined;
  }
}

function tomlOf(text: string): unknown {
  try {
    toml ??= require('smol-toml') as typeof TomlLib;
    return toml.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function yamlOf(text: string): unknown[] {
  try {
    yaml ??= require('yaml') as typeof YamlLib;
    return yaml.parseAllDocuments(text, { uniqueKeys: false }).slice(0, 16).map((d) => d.toJS({ maxAliasCount: 50 }) as unknown);
  } catch {
    return [];
  }
}

/** Non-option words from `from` on, skipping the values of options that take one (rules/lib/words.ts). */
function operands(args: readonly string[], valued: readonly string[], from = 0): string[] {
  return positionals(args.slice(from), new Set(valued));
}

const longs = (names: readonly string[]): string[] => names.filter((n) => n.startsWith('--'));
const shorts = (names: readonly string[]): string[] => names.filter((n) => !n.startsWith('--'));

function optionValue(args: readonly string[], names: readonly string[]): string | undefined {
  return wordsOptionValue(args, longs(names), shorts(names));
}

function optionValues(args: readonly string[], names: readonly string[]): string[] {
  return wordsOptionValues(args, longs(names), shorts(names));
}

/** A walk over task names that follows each name once and at most MAX_TASKS of them (tasks that name tasks can loop). */
function onceEach(step: (name: string) => void): (name: string) => void {
  const seen = new Set<string>();
  return (name) => {
    if (seen.has(name) || seen.size > MAX_TASKS) return;
    seen.add(name);
    step(name);
  };
}

// ---- JSON task files: composer, deno, nx -----------------------------------------------------------------

const COMPOSER_BUILTINS = new Set([
  'about', 'archive', 'audit', 'browse', 'home', 'bump', 'check-platform-reqs', 'clear-cache', 'clearcache', 'cc', 'config', 'create-project',
  'depends', 'why', 'diagnose', 'dump-autoload', 'dumpautoload', 'exec', 'fund', 'global', 'help', 'init', 'install', 'i', 'licenses', 'list',
  'outdated', 'prohibits', 'why-not', 'reinstall', 'remove', 'rm', 'require', 'r', 'run-script', 'run', 'search', 'self-update', 'selfupdate',
  'show', 'info', 'status', 'suggests', 'update', 'u', 'upgrade', 'validate', 'require-checker',
]);
const COMPOSER_EVENTS = table<string[]>({
  install: ['pre-install-cmd', 'post-install-cmd', 'pre-autoload-dump', 'post-autoload-dump'], i: ['pre-install-cmd', 'post-install-cmd', 'pre-autoload-dump', 'post-autoload-dump'],
  update: ['pre-update-cmd', 'post-update-cmd', 'pre-autoload-dump', 'post-autoload-dump'], u: ['pre-update-cmd', 'post-update-cmd', 'pre-autoload-dump', 'post-autoload-dump'],
  upgrade: ['pre-update-cmd', 'post-update-cmd', 'pre-autoload-dump', 'post-autoload-dump'],
  'dump-autoload': ['pre-autoload-dump', 'post-autoload-dump'], dumpautoload: ['pre-autoload-dump', 'post-autoload-dump'],
  'create-project': ['post-root-package-install', 'post-create-project-cmd'], require: ['pre-update-cmd', 'post-update-cmd'], remove: ['pre-update-cmd', 'post-update-cmd'],
});

function composer(run: Run): void {
  const a = run.cmd.args;
  if (a.includes('--no-scripts')) return;
  const dir = dirOf(run.ctx, optionValue(a, ['-d', '--working-dir']));
  const words = operands(a, ['-d', '--working-dir']);
  const verb = words[0];
  if (verb === undefined || dir === undefined) return;
  const names = verb === 'run-script' || verb === 'run' ? words.slice(1, 2) : COMPOSER_EVENTS[verb] ?? (COMPOSER_BUILTINS.has(verb) ? [] : [verb]);
  if (names.length === 0) return;
  const f = readFirst(run, dir, [a.includes('--global') ? '' : 'composer.json'].filter(Boolean));
  const scripts = own(f ? jsonOf(f.text) : undefined, 'scripts');
  const visit = onceEach((name) => {
    const body = own(scripts, name);
    for (const line of (Array.isArray(body) ? body : [body]).filter((x): x is string => typeof x === 'string')) {
      if (line.startsWith('@putenv')) continue;
      if (line.startsWith('@php ')) shell(run, `php ${line.slice(5)}`, dir);
      else if (line.startsWith('@composer ')) shell(run, `composer ${line.slice(10)}`, dir);
      else if (line.startsWith('@')) visit(line.slice(1).split(/\s+/)[0]);
      else if (/^[\w\\]+::\w+$/.test(line)) continue; // a PHP callback: code in the vendor tree
      else shell(run, line, dir);
    }
  });
  for (const n of names) visit(n);
}

function denoTask(run: Run): void {
  const a = run.cmd.args;
  if (a[0] !== 'task') return;
  const cfg = optionValue(a, ['-c', '--config']);
  const dir = dirOf(run.ctx, optionValue(a, ['--cwd']));
  const name = operands(a, ['-c', '--config', '--cwd', '-f', '--filter'], 1)[0];
  if (name === undefined || dir === undefined) return;
  const f = cfg !== undefined ? readFile(cfg, run.ctx, run.out, MAX_CONFIG, run.label) : readFirst(run, dir, ['deno.json', 'deno.jsonc']);
  const tasks = own(f ? jsonOf(f.text) : undefined, 'tasks');
  const visit = onceEach((n) => {
    const t = own(tasks, n);
    for (const d of Array.isArray(own(t, 'dependencies')) ? (own(t, 'dependencies') as unknown[]) : []) if (typeof d === 'string') visit(d);
    const body = str(t) ?? str(own(t, 'command'));
    if (body !== undefined) shell(run, body, dir);
  });
  visit(name);
  // A name deno.json does not define may be a package.json script, which `deno task` also runs.
  if (own(tasks, name) === undefined) {
    const pkg = readFirst(run, dir, ['package.json']);
    const body = str(own(own(pkg ? jsonOf(pkg.text) : undefined, 'scripts'), name));
    if (body !== undefined) shell(run, body, dir);
  }
}

/** Directories that hold projects or packages: the package.json `workspaces`, pnpm-workspace.yaml, lerna.json. */
function workspaceMembers(run: Run, root: string): string[] {
  const facts = run.ctx.facts;
  if (!facts) return [];
  const patterns: string[] = [];
  const pkg = readFirst(run, root, ['package.json']);
  const ws = own(pkg ? jsonOf(pkg.text) : undefined, 'workspaces');
  for (const p of Array.isArray(ws) ? ws : Array.isArray(own(ws, 'packages')) ? (own(ws, 'packages') as unknown[]) : []) if (typeof p === 'string') patterns.push(p);
  if (facts.stat(`${root}/pnpm-workspace.yaml`)) {
    const y = readFirst(run, root, ['pnpm-workspace.yaml']);
    const pk = own(y ? yamlOf(y.text)[0] : undefined, 'packages');
    for (const p of Array.isArray(pk) ? pk : []) if (typeof p === 'string') patterns.push(p);
  }
  if (facts.stat(`${root}/lerna.json`)) {
    const l = readFirst(run, root, ['lerna.json']);
    const pk = own(l ? jsonOf(l.text) : undefined, 'packages');
    for (const p of Array.isArray(pk) ? pk : []) if (typeof p === 'string') patterns.push(p);
  }
  if (patterns.length === 0) patterns.push('packages/*', 'apps/*', 'libs/*');
  const out: string[] = [];
  for (const p of patterns.slice(0, 16)) {
    if (p.startsWith('!')) continue;
    const g = facts.glob(p.replace(/\/+$/, '').replace(/\/\*\*$/, '/*'), root);
    for (const m of g?.matches ?? []) {
      if (out.length >= MAX_MEMBERS) break;
      if (facts.stat(m)?.kind === 'dir' && !out.includes(m)) out.push(m);
    }
  }
  return out;
}

/** `lerna run x`, `turbo run x`, `nx run-many -t x`, `npm install` in a workspace: the same script in every member. */
function memberScripts(run: Run, root: string, names: readonly string[]): void {
  const members = workspaceMembers(run, root);
  if (members.length >= MAX_MEMBERS) run.out.findings.push({ rule: 'shell.too-complex', detail: `${run.label}: more workspace packages than Airlock reads`, text: run.label });
  for (const m of members) {
    if (!run.ctx.facts?.stat(`${m}/package.json`)) continue;
    const pkg = readFile(`${m}/package.json`, run.ctx, run.out, MAX_CONFIG, run.label);
    const scripts = own(pkg ? jsonOf(pkg.text) : undefined, 'scripts');
    for (const n of names) {
      const body = str(own(scripts, n));
      if (body !== undefined) shell(run, body, m);
    }
  }
}

function lerna(run: Run): void {
  const a = run.cmd.args;
  if (a[0] !== 'run' && a[0] !== 'exec') return;
  const root = run.ctx.cwd;
  if (root === undefined) return;
  if (a[0] === 'exec') return; // `lerna exec -- cmd`: the command after `--` is judged as a wrapper's (below)
  const names = operands(a, ['--scope', '--ignore', '--concurrency', '--since'], 1).slice(0, 1);
  memberScripts(run, root, names);
}

function turbo(run: Run): void {
  const a = run.cmd.args;
  const words = operands(a, ['--filter', '-F', '--concurrency', '--cache-dir', '--graph', '--env-mode', '--output-logs', '--log-order', '--cwd']);
  const names = words[0] === 'run' ? words.slice(1) : ['prune', 'login', 'logout', 'link', 'unlink', 'gen', 'daemon', 'ls', 'info', 'query', 'scan', 'telemetry', 'bin', 'generate', 'boundaries', 'watch'].includes(words[0] ?? '') ? [] : words;
  const root = dirOf(run.ctx, optionValue(a, ['--cwd']));
  if (root === undefined || names.length === 0 || a.includes('--dry') || a.includes('--dry-run') || a.some((x) => x.startsWith('--dry='))) return;
  memberScripts(run, root, names.slice(0, 8));
}

/** Nx: `nx run app:tidy`, `nx tidy app`, `nx run-many -t tidy`, `nx affected -t tidy`: project.json targets and package scripts. */
function nx(run: Run): void {
  const a = run.cmd.args;
  const root = run.ctx.cwd;
  if (root === undefined || a.includes('--dry-run') || a.includes('--help')) return;
  const words = operands(a, ['-t', '--target', '--targets', '-p', '--projects', '--exclude', '-c', '--configuration', '--parallel', '--base', '--head', '--output-style']);
  let targets: string[] = [];
  let project: string | undefined;
  if (words[0] === 'run' && words[1] !== undefined) [project, targets[0]] = words[1].split(':');
  else if (words[0] === 'run-many' || words[0] === 'affected') targets = optionValues(a, ['-t', '--target', '--targets']).flatMap((t) => t.split(','));
  else if (words[0] !== undefined && !['graph', 'show', 'list', 'report', 'init', 'add', 'migrate', 'reset', 'daemon', 'connect', 'g', 'generate', 'format', 'format:check', 'format:write', 'release', 'repair', 'sync', 'watch', 'view-logs', 'exec'].includes(words[0])) {
    if (words[0].includes(':')) [project, targets[0]] = words[0].split(':');
    else [targets[0], project] = [words[0], words[1]];
  }
  targets = targets.filter((t): t is string => typeof t === 'string' && t.length > 0).slice(0, 8);
  if (targets.length === 0) return;
  for (const dir of [root, ...workspaceMembers(run, root)].slice(0, MAX_MEMBERS)) {
    const pj = run.ctx.facts?.stat(`${dir}/project.json`) ? readFile(`${dir}/project.json`, run.ctx, run.out, MAX_CONFIG, run.label) : undefined;
    const pjson = pj ? jsonOf(pj.text) : undefined;
    const pk = run.ctx.facts?.stat(`${dir}/package.json`) ? readFile(`${dir}/package.json`, run.ctx, run.out, MAX_CONFIG, run.label) : undefined;
    const pkjson = pk ? jsonOf(pk.text) : undefined;
    const name = str(own(pjson, 'name')) ?? str(own(pkjson, 'name'));
    if (project !== undefined && name !== project && name?.replace(/^@[^/]+\//, '') !== project) continue;
    for (const t of targets) {
      const target = own(own(pjson, 'targets'), t);
      const options = own(target, 'options');
      const cwd = str(own(options, 'cwd')) !== undefined ? normalizePath(str(own(options, 'cwd'))!, { cwd: root }) : root;
      const cmds = [own(options, 'command'), ...(Array.isArray(own(options, 'commands')) ? (own(options, 'commands') as unknown[]) : []), own(target, 'command')];
      for (const c of cmds) {
        const text = str(c) ?? str(own(c, 'command'));
        if (text !== undefined) shell(run, text, cwd);
      }
      if (target === undefined) {
        const body = str(own(own(pkjson, 'scripts'), t));
        if (body !== undefined) shell(run, body, dir);
      }
    }
  }
}

// ---- TOML task files: poe, pdm, hatch, cargo-make, tox.toml ---------------------------------------------------

/** One task value in the poe/pdm/hatch style: a string, a list, or a table with cmd/shell/composite/sequence/ref. */
function tomlTask(run: Run, value: unknown, dir: string, follow: (name: string) => void, tool: 'poe' | 'pdm' | 'hatch'): void {
  if (typeof value === 'string') {
    if (tool === 'hatch' && /^[\w-]+$/.test(value.trim())) follow(value.trim());
    return shell(run, value, dir);
  }
  if (Array.isArray(value)) {
    // poe: a list is a sequence of tasks; hatch: a list of commands; pdm: an argv list
    if (tool === 'pdm') return argv(run, value, dir);
    // poe's sequence items are task names unless they are tables; hatch's are command lines
    for (const v of value.slice(0, MAX_TASKS)) {
      if (tool === 'poe' && typeof v === 'string' && /^[\w-]+$/.test(v)) follow(v);
      else tomlTask(run, v, dir, follow, tool);
    }
    return;
  }
  if (!isObj(value)) return;
  const cmd = own(value, 'cmd');
  if (typeof cmd === 'string') shell(run, cmd, dir);
  else if (Array.isArray(cmd)) argv(run, cmd, dir);
  const sh = str(own(value, 'shell'));
  if (sh !== undefined) shell(run, sh, dir);
  const ref = str(own(value, 'ref'));
  if (ref !== undefined) follow(ref.split(/\s+/)[0]);
  for (const key of ['sequence', 'composite']) {
    const seq = own(value, key);
    if (Array.isArray(seq)) for (const s of seq.slice(0, MAX_TASKS)) {
      if (typeof s === 'string' && tool === 'pdm') {
        const first = s.split(/\s+/)[0];
        follow(first);
        shell(run, s, dir);
      } else if (typeof s === 'string' && /^[\w-]+$/.test(s)) follow(s);
      else tomlTask(run, s, dir, follow, tool);
    }
  }
  const script = str(own(value, 'script')) ?? str(own(value, 'call'));
  if (script !== undefined && /^[\w.]+:\w/.test(script)) {
    // `module:function`: Python in the project; read the module if it is a file here
    const mod = script.split(':')[0].replace(/\./g, '/');
    for (const p of [`${mod}.py`, `src/${mod}.py`, `${mod}/__init__.py`]) {
      if (!run.ctx.facts?.stat(normalizePath(p, { cwd: dir }))) continue;
      const f = readFile(p, { ...run.ctx, cwd: dir }, run.out, MAX_CONFIG, run.label);
      if (f) code(run, f.text);
      break;
    }
  }
}

function pyTasks(run: Run, tool: 'poe' | 'pdm' | 'hatch', name: string, env: string | undefined): void {
  const dir = dirOf(run.ctx, tool === 'poe' ? optionValue(run.cmd.args, ['-C', '--directory', '--root']) : undefined);
  if (dir === undefined) return;
  const files = tool === 'hatch' ? ['hatch.toml', 'pyproject.toml'] : tool === 'poe' ? ['pyproject.toml', 'poe_tasks.toml'] : ['pyproject.toml'];
  const tables: unknown[] = [];
  for (const file of files) {
    if (!run.ctx.facts?.stat(`${dir}/${file}`) && !run.ctx.written?.has(`${dir}/${file}`)) continue;
    const f = readFile(`${dir}/${file}`, run.ctx, run.out, MAX_CONFIG, run.label);
    const t = f ? tomlOf(f.text) : undefined;
    const tool_ = file === 'pyproject.toml' ? own(t, 'tool') : undefined;
    if (tool === 'poe') tables.push(own(file === 'pyproject.toml' ? own(tool_, 'poe') : t, 'tasks'));
    else if (tool === 'pdm') tables.push(own(own(tool_, 'pdm'), 'scripts'));
    else {
      const envs = file === 'pyproject.toml' ? own(own(tool_, 'hatch'), 'envs') : own(t, 'envs');
      tables.push(own(own(envs, env ?? 'default'), 'scripts'));
    }
  }
  const follow = onceEach((n) => {
    for (const t of tables) {
      if (tool === 'pdm') for (const hook of [`pre_${n}`]) if (own(t, hook) !== undefined) tomlTask(run, own(t, hook), dir, follow, tool);
      const v = own(t, n);
      if (v !== undefined) tomlTask(run, v, dir, follow, tool);
      if (tool === 'pdm') for (const hook of [`post_${n}`]) if (own(t, hook) !== undefined) tomlTask(run, own(t, hook), dir, follow, tool);
    }
  });
  follow(name);
}

function poe(run: Run): void {
  const name = operands(run.cmd.args, ['-C', '--directory', '--root', '-e', '--executor'])[0];
  if (name !== undefined && !run.cmd.args.includes('-d') && !run.cmd.args.includes('--dry-run')) pyTasks(run, 'poe', name, undefined);
}

function pdm(run: Run): void {
  const a = run.cmd.args;
  const i = a.indexOf('run');
  if (i < 0 || operands(a, ['-p', '--project', '-g'])[0] !== 'run') return;
  const name = operands(a, ['-p', '--project'], i + 1)[0];
  if (name !== undefined) pyTasks(run, 'pdm', name, undefined);
}

function hatch(run: Run): void {
  const a = run.cmd.args;
  const words = operands(a, ['-e', '--env', '-p', '--project', '-i', '--include', '-x', '--exclude']);
  if (words[0] !== 'run' || words[1] === undefined) return;
  const [env, name] = words[1].includes(':') ? words[1].split(':', 2) : [optionValue(a, ['-e', '--env']), words[1]];
  pyTasks(run, 'hatch', name!, env);
}

function cargoMake(run: Run, args: readonly string[]): void {
  const dir = dirOf(run.ctx, optionValue(args, ['--cwd']));
  if (dir === undefined || args.includes('--print-steps') || args.includes('--list-all-steps')) return;
  const file = optionValue(args, ['--makefile']);
  const name = operands(args, ['--makefile', '--cwd', '-p', '--profile', '-e', '--env', '-l', '--loglevel', '-t', '--task', '--env-file'])[0] ?? optionValue(args, ['-t', '--task']) ?? 'default';
  const f = file !== undefined ? readFile(file, { ...run.ctx, cwd: dir }, run.out, MAX_CONFIG, run.label) : readFirst(run, dir, ['Makefile.toml']);
  const tasks = own(f ? tomlOf(f.text) : undefined, 'tasks');
  const visit = onceEach((n) => {
    const t = own(tasks, n);
    const deps = own(t, 'dependencies');
    for (const d of Array.isArray(deps) ? deps : []) if (typeof d === 'string') visit(d);
    const command = str(own(t, 'command'));
    if (command !== undefined) argv(run, [command, ...(Array.isArray(own(t, 'args')) ? (own(t, 'args') as unknown[]) : [])], dir);
    const script = own(t, 'script');
    if (typeof script === 'string') shell(run, script, dir);
    else if (Array.isArray(script)) shell(run, script.filter((x) => typeof x === 'string').join('\n'), dir);
    const rt = own(t, 'run_task');
    const rtName = str(rt) ?? str(own(rt, 'name'));
    if (rtName !== undefined) visit(rtName);
    else if (Array.isArray(own(rt, 'name'))) for (const x of own(rt, 'name') as unknown[]) if (typeof x === 'string') visit(x);
  });
  visit(name);
}

// ---- INI and code task files: tox, nox, invoke, rake, gradle ------------------------------------------------------

/** tox.ini sections as key -> value, with continuation lines joined by newlines. */
function iniSections(text: string): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  let section: Map<string, string> | undefined;
  let key: string | undefined;
  for (const raw of text.split('\n').slice(0, 5000)) {
    const line = raw.replace(/\r$/, '');
    const sec = /^\[([^\]]+)\]\s*$/.exec(line);
    if (sec) {
      section = new Map();
      out.set(sec[1].trim(), section);
      key = undefined;
      continue;
    }
    if (!section || /^\s*[#;]/.test(line)) continue;
    if (/^\s+\S/.test(line) && key !== undefined) {
      section.set(key, `${section.get(key)}\n${line.trim()}`);
      continue;
    }
    const kv = /^([\w.-]+)\s*[=:]\s*(.*)$/.exec(line);
    if (kv) {
      key = kv[1];
      section.set(key, kv[2].trim());
    }
  }
  return out;
}

function tox(run: Run): void {
  const a = run.cmd.args;
  const words = operands(a, ['-e', '--env', '-c', '--conf', '--root', '--workdir', '-r', '-m', '--colored', '--exit-and-dump-after']);
  if (words[0] !== undefined && !['run', 'r', 'run-parallel', 'p', 'legacy', 'le', 'exec', 'e'].includes(words[0])) return;
  if (a.includes('--notest') || a.includes('--list-envs') || a.includes('-l') || a.includes('-a') || a.includes('--showconfig')) return;
  const dir = run.ctx.cwd;
  if (dir === undefined) return;
  const conf = optionValue(a, ['-c', '--conf']);
  const f = conf !== undefined ? readFile(conf, run.ctx, run.out, MAX_CONFIG, run.label) : readFirst(run, dir, ['tox.ini', 'tox.toml']);
  if (!f) return;
  let envs = optionValues(a, ['-e', '--env']).flatMap((e) => e.split(',')).map((e) => e.trim()).filter(Boolean);
  if (words[0] === 'exec' || words[0] === 'e') return; // `tox exec -e x -- cmd`: the command is judged as written
  if (f.abs.endsWith('.toml')) {
    const t = tomlOf(f.text);
    if (envs.length === 0) envs = (Array.isArray(own(t, 'env_list')) ? (own(t, 'env_list') as unknown[]) : []).filter((x): x is string => typeof x === 'string');
    for (const e of envs.slice(0, 8)) {
      const env = own(own(t, 'env'), e) ?? own(t, 'env_run_base');
      for (const k of ['commands_pre', 'commands', 'commands_post']) {
        const list = own(env, k) ?? own(own(t, 'env_run_base'), k);
        for (const c of Array.isArray(list) ? list.slice(0, MAX_TASKS) : []) if (Array.isArray(c)) argv(run, c.filter((x) => typeof x === 'string'), dir);
      }
    }
    return;
  }
  const ini = iniSections(f.text);
  if (envs.length === 0) envs = (ini.get('tox')?.get('envlist') ?? ini.get('tox')?.get('env_list') ?? 'py').split(/[\s,]+/).filter(Boolean);
  for (const e of envs.slice(0, 8)) {
    const sec = ini.get(`testenv:${e}`);
    for (const k of ['commands_pre', 'commands', 'commands_post']) {
      const body = sec?.get(k) ?? ini.get('testenv')?.get(k);
      if (body === undefined) continue;
      for (const line of body.split('\n').slice(0, MAX_TASKS)) shell(run, line.replace(/^-\s*/, '').replace(/\{posargs(?::[^}]*)?\}/g, '').replace(/\{\w+\}/g, ''), dir);
    }
  }
}

/** The body of a Python `def NAME(` (by indentation), or every decorated function's when `names` is empty. */
function pyFunctions(text: string, names: readonly string[], decorator: RegExp): string[] {
  const lines = text.split('\n').slice(0, 20_000);
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = /^(\s*)(?:async\s+)?def\s+(\w+)\s*\(/.exec(lines[i]);
    if (!m) continue;
    let k = i - 1;
    while (k >= 0 && /^\s*@/.test(lines[k]) === false && /^\s*[\w.]+\s*[=),\]]/.test(lines[k])) k--;
    const decorated = k >= 0 && decorator.test(lines.slice(Math.max(0, i - 6), i).join('\n'));
    const dashed = m[2].replace(/_/g, '-');
    const nameArg = /name\s*=\s*["']([\w:-]+)["']/.exec(lines.slice(Math.max(0, i - 6), i).join('\n'))?.[1];
    const wanted = names.length === 0 ? decorated : names.some((n) => n === m[2] || n === dashed || n === nameArg);
    if (!wanted) continue;
    const indent = m[1].length;
    let j = i + 1;
    while (j < lines.length && (lines[j].trim() === '' || lines[j].search(/\S/) > indent)) j++;
    out.push(lines.slice(i, j).join('\n'));
    if (out.length >= MAX_TASKS) break;
  }
  return out;
}

function nox(run: Run): void {
  const a = run.cmd.args;
  if (a.includes('-l') || a.includes('--list') || a.includes('--list-sessions') || a.includes('--json')) return;
  const dir = run.ctx.cwd;
  if (dir === undefined) return;
  const file = optionValue(a, ['-f', '--noxfile']);
  const names: string[] = [];
  for (let i = 0; i < a.length; i++) {
    if (['-s', '-e', '--session', '--sessions'].includes(a[i])) for (let k = i + 1; k < a.length && !isOption(a[k]); k++) names.push(a[k].replace(/\(.*$/, ''));
    else if (/^--sessions?=/.test(a[i])) names.push(...a[i].slice(a[i].indexOf('=') + 1).split(','));
  }
  const f = file !== undefined ? readFile(file, run.ctx, run.out, MAX_CONFIG, run.label) : readFirst(run, dir, ['noxfile.py']);
  if (f) for (const body of pyFunctions(f.text, names, /@nox\.session|@session/)) code(run, body);
}

function invoke(run: Run): void {
  const a = run.cmd.args;
  if (a.includes('-l') || a.includes('--list') || a.includes('--help') || a.includes('-h') || a.includes('-d') || a.includes('--dry')) return;
  const dir = dirOf(run.ctx, optionValue(a, ['-r', '--search-root']));
  if (dir === undefined) return;
  const collection = optionValue(a, ['-c', '--collection']) ?? 'tasks';
  // Task names, then each task's own options: words after the first that are not options are more tasks
  const names = operands(a, ['-c', '--collection', '-r', '--search-root', '-f', '--config', '-e']).slice(0, 8);
  const f = readFirst(run, dir, [`${collection}.py`, `${collection}/__init__.py`]);
  if (f) for (const body of pyFunctions(f.text, names.map((n) => n.split('.').pop()!), /@task|@invoke\.task/)) code(run, body);
}

/** Rakefile tasks by name (with namespaces), their prerequisites first; bodies are Ruby. */
function rakeTasks(text: string, wanted: readonly string[]): string[] {
  const lines = text.split('\n').slice(0, 20_000);
  const tasks = new Map<string, { deps: string[]; body: string }>();
  const spaces: { indent: number; name: string }[] = [];
  let first: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const indent = line.search(/\S/);
    if (indent < 0) continue;
    while (spaces.length > 0 && indent <= spaces[spaces.length - 1].indent && !/^\s*end\b/.test(line)) spaces.pop();
    const ns = /^\s*namespace\s*\(?\s*:?["']?([\w-]+)["']?\s*\)?\s*do\b/.exec(line);
    if (ns) {
      spaces.push({ indent, name: ns[1] });
      continue;
    }
    const t = /^\s*(?:task|multitask|file)\s*\(?\s*(?::([\w-]+)|["']([\w:-]+)["']|([\w-]+):)\s*(?:=>|,)?\s*(.*)$/.exec(line);
    if (!t) continue;
    const name = [...spaces.map((s) => s.name), t[1] ?? t[2] ?? t[3]].join(':');
    const rest = t[4] ?? '';
    const deps = [...rest.replace(/\bdo\b.*$/, '').replace(/\{.*$/, '').matchAll(/:([\w-]+)|["']([\w:-]+)["']/g)].map((m) => m[1] ?? m[2]);
    let body = '';
    if (/\bdo\b/.test(rest)) {
      let j = i + 1;
      while (j < lines.length && !(lines[j].search(/\S/) === indent && /^\s*end\b/.test(lines[j]))) j++;
      body = lines.slice(i + 1, j).join('\n');
    } else if (/\{/.test(rest)) body = rest.slice(rest.indexOf('{') + 1);
    const prev = tasks.get(name);
    tasks.set(name, { deps: [...(prev?.deps ?? []), ...deps], body: `${prev?.body ?? ''}\n${body}` });
    if (first === undefined && name !== 'default') first = name;
  }
  const out: string[] = [];
  const seen = new Set<string>();
  const visit = (n: string, depth: number): void => {
    if (seen.has(n) || seen.size > MAX_TASKS || depth > 16) return;
    seen.add(n);
    const t = tasks.get(n);
    if (!t) return;
    for (const d of t.deps) visit(d, depth + 1);
    if (t.body.trim()) out.push(t.body);
  };
  for (const n of wanted.length > 0 ? wanted : ['default']) visit(n.replace(/\[.*$/, ''), 0);
  return out;
}

function rake(run: Run): void {
  const a = run.cmd.args;
  if (['-T', '--tasks', '-D', '--describe', '-W', '--where', '-P', '--prereqs', '-n', '--dry-run', '-h', '--help', '-V', '--version'].some((o) => a.includes(o))) return;
  const dir = dirOf(run.ctx, optionValue(a, ['-C', '--directory']));
  if (dir === undefined) return;
  const file = optionValue(a, ['-f', '--rakefile']);
  const names = operands(a, ['-f', '--rakefile', '-C', '--directory', '-I', '--libdir', '-r', '--require', '-R', '--rakelibdir', '-j', '--jobs', '-e', '--execute', '-E', '--execute-continue', '-p', '--execute-print']).filter((w) => !/^\w+=/.test(w));
  const f = file !== undefined ? readFile(file, { ...run.ctx, cwd: dir }, run.out, MAX_CONFIG, run.label) : readFirst(run, dir, ['Rakefile', 'rakefile', 'Rakefile.rb', 'rakefile.rb']);
  // Rails' Rakefile loads the app's own tasks from lib/tasks/*.rake (Rails.application.load_tasks)
  const extra = f && /\bload_tasks\b/.test(f.text) ? railsTaskFiles(run, dir) : '';
  if (f) {
    for (const body of rakeTasks(`${f.text}\n${extra}`, names)) {
      code(run, body);
      // the task's Ruby, read by the rules that read `ruby -e` code (ActiveRecord, Sidekiq, HTTP, …)
      run.out.commands.push(inlineCodeCommand(run.cmd, 'ruby', '-e', body, run.label, f.abs));
      // `Rake::Task["db:drop"].invoke`, `%w[db:drop db:create].each { |t| Rake::Task[t].invoke }`: tasks run from code
      for (const task of invokedTasks(body)) shell(run, commandLine(['rake', task]), dir);
    }
  }
  // rake/clean: `rake clean` removes what CLEAN lists, `rake clobber` that and what CLOBBER lists
  if (f && /\brake\/clean\b|\bCLEAN\b|\bCLOBBER\b/.test(f.text) && (names.includes('clean') || names.includes('clobber'))) {
    const lists = names.includes('clobber') ? ['CLEAN', 'CLOBBER'] : ['CLEAN'];
    for (const list of lists) {
      for (const m of f.text.matchAll(new RegExp(`\\b${list}\\s*(?:\\.\\s*include\\s*\\(?|<<)\\s*([^\\n]{1,400})`, 'g'))) {
        const items = [...m[1]!.matchAll(/["']([^"'\n]+)["']|%w[(\[]([^)\]]*)[)\]]/g)].flatMap((x) => (x[1] !== undefined ? [x[1]] : (x[2] ?? '').trim().split(/\s+/)));
        for (const item of items.filter(Boolean).slice(0, 16)) shell(run, commandLine(['rm', '-rf', item]), dir);
      }
    }
  }
}

/** lib/tasks/*.rake of a Rails app, joined (bounded by the task-file count and the read budget). */
function railsTaskFiles(run: Run, dir: string): string {
  const tasksDir = `${dir.replace(/\/+$/, '')}/lib/tasks`;
  const names = (run.ctx.facts?.listDir(tasksDir)?.names ?? []).filter((n) => n.endsWith('.rake')).sort().slice(0, MAX_TASKS);
  return names.map((n) => readFile(`${tasksDir}/${n}`, { ...run.ctx, cwd: dir }, run.out, MAX_CONFIG, run.label)?.text ?? '').join('\n');
}

/** Task names a task body invokes or executes through Rake::Task, literally or from a %w[] list it iterates. */
function invokedTasks(body: string): string[] {
  const out = [...body.matchAll(/Rake::Task\[\s*["']([\w:-]+)["']\s*\]\s*\.\s*(?:invoke|execute|reenable)/g)].map((m) => m[1]!);
  if (/Rake::Task\[\s*\w+\s*\]\s*\.\s*(?:invoke|execute)/.test(body)) {
    for (const m of body.matchAll(/%w[[(]([^\])]*)[\])]/g)) out.push(...m[1]!.trim().split(/\s+/).filter((t) => /^[\w:-]+$/.test(t)));
  }
  return [...new Set(out)].slice(0, MAX_TASKS);
}

/** Commands of rails itself; any other word (`bin/rails maintenance:reset_db`) is a rake task rails runs. */
const RAILS_OWN = new Set(['new', 'server', 's', 'console', 'c', 'generate', 'g', 'destroy', 'd', 'dbconsole', 'db', 'runner', 'r', 'test', 't', 'credentials', 'encrypted', 'secret', 'routes', 'initializers', 'middleware', 'notes', 'stats', 'about', 'version', 'help', 'plugin', 'app:template', 'app:update', 'boot']);

function railsTask(run: Run): void {
  const a = run.cmd.args;
  const at = a.findIndex((w) => !w.startsWith('-') && !/^\w+=/.test(w));
  const first = a[at];
  if (first !== undefined && !RAILS_OWN.has(first)) rake(run);
  // `rails runner 'CODE'` / `rails runner script.rb`: the app's Ruby, judged like `ruby -e` code
  if (first === 'runner' || first === 'r') {
    const arg = a.slice(at + 1).find((w, k, rest) => !w.startsWith('-') && !['-e', '--environment'].includes(rest[k - 1] ?? ''));
    if (arg === undefined || run.cmd.argDynamic[a.indexOf(arg)]) return;
    const file = /\.rb$/.test(arg) ? readFile(arg, run.ctx, run.out, MAX_CONFIG, run.label) : undefined;
    const body = file?.text ?? arg;
    run.out.commands.push(inlineCodeCommand(run.cmd, 'ruby', '-e', body, run.label, file?.abs));
  }
}

/** A brace-delimited block starting at `from` (the `{`), bounded. */
function braceBlock(text: string, from: number): string {
  let depth = 0;
  for (let i = from; i < text.length && i < from + 64 * 1024; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return text.slice(from + 1, i);
  }
  return text.slice(from + 1, from + 64 * 1024);
}

const QUOTED = /"([^"\\\n]*)"|'([^'\\\n]*)'/g;
const quotedIn = (s: string): string[] => [...s.matchAll(QUOTED)].map((m) => m[1] ?? m[2]);

/** Gradle tasks (Groovy and Kotlin DSL): `Delete` tasks and `delete(...)`, `commandLine`, `exec`, `"…".execute()`. */
function gradleTaskBodies(text: string, wanted: readonly string[]): { body: string; isDelete: boolean }[] {
  const out: { body: string; isDelete: boolean }[] = [];
  const decl = /\b(?:tasks\s*\.\s*(?:register|create)\s*(?:<\s*(\w+)\s*>)?\s*\(\s*["'](\w[\w-]*)["']\s*(?:,\s*(\w+)(?:::class)?)?[^)]*\)|task\s*\(?\s*["']?(\w[\w-]*)["']?\s*(?:\(\s*type\s*:\s*(\w+)[^)]*\)|,\s*type\s*:\s*(\w+))?\s*\)?)\s*\{/g;
  for (let m = decl.exec(text); m !== null; m = decl.exec(text)) {
    const name = m[2] ?? m[4];
    if (name === undefined || !wanted.some((w) => w === name || w.split(':').pop() === name)) continue;
    const type = m[1] ?? m[3] ?? m[5] ?? m[6];
    out.push({ body: braceBlock(text, m.index + m[0].length - 1), isDelete: type === 'Delete' });
    if (out.length >= MAX_TASKS) break;
  }
  return out;
}

function gradle(run: Run): void {
  const a = run.cmd.args;
  if (a.includes('-m') || a.includes('--dry-run') || a.includes('tasks') || a.includes('help')) return;
  const dir = dirOf(run.ctx, optionValue(a, ['-p', '--project-dir']));
  if (dir === undefined) return;
  const file = optionValue(a, ['-b', '--build-file']);
  const names = operands(a, ['-b', '--build-file', '-p', '--project-dir', '-x', '--exclude-task', '-c', '--settings-file', '-g', '--gradle-user-home', '-I', '--init-script', '-D', '-P', '--console', '--warning-mode', '--priority', '--max-workers']);
  if (names.length === 0) return;
  const f = file !== undefined ? readFile(file, { ...run.ctx, cwd: dir }, run.out, MAX_CONFIG, run.label) : readFirst(run, dir, ['build.gradle', 'build.gradle.kts']);
  if (!f) return;
  for (const { body, isDelete } of gradleTaskBodies(f.text, names)) {
    const deletes: string[] = [];
    for (const m of body.matchAll(/\b(?:project\s*\.\s*)?delete\s*\(?\s*([^\n)]*)/g)) deletes.push(...quotedIn(m[1]));
    if (isDelete) for (const m of body.matchAll(/\btargetFiles?\s*[=(]?\s*([^\n]*)/g)) deletes.push(...quotedIn(m[1]));
    for (const m of body.matchAll(/\bfile\s*\(\s*["']([^"'\n]+)["']\s*\)\s*\.\s*(?:deleteDir|deleteRecursively)\s*\(/g)) deletes.push(m[1]);
    if (deletes.length > 0) argv(run, ['rm', '-rf', '--', ...deletes.slice(0, 32)], dir);
    for (const m of body.matchAll(/\bcommandLine\s*(?:=\s*listOf\s*)?\(?\s*([^\n)]*)/g)) argv(run, quotedIn(m[1]), dir);
    for (const m of body.matchAll(/["']([^"'\n]+)["']\s*\.\s*execute\s*\(/g)) shell(run, m[1], dir);
    // `dependsOn 'flywayClean'`, `finalizedBy(tasks.named("x"))`: those tasks run too, as `gradle TASK` (a plugin's
    // task is judged by its name, a build's own by its body)
    for (const m of body.matchAll(/\b(?:dependsOn|finalizedBy)\s*\(?\s*([^\n)]*)/g)) {
      for (const t of quotedIn(m[1]!).filter((x) => /^[\w:-]+$/.test(x) && !names.includes(x)).slice(0, 8)) argv(run, [run.cmd.name ?? 'gradle', t], dir);
    }
  }
}

// ---- YAML task files: pre-commit, lefthook, ansible -----------------------------------------------------------

const PRE_COMMIT_LOCAL = new Set(['system', 'script', 'unsupported', 'unsupported_script', 'fail']);

function preCommit(run: Run): void {
  const a = run.cmd.args;
  const words = operands(a, ['-c', '--config', '--hook-stage', '--from-ref', '--to-ref', '-s', '-o', '--files']);
  if (words[0] !== 'run' && words[0] !== 'try-repo') return;
  if (words[0] === 'try-repo') return; // runs another repository's hooks: judged as written
  const dir = run.ctx.cwd;
  if (dir === undefined) return;
  const cfg = optionValue(a, ['-c', '--config']);
  const f = cfg !== undefined ? readFile(cfg, run.ctx, run.out, MAX_CONFIG, run.label) : readFirst(run, dir, ['.pre-commit-config.yaml', '.pre-commit-config.yml']);
  if (!f) return;
  const only = words[1];
  const repos = own(yamlOf(f.text)[0], 'repos');
  for (const repo of Array.isArray(repos) ? repos.slice(0, 64) : []) {
    if (own(repo, 'repo') !== 'local') continue;
    const hooks = own(repo, 'hooks');
    for (const h of Array.isArray(hooks) ? hooks.slice(0, 64) : []) {
      if (only !== undefined && own(h, 'id') !== only && own(h, 'alias') !== only) continue;
      const entry = str(own(h, 'entry'));
      const language = str(own(h, 'language')) ?? 'system';
      if (entry === undefined || !PRE_COMMIT_LOCAL.has(language)) continue;
      const args = own(h, 'args');
      const words_ = [entry, ...(Array.isArray(args) ? args.filter((x): x is string => typeof x === 'string').map((x) => commandLine([x])) : [])].join(' ');
      // pre-commit splits `entry` like a shell would, but runs it without one; a `script` entry is a file here
      shell(run, language.includes('script') ? `bash ${words_}` : words_, dir);
    }
  }
}

function lefthook(run: Run): void {
  const words = operands(run.cmd.args, ['--commands', '--jobs', '--tags', '--files', '--file']);
  if (words[0] !== 'run' || words[1] === undefined) return;
  const dir = run.ctx.cwd;
  if (dir === undefined) return;
  const hookName = words[1];
  const only = new Set(run.cmd.args.flatMap((x, i, all) => (x === '--commands' || x === '--jobs' ? (all[i + 1] ?? '').split(',') : x.startsWith('--commands=') || x.startsWith('--jobs=') ? x.slice(x.indexOf('=') + 1).split(',') : [])));
  const sub = (s: string): string => s.replace(/\{(?:staged_files|push_files|all_files|files|cmd|lefthook_job_name)\}/g, '');
  for (const name of ['lefthook.yml', 'lefthook.yaml', '.lefthook.yml', '.lefthook.yaml', 'lefthook-local.yml', '.lefthook-local.yml']) {
    if (!run.ctx.facts?.stat(`${dir}/${name}`)) continue;
    const f = readFile(`${dir}/${name}`, run.ctx, run.out, MAX_CONFIG, run.label);
    const hook = own(f ? yamlOf(f.text)[0] : undefined, hookName);
    const commands = own(hook, 'commands');
    if (isObj(commands)) for (const [k, v] of Object.entries(commands).slice(0, 64)) if (only.size === 0 || only.has(k)) shell(run, sub(str(own(v, 'run')) ?? ''), dir);
    const jobs = own(hook, 'jobs');
    for (const j of Array.isArray(jobs) ? jobs.slice(0, 64) : []) if (only.size === 0 || only.has(str(own(j, 'name')) ?? '')) shell(run, sub(str(own(j, 'run')) ?? ''), dir);
    const scripts = own(hook, 'scripts');
    if (isObj(scripts)) for (const [file, v] of Object.entries(scripts).slice(0, 16)) {
      const runner = str(own(v, 'runner')) ?? 'bash';
      shell(run, `${runner} ${commandLine([`.lefthook/${hookName}/${file}`])}`, dir);
    }
  }
}

const ANSIBLE_SHELL = /^(?:ansible\.builtin\.|ansible\.legacy\.)?(shell|command|raw|script)$/;
const ANSIBLE_FILE = /^(?:ansible\.builtin\.|ansible\.legacy\.)?file$/;
const ANSIBLE_DB = /^(?:community\.(?:mysql|postgresql)\.)?(mysql_db|postgresql_db)$/;

/** Key=value module arguments (`path=/x state=absent`) as an object. */
function kvArgs(s: string): Obj {
  const o: Obj = {};
  for (const m of s.matchAll(/(\w+)=("[^"]*"|'[^']*'|\S+)/g)) o[m[1]] = m[2].replace(/^["']|["']$/g, '');
  return o;
}

function ansibleTasks(run: Run, tasks: unknown, hosts: string, dir: string, depth: number): void {
  if (!Array.isArray(tasks) || depth > 4) return;
  for (const t of tasks.slice(0, 128)) {
    if (!isObj(t)) continue;
    for (const k of ['block', 'rescue', 'always']) ansibleTasks(run, own(t, k), hosts, dir, depth + 1);
    for (const [key, value] of Object.entries(t)) {
      const sh = ANSIBLE_SHELL.exec(key);
      if (sh) {
        const text = str(value) ?? str(own(value, 'cmd')) ?? str(own(value, '_raw_params')) ?? (Array.isArray(own(value, 'argv')) ? commandLine((own(value, 'argv') as unknown[]).filter((x): x is string => typeof x === 'string')) : undefined);
        const args = own(t, 'args');
        const full = text ?? str(own(args, 'cmd'));
        if (full !== undefined) shell(run, commandLine(['ansible', hosts, '-m', sh[1] === 'script' ? 'shell' : sh[1], '-a', sh[1] === 'script' ? `bash ${full}` : full]), dir);
        continue;
      }
      if (ANSIBLE_FILE.test(key)) {
        const v = typeof value === 'string' ? kvArgs(value) : value;
        const path = str(own(v, 'path')) ?? str(own(v, 'dest')) ?? str(own(v, 'name'));
        if (own(v, 'state') === 'absent' && path !== undefined) shell(run, commandLine(['ansible', hosts, '-m', 'file', '-a', `path=${path} state=absent`]), dir);
        continue;
      }
      const db = ANSIBLE_DB.exec(key);
      if (db) {
        const v = typeof value === 'string' ? kvArgs(value) : value;
        const name = str(own(v, 'name')) ?? str(own(v, 'db'));
        if (name !== undefined && (own(v, 'state') === 'absent' || own(v, 'state') === 'import')) {
          const sql = own(v, 'state') === 'absent' ? `DROP DATABASE ${name}` : `DROP DATABASE ${name}`;
          shell(run, commandLine(['ansible', hosts, '-m', 'shell', '-a', db[1] === 'mysql_db' ? commandLine(['mysql', '-e', sql]) : commandLine(['psql', '-c', sql])]), dir);
        }
        continue;
      }
      if (/^(?:ansible\.builtin\.)?(?:include_tasks|import_tasks)$/.test(key)) {
        const file = str(value) ?? str(own(value, 'file'));
        if (file !== undefined && !file.includes('{{')) {
          const f = readFile(file, { ...run.ctx, cwd: dir }, run.out, MAX_CONFIG, run.label);
          if (f) ansibleTasks(run, yamlOf(f.text)[0], hosts, dir, depth + 1);
        }
      }
    }
  }
}

function ansiblePlaybook(run: Run): void {
  const a = run.cmd.args;
  if (['--syntax-check', '--list-tasks', '--list-hosts', '--list-tags', '-C', '--check'].some((o) => a.includes(o))) return;
  const cwd = run.ctx.cwd;
  if (cwd === undefined) return;
  const books = operands(a, ['-i', '--inventory', '-e', '--extra-vars', '-l', '--limit', '-u', '--user', '-t', '--tags', '--skip-tags', '-f', '--forks', '--vault-id', '--vault-password-file', '-c', '--connection', '-T', '--timeout', '--private-key', '--key-file', '-M', '--module-path', '--start-at-task', '-b', '--become-user', '--become-method']);
  for (const book of books.slice(0, 4)) {
    const f = readFile(book, run.ctx, run.out, MAX_CONFIG, run.label);
    if (!f) continue;
    const dir = f.abs.slice(0, f.abs.lastIndexOf('/')) || '/';
    const plays = yamlOf(f.text)[0];
    for (const play of Array.isArray(plays) ? plays.slice(0, 16) : []) {
      const hosts = str(own(play, 'hosts')) ?? (Array.isArray(own(play, 'hosts')) ? (own(play, 'hosts') as unknown[]).join(',') : 'all');
      for (const k of ['pre_tasks', 'tasks', 'post_tasks', 'handlers']) ansibleTasks(run, own(play, k), hosts, dir, 0);
      const roles = own(play, 'roles');
      for (const r of Array.isArray(roles) ? roles.slice(0, 8) : []) {
        const role = str(r) ?? str(own(r, 'role')) ?? str(own(r, 'name'));
        if (role === undefined || !/^[\w.-]+$/.test(role)) continue;
        for (const base of [`${dir}/roles/${role}/tasks`, `${cwd}/roles/${role}/tasks`]) {
          const main = ['main.yml', 'main.yaml'].map((n) => `${base}/${n}`).find((p) => run.ctx.facts?.stat(p));
          if (main === undefined) continue;
          const t = readFile(main, run.ctx, run.out, MAX_CONFIG, run.label);
          if (t) ansibleTasks(run, yamlOf(t.text)[0], hosts, dir, 1);
          break;
        }
      }
    }
  }
}

// ---- go generate, pip install . -------------------------------------------------------------------------------

const MAX_GO_FILES = 200;

function goGenerate(run: Run, args: readonly string[]): void {
  const facts = run.ctx.facts;
  const cwd = run.ctx.cwd;
  if (!facts || cwd === undefined || args.includes('-n')) return;
  const filter = optionValue(args, ['-run']);
  const skip = optionValue(args, ['-skip']);
  let re: RegExp | undefined;
  let skipRe: RegExp | undefined;
  try {
    re = filter !== undefined ? new RegExp(filter) : undefined;
    skipRe = skip !== undefined ? new RegExp(skip) : undefined;
  } catch {
    re = undefined;
  }
  const pkgs = operands(args, ['-run', '-skip', '-tags']);
  const dirs: string[] = [];
  let files = 0;
  let complete = true;
  const walk = (dir: string, recursive: boolean, depth: number): void => {
    if (depth > 12 || dirs.length > 400) {
      complete = false;
      return;
    }
    const l = facts.listDir(dir);
    if (!l) return;
    if (!l.complete) complete = false;
    dirs.push(dir);
    if (!recursive) return;
    l.names.forEach((n, i) => {
      if (n.startsWith('.') || n.startsWith('_') || n === 'vendor' || n === 'testdata' || n === 'node_modules') return;
      const kind = l.kinds?.[i] ?? facts.lstat(`${dir}/${n}`)?.kind;
      if (kind === 'dir') walk(`${dir}/${n}`, true, depth + 1);
    });
  };
  for (const p of pkgs.length > 0 ? pkgs.slice(0, 8) : ['.']) {
    if (!p.startsWith('.') && !p.startsWith('/')) continue; // an import path: in the module cache, not the project
    const recursive = p.endsWith('/...');
    walk(normalizePath(recursive ? p.slice(0, -4) || '.' : p, { cwd }), recursive, 0);
  }
  for (const dir of dirs) {
    const l = facts.listDir(dir);
    for (const n of l?.names ?? []) {
      if (!n.endsWith('.go')) continue;
      if (++files > MAX_GO_FILES) {
        complete = false;
        break;
      }
      const text = facts.readText(`${dir}/${n}`, 512 * 1024);
      if (text === undefined || !text.includes('//go:generate')) continue;
      for (const m of text.matchAll(/^\/\/go:generate[ \t]+(.+)$/gm)) {
        const line = m[1].replace(/\$GOFILE\b/g, n).replace(/\$GOPACKAGE\b/g, 'main').replace(/\$DOLLAR\b/g, '$');
        if ((re && !re.test(line)) || skipRe?.test(line)) continue;
        shell(run, line, dir);
      }
    }
  }
  if (!complete) run.out.findings.push({ rule: 'shell.too-complex', detail: `${run.label}: more Go files than Airlock reads for //go:generate lines`, text: run.label });
}

/** `go run ./cmd/purge` / `go run main.go`: the package's Go files (not its tests) are the program. */
function goRun(run: Run, args: readonly string[]): void {
  const facts = run.ctx.facts;
  const cwd = run.ctx.cwd;
  const target = operands(args, ['-o', '-tags', '-ldflags', '-gcflags', '-mod', '-modfile', '-exec', '-p'])[0];
  if (!facts || cwd === undefined || target === undefined || (!target.startsWith('.') && !target.startsWith('/') && !target.endsWith('.go'))) return;
  const abs = normalizePath(target, { cwd });
  const files = target.endsWith('.go') ? [abs] : (facts.listDir(abs)?.names ?? []).filter((n) => n.endsWith('.go') && !n.endsWith('_test.go')).slice(0, 8).map((n) => `${abs}/${n}`);
  for (const f of files) {
    const text = readFile(f, run.ctx, run.out, MAX_CONFIG, run.label);
    if (text) code(run, text.text);
  }
}

/** `pip install .`, `pip install -e ./pkg`: a local project's setup.py runs while it builds. */
function pipInstall(run: Run, args: readonly string[]): void {
  const words = operands(args, ['-r', '--requirement', '-c', '--constraint', '-t', '--target', '--prefix', '--root', '-i', '--index-url', '--extra-index-url', '-f', '--find-links', '--src', '--python', '-C', '--config-settings']);
  if (words[0] !== 'install') return;
  const dirs = [...optionValues(args, ['-e', '--editable']), ...words.slice(1).filter((w) => w.startsWith('.') || w.startsWith('/'))];
  for (const d of dirs.slice(0, 4)) {
    const dir = dirOf(run.ctx, d.replace(/\[.*\]$/, ''));
    if (dir === undefined || !run.ctx.facts?.stat(`${dir}/setup.py`)) continue;
    const f = readFile(`${dir}/setup.py`, run.ctx, run.out, MAX_CONFIG, run.label);
    if (f) code(run, f.text);
  }
}

/** `npm install` / `npm ci` at a workspace root also runs each member's install scripts. */
const JS_SOURCE = /\.[cm]?[jt]sx?$/;

/**
 * `echo "…readFileSync('.env')…" >> src/util.js && npm test`: running the project (tests, start, a script) runs its
 * source, so JavaScript this same action wrote or appended into the folder is judged as code.
 */
function projectRun(run: Run): void {
  const a = run.cmd.args;
  const verb = operands(a, ['-w', '--workspace', '--prefix', '-C', '--filter', '-F'])[0];
  if (run.ctx.cwd !== undefined && run.ctx.written !== undefined && ['test', 't', 'tst', 'start', 'run', 'run-script', 'exec', 'x', 'dev', 'serve'].includes(verb ?? '')) writtenTests(run, run.ctx.cwd, JS_SOURCE);
  npmInstallMembers(run);
}

function npmInstallMembers(run: Run): void {
  const a = run.cmd.args;
  const verb = operands(a, ['-w', '--workspace', '--prefix', '-C'])[0];
  if (!['install', 'i', 'ci', 'add'].includes(verb ?? '') || a.includes('--ignore-scripts') || (verb === 'add' && run.cmd.name !== 'yarn')) return;
  if (operands(a, ['-w', '--workspace']).length > 1 && verb !== 'ci') return; // installing named packages: their own scripts, from the registry
  const root = run.ctx.cwd;
  if (root === undefined) return;
  const pkg = run.ctx.facts?.stat(`${root}/package.json`) ? readFile(`${root}/package.json`, run.ctx, run.out, MAX_CONFIG, run.label) : undefined;
  const json = pkg ? jsonOf(pkg.text) : undefined;
  if (own(json, 'workspaces') === undefined && !run.ctx.facts?.stat(`${root}/pnpm-workspace.yaml`)) return;
  memberScripts(run, root, ['preinstall', 'install', 'postinstall', 'prepare']);
}

// ---- HTTP test files: k6, hurl ------------------------------------------------------------------------------

/** `k6 run load.js`: the script's HTTP calls go out as written (`http.del(…)` is a DELETE). */
function k6(run: Run): void {
  const a = run.cmd.args;
  if (a[0] !== 'run' && a[0] !== 'cloud') return;
  const file = operands(a, ['-e', '--env', '-u', '--vus', '-d', '--duration', '-i', '--iterations', '-o', '--out', '--config', '-c', '--tag', '--summary-export'], 1)[0];
  if (file === undefined || file === '-') return;
  const f = readFile(file, run.ctx, run.out, MAX_CONFIG, run.label);
  if (!f) return;
  code(run, f.text);
  run.out.commands.push(inlineCodeCommand(run.cmd, 'node', '-e', f.text, run.label));
}

/** `hurl api.hurl`: each entry's method and URL (a DELETE entry deletes), sent like curl would. */
function hurl(run: Run): void {
  const a = run.cmd.args;
  const files = operands(a, ['--variable', '--variables-file', '--cacert', '--cert', '--key', '--connect-timeout', '--max-time', '--retry', '--user', '-u', '--proxy', '-x', '--to-entry', '--from-entry', '--output', '-o', '--report-html', '--report-junit', '--report-tap', '--glob', '--jobs']);
  for (const file of files.slice(0, 4)) {
    const f = readFile(file, run.ctx, run.out, MAX_CONFIG, `hurl ${file}`);
    for (const m of f?.text.matchAll(/^[ \t]*(DELETE|PURGE)[ \t]+(\S+)/gm) ?? []) shell(run, commandLine(['curl', '-X', m[1], m[2].replace(/\{\{[^}]*\}\}/g, 'x')]));
  }
}

// ---- test runners, build scripts, process managers, direnv, compose ----------------------------------------

/** A JavaScript function or task body by name: `function clean(`, `const clean = (…) => {`, `exports.clean =`, `task('clean', …)`. */
function jsTaskBodies(text: string, names: readonly string[], depth = 0): string[] {
  const out: string[] = [];
  for (const name of names.slice(0, 8)) {
    const esc = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const re = new RegExp(`(?:function\\s+${esc}\\s*\\(|(?:const|let|var)\\s+${esc}\\s*=|exports\\.${esc}\\s*=|export\\s+(?:async\\s+)?function\\s+${esc}\\s*\\(|task\\(\\s*["']${esc}["']\\s*,)`);
    const m = re.exec(text);
    if (!m) continue;
    const rest = text.slice(m.index + m[0].length);
    const brace = rest.indexOf('{');
    const series = /^\s*(?:series|parallel|gulp\.series|gulp\.parallel)\s*\(([^)]*)\)/.exec(rest);
    if (series && depth < 4) out.push(...jsTaskBodies(text, [...series[1]!.matchAll(/[A-Za-z_$][\w$]*/g)].map((x) => x[0]), depth + 1));
    else if (brace >= 0 && brace < 200) out.push(braceBlock(rest, brace));
  }
  return out;
}

/** `gulp clean`: the task's function in the gulpfile (and the tasks a series or parallel names). */
function gulp(run: Run): void {
  const a = run.cmd.args;
  if (a.includes('--tasks') || a.includes('-T') || a.includes('--help')) return;
  const dir = run.ctx.cwd;
  if (dir === undefined) return;
  const names = operands(a, ['--gulpfile', '-f', '--cwd']);
  const f = readFirst(run, dir, ['gulpfile.js', 'gulpfile.mjs', 'gulpfile.cjs', 'gulpfile.ts', 'gulpfile.babel.js']);
  if (f) for (const body of jsTaskBodies(f.text, names.length > 0 ? names : ['default'])) code(run, body);
}

/**
 * Test files this same action wrote (`printf … > tests/test_x.py && pytest`): the runner discovers and runs them.
 * Files already on disk are the project's own tests, not followed (reading every test file would cost each call).
 */
function writtenTests(run: Run, dir: string, name: RegExp): void {
  for (const [abs, text] of run.ctx.written ?? []) {
    if (typeof text !== 'string' || !abs.startsWith(`${dir}/`) || !name.test(abs.slice(abs.lastIndexOf('/') + 1))) continue;
    code(run, text);
  }
}

/** Test files named on the command line: `pytest -s tests/test_dbg.py`, `npx jest src/x.test.js`. */
function namedTests(run: Run, files: readonly string[], ext: RegExp): void {
  for (const f of files.filter((x) => ext.test(x)).slice(0, 8)) {
    const r = readFile(f, run.ctx, run.out, MAX_CONFIG, run.label);
    if (r) code(run, r.text);
  }
}

const JS_TEST_FILE = /\.(?:test|spec)\.[cm]?[jt]sx?$|^test\.[cm]?js$/;

/** pytest imports every conftest.py on its way to the tests: their top-level code and fixtures run. */
function pytest(run: Run, args: readonly string[]): void {
  const dir = run.ctx.cwd;
  if (dir === undefined || args.includes('--collect-only') || args.includes('--co') || args.includes('--help') || args.includes('--version')) return;
  const ops = operands(args, ['-k', '-m', '-p', '-c', '--rootdir', '--confcutdir', '-o', '--override-ini', '--maxfail', '-n', '--junitxml', '--basetemp']).map((x) => x.split('::')[0]!);
  const roots = ['.', ...ops.filter((x) => !x.endsWith('.py')).slice(0, 4), 'tests', 'test'];
  for (const r of [...new Set(roots)]) {
    const abs = `${normalizePath(r, { cwd: dir })}/conftest.py`;
    if (!run.ctx.facts?.stat(abs) && !run.ctx.written?.has(abs)) continue;
    const f = readFile(abs, run.ctx, run.out, MAX_CONFIG, run.label);
    if (f) code(run, f.text);
  }
  namedTests(run, ops, /\.py$/);
  // tests import the project's modules: Python this action wrote there runs too
  writtenTests(run, dir, /\.py$/);
}

/** `cc x.c -o x`, `gcc -x c - <<< …`, `rustc m.rs`, `tcc -run x.c`: the program compiled (to be run) is judged by its source. */
function compiler(run: Run): void {
  const a = run.cmd.args;
  if (a.some((x) => x === '--version' || x === '-v' || x === '--help' || x === '-E' || x === '-M' || x === '-MM')) return;
  const sources = operands(a, ['-o', '-I', '-L', '-l', '-D', '-U', '-x', '-include', '-isystem', '-MF', '-MT', '--target', '--edition', '--crate-name', '--crate-type', '--out-dir', '-C', '--emit', '--cfg']);
  namedTests(run, sources, /\.(?:c|cc|cpp|cxx|c\+\+|m|rs|go|zig)$/);
  // `gcc -x c -`: the source comes on stdin
  if (sources.includes('-') && run.cmd.stdin !== undefined) code(run, run.cmd.stdin);
}

/** jest/vitest: globalSetup, globalTeardown and setup files named in the config run before the tests. */
function jsTestRunner(run: Run): void {
  const dir = run.ctx.cwd;
  if (dir === undefined || run.cmd.args.some((a) => a === '--listTests' || a === '--help' || a === '--version' || a === 'list')) return;
  const files = run.cmd.name === 'vitest' ? ['vitest.config.ts', 'vitest.config.js', 'vitest.config.mjs', 'vite.config.ts', 'vite.config.js'] : ['jest.config.js', 'jest.config.ts', 'jest.config.mjs', 'jest.config.cjs', 'jest.config.json'];
  const f = readFirst(run, dir, files);
  const text = f?.text ?? '';
  const refs = [...text.matchAll(/\b(?:globalSetup|globalTeardown|setupFiles|setupFilesAfterEnv|setupFilesAfterEach)\s*["']?\s*:\s*(\[[^\]]*\]|["'][^"']+["'])/g)].flatMap((m) => quotedIn(m[1]!));
  for (const ref of refs.slice(0, 6)) {
    const rel = ref.replace(/^<rootDir>\//, '');
    if (!rel.startsWith('.') && !rel.startsWith('/') && !rel.includes('/')) continue; // a package name
    const g = readFile(normalizePath(rel, { cwd: dir }), run.ctx, run.out, MAX_CONFIG, run.label);
    if (g) code(run, g.text);
  }
  namedTests(run, operands(run.cmd.args, ['-c', '--config', '-t', '--testNamePattern', '--reporters', '--project', '--root', '--dir']), /\.[cm]?[jt]sx?$/);
  writtenTests(run, dir, JS_TEST_FILE);
}

/** `cargo build`/`run`/`test`/`check`: the package's build.rs runs first. */
function cargoBuildScript(run: Run, verb: string | undefined): void {
  if (!['build', 'b', 'run', 'r', 'test', 't', 'check', 'c', 'bench', 'install', 'doc', 'd', 'clippy'].includes(verb ?? '')) return;
  const dir = run.ctx.cwd;
  if (dir === undefined || !run.ctx.facts?.stat(`${dir}/build.rs`)) return;
  const f = readFile(`${dir}/build.rs`, run.ctx, run.out, MAX_CONFIG, run.label);
  if (f) code(run, f.text);
}

/** Procfile process managers: `honcho start`, `foreman start [proc]`, `overmind start`: every process (or the named one) runs. */
function procfile(run: Run): void {
  const a = run.cmd.args;
  const verb = operands(a, ['-f', '--procfile', '-e', '--env', '-d', '--root', '-m', '--formation', '-p', '--port'])[0];
  if (verb !== 'start' && verb !== 's') return;
  const dir = run.ctx.cwd;
  if (dir === undefined) return;
  const only = operands(a, ['-f', '--procfile', '-e', '--env', '-d', '--root', '-m', '--formation', '-p', '--port']).slice(1);
  const f = readFile(optionValue(a, ['-f', '--procfile']) ?? 'Procfile', run.ctx, run.out, MAX_CONFIG, run.label);
  for (const line of f?.text.split('\n').slice(0, 64) ?? []) {
    const m = /^([\w-]+)\s*:\s*(.+)$/.exec(line.trim());
    if (m && (only.length === 0 || only.includes(m[1]!))) shell(run, m[2]!, dir);
  }
}

/** `direnv allow [dir]` approves .envrc to run on every cd; `direnv exec DIR cmd` runs it now. */
function direnv(run: Run): void {
  const a = run.cmd.args;
  if (a[0] !== 'allow' && a[0] !== 'permit' && a[0] !== 'grant' && a[0] !== 'exec' && a[0] !== 'reload') return;
  const dir = dirOf(run.ctx, a[0] === 'reload' ? undefined : a[1]);
  if (dir === undefined) return;
  const rc = normalizePath(/\.envrc$/.test(a[1] ?? '') ? a[1]! : `${dir}/.envrc`, { cwd: run.ctx.cwd ?? '/' });
  if (!run.ctx.facts?.stat(rc)) return;
  const f = readFile(rc, run.ctx, run.out, MAX_CONFIG, run.label);
  if (f) shell(run, f.text, dir);
}

/**
 * `docker compose run SVC` / `up [SVC…]`: each service's command runs in its container (judged as `docker compose
 * exec`, so the container is its environment), and where it touches a bind-mounted path, on the host path too.
 */
function compose(run: Run, args: readonly string[]): void {
  const valued = ['-f', '--file', '-p', '--project-name', '--profile', '--project-directory', '--env-file', '-e', '--env', '-w', '--workdir', '-u', '--user', '--name', '--entrypoint', '-v', '--volume', '-l', '--label', '--scale', '-t', '--timeout'];
  const words = operands(args, valued);
  const verb = words[0];
  if (verb !== 'run' && verb !== 'up' && verb !== 'start' && verb !== 'create') return;
  const dir = dirOf(run.ctx, optionValue(args, ['--project-directory']));
  if (dir === undefined) return;
  const file = optionValue(args, ['-f', '--file']);
  const f = file !== undefined ? readFile(file, run.ctx, run.out, MAX_CONFIG, run.label) : readFirst(run, dir, ['compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml']);
  const services = own(f ? yamlOf(f.text)[0] : undefined, 'services');
  if (!isObj(services)) return;
  const named = words.slice(1);
  // Services behind `profiles:` start only when a profile of theirs is enabled (or they are named)
  const enabled = new Set([...optionValues(args, ['--profile']), ...(run.cmd.assignments.COMPOSE_PROFILES ?? '').split(',')].map((x) => x.trim()).filter(Boolean));
  const active = (svc: string): boolean => {
    const profiles = own(own(services, svc), 'profiles');
    return !Array.isArray(profiles) || profiles.length === 0 || enabled.has('*') || profiles.some((p) => typeof p === 'string' && enabled.has(p));
  };
  const picked = verb === 'run' ? named.slice(0, 1) : named.length > 0 ? named : Object.keys(services).filter(active);
  for (const svc of picked.slice(0, 16)) {
    const def = own(services, svc);
    if (!isObj(def)) continue;
    const given = verb === 'run' ? named.slice(1) : [];
    const asText = (v: unknown): string | undefined => (typeof v === 'string' ? v : Array.isArray(v) ? commandLine(v.filter((x): x is string => typeof x === 'string')) : undefined);
    const command = given.length > 0 ? commandLine(given) : [asText(own(def, 'entrypoint')), asText(own(def, 'command'))].filter((x): x is string => x !== undefined).join(' ');
    if (command.trim() === '') continue;
    // In the container itself, file deletes outside its volumes lose nothing (the container's own layer is thrown
    // away); what it does to databases and services is judged there, and its file deletes through the bind mounts below.
    if (!/(?:^|[\s;&|(])(?:rm|rmdir|unlink|shred|find)\s/.test(command)) shell(run, commandLine(['docker', 'compose', 'exec', svc, 'sh', '-c', command]), dir);
    // Bind mounts: `./:/work` makes `/work/data` the host's `<dir>/data`
    const mounts: [string, string][] = [];
    for (const v of Array.isArray(own(def, 'volumes')) ? (own(def, 'volumes') as unknown[]) : []) {
      const spec = typeof v === 'string' ? v : isObj(v) && own(v, 'type') === 'bind' ? `${str(own(v, 'source')) ?? ''}:${str(own(v, 'target')) ?? ''}` : '';
      const [host, target] = spec.split(':');
      if (host && target && /^[.~/]/.test(host) && target.startsWith('/')) mounts.push([target.replace(/\/+$/, ''), normalizePath(host, { cwd: dir, ...(run.ctx.home !== undefined ? { home: run.ctx.home } : {}) })]);
    }
    mounts.sort((x, y) => y[0].length - x[0].length);
    let mapped = command;
    let hit = false;
    for (const [target, host] of mounts) {
      const re = new RegExp(`(^|[\\s'"=:])${target.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?=/|[\\s'";]|$)`, 'g');
      mapped = mapped.replace(re, (_m, pre: string) => {
        hit = true;
        return `${pre}${host}`;
      });
    }
    if (hit) shell(run, mapped, dir);
  }
}

// ---- dispatch --------------------------------------------------------------------------------------------------

/**
 * `mix db.fresh` runs the alias mix.exs defines (`"db.fresh": ["ecto.drop", "ecto.create"]`), and `mix do a, b`
 * (or `a + b`) runs each task in turn: each step is judged as `mix STEP`. Function steps (`&seed/1`) are code
 * Airlock does not follow.
 */
function mix(run: Run): void {
  const a = run.cmd.args;
  // each step runs in the environment the alias was given (`MIX_ENV=test mix ecto.reset` resets the test database)
  const mixEnv = run.cmd.assignments['MIX_ENV'];
  // (only alone: with other variables set, `DATABASE_URL=… MIX_ENV=test`, the steps are judged as any environment's)
  const env = mixEnv !== undefined && /^[\w.-]+$/.test(mixEnv) && Object.keys(run.cmd.assignments).length === 1 ? `MIX_ENV=${mixEnv} ` : '';
  if (a[0] === 'do') {
    const steps = a.slice(1).join(' ').split(/\s*(?:,|\s\+\s)\s*/).map((x) => x.trim()).filter(Boolean);
    for (const step of steps.slice(0, MAX_TASKS)) shell(run, `${env}mix ${step}`);
    return;
  }
  const name = a[0];
  if (name === undefined || name.startsWith('-') || run.ctx.cwd === undefined) return;
  const f = readFirst(run, run.ctx.cwd, ['mix.exs']);
  if (!f) return;
  const esc = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const entry = new RegExp(`(?:^|[\\s\\[,])(?:"${esc}"|${esc}):\\s*\\[([^\\]]{0,2000})\\]`, 'm').exec(f.text);
  if (!entry) return;
  const rest = a.slice(1);
  const items = [...entry[1]!.matchAll(/"((?:[^"\\\n]|\\.)*)"|(&[\w.]+\/\d)/g)].slice(0, MAX_TASKS);
  let known = items.length > 0;
  for (const it of items) {
    if (it[2] !== undefined) {
      known = false;
      continue;
    }
    const step = it[1]!;
    // the alias's own name as its last step is the built-in task, run with the arguments given
    shell(run, `${env}${step === name ? commandLine(['mix', step, ...rest]) : `mix ${step}`}`, run.ctx.cwd);
  }
  // Every step known: the alias is what runs, and its name (`mix purge`) says nothing of its own
  const plain = run.cmd.redirects.length === 0 && run.cmd.pipedIn !== true && run.cmd.stdin === undefined && Object.keys(run.cmd.assignments).every((k) => k === 'MIX_ENV');
  if (known && plain && rest.length === 0) run.out.exact = true;
}

const RUNNERS = table<(run: Run) => void>({
  mix, rails: railsTask,
  composer, deno: denoTask, lerna, turbo, nx, poe, poethepoet: poe, pdm, hatch, tox, nox, invoke, inv: invoke, rake, gradle, gradlew: gradle,
  'pre-commit': preCommit, prek: preCommit, lefthook, 'ansible-playbook': ansiblePlaybook, makers: (run) => cargoMake(run, run.cmd.args),
  'cargo-make': (run) => cargoMake(run, run.cmd.args[0] === 'make' ? run.cmd.args.slice(1) : run.cmd.args),
  cargo: (run) => {
    if (run.cmd.args[0] === 'make') cargoMake(run, run.cmd.args.slice(1));
    else cargoBuildScript(run, operands(run.cmd.args, ['-p', '--package', '--manifest-path', '--target', '-j', '--jobs', '--features', '-F', '--profile'])[0]);
  },
  go: (run) => {
    if (run.cmd.args[0] === 'generate') goGenerate(run, run.cmd.args.slice(1));
    if (run.cmd.args[0] === 'run') goRun(run, run.cmd.args.slice(1));
    if (run.cmd.args[0] === 'test' && run.ctx.cwd !== undefined) writtenTests(run, run.ctx.cwd, /_test\.go$/);
  },
  // `java Wipe.java`: a single-file source program runs as written
  java: (run) => {
    const file = operands(run.cmd.args, ['-cp', '-classpath', '--class-path', '-p', '--module-path', '-D', '--source'])[0];
    if (file !== undefined && file.endsWith('.java')) {
      const f = readFile(file, run.ctx, run.out, MAX_CONFIG, run.label);
      if (f) code(run, f.text);
    }
  },
  pip: (run) => pipInstall(run, run.cmd.args), pip3: (run) => pipInstall(run, run.cmd.args),
  npm: projectRun, pnpm: projectRun, yarn: projectRun, bun: projectRun, k6, hurl,
  cc: compiler, gcc: compiler, clang: compiler, 'g++': compiler, 'c++': compiler, 'clang++': compiler, tcc: compiler, rustc: compiler,
  // `node --test` discovers test files; mocha likewise
  node: (run) => {
    if (run.cmd.args.includes('--test') && run.ctx.cwd !== undefined) writtenTests(run, run.ctx.cwd, JS_TEST_FILE);
  },
  mocha: (run) => {
    if (run.ctx.cwd !== undefined) writtenTests(run, run.ctx.cwd, JS_TEST_FILE);
  },
  gulp, pytest: (run) => pytest(run, run.cmd.args), 'py.test': (run) => pytest(run, run.cmd.args), jest: jsTestRunner, vitest: jsTestRunner,
  honcho: procfile, foreman: procfile, overmind: procfile, hivemind: (run) => procfile({ ...run, cmd: { ...run.cmd, args: ['start', ...run.cmd.args] } }), direnv,
  'docker-compose': (run) => compose(run, run.cmd.args),
  docker: (run) => {
    if (run.cmd.args[0] === 'compose') compose(run, run.cmd.args.slice(1));
  },
  podman: (run) => {
    if (run.cmd.args[0] === 'compose') compose(run, run.cmd.args.slice(1));
  },
  'podman-compose': (run) => compose(run, run.cmd.args),
});

/** What a task runner's config makes this command run, if it is one; adds to `out`. */
export function taskRunnerEffects(cmd: SimpleCommand, ctx: EffectsContext, out: Derived): void {
  const name = cmd.name;
  if (name === undefined) return;
  const runner = RUNNERS[name];
  const run: Run = { cmd, ctx, out, label: `${name} ${cmd.args.slice(0, 3).join(' ')}`.trim() };
  if (runner !== undefined) return runner(run);
  // `python -m pip install .`, `uv pip install -e .`, `python -m invoke x`, `python -m nox -s x`
  const m = cmd.args.indexOf('-m');
  if (/^python[\d.]*$/.test(name) && m >= 0) {
    const mod = cmd.args[m + 1];
    const rest = { ...cmd, name: mod, args: cmd.args.slice(m + 2), argDynamic: cmd.argDynamic.slice(m + 2) } as SimpleCommand;
    if (mod === 'pip') pipInstall(run, rest.args);
    else if (mod === 'pytest') pytest(run, rest.args);
    else if (mod === 'invoke' || mod === 'nox' || mod === 'tox') RUNNERS[mod]!({ ...run, cmd: rest });
  } else if (name === 'uv' && cmd.args[0] === 'pip') pipInstall(run, cmd.args.slice(1));
}
