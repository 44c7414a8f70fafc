// Every command the extension contributes, registered in one place.
import * as vscode from 'vscode';
import * as fs from 'node:fs';
import * as os from 'node:os';
import type { AirlockContext } from './context';
import type { ActivityHub } from './activity/hub';
import type { ActivityView } from './activity/activityView';
import type { KillSwitch } from './lockdown/killSwitch';
import type { ModalApprovals } from './approvals/modalApprovals';
import type { Views } from './views/register';
import { fileHeadStore, GENESIS_HASH, headCopyFile, verifyWithHeads, type AuditLog, type VerifyReport } from '../gate/audit';
import { statePaths } from '../gate/state_dir';
import { HOOK_AGENTS, type HookAgentId } from '../core/action';
import { AGENT_LABEL } from './views/agentStatus';
import { connectAgent } from './connect';
import { installCliTool } from './cli_tool';
import { cliLauncherPath, writeShim } from '../agents/install/shim';
import * as path from 'node:path';

export interface CommandDeps {
  hub: ActivityHub;
  view: ActivityView;
  killSwitch: KillSwitch;
  audit: AuditLog;
  approvals: ModalApprovals;
  views: Views;
}

export function registerCommands(ctx: AirlockContext, d: CommandDeps): void {
  const reg = (id: string, fn: (...args: never[]) => unknown) => ctx.own(vscode.commands.registerCommand(id, fn));

  reg('airlock.killAll', async () => {
    const r = await d.killSwitch.engage('command');
    void vscode.window.showWarningMessage(
      `Airlock LOCKDOWN: every agent action is blocked. Interrupted ${r.interrupted} and killed ${r.killed} terminal process group(s)` +
        `${r.stopCommands.length ? `; asked ${r.stopCommands.length} agent(s) to stop` : ''}. Release it from the status bar or the sidebar.`,
    );
    return r;
  });
  reg('airlock.releaseLockdown', () => d.killSwitch.confirmAndRelease('command'));
  reg('airlock.showOutput', () => ctx.output.show());
  reg('airlock.showActivity', () => d.view.reveal('list'));
  reg('airlock.filterActivity', () => d.view.reveal('filter'));
  reg('airlock.refreshAgents', () => d.views.agentsTree.refresh());
  reg('airlock.refreshProtected', () => d.views.protectedTree.refresh());
  reg('airlock.scanSecrets', () => d.views.scanSecrets());
  reg('airlock.editProtectedPaths', () => vscode.commands.executeCommand('workbench.action.openSettings', 'airlock.protectedPaths'));
  reg('airlock.revokeSessionRules', () => {
    for (const r of d.approvals.sessionRules.list()) d.approvals.revoke(r.rule);
  });

  reg('airlock.connectAgent', async (agent?: HookAgentId) => {
    const target = agent ?? (await pickAgent());
    if (!target) return undefined;
    const result = await connectAgent(target, ctx.extension.extensionPath, ctx.output);
    d.views.agentsTree.refresh();
    return result;
  });
  reg('airlock.connectAgents', async () => {
    const picked = await vscode.window.showQuickPick(
      HOOK_AGENTS.map((a) => ({ label: AGENT_LABEL[a], agent: a, picked: false })),
      { canPickMany: true, title: 'Connect agents to Airlock', placeHolder: 'Each chosen agent gets a hook that asks Airlock before it acts' },
    );
    for (const p of picked ?? []) await connectAgent(p.agent, ctx.extension.extensionPath, ctx.output);
    d.views.agentsTree.refresh();
  });

  reg('airlock.installCli', () => {
    try {
      // The launcher is (re)written with the shim; write it now in case activation could not.
      writeShim({ cliJs: path.join(ctx.extension.extensionPath, 'dist', 'cli.js'), runtime: process.execPath });
      const r = installCliTool({ home: os.homedir(), pathEnv: process.env.PATH, launcher: cliLauncherPath() });
      const where = r.file.replace(os.homedir(), '~');
      const pathNote = r.pathHint ? ` That folder is not on your PATH yet: add \`${r.pathHint}\` to your shell profile.` : '';
      if (r.status === 'installed' || r.status === 'unchanged') {
        void vscode.window.showInformationMessage(`Airlock: \`airlock\` is ${r.status === 'installed' ? 'installed' : 'already installed'} at ${where}; it follows Airlock's updates.${pathNote}`);
      } else if (r.status === 'conflict') {
        void vscode.window.showWarningMessage(`Airlock: ${where} already exists and is not Airlock's; it was left alone. Remove it and run this again, or use \`npx airlock-guard\`.`);
      } else {
        void vscode.window.showWarningMessage('Airlock: the command-line tool is installed this way on macOS and Linux only; on Windows use `npx airlock-guard`.');
      }
      ctx.output.info(`install command-line tool: ${r.status} ${r.file}`);
      return r;
    } catch (err) {
      void vscode.window.showErrorMessage(`Airlock could not install the command-line tool: ${err instanceof Error ? err.message : String(err)}`);
      return undefined;
    }
  });

  reg('airlock.exportAuditLog', async () => {
    await d.audit.flush().catch(() => undefined);
    if (!fs.existsSync(d.audit.file)) {
      void vscode.window.showInformationMessage('Airlock: the audit log is empty so far.');
      return undefined;
    }
    const stamp = new Date().toISOString().slice(0, 10);
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(os.homedir());
    const dest = await vscode.window.showSaveDialog({
      defaultUri: vscode.Uri.joinPath(folder, `airlock-audit-${stamp}.jsonl`),
      filters: { 'JSON lines': ['jsonl'] },
      title: 'Export Airlock audit log',
    });
    if (!dest) return undefined;
    fs.copyFileSync(d.audit.file, dest.fsPath);
    if (fs.existsSync(d.audit.headFile)) fs.copyFileSync(d.audit.headFile, `${dest.fsPath}.head`);
    const copies = await d.audit.readHeadCopies();
    const report = verifyWithHeads(fs.readFileSync(dest.fsPath, 'utf8'), copies);
    // The export gets its own copy of the head in the state dir, so `airlock audit verify` can compare two.
    const head = copies.find((c) => c.state === 'ok');
    if (head?.state === 'ok') await fileHeadStore('export', headCopyFile(statePaths().auditHeads, dest.fsPath)).write(head.head);
    const msg = report.ok ? `Airlock: exported ${report.entries} audit entries (chain intact). Check it any time with: airlock audit verify ${dest.fsPath}` : `Airlock: exported the audit log, but ${describeReport(report)}`;
    if (report.ok) void vscode.window.showInformationMessage(msg);
    else void vscode.window.showErrorMessage(msg);
    return dest.fsPath;
  });
  reg('airlock.verifyAuditLog', async () => {
    await d.audit.flush().catch(() => undefined);
    const text = fs.existsSync(d.audit.file) ? fs.readFileSync(d.audit.file, 'utf8') : '';
    // Every copy of the head: the file beside the log, the state dir's, and the one in global state.
    const copies = await d.audit.readHeadCopies();
    // Nothing written yet, anywhere (global state included, which file tools cannot reach): a new log.
    const fresh = text === '' && copies.every((c) => c.state === 'missing');
    const report: VerifyReport = fresh ? { ok: true, entries: 0, lastSeq: 0, lastHash: GENESIS_HASH, sealedTornLines: [] } : verifyWithHeads(text, copies);
    const msg = report.ok ? `Airlock audit log: ${report.entries} entries, chain intact, all ${copies.length} copies of its head agree.` : `Airlock audit log: ${describeReport(report)}`;
    if (report.ok) void vscode.window.showInformationMessage(msg);
    else void vscode.window.showErrorMessage(msg);
    return report;
  });

  function describeReport(report: VerifyReport): string {
    if (report.truncationUnknown) return `${report.entries} entries, chain intact, but ${report.truncationUnknown}.`;
    if (report.broken) return `BROKEN at line ${report.broken.line}${report.broken.seq ? ` (entry #${report.broken.seq})` : ''}: ${report.broken.reason}`;
    return `BROKEN: ${report.headMismatch ?? 'unknown'}`;
  }

  async function pickAgent(): Promise<HookAgentId | undefined> {
    const p = await vscode.window.showQuickPick(HOOK_AGENTS.map((a) => ({ label: AGENT_LABEL[a], agent: a })), { title: 'Connect an agent to Airlock' });
    return p?.agent;
  }
}
