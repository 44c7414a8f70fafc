// The acceptance check, run against the built CLI exactly as agents run it: a child
// process `node dist/cli.js hook --agent <x>` with a fresh HOME and no editor running.
// Build first (`npm run build`; `npm test` does); the test builds dist/ itself when it is missing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const CLI = path.join(process.cwd(), 'dist/cli.js');
if (!fs.existsSync(CLI)) spawnSync(process.execPath, ['esbuild.js'], { stdio: 'inherit' });

const home = fs.mkdtempSync(path.join(os.tmpdir(), 'alh-home-'));
const ws = path.join(home, 'shop');
fs.mkdirSync(path.join(ws, 'src'), { recursive: true });

const INCIDENT = `curl -X POST https://backboard.railway.app/graphql/v2 -H "Authorization: Bearer $RAILWAY_TOKEN" -d '{"query":"mutation { volumeDelete(volumeId: \\"3f2a9c1e-prod\\") }"}'`;
const FLAGGED_COMMANDS = [INCIDENT, 'rm -rf src', 'terraform destroy'];
const BENIGN_COMMANDS = ['git status', 'npm test'];

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

function hook(agent: string, payload: string): Run {
  const t0 = Date.now();
  const r = spawnSync(process.execPath, [CLI, 'hook', '--agent', agent], {
    input: payload,
    cwd: ws,
    env: { PATH: process.env.PATH ?? '', HOME: home },
    encoding: 'utf8',
    timeout: 10_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, ms: Date.now() - t0 };
}

const payloads = {
  cursor: {
    shell: (command: string) => ({ hook_event_name: 'beforeShellExecution', conversation_id: 'c1', generation_id: 'g1', command, cwd: ws, workspace_roots: [ws] }),
    read: (file: string) => ({ hook_event_name: 'beforeReadFile', conversation_id: 'c1', generation_id: 'g1', file_path: path.join(ws, file), content: '', workspace_roots: [ws] }),
  },
  claude: {
    shell: (command: string) => ({ hook_event_name: 'PreToolUse', session_id: 's1', cwd: ws, permission_mode: 'default', tool_name: 'Bash', tool_input: { command }, tool_use_id: 't1' }),
    read: (file: string) => ({ hook_event_name: 'PreToolUse', session_id: 's1', cwd: ws, permission_mode: 'default', tool_name: 'Read', tool_input: { file_path: path.join(ws, file) }, tool_use_id: 't2' }),
  },
};

/** Far below Cursor's and Claude's hook timeouts (120 s, 300 s), and above what a loaded 2-core machine takes. */
const HOOK_BOUND_MS = 30_000;

function assertBlocked(agent: 'cursor' | 'claude', what: string, r: Run): void {
  assert.equal(r.code, 2, `${agent} ${what}: exit ${r.code}, stderr ${r.stderr}`);
  // Not a speed test (that is the bench): only that no editor does not mean waiting out the agent's timeout.
  assert.ok(r.ms < HOOK_BOUND_MS, `${agent} ${what} took ${r.ms} ms`);
  assert.match(r.stderr, /Airlock/);
  assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
  const out = JSON.parse(r.stdout);
  if (agent === 'cursor') {
    assert.equal(out.permission, 'deny');
    assert.equal(out.decision, 'deny');
  } else {
    assert.equal(out.hookSpecificOutput.permissionDecision, 'deny');
  }
}

function assertAllowed(agent: 'cursor' | 'claude', what: string, r: Run): void {
  assert.equal(r.code, 0, `${agent} ${what}: exit ${r.code}, stderr ${r.stderr}`);
  assert.ok(r.ms < HOOK_BOUND_MS, `${agent} ${what} took ${r.ms} ms`);
  const out = JSON.parse(r.stdout);
  if (agent === 'cursor') assert.equal(out.permission, 'allow');
  else assert.deepEqual(out, {});
}

for (const agent of ['cursor', 'claude'] as const) {
  test(`${agent}, no editor: the incident's curl, rm -rf src, terraform destroy and a .env read are blocked`, () => {
    for (const command of FLAGGED_COMMANDS) {
      const r = hook(agent, JSON.stringify(payloads[agent].shell(command)));
      assertBlocked(agent, command.slice(0, 30), r);
      assert.match(r.stderr, /Open this workspace in the editor to approve it/);
    }
    assertBlocked(agent, '.env read', hook(agent, JSON.stringify(payloads[agent].read('.env'))));
  });

  test(`${agent}, no editor: git status, npm test and a package.json read pass`, () => {
    for (const command of BENIGN_COMMANDS) assertAllowed(agent, command, hook(agent, JSON.stringify(payloads[agent].shell(command))));
    assertAllowed(agent, 'package.json read', hook(agent, JSON.stringify(payloads[agent].read('package.json'))));
  });

  test(`${agent}: garbage input is blocked with a message`, () => {
    for (const garbage of ['', 'not json', '{"hook_event_name":', '[1,2,3]', '{"hook_event_name":"noSuchEvent"}']) {
      const r = hook(agent, garbage);
      assert.equal(r.code, 2, `${JSON.stringify(garbage)} -> exit ${r.code}`);
      assert.match(r.stderr, /Airlock blocked this: .{8,}/);
      assert.doesNotMatch(r.stderr, /\n\s+at /);
      assert.ok(r.ms < HOOK_BOUND_MS, `took ${r.ms} ms`);
    }
  });
}

test('lockdown flag file blocks even benign actions, with no editor; Claude gets continue:false', () => {
  const state = path.join(home, '.airlock');
  fs.mkdirSync(state, { recursive: true, mode: 0o700 });
  fs.writeFileSync(path.join(state, 'lockdown.json'), JSON.stringify({ engagedAt: Date.now(), by: 'test' }));
  try {
    const c = hook('cursor', JSON.stringify(payloads.cursor.shell('git status')));
    assert.equal(c.code, 2);
    assert.match(c.stderr, /Lockdown/);
    const cl = hook('claude', JSON.stringify(payloads.claude.shell('git status')));
    const out = JSON.parse(cl.stdout);
    assert.equal(out.continue, false);
    assert.equal(out.hookSpecificOutput.permissionDecision, 'deny');
  } finally {
    fs.rmSync(path.join(state, 'lockdown.json'));
  }
});
