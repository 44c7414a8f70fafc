// "Airlock: Install Command-Line Tool": puts `airlock` on PATH as a link to the launcher the extension
// keeps next to the hook shim (~/.airlock/bin/airlock, rewritten on every activation), so the command
// follows extension updates without being reinstalled. No vscode import: the command wraps this.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CLI_LAUNCHER_MARKER } from '../agents/install/shim';

export interface CliToolResult {
  status: 'installed' | 'unchanged' | 'conflict' | 'unsupported';
  /** Where `airlock` now is (or what is in the way). */
  file: string;
  /** Whether that folder is on PATH; when not, the line to add to the shell profile. */
  onPath: boolean;
  pathHint?: string;
}

/** The user's bin folders, preferring one already on PATH: ~/.local/bin (XDG), then ~/bin. */
export function cliToolDir(home: string, pathEnv: string | undefined): { dir: string; onPath: boolean } {
  const onPath = new Set((pathEnv ?? '').split(path.delimiter).filter(Boolean).map((d) => path.resolve(d)));
  const candidates = [path.join(home, '.local', 'bin'), path.join(home, 'bin')];
  const found = candidates.find((d) => onPath.has(d));
  return found ? { dir: found, onPath: true } : { dir: candidates[0]!, onPath: false };
}

function isOurs(file: string, launcher: string): boolean {
  try {
    if (fs.lstatSync(file).isSymbolicLink()) return path.resolve(path.dirname(file), fs.readlinkSync(file)) === launcher;
    return fs.readFileSync(file, 'utf8').includes(CLI_LAUNCHER_MARKER);
  } catch {
    return false;
  }
}

/**
 * Links `<bin>/airlock` to `launcher`. Idempotent; never replaces an `airlock` that is not Airlock's.
 * `launcher` must exist (writeShim writes it).
 */
export function installCliTool(opts: { home: string; pathEnv: string | undefined; launcher: string; platform?: NodeJS.Platform }): CliToolResult {
  const { dir, onPath } = cliToolDir(opts.home, opts.pathEnv);
  const file = path.join(dir, 'airlock');
  const pathHint = onPath ? undefined : `export PATH="$HOME/${path.relative(opts.home, dir)}:$PATH"`;
  const base = { file, onPath, ...(pathHint ? { pathHint } : {}) };
  if ((opts.platform ?? process.platform) === 'win32') return { status: 'unsupported', ...base };
  if (isOurs(file, opts.launcher)) return { status: 'unchanged', ...base };
  let exists = false;
  try {
    fs.lstatSync(file);
    exists = true;
  } catch {
    exists = false;
  }
  if (exists) {
    // Someone else's `airlock` (another tool, or one installed from npm): never replaced.
    return { status: 'conflict', ...base };
  }
  fs.mkdirSync(dir, { recursive: true });
  fs.symlinkSync(opts.launcher, file);
  return { status: 'installed', ...base };
}
