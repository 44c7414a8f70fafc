// A fresh workspace folder per run, removed at teardown, so no test sees another run's files.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { onTeardown } from './teardown.mjs';

/**
 * @param {string} prefix
 * @param {{ copyFrom?: string, files?: Record<string, string> }} [opts]
 */
export function makeWorkspace(prefix, opts = {}) {
  // realpath: the workbench and the hook compare paths, and os.tmpdir() may be a symlink.
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  const remove = () => {
    if (!process.env.AIRLOCK_KEEP_TEST_DIRS) fs.rmSync(dir, { recursive: true, force: true });
  };
  onTeardown(`remove workspace ${dir}`, remove, remove);
  if (opts.copyFrom) fs.cpSync(opts.copyFrom, dir, { recursive: true });
  for (const [rel, text] of Object.entries(opts.files ?? {})) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}
