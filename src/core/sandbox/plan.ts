// What `airlock run` puts around an agent: which files are masked (their content replaced by an empty
// file, so a hardlink made inside, a copy or a glob reaches nothing), which paths are read-only (Airlock's
// own files, the editors' settings, the agents' hook folders), which variables are dropped. Pure: the
// host finds the paths; this turns a plan into bubblewrap arguments, in an order where later mounts win.
import { describeNetwork, type SandboxNetwork } from './network';

export interface SandboxPlan {
  /** Absolute paths of regular files whose content must not be readable (protected files, found secrets, their hardlinks). */
  mask: string[];
  /** Absolute paths (files or folders) that stay readable but not writable. */
  readOnly: string[];
  /** An empty regular file the host made; bound over every masked file. */
  emptyFile: string;
  /** Environment variable names removed before the command starts. */
  dropEnv: string[];
  cwd: string;
  command: string[];
  /** Set when the network is restricted: no network of its own, only the proxy through the bridge. */
  network?: SandboxNetworkPlan;
}

export interface SandboxNetworkPlan {
  policy: SandboxNetwork;
  /** The proxy's unix socket (outside; reachable inside, sockets cross network namespaces). */
  socket: string;
  /** node (or the editor's runtime with ELECTRON_RUN_AS_NODE) that runs the bridge inside. */
  runtime: string;
  /** The bridge script and its config (read-only inside), and the file it creates once it listens. */
  script: string;
  config: string;
  ready: string;
  /** 127.0.0.1 port inside where HTTP(S)_PROXY points. */
  proxyPort: number;
}

/**
 * What bubblewrap runs when the network is restricted: start the bridge in the background, wait until it
 * listens (or stop if it died), then become the command (so it keeps bubblewrap's die-with-parent).
 * Positional: runtime, script, config, ready file, `--`, command...
 */
export const BRIDGE_SHELL =
  'ELECTRON_RUN_AS_NODE=1 "$0" "$1" "$2" & p=$!; ' +
  'while [ ! -e "$3" ]; do kill -0 "$p" 2>/dev/null || { echo "airlock run: the network bridge inside the sandbox did not start; nothing was run" >&2; exit 2; }; sleep 0.02; done; ' +
  'shift 4; exec "$@"';

const PROXY_VARIABLES = ['HTTP_PROXY', 'HTTPS_PROXY', 'ALL_PROXY', 'http_proxy', 'https_proxy', 'all_proxy'];

export interface SandboxSummary {
  masked: number;
  readOnly: number;
  droppedVariables: string[];
  network: string;
}

/** bubblewrap's argv (without the program name). The whole file system stays as it is, then narrowed. */
export function bwrapArgs(plan: SandboxPlan): string[] {
  if (plan.command.length === 0) throw new Error('no command to run');
  const args = ['--dev-bind', '/', '/'];
  // Read-only first, masks after: a masked file inside a read-only folder is still masked.
  for (const p of uniqueSorted(plan.readOnly)) args.push('--ro-bind', p, p);
  for (const p of uniqueSorted(plan.mask)) args.push('--ro-bind', plan.emptyFile, p);
  for (const name of uniqueSorted(plan.dropEnv)) args.push('--unsetenv', name);
  const net = plan.network;
  if (!net) {
    args.push('--setenv', 'AIRLOCK_SANDBOX', '1', '--die-with-parent', '--chdir', plan.cwd, '--', ...plan.command);
    return args;
  }
  args.push('--unshare-net', '--ro-bind', net.script, net.script, '--ro-bind', net.config, net.config);
  const proxy = `http://127.0.0.1:${net.proxyPort}`;
  for (const name of PROXY_VARIABLES) args.push('--setenv', name, proxy);
  args.push('--setenv', 'NO_PROXY', 'localhost,127.0.0.1,::1', '--setenv', 'no_proxy', 'localhost,127.0.0.1,::1', '--setenv', 'NODE_USE_ENV_PROXY', '1');
  args.push('--setenv', 'AIRLOCK_SANDBOX', '1', '--die-with-parent', '--chdir', plan.cwd, '--');
  args.push('/bin/sh', '-c', BRIDGE_SHELL, net.runtime, net.script, net.config, net.ready, '--', ...plan.command);
  return args;
}

export function summarizePlan(plan: SandboxPlan): SandboxSummary {
  return { masked: new Set(plan.mask).size, readOnly: new Set(plan.readOnly).size, droppedVariables: uniqueSorted(plan.dropEnv), network: describeNetwork(plan.network?.policy) };
}

function uniqueSorted(xs: readonly string[]): string[] {
  // Parents before children, so a read-only folder never re-exposes a masked file bound earlier.
  return [...new Set(xs)].sort((a, b) => a.length - b.length || a.localeCompare(b));
}
