// Watches every integrated terminal with shell integration: each command is
// classified and shown in the sidebar as "observed". A flagged command that no
// agent hook asked about raises a warning with "Kill terminal". In lockdown, a
// command that starts in an agent's terminal (or one Airlock cannot place) is interrupted at once.
import * as vscode from 'vscode';
import { randomUUID } from 'node:crypto';
import type { AgentAction, Verdict } from '../../core/action';
import type { GateEvent } from '../../gate/contract';
import { redactText } from '../../gate/audit';
import { shortenMiddle } from '../approvals/format';
import { RecentHookCommands } from './hookSeen';
import { stopTerminalProcesses } from '../lockdown/terminalKill';
import { interruptedEvent } from '../lockdown/interrupted';

export interface TerminalWatchDeps {
  classify(action: AgentAction): Verdict;
  report(event: GateEvent): void;
  hookCommands: RecentHookCommands;
  isLockdown(): boolean;
  graceMs(): number;
  enabled(): boolean;
  log: vscode.LogOutputChannel;
  workspaceRoot(): string | undefined;
}

export const KILL_TERMINAL = 'Kill terminal';
export const SHOW_ACTIVITY = 'Show activity';

export interface TerminalWatch extends vscode.Disposable {
  /** Lockdown interrupted `terminal`: its running commands' rows become "interrupted by lockdown". False if none ran. */
  interrupted(terminal: vscode.Terminal, why: string): boolean;
}

export function watchTerminals(deps: TerminalWatchDeps): TerminalWatch {
  const started = new Map<vscode.TerminalShellExecution, GateEvent>();
  const terminalOf = new Map<vscode.TerminalShellExecution, vscode.Terminal>();

  const onStart = vscode.window.onDidStartTerminalShellExecution(async (e) => {
    if (!deps.enabled()) return;
    const command = e.execution.commandLine.value;
    if (!command.trim()) return;
    const cwd = e.execution.cwd?.fsPath ?? e.shellIntegration.cwd?.fsPath;
    const action: AgentAction = { kind: 'shell', command, agent: 'terminal', ...(cwd ? { cwd } : {}), tool: e.terminal.name };
    let verdict: Verdict;
    try {
      verdict = deps.classify(action);
    } catch (err) {
      verdict = { decision: 'ask', rules: ['airlock.classify-error'], reason: `Could not classify: ${String(err)}`, severity: 'medium', environment: 'unknown' };
    }
    const now = Date.now();
    const event: GateEvent = {
      id: randomUUID(),
      time: now,
      agent: 'terminal',
      phase: 'observed',
      action,
      verdict,
      outcome: 'observed',
      decidedBy: 'none',
      ...(deps.workspaceRoot() ? { workspaceRoot: deps.workspaceRoot() } : {}),
    };
    started.set(e.execution, event);
    terminalOf.set(e.execution, e.terminal);
    deps.report(event);

    if (deps.isLockdown()) {
      // Lockdown is about agents: a person's own shell is left alone (terminalOwner.ts); the rest is
      // interrupted, told so in the terminal, and its row says "interrupted by lockdown", not "observed".
      await stopTerminalProcesses([e.terminal], deps.graceMs(), (m) => deps.log.info(m), {
        onInterrupted: (_t, why) => {
          deps.log.warn(`lockdown: interrupted terminal "${e.terminal.name}" command ${shortenMiddle(redactText(command), 120)} (${why})`);
          const interrupted = interruptedEvent(action, why, event, verdict);
          started.set(e.execution, interrupted);
          deps.report(interrupted);
        },
      });
      return;
    }
    // Hook rows are stored redacted, so compare redacted text.
    if (verdict.decision !== 'allow' && !deps.hookCommands.saw(redactText(command), now)) {
      const rule = verdict.rules[0] ?? 'a rule';
      const choice = await vscode.window.showWarningMessage(
        `Airlock: a terminal is running a flagged command that no agent hook asked about (${rule}): ${shortenMiddle(redactText(command), 160)}`,
        KILL_TERMINAL,
        SHOW_ACTIVITY,
      );
      if (choice === KILL_TERMINAL) {
        await stopTerminalProcesses([e.terminal], deps.graceMs(), (m) => deps.log.info(m), { includePersons: true });
        e.terminal.dispose();
      } else if (choice === SHOW_ACTIVITY) {
        await vscode.commands.executeCommand('airlock.showActivity');
      }
    }
  });

  const onEnd = vscode.window.onDidEndTerminalShellExecution((e) => {
    const event = started.get(e.execution);
    if (!event) return;
    started.delete(e.execution);
    terminalOf.delete(e.execution);
    const update: GateEvent = { ...event, durationMs: Date.now() - event.time };
    if (e.exitCode !== undefined) update.exitCode = e.exitCode;
    deps.report(update);
  });

  const disposable = vscode.Disposable.from(onStart, onEnd);
  return {
    dispose: () => disposable.dispose(),
    interrupted(terminal, why) {
      let any = false;
      for (const [execution, event] of started) {
        if (terminalOf.get(execution) !== terminal || event.decidedBy === 'lockdown') continue;
        const update = interruptedEvent(event.action, why, event, event.verdict);
        started.set(execution, update);
        deps.report(update);
        any = true;
      }
      return any;
    },
  };
}
