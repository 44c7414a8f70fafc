// Notices many deletions in a short time: the shape of `rm -rf` on a tree, which
// no hook may have seen. Pure sliding window; the file watcher feeds it.

export interface MassDeleteAlert {
  count: number;
  windowMs: number;
  /** A few of the deleted paths, for the message. */
  sample: string[];
  /** The common directory of the deletions, when there is one. */
  under: string;
}

export class MassDeleteDetector {
  private times: number[] = [];
  private paths: string[] = [];
  /** After an alert, stay quiet until deletions stop for one window. */
  private alertedUntil = -Infinity;

  constructor(
    private readonly threshold: number,
    private readonly windowMs: number,
  ) {}

  record(path: string, now: number): MassDeleteAlert | undefined {
    this.times.push(now);
    this.paths.push(path);
    while (this.times.length && (this.times[0] ?? 0) <= now - this.windowMs) {
      this.times.shift();
      this.paths.shift();
    }
    if (now < this.alertedUntil) {
      this.alertedUntil = now + this.windowMs;
      return undefined;
    }
    if (this.times.length < this.threshold) return undefined;
    this.alertedUntil = now + this.windowMs;
    const alert = { count: this.times.length, windowMs: this.windowMs, sample: this.paths.slice(0, 5), under: commonDir(this.paths) };
    return alert;
  }
}

export function commonDir(paths: string[]): string {
  if (paths.length === 0) return '';
  const split = paths.map((p) => p.split('/'));
  const first = split[0] ?? [];
  let n = first.length - 1; // directories only
  for (const parts of split) {
    let i = 0;
    while (i < n && parts[i] === first[i]) i++;
    n = i;
  }
  return first.slice(0, n).join('/') || '/';
}
