// Whether the hook may believe a registered "window": any process of this user can write a registry
// entry and listen on a socket, so an entry is only a claim. The hook believes it when
//  - the entry, its token and its socket are where the gate puts them (inside the private state dir),
//    are plain files / a socket owned by this user, readable by nobody else, and not links;
//  - the state dir and the directories under it are private and no link of ours is on their path;
//  - (Linux) the registered pid is alive, ours, an editor's extension host by its executable and
//    command line, and is itself the process listening on the registered socket.
// Anything else is ignored (the hook decides offline) and the reason is recorded for the editor.
// Elsewhere the process cannot be inspected cheaply; `processCheck` says so.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { WindowEntryT } from './registry';
import { statePaths } from './state_dir';

/** undefined: trusted. A string: why not, in words a person reads in the Activity view. */
export type GateTrust = (root: string, entry: WindowEntryT) => string | undefined;

const ID = /^[A-Za-z0-9_-]{1,64}$/;

function uid(): number | undefined {
  return typeof process.getuid === 'function' ? process.getuid() : undefined;
}

/** A directory or file we own, not a link, and closed to group and others. */
function ownPrivate(p: string, kind: 'dir' | 'file' | 'socket'): string | undefined {
  let st: fs.Stats;
  try {
    st = fs.lstatSync(p);
  } catch {
    return `${p} is missing`;
  }
  if (st.isSymbolicLink()) return `${p} is a symbolic link`;
  const ok = kind === 'dir' ? st.isDirectory() : kind === 'file' ? st.isFile() : st.isSocket();
  if (!ok) return `${p} is not a ${kind === 'dir' ? 'directory' : kind}`;
  if (process.platform === 'win32') return undefined;
  const me = uid();
  if (me !== undefined && st.uid !== me) return `${p} belongs to uid ${st.uid}`;
  if ((st.mode & 0o077) !== 0) return `${p} is open to other users (mode ${(st.mode & 0o777).toString(8)})`;
  // A second name for the token would let a copy outlive the window that wrote it.
  if (kind === 'file' && st.nlink > 1) return `${p} has other hard links`;
  return undefined;
}

/** Links on the way to the state dir: only the system's own (root-owned, like macOS /var) are allowed. */
export function linkOnPath(dir: string): string | undefined {
  if (process.platform === 'win32') return undefined;
  const abs = path.resolve(dir);
  const parts = abs.split(path.sep).filter(Boolean);
  let cur: string = path.sep;
  for (const part of parts) {
    cur = path.join(cur, part);
    let st: fs.Stats;
    try {
      st = fs.lstatSync(cur);
    } catch {
      return `${cur} is missing`;
    }
    if (st.isSymbolicLink() && st.uid !== 0) return `${cur} is a symbolic link`;
  }
  return undefined;
}

/** The private socket dir used when the state dir's path is too long for a Unix socket. */
export function tmpSocketDir(): string {
  return path.join(os.tmpdir(), `airlock-${uid() ?? 'u'}`);
}

export function filesCheck(root: string, entry: WindowEntryT): string | undefined {
  if (!ID.test(entry.id)) return 'its id is not one the gate makes';
  const p = statePaths(root);
  if (path.resolve(entry.tokenFile) !== path.join(p.windows, `${entry.id}.token`)) return 'its token is outside the state dir';
  const sockDir = path.dirname(path.resolve(entry.socket));
  if (process.platform !== 'win32') {
    if (path.basename(entry.socket) !== `${entry.id}.sock`) return 'its socket is not named for the window';
    if (sockDir !== p.sockets && sockDir !== tmpSocketDir()) return 'its socket is outside the state dir';
  } else if (!entry.socket.startsWith('\\\\.\\pipe\\airlock-')) {
    return 'its pipe is not an Airlock pipe';
  }
  return (
    linkOnPath(root) ??
    ownPrivate(root, 'dir') ??
    ownPrivate(p.windows, 'dir') ??
    ownPrivate(path.join(p.windows, `${entry.id}.json`), 'file') ??
    ownPrivate(entry.tokenFile, 'file') ??
    (process.platform === 'win32' ? undefined : (ownPrivate(sockDir, 'dir') ?? ownPrivate(entry.socket, 'socket')))
  );
}

function readProductJson(file: string): boolean {
  try {
    const st = fs.statSync(file);
    if (!st.isFile() || st.size > 1_000_000) return false;
    const p = JSON.parse(fs.readFileSync(file, 'utf8')) as { nameShort?: unknown; applicationName?: unknown };
    return typeof p.nameShort === 'string' && typeof p.applicationName === 'string';
  } catch {
    return false;
  }
}

/** An Electron editor install keeps its product.json in resources/app beside the binary. */
function electronEditor(exe: string): boolean {
  return readProductJson(path.join(path.dirname(exe), 'resources', 'app', 'product.json'));
}

const NODE_EXE = /^(?:node|nodejs|node\d+)$/;

/**
 * Linux: is `argv` (from /proc) an editor extension host? Two shapes exist:
 *  - VS Code servers (code-server, Remote-SSH/WSL servers, Cursor/Windsurf servers) and older desktops fork
 *    `<editor>/out/bootstrap-fork --type=extensionHost` with node (or the editor binary as node); the
 *    editor's product.json sits beside `out/`.
 *  - Current desktops run it as an Electron utility process of the editor binary (NodeService).
 */
export function extensionHostShape(exe: string, argv: string[]): string | undefined {
  const exeName = path.basename(exe.replace(/ \(deleted\)$/, ''));
  const fromEditor = electronEditor(exe);
  if (argv.includes('--type=extensionHost')) {
    if (!NODE_EXE.test(exeName) && !fromEditor) return `its program (${exeName}) is neither node nor an editor`;
    const script = argv.slice(1).find((a) => !a.startsWith('-'));
    if (!script || !/[\\/]out[\\/]bootstrap-fork(?:\.js)?$/.test(script)) return 'it was not started by an editor as its extension host';
    if (!readProductJson(path.join(path.dirname(script), '..', 'product.json'))) return 'the program it runs is not inside an editor install';
    return undefined;
  }
  if (argv.includes('--type=utility') && argv.includes('--utility-sub-type=node.mojom.NodeService')) {
    return fromEditor ? undefined : `its program (${exeName}) is not an editor install`;
  }
  return 'it is not an editor extension host';
}

/**
 * The sockfs inodes listening on `socketPath`, as the network namespace of `pid` lists them: a hook inside
 * `airlock run --deny-host ...` (its own network namespace) sees only its namespace in /proc/net/unix.
 */
function socketInodes(socketPath: string, pid: number): Set<string> {
  const out = new Set<string>();
  let text: string;
  try {
    text = fs.readFileSync(`/proc/${pid}/net/unix`, 'utf8');
  } catch {
    try {
      text = fs.readFileSync('/proc/net/unix', 'utf8');
    } catch {
      return out;
    }
  }
  const needle = ` ${socketPath}\n`;
  let at = text.indexOf(needle);
  while (at >= 0) {
    const lineStart = text.lastIndexOf('\n', at) + 1;
    const cols = text.slice(lineStart, at + needle.length - 1).trim().split(/\s+/);
    // Num RefCount Protocol Flags Type St Inode Path
    if (cols.length >= 8 && cols[7] === socketPath) out.add(cols[6]!);
    at = text.indexOf(needle, at + needle.length);
  }
  return out;
}

function holdsSocket(pid: number, inodes: Set<string>): boolean {
  if (inodes.size === 0) return false;
  let fds: string[];
  try {
    fds = fs.readdirSync(`/proc/${pid}/fd`);
  } catch {
    return false;
  }
  for (const fd of fds) {
    let target: string;
    try {
      target = fs.readlinkSync(`/proc/${pid}/fd/${fd}`);
    } catch {
      continue;
    }
    const m = /^socket:\[(\d+)\]$/.exec(target);
    if (m && inodes.has(m[1]!)) return true;
  }
  return false;
}

/** Whether this platform lets the hook check the registered process at all. */
export const processCheckAvailable = process.platform === 'linux';

export function processCheck(entry: WindowEntryT): string | undefined {
  if (!processCheckAvailable) return undefined; // said plainly in the README's limits
  const proc = `/proc/${entry.pid}`;
  if (!Number.isInteger(entry.pid) || entry.pid <= 1) return 'its process id is not plausible';
  let st: fs.Stats;
  try {
    st = fs.statSync(proc);
  } catch {
    return `process ${entry.pid} is not running`;
  }
  const me = uid();
  if (me !== undefined && st.uid !== me) return `process ${entry.pid} belongs to another user`;
  let exe: string;
  let argv: string[];
  try {
    exe = fs.readlinkSync(`${proc}/exe`);
    argv = fs.readFileSync(`${proc}/cmdline`, 'utf8').split('\0').filter(Boolean);
  } catch {
    return `process ${entry.pid} cannot be inspected`;
  }
  const shape = extensionHostShape(exe, argv);
  if (shape) return `process ${entry.pid}: ${shape}`;
  if (!holdsSocket(entry.pid, socketInodes(entry.socket, entry.pid))) return `process ${entry.pid} is not the one listening on the registered socket`;
  return undefined;
}

/** The hook's default judgement of a registry entry. */
export const checkGate: GateTrust = (root, entry) => {
  const files = filesCheck(root, entry);
  if (files) return `window ${entry.id}: ${files}`;
  const proc = processCheck(entry);
  return proc ? `window ${entry.id}: ${proc}` : undefined;
};

/** For tests whose gate runs inside the test process itself (not an extension host). */
export const trustFilesOnly: GateTrust = (root, entry) => {
  const files = filesCheck(root, entry);
  return files ? `window ${entry.id}: ${files}` : undefined;
};
