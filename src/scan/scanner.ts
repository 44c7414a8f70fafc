// The scanner the CLI and the extension use: walk a root, scan files in worker threads (or on the
// caller's thread for small jobs and tests), stream findings as they appear, and re-scan single
// files on save.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseIgnoreFile, type IgnoreRules } from '../core/secrets/silence';
import type { SecretFinding } from '../core/secrets/types';
import { ScanPool } from './pool';
import { DEFAULT_MAX_FILE_BYTES } from './read';
import { scanFileAt, type FileResult } from './scan_file';
import { AIRLOCK_IGNORE_FILE, walkFiles } from './walk';

export const AIRLOCK_IGNORE = AIRLOCK_IGNORE_FILE;

export interface SkippedFile {
  file: string;
  reason: 'too-large' | 'unreadable';
  bytes?: number;
  message?: string;
}

export interface ScanSummary {
  root: string;
  filesScanned: number;
  binaryFiles: number;
  bytesScanned: number;
  /** Every finding, silenced ones included (see SecretFinding.silenced). */
  findings: SecretFinding[];
  skipped: SkippedFile[];
  durationMs: number;
  cancelled: boolean;
}

export interface ScannerOptions {
  root: string;
  onFinding?: (finding: SecretFinding) => void;
  onSkipped?: (skipped: SkippedFile) => void;
  /** Called after each batch, for progress display. */
  onProgress?: (filesDone: number) => void;
  /**
   * Worker threads. 0 scans on the caller's thread (still yielding between batches). Default: one
   * per core, at most 4; the extension passes 1 so a scan never competes with the editor for cores.
   */
  workers?: number;
  /** Path of the bundled worker (dist/scan-worker.js). Default: next to the running bundle. */
  workerFile?: string;
  maxFileBytes?: number;
  gitignore?: boolean;
  /**
   * Walk the tree inside a worker too, so the calling thread only receives results (the extension
   * host's choice). Uses one worker; needs the worker file. Default false (the CLI walks on the main
   * thread and feeds every worker).
   */
  walkInWorker?: boolean;
}

export interface Scanner {
  scanAll(signal?: AbortSignal): Promise<ScanSummary>;
  /** Re-scan one file (absolute or root-relative), e.g. on save. Never throws for I/O problems. */
  scanFile(file: string): Promise<FileResult>;
  /** Re-read .airlockignore (call when it changes). */
  reloadIgnore(): void;
  dispose(): Promise<void>;
}

const BATCH = 48;

function readIgnoreText(root: string): string {
  try {
    return fs.readFileSync(path.join(root, AIRLOCK_IGNORE), 'utf8');
  } catch {
    return '';
  }
}

function finish(summary: ScanSummary, started: number): ScanSummary {
  summary.findings.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column));
  summary.skipped.sort((a, b) => (a.file < b.file ? -1 : 1));
  summary.durationMs = performance.now() - started;
  return summary;
}

export function defaultWorkerFile(): string {
  return path.join(__dirname, 'scan-worker.js');
}

export function createScanner(options: ScannerOptions): Scanner {
  const root = path.resolve(options.root);
  const maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  let ignoreText = readIgnoreText(root);
  let ignore: IgnoreRules = parseIgnoreFile(ignoreText);
  const wanted = options.walkInWorker ? 1 : (options.workers ?? Math.min(4, os.availableParallelism()));
  const workerFile = options.workerFile ?? defaultWorkerFile();
  let pool: ScanPool | undefined;

  function getPool(): ScanPool | undefined {
    if (wanted <= 0) return undefined;
    if (!pool) {
      if (!fs.existsSync(workerFile)) return undefined; // unbundled (tests): scan in-thread
      pool = new ScanPool(workerFile, { root, maxFileBytes, ignoreText, gitignore: options.gitignore !== false }, wanted);
    }
    return pool;
  }

  async function runBatch(files: string[]): Promise<FileResult[]> {
    const p = getPool();
    if (p) return p.scan(files);
    const results = files.map((rel) => scanFileAt(root, rel, { maxFileBytes, ignore }));
    await new Promise((r) => setImmediate(r)); // let the event loop breathe between batches
    return results;
  }

  function toRel(file: string): string {
    const rel = path.isAbsolute(file) ? path.relative(root, file) : file;
    return rel.split(path.sep).join('/');
  }

  return {
    async scanAll(signal) {
      const started = performance.now();
      const summary: ScanSummary = {
        root,
        filesScanned: 0,
        binaryFiles: 0,
        bytesScanned: 0,
        findings: [],
        skipped: [],
        durationMs: 0,
        cancelled: false,
      };
      const inFlight = new Set<Promise<void>>();
      const limit = Math.max(2, (getPool()?.size ?? 1) * 2);
      let done = 0;
      const collect = (results: FileResult[]): void => {
        for (const r of results) {
          done++;
          if (r.outcome === 'scanned') {
            summary.filesScanned++;
            summary.bytesScanned += r.bytes;
          } else if (r.outcome === 'binary') summary.binaryFiles++;
          else {
            const s: SkippedFile = { file: r.file, reason: r.outcome, ...(r.outcome === 'too-large' ? { bytes: r.bytes } : {}), ...(r.message ? { message: r.message } : {}) };
            summary.skipped.push(s);
            options.onSkipped?.(s);
          }
          for (const f of r.findings) {
            summary.findings.push(f);
            options.onFinding?.(f);
          }
        }
        options.onProgress?.(done);
      };
      const dispatch = async (files: string[]): Promise<void> => {
        const p = runBatch(files).then(collect);
        const tracked = p.finally(() => inFlight.delete(tracked));
        inFlight.add(tracked);
        if (inFlight.size >= limit) await Promise.race(inFlight);
      };
      const p = options.walkInWorker ? getPool() : undefined;
      if (p) {
        // Cancelling a worker-side walk ends the worker; the pool replaces it for later calls.
        const abort = (): void => {
          pool = undefined;
          void p.close();
        };
        signal?.addEventListener('abort', abort, { once: true });
        if (signal?.aborted) summary.cancelled = true;
        else collect(await p.walk(collect));
        signal?.removeEventListener('abort', abort);
        if (signal?.aborted) summary.cancelled = true;
        return finish(summary, started);
      }
      let batch: string[] = [];
      for await (const rel of walkFiles(root, { gitignore: options.gitignore !== false })) {
        if (signal?.aborted) {
          summary.cancelled = true;
          break;
        }
        if (rel === AIRLOCK_IGNORE_FILE) continue;
        batch.push(rel);
        if (batch.length >= BATCH) {
          await dispatch(batch);
          batch = [];
        }
      }
      if (batch.length > 0 && !summary.cancelled) await dispatch(batch);
      await Promise.all(inFlight);
      return finish(summary, started);
    },
    async scanFile(file) {
      const rel = toRel(file);
      const p = getPool();
      if (p) return (await p.scan([rel]))[0]!;
      return scanFileAt(root, rel, { maxFileBytes, ignore });
    },
    reloadIgnore() {
      ignoreText = readIgnoreText(root);
      ignore = parseIgnoreFile(ignoreText);
      pool?.setIgnoreText(ignoreText);
    },
    async dispose() {
      await pool?.close();
      pool = undefined;
    },
  };
}
