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
  private weights: number[] = [];
  private total = 0;
  /** After an alert, stay quiet until deletions stop for one window. */
  private alertedUntil = -Infinity;

  constructor(
    private readonly threshold: number,
    private readonly windowMs: number,
  ) {}

  /** `files`: how many files this deletion removed (a folder's delete event stands for everything in it). */
  record(path: string, now: number, files = 1): MassDeleteAlert | undefined {
    this.times.push(now);
    this.paths.push(path);
    this.weights.push(files);
    this.total += files;
    while (this.times.length && (this.times[0] ?? 0) <= now - this.windowMs) {
      this.times.shift();
      this.paths.shift();
      this.total -= this.weights.shift() ?? 0;
    }
    if (now < this.alertedUntil) {
      this.alertedUntil = now + this.windowMs;
      return undefined;
    }
    if (this.total < this.threshold) return undefined;
    this.alertedUntil = now + this.windowMs;
    const under = this.paths.length === 1 ? (this.paths[0] ?? '') : commonDir(this.paths);
    return { count: this.total, windowMs: this.windowMs, sample: this.paths.slice(0, 5), under };
  }
}

/**
 * The files known to exist, so a folder's single delete event (the watcher reports
 * `rm -rf dir` as one event for `dir`) can be counted as the files it held.
 */
export class KnownFiles {
  private readonly files = new Set<string>();

  constructor(private readonly max = 100_000) {}

  add(path: string): void {
    if (this.files.size < this.max) this.files.add(path);
  }

  get size(): number {
    return this.files.size;
  }

  /** How many known files are `path` or under it (read-only; for the integration tests' synchronisation). */
  countUnder(path: string): number {
    const prefix = path.endsWith('/') ? path : `${path}/`;
    let n = 0;
    for (const f of this.files) if (f === path || f.startsWith(prefix)) n++;
    return n;
  }

  /** Forget `path` (a file, or a folder and everything under it); returns how many files that was, at least 1. */
  remove(path: string): number {
    let n = this.files.delete(path) ? 1 : 0;
    const prefix = path.endsWith('/') ? path : `${path}/`;
    for (const f of this.files) {
      if (f.startsWith(prefix)) {
        this.files.delete(f);
        n++;
      }
    }
    return Math.max(1, n);
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
