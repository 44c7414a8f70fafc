// Coalesces row updates into one postMessage per tick, so a burst of 10,000
// events costs the extension host a handful of messages instead of 10,000.
// The same id updated twice within a tick is sent once, with its latest state.
import type { Keyed } from './ring';

export interface Scheduler {
  schedule(fn: () => void, ms: number): unknown;
}

export class Batcher<T extends Keyed> {
  private pending = new Map<string, T>();
  private scheduled = false;

  constructor(
    private readonly send: (rows: T[]) => void,
    private readonly delayMs: number,
    private readonly scheduler: Scheduler = { schedule: (fn, ms) => setTimeout(fn, ms) },
    /** Largest batch in one message; a bigger burst goes out over consecutive ticks. */
    private readonly maxBatch = 2000,
  ) {}

  push(row: T): void {
    // Re-inserting moves an updated id to the end, keeping "last touched" order.
    this.pending.delete(row.id);
    this.pending.set(row.id, row);
    if (!this.scheduled) {
      this.scheduled = true;
      this.scheduler.schedule(() => this.flush(), this.delayMs);
    }
  }

  get size(): number {
    return this.pending.size;
  }

  flush(): void {
    this.scheduled = false;
    if (this.pending.size === 0) return;
    const rows: T[] = [];
    for (const [id, row] of this.pending) {
      rows.push(row);
      this.pending.delete(id);
      if (rows.length >= this.maxBatch) break;
    }
    this.send(rows);
    if (this.pending.size > 0) {
      this.scheduled = true;
      this.scheduler.schedule(() => this.flush(), this.delayMs);
    }
  }

  clear(): void {
    this.pending.clear();
  }
}
