// Attack: who may talk to the gate, what a same-user agent can change, and the path and symlink
// tricks that try to reach a protected file under another name. Extends test/unit/gate (no token,
// wrong token, no approve verb, world-writable state dir) rather than repeating it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import type { AgentAction, Verdict } from '../../src/core/action';
import { classify } from '../../src/core/classify';
import { sendLine } from '../../src/gate/client';
import type { ApprovalRequest, ApprovalUi, GateEvent } from '../../src/gate/contract';
import { GateServer } from '../../src/gate/server';
import { checkPrivateDir, statePaths, UnsafeStateDirError } from '../../src/gate/state_dir';
import { loadShellParser } from '../../src/host/shell_wasm';
import { realPathOf } from '../../src/host/real_path';
import { startChild } from './lib/fake_editor';
import { agentShape, describe, freshHome, isAllowed, isBlocked, pool, runHook, type HookEnv } from './lib/hook';

const claude = agentShape('claude');
const cursor = agentShape('cursor');
const isRoot = process.getuid?.() === 0;
const NOBODY = 65534;

class CountingUi implements ApprovalUi {
  asked: ApprovalRequest[] = [];
  constructor(private readonly answer: 'allow' | 'deny') {}
  ask(req: ApprovalRequest): Promise<'allow' | 'deny'> {
    this.asked.push(req);
    return Promise.resolve(this.answer);
  }
}

const askRm = (a: AgentAction): Verdict =>
  a.kind === 'shell' && a.command.includes('rm ')
    ? { decision: 'ask', rules: ['fs.recursive-delete'], reason: 'Deletes a tree.', severity: 'high', environment: 'local' }
    : { decision: 'allow', rules: [], reason: 'No rule matched.', severity: 'none', environment: 'unknown' };

async function gateIn(env: HookEnv, ui: ApprovalUi, events: GateEvent[] = [], classifyFn = askRm): Promise<GateServer> {
  const gate = new GateServer({ root: path.join(env.home, '.airlock'), workspaceRoots: [env.cwd], classify: classifyFn, ui, listener: { onEvent: (e) => events.push(e) }, marginMs: 100 });
  await gate.start();
  return gate;
}

test('tokens: another window\'s token, a near-miss token and forged approval fields are refused or ignored', async () => {
  const env = freshHome();
  const other = freshHome();
  const events: GateEvent[] = [];
  const ui = new CountingUi('deny');
  const gate = await gateIn(env, ui, events);
  const gate2 = await gateIn(other, new CountingUi('allow'));
  try {
    const token = fs.readFileSync(gate.tokenFile, 'utf8');
    const foreign = fs.readFileSync(gate2.tokenFile, 'utf8');
    const nearMiss = token.slice(0, -1) + (token.endsWith('0') ? '1' : '0');
    const decide = (t: string, extra: object = {}) =>
      sendLine(gate.socketPath, { v: 1, id: 'r1', token: t, type: 'decide', agent: 'claude', event: 'PreToolUse', actions: [{ kind: 'shell', command: 'rm -rf src', cwd: env.cwd }], deadline: Date.now() + 5000, ...extra }, Date.now() + 3000);
    for (const t of [foreign, nearMiss, token.toUpperCase(), `${token} `, '']) {
      const r = await decide(t);
      assert.equal(r.ok, false, 'refused');
    }
    assert.equal(ui.asked.length, 0, 'nothing reached the person');
    assert.equal(events.length, 0, 'nothing was decided');
    // With the right token, fields that claim an approval change nothing: the person still decides (and says no).
    const forged = await decide(token, { decision: 'allow', decidedBy: 'person', approved: true, outcome: 'approved' });
    assert.ok(forged.ok && forged.decision === 'deny', JSON.stringify(forged));
    assert.equal(ui.asked.length, 1);
    // A report claiming the flagged action was allowed is only an event; it approves nothing.
    const rep = await sendLine(gate.socketPath, { v: 1, id: 'r2', token, type: 'report', agent: 'claude', event: 'PreToolUse', phase: 'pre', outcome: 'allowed', decidedBy: 'offline', actions: [{ kind: 'shell', command: 'rm -rf src', cwd: env.cwd }] }, Date.now() + 3000);
    assert.equal(rep.ok, true);
    assert.equal(ui.asked.length, 1);
    assert.ok(!('decision' in rep && rep.decision === 'allow'));
    // A raw client with no newline, or a line of garbage, gets nothing that decides.
    const garbage = await sendLine(gate.socketPath, { not: 'a request' }, Date.now() + 3000);
    assert.equal(garbage.ok, false);
  } finally {
    await gate.close();
    await gate2.close();
  }
});

test('state dir owned by another user, or a symlink to one, is not trusted: the hook never asks its gate', async () => {
  const env = freshHome();
  const root = path.join(env.home, '.airlock');
  // This window's "person" allows everything: if the hook asked it, the flagged command would pass.
  const gate = await startChild(path.join(__dirname, 'fixtures', 'gate_child.js'), [root, env.cwd, 'allow'], { asEditor: true });
  const input = JSON.stringify(claude.shell('rm -rf src', env.cwd));
  try {
    const control = await runHook('claude', { env, input });
    assert.ok(isAllowed('claude', control), `control: the gate is asked while the dir is private: ${describe(control)}`);

    if (isRoot) {
      fs.chownSync(root, NOBODY, NOBODY);
      assert.throws(() => checkPrivateDir(root), UnsafeStateDirError);
      const r = await runHook('claude', { env, input });
      assert.ok(isBlocked('claude', r), `owned by nobody: ${describe(r)}`);
      fs.chownSync(root, 0, 0);
    } else {
      // Not root: a directory owned by root stands in for "another user's".
      assert.throws(() => checkPrivateDir('/usr'), UnsafeStateDirError);
    }

    fs.chmodSync(root, 0o770);
    const groupWritable = await runHook('claude', { env, input });
    assert.ok(isBlocked('claude', groupWritable), `group-writable: ${describe(groupWritable)}`);
    fs.chmodSync(root, 0o700);

    // ~/.airlock replaced by a symlink to a directory someone prepared: refused (lstat, not stat).
    const real = path.join(env.home, 'elsewhere');
    fs.renameSync(root, real);
    fs.symlinkSync(real, root);
    assert.throws(() => checkPrivateDir(root), UnsafeStateDirError);
    const viaLink = await runHook('claude', { env, input });
    assert.ok(isBlocked('claude', viaLink), `symlinked state dir: ${describe(viaLink)}`);
    fs.rmSync(root);
    fs.renameSync(real, root);
  } finally {
    await gate.stop();
  }
});

test('another local user cannot reach the socket: private dirs and modes, and a connect as nobody is refused', async () => {
  const env = freshHome();
  const gate = await gateIn(env, new CountingUi('deny'));
  try {
    const p = statePaths(gate.root);
    const mode = (f: string) => fs.statSync(f).mode & 0o777;
    assert.equal(mode(p.root), 0o700);
    assert.equal(mode(path.dirname(gate.socketPath)), 0o700);
    assert.equal(mode(p.windows), 0o700);
    assert.equal(mode(gate.socketPath), 0o600);
    assert.equal(mode(gate.tokenFile), 0o600);
    assert.equal(fs.statSync(gate.socketPath).uid, process.getuid?.());

    const setpriv = spawnSync('setpriv', ['--version']).status === 0;
    if (!isRoot || !setpriv) return; // modes above are the proof where we cannot switch users
    // Open every directory above Airlock's own, so only Airlock's 0700/0600 stand in the way.
    fs.chmodSync(env.home, 0o755);
    const control = path.join(env.home, 'open');
    fs.mkdirSync(control, { mode: 0o755 });
    const open = net.createServer((s) => s.end('hi\n'));
    const openSock = path.join(control, 'o.sock');
    await new Promise<void>((r) => open.listen(openSock, () => r()));
    fs.chmodSync(openSock, 0o666);
    const connectAs = (sock: string) =>
      spawnSync('setpriv', [`--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', process.execPath, '-e',
        `const s=require('net').createConnection(process.argv[1]);s.on('connect',()=>{console.log('CONNECTED');process.exit(0)});s.on('error',e=>{console.log(e.code);process.exit(1)})`, sock], { encoding: 'utf8', timeout: 10_000 });
    try {
      const ok = connectAs(openSock);
      assert.match(ok.stdout, /CONNECTED/, `control: nobody can connect to an open socket (${ok.stdout}${ok.stderr})`);
      const denied = connectAs(gate.socketPath);
      assert.match(denied.stdout, /EACCES/, `nobody reaching Airlock's socket: ${denied.stdout}${denied.stderr}`);
      const readToken = spawnSync('setpriv', [`--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', 'cat', gate.tokenFile], { encoding: 'utf8' });
      assert.notEqual(readToken.status, 0, 'nobody cannot read the token');
      assert.equal(readToken.stdout, '');
    } finally {
      open.close();
    }
  } finally {
    await gate.close();
  }
});

test('agent-written lockdown release, policy change or hook config change is blocked (hook, offline, every way of writing it)', async () => {
  const env = freshHome();
  const state = path.join(env.home, '.airlock');
  const flag = path.join(state, 'lockdown.json');
  const commands = [
    'rm ~/.airlock/lockdown.json',
    'rm -f $HOME/.airlock/lockdown.json',
    `rm ${flag}`,
    'unlink ~/.airlock/lockdown.json',
    'mv ~/.airlock/lockdown.json /tmp/x',
    'truncate -s0 ~/.airlock/lockdown.json',
    'cd ~/.airlock && rm lockdown.json',
    'find ~/.airlock -name lockdown.json -delete',
    "bash -c 'rm ~/.airlock/lockdown.json'",
    'rm -rf ~/.airlock',
    'ln -sf /dev/null ~/.airlock/lockdown.json',
    "echo '{\"rules\":{\"fs.recursive-delete\":\"allow\"}}' > ~/.airlock/policy.json",
    "sed -i 's/ask/allow/' .airlock/policy.json",
    "echo '{}' > .cursor/hooks.json",
    'tee .claude/settings.json < /dev/null',
    'cp /tmp/x.json .claude/settings.local.json',
    "echo '{}' > .gemini/settings.json",
    'mv .github/hooks/airlock.json /tmp/',
    'echo x > ~/.airlock/bin/airlock-hook',
    'chmod 777 ~/.airlock',
  ];
  const tools: Array<[string, unknown]> = [
    ['Write lockdown flag', { ...claude.shell('', env.cwd), tool_name: 'Write', tool_input: { file_path: flag, content: '' } }],
    ['Edit policy snapshot', { ...claude.shell('', env.cwd), tool_name: 'Edit', tool_input: { file_path: path.join(state, 'policy.json'), old_string: 'ask', new_string: 'allow' } }],
    ['Write .claude/settings.json', { ...claude.shell('', env.cwd), tool_name: 'Write', tool_input: { file_path: path.join(env.cwd, '.claude/settings.json'), content: '{}' } }],
    ['MCP write_file to the flag', { ...claude.shell('', env.cwd), tool_name: 'mcp__filesystem__write_file', tool_input: { path: flag, content: '' } }],
  ];
  const runs = await pool([
    ...commands.map((c) => () => runHook('claude', { env, input: JSON.stringify(claude.shell(c, env.cwd)) })),
    ...tools.map(([, p]) => () => runHook('claude', { env, input: JSON.stringify(p) })),
  ]);
  runs.forEach((r, i) => {
    const what = i < commands.length ? commands[i]! : tools[i - commands.length]![0];
    assert.ok(isBlocked('claude', r), `${what}: ${describe(r)}`);
    assert.match(r.stderr, /Airlock/);
  });

  // Written anyway (by hand, outside any agent): a loosening policy snapshot does not loosen the hook,
  // and a lockdown flag of any shape (empty, a directory) still locks.
  fs.mkdirSync(state, { recursive: true, mode: 0o700 });
  fs.writeFileSync(path.join(state, 'policy.json'), JSON.stringify({ v: 1, writtenAt: Date.now(), policy: { destructiveDecision: 'ask', secretAccessDecision: 'ask', rules: { 'fs.recursive-delete': 'allow' }, protectedPaths: [], unprotectedPaths: ['**'], credentialEnvPatterns: [], customRules: [] } }));
  const loosened = await runHook('cursor', { env, input: JSON.stringify(cursor.shell('rm -rf src', env.cwd)) });
  assert.ok(isBlocked('cursor', loosened), `policy snapshot loosening: ${describe(loosened)}`);
  for (const make of [() => fs.writeFileSync(flag, ''), () => fs.mkdirSync(flag)]) {
    make();
    const locked = await runHook('cursor', { env, input: JSON.stringify(cursor.shell('git status', env.cwd)) });
    assert.ok(isBlocked('cursor', locked), `odd lockdown flag: ${describe(locked)}`);
    assert.match(locked.stderr, /Lockdown/);
    fs.rmSync(flag, { recursive: true });
  }
});

test('symlink tricks: a link to .env, to ~/.ssh, to the lockdown flag; the link itself is flagged (hook offline and gate classify)', async () => {
  await loadShellParser();
  const env = freshHome();
  fs.writeFileSync(path.join(env.cwd, '.env'), 'API_KEY=placeholder-not-a-secret\n');
  fs.writeFileSync(path.join(env.cwd, 'README.md'), '# shop\n');
  fs.mkdirSync(path.join(env.home, '.ssh'), { mode: 0o700 });
  fs.writeFileSync(path.join(env.home, '.ssh', 'deploy'), 'placeholder\n');
  fs.mkdirSync(path.join(env.home, '.airlock'), { mode: 0o700 });
  fs.symlinkSync('.env', path.join(env.cwd, 'notes.txt'));
  fs.symlinkSync(path.join(env.home, '.ssh'), path.join(env.cwd, 'keys'));
  fs.symlinkSync(path.join(env.home, '.airlock', 'lockdown.json'), path.join(env.cwd, 'flag'));
  fs.symlinkSync('README.md', path.join(env.cwd, 'readme-link'));

  const blocked: Array<[string, unknown, string]> = [
    ['ln -s .env', claude.shell('ln -s .env notes2.txt', env.cwd), 'claude'],
    ['ln -s ~/.ssh/id_rsa', claude.shell('ln -s ~/.ssh/id_rsa k', env.cwd), 'claude'],
    ['cat notes.txt', claude.shell('cat notes.txt', env.cwd), 'claude'],
    ['Read notes.txt', claude.read('notes.txt', env.cwd), 'claude'],
    ['cursor beforeReadFile notes.txt', cursor.read('notes.txt', env.cwd), 'cursor'],
    ['cat keys/deploy (dir link to ~/.ssh)', claude.shell('cat keys/deploy', env.cwd), 'claude'],
    ['cp notes.txt /tmp/out', claude.shell('cp notes.txt /tmp/out', env.cwd), 'claude'],
    ['echo > flag (link to the lockdown flag)', claude.shell('echo x > flag', env.cwd), 'claude'],
  ];
  const runs = await pool(blocked.map(([, p, agent]) => () => runHook(agent, { env, input: JSON.stringify(p) })));
  runs.forEach((r, i) => assert.ok(isBlocked(blocked[i]![2], r), `${blocked[i]![0]}: ${describe(r)}`));
  const benign = await runHook('claude', { env, input: JSON.stringify(claude.shell('cat readme-link', env.cwd)) });
  assert.ok(isAllowed('claude', benign), `a link to README.md: ${describe(benign)}`);

  // The gate's classify (editor/gate_host.ts) injects the same resolver.
  const ctx = { home: env.home, cwd: env.cwd, realPath: realPathOf };
  assert.equal(classify({ kind: 'shell', command: 'cat notes.txt', cwd: env.cwd }, ctx).decision, 'ask');
  assert.equal(classify({ kind: 'read', path: 'notes.txt', cwd: env.cwd }, ctx).decision, 'ask');
  assert.equal(classify({ kind: 'shell', command: 'cat readme-link', cwd: env.cwd }, ctx).decision, 'allow');
  // Without a resolver (core alone cannot do I/O) the link's name says nothing: that is why it is injected.
  assert.equal(classify({ kind: 'shell', command: 'cat notes.txt', cwd: env.cwd }, { home: env.home, cwd: env.cwd }).decision, 'allow');
});

test('path tricks: ./.env, src/../.env, absolute, case variants and Windows spellings are all the protected file', async () => {
  await loadShellParser();
  const home = '/home/dev';
  const cwd = '/home/dev/shop';
  const reads = ['./.env', 'src/../.env', 'src/./../.env', '/home/dev/shop/.env', '.ENV', '.Env', 'SRC/../.env', 'src//..//.env', '~/.ssh/ID_RSA', '~/.AWS/credentials'];
  for (const p of reads) {
    assert.notEqual(classify({ kind: 'read', path: p, cwd }, { home, cwd }).decision, 'allow', `read ${p}`);
    assert.notEqual(classify({ kind: 'shell', command: `cat ${p}`, cwd }, { home, cwd }).decision, 'allow', `cat ${p}`);
  }
  // darwin and win32 file systems ignore case; so does the match, whatever platform the hook runs on.
  const win = 'C:\\Users\\dev\\shop';
  for (const p of ['C:\\Users\\dev\\shop\\.Env', '.\\.ENV', 'src\\..\\.env', 'c:/users/dev/shop/.env']) {
    assert.notEqual(classify({ kind: 'read', path: p, cwd: win }, { cwd: win }).decision, 'allow', `read ${p} (windows)`);
  }
  assert.equal(classify({ kind: 'read', path: 'src/env.ts', cwd }, { home, cwd }).decision, 'allow', 'control');
  // And through the real hook, per agent that has a read event.
  const env = freshHome();
  const runs = await pool(['cursor', 'claude', 'gemini', 'windsurf'].map((a) => () => runHook(a, { env, input: JSON.stringify(agentShape(a as 'cursor').read('src/../.ENV', env.cwd)) })));
  runs.forEach((r, i) => assert.ok(isBlocked(['cursor', 'claude', 'gemini', 'windsurf'][i]!, r), describe(r)));
});
