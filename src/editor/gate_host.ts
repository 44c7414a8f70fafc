// Starts this window's gate: the decision service agents' hooks talk to. It classifies with the
// policy resolved from settings (built-in < user < workspace < folder), keeps the hook's offline
// snapshot of that policy current, rewrites the hook shim so it points at this extension's
// dist/cli.js (surviving extension updates), and follows workspace-folder changes.
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { restoreMissing } from '../agents/install/index';
import { writeShim } from '../agents/install/shim';
import { JSON_SPECS } from '../agents/install/specs';
import type { AgentAction, Verdict } from '../core/action';
import { classify } from '../core/classify';
import { POLICY_KEYS, resolvePolicy, type PolicySource } from '../core/policy';
import type { Policy } from '../core/policy/schema';
import type { ApprovalUi, GateListener } from '../gate/contract';
import { isLockdownEngaged } from '../gate/lockdown';
import { writePolicySnapshot } from '../gate/policy_file';
import { GateServer } from '../gate/server';
import { loadShellParser } from '../host/shell_wasm';
import { createHostFacts } from '../host/facts';
import { realPathOf } from '../host/real_path';
import { enableLinearRegex } from '../host/regex_engine';
import { noteOwnWrites } from './watch/ownWrites';

// Before any policy compiles its patterns.
enableLinearRegex();

export interface GateHostOptions {
  extension: vscode.ExtensionContext;
  ui: ApprovalUi;
  listener: GateListener;
  /** The kill switch's state; the lockdown flag file is checked too, so either one blocks. */
  isLockdown?(): boolean;
  log?: vscode.LogOutputChannel;
  /** Per-user state dir (tests); default ~/.airlock. */
  root?: string;
}

export interface GateHost extends vscode.Disposable {
  readonly server: GateServer;
  /** Withdraw every request waiting on a person (each is answered "block"). */
  abortPending(): void;
  /** The same decision the gate makes, for terminal commands the editor only observes. */
  classify(action: AgentAction): Verdict;
  readonly policy: Policy;
  readonly policyErrors: readonly string[];
  /**
   * Protected path globs found at run time (files where the secret scan found a credential), added
   * to the settings' protectedPaths for the gate and the offline snapshot alike. Only adds: an empty
   * list means "none found", never less than the settings protect.
   */
  setExtraProtectedPaths(globs: readonly string[]): void;
  /**
   * The person resolved every finding in this file ("Not a secret", "Move value to .env"): its content no
   * longer counts as a live credential for agent reads, for as long as the file stays exactly as it is now
   * (an agent's later edit brings the content check back).
   */
  releaseContent(absPath: string): void;
}

/** Policy keys whose workspace values are ignored in Restricted Mode (package.json restrictedConfigurations). */
export const RESTRICTED_IN_UNTRUSTED: ReadonlySet<string> = new Set(['customRules', 'credentialEnvPatterns']);

/** The policy from settings, each level a source (workspace levels may only tighten: core enforces it). */
export function policyFromSettings(): { policy: Policy; errors: string[] } {
  const cfg = vscode.workspace.getConfiguration('airlock');
  const levels = { user: {} as Record<string, unknown>, workspace: {} as Record<string, unknown>, workspaceFolder: {} as Record<string, unknown> };
  // Restricted Mode: regular expressions a workspace supplies are not run until the person trusts it
  // (package.json capabilities.untrustedWorkspaces lists them); everything else there can only tighten.
  const trusted = vscode.workspace.isTrusted;
  for (const key of POLICY_KEYS) {
    const i = cfg.inspect(key);
    if (!i) continue;
    if (i.globalValue !== undefined) levels.user[key] = i.globalValue;
    if (!trusted && RESTRICTED_IN_UNTRUSTED.has(key)) continue;
    if (i.workspaceValue !== undefined) levels.workspace[key] = i.workspaceValue;
    if (i.workspaceFolderValue !== undefined) levels.workspaceFolder[key] = i.workspaceFolderValue;
  }
  const sources: PolicySource[] = [
    { level: 'user', label: 'user settings', values: levels.user },
    { level: 'workspace', label: 'workspace settings', values: levels.workspace },
    { level: 'workspaceFolder', label: 'folder settings', values: levels.workspaceFolder },
  ];
  const { policy, errors } = resolvePolicy(sources);
  return { policy, errors };
}

function folders(): string[] {
  return (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
}

export async function startGateHost(opts: GateHostOptions): Promise<GateHost> {
  const log = opts.log;
  await loadShellParser();
  let extraProtected: string[] = [];
  const withExtra = (r: { policy: Policy; errors: string[] }) =>
    extraProtected.length ? { ...r, policy: { ...r.policy, protectedPaths: [...r.policy.protectedPaths, ...extraProtected] } } : r;
  let resolved = withExtra(policyFromSettings());
  for (const e of resolved.errors) log?.warn(`policy: ${e}`);
  const home = os.homedir();
  const hostFacts = createHostFacts();
  const released = new Map<string, string>();
  const signature = (p: string): string | undefined => {
    const st = hostFacts.stat(p);
    return st && `${st.dev}:${st.ino}:${st.size}:${st.mtimeMs}`;
  };
  const facts = {
    ...hostFacts,
    secretsIn: (p: string) => {
      const sig = released.get(p);
      if (sig !== undefined && sig === signature(p)) return [];
      return hostFacts.secretsIn(p);
    },
  };
  const decide = (action: AgentAction): Verdict =>
    classify(action, { policy: resolved.policy, home, realPath: realPathOf, facts, ...(action.cwd ? { cwd: action.cwd } : {}), workspaceRoots: action.workspaceRoots ?? folders() });

  const server = new GateServer({
    ...(opts.root ? { root: opts.root } : {}),
    workspaceRoots: folders(),
    classify: decide,
    ui: opts.ui,
    listener: opts.listener,
    isLockdown: () => (opts.isLockdown?.() ?? false) || isLockdownEngaged(opts.root),
  });
  await server.start();
  log?.info(`gate listening at ${server.socketPath} for ${folders().join(', ') || '(no folder)'}`);

  const snapshot = (): void => {
    try {
      writePolicySnapshot(resolved.policy, opts.root);
    } catch (err) {
      log?.warn(`could not write the policy snapshot for offline hooks: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  snapshot();
  try {
    // ELECTRON_RUN_AS_NODE (set by the shim) makes the editor's own executable a Node runtime.
    const shim = writeShim({ cliJs: path.join(opts.extension.extensionPath, 'dist', 'cli.js'), runtime: process.execPath, ...(opts.root ? { root: opts.root } : {}) });
    log?.info(`hook shim ${shim}`);
  } catch (err) {
    log?.warn(`could not write the hook shim: ${err instanceof Error ? err.message : String(err)}`);
  }

  const cliJs = path.join(opts.extension.extensionPath, 'dist', 'cli.js');
  const guard = hookGuard(opts, cliJs);

  const subs: vscode.Disposable[] = [
    guard,
    vscode.workspace.onDidChangeWorkspaceFolders(() => server.setWorkspaceRoots(folders())),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('airlock')) return;
      resolved = withExtra(policyFromSettings());
      for (const err of resolved.errors) log?.warn(`policy: ${err}`);
      snapshot();
    }),
    // Trusting the folder lets its custom rules and credential patterns in: they only tighten.
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      resolved = withExtra(policyFromSettings());
      snapshot();
    }),
  ];

  return {
    server,
    abortPending: () => server.abortPending(),
    classify: decide,
    get policy() {
      return resolved.policy;
    },
    get policyErrors() {
      return resolved.errors;
    },
    releaseContent(absPath) {
      const sig = signature(absPath);
      if (sig !== undefined) released.set(absPath, sig);
    },
    setExtraProtectedPaths(globs) {
      const next = [...new Set(globs)].sort();
      if (next.join('\n') === extraProtected.join('\n')) return;
      extraProtected = next;
      resolved = withExtra(policyFromSettings());
      snapshot();
    },
    dispose() {
      for (const s of subs) s.dispose();
      void server.close();
    },
  };
}

const HOOK_FILES = `{${[...Object.values(JSON_SPECS).map((s) => s.file), '.clinerules/hooks/*', '.cline/plugins/*'].join(',')}}`;

/**
 * Tamper resistance: when a hook file of an agent the person connected changes or disappears and
 * Airlock's entries are gone, put them back, say so, and record it as an observed event.
 */
function hookGuard(opts: GateHostOptions, cliJs: string): vscode.Disposable {
  let timer: NodeJS.Timeout | undefined;
  const check = (): void => {
    timer = undefined;
    for (const workspace of folders()) {
      let restored;
      try {
        restored = restoreMissing({ workspace, cliJs, runtime: process.execPath, ...(opts.root ? { root: opts.root } : {}) });
      } catch (err) {
        opts.log?.warn(`hook guard: ${err instanceof Error ? err.message : String(err)}`);
        continue;
      }
      noteOwnWrites(restored.map((r) => r.file));
      for (const r of restored) {
        const rel = path.relative(workspace, r.file) || r.file;
        opts.log?.warn(`hook guard: ${r.agent} hook in ${rel} was changed or removed: ${r.status}${r.message ? ` (${r.message})` : ''}`);
        if (r.status !== 'installed') continue;
        opts.listener.onEvent({
          id: `tamper-${Date.now().toString(36)}-${r.agent}`,
          time: Date.now(),
          agent: 'unknown',
          phase: 'observed',
          action: { kind: 'write', path: r.file, cwd: workspace },
          verdict: { decision: 'deny', rules: ['airlock.hook-tamper'], reason: `Airlock's ${r.agent} hook entries were changed or removed; Airlock put them back.`, severity: 'high', environment: 'local', target: rel },
          outcome: 'observed',
          decidedBy: 'none',
          workspaceRoot: workspace,
        });
        void vscode.window.showWarningMessage(`Airlock: its ${r.agent} hook in ${rel} was changed or removed, so Airlock restored it. To remove it on purpose, run "airlock uninstall --agent ${r.agent}".`);
      }
    }
  };
  const schedule = (): void => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(check, 300);
  };
  const watchers = (vscode.workspace.workspaceFolders ?? []).map((f) => {
    const w = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(f, HOOK_FILES));
    w.onDidChange(schedule);
    w.onDidDelete(schedule);
    w.onDidCreate(schedule);
    return w;
  });
  schedule();
  return {
    dispose() {
      if (timer) clearTimeout(timer);
      for (const w of watchers) w.dispose();
    },
  };
}
