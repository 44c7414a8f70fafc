import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse as parseJsonc } from 'jsonc-parser';
import { HOOK_AGENTS } from '../../../src/core/action';
import { connectAgents, disconnectAgents, hookFileStatus, restoreMissing } from '../../../src/agents/install/index';
import { shimPath } from '../../../src/agents/install/shim';

const FIXTURE = path.join(process.cwd(), 'test/fixtures/agents/install/user-hooks');

function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(path.relative(dir, p), fs.readFileSync(p, 'latin1'));
    }
  };
  walk(dir);
  return out;
}

function setup(withFixture: boolean): { ws: string; root: string; cliJs: string } {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'ali-'));
  const ws = path.join(base, 'ws');
  fs.mkdirSync(ws);
  if (withFixture) fs.cpSync(FIXTURE, ws, { recursive: true });
  const cliJs = path.join(base, 'ext', 'dist', 'cli.js');
  fs.mkdirSync(path.dirname(cliJs), { recursive: true });
  fs.writeFileSync(cliJs, '');
  return { ws, root: path.join(base, 'state'), cliJs };
}

function json(file: string): any {
  return parseJsonc(fs.readFileSync(file, 'utf8'), [], { allowTrailingComma: true });
}

test('install merges into files that hold user hooks; uninstall restores them byte for byte', () => {
  const { ws, root, cliJs } = setup(true);
  const before = snapshot(ws);
  const results = connectAgents({ workspace: ws, agents: HOOK_AGENTS, root, cliJs, runtime: process.execPath });
  const byAgent = Object.fromEntries(results.map((r) => [r.agent, r]));
  for (const a of ['cursor', 'claude', 'copilot', 'codex', 'gemini', 'windsurf'] as const) assert.equal(byAgent[a]!.status, 'installed', `${a}: ${byAgent[a]!.message ?? ''}`);
  assert.equal(byAgent.cline!.status, 'skipped', 'the user already has a PreToolUse Cline hook');
  assert.match(byAgent.cline!.message!, /PreToolUse/);

  const cursor = json(path.join(ws, '.cursor/hooks.json'));
  assert.equal(cursor.hooks.beforeShellExecution.length, 2);
  assert.equal(cursor.hooks.beforeShellExecution[0].command, '.cursor/hooks/audit.sh');
  assert.equal(cursor.hooks.beforeShellExecution[1].failClosed, true);
  assert.match(cursor.hooks.beforeShellExecution[1].command, /airlock-hook'? --agent cursor$/);
  assert.deepEqual(Object.keys(cursor.hooks).sort(), ['afterFileEdit', 'afterMCPExecution', 'afterShellExecution', 'beforeMCPExecution', 'beforeReadFile', 'beforeShellExecution', 'postToolUse', 'preToolUse', 'stop']);
  const text = fs.readFileSync(path.join(ws, '.cursor/hooks.json'), 'utf8');
  assert.ok(text.includes('// my own guard, keep it') && text.includes('// logs every command'), 'comments kept');

  const claude = json(path.join(ws, '.claude/settings.local.json'));
  assert.equal(claude.model, 'opus');
  assert.deepEqual(claude.permissions.allow, ['Bash(npm test)']);
  assert.equal(claude.hooks.PreToolUse.length, 2);
  assert.equal(claude.hooks.PreToolUse[1].hooks[0].onFailure, 'block');
  assert.ok(claude.hooks.Stop[0].hooks[0].command.includes('--agent claude'));
  assert.equal(claude.permissions.deny[0], 'Read(./secrets/**)', "the user's deny rule stays first");
  assert.ok(claude.permissions.deny.includes('Read(./**/.env)'), 'protected paths mirrored as Read() denies');

  const copilot = json(path.join(ws, '.github/hooks/airlock.json'));
  assert.match(copilot.hooks.PreToolUse[0].command, /--agent copilot --event PreToolUse$/);
  assert.equal(json(path.join(ws, '.codex/hooks.json')).hooks.Stop.length, 2);
  assert.ok(fs.readFileSync(path.join(ws, '.codex/hooks.json'), 'utf8').includes('\r\n  "hooks"'), 'CRLF kept');
  assert.equal(json(path.join(ws, '.gemini/settings.json')).theme, 'GitHub');
  assert.equal(json(path.join(ws, '.windsurf/hooks.json')).hooks.pre_run_command.length, 2);
  assert.ok(fs.existsSync(path.join(ws, '.clinerules/hooks/PostToolUse')));
  assert.equal(fs.statSync(path.join(ws, '.clinerules/hooks/PostToolUse')).mode & 0o111, 0o111, 'Cline hooks are executable');
  assert.equal(fs.readFileSync(path.join(ws, '.clinerules/hooks/PreToolUse'), 'latin1'), before.get('.clinerules/hooks/PreToolUse'), "the user's Cline hook is untouched");

  // Idempotent: a second install changes nothing.
  const after = snapshot(ws);
  const again = connectAgents({ workspace: ws, agents: HOOK_AGENTS, root, cliJs, runtime: process.execPath });
  assert.ok(again.every((r) => r.status === 'unchanged' || r.status === 'skipped'), JSON.stringify(again));
  assert.deepEqual(snapshot(ws), after);

  const removed = disconnectAgents({ workspace: ws, agents: HOOK_AGENTS, root });
  assert.ok(removed.every((r) => r.status === 'removed'), JSON.stringify(removed));
  const restored = snapshot(ws);
  assert.deepEqual([...restored.keys()].sort(), [...before.keys()].sort());
  for (const [file, bytes] of before) assert.equal(restored.get(file), bytes, `${file} is not byte-for-byte identical after uninstall`);
});

test('install into an empty workspace creates the files; uninstall leaves the workspace empty', () => {
  const { ws, root, cliJs } = setup(false);
  const results = connectAgents({ workspace: ws, agents: HOOK_AGENTS, root, cliJs, runtime: process.execPath });
  assert.ok(results.every((r) => r.status === 'installed'), JSON.stringify(results));
  for (const agent of HOOK_AGENTS) assert.ok(hookFileStatus(agent, ws).installed, agent);
  assert.equal(json(path.join(ws, '.cursor/hooks.json')).version, 1);
  const shim = fs.readFileSync(shimPath(root), 'utf8');
  assert.ok(shim.includes('ELECTRON_RUN_AS_NODE=1') && shim.includes(cliJs) && shim.includes(process.execPath));
  assert.equal(fs.statSync(shimPath(root)).mode & 0o777, 0o700);
  disconnectAgents({ workspace: ws, agents: HOOK_AGENTS, root });
  assert.deepEqual(fs.readdirSync(ws), []);
  for (const agent of HOOK_AGENTS) assert.equal(hookFileStatus(agent, ws).installed, false);
});

test('an outdated Airlock entry is updated in place, not duplicated; a broken file is left untouched', () => {
  const { ws, root, cliJs } = setup(false);
  fs.mkdirSync(path.join(ws, '.cursor'));
  fs.writeFileSync(path.join(ws, '.cursor/hooks.json'), '{"version":1,"hooks":{"preToolUse":[{"command":"/old/place/airlock-hook --agent cursor","failClosed":true}]}}\n');
  const [r] = connectAgents({ workspace: ws, agents: ['cursor'], root, cliJs });
  assert.equal(r!.status, 'installed');
  const pre = json(path.join(ws, '.cursor/hooks.json')).hooks.preToolUse;
  assert.equal(pre.length, 1);
  assert.ok(pre[0].command.endsWith(`exec '${shimPath(root)}' --agent cursor`) && !pre[0].command.includes('/old/place') && pre[0].timeout === 120);

  fs.mkdirSync(path.join(ws, '.windsurf'));
  fs.writeFileSync(path.join(ws, '.windsurf/hooks.json'), '{"hooks": [oops');
  const [w] = connectAgents({ workspace: ws, agents: ['windsurf'], root, cliJs });
  assert.equal(w!.status, 'error');
  assert.equal(fs.readFileSync(path.join(ws, '.windsurf/hooks.json'), 'utf8'), '{"hooks": [oops');
});

test('uninstall without a manifest still removes only Airlock entries', () => {
  const { ws, root, cliJs } = setup(true);
  const before = fs.readFileSync(path.join(ws, '.windsurf/hooks.json'), 'utf8');
  connectAgents({ workspace: ws, agents: ['windsurf'], root, cliJs });
  fs.rmSync(path.join(root, 'installs.json'));
  disconnectAgents({ workspace: ws, agents: ['windsurf'], root });
  const after = json(path.join(ws, '.windsurf/hooks.json'));
  assert.equal(after.hooks.pre_run_command.length, 1);
  assert.equal(after.hooks.pre_run_command[0].command, 'python3 .windsurf/check.py');
  assert.equal(fs.readFileSync(path.join(ws, '.windsurf/hooks.json'), 'utf8'), before);
});

test('tamper guard: a connected agent whose hook entries were removed gets them back; uninstall forgets it', () => {
  const { ws, root, cliJs } = setup(true);
  connectAgents({ workspace: ws, agents: ['cursor', 'windsurf'], root, cliJs });
  assert.deepEqual(restoreMissing({ workspace: ws, root, cliJs }), [], 'nothing missing');
  // An agent rewrites the Cursor file without Airlock's entries, and deletes the Windsurf file.
  fs.writeFileSync(path.join(ws, '.cursor/hooks.json'), '{"version":1,"hooks":{}}\n');
  fs.rmSync(path.join(ws, '.windsurf/hooks.json'));
  const restored = restoreMissing({ workspace: ws, root, cliJs });
  assert.deepEqual(restored.map((r) => [r.agent, r.status]).sort(), [['cursor', 'installed'], ['windsurf', 'installed']]);
  assert.ok(hookFileStatus('cursor', ws).installed && hookFileStatus('windsurf', ws).installed);
  disconnectAgents({ workspace: ws, agents: ['cursor', 'windsurf'], root });
  assert.deepEqual(restoreMissing({ workspace: ws, root, cliJs }), [], 'a person who disconnected is not overridden');
  assert.equal(hookFileStatus('claude', ws).installed, false, 'never connected, never installed');
});
