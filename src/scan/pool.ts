// A small pool of scan worker threads. Batches go to whichever worker is idle; a worker that dies
// fails its batch with 'unreadable' results instead of losing them, and is replaced.
import { Worker } from 'node:worker_threads';
import type { FileResult } from './scan_file';
import type { WorkerInit, WorkerReply, WorkerRequest } from './worker_protocol';

interface Job {
  id: number;
  /** Empty for a walk job. */
  files: string[];
  resolve(results: FileResult[]): void;
  /** Walk jobs stream results before the final reply. */
  onPartial?: (results: FileResult[]) => void;
  walk?: boolean;
}

interface Slot {
  worker: Worker;
  job?: Job;
}

export class ScanPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private closed = false;

  constructor(
    private readonly workerFile: string,
    private readonly init: WorkerInit,
    size: number,
  ) {
    for (let i = 0; i < Math.max(1, size); i++) this.slots.push(this.spawn());
  }

  private spawn(): Slot {
    const slot: Slot = { worker: new Worker(this.workerFile, { workerData: this.init }) };
    slot.worker.on('message', (reply: WorkerReply) => {
      const job = slot.job;
      if (!job || job.id !== reply.id) return;
      if (job.onPartial && !reply.done) {
        job.onPartial(reply.results);
        return;
      }
      slot.job = undefined;
      job.resolve(reply.results);
      this.pump();
    });
    const fail = (message: string): void => {
      const job = slot.job;
      slot.job = undefined;
      if (job) job.resolve(job.files.map((file) => ({ file, outcome: 'unreadable', bytes: 0, findings: [], message })));
      if (this.closed) return;
      const i = this.slots.indexOf(slot);
      if (i >= 0) this.slots[i] = this.spawn();
      this.pump();
    };
    slot.worker.on('error', (err) => fail(`scan worker failed: ${err.message}`));
    slot.worker.on('exit', (code) => {
      if (!this.closed) fail(`scan worker exited (${code})`);
    });
    // Idle workers must not keep a CLI process alive.
    slot.worker.unref();
    return slot;
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (slot.job || this.queue.length === 0) continue;
      const job = this.queue.shift()!;
      slot.job = job;
      slot.worker.ref();
      const req: WorkerRequest = job.walk ? { type: 'walk', id: job.id } : { type: 'scan', id: job.id, files: job.files };
      slot.worker.postMessage(req);
    }
    for (const slot of this.slots) if (!slot.job) slot.worker.unref();
  }

  get size(): number {
    return this.slots.length;
  }

  scan(files: string[]): Promise<FileResult[]> {
    if (this.closed) return Promise.reject(new Error('scan pool is closed'));
    return new Promise((resolve) => {
      this.queue.push({ id: this.nextId++, files, resolve });
      this.pump();
    });
  }

  /** Walks and scans the whole root inside one worker; `onPartial` gets results as they come. */
  walk(onPartial: (results: FileResult[]) => void): Promise<FileResult[]> {
    if (this.closed) return Promise.reject(new Error('scan pool is closed'));
    return new Promise((resolve) => {
      this.queue.push({ id: this.nextId++, files: [], resolve, onPartial, walk: true });
      this.pump();
    });
  }

  setIgnoreText(ignoreText: string): void {
    this.init.ignoreText = ignoreText;
    const msg: WorkerRequest = { type: 'ignore', ignoreText };
    for (const s of this.slots) s.worker.postMessage(msg);
  }

  /** Ends every worker. Jobs still pending resolve with what they have (nothing), never hang. */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of [...this.slots.map((s) => s.job), ...this.queue.splice(0)]) job?.resolve([]);
    for (const s of this.slots) s.job = undefined;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}
