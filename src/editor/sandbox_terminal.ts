// "Airlock: Sandboxed Terminal": a terminal profile whose shell runs under `airlock run`, so an agent
// that runs commands in the integrated terminal (Copilot agent mode, Cursor's agent terminals, a CLI
// agent started by hand) cannot read secret files or change Airlock's. A command makes it the
// workspace's default profile. Where the sandbox cannot start (no bubblewrap, not Linux) the terminal
// says so in one line and the profile is not offered as default; the hooks keep guarding regardless.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { cliLauncherPath } from '../agents/install/shim';
import { sandboxAvailable } from '../sandbox/run';
import type { AirlockContext } from './context';

export const SANDBOX_PROFILE_ID = 'airlock.sandboxedTerminal';
export const SANDBOX_PROFILE_TITLE = 'Airlock: Sandboxed Terminal';

/** The shell the person uses, run inside the sandbox through the per-user launcher (no editor runtime variables leak in). */
export function sandboxShellArgs(workspace: string, shell: string): { shellPath: string; shellArgs: string[] } {
  return { shellPath: cliLauncherPath(), shellArgs: ['run', '--workspace', workspace, '--', shell, '-l'] };
}

export function registerSandboxTerminal(ctx: AirlockContext): void {
  const workspace = () => vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  ctx.own(
    vscode.window.registerTerminalProfileProvider(SANDBOX_PROFILE_ID, {
      provideTerminalProfile() {
        const ws = workspace();
        const available = sandboxAvailable();
        const why = !ws ? 'open a folder first' : 'problem' in available ? available.problem : undefined;
        if (!ws || why) {
          void vscode.window.showWarningMessage(`Airlock: the sandboxed terminal cannot start: ${why}.`);
          return undefined;
        }
        const shell = process.env.SHELL && path.isAbsolute(process.env.SHELL) ? process.env.SHELL : '/bin/bash';
        return new vscode.TerminalProfile({
          name: 'sandboxed',
          ...sandboxShellArgs(ws, shell),
          iconPath: new vscode.ThemeIcon('shield'),
          cwd: ws,
        });
      },
    }),
  );
  ctx.own(
    vscode.commands.registerCommand('airlock.useSandboxedTerminal', async () => {
      const available = sandboxAvailable();
      if ('problem' in available) {
        void vscode.window.showWarningMessage(`Airlock: the sandbox cannot run here: ${available.problem}.`);
        return false;
      }
      const key = process.platform === 'darwin' ? 'osx' : process.platform === 'win32' ? 'windows' : 'linux';
      await vscode.workspace.getConfiguration('terminal.integrated').update(`defaultProfile.${key}`, SANDBOX_PROFILE_TITLE, vscode.ConfigurationTarget.Workspace);
      void vscode.window.showInformationMessage('Airlock: new terminals in this workspace open in the sandbox (secret files read as empty; Airlock cannot be switched off from inside).');
      return true;
    }),
  );
}

/** Whether an integrated terminal was opened from the sandboxed profile (its shell runs under `airlock run`). */
export function isSandboxedTerminal(t: vscode.Terminal): boolean {
  const o = t.creationOptions as vscode.TerminalOptions;
  return o.shellPath === cliLauncherPath() && Array.isArray(o.shellArgs) && o.shellArgs[0] === 'run';
}

/** "2 of 3 terminals run in the sandbox", or undefined with no terminal open. */
export function sandboxedTerminalsLine(): string | undefined {
  const all = vscode.window.terminals;
  if (all.length === 0) return undefined;
  const n = all.filter(isSandboxedTerminal).length;
  return `${n} of ${all.length} terminal${all.length === 1 ? '' : 's'} run${all.length === 1 && n === 1 ? 's' : ''} in the sandbox`;
}
