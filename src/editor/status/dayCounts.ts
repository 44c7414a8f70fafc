// Today's counts for the status bar: each action counted once, when it settles.
import type { Badge } from '../activity/row';
import type { DayCountsView } from '../activity/protocol';

export function dayKey(time: number): string {
  const d = new Date(time);
  return `${d.getFullYear()}-${d.getMonth() + 1}-${d.getDate()}`;
}

export class DayCounts {
  private day = '';
  private counted = new Set<string>();
  private counts: DayCountsView = { allowed: 0, asked: 0, blocked: 0, observed: 0 };

  /** Count a row once its badge is final; a waiting row is counted when it settles. */
  add(id: string, badge: Badge, time: number): void {
    const key = dayKey(time);
    if (key !== this.day) {
      this.day = key;
      this.counted.clear();
      this.counts = { allowed: 0, asked: 0, blocked: 0, observed: 0 };
    }
    if (badge === 'waiting' || this.counted.has(id)) return;
    this.counted.add(id);
    if (badge === 'approved') this.counts.asked++, this.counts.allowed++;
    else if (badge === 'asked-blocked') this.counts.asked++, this.counts.blocked++;
    else this.counts[badge]++;
  }

  view(now: number): DayCountsView {
    return dayKey(now) === this.day ? { ...this.counts } : { allowed: 0, asked: 0, blocked: 0, observed: 0 };
  }
}
