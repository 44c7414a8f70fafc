// The kill switch. Engaging it writes the lockdown flag the hook checks before
// anything else (so it holds in every window and with no editor at all), answers
// every waiting request "block", tells agents to stop through their own commands,
// and interrupts then kills what runs in integrated terminals. It stays engaged
// across reloads until a person releases it here, after a confirmation.
import * as vscode from 'vscode';
import * as fs from 'node:fs';
import { engageLockdown, isLockdownEngaged, lockdownState, releaseLockdown, type LockdownState } from '../../gate/lockdown';
import { statePaths } from '../../gate/state_dir';
import { stopCommandsIn } from './stopCommands';
import { stopTerminalProcesses, type KillReport } from './terminalKill';
import type { LockdownView } from '../activity/protocol';

export interface KillSwitchDeps {
  log: vscode.LogOutputChannel;
  graceMs(): number;
  /** Answer every waiting approval "deny" and withdraw the gate's pending requests. */
  denyPending(): void;
  audit(kind: 'lockdown' | 'release', data: Record<string, unknown>): void;
  /** State directory root (tests point it elsewhere through HOME). */
  root?: string;
  /** Lockdown interrupted what ran in `terminal`: the Activity view says so. */
  interrupted?(terminal: vscode.Terminal, why: string): void;
}

export interface EngageReport extends KillReport {
  stopCommands: string[];
}

export const RELEASE_BUTTON = 'Release lockdown';

export class KillSwitch implements vscode.Disposable {
  private engaged: boolean;
  private readonly changed = new vscode.EventEmitter<boolean>();
  readonly onDidChange = this.changed.event;
  private watcher: fs.FSWatcher | undefined;
  private poll: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly deps: KillSwitchDeps) {
    this.engaged = this.readFlag();
    this.watchFlag();
  }

  get isEngaged(): boolean {
    return this.engaged;
  }

  view(): LockdownView {
    if (!this.engaged) return { on: false };
    const s: LockdownState | undefined = lockdownState(this.deps.root);
    return { on: true, since: s?.engagedAt, reason: s?.reason };
  }

  /** Engage: nothing here asks first, because stopping is always safe. */
  async engage(source: string): Promise<EngageReport> {
    engageLockdown(`person (${source})`, 'Kill switch engaged in the editor', this.deps.root);
    return this.stopEverything(source);
  }

  /** What lockdown does in this window, whoever engaged it (this window, another one, the CLI). */
  private async stopEverything(source: string): Promise<EngageReport> {
    this.set(true);
    this.deps.denyPending();
    this.deps.log.warn(`LOCKDOWN engaged from ${source}: every agent action is blocked until released`);
    const [stopCommands, killed] = await Promise.all([
      this.runStopCommands(),
      stopTerminalProcesses(vscode.window.terminals, this.deps.graceMs(), (m) => this.deps.log.info(m), {
        onInterrupted: (t, why) => this.deps.interrupted?.(t, why),
      }),
    ]);
    this.deps.audit('lockdown', { source, stopCommands, ...killed });
    return { ...killed, stopCommands };
  }

  /** Release after a modal confirmation. Returns whether it was released. */
  async confirmAndRelease(source: string): Promise<boolean> {
    if (!this.engaged) return true;
    const picked = await vscode.window.showWarningMessage(
      'Release the Airlock lockdown?',
      {
        modal: true,
        detail:
          'Agents will be able to act again: benign actions run, flagged ones ask you first. The lockdown holds for every window until you release it.',
      },
      RELEASE_BUTTON,
    );
    if (picked !== RELEASE_BUTTON) return false;
    this.release(source);
    return true;
  }

  private release(source: string): void {
    releaseLockdown(this.deps.root);
    this.set(false);
    this.deps.log.info(`lockdown released from ${source}`);
    this.deps.audit('release', { source });
  }

  /** Commands the agents' own extensions offer for stopping (documented in stopCommands.ts). */
  private async runStopCommands(): Promise<string[]> {
    const ids = stopCommandsIn(await vscode.commands.getCommands(true));
    const ran: string[] = [];
    await Promise.all(
      ids.map(async (id) => {
        try {
          await Promise.race([vscode.commands.executeCommand(id), new Promise((r) => setTimeout(r, 2000))]);
          ran.push(id);
        } catch (err) {
          this.deps.log.info(`lockdown: ${id} failed: ${err instanceof Error ? err.message : String(err)}`);
        }
      }),
    );
    if (ran.length) this.deps.log.info(`lockdown: ran agent stop commands ${ran.sort().join(', ')}`);
    return ran.sort();
  }

  private readFlag(): boolean {
    try {
      return isLockdownEngaged(this.deps.root);
    } catch {
      return true; // cannot tell: in doubt, show (and act as) locked
    }
  }

  /** Another window (or `airlock` on the command line) may engage or release it. */
  private watchFlag(): void {
    const check = () => {
      const on = this.readFlag();
      if (on && !this.engaged) void this.stopEverything('another window or the command line');
      else this.set(on);
    };
    try {
      const dir = statePaths(this.deps.root).root;
      fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
      this.watcher = fs.watch(dir, (_ev, name) => {
        if (!name || String(name).startsWith('lockdown')) check();
      });
      this.watcher.on('error', () => undefined);
    } catch {
      // fall back to polling only
    }
    this.poll = setInterval(check, 5000);
  }

  private set(on: boolean): void {
    if (on === this.engaged) return;
    this.engaged = on;
    void vscode.commands.executeCommand('setContext', 'airlock.lockdown', on);
    this.changed.fire(on);
  }

  /** Re-publish the context key (after activation). */
  publish(): void {
    void vscode.commands.executeCommand('setContext', 'airlock.lockdown', this.engaged);
  }

  dispose(): void {
    this.watcher?.close();
    if (this.poll) clearInterval(this.poll);
    this.changed.dispose();
  }
}
