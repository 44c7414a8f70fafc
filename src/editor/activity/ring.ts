// The extension's bounded memory of recent activity: newest rows up to a fixed
// capacity, updated in place by id (a pending ask becomes approved/blocked).
// Older rows fall off here and live on in the audit log.

export interface Keyed {
  id: string;
}

export class RowRing<T extends Keyed> {
  private readonly slots: Array<T | undefined>;
  private readonly index = new Map<string, number>();
  /** Total rows ever pushed; the newest lives at (count - 1) % capacity. */
  private count = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new Error(`ring capacity must be a positive integer, got ${capacity}`);
    this.slots = new Array<T | undefined>(capacity);
  }

  get size(): number {
    return Math.min(this.count, this.capacity);
  }

  /** Insert or replace by id. Returns the row that fell off the end, if any. */
  upsert(row: T): T | undefined {
    const at = this.index.get(row.id);
    if (at !== undefined) {
      this.slots[at] = row;
      return undefined;
    }
    const slot = this.count % this.capacity;
    const evicted = this.slots[slot];
    if (evicted) this.index.delete(evicted.id);
    this.slots[slot] = row;
    this.index.set(row.id, slot);
    this.count++;
    return evicted;
  }

  get(id: string): T | undefined {
    const at = this.index.get(id);
    return at === undefined ? undefined : this.slots[at];
  }

  /** Rows in insertion order, oldest first (the webview reverses for display). */
  toArray(): T[] {
    const n = this.size;
    const out: T[] = new Array(n);
    const start = this.count - n;
    for (let i = 0; i < n; i++) out[i] = this.slots[(start + i) % this.capacity] as T;
    return out;
  }

  clear(): void {
    this.slots.fill(undefined);
    this.index.clear();
    this.count = 0;
  }
}
