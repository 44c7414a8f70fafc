// What `airlock install|uninstall` and the editor command "Airlock: Connect Agents" call.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { HOOK_AGENTS, type HookAgentId } from '../../core/action';
import { stateDir } from '../../gate/state_dir';
import { SECRET_PATH_GLOBS } from '../../core/policy/defaults';
import { claudeReadDenyRules } from '../ignore_files';
import { clineInstalled, installCline, uninstallCline } from './cline_files';
import { CLINE_PLUGIN_FILE } from './cline_plugin';
import { connectedAgents, markConnected } from './guard';
import { installJsonHooks, jsonHooksInstalled, uninstallJsonHooks } from './json_hooks';
import { hookCommand, shimPath, writeShim } from './shim';
import { JSON_SPECS } from './specs';
import type { InstallResult } from './types';

export type { InstallResult } from './types';

export interface ConnectOptions {
  workspace: string;
  agents: readonly HookAgentId[];
  /** Per-user state dir (default ~/.airlock). */
  root?: string;
  /** Runtime the shim starts (the editor's executable, or an absolute node). Default: this process. */
  runtime?: string;
  /** dist/cli.js of the running extension. When given, the shim is (re)written first. */
  cliJs?: string;
  /** Home directory the shim's path is written relative to (default: this user's). */
  home?: string;
  /** Protected path globs mirrored into Claude's `permissions.deny` as Read(...) rules. Default: the built-in secret paths. */
  protectedPaths?: readonly string[];
}

/**
 * Airlock's policy globs (a leading `/` is the file-system root, `AppData/...` is a Windows home
 * path) in the gitignore-style syntax claudeReadDenyRules reads, where a leading `/` would mean the
 * workspace root. Claude's own syntax for the file-system root is `//` (as in Read(//etc/shadow)).
 */
export function claudePolicyPatterns(globs: readonly string[], platform: NodeJS.Platform = process.platform): string[] {
  return globs.flatMap((g) => {
    if (/^AppData\//i.test(g)) return platform === 'win32' ? [`~/${g}`] : [];
    if (g.startsWith('/') && !g.startsWith('//')) return [`/${g}`];
    return [g];
  });
}

export function parseAgentList(value: string | undefined): HookAgentId[] | string {
  if (!value) return 'missing --agent <name|all>';
  if (value === 'all') return [...HOOK_AGENTS];
  const names = value.split(',').map((s) => s.trim()).filter(Boolean);
  const bad = names.filter((n) => !(HOOK_AGENTS as readonly string[]).includes(n));
  if (bad.length) return `unknown agent ${bad.join(', ')} (expected ${HOOK_AGENTS.join(', ')} or all)`;
  return names as HookAgentId[];
}

export function connectAgents(opts: ConnectOptions): InstallResult[] {
  const root = opts.root ?? stateDir();
  const shim = opts.cliJs ? writeShim({ root, cliJs: opts.cliJs, ...(opts.runtime ? { runtime: opts.runtime } : {}) }) : shimPath(root);
  const command = (agent: HookAgentId) => (event?: string) => hookCommand(shim, agent, event, opts.home);
  // Claude's own Read() denies stop its file tools before the hook runs (and cover Edit/Write too).
  const claudeDeny = [{ path: ['permissions', 'deny'], values: claudeReadDenyRules(opts.protectedPaths ?? claudePolicyPatterns(SECRET_PATH_GLOBS)) }];
  const results = opts.agents.map((agent) =>
    agent === 'cline'
      ? installCline(opts.workspace, command(agent))
      : installJsonHooks(JSON_SPECS[agent], opts.workspace, command(agent), root, agent === 'claude' ? claudeDeny : []),
  );
  const ok = results.filter((r) => r.status === 'installed' || r.status === 'unchanged').map((r) => r.agent);
  if (ok.length) markConnected(opts.workspace, ok, true, root);
  return results;
}

/**
 * Puts back Airlock's entries for every agent the person connected in this workspace whose hook
 * file no longer has them (edited, reformatted away, deleted). Returns what was restored.
 */
export function restoreMissing(opts: Omit<ConnectOptions, 'agents'>): InstallResult[] {
  const root = opts.root ?? stateDir();
  const missing = connectedAgents(opts.workspace, root).filter((a) => !hookFileStatus(a, opts.workspace).installed);
  return missing.length ? connectAgents({ ...opts, agents: missing }) : [];
}

export function disconnectAgents(opts: Omit<ConnectOptions, 'runtime' | 'cliJs'>): InstallResult[] {
  const root = opts.root ?? stateDir();
  markConnected(opts.workspace, opts.agents, false, root);
  return opts.agents.map((agent) => (agent === 'cline' ? uninstallCline(opts.workspace) : uninstallJsonHooks(JSON_SPECS[agent], opts.workspace, root)));
}

export interface HookFileStatus {
  installed: boolean;
  missing: string[];
  file: string;
}

export function hookFileStatus(agent: HookAgentId, workspace: string): HookFileStatus {
  if (agent === 'cline') return { ...clineInstalled(workspace), file: path.join(workspace, '.clinerules/hooks') };
  return { ...jsonHooksInstalled(JSON_SPECS[agent], workspace), file: path.join(workspace, JSON_SPECS[agent].file) };
}

/** Config files Airlock writes in a workspace: protected paths for the policy and the tamper watcher. */
export function airlockConfigFiles(workspace: string): string[] {
  return [...Object.values(JSON_SPECS).map((s) => path.join(workspace, s.file)), path.join(workspace, '.clinerules/hooks'), path.join(workspace, CLINE_PLUGIN_FILE)];
}

export function shimExists(root: string = stateDir()): boolean {
  return fs.existsSync(shimPath(root));
}

export function agentNote(agent: HookAgentId): string | undefined {
  return agent === 'cline' ? 'Cline runs hooks on macOS and Linux only, and only with "Enable Hooks" on.' : JSON_SPECS[agent].note;
}
