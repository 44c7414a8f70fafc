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
const ALLOW_ITEM: vscode.MessageItem = { title: ALLOW_ONCE };
const BLOCK_ITEM: vscode.MessageItem = { title: 'Block' };
const CANCEL_ITEM: vscode.MessageItem = { title: 'Cancel', isCloseAffordance: true };

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
    // The workbench makes the first button the default (focused) one and always puts
    // Cancel last, so "Block" comes first: a dialog that pops up while the person is
    // typing must not be approved by a stray Enter. Only choosing "Allow once" allows;
    // Block, Cancel, Escape and closing the dialog all block.
    const picked = await vscode.window.showWarningMessage(title, { modal: true, detail }, BLOCK_ITEM, ALLOW_ITEM, CANCEL_ITEM);
    return picked === ALLOW_ITEM ? 'allow' : 'deny';
  }

  dispose(): void {
    this.queue.denyAll('withdrawn');
    this.changed.dispose();
  }
}
