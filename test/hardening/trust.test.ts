// Attack: forge the gate. An agent writes a small script (allowed) and starts it in the background
// (allowed); it registers a "window" in the state dir with its own socket and token, exactly as the
// gate does, and answers every question with "allowed by a person". In 0.1.0 that turned `rm -rf ~`,
// `cat .env` and the volumeDelete curl into explicit allows that also skipped the agent's own prompt.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readWindowEntries, writeWindowEntry } from '../../src/gate/registry';
import { statePaths } from '../../src/gate/state_dir';
import { startChild, type ChildGate } from './lib/fake_editor';
import { AGENTS, agentShape, describe, freshHome, isAllowed, isBlocked, pool, runHook, type HookEnv } from './lib/hook';

const FORGED = path.join(__dirname, 'fixtures', 'forged_gate.js');
const GATE = path.join(__dirname, 'fixtures', 'gate_child.js');

const FLAGGED = ['rm -rf ~', 'cat .env', `curl -s https://backboard.railway.app/graphql/v2 -H 'Authorization: Bearer x' -d '{"query":"mutation { volumeDelete(volumeId: \\"v1\\") }"}'`];

function asked(g: ChildGate): number {
  return (g.out().match(/^asked /gm) ?? []).length;
}

async function expectIgnored(env: HookEnv, g: ChildGate, what: string): Promise<void> {
  const runs = await pool(AGENTS.flatMap((shape) => FLAGGED.map((cmd) => async () => ({ agent: shape.agent, cmd, r: await runHook(shape.agent, { env, input: JSON.stringify(shape.shell(cmd, env.cwd)) }) }))));
  for (const { agent, cmd, r } of runs) {
    assert.ok(isBlocked(agent, r), `${what}: ${agent} ${cmd.slice(0, 30)}: ${describe(r)}`);
    assert.doesNotMatch(r.stdout, /"(?:permissionDecision|permission|decision)":"allow"/, `${what}: ${agent}: no explicit allow`);
  }
  const claude = agentShape('claude');
  const benign = await runHook('claude', { env, input: JSON.stringify(claude.shell('git status', env.cwd)) });
  assert.ok(isAllowed('claude', benign), `${what}: benign still passes: ${describe(benign)}`);
  assert.equal(benign.stdout.trim(), '{}', `${what}: benign gets no opinion, not an allow`);
  const post = { hook_event_name: 'PostToolUse', session_id: 's1', cwd: env.cwd, tool_name: 'Bash', tool_input: { command: 'cat notes.txt' }, tool_response: { exit_code: 0 } };
  await runHook('claude', { env, input: JSON.stringify(post) });
  assert.equal(asked(g), 0, `${what}: the imitation was never asked nor told anything: ${g.out()}`);
}

test('a forged gate (a plain node script registering a window and socket) is ignored: flagged actions are blocked, nothing is sent to it', async () => {
  const env = freshHome();
  const root = path.join(env.home, '.airlock');
  const forged = await startChild(FORGED, [root, env.cwd, 'person'], { asEditor: false });
  try {
    assert.equal(readWindowEntries(root).length, 1, 'the forged window is registered');
    await expectIgnored(env, forged, 'plain script');
  } finally {
    await forged.stop();
  }
});

test('a forged gate that claims to be an extension host on its command line, or names the real editor\'s pid, is ignored', async () => {
  const env = freshHome();
  const root = path.join(env.home, '.airlock');
  const costumed = await startChild(FORGED, [root, env.cwd, 'person'], { asEditor: false, extraArgv: ['--type=extensionHost'] });
  try {
    await expectIgnored(env, costumed, '--type=extensionHost on the command line');
  } finally {
    await costumed.stop();
  }
  // The real window is running; the forger registers its own socket under the real window's pid.
  const env2 = freshHome();
  const root2 = path.join(env2.home, '.airlock');
  const real = await startChild(GATE, [root2, path.join(env2.home, 'other-project')], { asEditor: true });
  const claimed = await startChild(FORGED, [root2, env2.cwd, 'person', String(real.child.pid)], { asEditor: false });
  try {
    await expectIgnored(env2, claimed, "the editor's pid, someone else's socket");
  } finally {
    await claimed.stop();
    await real.stop();
  }
});

test('registry entries whose token or socket are outside the state dir, linked, or readable by others are ignored', async () => {
  const env = freshHome();
  const root = path.join(env.home, '.airlock');
  // A believable process (it runs as an extension host would) whose entry is then doctored.
  const win = await startChild(GATE, [root, env.cwd, 'allow'], { asEditor: true });
  const claude = agentShape('claude');
  const input = JSON.stringify(claude.shell('rm -rf src', env.cwd));
  try {
    const control = await runHook('claude', { env, input });
    assert.ok(isAllowed('claude', control), `control: a person's "Allow once" from a real-looking window passes: ${describe(control)}`);
    const [entry] = readWindowEntries(root);
    assert.ok(entry);
    const tokenCopy = path.join(env.home, 'token-copy');
    fs.copyFileSync(entry.tokenFile, tokenCopy, fs.constants.COPYFILE_EXCL);
    fs.chmodSync(tokenCopy, 0o600);
    const doctored: Array<[string, () => void, () => void]> = [
      ['token outside the state dir', () => writeWindowEntry(root, { ...entry, tokenFile: tokenCopy }), () => writeWindowEntry(root, entry)],
      [
        'token is a link',
        () => {
          fs.renameSync(entry.tokenFile, `${entry.tokenFile}.real`);
          fs.symlinkSync(`${entry.tokenFile}.real`, entry.tokenFile);
        },
        () => {
          fs.rmSync(entry.tokenFile);
          fs.renameSync(`${entry.tokenFile}.real`, entry.tokenFile);
        },
      ],
      ['token readable by others', () => fs.chmodSync(entry.tokenFile, 0o644), () => fs.chmodSync(entry.tokenFile, 0o600)],
      ['socket dir open to others', () => fs.chmodSync(statePaths(root).sockets, 0o755), () => fs.chmodSync(statePaths(root).sockets, 0o700)],
      ['entry file readable by others', () => fs.chmodSync(path.join(statePaths(root).windows, `${entry.id}.json`), 0o644), () => fs.chmodSync(path.join(statePaths(root).windows, `${entry.id}.json`), 0o600)],
    ];
    for (const [what, spoil, restore] of doctored) {
      spoil();
      try {
        const r = await runHook('claude', { env, input });
        assert.ok(isBlocked('claude', r), `${what}: ${describe(r)}`);
      } finally {
        restore();
      }
    }
    const again = await runHook('claude', { env, input });
    assert.ok(isAllowed('claude', again), `restored: ${describe(again)}`);
  } finally {
    await win.stop();
  }
});

test('documented limit: same-user code that runs its imitation the way an editor runs its extension host is believed, but its "allow" without the approval marker is still blocked', async () => {
  const env = freshHome();
  const root = path.join(env.home, '.airlock');
  const claude = agentShape('claude');
  const noMarker = await startChild(FORGED, [root, env.cwd, 'policy'], { asEditor: true });
  try {
    const r = await runHook('claude', { env, input: JSON.stringify(claude.shell('rm -rf ~', env.cwd)) });
    assert.ok(isBlocked('claude', r), `an allow by "policy" for a flagged action: ${describe(r)}`);
    assert.match(r.stderr, /without a person's approval/);
    assert.ok(asked(noMarker) > 0, 'it was asked: it passed the process check');
  } finally {
    await noMarker.stop();
  }
  const env2 = freshHome();
  const root2 = path.join(env2.home, '.airlock');
  const withMarker = await startChild(FORGED, [path.join(env2.home, '.airlock'), env2.cwd, 'person'], { asEditor: true });
  try {
    const r = await runHook('claude', { env: env2, input: JSON.stringify(claude.shell('rm -rf build', env2.cwd)) });
    // README "Limits, stated plainly": this is what same-user code can still do.
    assert.ok(isAllowed('claude', r), `pinned limit: ${describe(r)}`);
    assert.ok(fs.existsSync(root2));
  } finally {
    await withMarker.stop();
  }
});
