// The shipped hook (dist/hook.js) keeps a V8 code cache of the offline classifier in the per-user state
// dir. The cache may only make it faster: answers are the same with no cache, a fresh one, or a corrupt one.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';

const HOOK = path.join(process.cwd(), 'dist/hook.js');
if (!fs.existsSync(HOOK)) spawnSync(process.execPath, ['esbuild.js'], { stdio: 'inherit' });

function run(home: string, command: string): { code: number | null; decision: string } {
  const payload = JSON.stringify({ session_id: 't', cwd: path.join(home, 'app'), hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command } });
  const r = spawnSync(process.execPath, [HOOK, '--agent', 'claude'], { input: payload, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', HOME: home } });
  const out = r.stdout.trim() ? (JSON.parse(r.stdout) as { hookSpecificOutput?: { permissionDecision?: string } }) : {};
  return { code: r.status, decision: out.hookSpecificOutput?.permissionDecision ?? 'none' };
}

test('the offline code cache is written privately, reused, and a corrupt one changes no answer', () => {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'airlock-cache-'));
  try {
    fs.mkdirSync(path.join(home, 'app'));
    const cache = path.join(home, '.airlock', 'cache', 'offline.js.v8cache');
    const first = [run(home, 'git status'), run(home, 'rm -rf src')];
    assert.deepEqual(first, [{ code: 0, decision: 'none' }, { code: 2, decision: 'deny' }]);
    assert.ok(fs.existsSync(cache), 'the first offline decision writes the cache');
    if (process.platform !== 'win32') assert.equal(fs.statSync(cache).mode & 0o077, 0, 'the cache is private to the user');
    const { size } = fs.statSync(cache);
    // inode numbers are reused by the rename that replaces the file; the write time in nanoseconds is not
    const written = fs.statSync(cache, { bigint: true }).mtimeNs;
    assert.deepEqual([run(home, 'git status'), run(home, 'rm -rf src')], first, 'same answers with the cache in use');
    // V8 rejects a cache made under other flags than the load's; a cache that never fits is rewritten each call
    assert.equal(fs.statSync(cache, { bigint: true }).mtimeNs, written, 'a good cache is used as it is, not replaced on every call');
    fs.writeFileSync(cache, 'not a V8 code cache');
    assert.deepEqual([run(home, 'rm -rf src'), run(home, 'git status')], [first[1], first[0]], 'a corrupt cache is ignored');
    assert.ok(fs.statSync(cache).size > size / 2, 'a rejected cache is rewritten');
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
});
