// The one command every hook file runs: a small script at a stable per-user path
// (~/.airlock/bin/airlock-hook) that starts the editor's own runtime as Node
// (ELECTRON_RUN_AS_NODE=1) on the current extension's dist/cli.js. Hook files never name a
// versioned extension folder or depend on `node` being on PATH; the extension rewrites the shim
// on every activation, so updates just work. If the CLI it points to is gone, the shim blocks
// (exit 2) instead of failing open.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ensurePrivateDir, statePaths, stateDir } from '../../gate/state_dir';

export const SHIM_NAME = process.platform === 'win32' ? 'airlock-hook.cmd' : 'airlock-hook';
/** The `airlock` command line, next to the shim and rewritten with it, so it follows extension updates. */
export const CLI_LAUNCHER_NAME = process.platform === 'win32' ? 'airlock.cmd' : 'airlock';
export const CLI_LAUNCHER_MARKER = 'Airlock command-line launcher';

export function shimPath(root: string = stateDir()): string {
  return path.join(statePaths(root).bin, SHIM_NAME);
}

function sq(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** Runs dist/hook.js (the lean hook bundle) next to the CLI; `cli.js hook` when a build lacks it. */
export function shimScript(runtime: string, cliJs: string): string {
  const hookJs = path.join(path.dirname(cliJs), 'hook.js');
  if (process.platform === 'win32') {
    return [
      '@echo off',
      'rem Airlock hook shim: rewritten by the Airlock extension on activation.',
      `if not exist "${cliJs}" (echo Airlock blocked this: the Airlock extension is not where this hook expects it. Reinstall Airlock or run "Airlock: Connect Agents". 1>&2 & exit /b 2)`,
      `set ELECTRON_RUN_AS_NODE=1`,
      `if exist "${hookJs}" ("${runtime}" "${hookJs}" %* & exit /b) else ("${runtime}" "${cliJs}" hook %* & exit /b)`,
      '',
    ].join('\r\n');
  }
  return [
    '#!/bin/sh',
    '# Airlock hook shim: rewritten by the Airlock extension on activation. Do not edit.',
    `CLI=${sq(cliJs)}`,
    `HOOK=${sq(hookJs)}`,
    `RUNTIME=${sq(runtime)}`,
    'if [ ! -f "$CLI" ] || [ ! -x "$RUNTIME" ]; then',
    `  echo 'Airlock blocked this: the Airlock extension is not where this hook expects it. Reinstall Airlock or run "Airlock: Connect Agents".' >&2`,
    '  exit 2',
    'fi',
    'export ELECTRON_RUN_AS_NODE=1',
    'if [ -f "$HOOK" ]; then exec "$RUNTIME" "$HOOK" "$@"; fi',
    'exec "$RUNTIME" "$CLI" hook "$@"',
    '',
  ].join('\n');
}

/** `airlock <verb>` with the editor's runtime as Node, on the current extension's dist/cli.js. */
export function cliLauncherScript(runtime: string, cliJs: string): string {
  const missing = 'the Airlock extension is not where this launcher expects it. Open the editor once (Airlock rewrites it), or reinstall Airlock.';
  if (process.platform === 'win32') {
    return [
      '@echo off',
      `rem ${CLI_LAUNCHER_MARKER}: rewritten by the Airlock extension on activation.`,
      `if not exist "${cliJs}" (echo airlock: ${missing} 1>&2 & exit /b 2)`,
      'set ELECTRON_RUN_AS_NODE=1',
      `"${runtime}" "${cliJs}" %*`,
      '',
    ].join('\r\n');
  }
  return [
    '#!/bin/sh',
    `# ${CLI_LAUNCHER_MARKER}: rewritten by the Airlock extension on activation. Do not edit.`,
    `CLI=${sq(cliJs)}`,
    `RUNTIME=${sq(runtime)}`,
    'if [ ! -f "$CLI" ] || [ ! -x "$RUNTIME" ]; then',
    `  echo ${sq(`airlock: ${missing}`)} >&2`,
    '  exit 2',
    'fi',
    'export ELECTRON_RUN_AS_NODE=1',
    'exec "$RUNTIME" "$CLI" "$@"',
    '',
  ].join('\n');
}

function writeIfChanged(file: string, content: string): void {
  let current: string | undefined;
  try {
    current = fs.readFileSync(file, 'utf8');
  } catch {
    current = undefined;
  }
  if (current !== content) {
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, content, { mode: 0o700 });
    fs.renameSync(tmp, file);
  }
  if (process.platform !== 'win32') fs.chmodSync(file, 0o700);
}

export function cliLauncherPath(root: string = stateDir()): string {
  return path.join(statePaths(root).bin, CLI_LAUNCHER_NAME);
}

export interface ShimOptions {
  root?: string;
  /** The runtime to run: the editor's executable (with ELECTRON_RUN_AS_NODE) or an absolute node. */
  runtime?: string;
  /** Absolute path of dist/cli.js of the extension that is running now. */
  cliJs: string;
}

/** Writes (or rewrites) the shim and the `airlock` launcher beside it; returns the shim's path. Unchanged content is not rewritten. */
export function writeShim(opts: ShimOptions): string {
  const root = opts.root ?? stateDir();
  ensurePrivateDir(root);
  const bin = ensurePrivateDir(statePaths(root).bin);
  const file = path.join(bin, SHIM_NAME);
  const runtime = opts.runtime ?? process.execPath;
  const cliJs = path.resolve(opts.cliJs);
  writeIfChanged(file, shimScript(runtime, cliJs));
  writeIfChanged(path.join(bin, CLI_LAUNCHER_NAME), cliLauncherScript(runtime, cliJs));
  return file;
}

/**
 * What a teammate without Airlock sees when a hook file that names the shim was committed: every
 * guarded action blocked (exit 2 blocks in every agent), with this one line saying why and what to do.
 * Failing open instead would turn a guard the team chose to share into a silent no-op.
 */
export const SHIM_MISSING_MESSAGE =
  'Airlock blocked this: the agent hooks in this project run Airlock, which is not set up for this user. Install the Airlock extension and run Connect Agents, or remove the Airlock entries from this hook file.';

/**
 * The command hook files run. On macOS and Linux the shim is named relative to `$HOME` (agents run
 * hook commands through a shell), so a hook file committed to a repository names no one's home
 * directory and works on every machine where Airlock is set up; where it is not, the guard in front
 * blocks with SHIM_MISSING_MESSAGE instead of a bare "not found". Windows keeps the absolute path.
 */
export function hookCommand(shim: string, agent: string, event?: string, home: string = os.homedir()): string {
  const args = `--agent ${agent}${event ? ` --event ${event}` : ''}`;
  if (process.platform === 'win32') {
    const quoted = /^[A-Za-z0-9_./:\\-]+$/.test(shim) ? shim : `"${shim}"`;
    return `${quoted} ${args}`;
  }
  const rel = home && shim.startsWith(`${home}${path.sep}`) ? shim.slice(home.length + 1) : undefined;
  const named = rel !== undefined && /^[A-Za-z0-9_./-]+$/.test(rel) ? `"$HOME/${rel}"` : sq(shim);
  return `[ -x ${named} ] || { echo ${sq(SHIM_MISSING_MESSAGE)} >&2; exit 2; }; exec ${named} ${args}`;
}

/** Whether a hook command string is one Airlock wrote. */
export function isAirlockCommand(cmd: unknown): boolean {
  return typeof cmd === 'string' && /airlock-hook(\.cmd)?['"]?\s+--agent\s/.test(cmd);
}
