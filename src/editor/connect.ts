// "Connect": install an agent's Airlock hook (the installers live in src/agents).
import * as vscode from 'vscode';
import type { HookAgentId } from '../core/action';
import { AGENT_LABEL } from './views/agentStatus';

export async function connectAgent(agent: HookAgentId, log: vscode.LogOutputChannel): Promise<boolean> {
  log.info(`connect ${agent}: the hook installer is not available in this build`);
  void vscode.window.showWarningMessage(`Airlock: connecting ${AGENT_LABEL[agent]} needs the hook installer, which is not available in this build.`);
  return false;
}
