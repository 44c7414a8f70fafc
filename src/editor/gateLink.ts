// The editor's side of the gate: starts the window's gate (socket server) with
// our ApprovalUi (the modal queue) and GateListener (the activity hub), and
// exposes what the kill switch needs from it. The gate itself lives in
// src/gate; src/editor/gate_host.ts builds it for an editor window.
import type * as vscode from 'vscode';
import type { AgentAction, Verdict } from '../core/action';
import type { ApprovalUi, GateListener } from '../gate/contract';

export interface GateLink {
  /** Withdraw every request waiting on a person (each is answered "block"). */
  abortPending(): void;
  dispose(): void | Promise<void>;
}

export interface GateLinkOptions {
  extension: vscode.ExtensionContext;
  ui: ApprovalUi;
  listener: GateListener;
  isLockdown(): boolean;
  log: vscode.LogOutputChannel;
}

export type Classify = (action: AgentAction) => Verdict;

/** Until the policy engine is wired in, terminal commands are shown unclassified (never allowed by this: they already ran). */
export const UNCLASSIFIED: Classify = () => ({ decision: 'allow', rules: [], reason: 'Not classified.', severity: 'none', environment: 'unknown' });

export async function startGate(_opts: GateLinkOptions): Promise<GateLink | undefined> {
  return undefined;
}

export function classifier(): Classify {
  return UNCLASSIFIED;
}
