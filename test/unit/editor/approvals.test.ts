import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApprovalQueue, type Timers } from '../../../src/editor/approvals/queue';
import { dialogText, shortenMiddle } from '../../../src/editor/approvals/format';
import { SessionRules } from '../../../src/editor/approvals/sessionRules';
import type { ApprovalAnswer, ApprovalRequest } from '../../../src/gate/contract';
import type { Answer } from '../../../src/editor/activity/row';
import { request } from './fixtures';

/** Manual clock: timers fire only when the test advances time. */
function fakeTimers() {
  let now = 0;
  const pending = new Set<{ at: number; fn: () => void }>();
  const t: Timers & { advance(ms: number): void } = {
    now: () => now,
    setTimeout(fn, ms) {
      const h = { at: now + ms, fn };
      pending.add(h);
      return h;
    },
    clearTimeout(h) {
      pending.delete(h as { at: number; fn: () => void });
    },
    advance(ms) {
      now += ms;
      for (const h of [...pending].sort((a, b) => a.at - b.at)) {
        if (h.at <= now) {
          pending.delete(h);
          h.fn();
        }
      }
    },
  };
  return t;
}

/** A stand-in for the modal: each shown request waits until the test clicks. */
function fakeDialogs() {
  const shown: Array<{ req: ApprovalRequest; click(a: ApprovalAnswer): void }> = [];
  return {
    shown,
    present(req: ApprovalRequest) {
      return new Promise<ApprovalAnswer>((resolve) => shown.push({ req, click: resolve }));
    },
  };
}

const tick = () => new Promise((r) => setImmediate(r));

test('FIFO, one dialog at a time, each answered once', async () => {
  const timers = fakeTimers();
  const dialogs = fakeDialogs();
  const answers: Array<[string, Answer]> = [];
  const q = new ApprovalQueue({ present: dialogs.present, timers, onAnswered: (r, a) => answers.push([r.id, a]) });
  const reqs = [request(60_000), request(60_000), request(60_000)];
  const results = reqs.map((r) => q.ask(r, new AbortController().signal));
  assert.equal(dialogs.shown.length, 1);
  assert.deepEqual(q.waiting().map((w) => w.showing), [true, false, false]);
  dialogs.shown[0]!.click('allow');
  await tick();
  assert.equal(dialogs.shown.length, 2);
  assert.equal(dialogs.shown[1]!.req.id, reqs[1]!.id);
  dialogs.shown[1]!.click('deny');
  await tick();
  dialogs.shown[2]!.click('allow');
  assert.deepEqual(await Promise.all(results), ['allow', 'deny', 'allow']);
  assert.deepEqual(answers.map(([, a]) => a.by), ['person', 'cancel', 'person']);
  assert.equal(q.waiting().length, 0);
});

test('a withdrawn request is denied at once; its stale dialog click is ignored; the next waits for it to close', async () => {
  const timers = fakeTimers();
  const dialogs = fakeDialogs();
  const q = new ApprovalQueue({ present: dialogs.present, timers });
  const ac = new AbortController();
  const first = q.ask(request(60_000), ac.signal);
  const second = q.ask(request(60_000), new AbortController().signal);
  ac.abort();
  assert.equal(await first, 'deny');
  assert.equal(q.staleDialogShowing, true);
  assert.equal(dialogs.shown.length, 1, 'no second dialog stacked on the stale one');
  dialogs.shown[0]!.click('allow'); // the person clicks the stale dialog
  await tick();
  assert.equal(dialogs.shown.length, 2);
  dialogs.shown[1]!.click('allow');
  assert.equal(await second, 'allow');
});

test('the deadline denies, whether the request is on screen or still queued', async () => {
  const timers = fakeTimers();
  const dialogs = fakeDialogs();
  const answers: Answer[] = [];
  const q = new ApprovalQueue({ present: dialogs.present, timers, onAnswered: (_r, a) => answers.push(a) });
  const a = q.ask(request(1_000), new AbortController().signal);
  const b = q.ask(request(2_000), new AbortController().signal);
  timers.advance(2_500);
  assert.deepEqual(await Promise.all([a, b]), ['deny', 'deny']);
  assert.deepEqual(answers.map((x) => x.by), ['deadline', 'deadline']);
  dialogs.shown[0]!.click('allow');
  await tick();
  assert.equal(dialogs.shown.length, 1, 'a request answered by its deadline is never shown');
});

test('already aborted, already past deadline, or a dialog that fails: deny', async () => {
  const timers = fakeTimers();
  const ac = new AbortController();
  ac.abort();
  const q = new ApprovalQueue({ present: () => Promise.reject(new Error('no window')), timers });
  assert.equal(await q.ask(request(10), ac.signal), 'deny');
  timers.advance(20);
  assert.equal(await q.ask(request(10), new AbortController().signal), 'deny');
  assert.equal(await q.ask(request(60_000), new AbortController().signal), 'deny');
});

test('denyAll answers every waiting request (lockdown)', async () => {
  const timers = fakeTimers();
  const dialogs = fakeDialogs();
  const q = new ApprovalQueue({ present: dialogs.present, timers });
  const all = [1, 2, 3].map(() => q.ask(request(60_000), new AbortController().signal));
  q.denyAll('lockdown');
  assert.deepEqual(await Promise.all(all), ['deny', 'deny', 'deny']);
  dialogs.shown[0]!.click('allow');
  await tick();
  assert.equal(dialogs.shown.length, 1);
});

test('a thousand concurrent asks are all answered, none twice', async () => {
  const timers = fakeTimers();
  let shown = 0;
  const answered = new Map<string, number>();
  const q = new ApprovalQueue({
    present: async () => (shown++ % 2 ? 'allow' : 'deny'),
    timers,
    onAnswered: (r) => answered.set(r.id, (answered.get(r.id) ?? 0) + 1),
  });
  const controllers = Array.from({ length: 1000 }, () => new AbortController());
  const results = controllers.map((c) => q.ask(request(60_000), c.signal));
  controllers.forEach((c, i) => i % 7 === 0 && c.abort());
  const out = await Promise.all(results);
  assert.equal(out.length, 1000);
  assert.equal(answered.size, 1000);
  assert.ok([...answered.values()].every((n) => n === 1));
});

test('session rules: only for ask, never production, revocable', () => {
  const rules = new SessionRules();
  const r = request(1, {}, { rules: ['git.force-push'] });
  assert.equal(rules.answer(r, 0), undefined);
  rules.allow('git.force-push', 0);
  assert.equal(rules.answer(r, 0)?.answer, 'allow');
  assert.equal(rules.answer(request(1, {}, { rules: ['git.force-push'], environment: 'production' }), 0), undefined);
  assert.equal(rules.answer(request(1, {}, { rules: ['git.force-push'], decision: 'deny' }), 0), undefined);
  assert.equal(rules.answer(request(1, {}, { rules: ['git.force-push', 'fs.recursive-delete'] }), 0), undefined);
  assert.equal(rules.list()[0]?.allowedCount, 1);
  assert.equal(rules.revoke('git.force-push'), true);
  assert.equal(rules.answer(r, 0), undefined);
});

test('dialog text names agent, command, rule, reason, target; production is loud; long commands keep both ends', () => {
  const long = `psql -c "DELETE FROM users" ${'x'.repeat(1000)} --host prod-db.internal`;
  const req = request(30_000, { agent: 'cursor', action: { kind: 'shell', command: long, cwd: '/srv' } }, { environment: 'production', target: 'prod-db.internal', rules: ['sql.delete-without-where'], reason: 'Deletes every row.' });
  const t = dialogText(req, 0);
  assert.match(t.title, /PRODUCTION.*Cursor wants to run a command/);
  assert.match(t.detail, /psql -c "DELETE FROM users"/);
  assert.match(t.detail, /--host prod-db\.internal/);
  assert.match(t.detail, / … /);
  assert.match(t.detail, /sql\.delete-without-where/);
  assert.match(t.detail, /Deletes every row/);
  assert.match(t.detail, /Target: prod-db\.internal/);
  assert.match(t.detail, /PRODUCTION/);
  assert.match(t.detail, /within 30s/);
  const local = dialogText(request(30_000), 0);
  assert.doesNotMatch(local.title, /PRODUCTION/);
  assert.equal(shortenMiddle('abc', 10), 'abc');
  for (const n of [50, 400, 401]) assert.ok(shortenMiddle('y'.repeat(5000), n).length <= n);
});
