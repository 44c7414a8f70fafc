import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PassThrough, Readable, Writable } from 'node:stream';
import type { AgentAction, Verdict } from '../../../src/core/action';
import type { ApprovalUi, GateEvent } from '../../../src/gate/contract';
import { GateServer } from '../../../src/gate/server';
import { trustFilesOnly } from '../../../src/gate/trust';
import { runHook, type HookDeps } from '../../../src/hook/main';
import { readStdin } from '../../../src/hook/read_stdin';

function io(input: string | Buffer) {
  const out: string[] = [];
  const err: string[] = [];
  const sink = (arr: string[]) => new Writable({ write: (c, _e, cb) => (arr.push(String(c)), cb()) });
  return { io: { stdin: Readable.from([Buffer.from(input)]), stdout: sink(out), stderr: sink(err) }, out, err };
}

function classify(a: AgentAction): Verdict {
  if (a.kind === 'shell' && a.command.startsWith('rm -rf')) return { decision: 'ask', rules: ['fs.recursive-delete'], reason: 'Deletes a directory tree.', severity: 'high', environment: 'local' };
  return { decision: 'allow', rules: [], reason: 'No rule matched.', severity: 'none', environment: 'unknown' };
}

const offlineAsk: HookDeps['decideOffline'] = async (actions) =>
  actions.map(() => ({ decision: 'ask', rules: ['fs.recursive-delete'], reason: 'Deletes a directory tree.', severity: 'high', environment: 'local' }) as Verdict);

/** The hook's own rules, as the stub gate's: they agree on what is flagged. */
const offlineLike: HookDeps['decideOffline'] = async (actions) => actions.map(classify);

function tempState(): { root: string; ws: string } {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'alm-'));
  const ws = path.join(base, 'ws');
  fs.mkdirSync(ws);
  return { root: path.join(base, 'state'), ws };
}

const claudeBash = (command: string, cwd: string) => JSON.stringify({ hook_event_name: 'PreToolUse', session_id: 's', cwd, tool_name: 'Bash', tool_input: { command } });

async function withGate(answer: 'allow' | 'deny', fn: (ctx: { root: string; ws: string; events: GateEvent[]; asked: number[] }) => Promise<void>): Promise<void> {
  const { root, ws } = tempState();
  const events: GateEvent[] = [];
  const asked: number[] = [];
  const ui: ApprovalUi = { ask: async () => (asked.push(1), answer) };
  const gate = new GateServer({ root, workspaceRoots: [ws], classify, ui, listener: { onEvent: (e) => events.push(e) } });
  await gate.start();
  try {
    await fn({ root, ws, events, asked });
  } finally {
    await gate.close();
  }
}

test('with an editor: benign actions are allowed by the gate and show up as events', async () => {
  await withGate('deny', async ({ root, ws, events }) => {
    const t = io(claudeBash('git status', ws));
    const code = await runHook({ agent: 'claude' }, t.io, { root, trust: trustFilesOnly, decideOffline: offlineLike });
    assert.equal(code, 0);
    assert.equal(t.out.join(''), '{}\n', 'policy-allowed: no explicit allow, Claude keeps its own prompts');
    assert.deepEqual(events.map((e) => [e.agent, e.phase, e.outcome]), [['claude', 'pre', 'allowed']]);
    assert.ok(events[0]!.action.kind === 'shell' && events[0]!.action.cwd === ws);
  });
});

test('with an editor: a flagged action asks the person; "Allow once" lets it through, cancel blocks', async () => {
  await withGate('allow', async ({ root, ws, asked }) => {
    const t = io(claudeBash('rm -rf src', ws));
    assert.equal(await runHook({ agent: 'claude' }, t.io, { root, trust: trustFilesOnly, decideOffline: offlineAsk }), 0);
    assert.equal(asked.length, 1);
    const out = JSON.parse(t.out.join(''));
    assert.equal(out.hookSpecificOutput.permissionDecision, 'allow', "the person's consent is passed on, so Claude does not ask twice");
  });
  await withGate('deny', async ({ root, ws, events }) => {
    const t = io(claudeBash('rm -rf src', ws));
    assert.equal(await runHook({ agent: 'claude' }, t.io, { root, trust: trustFilesOnly, decideOffline: offlineAsk }), 2);
    assert.match(t.err.join(''), /declined/);
    assert.deepEqual(events.map((e) => e.outcome), ['pending', 'blocked']);
  });
});

test('post events are reported to the gate with exit code; the agent is not blocked', async () => {
  await withGate('deny', async ({ root, ws, events }) => {
    const payload = JSON.stringify({ hook_event_name: 'PostToolUse', cwd: ws, tool_name: 'Bash', tool_input: { command: 'npm test' }, tool_response: { exit_code: 3 } });
    const t = io(payload);
    assert.equal(await runHook({ agent: 'codex' }, t.io, { root, trust: trustFilesOnly }), 0);
    assert.equal(events.length, 1);
    assert.equal(events[0]!.phase, 'post');
    assert.equal(events[0]!.exitCode, 3);
    assert.equal(events[0]!.agent, 'codex');
  });
});

test('no editor: flagged is blocked with "open the workspace" advice, benign is allowed', async () => {
  const { root, ws } = tempState();
  const t = io(claudeBash('rm -rf src', ws));
  assert.equal(await runHook({ agent: 'claude' }, t.io, { root, trust: trustFilesOnly, decideOffline: offlineAsk }), 2);
  assert.match(t.err.join(''), /Open this workspace in the editor to approve it/);
  const allow: HookDeps['decideOffline'] = async (actions) => actions.map(() => ({ decision: 'allow', rules: [], reason: 'ok', severity: 'none', environment: 'unknown' }) as Verdict);
  const b = io(JSON.stringify({ hook_event_name: 'beforeShellExecution', command: 'ls', cwd: ws, workspace_roots: [ws] }));
  assert.equal(await runHook({ agent: 'cursor' }, b.io, { root, trust: trustFilesOnly, decideOffline: allow }), 0);
});

test('a state dir writable by others is not trusted: the gate there is not asked', async () => {
  await withGate('allow', async ({ root, ws, asked }) => {
    fs.chmodSync(root, 0o777);
    try {
      const t = io(claudeBash('rm -rf src', ws));
      assert.equal(await runHook({ agent: 'claude' }, t.io, { root, trust: trustFilesOnly, decideOffline: offlineAsk }), 2);
      assert.equal(asked.length, 0, 'a socket in an untrusted dir could be anyone');
    } finally {
      fs.chmodSync(root, 0o700);
    }
  });
});

test('oversized payloads and unknown agents are refused with a reason', async () => {
  const { root } = tempState();
  const big = io(Buffer.alloc(8 * 1024 * 1024 + 10, 0x20));
  assert.equal(await runHook({ agent: 'cursor' }, big.io, { root }), 2);
  assert.match(big.err.join(''), /larger than 8 MB/);
  const unknown = io('{}');
  assert.equal(await runHook({ agent: 'aider' }, unknown.io, { root }), 2);
  assert.match(unknown.err.join(''), /unknown agent/);
});

test('a payload that never ends is refused when the read deadline passes', async () => {
  const never = new PassThrough();
  never.write('{"hook_event_name":');
  const r = await readStdin(never, 1024, 50);
  assert.equal(r.ok, false);
  assert.ok(!r.ok && /within/.test(r.error));
});

/** A gate that answers whatever it is told to: what a process imitating the editor would do. */
async function withForgedGate(answer: object, fn: (ctx: { root: string; ws: string }) => Promise<void>): Promise<void> {
  const { root, ws } = tempState();
  const gate = new GateServer({ root, workspaceRoots: [ws], classify, ui: { ask: async () => 'deny' }, listener: { onEvent: () => undefined } });
  await gate.start();
  // Same socket, same token, but every decide is answered with `answer`.
  const server = (gate as unknown as { server: import('node:net').Server }).server;
  server.removeAllListeners('connection');
  server.on('connection', (sock) => {
    sock.setEncoding('utf8');
    sock.on('data', (d: string) => {
      const req = JSON.parse(d.split('\n')[0]!) as { id: string };
      sock.write(`${JSON.stringify({ v: 1, id: req.id, ack: true })}\n${JSON.stringify({ v: 1, id: req.id, ok: true, ...answer })}\n`);
    });
  });
  try {
    await fn({ root, ws });
  } finally {
    await gate.close();
  }
}

test("the hook's own rules are the floor: a gate's policy allow for a flagged action is blocked; only a person's approval passes", async () => {
  await withForgedGate({ decision: 'allow', reason: 'fine', rules: [], decidedBy: 'policy' }, async ({ root, ws }) => {
    for (const agent of ['claude', 'codex', 'copilot'] as const) {
      const t = io(claudeBash('rm -rf src', ws));
      const code = await runHook({ agent }, t.io, { root, trust: trustFilesOnly, decideOffline: offlineLike });
      // This payload shape under the copilot agent is the Copilot CLI, whose deny is JSON on exit 0 (exit 2 hides the reason).
      if (agent === 'copilot') assert.ok(code === 0 && JSON.parse(t.out.join('')).permissionDecision === 'deny', agent);
      else assert.equal(code, 2, agent);
      assert.match(t.err.join(''), /without a person's approval/);
      assert.doesNotMatch(t.out.join(''), /"allow"/, `${agent}: no explicit allow`);
      const benign = io(claudeBash('git status', ws));
      assert.equal(await runHook({ agent }, benign.io, { root, trust: trustFilesOnly, decideOffline: offlineLike }), 0, agent);
      assert.doesNotMatch(benign.out.join(''), /"allow"/, `${agent}: benign gets no opinion, the agent's own prompts apply`);
    }
  });
  await withForgedGate({ decision: 'allow', reason: 'Allowed once by a person in the editor.', rules: [], decidedBy: 'person' }, async ({ root, ws }) => {
    const t = io(claudeBash('rm -rf src', ws));
    assert.equal(await runHook({ agent: 'claude' }, t.io, { root, trust: trustFilesOnly, decideOffline: offlineLike }), 0);
    assert.equal(JSON.parse(t.out.join('')).hookSpecificOutput.permissionDecision, 'allow', 'a trusted gate carrying the approval');
  });
});

test('a window that fails the trust check is never asked; the hook decides offline and records why', async () => {
  await withGate('allow', async ({ root, ws, asked }) => {
    const t = io(claudeBash('rm -rf src', ws));
    const why: string[] = [];
    const distrust: HookDeps['trust'] = (_root, e) => (why.push(e.id), 'not an editor');
    assert.equal(await runHook({ agent: 'claude' }, t.io, { root, trust: distrust, decideOffline: offlineLike }), 2);
    assert.equal(asked.length, 0);
    assert.equal(why.length, 1);
    assert.match(t.err.join(''), /no Airlock editor window/);
  });
});
