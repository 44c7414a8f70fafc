// Attack: cut the audit log. In 0.1.0, removing the last entries while deleting, garbling or
// rewriting `<log>.head` verified "ok", and an empty log with no head verified "ok: 0 entries".
// Now the head is also kept where file tools don't reach it by the log's name (a copy in the per-user
// state dir, named by a hash of the log's path; the editor keeps a third in its global state), and a
// missing or unreadable copy means "truncation cannot be ruled out". Driven through the built CLI.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AuditLog, fileHeadStore, headCopyFile } from '../../src/gate/audit';
import { statePaths } from '../../src/gate/state_dir';
import { CLI, freshHome } from './lib/hook';

interface Case {
  file: string;
  head: string;
  copy: string;
  state: string;
}

async function writeLog(entries: number): Promise<Case> {
  const env = freshHome();
  const state = path.join(env.home, '.airlock');
  const file = path.join(env.home, 'storage', 'audit.jsonl');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, '');
  const copy = headCopyFile(statePaths(state).auditHeads, file);
  const log = new AuditLog({ file, headCopies: [fileHeadStore("the state dir's copy", copy)] });
  for (let i = 0; i < entries; i++) void log.append('event', { summary: `git log -n ${i}`, decision: 'allow' });
  await log.flush();
  return { file, head: `${file}.head`, copy, state };
}

function verify(c: Case): { code: number | null; out: string } {
  const r = spawnSync(process.execPath, [CLI, 'audit', 'verify', c.file, '--state-dir', c.state], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

function cutLast(file: string, n: number): { seq: number; hash: string } {
  const lines = fs.readFileSync(file, 'utf8').trimEnd().split('\n');
  const kept = lines.slice(0, lines.length - n);
  fs.writeFileSync(file, kept.length ? `${kept.join('\n')}\n` : '');
  const last = kept.length ? (JSON.parse(kept[kept.length - 1]!) as { seq: number; hash: string }) : { seq: 0, hash: '0'.repeat(64) };
  return { seq: last.seq, hash: last.hash };
}

test('airlock audit verify: an intact log with both heads is ok', async () => {
  const c = await writeLog(10);
  const r = verify(c);
  assert.equal(r.code, 0, r.out);
  assert.match(r.out, /ok: 10 entries, chain intact, matches head \(2 copies\)/);
});

test('airlock audit verify reports all four truncation forms, and the same with the second copy gone too', async () => {
  const forms: Array<[string, (c: Case) => void, RegExp]> = [
    ['last entries cut, head deleted', (c) => (cutLast(c.file, 3), fs.rmSync(c.head)), /entries at the end were removed/],
    ['last entries cut, head garbled', (c) => (cutLast(c.file, 3), fs.writeFileSync(c.head, '{"seq":7,"ha')), /entries at the end were removed/],
    ['last entries cut, head rewritten to match', (c) => fs.writeFileSync(c.head, JSON.stringify(cutLast(c.file, 3))), /entries at the end were removed/],
    ['emptied, no head', (c) => (cutLast(c.file, 10), fs.rmSync(c.head)), /entries at the end were removed/],
  ];
  for (const [what, attack, expect] of forms) {
    const c = await writeLog(10);
    attack(c);
    const r = verify(c);
    assert.equal(r.code, 1, `${what}: ${r.out}`);
    assert.match(r.out, expect, what);
    // Found and removed the state dir's copy as well: still not "ok".
    fs.rmSync(c.copy, { force: true });
    const again = verify(c);
    assert.equal(again.code, 1, `${what}, both copies: ${again.out}`);
    assert.doesNotMatch(again.out, /^ok/m, what);
  }
});

test('a missing or unreadable head alone is "truncation cannot be ruled out"; an empty log with no head at all too', async () => {
  const garbled = await writeLog(5);
  fs.writeFileSync(garbled.head, 'not json');
  let r = verify(garbled);
  assert.equal(r.code, 1, r.out);
  assert.match(r.out, /NOT VERIFIED: 5 entries, chain intact, but the head file .* cannot be read: truncation cannot be ruled out/);

  const empty = freshHome();
  const file = path.join(empty.home, 'audit.jsonl');
  fs.writeFileSync(file, '');
  r = verify({ file, head: `${file}.head`, copy: '', state: path.join(empty.home, '.airlock') });
  assert.equal(r.code, 1, r.out);
  assert.match(r.out, /NOT VERIFIED: 0 entries, chain intact, but no head was found for this log: truncation cannot be ruled out/);
});

test('a log cut while the editor was closed is recorded as an alert entry when the writer next opens it, before the heads move on', async () => {
  const c = await writeLog(10);
  cutLast(c.file, 4);
  fs.rmSync(c.head);
  const alerts: string[] = [];
  const log = new AuditLog({ file: c.file, headCopies: [fileHeadStore("the state dir's copy", c.copy)], onTruncated: (m) => alerts.push(m) });
  await log.append('event', { summary: 'ls' });
  await log.flush();
  assert.equal(alerts.length, 1);
  assert.match(alerts[0]!, /reached entry #10, but it ends at #6/);
  const entries = fs.readFileSync(c.file, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as { kind: string; data: Record<string, unknown> });
  assert.equal(entries.at(-2)!.kind, 'alert');
  assert.equal(entries.at(-2)!.data['truncated'], true);
  // The chain carries on and verifies: the cut is now on the record, not hidden.
  const r = verify(c);
  assert.equal(r.code, 0, r.out);
});
