// "Connect": install an agent's Airlock hook into the workspace through the
// installers in src/agents (they merge into what the person already has).
import * as vscode from 'vscode';
import * as path from 'node:path';
import type { HookAgentId } from '../core/action';
import { agentNote, connectAgents, type InstallResult } from '../agents/install';
import { grantTrust, trustProblem } from '../agents/trust';
import { AGENT_LABEL } from './views/agentStatus';
import { noteOwnWrites } from './watch/ownWrites';

export async function connectAgent(agent: HookAgentId, extensionPath: string, log: vscode.LogOutputChannel): Promise<InstallResult | undefined> {
  const workspace = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  if (!workspace) {
    void vscode.window.showWarningMessage('Airlock: open a folder first; hooks are installed per workspace.');
    return undefined;
  }
  let result: InstallResult | undefined;
  try {
    // The editor's own executable runs the hook (as Node), so no separate Node install is needed.
    [result] = connectAgents({ workspace, agents: [agent], cliJs: path.join(extensionPath, 'dist', 'cli.js'), runtime: process.execPath });
  } catch (err) {
    log.error(`connect ${agent}: ${err instanceof Error ? err.message : String(err)}`);
    void vscode.window.showErrorMessage(`Airlock could not connect ${AGENT_LABEL[agent]}: ${err instanceof Error ? err.message : String(err)}`);
    return undefined;
  }
  if (!result) return undefined;
  noteOwnWrites([result.file]);
  log.info(`connect ${agent}: ${result.status} ${result.file}${result.message ? ` (${result.message})` : ''}`);
  const note = agentNote(agent);
  if (result.status === 'installed' || result.status === 'unchanged') {
    void vscode.window.showInformationMessage(
      `Airlock: ${AGENT_LABEL[agent]} is guarded (${vscode.workspace.asRelativePath(result.file, false)}).${note ? ` ${note}` : ''}`,
    );
    offerTrust(agent, workspace, log);
  } else {
    void vscode.window.showWarningMessage(`Airlock: ${AGENT_LABEL[agent]} was not connected: ${result.message ?? result.status}.`);
  }
  return result;
}

/**
 * A hook the agent will skip is no guard: say so, and where the agent keeps its trust in a file,
 * offer to do its trust step. Not awaited, so Connect never waits on the answer; nothing is
 * written unless the person clicks.
 */
function offerTrust(agent: HookAgentId, workspace: string, log: vscode.LogOutputChannel): void {
  const problem = trustProblem(agent, workspace);
  if (!problem) return;
  const label = AGENT_LABEL[agent];
  if (agent !== 'gemini' && agent !== 'copilot') {
    void vscode.window.showWarningMessage(`Airlock: ${label} will skip Airlock's hook: ${problem.problem}. Fix: ${problem.fix}.`);
    return;
  }
  const trust = 'Trust this folder';
  void vscode.window
    .showWarningMessage(
      `${label} will skip Airlock's hook: ${problem.problem}.`,
      { modal: true, detail: `Airlock can record this folder as trusted in ${problem.file}, as ${label}'s own trust prompt would. Trusting a folder also lets ${label} use the folder's own project settings.` },
      trust,
    )
    .then((choice) => {
      if (choice !== trust) return;
      try {
        const file = grantTrust(agent, workspace);
        if (file) log.info(`trust ${agent}: ${workspace} recorded in ${file}`);
        else void vscode.window.showWarningMessage(`Airlock could not read ${problem.file}; ${problem.fix}.`);
      } catch (err) {
        void vscode.window.showErrorMessage(`Airlock could not record the trust: ${err instanceof Error ? err.message : String(err)}`);
      }
    });
}
