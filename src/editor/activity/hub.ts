// Where every GateEvent lands in the editor: the bounded ring the sidebar shows,
// today's counts, the person's answers, and the audit log. It implements the
// gate's GateListener; watchers report their observations through it too.
import * as vscode from 'vscode';
import type { GateEvent, GateListener } from '../../gate/contract';
import type { AuditLog } from '../../gate/audit';
import { RowRing } from './ring';
import { toRow, type ActivityRow, type Answer } from './row';
import { DayCounts } from '../status/dayCounts';

export class ActivityHub implements GateListener, vscode.Disposable {
  private ring: RowRing<ActivityRow>;
  private readonly answers = new Map<string, Answer>();
  readonly counts = new DayCounts();
  private readonly rowsChanged = new vscode.EventEmitter<ActivityRow>();
  /** Fires for every new or updated row (the view batches them). */
  readonly onRow = this.rowsChanged.event;
  private readonly countsChanged = new vscode.EventEmitter<void>();
  readonly onCounts = this.countsChanged.event;

  constructor(
    capacity: number,
    private readonly audit: AuditLog | undefined,
    private readonly log: (msg: string) => void,
  ) {
    this.ring = new RowRing(capacity);
  }

  onEvent(event: GateEvent): void {
    this.add(toRow(event, this.answers.get(event.id)));
    if (this.audit) {
      this.audit.appendEvent(event).catch((err: unknown) => this.log(`audit log: ${String(err)}`));
    }
  }

  /** Show an event without logging it (synthetic test traffic). */
  show(event: GateEvent): void {
    this.add(toRow(event, this.answers.get(event.id)));
  }

  /** Record how an ask was answered; shown in the row's detail pane and logged. */
  setAnswer(id: string, answer: Answer): void {
    this.answers.set(id, answer);
    const row = this.ring.get(id);
    if (row) this.add({ ...row, answer });
    this.audit?.append('answer', { id, ...answer }).catch((err: unknown) => this.log(`audit log: ${String(err)}`));
  }

  rows(): ActivityRow[] {
    return this.ring.toArray();
  }

  get capacity(): number {
    return this.ring.capacity;
  }

  resize(capacity: number): void {
    if (capacity === this.ring.capacity) return;
    const keep = this.ring.toArray().slice(-capacity);
    this.ring = new RowRing(capacity);
    for (const r of keep) this.ring.upsert(r);
  }

  private add(row: ActivityRow): void {
    const evicted = this.ring.upsert(row);
    if (evicted) this.answers.delete(evicted.id);
    this.counts.add(row.id, row.badge, row.time);
    this.rowsChanged.fire(row);
    if (row.badge !== 'waiting') this.countsChanged.fire();
  }

  dispose(): void {
    this.rowsChanged.dispose();
    this.countsChanged.dispose();
  }
}
