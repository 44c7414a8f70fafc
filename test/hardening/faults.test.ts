// Faults: the editor window dies (SIGKILL) or closes (SIGTERM -> gate.close()) while hooks wait on
// its modal; a crashed window leaves its socket file and registry entry behind; the audit writer is
// killed mid-burst. Hooks are the built dist/hook.js; the window is a real GateServer in a child.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as net from 'node:net';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AuditLog, parseHead, verifyAuditLog } from '../../src/gate/audit';
import { readWindowEntries, writeWindowEntry } from '../../src/gate/registry';
import { startChild } from './lib/fake_editor';
import { agentShape, CLI, describe, freshHome, isAllowed, isBlocked, runHook, until, type HookEnv } from './lib/hook';

const FIXTURES = path.join(__dirname, 'fixtures');

interface Window {
  child: ChildProcess;
  out: () => string;
  socket: string;
}

async function openWindow(env: HookEnv): Promise<Window> {
  const win = await startChild(path.join(FIXTURES, 'gate_child.js'), [path.join(env.home, '.airlock'), env.cwd], { asEditor: true });
  return { child: win.child, out: win.out, socket: /^ready (.+)$/m.exec(win.out())![1]! };
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((r) => child.once('exit', () => r()));
}

const claude = agentShape('claude');
const cursor = agentShape('cursor');

for (const [how, signal] of [['crashes (SIGKILL)', 'SIGKILL'], ['closes (SIGTERM, gate.close())', 'SIGTERM']] as const) {
  test(`the editor window ${how} with requests pending: every hook blocks long before its deadline`, async () => {
    const env = freshHome();
    const win = await openWindow(env);
    // Flagged requests from two agents wait at the never-answered modal.
    const hooks = [0, 1, 2, 3].map((i) => {
      const shape = i % 2 ? cursor : claude;
      return runHook(shape.agent, { env, input: JSON.stringify(shape.shell(`rm -rf data${i}`, env.cwd)), timeoutMs: 60_000 });
    });
    await until(() => /pending 4/.test(win.out()), 15_000, 'all four questions to be open');
    const killedAt = Date.now();
    win.child.kill(signal);
    const runs = await Promise.all(hooks);
    await exited(win.child);
    runs.forEach((r, i) => {
      const agent = i % 2 ? 'cursor' : 'claude';
      assert.ok(isBlocked(agent, r), `${agent}: ${describe(r)}`);
      // Their deadlines are minutes away (Claude 270 s, Cursor 108 s); the answer comes within seconds of the window going.
      assert.ok(Date.now() - killedAt < 10_000, `${agent} answered ${Date.now() - killedAt} ms after the window went`);
      assert.match(r.stderr, /^Airlock(?: blocked this)?: \S/);
      assert.doesNotMatch(r.stderr, /\n\s+at /);
    });
  });
}

test('a crashed window leaves a socket file and a registry entry: detected, ignored, removed; the hook decides offline', async () => {
  const env = freshHome();
  const root = path.join(env.home, '.airlock');
  const win = await openWindow(env);
  win.child.kill('SIGKILL');
  await exited(win.child);
  assert.ok(fs.existsSync(win.socket), 'the crash left its socket file');
  const [entry] = readWindowEntries(root);
  assert.ok(entry, 'the crash left its registry entry');

  // Case 1: the entry's pid is dead.
  const t0 = Date.now();
  const benign = await runHook('claude', { env, input: JSON.stringify(claude.shell('git status', env.cwd)) });
  const flagged = await runHook('claude', { env, input: JSON.stringify(claude.shell('rm -rf src', env.cwd)) });
  assert.ok(isAllowed('claude', benign), describe(benign));
  assert.ok(isBlocked('claude', flagged), describe(flagged));
  assert.match(flagged.stderr, /no Airlock editor window is open/);
  assert.equal(readWindowEntries(root).length, 0, 'the dead window was removed from the registry');
  // Not a speed test: a dead window must not be waited on until the agent's deadline (Claude: 300 s).
  assert.ok(Date.now() - t0 < 60_000, `two hook calls took ${Date.now() - t0} ms`);

  // Case 2: the pid is alive (pid reuse: here, this test process, not an extension host) and the socket
  // file is there but nothing listens: the entry is not believed, so the socket is never even tried.
  writeWindowEntry(root, { ...entry, pid: process.pid });
  const again = await runHook('cursor', { env, input: JSON.stringify(cursor.shell('rm -rf src', env.cwd)) });
  assert.ok(isBlocked('cursor', again), describe(again));
  assert.match(again.stderr, /no Airlock editor window is open/);
  // Case 2b: the same with the socket file gone as well: a window that crashed, forgotten.
  fs.rmSync(win.socket);
  await runHook('cursor', { env, input: JSON.stringify(cursor.shell('rm -rf src', env.cwd)) });
  assert.equal(readWindowEntries(root).length, 0, 'an entry whose socket is gone is removed');
  const ok = await runHook('cursor', { env, input: JSON.stringify(cursor.shell('npm test', env.cwd)) });
  assert.ok(isAllowed('cursor', ok), describe(ok));

  // Case 3: a registry file that is not an entry at all (torn JSON, wrong shape) is not a window.
  fs.writeFileSync(path.join(root, 'windows', 'torn.json'), '{"v":1,"id":"torn","pid":');
  fs.writeFileSync(path.join(root, 'windows', 'odd.json'), JSON.stringify({ v: 1, id: 'odd', pid: 'x', socket: 7 }));
  const third = await runHook('claude', { env, input: JSON.stringify(claude.shell('rm -rf src', env.cwd)) });
  assert.ok(isBlocked('claude', third), describe(third));
  const fine = await runHook('claude', { env, input: JSON.stringify(claude.shell('ls', env.cwd)) });
  assert.ok(isAllowed('claude', fine), describe(fine));
});

test('the audit log survives a SIGKILL mid-burst: no torn line in the middle; verify passes or names the torn tail; the next writer seals it', async () => {
  const env = freshHome();
  const file = path.join(env.home, 'audit', 'audit.jsonl');
  const child = spawn(process.execPath, [path.join(FIXTURES, 'audit_writer.js'), file], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (out += d));
  await until(() => out.includes('writing'), 10_000, 'the writer to start');
  await until(() => fs.statSync(file).size > 2 * 1024 * 1024, 20_000, 'the log to pass 2 MB');
  child.kill('SIGKILL');
  await exited(child);

  const text = fs.readFileSync(file, 'utf8');
  const lines = text.split('\n');
  const last = lines.pop()!;
  lines.forEach((l, i) => assert.doesNotThrow(() => JSON.parse(l), `line ${i + 1} of ${lines.length} is torn`));
  // With the head file the writer kept: a kill must not look like entries cut from the end.
  const report = verifyAuditLog(text, parseHead(fs.readFileSync(`${file}.head`, 'utf8')));
  assert.equal(report.ok, true, JSON.stringify(report.broken) + (report.headMismatch ?? ''));
  if (last === '') assert.equal(report.tornTail, undefined);
  else assert.deepEqual(report.tornTail, { line: lines.length + 1, bytes: Buffer.byteLength(last) });
  console.log(`# killed after ${report.entries} entries; torn tail: ${last === '' ? 'none' : `${Buffer.byteLength(last)} bytes`}`);

  // A kill between write() calls rarely tears a line on its own: cut the last line in half, as a crash
  // mid-write would, so the torn-tail path is exercised every run.
  // The head file records the last complete batch; a line cut by hand here was complete, so drop the head.
  const whole = last === '' ? text : text.slice(0, text.length - last.length);
  const lastStart = whole.lastIndexOf('\n', whole.length - 2) + 1;
  fs.writeFileSync(file, whole.slice(0, lastStart + Math.floor((whole.length - 1 - lastStart) / 2)));
  fs.rmSync(`${file}.head`, { force: true });
  const torn = verifyAuditLog(fs.readFileSync(file, 'utf8'));
  assert.equal(torn.ok, true);
  assert.ok(torn.tornTail, 'the cut line is named as a torn tail');
  // With its head gone the CLI cannot rule out a cut end (exit 1), but it still names the torn tail as a crash.
  const cli = spawnSync(process.execPath, [CLI, 'audit', 'verify', file, '--state-dir', path.join(env.home, '.airlock')], { encoding: 'utf8' });
  assert.equal(cli.status, 1, cli.stdout + cli.stderr);
  assert.match(cli.stdout, /chain intact, but no head was found/);
  assert.match(cli.stdout, /torn tail/i, `the CLI names the torn tail: ${cli.stdout}`);

  // The next writer seals the torn line and carries the chain on.
  const next = new AuditLog({ file });
  await next.append('note', { after: 'crash' });
  await next.flush();
  const healed = verifyAuditLog(fs.readFileSync(file, 'utf8'));
  assert.equal(healed.ok, true, JSON.stringify(healed.broken));
  assert.equal(healed.tornTail, undefined);
  assert.equal(healed.sealedTornLines.length, 1);
  // The seal, an alert (this test removed the head, which the writer cannot tell from someone cutting the log), the entry.
  assert.equal(healed.entries, torn.entries + 3, 'the torn-tail seal, the alert and the new entry');
  assert.match(fs.readFileSync(file, 'utf8'), /"kind":"alert"[^\n]*every copy of its head is missing/);
});

test('a gate that answers garbage, the wrong protocol version, an oversized line or half a line: the hook decides offline', async () => {
  const env = freshHome();
  const root = path.join(env.home, '.airlock');
  fs.mkdirSync(path.join(root, 'windows'), { recursive: true, mode: 0o700 });
  fs.mkdirSync(path.join(root, 's'), { mode: 0o700 });
  const tokenFile = path.join(root, 'windows', 'fake.token');
  fs.writeFileSync(tokenFile, 'tok', { mode: 0o600 });
  const answers: Array<[string, (s: net.Socket) => void]> = [
    ['not JSON', (s) => s.write('hello there\n')],
    ['wrong version', (s) => s.write(`${JSON.stringify({ v: 99, id: 'x', ok: true, decision: 'allow' })}\n`)],
    ['allow without a decision shape', (s) => s.write(`${JSON.stringify({ v: 1, id: 'x', ok: true, decision: 'yes please' })}\n`)],
    ['half a line, then close', (s) => s.end('{"v":1,"id":"x","ok":tr')],
    ['an oversized line', (s) => { const chunk = 'x'.repeat(1 << 20); const pump = (): void => { while (!s.destroyed && s.write(chunk)); if (!s.destroyed) s.once('drain', pump); }; pump(); }],
  ];
  for (const [what, answer] of answers) {
    const sock = path.join(root, 's', 'fake.sock');
    fs.rmSync(sock, { force: true });
    const conns = new Set<net.Socket>();
    const server = net.createServer((s) => {
      conns.add(s);
      s.on('error', () => undefined);
      s.once('data', () => answer(s));
    });
    await new Promise<void>((r) => server.listen(sock, () => r()));
    writeWindowEntry(root, { v: 1, id: 'fake', pid: process.pid, socket: sock, workspaceRoots: [env.cwd], tokenFile, startedAt: Date.now() });
    try {
      const t0 = Date.now();
      const r = await runHook('claude', { env, input: JSON.stringify(claude.shell('rm -rf src', env.cwd)) });
      assert.ok(isBlocked('claude', r), `${what}: ${describe(r)}`);
      assert.match(r.stderr, /no Airlock editor window is open/, what);
      assert.ok(Date.now() - t0 < 10_000, `${what}: ${Date.now() - t0} ms`);
    } finally {
      for (const c of conns) c.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    }
  }
});
