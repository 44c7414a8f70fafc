import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toRow, badgeOf, oneLine } from '../../../src/editor/activity/row';
import { rowMatches, EMPTY_FILTER } from '../../../src/editor/activity/filter';
import { RowRing } from '../../../src/editor/activity/ring';
import { Batcher } from '../../../src/editor/activity/batcher';
import { parseFromView } from '../../../src/editor/activity/protocol';
import { event } from './fixtures';

test('badges follow outcome and who decided', () => {
  assert.equal(badgeOf(event({ outcome: 'pending' })), 'waiting');
  assert.equal(badgeOf(event({ outcome: 'approved', decidedBy: 'person' })), 'approved');
  assert.equal(badgeOf(event({ outcome: 'blocked', decidedBy: 'person' })), 'asked-blocked');
  assert.equal(badgeOf(event({ outcome: 'blocked', decidedBy: 'deadline' })), 'asked-blocked');
  assert.equal(badgeOf(event({ outcome: 'blocked', decidedBy: 'policy' }, { decision: 'deny' })), 'blocked');
  assert.equal(badgeOf(event({ outcome: 'blocked', decidedBy: 'lockdown' })), 'blocked');
  assert.equal(badgeOf(event({ outcome: 'observed', phase: 'observed' })), 'observed');
  assert.equal(badgeOf(event({ outcome: 'allowed' }, { decision: 'allow', rules: [] })), 'allowed');
});

test('rows: terminal kind, one-line summary, redacted command, no file contents', () => {
  const term = toRow(event({ agent: 'terminal', outcome: 'observed' }));
  assert.equal(term.kind, 'terminal');
  const tok = ['ghp', '_', 'Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Jh1Gf0Ed9Cb8'].join('');
  const r = toRow(event({ action: { kind: 'shell', command: `curl -H "Authorization: token ${tok}"\n  https://api.github.com` } }));
  assert.ok(!r.full.includes(tok) && !r.summary.includes(tok), 'token visible in a row');
  assert.ok(!r.summary.includes('\n'));
  const w = toRow(event({ action: { kind: 'write', path: '/ws/.env', content: 'SECRET=1' } }));
  assert.ok(!w.full.includes('SECRET=1'));
  assert.match(w.full, /write \/ws\/\.env \(8 chars\)/);
  assert.equal(oneLine('x'.repeat(500)).length, 240);
});

test('filter by agent, decision (including "asked") and text', () => {
  const rows = [
    toRow(event({ agent: 'claude', outcome: 'approved', decidedBy: 'person' })),
    toRow(event({ agent: 'cursor', outcome: 'blocked', decidedBy: 'policy', action: { kind: 'read', path: '/ws/.env' } }, { decision: 'deny', rules: ['secrets.read-protected'] })),
    toRow(event({ agent: 'terminal', outcome: 'observed' }, { decision: 'allow', rules: [] })),
  ];
  const ids = (f: Partial<typeof EMPTY_FILTER>) => rows.filter((r) => rowMatches(r, { ...EMPTY_FILTER, ...f })).map((r) => r.agent);
  assert.deepEqual(ids({}), ['claude', 'cursor', 'terminal']);
  assert.deepEqual(ids({ agent: 'cursor' }), ['cursor']);
  assert.deepEqual(ids({ decision: 'asked' }), ['claude']);
  assert.deepEqual(ids({ decision: 'blocked' }), ['cursor']);
  assert.deepEqual(ids({ text: 'SECRETS.READ' }), ['cursor']);
  assert.deepEqual(ids({ text: '.env', agent: 'claude' }), []);
});

test('ring keeps the newest N, updates in place by id, evicts the oldest', () => {
  const ring = new RowRing<{ id: string; v: number }>(3);
  for (let i = 0; i < 5; i++) ring.upsert({ id: `r${i}`, v: i });
  assert.deepEqual(ring.toArray().map((r) => r.id), ['r2', 'r3', 'r4']);
  assert.equal(ring.get('r0'), undefined);
  assert.equal(ring.upsert({ id: 'r3', v: 33 }), undefined);
  assert.deepEqual(ring.toArray().map((r) => r.v), [2, 33, 4]);
  assert.equal(ring.upsert({ id: 'r5', v: 5 })?.id, 'r2');
  assert.equal(ring.size, 3);
  assert.throws(() => new RowRing(0));
});

test('ring stays bounded under 50,000 pushes', () => {
  const ring = new RowRing<{ id: string }>(10_000);
  for (let i = 0; i < 50_000; i++) ring.upsert({ id: `e${i}` });
  const all = ring.toArray();
  assert.equal(all.length, 10_000);
  assert.equal(all[0]?.id, 'e40000');
  assert.equal(all.at(-1)?.id, 'e49999');
});

test('batcher coalesces a burst into few messages and keeps the latest state per id', () => {
  const sent: Array<Array<{ id: string; v: number }>> = [];
  const tasks: Array<() => void> = [];
  const b = new Batcher<{ id: string; v: number }>((rows) => sent.push(rows), 16, { schedule: (fn) => tasks.push(fn) }, 4000);
  for (let i = 0; i < 10_000; i++) b.push({ id: `e${i}`, v: 0 });
  b.push({ id: 'e5', v: 1 });
  assert.equal(tasks.length, 1, 'one flush scheduled for the whole burst');
  while (tasks.length) tasks.shift()!();
  assert.equal(sent.length, 3);
  const flat = sent.flat();
  assert.equal(flat.length, 10_000);
  assert.equal(flat.find((r) => r.id === 'e5')?.v, 1);
  assert.equal(flat.at(-1)?.id, 'e5', 'an updated row moves to the end (most recently touched)');
});

test('messages from the webview are validated', () => {
  assert.deepEqual(parseFromView({ type: 'kill' }), { type: 'kill' });
  assert.equal(parseFromView({ type: 'approve', id: 'x' }), undefined, 'there is no approve verb');
  assert.equal(parseFromView({ type: 'allowRuleForSession', rule: 5 }), undefined);
  assert.equal(parseFromView('kill'), undefined);
  assert.deepEqual(parseFromView({ type: 'revokeSessionRule', rule: 'fs.x' }), { type: 'revokeSessionRule', rule: 'fs.x' });
});
