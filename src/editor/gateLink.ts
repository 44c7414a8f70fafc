// The editor's side of the gate: starts this window's gate (gate_host.ts) with our
// ApprovalUi (the modal queue) and GateListener (the activity hub), and gives the
// terminal watcher the same classifier the gate decides with.
import type * as vscode from 'vscode';
import type { AgentAction, Verdict } from '../core/action';
import type { ApprovalUi, GateListener } from '../gate/contract';
import { startGateHost, type GateHost } from './gate_host';

export type GateLink = GateHost;

export interface GateLinkOptions {
  extension: vscode.ExtensionContext;
  ui: ApprovalUi;
  listener: GateListener;
  isLockdown(): boolean;
  log: vscode.LogOutputChannel;
}

export type Classify = (action: AgentAction) => Verdict;

/** Before the gate (and its shell parser) is up, an observed command is shown as not yet classified. */
export const UNCLASSIFIED: Classify = () => ({ decision: 'allow', rules: [], reason: 'Not classified (Airlock was still starting).', severity: 'none', environment: 'unknown' });

export function startGate(opts: GateLinkOptions): Promise<GateLink> {
  return startGateHost({ extension: opts.extension, ui: opts.ui, listener: opts.listener, isLockdown: opts.isLockdown, log: opts.log });
}
