// The extension in a real VS Code (the integration harness): activation time, and the extension host's
// memory after 10,000 activity events. Prints a markdown section.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const r = spawnSync(process.execPath, ['test/integration/run.mjs'], {
  cwd: repo,
  encoding: 'utf8',
  maxBuffer: 1 << 26,
  env: { ...process.env, AIRLOCK_ITEST_GREP: 'editor: activity sidebar' },
});
const line = /BENCH extension activation_ms=([\d.]+) rows=(\d+) heap_used_mb=([\d.]+) rss_mb=([\d.]+)/.exec(r.stdout ?? '');
const out = ['## Extension in a real VS Code 1.100 (code-server)', ''];
if (r.status !== 0 || !line) {
  out.push(`_The integration run failed (exit ${r.status}); no figures._`);
} else {
  out.push('| activation (`activate()` to return) | activity rows held | extension-host heap used | extension-host RSS |', '|---|---|---|---|');
  out.push(`| ${Number(line[1]).toFixed(1)} ms | ${line[2]} after 10,000 events | ${line[3]} MB | ${line[4]} MB |`);
  out.push('', 'Heap and RSS are the whole extension host (every extension in it), read after the 10,000-event render-and-filter test. The in-memory ring holds at most `airlock.activity.maxEntries` rows; older ones stay in the audit log.');
}
process.stdout.write(out.join('\n') + '\n');
