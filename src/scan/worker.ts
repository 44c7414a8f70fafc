// Entry point of a scan worker thread (bundled to dist/scan-worker.js). Scans batches of
// root-relative paths, or walks and scans the whole root, so the extension host never runs a regex.
import { parentPort, workerData } from 'node:worker_threads';
import { parseIgnoreFile } from '../core/secrets/silence';
import { scanFileAt, type FileResult } from './scan_file';
import { AIRLOCK_IGNORE_FILE, walkFiles } from './walk';
import type { WorkerInit, WorkerReply, WorkerRequest } from './worker_protocol';

const init = workerData as WorkerInit;
let ignore = parseIgnoreFile(init.ignoreText);
const WALK_BATCH = 64;

function scanOne(rel: string): FileResult {
  try {
    return scanFileAt(init.root, rel, { maxFileBytes: init.maxFileBytes, ignore });
  } catch (err) {
    return { file: rel, outcome: 'unreadable', bytes: 0, findings: [], message: String(err) };
  }
}

function reply(r: WorkerReply): void {
  parentPort?.postMessage(r);
}

async function walk(id: number): Promise<void> {
  let batch: FileResult[] = [];
  for await (const rel of walkFiles(init.root, { gitignore: init.gitignore })) {
    if (rel === AIRLOCK_IGNORE_FILE) continue;
    batch.push(scanOne(rel));
    if (batch.length >= WALK_BATCH) {
      reply({ id, results: batch });
      batch = [];
    }
  }
  reply({ id, results: batch, done: true });
}

parentPort?.on('message', (msg: WorkerRequest) => {
  if (msg.type === 'ignore') ignore = parseIgnoreFile(msg.ignoreText);
  else if (msg.type === 'walk') void walk(msg.id);
  else reply({ id: msg.id, results: msg.files.map(scanOne) });
});
