// Per agent: is it guarded (Airlock's hook is installed and an editor window answers), is the
// hook installed but nobody can approve (flagged actions are blocked outright), is it only
// watched (editor running, no hook: terminals and files are observed, nothing is stopped),
// or not connected at all - and why.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { HOOK_AGENTS, type HookAgentId } from '../core/action';
import { pingGate } from '../gate/client';
import type { GateTrust } from '../gate/trust';
import { isLockdownEngaged } from '../gate/lockdown';
import { checkPrivateDir, stateDir } from '../gate/state_dir';
import { agentNote, hookFileStatus } from './install/index';
import { shimPath } from './install/shim';
import { trustProblem, type TrustProblem } from './trust';

export type AgentState = 'guarded' | 'hook-only' | 'watched' | 'not-connected';

export interface AgentReport {
  agent: HookAgentId;
  state: AgentState;
  why: string;
  file: string;
  note?: string;
  /** The hook is installed, but the agent will not run it until the person fixes this. */
  trust?: TrustProblem;
}

export interface DoctorReport {
  workspace: string;
  stateDir: string;
  gate: { ok: boolean; detail: string };
  shim: { ok: boolean; detail: string };
  lockdown: boolean;
  agents: AgentReport[];
}

function shimState(root: string): { ok: boolean; detail: string } {
  const shim = shimPath(root);
  let text: string;
  try {
    text = fs.readFileSync(shim, 'utf8');
  } catch {
    return { ok: false, detail: `${shim} is missing (run "Airlock: Connect Agents" or airlock install)` };
  }
  const cli = /^CLI='(.*)'$/m.exec(text)?.[1];
  if (cli && !fs.existsSync(cli)) return { ok: false, detail: `${shim} points at ${cli}, which no longer exists` };
  return { ok: true, detail: shim };
}

export async function doctor(workspace: string, root: string = stateDir(), home: string = os.homedir(), trust?: GateTrust): Promise<DoctorReport> {
  let dirProblem: string | undefined;
  try {
    checkPrivateDir(root);
  } catch (err) {
    dirProblem = err instanceof Error ? err.message : String(err);
  }
  const gate = dirProblem
    ? { ok: false, detail: `state dir refused: ${dirProblem}` }
    : await pingGate({ root, cwd: workspace, deadline: Date.now() + 1500, ...(trust ? { trust } : {}) }).catch((e: unknown) => ({ ok: false, detail: String(e) }));
  const shim = shimState(root);
  const agents = HOOK_AGENTS.map((agent): AgentReport => {
    const hook = hookFileStatus(agent, workspace);
    const rel = path.relative(workspace, hook.file) || hook.file;
    const note = agentNote(agent);
    const base = { agent, file: hook.file, ...(note ? { note } : {}) };
    if (hook.installed && !shim.ok) return { ...base, state: 'not-connected', why: `hook entries are in ${rel}, but the shim they run is broken: ${shim.detail}` };
    const trust = hook.installed ? trustProblem(agent, workspace, home) : undefined;
    // VS Code's Copilot runs .github/hooks without the CLI's folder trust: only the CLI ignores them.
    if (trust && agent !== 'copilot') return { ...base, trust, state: 'not-connected', why: `hook installed in ${rel}, but ${trust.problem}. Fix: ${trust.fix}` };
    if (trust) Object.assign(base, { trust });
    if (hook.installed && gate.ok) return { ...base, state: 'guarded', why: `hook installed in ${rel} and the editor answers` };
    if (hook.installed) return { ...base, state: 'hook-only', why: `hook installed in ${rel}, but ${gate.detail}: flagged actions are blocked without asking` };
    const missing = hook.missing.slice(0, 3).join(', ');
    if (gate.ok) return { ...base, state: 'watched', why: `no Airlock hook (${missing}); the editor sees its terminals and file changes but cannot stop anything` };
    return { ...base, state: 'not-connected', why: `no Airlock hook (${missing}) and ${gate.detail}` };
  });
  return { workspace, stateDir: root, gate, shim, lockdown: isLockdownEngaged(root), agents };
}
