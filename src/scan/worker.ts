// Entry point of a scan worker thread (bundled to dist/scan-worker.js). Receives batches of
// root-relative paths, answers with their results, so the extension host never runs a regex.
import { parentPort, workerData } from 'node:worker_threads';
import { parseIgnoreFile } from '../core/secrets/silence';
import { scanFileAt } from './scan_file';
import type { WorkerInit, WorkerReply, WorkerRequest } from './worker_protocol';

const init = workerData as WorkerInit;
let ignore = parseIgnoreFile(init.ignoreText);

parentPort?.on('message', (msg: WorkerRequest) => {
  if (msg.type === 'ignore') {
    ignore = parseIgnoreFile(msg.ignoreText);
    return;
  }
  const results = msg.files.map((rel) => {
    try {
      return scanFileAt(init.root, rel, { maxFileBytes: init.maxFileBytes, ignore });
    } catch (err) {
      return { file: rel, outcome: 'unreadable' as const, bytes: 0, findings: [], message: String(err) };
    }
  });
  const reply: WorkerReply = { id: msg.id, results };
  parentPort?.postMessage(reply);
});
