// The ApprovalUi the gate calls for every "ask": a native modal dialog per
// request, queued (see queue.ts for how a withdrawn request's dialog is handled).
import * as vscode from 'vscode';
import type { ApprovalAnswer, ApprovalRequest, ApprovalUi } from '../../gate/contract';
import type { Answer } from '../activity/model';
import { ApprovalQueue } from './queue';
import { dialogText } from './format';
import { SessionRules } from './sessionRules';
import { summarizeAction } from '../../core/action';
import { redactText } from '../../gate/audit';
import type { WaitingItem } from '../activity/protocol';
import { oneLine } from '../activity/row';

export const ALLOW_ONCE = 'Allow once';

export class ModalApprovals implements ApprovalUi, vscode.Disposable {
  readonly sessionRules = new SessionRules();
  private readonly queue: ApprovalQueue;
  private readonly changed = new vscode.EventEmitter<void>();
  /** Waiting list or session rules changed. */
  readonly onChange = this.changed.event;

  constructor(
    private readonly isLockdown: () => boolean,
    private readonly onAnswered: (request: ApprovalRequest, answer: Answer) => void,
  ) {
    this.queue = new ApprovalQueue({
      present: (req) => this.present(req),
      preAnswer: (req) => {
        const now = Date.now();
        if (this.isLockdown()) return { answer: 'deny', by: 'lockdown', at: now };
        return this.sessionRules.answer(req, now);
      },
      onAnswered: (req, a) => this.onAnswered(req, a),
      onChange: () => this.changed.fire(),
    });
  }

  ask(request: ApprovalRequest, signal: AbortSignal): Promise<ApprovalAnswer> {
    return this.queue.ask(request, signal);
  }

  /** Lockdown: every waiting request is answered "deny" now. */
  denyAll(): void {
    this.queue.denyAll('lockdown');
  }

  allowForSession(rule: string): void {
    this.sessionRules.allow(rule, Date.now());
    this.changed.fire();
  }

  revoke(rule: string): void {
    if (this.sessionRules.revoke(rule)) this.changed.fire();
  }

  waiting(): WaitingItem[] {
    return this.queue.waiting().map(({ request, showing }) => ({
      id: request.id,
      agent: request.event.agent,
      summary: oneLine(redactText(summarizeAction(request.event.action)), 160),
      rule: request.event.verdict.rules[0] ?? '',
      environment: request.event.verdict.environment,
      deadline: request.deadline,
      showing,
    }));
  }

  private async present(req: ApprovalRequest): Promise<ApprovalAnswer> {
    const { title, detail } = dialogText(req, Date.now());
    // Only the explicit button allows; Cancel, Escape and closing return undefined.
    const picked = await vscode.window.showWarningMessage(title, { modal: true, detail }, ALLOW_ONCE);
    return picked === ALLOW_ONCE ? 'allow' : 'deny';
  }

  dispose(): void {
    this.queue.denyAll('withdrawn');
    this.changed.dispose();
  }
}
