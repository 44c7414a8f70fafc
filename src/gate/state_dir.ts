// Airlock's per-user state directory (~/.airlock): gate sockets, tokens, the window registry,
// the lockdown flag, the resolved policy for the hook's offline fallback, and the hook shim.
// Everything in it decides whether an agent is stopped, so the directory must be private:
// owned by this user, mode 0700, not writable by group or others. If it is not, we refuse
// to use it rather than trust what someone else could have put there.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export class UnsafeStateDirError extends Error {}

/** The directory for this user. HOME decides it, so a fresh HOME gives a fresh Airlock state. */
export function stateDir(home: string = os.homedir()): string {
  if (process.platform === 'win32') {
    const base = process.env.LOCALAPPDATA ?? path.join(home, 'AppData', 'Local');
    return path.join(base, 'Airlock');
  }
  return path.join(home, '.airlock');
}

function currentUid(): number | undefined {
  return typeof process.getuid === 'function' ? process.getuid() : undefined;
}

/** Throws UnsafeStateDirError when `dir` exists but is not safely ours. Returns false when it does not exist. */
export function checkPrivateDir(dir: string): boolean {
  let st: fs.Stats;
  try {
    st = fs.lstatSync(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw err;
  }
  if (!st.isDirectory()) throw new UnsafeStateDirError(`${dir} is not a directory`);
  if (process.platform === 'win32') return true; // ACLs, not mode bits, protect it there
  const uid = currentUid();
  if (uid !== undefined && st.uid !== uid) throw new UnsafeStateDirError(`${dir} is owned by uid ${st.uid}, not by you (${uid})`);
  if ((st.mode & 0o022) !== 0) throw new UnsafeStateDirError(`${dir} is writable by group or others (mode ${(st.mode & 0o777).toString(8)})`);
  return true;
}

/** Creates `dir` (0700) if needed and checks it. */
export function ensurePrivateDir(dir: string): string {
  if (!checkPrivateDir(dir)) {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (process.platform !== 'win32') fs.chmodSync(dir, 0o700);
    checkPrivateDir(dir);
  }
  return dir;
}

export interface StatePaths {
  root: string;
  /** One JSON entry per editor window, plus its token file. */
  windows: string;
  /** Unix sockets (kept short: sun_path is about 104 bytes). */
  sockets: string;
  lockdown: string;
  policy: string;
  bin: string;
  /** A copy of each audit log's head, named by the log's path (gate/audit.ts headCopyFile). */
  auditHeads: string;
  /** Decisions the hook made with no editor, for the editor to import (hook/offline_log.ts). */
  offlineLog: string;
}

export function statePaths(root: string = stateDir()): StatePaths {
  return {
    root,
    windows: path.join(root, 'windows'),
    sockets: path.join(root, 's'),
    lockdown: path.join(root, 'lockdown.json'),
    policy: path.join(root, 'policy.json'),
    bin: path.join(root, 'bin'),
    auditHeads: path.join(root, 'audit-heads'),
    offlineLog: path.join(root, 'offline.jsonl'),
  };
}

/** Writes a file atomically with the given mode (rename over the old one). */
export function writeFileAtomic(file: string, data: string, mode = 0o600): void {
  const tmp = `${file}.${process.pid}.${Date.now().toString(36)}.tmp`;
  fs.writeFileSync(tmp, data, { mode });
  if (process.platform !== 'win32') fs.chmodSync(tmp, mode);
  fs.renameSync(tmp, file);
}
