import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import type { AgentAction, Verdict } from '../../../src/core/action';
import { requestDecision, sendLine, sendReport, pingGate } from '../../../src/gate/client';
import type { ApprovalRequest, ApprovalUi, GateEvent } from '../../../src/gate/contract';
import { engageLockdown, isLockdownEngaged, releaseLockdown } from '../../../src/gate/lockdown';
import { readWindowEntries, writeWindowEntry, windowsFor } from '../../../src/gate/registry';
import { GateServer } from '../../../src/gate/server';
import { trustFilesOnly } from '../../../src/gate/trust';
import { ensurePrivateDir, UnsafeStateDirError } from '../../../src/gate/state_dir';

function tempRoot(): string {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'alg-'));
  return path.join(base, 'state');
}

function classify(a: AgentAction): Verdict {
  const text = a.kind === 'shell' ? a.command : a.kind === 'read' ? a.path : '';
  if (text.includes('rm -rf')) return { decision: 'ask', rules: ['fs.recursive-delete'], reason: 'Deletes a directory tree.', severity: 'high', environment: 'local' };
  if (text.includes('.env')) return { decision: 'deny', rules: ['secrets.read-protected'], reason: 'Reads a secret file.', severity: 'high', environment: 'unknown' };
  return { decision: 'allow', rules: [], reason: 'No rule matched.', severity: 'none', environment: 'unknown' };
}

class ScriptedUi implements ApprovalUi {
  asked: ApprovalRequest[] = [];
  constructor(private readonly answer: 'allow' | 'deny' | 'never' | 'ignore-abort') {}
  ask(req: ApprovalRequest, signal: AbortSignal): Promise<'allow' | 'deny'> {
    this.asked.push(req);
    if (this.answer === 'allow' || this.answer === 'deny') return Promise.resolve(this.answer);
    if (this.answer === 'ignore-abort') return new Promise(() => {});
    return new Promise((resolve) => signal.addEventListener('abort', () => resolve('deny')));
  }
}

async function startGate(root: string, roots: string[], ui: ApprovalUi, events: GateEvent[] = [], extra: Partial<ConstructorParameters<typeof GateServer>[0]> = {}) {
  const gate = new GateServer({ root, workspaceRoots: roots, classify, ui, listener: { onEvent: (e) => events.push(e) }, marginMs: 50, ...extra });
  await gate.start();
  return gate;
}

const shell = (command: string, cwd = '/w/app'): AgentAction => ({ kind: 'shell', command, cwd });

test('state dir: created 0700; refused when group/world-writable', () => {
  const root = tempRoot();
  ensurePrivateDir(root);
  assert.equal(fs.statSync(root).mode & 0o777, 0o700);
  fs.chmodSync(root, 0o777);
  assert.throws(() => ensurePrivateDir(root), UnsafeStateDirError);
  fs.chmodSync(root, 0o700);
});

test('gate: benign allowed with an event, denied by policy, token file is 0600, socket is 0600', async () => {
  const root = tempRoot();
  const events: GateEvent[] = [];
  const gate = await startGate(root, ['/w/app'], new ScriptedUi('deny'), events);
  try {
    assert.equal(fs.statSync(gate.tokenFile).mode & 0o777, 0o600);
    assert.equal(fs.statSync(gate.socketPath).mode & 0o777, 0o600);
    const target = { root, trust: trustFilesOnly, cwd: '/w/app/src', deadline: Date.now() + 5000 };
    const ok = await requestDecision(target, 'claude', 'PreToolUse', [shell('git status')]);
    assert.equal(ok?.decision, 'allow');
    const no = await requestDecision(target, 'claude', 'PreToolUse', [{ kind: 'read', path: '/w/app/.env' }]);
    assert.equal(no?.decision, 'deny');
    assert.match(no!.reason, /secret file/);
    assert.deepEqual(events.map((e) => [e.outcome, e.decidedBy, e.agent]), [['allowed', 'policy', 'claude'], ['blocked', 'policy', 'claude']]);
    assert.equal(events[0]!.workspaceRoot, '/w/app');
  } finally {
    await gate.close();
  }
  assert.equal(readWindowEntries(root).length, 0, 'close removes the registry entry');
});

test('gate: ask goes to the person; "Allow once" allows, cancel blocks; events show pending then final', async () => {
  const root = tempRoot();
  for (const [answer, expected, outcome] of [['allow', 'allow', 'approved'], ['deny', 'deny', 'blocked']] as const) {
    const events: GateEvent[] = [];
    const ui = new ScriptedUi(answer);
    const gate = await startGate(root, ['/w/app'], ui, events);
    try {
      const d = await requestDecision({ root, trust: trustFilesOnly, cwd: '/w/app', deadline: Date.now() + 5000 }, 'cursor', 'beforeShellExecution', [shell('rm -rf src')]);
      assert.equal(d?.decision, expected);
      assert.equal(ui.asked.length, 1);
      assert.ok(ui.asked[0]!.event.action.kind === 'shell' && ui.asked[0]!.event.action.command === 'rm -rf src');
      assert.deepEqual(events.map((e) => e.outcome), ['pending', outcome]);
      assert.equal(events[0]!.id, events[1]!.id, 'the update carries the same id');
      assert.equal(events[1]!.decidedBy, 'person');
    } finally {
      await gate.close();
    }
  }
});

test('gate: a pending ask is answered "deny" when its deadline passes, even if the UI never resolves', async () => {
  const root = tempRoot();
  for (const mode of ['never', 'ignore-abort'] as const) {
    const events: GateEvent[] = [];
    const gate = await startGate(root, ['/w/app'], new ScriptedUi(mode), events);
    try {
      const t0 = Date.now();
      const d = await requestDecision({ root, trust: trustFilesOnly, cwd: '/w/app', deadline: Date.now() + 400 }, 'claude', 'PreToolUse', [shell('rm -rf src')]);
      assert.equal(d?.decision, 'deny', mode);
      assert.match(d!.reason, /in time/);
      assert.equal(d!.decidedBy, 'deadline');
      assert.ok(Date.now() - t0 < 2000);
      assert.deepEqual(events.map((e) => [e.outcome, e.decidedBy]), [['pending', 'none'], ['blocked', 'deadline']]);
      assert.equal(gate.pendingCount, 0);
    } finally {
      await gate.close();
    }
  }
});

test('gate: a request without the right token is refused and decides nothing', async () => {
  const root = tempRoot();
  const events: GateEvent[] = [];
  const ui = new ScriptedUi('allow');
  const gate = await startGate(root, ['/w/app'], ui, events);
  try {
    const res = await sendLine(gate.socketPath, { v: 1, id: 'x1', token: 'not-the-token', type: 'decide', agent: 'claude', event: 'PreToolUse', actions: [shell('rm -rf src')], deadline: Date.now() + 5000 }, Date.now() + 2000);
    assert.equal(res.ok, false);
    assert.ok(!res.ok && /wrong token/.test(res.error));
    const noToken = await sendLine(gate.socketPath, { v: 1, id: 'x2', type: 'decide', agent: 'claude', event: 'PreToolUse', actions: [shell('ls')], deadline: Date.now() + 5000 }, Date.now() + 2000);
    assert.equal(noToken.ok, false);
    const approve = await sendLine(gate.socketPath, { v: 1, id: 'x3', token: fs.readFileSync(gate.tokenFile, 'utf8'), type: 'approve', requestId: 'x1' }, Date.now() + 2000);
    assert.equal(approve.ok, false, 'there is no approve verb');
    assert.equal(ui.asked.length, 0);
    assert.equal(events.length, 0);
  } finally {
    await gate.close();
  }
});

test('gate: 50 concurrent requests are all answered', async () => {
  const root = tempRoot();
  const events: GateEvent[] = [];
  const gate = await startGate(root, ['/w/app'], new ScriptedUi('deny'), events);
  try {
    const target = { root, trust: trustFilesOnly, cwd: '/w/app', deadline: Date.now() + 10_000 };
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) => requestDecision(target, 'cursor', 'beforeShellExecution', [shell(i % 2 ? `echo ${i}` : `rm -rf build${i}`)])),
    );
    assert.equal(answers.filter(Boolean).length, 50);
    assert.equal(answers.filter((a) => a!.decision === 'allow').length, 25);
    assert.equal(answers.filter((a) => a!.decision === 'deny').length, 25);
  } finally {
    await gate.close();
  }
});

test('gate: lockdown blocks everything without asking', async () => {
  const root = tempRoot();
  const ui = new ScriptedUi('allow');
  const events: GateEvent[] = [];
  const gate = await startGate(root, ['/w/app'], ui, events);
  try {
    engageLockdown('test', 'kill switch', root);
    assert.ok(isLockdownEngaged(root));
    const d = await requestDecision({ root, trust: trustFilesOnly, cwd: '/w/app', deadline: Date.now() + 5000 }, 'claude', 'PreToolUse', [shell('git status')]);
    assert.equal(d?.decision, 'deny');
    assert.equal(d?.decidedBy, 'lockdown');
    assert.equal(ui.asked.length, 0);
    releaseLockdown(root);
    assert.ok(!isLockdownEngaged(root));
    assert.equal((await requestDecision({ root, trust: trustFilesOnly, cwd: '/w/app', deadline: Date.now() + 5000 }, 'claude', 'PreToolUse', [shell('git status')]))?.decision, 'allow');
  } finally {
    releaseLockdown(root);
    await gate.close();
  }
});

test('registry: longest workspace root wins; dead pids and refusing sockets are skipped and cleaned', async () => {
  const root = tempRoot();
  const outerEvents: GateEvent[] = [];
  const innerEvents: GateEvent[] = [];
  const outer = await startGate(root, ['/w'], new ScriptedUi('deny'), outerEvents);
  const inner = await startGate(root, ['/w/app'], new ScriptedUi('deny'), innerEvents);
  try {
    await requestDecision({ root, trust: trustFilesOnly, cwd: '/w/app/src', deadline: Date.now() + 5000 }, 'claude', 'PreToolUse', [shell('ls')]);
    await requestDecision({ root, trust: trustFilesOnly, cwd: '/w/other', deadline: Date.now() + 5000 }, 'claude', 'PreToolUse', [shell('ls')]);
    assert.equal(innerEvents.length, 1);
    assert.equal(outerEvents.length, 1);
    // A window whose process is gone, and one whose socket refuses, both claiming a longer root.
    const dead = spawnSync(process.execPath, ['-e', '0']).pid;
    writeWindowEntry(root, { v: 1, id: 'dead', pid: dead, socket: path.join(root, 's', 'dead.sock'), workspaceRoots: ['/w/app/src'], tokenFile: inner.tokenFile, startedAt: Date.now() });
    writeWindowEntry(root, { v: 1, id: 'gone', pid: process.pid, socket: path.join(root, 's', 'gone.sock'), workspaceRoots: ['/w/app/src'], tokenFile: inner.tokenFile, startedAt: Date.now() });
    const d = await requestDecision({ root, trust: trustFilesOnly, cwd: '/w/app/src', deadline: Date.now() + 5000 }, 'claude', 'PreToolUse', [shell('ls')]);
    assert.equal(d?.decision, 'allow');
    assert.equal(innerEvents.length, 2, 'the live window answered');
    const ids = readWindowEntries(root).map((e) => e.id).sort();
    assert.deepEqual(ids, [inner.id, outer.id].sort(), 'stale entries were removed');
    assert.equal(windowsFor(root, '/elsewhere').length, 0);
    assert.equal(await requestDecision({ root, trust: trustFilesOnly, cwd: '/elsewhere', deadline: Date.now() + 1000 }, 'claude', 'PreToolUse', [shell('ls')]), undefined);
  } finally {
    await outer.close();
    await inner.close();
  }
});

test('reports become post events with exit code and duration; ping answers without deciding', async () => {
  const root = tempRoot();
  const events: GateEvent[] = [];
  const gate = await startGate(root, ['/w/app'], new ScriptedUi('deny'), events);
  try {
    const target = { root, trust: trustFilesOnly, cwd: '/w/app', deadline: Date.now() + 5000 };
    assert.ok(await sendReport(target, 'claude', 'PostToolUse', [shell('npm test')], { phase: 'post', exitCode: 1, durationMs: 1200 }));
    assert.equal(events.length, 1);
    assert.equal(events[0]!.phase, 'post');
    assert.equal(events[0]!.outcome, 'observed');
    assert.equal(events[0]!.exitCode, 1);
    assert.equal(events[0]!.durationMs, 1200);
    const ping = await pingGate(target);
    assert.ok(ping.ok);
    assert.equal(events.length, 1);
  } finally {
    await gate.close();
  }
});

test('gate: a classifier that throws blocks instead of allowing', async () => {
  const root = tempRoot();
  const gate = await startGate(root, ['/w/app'], new ScriptedUi('allow'), [], {
    classify: () => {
      throw new Error('boom');
    },
  });
  try {
    const d = await requestDecision({ root, trust: trustFilesOnly, cwd: '/w/app', deadline: Date.now() + 5000 }, 'claude', 'PreToolUse', [shell('ls')]);
    assert.equal(d?.decision, 'deny');
  } finally {
    await gate.close();
  }
});

test('a frozen editor (accepts the connection, never answers) counts as no answer within the ack time, not the deadline', async () => {
  const root = tempRoot();
  ensurePrivateDir(path.join(root, 'windows'));
  const sock = path.join(root, 'frozen.sock');
  const held: net.Socket[] = [];
  const frozen = net.createServer((c) => held.push(c)); // reads nothing, writes nothing
  await new Promise<void>((r) => frozen.listen(sock, r));
  const tokenFile = path.join(root, 'windows', 'frozen.token');
  fs.writeFileSync(tokenFile, 'secret-token', { mode: 0o600 });
  writeWindowEntry(root, { v: 1, id: 'frozen', pid: process.pid, socket: sock, workspaceRoots: ['/w/app'], tokenFile, startedAt: Date.now() });
  try {
    const t0 = Date.now();
    const d = await requestDecision({ root, trust: trustFilesOnly, cwd: '/w/app', deadline: Date.now() + 60_000 }, 'claude', 'PreToolUse', [shell('rm -rf src')]);
    assert.equal(d, undefined, 'no answer: the hook then decides offline (flagged: blocked)');
    assert.ok(Date.now() - t0 < 5000, `gave up after ${Date.now() - t0} ms`);
  } finally {
    for (const c of held) c.destroy();
    await new Promise<void>((r) => frozen.close(() => r()));
  }
});
