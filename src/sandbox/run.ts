// `airlock run -- <command>`: the command (an agent CLI, a shell) runs in a bubblewrap sandbox where
// protected files and files with found secrets cannot be read (their content is an empty file, and so is
// every hardlink to them found in the workspace), Airlock's own files, the editors' settings and the
// agents' hook folders are read-only, and credential-named variables are gone. The workspace stays
// writable; the gate socket stays reachable, so hooks inside still ask the editor. Linux only for now.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { compilePolicy, type CompiledPolicy } from '../core/policy/compile';
import { defaultPolicy } from '../core/policy/default_policy';
import type { Policy } from '../core/policy/schema';
import { resolvePolicy, type PolicySource } from '../core/policy/resolve';
import { isRestricted, loopbackForwards, mergeNetwork, type SandboxNetwork } from '../core/sandbox/network';
import { bwrapArgs, type SandboxPlan } from '../core/sandbox/plan';
import { appendOffline, type OfflineRecord } from '../gate/offline_log';
import { readPolicySnapshot } from '../gate/policy_file';
import { stateDir } from '../gate/state_dir';
import { walkFiles } from '../host/tree_walk';
import { FORWARDER_SOURCE, type ForwarderConfig } from './forwarder';
import { refusalText, startNetworkProxy, type BlockedConnection } from './proxy';

const WALK_LIMIT = 50_000;
const SKIP_DIRS = new Set(['node_modules', '.git', '.cache', '.npm', '.cargo', '.rustup', '.pyenv', '.local', 'go', '.gradle', '.m2', 'snap', 'Library', '.vscode-server', '.cursor-server', '.vscode', '.cursor', '.windsurf']);
const WORKSPACE_HOOK_DIRS = ['.cursor', '.claude', '.github/hooks', '.codex', '.gemini', '.windsurf', '.clinerules', '.airlock'];
/** Editors' extension folders and user settings, and agents' user config: read-only inside. */
const HOME_READ_ONLY = [
  '.vscode/extensions',
  '.vscode-insiders/extensions',
  '.vscode-oss/extensions',
  '.cursor/extensions',
  '.windsurf/extensions',
  '.vscode-server',
  '.cursor-server',
  '.local/share/code-server',
  '.config/Code/User',
  '.config/Code - Insiders/User',
  '.config/Cursor/User',
  '.config/Windsurf/User',
  '.config/VSCodium/User',
  '.claude/settings.json',
  '.claude/settings.local.json',
  '.codex',
  '.gemini/settings.json',
  '.cursor/hooks.json',
  '.copilot',
  'Library/Application Support/Code/User',
  'Library/Application Support/Cursor/User',
];

export class SandboxError extends Error {}

export interface PlanOptions {
  workspace: string;
  home: string;
  env: NodeJS.ProcessEnv;
  command: string[];
  cwd?: string;
  policy?: Policy;
  /** Where the empty file bound over masked files is made (default: a fresh private temp dir). */
  scratch?: string;
  /** Credential-named variables the person chose to pass in (`--keep-env`), such as the agent's own model API key. */
  keepEnv?: readonly string[];
  /** The resolved network policy (resolveSandboxNetwork); open when absent. */
  network?: SandboxNetwork;
  /** The runtime that runs the network bridge inside (default: this process's). */
  runtime?: string;
}

/** Where HTTP(S)_PROXY points inside, unless an allow-listed loopback port needs it. */
const PROXY_PORT = 3128;

/** A variable name `--keep-env` accepts. */
export const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

interface Walked {
  secret: string[];
  /** dev:ino -> paths, for regular files with more than one name. */
  linked: Map<string, string[]>;
}

function walk(root: string, isSecret: (abs: string) => boolean, maxDepth: number, skip: (name: string, abs: string) => boolean, into: Walked, budget: { left: number }): void {
  walkFiles(root, {
    maxDepth,
    budget,
    skipDir: skip,
    onFile: (abs) => {
      if (isSecret(abs)) into.secret.push(abs);
      let st: fs.Stats;
      try {
        st = fs.statSync(abs);
      } catch {
        return;
      }
      if (st.nlink > 1) {
        const key = `${st.dev}:${st.ino}`;
        into.linked.set(key, [...(into.linked.get(key) ?? []), abs]);
      }
    },
  });
}

function existing(paths: readonly string[]): string[] {
  return paths.filter((p) => {
    try {
      fs.lstatSync(p);
      return true;
    } catch {
      return false;
    }
  });
}

function policyFor(opts: PlanOptions): CompiledPolicy {
  const base = opts.policy ?? defaultPolicy();
  // Files the editor's scan found secrets in: the last policy it saved lists them as extra protected paths.
  const snapshot = readPolicySnapshot(stateDir(opts.home))?.policy as Partial<Policy> | undefined;
  const extra = Array.isArray(snapshot?.protectedPaths) ? snapshot.protectedPaths.filter((p): p is string => typeof p === 'string') : [];
  return compilePolicy({ ...base, protectedPaths: [...base.protectedPaths, ...extra] }, { home: opts.home });
}

/** Finds what to mask and what to keep read-only. Refuses (throws SandboxError) rather than start unprotected. */
export function planSandbox(opts: PlanOptions): SandboxPlan {
  if (opts.command.length === 0) throw new SandboxError('no command given: airlock run -- <command> [args...]');
  let workspace: string;
  try {
    workspace = fs.realpathSync(opts.workspace);
    if (!fs.statSync(workspace).isDirectory()) throw new Error('not a directory');
  } catch {
    throw new SandboxError(`workspace ${opts.workspace} does not exist or is not a folder`);
  }
  const home = path.resolve(opts.home);
  const state = stateDir(home);
  const policy = policyFor(opts);
  const isSecret = (abs: string) => !abs.startsWith(`${state}${path.sep}`) && policy.isSecretPath(abs.replace(/\\/g, '/'));
  const walked: Walked = { secret: [], linked: new Map() };
  const budget = { left: WALK_LIMIT };
  walk(workspace, isSecret, 12, (name) => name === 'node_modules' || name === '.git', walked, budget);
  if (home !== workspace && !workspace.startsWith(`${home}${path.sep}`)) {
    walk(home, isSecret, 4, (name, abs) => SKIP_DIRS.has(name) || abs === workspace || abs === state, walked, budget);
  } else {
    // The workspace is inside the home: walk the home's credential places, not the whole tree again.
    for (const dir of ['.ssh', '.aws', '.kube', '.docker', '.azure', '.gnupg', '.config/gcloud', '.config/gh', '.railway', '.config/railway', '.fly', '.terraform.d']) {
      walk(path.join(home, dir), isSecret, 4, () => false, walked, budget);
    }
    for (const f of fs.existsSync(home) ? fs.readdirSync(home) : []) {
      const abs = path.join(home, f);
      try {
        if (fs.statSync(abs).isFile() && isSecret(abs)) walked.secret.push(abs);
      } catch {
        /* gone */
      }
    }
  }
  if (budget.left <= 0) throw new SandboxError(`more than ${WALK_LIMIT} files to look through; run it from the project folder (--workspace)`);
  // Hardlinks: another name for a masked file's content is masked too.
  const mask = new Set(walked.secret);
  for (const abs of walked.secret) {
    try {
      const st = fs.statSync(abs);
      for (const other of walked.linked.get(`${st.dev}:${st.ino}`) ?? []) mask.add(other);
    } catch {
      /* gone */
    }
  }
  const readOnly = existing([
    state,
    ...WORKSPACE_HOOK_DIRS.map((d) => path.join(workspace, d)),
    ...HOME_READ_ONLY.map((d) => path.join(home, d)),
    ...fs.readdirSync(workspace).filter((n) => n.endsWith('.code-workspace')).map((n) => path.join(workspace, n)),
  ]);
  const scratch = opts.scratch ?? fs.mkdtempSync(path.join(os.tmpdir(), 'airlock-sandbox-'));
  const emptyFile = path.join(scratch, 'masked');
  fs.writeFileSync(emptyFile, '', { mode: 0o444 });
  const keep = new Set(opts.keepEnv ?? []);
  const dropEnv = Object.keys(opts.env).filter((n) => policy.isCredentialEnvName(n) && !keep.has(n));
  const plan: SandboxPlan = { mask: [...mask].sort(), readOnly, emptyFile, dropEnv, cwd: opts.cwd ?? process.cwd(), command: opts.command };
  if (isRestricted(opts.network)) {
    const forwards = loopbackForwards(opts.network);
    let proxyPort = PROXY_PORT;
    while (forwards.some((f) => f.port === proxyPort)) proxyPort++;
    const socket = path.join(scratch, 'proxy.sock');
    const script = path.join(scratch, 'bridge.js');
    const config = path.join(scratch, 'bridge.json');
    const ready = path.join(scratch, 'bridge.ready');
    const cfg: ForwarderConfig = { socket, proxyPort, forwards, ready };
    fs.writeFileSync(script, FORWARDER_SOURCE, { mode: 0o444 });
    fs.writeFileSync(config, JSON.stringify(cfg), { mode: 0o444 });
    plan.network = { policy: opts.network, socket, runtime: opts.runtime ?? process.execPath, script, config, ready, proxyPort };
  }
  return plan;
}

/** The `--deny-host` / `--allow-host` flags of one `airlock run`. */
export interface NetworkFlags {
  deny: string[];
  /** Present when any --allow-host (or --no-network) was given. */
  allow?: string[];
}

/**
 * The network policy for one run, tighten-only in this order: what the editor last saved (your user
 * settings and its window's workspace settings), the workspace's `.airlock/policy.json`, then the flags.
 * Any problem with a host list is an error: the caller refuses to start rather than run with less.
 */
export function resolveSandboxNetwork(opts: { home: string; workspace: string; flags?: NetworkFlags }): { network?: SandboxNetwork; errors: string[] } {
  const sources: PolicySource[] = [];
  const errors: string[] = [];
  const saved = (readPolicySnapshot(stateDir(opts.home))?.policy as { sandboxNetwork?: unknown } | undefined)?.sandboxNetwork;
  if (saved !== undefined) sources.push({ level: 'user', label: "the editor's saved policy", values: { sandboxNetwork: saved } });
  const file = path.join(opts.workspace, '.airlock', 'policy.json');
  if (fs.existsSync(file)) {
    try {
      const values = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
      const value = values && typeof values === 'object' ? values.sandboxNetwork : undefined;
      if (value !== undefined) sources.push({ level: 'policyFile', label: '.airlock/policy.json', values: { sandboxNetwork: value } });
    } catch (err) {
      errors.push(`.airlock/policy.json: cannot read it (${err instanceof Error ? err.message : String(err)}), so its network list is unknown`);
    }
  }
  const resolved = resolvePolicy(sources);
  errors.push(...resolved.errors);
  let network = resolved.policy.sandboxNetwork;
  if (opts.flags && (opts.flags.deny.length > 0 || opts.flags.allow !== undefined)) {
    const merged = mergeNetwork(network, opts.flags, true);
    errors.push(...merged.errors.map((e) => `${opts.flags!.allow !== undefined ? '--allow-host/' : ''}--deny-host: ${e}`));
    network = merged.network;
  }
  return { ...(isRestricted(network) ? { network } : {}), errors };
}

/** A refused connection as an event: stderr, and the offline log the editor imports into its Activity view. */
export function recordBlocked(root: string, cwd: string, b: BlockedConnection, stderr: (line: string) => void): void {
  stderr(`airlock: ${refusalText(b)}\n`);
  const scheme = b.method === 'CONNECT' ? (b.port === 80 ? 'http' : 'https') : 'http';
  const host = b.host.includes(':') ? `[${b.host}]` : b.host;
  const record: OfflineRecord = {
    t: Date.now(),
    type: 'decision',
    agent: 'unknown',
    event: 'sandbox-network',
    action: { kind: 'fetch', url: b.url ?? `${scheme}://${host}:${b.port}`, method: b.method, cwd },
    decision: 'deny',
    rules: [`sandbox.network-${b.why}`],
    reason: `airlock run: ${refusalText(b)}`,
  };
  appendOffline(root, [record]);
}

/** Where bubblewrap is, or why the sandbox cannot start here (one line a person can act on). */
export function sandboxAvailable(): { bwrap: string } | { problem: string } {
  if (process.platform === 'win32') return { problem: 'the sandbox is not supported on Windows yet; the hooks still guard every connected agent' };
  if (process.platform !== 'linux') return { problem: 'the sandbox is Linux-only for now (bubblewrap); the hooks still guard every connected agent' };
  const found = spawnSync('bwrap', ['--version'], { encoding: 'utf8' });
  if (found.error || found.status !== 0) return { problem: 'bubblewrap is not installed: run `sudo apt-get install bubblewrap` (Debian/Ubuntu) or your distribution\'s bubblewrap package' };
  return { bwrap: 'bwrap' };
}

/** Runs the plan; resolves with the command's exit code. Signals reach the sandboxed process group. */
export async function runSandboxed(plan: SandboxPlan, bwrap = 'bwrap', onBlocked?: (b: BlockedConnection) => void): Promise<number> {
  const proxy = plan.network ? await startNetworkProxy({ socketPath: plan.network.socket, network: plan.network.policy, onBlocked: onBlocked ?? (() => undefined) }) : undefined;
  try {
    return await spawnBwrap(plan, bwrap);
  } finally {
    await proxy?.close();
  }
}

function spawnBwrap(plan: SandboxPlan, bwrap: string): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(bwrap, bwrapArgs(plan), { stdio: 'inherit', cwd: plan.cwd });
    const forward = (sig: NodeJS.Signals) => () => child.kill(sig);
    const handlers = (['SIGINT', 'SIGTERM', 'SIGHUP'] as NodeJS.Signals[]).map((s) => [s, forward(s)] as const);
    for (const [s, h] of handlers) process.on(s, h);
    child.on('error', () => resolve(127));
    child.on('exit', (code, signal) => {
      for (const [s, h] of handlers) process.off(s, h);
      resolve(code ?? (signal ? 128 + (os.constants.signals[signal] ?? 0) : 1));
    });
  });
}
