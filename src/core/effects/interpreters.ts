// Inline interpreter code (`python -c`, `node -e`, `perl -e`, `ruby -e`, `php -r`, heredocs into interpreters)
// and interpreter script files: what the code runs, reads and deletes becomes shell commands judged by the same
// rules (`subprocess.run(["rm","-rf","src"])` is `rm -rf src`; `open('.env')` is `cat .env`); a dangerous
// function reached through a computed name is unknown code.
import type { SimpleCommand } from '../rules/types';
import { inlineScript } from '../rules/lib/scripts';
import { scanCode } from './code_scan';
import type { Derived } from './types';

const RAW_PATH = /^[A-Za-z0-9._/~*?[\]{},:@%+-]+$/;

function pathWord(p: string): string {
  return RAW_PATH.test(p) ? p : `'${p.replace(/'/g, `'\\''`)}'`;
}

/**
 * A program's code read as the one-liner that would run it (`ruby -e BODY`, `node -e TEXT`), so the rules that read
 * `-c`/`-e` code (ORM calls, delete APIs, printed variables, HTTP deletes) judge it; `file` marks code read from a
 * workspace file, whose literals are the file's own.
 */
export function inlineCodeCommand(cmd: SimpleCommand, name: string, flag: string, code: string, label: string, file?: string): SimpleCommand {
  return { ...cmd, name, args: [flag, code], argDynamic: [false, false], stdin: undefined, via: [...cmd.via, label], ...(file !== undefined ? { codeOfFile: file } : {}) } as SimpleCommand;
}

/** What code does, as derived commands with `via` naming where it was found. */
export function codeEffects(code: string, via: string, inline: boolean, out: Derived, template?: SimpleCommand): void {
  const fx = scanCode(code, inline);
  for (const line of fx.shell) out.scripts.push({ text: line, via });
  // Reads keep glob characters unquoted, so `glob.glob('.e*')` expands like `cat .e*` would.
  for (const r of fx.reads) out.scripts.push({ text: `cat -- ${pathWord(r)}`, via });
  for (const d of fx.deletes) out.scripts.push({ text: `rm ${d.recursive ? '-rf ' : ''}-- ${pathWord(d.path)}`, via });
  for (const t of fx.truncates) out.scripts.push({ text: `: > ${pathWord(t)}`, via });
  for (const u of fx.unknown.slice(0, 4)) out.findings.push({ rule: 'shell.unknown-code', detail: `${via}: ${u}`, text: code.length > 200 ? `${code.slice(0, 200)}…` : code });
  if (fx.computedRun && fx.literals.length > 0 && template) {
    // A command built at run time from these strings: judged like any computed program name with these arguments.
    out.commands.push({ ...template, name: undefined, dynamicName: true, args: fx.literals, argDynamic: fx.literals.map(() => false), via: [...template.via, via] });
  }
}

function codeLabel(cmd: SimpleCommand): string {
  const flag = cmd.args.find((a) => /^-/.test(a) && a !== '-');
  return `${cmd.name ?? 'interpreter'}${flag ? ` ${flag.length > 12 ? flag.slice(0, 12) : flag}` : ''}`;
}

export function interpreterEffects(cmd: SimpleCommand, out: Derived): void {
  if (cmd.name === undefined) return;
  const name = cmd.name.toLowerCase().replace(/\.exe$/, '');
  if (WINDOWS_DELETES.has(name)) {
    // `rd /s /q src`, `del /f /s /q src` as cmd.exe reads them (an agent on Windows sends these through cmd)
    windowsDeletes([name, ...cmd.args], 'cmd.exe', out);
    return;
  }
  if (name === 'cmd') {
    const c = cmd.args.findIndex((a) => /^\/[ck]$/i.test(a));
    if (c >= 0) for (const stmt of statements(cmd.args.slice(c + 1).join(' '), /&&|\|\||[&|\n]/)) windowsDeletes(words(stmt), 'cmd /c', out);
    return;
  }
  if (name === 'gdb' || name === 'lldb') return debuggerShell(cmd, out);
  // `sftp host <<< 'put .env'`, `ftp`/`lftp` batches on stdin: each uploaded file is read and sent away
  if ((name === 'sftp' || name === 'ftp' || name === 'lftp') && cmd.stdin !== undefined) {
    for (const line of cmd.stdin.split(/[\n;]/).slice(0, 64)) {
      const w = line.trim().split(/\s+/);
      if (/^(?:put|mput|reput|append)$/i.test(w[0] ?? '') && w[1] !== undefined && !w[1].startsWith('-')) out.scripts.push({ text: `cat -- ${pathWord(w[1])}`, via: `${name} ${w[0]}` });
    }
    return;
  }
  // `go run /dev/stdin <<'EOF' … EOF`: a Go program arriving on stdin is inline code too
  if (name === 'go' && cmd.args[0] === 'run' && (cmd.args.includes('/dev/stdin') || cmd.args[cmd.args.length - 1] === '-') && cmd.stdin !== undefined) {
    codeEffects(cmd.stdin, 'go run (stdin)', true, out, cmd);
    return;
  }
  // `ruby -run -e rm_rf -- data`: un.rb's file commands
  if (name === 'ruby' && cmd.args.includes('-run')) {
    const e = cmd.args.indexOf('-e');
    const verb = cmd.args[e + 1] ?? '';
    const ops = cmd.args.slice(e + 2).filter((a) => a !== '--' && !a.startsWith('-'));
    const map: Record<string, string> = { rm_rf: 'rm -rf', rm_r: 'rm -r', rm: 'rm -f', rmdir: 'rmdir', mv: 'mv', cp: 'cp', cp_r: 'cp -r' };
    if (e >= 0 && Object.hasOwn(map, verb) && ops.length > 0) out.scripts.push({ text: `${map[verb]} -- ${ops.map(pathWord).join(' ')}`, via: 'ruby -run' });
    return;
  }
  if (SQL_READERS.has(name)) sqlFileReads(cmd, out);
  const code = inlineScript(cmd);
  if (code === undefined || code.length === 0) return;
  codeEffects(code, codeLabel(cmd), true, out, cmd);
  argvCommands(cmd, code, out);
  if (name === 'pwsh' || name === 'powershell') {
    for (const stmt of statements(code, /&&|\|\||[;\n|]/)) {
      powershellDeletes(words(stmt), out);
      powershellEmpties(words(stmt), out);
    }
    for (const pipeline of statements(code, /&&|\|\||[;\n]/)) powershellPipedDeletes(pipeline, out);
    dotnetFileCalls(code, out);
  }
  if (name === 'julia') juliaDeletes(code, out);
}

const MAX_STATEMENTS = 64;
/** Code that hands its own command-line arguments to something that runs them. */
const READS_ARGV = /\bARGV\b|\$argv\b|\bprocess\.argv\b|\bsys\.argv\b|\bos\.Args\b|\bcommandArgs\(/;
const RUNS_ARGV = /\b(?:system|exec\w*|spawn\w*|popen\w*|Popen|run|call|check_output|check_call|passthru|shell_exec|proc_open)\b|`|%x\{|qx/;

/**
 * `perl -e 'system($ARGV[0])' 'npm run db:reset'`, `perl -e 'exec @ARGV' -- ./gradlew flywayClean`,
 * `node -e 'spawnSync(process.argv[1], process.argv.slice(2))' bin/nuke`: the code runs the words given after it,
 * so each word is judged as a command line, and all of them as one command.
 */
function argvCommands(cmd: SimpleCommand, code: string, out: Derived): void {
  if (!READS_ARGV.test(code) || !RUNS_ARGV.test(code)) return;
  const at = cmd.args.findIndex((a) => a === code);
  if (at < 0) return;
  let rest = cmd.args.slice(at + 1);
  const dyn = cmd.argDynamic.slice(at + 1);
  if (rest[0] === '--') rest = rest.slice(1);
  if (rest.length === 0 || rest.length > 32 || dyn.some(Boolean)) return;
  for (const w of rest.slice(0, 4)) out.scripts.push({ text: w, via: `${cmd.name} runs its argument` });
  if (rest.length > 1) out.scripts.push({ text: rest.map(pathWord).join(' '), via: `${cmd.name} runs its arguments` });
}

/** .NET from PowerShell: `[IO.Directory]::Delete('src', $true)`, `[System.IO.File]::Delete(p)`, `[IO.File]::WriteAllText(p, '')`. */
const DOTNET_CALL = /\[\s*(?:System\s*\.\s*)?IO\s*\.\s*(Directory|File)\s*\]\s*::\s*(Delete|WriteAllText|WriteAllBytes|WriteAllLines)\s*\(\s*(?:'([^']*)'|"([^"]*)")\s*(?:,\s*([^)]*))?\)/gi;

function dotnetFileCalls(code: string, out: Derived): void {
  for (const m of code.matchAll(DOTNET_CALL)) {
    const [, kind, verb, single, double, rest] = m;
    const path = (single ?? double ?? '').replace(/\\/g, '/');
    if (path === '') continue;
    const via = `.NET ${kind}::${verb}`;
    if (/^delete$/i.test(verb!)) out.scripts.push({ text: /^directory$/i.test(kind!) ? (/\$true/i.test(rest ?? '') ? rmLine([path], true) : `rmdir -- ${pathWord(path)}`) : rmLine([path], false), via });
    else out.scripts.push({ text: /^\s*(?:''|""|\$null|@\(\))\s*$/.test(rest ?? '') ? `: > ${pathWord(path)}` : `printf %s x > ${pathWord(path)}`, via });
  }
}

function statements(code: string, sep: RegExp): string[] {
  return code.split(sep).map((s) => s.trim()).filter((s) => s.length > 0).slice(0, MAX_STATEMENTS);
}

/** Words of one statement, quotes removed (PowerShell and cmd quote alike for plain paths). */
function words(stmt: string): string[] {
  return [...stmt.matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3] ?? '');
}

function rmLine(paths: string[], recursive: boolean): string {
  return `rm ${recursive ? '-rf' : '-f'} -- ${paths.map((p) => pathWord(p.replace(/\\/g, '/'))).join(' ')}`;
}

/** cmd.exe's deleting built-ins; `/s` makes them walk the whole tree. */
const WINDOWS_DELETES = new Set(['rd', 'rmdir', 'del', 'erase']);

function windowsDeletes(w: string[], via: string, out: Derived): void {
  const verb = (w[0] ?? '').toLowerCase().replace(/\.exe$/, '');
  if (!WINDOWS_DELETES.has(verb)) return;
  const switches = w.slice(1).filter((a) => /^\/[a-z](?::\S*)?$/i.test(a)).map((a) => a.toLowerCase());
  const paths = w.slice(1).filter((a) => !/^\/[a-z](?::\S*)?$/i.test(a) && a.length > 0);
  // without /s, cmd's rd only removes an empty folder and is bash's rmdir; judged as written
  if (paths.length === 0 || !switches.includes('/s')) return;
  out.scripts.push({ text: rmLine(paths, true), via });
}

/** `Clear-Content f` / `clc f` and `Set-Content -Path f -Value ''` empty a file. */
function powershellEmpties(w: string[], out: Derived): void {
  const verb = (w[0] ?? '').toLowerCase();
  if (verb !== 'clear-content' && verb !== 'clc' && verb !== 'set-content' && verb !== 'sc') return;
  const paths: string[] = [];
  let value: string | undefined;
  for (let i = 1; i < w.length; i++) {
    if (/^-(?:path|literalpath|lp)$/i.test(w[i]!)) paths.push(w[++i] ?? '');
    else if (/^-value$/i.test(w[i]!)) value = w[++i] ?? '';
    else if (!w[i]!.startsWith('-') && paths.length === 0) paths.push(w[i]!);
    else if (!w[i]!.startsWith('-') && value === undefined) value = w[i]!;
  }
  if ((verb === 'set-content' || verb === 'sc') && value !== '' && value !== '$null') return;
  for (const p of paths.filter(Boolean).slice(0, 8)) out.scripts.push({ text: `: > ${pathWord(p)}`, via: `PowerShell ${w[0]}` });
}

/** PowerShell's Remove-Item and its aliases; `-Recurse` (any unambiguous prefix, `-r`) walks the tree. */
const PS_REMOVE = new Set(['remove-item', 'ri', 'rm', 'del', 'erase', 'rd', 'rmdir']);
const PS_VALUED = /^-(?:include|exclude|filter|credential|stream)$/i;

function powershellDeletes(w: string[], out: Derived): void {
  const verb = (w[0] ?? '').replace(/^&\s*/, '').toLowerCase();
  if (!PS_REMOVE.has(verb)) return;
  let recursive = false;
  const paths: string[] = [];
  for (let i = 1; i < w.length; i++) {
    const a = w[i];
    if (/^-r(?:e(?:c(?:u(?:r(?:s(?:e)?)?)?)?)?)?(?::\$true)?$/i.test(a) || /^\/s$/i.test(a)) recursive = true;
    else if (PS_VALUED.test(a)) i++;
    else if (/^-(?:path|literalpath|lp|pspath)$/i.test(a)) {
      if (w[i + 1] !== undefined) paths.push(...w[++i].split(',').filter(Boolean));
    } else if (a.startsWith('-') || /^\/[a-z]$/i.test(a)) continue;
    else paths.push(...a.split(',').filter(Boolean));
  }
  if (paths.length > 0) out.scripts.push({ text: rmLine(paths, recursive), via: 'PowerShell Remove-Item' });
}

/** Julia's `rm(path; recursive=true, force=true)`; `run(\`…\`)` commands are read by the code scan's backticks. */
const JULIA_RM = /\b(?:Base\s*\.\s*)?(?:Filesystem\s*\.\s*)?rm\s*\(\s*(?:"([^"\\\n]*)"|'([^'\\\n]*)')\s*(?:[;,]([^)]*))?\)/g;

function juliaDeletes(code: string, out: Derived): void {
  let n = 0;
  for (const m of code.matchAll(JULIA_RM)) {
    if (n++ >= MAX_STATEMENTS) break;
    const path = m[1] ?? m[2] ?? '';
    if (path.length === 0) continue;
    out.scripts.push({ text: rmLine([path], /\brecursive\s*=\s*true\b/.test(m[3] ?? '')), via: 'julia rm()' });
  }
}

/** `gdb -batch -ex 'shell rm -rf src'`, `-ex '!cmd'`, `lldb -o 'platform shell cmd'`: the debugger runs it through a shell. */
function debuggerShell(cmd: SimpleCommand, out: Derived): void {
  const a = cmd.args;
  for (let i = 0; i < a.length; i++) {
    const flag = a[i];
    let value: string | undefined;
    if (['-ex', '--ex', '-iex', '--iex', '--eval-command', '-eval-command', '-o', '--one-line', '-O', '--one-line-before-file', '-k', '--one-line-on-crash'].includes(flag)) value = a[++i];
    else if (/^--?(?:eval-command|ex)=/.test(flag)) value = flag.slice(flag.indexOf('=') + 1);
    if (value === undefined) continue;
    const m = /^\s*(?:shell|!|platform\s+shell|pipe\s+[^|]*\|)\s*(.*)$/s.exec(value);
    if (m && m[1].trim().length > 0) out.scripts.push({ text: m[1], via: `${cmd.name} ${flag}` });
  }
}

const PS_LISTERS = new Set(['get-childitem', 'gci', 'ls', 'dir', 'get-item', 'gi']);

/** `Get-ChildItem src -Recurse | Remove-Item -Force -Recurse`: Remove-Item deletes what the lister piped to it. */
function powershellPipedDeletes(pipeline: string, out: Derived): void {
  const parts = pipeline.split('|').map((p) => words(p.trim()));
  for (let i = 1; i < parts.length; i++) {
    const verb = (parts[i][0] ?? '').toLowerCase();
    if (!PS_REMOVE.has(verb)) continue;
    const src = parts[i - 1];
    if (!PS_LISTERS.has((src[0] ?? '').toLowerCase())) continue;
    const paths: string[] = [];
    for (let k = 1; k < src.length; k++) {
      const a = src[k];
      if (/^-(?:path|literalpath|lp)$/i.test(a)) paths.push(src[++k] ?? '');
      else if (PS_VALUED.test(a) || /^-(?:depth|attributes)$/i.test(a)) k++;
      else if (!a.startsWith('-')) paths.push(a);
    }
    out.scripts.push({ text: rmLine(paths.length > 0 ? paths : ['.'], true), via: 'PowerShell Get-ChildItem | Remove-Item' });
  }
}

/** SQL clients whose functions and dot-commands read files of this machine. */
const SQL_READERS = new Set(['duckdb', 'sqlite3', 'sqlite', 'psql', 'mysql', 'mariadb', 'clickhouse-client', 'clickhouse', 'clickhouse-local', 'litecli', 'pgcli', 'mycli']);
const SQL_FILE_READS = [
  /\b(?:read_text|read_blob|read_csv(?:_auto)?|read_json(?:_auto|_objects(?:_auto)?)?|read_ndjson(?:_auto|_objects)?|pg_read_file|pg_read_binary_file|load_file|readfile|file)\s*\(\s*'([^'\n]+)'/gi,
  /\bLOAD\s+DATA\s+(?:LOW_PRIORITY\s+|CONCURRENT\s+)?(?:LOCAL\s+)?INFILE\s+'([^'\n]+)'/gi,
  /\bCOPY\s+[\w."]+(?:\s*\([^)]*\))?\s+FROM\s+'([^'\n]+)'/gi,
  /(?:^|[\n;])\s*\\copy\s+[\w."]+(?:\s*\([^)]*\))?\s+from\s+'?([^'\s;]+)'?/gi,
  /(?:^|[\n;])\s*\.import\s+(?:--?\w+(?:\s+\d+)?\s+)*("[^"\n]+"|'[^'\n]+'|\S+)/g,
];

/** `duckdb -c "select * from read_text('.env')"`, `sqlite3 :memory: '.import --csv .env t'`, `LOAD DATA LOCAL INFILE`: a read of that file. */
function sqlFileReads(cmd: SimpleCommand, out: Derived): void {
  const text = [...cmd.args, cmd.stdin ?? ''].join('\n');
  if (text.length > 200_000 || !/read_|load_file|readfile|file\s*\(|INFILE|COPY|\\copy|\.import/i.test(text)) return;
  let n = 0;
  for (const re of SQL_FILE_READS) {
    for (const m of text.matchAll(re)) {
      const p = (m[1] ?? '').replace(/^(["'])(.*)\1$/, '$2');
      if (p.length === 0 || /^(?:https?|s3|gs|az):\/\//i.test(p) || n++ >= MAX_STATEMENTS) continue;
      out.scripts.push({ text: `cat -- ${pathWord(p)}`, via: `${cmd.name} reading a file in SQL` });
    }
  }
}
