// The seam between the gate (socket server, decisions) and the editor (modal,
// sidebar, status bar, audit log). The gate knows nothing of vscode; the editor
// implements ApprovalUi and listens for GateEvents.
import type { AgentAction, AgentId, Verdict } from '../core/action';

/** How an action ended up, as a person reads it in the sidebar. */
export type Outcome =
  | 'allowed' // benign, or allowed by policy
  | 'approved' // asked, and the person clicked "Allow once" (or an allow-for-session rule held)
  | 'blocked' // denied by policy, lockdown, a person, a deadline, or no editor
  | 'pending' // waiting on the person
  | 'observed'; // seen after the fact (post-events, terminals, file watcher): nothing to decide

/** Who or what settled it. */
export type DecidedBy = 'policy' | 'person' | 'session-rule' | 'lockdown' | 'deadline' | 'offline' | 'error' | 'none';

export interface GateEvent {
  id: string;
  /** epoch ms */
  time: number;
  agent: AgentId;
  /** 'pre' = before the action (can block), 'post' = the agent reported it ran, 'observed' = seen by a watcher. */
  phase: 'pre' | 'post' | 'observed';
  action: AgentAction;
  verdict: Verdict;
  outcome: Outcome;
  decidedBy: DecidedBy;
  /** For post-events and terminal commands. */
  exitCode?: number;
  durationMs?: number;
  /** Workspace root of the window the event belongs to. */
  workspaceRoot?: string;
}

export interface ApprovalRequest {
  id: string;
  event: GateEvent;
  /** epoch ms after which the gate answers "block" on its own. */
  deadline: number;
}

export type ApprovalAnswer = 'allow' | 'deny';

export interface ApprovalUi {
  /**
   * Ask the person. Resolve 'allow' only on an explicit "Allow once"; anything else
   * (cancel, escape, close) is 'deny'. When `signal` aborts (deadline, lockdown,
   * shutdown) withdraw or mark the dialog and resolve 'deny'.
   */
  ask(request: ApprovalRequest, signal: AbortSignal): Promise<ApprovalAnswer>;
}

export interface GateListener {
  /** Every event, including updates of a pending one (same id, new outcome). */
  onEvent(event: GateEvent): void;
}
