// The status-bar shield: armed (with today's counts), LOCKDOWN, or off. Clicking
// it engages the kill switch; in lockdown it offers the release (which asks first).
import * as vscode from 'vscode';
import type { DayCountsView } from '../activity/protocol';
import { shortTally, tallyText } from '../activity/tally';
import { sandboxedTerminalsLine } from '../sandbox_terminal';

export type ShieldState = 'armed' | 'lockdown' | 'off';

export class StatusShield implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;

  constructor() {
    this.item = vscode.window.createStatusBarItem('airlock.shield', vscode.StatusBarAlignment.Left, 1000);
    this.item.name = 'Airlock';
    this.item.show();
  }

  private exposure = '';
  private last: [ShieldState, DayCountsView, string | undefined] | undefined;

  /** "N credentials reachable by agents, M look production-wide." (the Exposure section's summary). */
  setExposure(line: string): void {
    this.exposure = line;
    if (this.last) this.update(...this.last);
  }

  update(state: ShieldState, counts: DayCountsView, offReason?: string): void {
    this.last = [state, counts, offReason];
    const tally = tallyText(counts);
    const md = new vscode.MarkdownString(undefined, true);
    if (state === 'lockdown') {
      this.item.text = '$(shield) LOCKDOWN';
      this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
      this.item.command = { command: 'airlock.releaseLockdown', title: 'Release Lockdown' };
      md.appendMarkdown('**Airlock: LOCKDOWN.** Every agent action is blocked, in every window, until you release it.\n\n');
      md.appendMarkdown(`${tally}\n\nClick to release (asks first).`);
      this.item.accessibilityInformation = { label: `Airlock lockdown: every agent action is blocked. ${tally}. Activate to release.` };
    } else if (state === 'off') {
      this.item.text = '$(circle-slash) Airlock off';
      this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
      this.item.command = { command: 'airlock.showOutput', title: 'Show Output' };
      md.appendMarkdown(`**Airlock is not guarding this window.** ${offReason ?? ''}\n\nFlagged actions are blocked by the hook while no editor answers.`);
      this.item.accessibilityInformation = { label: `Airlock off. ${offReason ?? ''}` };
    } else {
      const short = shortTally(counts);
      this.item.text = short ? `$(shield) ${short}` : '$(shield) Airlock';
      this.item.backgroundColor = undefined;
      this.item.command = { command: 'airlock.killAll', title: 'Kill All Agents' };
      md.appendMarkdown(`**Airlock armed.** ${tally}.\n\nClick to **kill all agents** (lockdown).`);
      this.item.accessibilityInformation = { label: `Airlock armed. ${tally}. Activate to kill all agents.` };
    }
    md.isTrusted = { enabledCommands: ['airlock.showExposure'] };
    const sandboxed = sandboxedTerminalsLine();
    if (sandboxed) md.appendMarkdown(`\n\n${sandboxed}.`);
    if (this.exposure) md.appendMarkdown(`\n\n${this.exposure} [Show exposure](command:airlock.showExposure)`);
    this.item.tooltip = md;
  }

  get text(): string {
    return this.item.text;
  }

  dispose(): void {
    this.item.dispose();
  }
}
