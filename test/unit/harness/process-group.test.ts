// The harness stops the whole process group it started (code-server forks a pty host, terminals
// and an extension host), not just the direct child.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
// @ts-expect-error plain ESM helper without type declarations
import { spawnGroup } from '../../../test/harness/process-group.mjs';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

test('stop() ends the child and the grandchildren it forked', async () => {
  // bash forks two sleeps and reports their pids, then waits: a stand-in for code-server's tree.
  const { child, stop } = spawnGroup('sleeper', 'bash', ['-c', 'sleep 300 & echo $!; sleep 300 & echo $!; wait'], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const pids: number[] = await new Promise((resolve) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const lines = out.split('\n').filter(Boolean);
      if (lines.length >= 2) resolve(lines.map(Number));
    });
  });
  assert.ok(pids.every(alive), 'the grandchildren should be running before stop()');
  await stop();
  assert.equal(alive(child.pid), false, 'the child survived stop()');
  assert.deepEqual(pids.filter(alive), [], 'grandchildren survived stop()');
});
