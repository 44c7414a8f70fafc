// Load: 500 concurrent decide calls (the hook's own client code) plus real hook processes against
// one gate, while a modal holds the first question open. Every call is answered before its deadline
// with the expected decision, benign calls are not held up behind the modal, and every event reaches
// the real audit log writer exactly once per state, with a hash chain that verifies.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { AgentAction } from '../../src/core/action';
import { classify } from '../../src/core/classify';
import { AuditLog, verifyAuditLog, type AuditEntry } from '../../src/gate/audit';
import { spawn } from 'node:child_process';
import { requestDecision } from '../../src/gate/client';
import type { GateDecision } from '../../src/gate/protocol';
import type { ApprovalRequest, ApprovalUi, GateEvent } from '../../src/gate/contract';
import { GateServer } from '../../src/gate/server';
import { trustFilesOnly } from '../../src/gate/trust';
import { loadShellParser } from '../../src/host/shell_wasm';
import { cpuLoad } from './lib/cpu_load';
import { agentShape, describe, freshHome, isAllowed, isBlocked, runHook, until } from './lib/hook';

/**
 * Like the editor's modal: one question on screen at a time, the rest wait in line. The first one
 * stays open until the test lets the person cancel it; after that the "person" answers each in turn,
 * alternating Allow once / Cancel.
 */
class ModalQueue implements ApprovalUi {
  private queue: Array<{ req: ApprovalRequest; signal: AbortSignal; resolve: (a: 'allow' | 'deny') => void }> = [];
  private showing = false;
  shown = 0;
  heldId: string | undefined;
  heldClosedAt = 0;
  /** The person finally answers the first question (Cancel). */
  releaseHeld: () => void = () => undefined;

  ask(req: ApprovalRequest, signal: AbortSignal): Promise<'allow' | 'deny'> {
    return new Promise((resolve) => {
      const item = { req, signal, resolve };
      signal.addEventListener('abort', () => {
        this.queue = this.queue.filter((q) => q !== item);
        resolve('deny');
      }, { once: true });
      this.queue.push(item);
      this.next();
    });
  }

  private next(): void {
    if (this.showing) return;
    const item = this.queue.shift();
    if (!item) return;
    this.showing = true;
    const n = this.shown++;
    const done = (a: 'allow' | 'deny'): void => {
      item.resolve(a);
      this.showing = false;
      setImmediate(() => this.next());
    };
    if (n === 0) {
      this.heldId = item.req.id;
      this.releaseHeld = () => done('deny');
      item.signal.addEventListener('abort', () => {
        this.heldClosedAt = Date.now();
        done('deny');
      }, { once: true });
      return;
    }
    if (item.signal.aborted) return done('deny');
    setImmediate(() => done(n % 2 === 1 ? 'allow' : 'deny'));
  }
}

type Answer = { d: GateDecision | undefined; at: number };

/** Sends every call at once from another process (fixtures/decide_client.ts) and returns the answers in order. */
async function decideFromChild(root: string, calls: Array<{ agent: string; event: string; action: AgentAction; deadline: number }>): Promise<Answer[]> {
  const spec = path.join(path.dirname(root), `calls-${process.pid}-${Date.now()}.json`);
  fs.writeFileSync(spec, JSON.stringify({ root, calls }));
  const child = spawn(process.execPath, [path.join(__dirname, 'fixtures', 'decide_client.js'), spec], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (out += d));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  assert.equal(code, 0, `decide client exited ${code}`);
  return (JSON.parse(out) as Array<{ d: GateDecision | null; at: number }>).map((r) => ({ d: r.d ?? undefined, at: r.at }));
}

test('under background CPU load (two busy processes per core): 500 concurrent calls against one gate with a modal open, 12 hook processes alongside: all answered in time, audit complete and verifiable', async () => {
  await loadShellParser();
  const load = cpuLoad();
  const env = freshHome();
  const root = path.join(env.home, '.airlock');
  const auditFile = path.join(env.home, 'audit', 'audit.jsonl');
  const audit = new AuditLog({ file: auditFile });
  const emitted: GateEvent[] = [];
  const ui = new ModalQueue();
  const gate = new GateServer({
    root,
    workspaceRoots: [env.cwd],
    classify: (a) => classify(a, { home: env.home, ...(a.cwd ? { cwd: a.cwd } : {}) }),
    ui,
    listener: {
      onEvent: (e) => {
        emitted.push(e);
        void audit.appendEvent(e);
      },
    },
    // The gate's default: answer 1.5 s before the hook's deadline.
    marginMs: 1500,
  });
  await gate.start();
  const lag = monitorEventLoopDelay({ resolution: 10 });
  lag.enable();
  try {
    const start = Date.now();
    type Kind = 'benign' | 'deny' | 'ask' | 'held';
    const calls: Array<{ kind: Kind; action: AgentAction; deadline: number }> = [];
    for (let i = 0; i < 500; i++) {
      const k = i % 5;
      // The first question is held on screen until every policy answer is out: they must not wait for it.
      if (i === 2) calls.push({ kind: 'held', action: { kind: 'shell', command: 'rm -rf src', cwd: env.cwd }, deadline: start + 180_000 });
      else if (k === 2) calls.push({ kind: 'ask', action: { kind: 'shell', command: `rm -rf data${i}`, cwd: env.cwd }, deadline: start + 180_000 });
      else if (k === 4) calls.push({ kind: 'deny', action: { kind: 'write', path: path.join(env.cwd, '.cursor/hooks.json'), cwd: env.cwd }, deadline: start + 180_000 });
      else calls.push({ kind: 'benign', action: { kind: 'shell', command: `git log -n ${i}`, cwd: env.cwd }, deadline: start + 180_000 });
    }
    // The held question must be the first one the modal shows.
    const held = requestDecision({ root, trust: trustFilesOnly, cwd: env.cwd, deadline: calls[2]!.deadline }, 'claude', 'PreToolUse', [calls[2]!.action]).then((d) => ({ d, at: Date.now() }));
    await until(() => ui.heldId !== undefined, 5000, 'the modal to show the first question');
    // The other 499 from another process, as hooks are: all sent at once.
    const others = decideFromChild(root, calls.map((c) => ({ agent: 'cursor', event: 'beforeShellExecution', action: c.action, deadline: c.deadline })).filter((_, i) => i !== 2));
    const answered = others.then((rs) => [...rs.slice(0, 2), null, ...rs.slice(2)]);
    // Real hook processes in the same burst: benign ones pass, flagged ones wait their turn at the modal.
    const claude = agentShape('claude');
    const hooks = Array.from({ length: 12 }, (_, i) =>
      runHook('claude', { env, input: JSON.stringify(claude.shell(i % 2 ? `ls -la src${i}` : `rm -rf build-data${i}`, env.cwd)), timeoutMs: 60_000 }),
    );
    // Judged where it is decided (the gate's own events), not by the clock: with the question still on
    // screen, every call the policy answers alone (400) is answered.
    const policyDecided = () => emitted.filter((e) => e.decidedBy === 'policy' && (e.action.kind !== 'shell' || !e.action.command.startsWith('rm ')));
    await until(() => policyDecided().length === 400, 150_000, 'the 400 policy answers');
    assert.equal(emitted.filter((e) => e.id === ui.heldId && e.outcome !== 'pending').length, 0, 'the held question is still open');
    ui.releaseHeld();
    const results = (await answered).map((r, i) => (i === 2 ? undefined : r));
    results[2] = await held;
    const hookRuns = await Promise.all(hooks);

    let allowedByPerson = 0;
    results.forEach((r0, i) => {
      const r = r0!;
      const c = calls[i]!;
      assert.ok(r.d, `call ${i} (${c.kind}) got no answer`);
      assert.ok(r.at < c.deadline, `call ${i} (${c.kind}) answered ${r.at - c.deadline} ms after its deadline`);
      if (c.kind === 'benign') assert.equal(r.d!.decision, 'allow', `call ${i}`);
      if (c.kind === 'deny') assert.deepEqual([r.d!.decision, r.d!.decidedBy], ['deny', 'policy'], `call ${i}`);
      if (c.kind === 'held') assert.deepEqual([r.d!.decision, r.d!.decidedBy], ['deny', 'person']);
      if (c.kind === 'ask') {
        assert.equal(r.d!.decidedBy, 'person', `call ${i}: ${r.d!.reason}`);
        if (r.d!.decision === 'allow') allowedByPerson++;
      }
    });
    assert.ok(allowedByPerson > 0 && allowedByPerson < 99, `the person allowed ${allowedByPerson} of 99`);
    // The modal did not hold up anything the policy could answer on its own.
    assert.equal(policyDecided().length, 400, 'every benign and policy-denied call was decided by policy, once');
    hookRuns.forEach((r, i) => {
      if (i % 2) assert.ok(isAllowed('claude', r), `hook ${i}: ${describe(r)}`);
      else assert.ok(r.code === 0 || isBlocked('claude', r), `hook ${i}: ${describe(r)}`);
      assert.ok(r.code === 0 || r.code === 2, `hook ${i}: ${describe(r)}`);
    });

    // Audit: every emitted event, once, in order, chain intact.
    await audit.flush();
    const text = fs.readFileSync(auditFile, 'utf8');
    const report = verifyAuditLog(text, JSON.parse(fs.readFileSync(`${auditFile}.head`, 'utf8')));
    assert.equal(report.ok, true, JSON.stringify(report.broken));
    assert.equal(report.tornTail, undefined);
    const entries = text.trimEnd().split('\n').map((l) => JSON.parse(l) as AuditEntry);
    assert.equal(entries.length, emitted.length, 'one audit entry per event');
    const keys = entries.map((e) => `${String(e.data['id'])}/${String(e.data['outcome'])}`);
    assert.equal(new Set(keys).size, keys.length, 'no event state logged twice');
    assert.deepEqual(keys, emitted.map((e) => `${e.id}/${e.outcome}`), 'same events, same order');
    const finals = emitted.filter((e) => e.outcome !== 'pending');
    // The hook processes decide offline: this gate runs in the test process, which is not an editor's
    // extension host, so they do not believe it (trust.test.ts covers hooks against a believable gate).
    assert.equal(finals.length, 500, 'one final event per call');
    lag.disable();
    const maxLagMs = lag.max / 1e6;
    console.log(`# 500 calls in ${Date.now() - start} ms; event loop max delay ${maxLagMs.toFixed(0)} ms; ${entries.length} audit entries`);
    // The editor's UI shares this loop: only to catch the gate monopolising it (it works in slices of a few ms);
    // under the background load the machine itself accounts for seconds of delay.
    assert.ok(maxLagMs < 10_000, `event loop blocked for ${maxLagMs.toFixed(0)} ms`);
  } finally {
    lag.disable();
    await gate.close();
    await load.stop();
  }
});

test('under background CPU load: a burst of 1500 calls at once is answered in full, before the deadline', async () => {
  const env = freshHome();
  const load = cpuLoad();
  const root = path.join(env.home, '.airlock');
  const gate = new GateServer({
    root,
    workspaceRoots: [env.cwd],
    classify: () => ({ decision: 'allow', rules: [], reason: 'No rule matched.', severity: 'none', environment: 'unknown' }),
    ui: { ask: () => Promise.resolve('deny') },
    listener: { onEvent: () => undefined },
  });
  await gate.start();
  try {
    const deadline = Date.now() + 30_000;
    const answers = await decideFromChild(root, Array.from({ length: 1500 }, (_, i) => ({ agent: 'codex', event: 'PreToolUse', action: { kind: 'shell', command: `echo ${i}`, cwd: env.cwd }, deadline })));
    assert.equal(answers.filter((a) => a.d?.decision === 'allow').length, 1500);
    assert.ok(answers.every((a) => a.at < deadline));
  } finally {
    await gate.close();
    await load.stop();
  }
});
