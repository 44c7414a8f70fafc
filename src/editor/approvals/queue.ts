// The approval queue behind the modal: first in, first out, one dialog on screen
// at a time, every request answered exactly once.
//
// VS Code cannot close a modal from code. When a request is withdrawn while its
// dialog is up (the gate's deadline, lockdown, shutdown), it is answered 'deny'
// at once and the dialog is left stale: whatever the person clicks on it later is
// ignored. The next dialog opens only after the stale one closes, so two dialogs
// never stack and a click can never land on a different request than the one it
// was shown for. The sidebar marks the stale one so the person knows to dismiss it.
import type { ApprovalAnswer, ApprovalRequest } from '../../gate/contract';
import type { Answer } from '../activity/row';

export interface Timers {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: Timers = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export interface QueueOptions {
  /** Show the dialog; resolve 'allow' only for an explicit "Allow once". */
  present(request: ApprovalRequest): Promise<ApprovalAnswer>;
  /** Answers that need no dialog (lockdown, an allow-for-session rule). Checked when a request arrives. */
  preAnswer?(request: ApprovalRequest): Answer | undefined;
  onAnswered?(request: ApprovalRequest, answer: Answer): void;
  onChange?(): void;
  timers?: Timers;
}

interface Item {
  request: ApprovalRequest;
  resolve(answer: ApprovalAnswer): void;
  settled: boolean;
  cleanup: Array<() => void>;
}

export interface WaitingEntry {
  request: ApprovalRequest;
  /** This request's dialog is on screen. */
  showing: boolean;
}

export class ApprovalQueue {
  private readonly items: Item[] = [];
  /** The item whose dialog is on screen (possibly already answered, i.e. stale). */
  private onScreen: Item | undefined;
  private readonly timers: Timers;

  constructor(private readonly opts: QueueOptions) {
    this.timers = opts.timers ?? realTimers;
  }

  ask(request: ApprovalRequest, signal: AbortSignal): Promise<ApprovalAnswer> {
    const now = this.timers.now();
    const immediate: Answer | undefined = signal.aborted
      ? { answer: 'deny', by: 'withdrawn', at: now }
      : request.deadline <= now
        ? { answer: 'deny', by: 'deadline', at: now }
        : this.opts.preAnswer?.(request);
    if (immediate) {
      this.opts.onAnswered?.(request, immediate);
      return Promise.resolve(immediate.answer);
    }
    return new Promise<ApprovalAnswer>((resolve) => {
      const item: Item = { request, resolve, settled: false, cleanup: [] };
      const onAbort = () => this.settle(item, { answer: 'deny', by: 'withdrawn', at: this.timers.now() });
      signal.addEventListener('abort', onAbort, { once: true });
      item.cleanup.push(() => signal.removeEventListener('abort', onAbort));
      const timer = this.timers.setTimeout(
        () => this.settle(item, { answer: 'deny', by: 'deadline', at: this.timers.now() }),
        Math.max(0, request.deadline - now),
      );
      item.cleanup.push(() => this.timers.clearTimeout(timer));
      this.items.push(item);
      this.opts.onChange?.();
      this.pump();
    });
  }

  /** Requests not yet answered, in order; the first may be on screen. */
  waiting(): WaitingEntry[] {
    return this.items.map((i) => ({ request: i.request, showing: i === this.onScreen }));
  }

  /** True while a dialog whose request was already answered is still on screen. */
  get staleDialogShowing(): boolean {
    return this.onScreen?.settled === true;
  }

  /** Answer every waiting request 'deny' (lockdown, shutdown). */
  denyAll(by: Answer['by']): void {
    const at = this.timers.now();
    for (const item of this.items.slice()) this.settle(item, { answer: 'deny', by, at });
  }

  private settle(item: Item, answer: Answer): void {
    if (item.settled) return; // a second answer (late click, timer after abort) is ignored
    item.settled = true;
    for (const c of item.cleanup) c();
    const at = this.items.indexOf(item);
    if (at >= 0) this.items.splice(at, 1);
    this.opts.onAnswered?.(item.request, answer);
    item.resolve(answer.answer);
    this.opts.onChange?.();
  }

  private pump(): void {
    if (this.onScreen) return;
    const next = this.items[0];
    if (!next) return;
    this.onScreen = next;
    this.opts.onChange?.();
    let shown: Promise<ApprovalAnswer>;
    try {
      shown = this.opts.present(next.request);
    } catch {
      shown = Promise.resolve('deny');
    }
    const closed = (answer: ApprovalAnswer, failed: boolean) => {
      const by: Answer['by'] = failed ? 'no-ui' : answer === 'allow' ? 'person' : 'cancel';
      this.settle(next, { answer: answer === 'allow' && !failed ? 'allow' : 'deny', by, at: this.timers.now() });
      this.onScreen = undefined;
      this.opts.onChange?.();
      this.pump();
    };
    shown.then(
      (a) => closed(a, false),
      () => closed('deny', true),
    );
  }
}
