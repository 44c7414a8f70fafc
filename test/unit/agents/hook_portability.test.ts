// Hook files travel: what Airlock writes into a workspace names no one's home directory, runs the
// shim on any machine where Airlock is set up, and on a machine without Airlock blocks with one clear
// line. Hook commands are run here through `sh -c`, as the agents run them.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { parse as parseJsonc } from 'jsonc-parser';
import { HOOK_AGENTS } from '../../../src/core/action';
import { claudePolicyPatterns, connectAgents, disconnectAgents } from '../../../src/agents/install/index';
import { SHIM_MISSING_MESSAGE } from '../../../src/agents/install/shim';

const posix = process.platform !== 'win32';

function setup() {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'airlock-travel-'));
  const home = path.join(base, 'home', 'alice');
  const ws = path.join(base, 'repo');
  fs.mkdirSync(home, { recursive: true });
  fs.mkdirSync(ws);
  const cliJs = path.join(base, 'ext', 'dist', 'cli.js');
  fs.mkdirSync(path.dirname(cliJs), { recursive: true });
  // Stands in for the real CLI: says how the shim started it.
  fs.writeFileSync(cliJs, 'console.log(JSON.stringify(process.argv.slice(2)));\n');
  return { base, home, ws, cliJs, root: path.join(home, '.airlock') };
}

function hookCommands(ws: string): string[] {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) if ((k === 'command' || k === 'bash') && typeof x === 'string') out.push(x);
      else walk(x);
    }
  };
  for (const f of ['.cursor/hooks.json', '.claude/settings.local.json', '.github/hooks/airlock.json', '.codex/hooks.json', '.gemini/settings.json', '.windsurf/hooks.json']) {
    if (fs.existsSync(path.join(ws, f))) walk(parseJsonc(fs.readFileSync(path.join(ws, f), 'utf8')));
  }
  return out;
}

function workspaceText(ws: string): string {
  let all = '';
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else all += fs.readFileSync(p, 'utf8');
    }
  };
  walk(ws);
  return all;
}

test('no file Airlock writes into the workspace names the home directory or the extension folder', { skip: !posix }, () => {
  const { base, home, ws, cliJs, root } = setup();
  const results = connectAgents({ workspace: ws, agents: HOOK_AGENTS, root, home, cliJs, runtime: process.execPath });
  assert.deepEqual(results.map((r) => r.status), HOOK_AGENTS.map(() => 'installed'));
  const text = workspaceText(ws);
  assert.ok(!text.includes(home) && !text.includes(base), 'a workspace file holds a machine-specific path');
  const commands = hookCommands(ws);
  assert.ok(commands.length >= 20);
  for (const c of commands) assert.match(c, /exec "\$HOME\/\.airlock\/bin\/airlock-hook" --agent [a-z]+( --event \w+)?$/);
});

test('the committed command runs the shim on any machine where Airlock is set up', { skip: !posix }, () => {
  const { ws, cliJs, root, home } = setup();
  connectAgents({ workspace: ws, agents: ['cursor', 'copilot'], root, home, cliJs, runtime: process.execPath });
  const [cursor] = hookCommands(ws);
  const r = spawnSync('sh', ['-c', cursor!], { cwd: ws, encoding: 'utf8', env: { ...process.env, HOME: home }, input: '{}' });
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), ['hook', '--agent', 'cursor']);
  const copilot = JSON.parse(fs.readFileSync(path.join(ws, '.github/hooks/airlock.json'), 'utf8')).hooks.PreToolUse[0].bash as string;
  const c = spawnSync('bash', ['-c', copilot], { cwd: ws, encoding: 'utf8', env: { ...process.env, HOME: home }, input: '{}' });
  assert.deepEqual(JSON.parse(c.stdout), ['hook', '--agent', 'copilot', '--event', 'PreToolUse']);
});

test('a teammate without Airlock: every hook blocks (exit 2) with the one documented line', { skip: !posix }, () => {
  const { ws, cliJs, root, home, base } = setup();
  connectAgents({ workspace: ws, agents: HOOK_AGENTS, root, home, cliJs, runtime: process.execPath });
  const bob = path.join(base, 'home', 'bob');
  fs.mkdirSync(bob, { recursive: true });
  const env = { ...process.env, HOME: bob };
  const clineHook = path.join(ws, '.clinerules', 'hooks', 'PreToolUse');
  const runs = [...new Set(hookCommands(ws))].map((c) => spawnSync('sh', ['-c', c], { cwd: ws, encoding: 'utf8', env, input: '{}' }));
  runs.push(spawnSync(clineHook, [], { cwd: ws, encoding: 'utf8', env, input: '{}' }));
  for (const r of runs) {
    assert.equal(r.status, 2);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, `${SHIM_MISSING_MESSAGE}\n`);
  }
  assert.ok(SHIM_MISSING_MESSAGE.startsWith('Airlock blocked this: '));
});

test('a state directory outside HOME is named by its absolute path, quoted', { skip: !posix }, () => {
  const { ws, cliJs, base, home } = setup();
  const root = path.join(base, 'state dir');
  connectAgents({ workspace: ws, agents: ['cursor'], root, home, cliJs, runtime: process.execPath });
  const [cursor] = hookCommands(ws);
  assert.ok(cursor!.endsWith(`exec '${root}/bin/airlock-hook' --agent cursor`));
  const r = spawnSync('sh', ['-c', cursor!], { cwd: ws, encoding: 'utf8', input: '{}' });
  assert.deepEqual(JSON.parse(r.stdout), ['hook', '--agent', 'cursor']);
});

test('merging into a commented, hand-formatted hooks.json keeps its layout; uninstall gives it back byte for byte', () => {
  const { ws, cliJs, root, home } = setup();
  const original = '// Team hooks: keep this file tidy\n{\n    "version": 1 // schema\n}\n';
  fs.mkdirSync(path.join(ws, '.cursor'));
  fs.writeFileSync(path.join(ws, '.cursor/hooks.json'), original);
  connectAgents({ workspace: ws, agents: ['cursor'], root, home, cliJs, runtime: process.execPath });
  const merged = fs.readFileSync(path.join(ws, '.cursor/hooks.json'), 'utf8');
  // The comment stays with its value; the comma goes before it.
  assert.ok(merged.startsWith('// Team hooks: keep this file tidy\n{\n    "version": 1, // schema\n    "hooks": {\n'), merged.slice(0, 120));
  const lines = merged.split('\n');
  // One entry per line group, in the file's own 4-space step, not one long line.
  assert.ok(lines.length > 40, `expected a laid-out file, got ${lines.length} lines`);
  assert.ok(lines.includes('    "hooks": {'));
  assert.ok(lines.includes('        "beforeShellExecution": ['));
  assert.ok(lines.some((l) => /^ {16}"failClosed": true,$/.test(l)));
  assert.ok(lines.every((l) => l.length < 400));
  assert.equal((merged.match(/"beforeShellExecution"/g) ?? []).length, 1);
  disconnectAgents({ workspace: ws, agents: ['cursor'], root });
  assert.equal(fs.readFileSync(path.join(ws, '.cursor/hooks.json'), 'utf8'), original);
});

test('Claude denies: /proc/*/environ is absolute (//), Windows home paths only on Windows, never relative to the workspace', () => {
  assert.deepEqual(claudePolicyPatterns(['/proc/*/environ', 'AppData/Local/Airlock/windows/*.token', '~/.aws/**', '.env'], 'linux'), ['//proc/*/environ', '~/.aws/**', '.env']);
  assert.deepEqual(claudePolicyPatterns(['AppData/Local/Airlock/windows/*.token'], 'win32'), ['~/AppData/Local/Airlock/windows/*.token']);
  const { ws, cliJs, root, home } = setup();
  connectAgents({ workspace: ws, agents: ['claude'], root, home, cliJs, runtime: process.execPath });
  const deny = JSON.parse(fs.readFileSync(path.join(ws, '.claude/settings.local.json'), 'utf8')).permissions.deny as string[];
  assert.ok(deny.includes('Read(//proc/*/environ)'));
  assert.ok(deny.includes('Read(./.env)'));
  assert.deepEqual(deny.filter((d) => /proc|AppData/.test(d) && d !== 'Read(//proc/*/environ)' && !(process.platform === 'win32' && d.startsWith('Read(~/AppData/'))), []);
});
