// Files an action writes before it runs them: `printf 'rm -rf x' > c.sh && sh c.sh`, `cat > job.py <<EOF … EOF;
// python3 job.py`, `curl -o get.sh URL && sh get.sh`. At decision time the file does not exist yet (or holds
// something else), so reading it from disk would judge the wrong thing. Each write with a static target is
// recorded in order with the content it puts there when the command line says it (echo, printf, cat/tee of a
// here-doc or a known pipe), or as unknown content (a download, any other program's output); a later command
// that runs that file is judged by that content, or asks when it cannot be known.
import type { FsFacts } from '../facts';
import { normalizePath } from '../paths';
import type { SimpleCommand } from '../rules/types';
import { gitSubcommand, isOption, restoreFromRevision } from '../shell/argv';

/**
 * Written files by absolute path: their content, undefined when the command line does not say it, or the
 * program they are a copy of or link to (`cp /bin/rm ./x`, `ln -s /usr/bin/rm del`).
 */
export type WrittenContent = string | undefined | { program: string } | { copyOf: string } | { tfplan: 'destroy' | 'apply' } | { createdDir: true };
export type WrittenFiles = Map<string, WrittenContent>;

/**
 * Keys that are no path (a NUL cannot be in one): package.json scripts an earlier command set
 * (`npm pkg set scripts.x=…`), as JSON of name -> body, under `${SCRIPTS_KEY}${abs package.json}`.
 */
export const SCRIPTS_KEY = '\u0000scripts:';
/** Where `git config core.hooksPath X` earlier in the line sent git's hooks (absolute), under this key. */
export const HOOKS_PATH_KEY = '\u0000hooksPath';
/**
 * Folders this line made with mkdir where nothing was before (`mkdir -p out && tool -o out && rm -rf out`), under
 * `${CREATED_DIR_KEY}${abs}`. A command that can move existing files (mv, rsync, tar, zip, git, a computed name)
 * forgets them all: what it moved in would be someone's.
 */
export const CREATED_DIR_KEY = '\u0000dir:';
/**
 * Where this line moved existing files to (`mv src dist/`, `git mv src build/src`), under `${MOVED_INTO_KEY}${abs}`:
 * a build folder that received them is no longer only build output. A destination the line does not spell is
 * recorded as `${MOVED_INTO_KEY}*`.
 */
export const MOVED_INTO_KEY = '\u0000moved:';
const MOVERS = new Set(['mv', 'rsync', 'tar', 'bsdtar', 'gtar', 'zip', 'git', 'cpio', 'rename', 'mmv', 'install']);

/**
 * The topmost folder of `abs` that is surely not there now (the nearest existing folder above lists completely
 * without it), which `mkdir -p abs` would create; undefined when `abs` may exist.
 */
function firstMissing(abs: string, facts: FsFacts): string | undefined {
  const segs = abs.split('/').filter((x) => x.length > 0);
  for (let i = segs.length - 1; i >= 0; i--) {
    const dir = `/${segs.slice(0, i).join('/')}`;
    const listing = facts.listDir(dir);
    if (listing === undefined) {
      if (facts.lstat(dir) === undefined) continue;
      return undefined;
    }
    if (!listing.complete) return undefined;
    const want = segs[i]!.toLowerCase();
    return listing.names.some((n) => n.toLowerCase() === want) ? undefined : `/${segs.slice(0, i + 1).join('/')}`;
  }
  return undefined;
}

/** `mv A B DEST`, `mv -t DEST A`, `git mv A DEST`: the destination existing files land in. */
function recordMovedInto(cmd: SimpleCommand, pathCtx: { cwd?: string; home?: string }, written: WrittenFiles): void {
  let args = cmd.args;
  let dyn = cmd.argDynamic;
  if (cmd.name === 'git') {
    const g = gitSubcommand(args);
    if (g?.sub !== 'mv') return;
    dyn = dyn.slice(dyn.length - g.args.length);
    args = g.args;
  } else if (cmd.name !== 'mv') return;
  const t = args.findIndex((a) => a === '-t' || a === '--target-directory' || a.startsWith('--target-directory='));
  let dest: string | undefined;
  let destDynamic = false;
  if (t >= 0) {
    dest = args[t]!.includes('=') ? args[t]!.split('=')[1] : args[t + 1];
    destDynamic = args[t]!.includes('=') ? dyn[t] === true : dyn[t + 1] === true;
  } else {
    const ops = args.map((a, i) => ({ a, i })).filter((o) => !isOption(o.a));
    const last = ops[ops.length - 1];
    if (ops.length < 2 || last === undefined) return;
    dest = last.a;
    destDynamic = dyn[last.i] === true;
  }
  if (dest === undefined) return;
  if (destDynamic || !isStatic(dest)) written.set(`${MOVED_INTO_KEY}*`, undefined);
  else {
    const abs = normalizePath(dest, pathCtx).replace(/\/+$/, '');
    if (abs.startsWith('/')) written.set(`${MOVED_INTO_KEY}${abs}`, undefined);
  }
}

function recordCreatedDirs(cmd: SimpleCommand, pathCtx: { cwd?: string; home?: string }, facts: FsFacts | undefined, written: WrittenFiles): void {
  recordMovedInto(cmd, pathCtx, written);
  if (cmd.name === undefined || MOVERS.has(cmd.name)) {
    for (const k of [...written.keys()]) if (k.startsWith(CREATED_DIR_KEY)) written.delete(k);
    return;
  }
  if (cmd.name !== 'mkdir' || facts === undefined || cmd.argDynamic.some(Boolean) || pathCtx.cwd === undefined) return;
  const parents = cmd.args.some((a) => a === '--parents' || /^-[a-zA-Z]*p/.test(a));
  for (let i = 0; i < cmd.args.length; i++) {
    const a = cmd.args[i]!;
    if (a === '-m' || a === '--mode' || a === '--context') {
      i++;
      continue;
    }
    if (isOption(a) || !isStatic(a) || a.split('/').includes('..')) continue;
    const abs = normalizePath(a, pathCtx).replace(/\/+$/, '');
    const top = abs.startsWith('/') ? firstMissing(abs, facts) : undefined;
    // without -p only the last folder is made (its parent must exist)
    if (top !== undefined && (parents || top === abs)) written.set(`${CREATED_DIR_KEY}${top}`, { createdDir: true });
  }
}

const SYSTEM_BIN = /^\/(?:usr\/(?:local\/)?)?s?bin\/([^/]+)$/;

const MAX_WRITTEN = 32;
const MAX_CONTENT = 64 * 1024;

function unescape(s: string): string {
  return s.replace(/\\([nt\\])/g, (_, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : '\\'));
}

/** What `echo`/`printf` print, as near as the words say (enough to judge what a script made of it runs). */
function printed(cmd: SimpleCommand): string | undefined {
  const args = cmd.args;
  if (cmd.name === 'echo') {
    let i = 0;
    let escapes = false;
    while (i < args.length && /^-[neE]+$/.test(args[i])) escapes ||= args[i++].includes('e');
    const text = args.slice(i).join(' ');
    return `${escapes ? unescape(text) : text}\n`;
  }
  if (cmd.name === 'printf') {
    let i = 0;
    if (args[i] === '-v') return undefined; // prints into a variable, not to stdout
    if (args[i] === '--') i++;
    const format = args[i];
    if (format === undefined) return undefined;
    const rest = args.slice(i + 1);
    let k = 0;
    let text = unescape(format).replace(/%[-+ #0-9.]*[sbdq]/g, () => rest[k++] ?? '');
    // printf reuses the format for leftover arguments: keep them, one per line, so nothing is lost
    if (k < rest.length) text += rest.slice(k).join('\n');
    return text;
  }
  if (cmd.name === 'cat' || cmd.name === 'tee') {
    // `cat > f <<EOF`, `echo … | tee f`: what arrives on stdin, when it is known
    const files = args.filter((a) => !isOption(a) && a !== '-');
    if (cmd.name === 'cat' && files.length > 0) return undefined;
    return cmd.stdin;
  }
  return undefined;
}

function isStatic(target: string): boolean {
  return target.length > 0 && !/[$`*?[]/.test(target);
}

/** Output files a downloader writes: `curl -o f`, `curl --output f`, `wget -O f`. */
function downloadTargets(cmd: SimpleCommand): string[] {
  const out: string[] = [];
  const args = cmd.args;
  const long = cmd.name === 'wget' ? ['--output-document'] : ['--output'];
  const short = cmd.name === 'wget' ? '-O' : '-o';
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === short || long.includes(a)) out.push(args[i + 1] ?? '');
    else if (a.startsWith(short) && a.length > 2 && !a.startsWith('--')) out.push(a.slice(2));
    else for (const l of long) if (a.startsWith(`${l}=`)) out.push(a.slice(l.length + 1));
  }
  return out.filter((t) => t !== '-' && t !== '/dev/null');
}

/** Records what `cmd` writes into `written` (in the order the action runs its commands). */
/**
 * Files a git command writes from a revision, with what they then hold (read through facts.gitRead: `git show
 * REV:path`): `git checkout REV -- paths`, `git restore --source=REV paths`, `git stash apply|pop [stash]`.
 * Bounded to a few files; a file whose text cannot be read is recorded as unknown.
 */
function fromRevision(cmd: SimpleCommand, ctx: { cwd?: string; facts?: FsFacts }): [string, string | undefined][] {
  const read = ctx.facts?.gitRead;
  if (!read || ctx.cwd === undefined || cmd.args[0] === '-C' || cmd.argDynamic.some(Boolean)) return [];
  const [sub, ...rest] = cmd.args;
  let rev: string | undefined;
  let paths: string[] = [];
  if (sub === 'stash' && (rest[0] === 'apply' || rest[0] === 'pop')) {
    rev = rest.slice(1).find((a) => !isOption(a)) ?? 'stash@{0}';
    paths = (read(ctx.cwd, ['stash', 'show', '--name-only', rev]) ?? '').split('\n').filter(Boolean);
  } else {
    const restored = sub === undefined ? undefined : restoreFromRevision(sub, rest);
    if (restored === undefined) return [];
    ({ rev, paths } = restored);
  }
  if (!/^[\w./@{}~^-]+$/.test(rev) || rev.startsWith('-')) return [];
  return paths.slice(0, 8).filter((p) => /^[\w./-]+$/.test(p)).map((p) => [p, read(ctx.cwd!, ['show', `${rev}:./${p.replace(/^\.\//, '')}`])]);
}

export function recordWrites(cmd: SimpleCommand, ctx: { cwd?: string; home?: string; facts?: FsFacts }, written: WrittenFiles): void {
  const pathCtx = { ...(ctx.cwd !== undefined ? { cwd: ctx.cwd } : {}), ...(ctx.home !== undefined ? { home: ctx.home } : {}) };
  recordCreatedDirs(cmd, pathCtx, ctx.facts, written);
  if (written.size >= MAX_WRITTEN) return;
  const put = (target: string, content: WrittenContent, append: boolean): void => {
    if (!isStatic(target)) return;
    const abs = normalizePath(target, pathCtx);
    if (!abs.startsWith('/') || abs.startsWith('/dev/')) return;
    if (typeof content === 'object') {
      written.set(abs, content);
      return;
    }
    const before = written.get(abs);
    const prior = typeof before === 'string' ? before : '';
    const next = content === undefined || (append && written.has(abs) && typeof before !== 'string') ? undefined : `${append ? prior : ''}${content}`;
    written.set(abs, next !== undefined && next.length > MAX_CONTENT ? undefined : next);
  };
  const content = printed(cmd);
  for (const r of cmd.redirects) {
    const op = r.op.replace(/^1/, '');
    if (op === '>' || op === '>|' || op === '&>' || op === '>>' || op === '&>>') put(r.target, content, op.endsWith('>>'));
  }
  if (cmd.name === 'tee') {
    const append = cmd.args.some((a) => a === '-a' || a === '--append');
    for (const a of cmd.args) if (!isOption(a)) put(a, content, append);
  }
  if (cmd.name === 'curl' || cmd.name === 'wget') for (const t of downloadTargets(cmd)) put(t, undefined, false);
  if (cmd.name === 'terraform' || cmd.name === 'tofu') recordPlan(cmd, put);
  if (cmd.name === 'git') {
    // `git checkout stash@{0} -- f`, `git restore --source=v1 f`, `git stash apply`: f now holds that revision's text
    for (const [path, text] of fromRevision(cmd, ctx)) put(path, text, false);
    const i = cmd.args.indexOf('config');
    const k = i < 0 ? -1 : cmd.args.findIndex((a, j) => j > i && a.toLowerCase() === 'core.hookspath');
    const value = k < 0 ? undefined : cmd.args[k + 1];
    if (value !== undefined && isStatic(value) && !cmd.args.some((a) => a === '--unset' || a === '--get' || a === '--unset-all')) {
      const abs = normalizePath(value, pathCtx);
      if (abs.startsWith('/')) written.set(HOOKS_PATH_KEY, abs);
    }
  }
  // `sed -i …`, `perl -pi -e …` edit files in place: what they hold afterwards is not known here
  if ((cmd.name === 'sed' || cmd.name === 'perl') && cmd.args.some((a) => /^-[a-zA-Z]*i/.test(a) || a.startsWith('--in-place'))) {
    const valued = cmd.name === 'sed' ? ['-e', '-f', '--expression', '--file', '-l'] : ['-e', '-E', '-M', '-m', '-I'];
    const ops: string[] = [];
    let script = cmd.args.some((a) => valued.slice(0, 2).includes(a) || /^-[a-zA-Z]*e$/.test(a)) ? 1 : 0;
    for (let i = 0; i < cmd.args.length; i++) {
      const a = cmd.args[i];
      if (valued.includes(a) || (/^-[a-zA-Z]*[eE]$/.test(a) && a !== '-i')) i++;
      else if (isOption(a)) continue;
      else if (script === 0) script = 1; // the program, when no -e gave it
      else ops.push(a);
    }
    for (const o of ops) put(o, undefined, false);
  }
  if (cmd.name === 'npm' || cmd.name === 'pnpm' || cmd.name === 'yarn' || cmd.name === 'bun') recordScripts(cmd, pathCtx, written);
  // `cp x.sh run.sh`, `mv`, `install`, `ln -s` of a file written earlier: the destination holds the same content
  if ((cmd.name === 'cp' || cmd.name === 'mv' || cmd.name === 'install' || cmd.name === 'ln') && !cmd.args.some((a) => a === '-t' || a.startsWith('--target-directory'))) {
    const ops = cmd.args.filter((a) => !isOption(a));
    const dest = ops[ops.length - 1];
    // A relative symlink target is relative to the link's own folder, not to the current one.
    const symbolic = cmd.name === 'ln' && cmd.args.some((a) => /^-[a-zA-Z]*s/.test(a) || a === '--symbolic');
    const linkDir = symbolic && dest !== undefined && !ops[0].startsWith('/') && !ops[0].startsWith('~') ? normalizePath(`${dest}/..`, pathCtx) : undefined;
    const src = ops.length === 2 ? normalizePath(ops[0], linkDir !== undefined ? { ...pathCtx, cwd: linkDir } : pathCtx) : undefined;
    const program = src !== undefined ? SYSTEM_BIN.exec(src)?.[1] : undefined;
    // An installed program under a new name runs as that program; a file this action wrote keeps its content.
    // Any other source is on disk, where the copy can be read as it is.
    if (dest !== undefined && program !== undefined) put(dest, { program }, false);
    else if (dest !== undefined && src !== undefined && written.has(src)) put(dest, written.get(src), false);
    // A file on disk: the destination is read from there when something runs it (`cp x.sh .git/hooks/pre-commit`).
    else if (dest !== undefined && src !== undefined && src.startsWith('/') && isStatic(ops[0])) put(dest, { copyOf: src }, false);
  }
}

/** `terraform plan -destroy -out=x`: the plan file x is a destroy plan (any other plan file: an apply plan). */
function recordPlan(cmd: SimpleCommand, put: (target: string, content: WrittenContent, append: boolean) => void): void {
  const args = cmd.args.filter((a) => !/^-chdir=/.test(a));
  if (args[0] !== 'plan') return;
  let out: string | undefined;
  let destroy = false;
  for (let i = 1; i < args.length; i++) {
    const a = args[i].replace(/^--/, '-');
    if (a === '-destroy' || a === '-destroy=true') destroy = true;
    else if (a === '-out') out = args[++i];
    else if (a.startsWith('-out=')) out = a.slice(5);
  }
  if (out !== undefined) put(out, { tfplan: destroy ? 'destroy' : 'apply' }, false);
}

/** `npm pkg set scripts.x='…'`, `npm set-script x '…'`, `pnpm pkg set scripts.x=…`: what `npm run x` runs after it. */
function recordScripts(cmd: SimpleCommand, pathCtx: { cwd?: string; home?: string }, written: WrittenFiles): void {
  const args = cmd.args;
  let dir = '.';
  let i = 0;
  for (; i < args.length && isOption(args[i]); i++) {
    const a = args[i];
    if (['--prefix', '-C', '--dir', '--cwd'].includes(a)) dir = args[++i] ?? '.';
    else if (/^--(?:prefix|dir|cwd)=/.test(a)) dir = a.slice(a.indexOf('=') + 1);
  }
  const set: Array<[string, string]> = [];
  if (args[i] === 'pkg' && args[i + 1] === 'set') {
    for (const a of args.slice(i + 2)) {
      const m = /^scripts(?:\.|\[["']?)([^=\]"']+)["']?\]?=(.*)$/s.exec(a);
      if (m) set.push([m[1], m[2]]);
    }
  } else if (args[i] === 'set-script' && args[i + 1] !== undefined && args[i + 2] !== undefined) set.push([args[i + 1], args[i + 2]]);
  if (set.length === 0) return;
  const abs = normalizePath(`${dir}/package.json`, pathCtx);
  if (!abs.startsWith('/')) return;
  const key = `${SCRIPTS_KEY}${abs}`;
  const before = written.get(key);
  // No prototype, so `scripts.__proto__=…` is stored like any other script name.
  const scripts: Record<string, string> = Object.assign(Object.create(null) as Record<string, string>, typeof before === 'string' ? (JSON.parse(before) as Record<string, string>) : {});
  for (const [k, v] of set) scripts[k] = v;
  written.set(key, JSON.stringify(scripts));
}
