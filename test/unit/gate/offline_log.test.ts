import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Readable, Writable } from 'node:stream';
import { redactText } from '../../../src/gate/audit';
import { appendOffline, minimalAction, OFFLINE_MAX_BYTES, readOfflineText, rotatedLog, takeOfflineLogs, type OfflineRecord } from '../../../src/gate/offline_log';
import { engageLockdown } from '../../../src/gate/lockdown';
import { statePaths } from '../../../src/gate/state_dir';
import { runHook } from '../../../src/hook/main';

const tempRoot = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'aloff-')), 'state');
const rec = (i: number, extra: Partial<OfflineRecord> = {}): OfflineRecord => ({ t: 1_700_000_000_000 + i, type: 'decision', agent: 'claude', event: 'PreToolUse', action: { kind: 'shell', command: `git log -n ${i}` }, decision: 'allow', rules: [], reason: 'No rule matched.', ...extra });

test('offline log: private, chained, redacted; the reader finds edits and removed lines', () => {
  const root = tempRoot();
  for (let i = 0; i < 5; i++) assert.ok(appendOffline(root, [rec(i)], redactText));
  appendOffline(root, [rec(5, { action: { kind: 'shell', command: 'curl -H "Authorization: Bearer abcdefghijklmnop1234"' } })], redactText);
  const file = statePaths(root).offlineLog;
  assert.equal(fs.statSync(file).mode & 0o777, 0o600);
  const text = fs.readFileSync(file, 'utf8');
  assert.doesNotMatch(text, /abcdefghijklmnop1234/, 'secrets never reach the disk');
  const ok = readOfflineText([text]);
  assert.equal(ok.lines.length, 6);
  assert.deepEqual(ok.problems, []);
  const lines = text.trimEnd().split('\n');
  const edited = readOfflineText([[...lines.slice(0, 2), lines[2]!.replace('"allow"', '"deny"'), ...lines.slice(3)].join('\n')]);
  assert.equal(edited.lines.length, 5);
  assert.match(edited.problems.join(), /was edited/);
  const removed = readOfflineText([[...lines.slice(0, 2), ...lines.slice(3)].join('\n')]);
  assert.match(removed.problems.join(), /are missing/);
});

test('offline log: bounded (rotates past the limit), taken once by the importer, a leftover import is picked up', () => {
  const root = tempRoot();
  const big = 'x'.repeat(64 * 1024);
  let n = 0;
  while (!fs.existsSync(rotatedLog(root))) appendOffline(root, [rec(n++, { reason: big })]);
  assert.ok(fs.statSync(rotatedLog(root)).size <= OFFLINE_MAX_BYTES + 2 * big.length);
  const taken = takeOfflineLogs(root);
  const read = readOfflineText(taken.texts);
  assert.equal(read.lines.length, n, 'nothing lost across the rotation');
  assert.deepEqual(read.problems, []);
  taken.done();
  assert.equal(takeOfflineLogs(root).texts.length, 0, 'imported once');
  appendOffline(root, [rec(1)]);
  fs.renameSync(statePaths(root).offlineLog, `${statePaths(root).offlineLog}.importing-999`);
  assert.equal(readOfflineText(takeOfflineLogs(root).texts).lines.length, 1);
});

test('minimalAction keeps no contents, prompts or MCP inputs', () => {
  assert.deepEqual(minimalAction({ kind: 'write', path: '/w/a', content: 'SECRET' }), { kind: 'write', path: '/w/a' });
  assert.deepEqual(minimalAction({ kind: 'mcp', tool: 't', input: { q: 'SECRET' } }), { kind: 'mcp', tool: 't' });
  assert.doesNotMatch(JSON.stringify(minimalAction({ kind: 'prompt', text: 'SECRET' })), /SECRET/);
});

test('the hook with no editor records each decision in the offline log', async () => {
  const root = tempRoot();
  const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'aloff-ws-'));
  const sink = () => new Writable({ write: (_c, _e, cb) => cb() });
  for (const command of ['git status', 'rm -rf src']) {
    const payload = JSON.stringify({ hook_event_name: 'PreToolUse', session_id: 's', cwd: ws, tool_name: 'Bash', tool_input: { command } });
    await runHook({ agent: 'claude' }, { stdin: Readable.from([Buffer.from(payload)]), stdout: sink(), stderr: sink() }, { root });
  }
  const { lines, problems } = readOfflineText([fs.readFileSync(statePaths(root).offlineLog, 'utf8')]);
  assert.deepEqual(problems, []);
  assert.deepEqual(lines.map((l) => [l.type, l.action?.kind === 'shell' ? l.action.command : '', l.decision]), [
    ['decision', 'git status', 'allow'],
    ['decision', 'rm -rf src', 'deny'],
  ]);
  assert.ok(lines[1]!.rules!.includes('fs.recursive-delete'));
});

test('lockdown with no editor: the block is recorded too', async () => {
  const root = tempRoot();
  const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'aloff-ws-'));
  engageLockdown('test', undefined, root);
  const sink = () => new Writable({ write: (_c, _e, cb) => cb() });
  const payload = JSON.stringify({ hook_event_name: 'PreToolUse', session_id: 's', cwd: ws, tool_name: 'Bash', tool_input: { command: 'ls' } });
  assert.equal(await runHook({ agent: 'claude' }, { stdin: Readable.from([Buffer.from(payload)]), stdout: sink(), stderr: sink() }, { root }), 0);
  const { lines } = readOfflineText([fs.readFileSync(statePaths(root).offlineLog, 'utf8')]);
  assert.deepEqual(lines.map((l) => [l.decision, l.rules]), [['deny', ['airlock.lockdown']]]);
});
