import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DIALECTS, dialectFor } from '../../../src/agents/index';
import type { HookAnswer, HookCall } from '../../../src/agents/types';
import { HOOK_AGENTS } from '../../../src/core/action';

const FIXTURES = path.join(process.cwd(), 'test/fixtures/agents');
const expected = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'expected.json'), 'utf8')) as Record<string, { phase: string; kinds: string[]; eventHint?: string }>;

function load(rel: string): unknown {
  return JSON.parse(fs.readFileSync(path.join(FIXTURES, rel), 'utf8'));
}

function parseFixture(rel: string): HookCall {
  const agent = rel.split('/')[0]!;
  // The Copilot CLI payload has no event name; the installed command line passes it (--event).
  const r = dialectFor(agent)!.parse(load(rel), expected[rel]?.eventHint);
  assert.ok(r.ok, `${rel}: ${r.ok ? '' : r.error}`);
  return r.call;
}

const DENY: HookAnswer = { decision: 'deny', reason: 'rm -rf deletes src recursively.', rules: ['fs.recursive-delete'] };
const ALLOW: HookAnswer = { decision: 'allow', reason: 'No rule matched.' };
const ASK: HookAnswer = { decision: 'ask', reason: 'terraform destroy removes infrastructure.' };
const LOCK: HookAnswer = { decision: 'deny', reason: 'Lockdown is on.', lockdown: true };

test('every agent has fixtures, and every fixture file is listed with its expectation', () => {
  for (const agent of HOOK_AGENTS) {
    const files = fs.readdirSync(path.join(FIXTURES, agent)).filter((f) => f.endsWith('.json'));
    assert.ok(files.length >= 5, `${agent} has ${files.length} fixtures`);
    for (const f of files) assert.ok(expected[`${agent}/${f}`], `${agent}/${f} missing from expected.json`);
  }
});

for (const [rel, exp] of Object.entries(expected)) {
  test(`fixture ${rel} parses into ${exp.phase} [${exp.kinds.join(', ')}]`, () => {
    const call = parseFixture(rel);
    assert.equal(call.phase, exp.phase);
    assert.deepEqual(call.actions.map((a) => a.kind), exp.kinds);
    assert.equal(call.agent, rel.split('/')[0]);
  });
}

test('every dialect lists the events its fixtures use', () => {
  for (const rel of Object.keys(expected)) {
    const [agent, file] = rel.split('/') as [string, string];
    const call = parseFixture(rel);
    assert.ok((DIALECTS as Record<string, { events: readonly string[] }>)[agent]!.events.includes(call.event), `${agent} does not list ${call.event} (${file})`);
  }
});

test('tool inputs are read into the right fields', () => {
  const bash = parseFixture('claude/PreToolUse.json').actions[0]!;
  assert.deepEqual(bash.kind === 'shell' && bash.command, 'git status');
  const codex = parseFixture('codex/PreToolUse.json').actions[0]!;
  assert.ok(codex.kind === 'shell' && codex.command.startsWith('curl -X POST https://backboard.railway.app/graphql/v2'), 'codex argv bash -lc script is judged as the script');
  const patch = parseFixture('codex/PreToolUse.apply_patch.json').actions;
  assert.deepEqual(patch.map((a) => (a.kind === 'write' || a.kind === 'delete' ? a.path : '')), ['src/a.ts', 'src/old.ts']);
  const cli = parseFixture('copilot/PreToolUse.cli.json').actions[0]!;
  assert.ok(cli.kind === 'shell' && cli.command === 'terraform destroy -auto-approve');
  const mcp = parseFixture('claude/PreToolUse.mcp.json').actions[0]!;
  assert.ok(mcp.kind === 'mcp' && mcp.server === 'railway' && mcp.tool === 'volumeDelete');
  const cursorMcp = parseFixture('cursor/beforeMCPExecution.json').actions[0]!;
  assert.ok(cursorMcp.kind === 'mcp' && (cursorMcp.input as { sql: string }).sql === 'select 1', 'Cursor tool_input JSON string decoded');
  const clineMcp = parseFixture('cline/PreToolUse.use_mcp_tool.json').actions[0]!;
  assert.ok(clineMcp.kind === 'mcp' && clineMcp.tool === 'volumeDelete' && clineMcp.server === 'railway');
  const read = parseFixture('copilot/PreToolUse.read_file.json').actions[0]!;
  assert.ok(read.kind === 'read' && read.path.endsWith('/package.json'));
  const post = parseFixture('codex/PostToolUse.json');
  assert.equal(post.exitCode, 1);
  assert.equal(parseFixture('cursor/afterShellExecution.json').durationMs, 2300);
});

test('an unknown tool with a command is judged as a shell command, others as an opaque tool call', () => {
  const r = dialectFor('claude')!.parse({ hook_event_name: 'PreToolUse', cwd: '/w', tool_name: 'SomeNewShell', tool_input: { command: 'rm -rf /' } });
  assert.ok(r.ok && r.call.actions[0]!.kind === 'shell');
  const r2 = dialectFor('claude')!.parse({ hook_event_name: 'PreToolUse', cwd: '/w', tool_name: 'TodoWrite', tool_input: { todos: [] } });
  assert.ok(r2.ok && r2.call.actions[0]!.kind === 'mcp');
});

test('Cursor: blocks print permission and decision, exit 2; ask only where Cursor enforces it', () => {
  const d = DIALECTS.cursor;
  const shell = parseFixture('cursor/beforeShellExecution.json');
  const out = d.render(shell, DENY);
  assert.equal(out.exitCode, 2);
  const j = JSON.parse(out.stdout);
  assert.equal(j.permission, 'deny');
  assert.equal(j.decision, 'deny');
  assert.match(j.user_message, /rm -rf deletes src/);
  assert.match(j.agent_message, /Do not retry/);
  assert.match(out.stderr, /Airlock: rm -rf/);
  // Cursor ignores a hook's `ask` in some modes (Auto-review runs the command), so ask is a block on every event.
  for (const call of [shell, parseFixture('cursor/beforeReadFile.json'), parseFixture('cursor/beforeMCPExecution.json')]) {
    const ask = d.render(call, ASK);
    assert.equal(ask.exitCode, 2, `${call.event}: ask must block`);
    assert.equal(JSON.parse(ask.stdout).permission, 'deny', call.event);
  }
  const allow = d.render(shell, ALLOW);
  assert.equal(allow.exitCode, 0);
  assert.equal(JSON.parse(allow.stdout).permission, 'allow');
  assert.equal(d.render(parseFixture('cursor/afterShellExecution.json'), DENY).exitCode, 0, 'post events never block');
});

test('Claude/Copilot/Codex: deny is exit 2 with stderr + permissionDecision; allow stays silent; lockdown carries continue:false', () => {
  for (const agent of ['claude', 'copilot', 'codex'] as const) {
    const d = DIALECTS[agent];
    const call = parseFixture(`${agent}/PreToolUse.json`);
    const deny = d.render(call, DENY);
    assert.equal(deny.exitCode, 2, agent);
    assert.match(deny.stderr, /rm -rf deletes src/);
    assert.equal(JSON.parse(deny.stdout).hookSpecificOutput.permissionDecision, 'deny');
    const allow = d.render(call, ALLOW);
    assert.equal(allow.exitCode, 0);
    assert.deepEqual(JSON.parse(allow.stdout), {}, 'no allow: the agent keeps its own permission prompts');
    const ask = JSON.parse(d.render(call, ASK).stdout);
    assert.equal(ask.hookSpecificOutput.permissionDecision, 'ask');
    assert.equal(ask.hookSpecificOutput.hookEventName, 'PreToolUse');
    const lock = d.render(call, LOCK);
    const lj = JSON.parse(lock.stdout);
    assert.equal(lj.continue, false);
    assert.equal(lj.hookSpecificOutput.permissionDecision, 'deny');
    assert.equal(lock.exitCode, 0, 'exit 0 so the JSON (continue:false) is read');
    const stop = d.render(parseFixture(`${agent}/Stop.json`), DENY);
    assert.equal(stop.exitCode, 0, 'a blocked Stop would make the agent keep going');
    assert.equal(JSON.parse(d.render(parseFixture(`${agent}/Stop.json`), LOCK).stdout).continue, false);
  }
  assert.equal(JSON.parse(DIALECTS.copilot.render(parseFixture('copilot/PreToolUse.cli.json'), DENY).stdout).permissionDecision, 'deny', 'Copilot CLI reads the top-level field');
});

test('Copilot CLI: a deny is JSON on exit 0 so the model gets the reason; VS Code Copilot keeps exit 2', () => {
  const d = DIALECTS.copilot;
  const cliCall = parseFixture('copilot/PreToolUse.cli.json');
  assert.equal(cliCall.frontEnd, 'copilot-cli');
  const cli = d.render(cliCall, DENY);
  assert.equal(cli.exitCode, 0, 'exit 2 would reach the model as "hook exited with code 2" only');
  const j = JSON.parse(cli.stdout);
  assert.equal(j.permissionDecision, 'deny');
  assert.match(j.permissionDecisionReason, /Airlock: rm -rf deletes src recursively\. Do not retry/);
  assert.equal(j.hookSpecificOutput.permissionDecision, 'deny');
  assert.match(cli.stderr, /rm -rf deletes src/);
  assert.deepEqual(JSON.parse(d.render(cliCall, ALLOW).stdout), {}, 'benign: no opinion, the CLI keeps its own prompts');
  // 1.0.102 sends Claude's snake_case payload to PascalCase hook entries: still the CLI.
  const snake = parseFixture('copilot/PreToolUse.cli-claude-shape.json');
  assert.equal(snake.frontEnd, 'copilot-cli');
  assert.equal(d.render(snake, DENY).exitCode, 0);
  const vscodeCall = parseFixture('copilot/PreToolUse.json');
  assert.equal(vscodeCall.frontEnd, undefined);
  assert.equal(d.render(vscodeCall, DENY).exitCode, 2);
  // The same payload shape from Claude or Codex is not the Copilot CLI.
  const claudeCall = DIALECTS.claude.parse(load('copilot/PreToolUse.cli.json'), 'PreToolUse');
  assert.ok(claudeCall.ok && claudeCall.call.frontEnd === undefined);
  assert.equal(DIALECTS.claude.render(claudeCall.call, DENY).exitCode, 2);
});

test('Gemini: decision deny + exit 2; Windsurf: exit 2 only, ask blocks; Cline: cancel', () => {
  const g = DIALECTS.gemini.render(parseFixture('gemini/BeforeTool.json'), ASK);
  assert.equal(g.exitCode, 2);
  assert.equal(JSON.parse(g.stdout).decision, 'deny');
  const w = DIALECTS.windsurf.render(parseFixture('windsurf/pre_run_command.json'), ASK);
  assert.equal(w.exitCode, 2);
  assert.equal(w.stdout, '');
  assert.match(w.stderr, /terraform destroy removes/);
  assert.equal(DIALECTS.windsurf.render(parseFixture('windsurf/pre_run_command.json'), ALLOW).exitCode, 0);
  const c = DIALECTS.cline.render(parseFixture('cline/PreToolUse.json'), DENY);
  const cj = JSON.parse(c.stdout);
  assert.equal(cj.cancel, true);
  assert.match(cj.errorMessage, /rm -rf/);
  assert.equal(JSON.parse(DIALECTS.cline.render(parseFixture('cline/PreToolUse.json'), ALLOW).stdout).cancel, false);
});

test('garbage, unknown events and incomplete payloads are refused with a reason', () => {
  const garbage: unknown[] = [null, 42, 'rm -rf /', [], {}, { hook_event_name: 7 }];
  for (const agent of HOOK_AGENTS) {
    const d = DIALECTS[agent];
    for (const g of garbage) {
      const r = d.parse(g);
      assert.equal(r.ok, false, `${agent} accepted ${JSON.stringify(g)}`);
      if (!r.ok) assert.ok(r.error.length > 5 && !r.error.includes('\n    at '), 'a reason, not a stack');
    }
    const refusal = d.renderRefusal('the hook payload is not valid JSON');
    if (agent === 'cline') assert.equal(JSON.parse(refusal.stdout).cancel, true);
    else assert.equal(refusal.exitCode, 2, agent);
    assert.match(refusal.stderr, /not valid JSON/);
  }
  const unknown = DIALECTS.cursor.parse({ hook_event_name: 'beforeEverything', workspace_roots: [] });
  assert.ok(!unknown.ok && /unknown event/.test(unknown.error));
  const noCommand = DIALECTS.cursor.parse({ hook_event_name: 'beforeShellExecution', workspace_roots: [] });
  assert.ok(!noCommand.ok && /command/.test(noCommand.error));
  const noInput = DIALECTS.claude.parse({ hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: {} });
  assert.ok(!noInput.ok && /without the input/.test(noInput.error));
  const windsurf = DIALECTS.windsurf.parse({ agent_action_name: 'pre_run_command', tool_info: {} });
  assert.ok(!windsurf.ok && /command_line/.test(windsurf.error));
});

test('a payload without an event name is read by its fields (still judged), or refused when they match nothing', () => {
  const shell = DIALECTS.cursor.parse({ command: 'rm -rf src', cwd: '/w', workspace_roots: ['/w'] });
  assert.ok(shell.ok && shell.call.event === 'beforeShellExecution' && shell.call.phase === 'pre');
  const read = DIALECTS.cursor.parse({ file_path: '/w/.env', content: '' });
  assert.ok(read.ok && read.call.event === 'beforeReadFile');
  const tool = DIALECTS.cursor.parse({ tool_name: 'Shell', tool_input: { command: 'ls' } });
  assert.ok(tool.ok && tool.call.event === 'preToolUse');
  const after = DIALECTS.cursor.parse({ command: 'ls', output: 'a', duration: 3 });
  assert.ok(after.ok && after.call.phase === 'post');
  const claude = DIALECTS.claude.parse({ cwd: '/w', tool_name: 'Bash', tool_input: { command: 'terraform destroy' } });
  assert.ok(claude.ok && claude.call.phase === 'pre');
  const post = DIALECTS.claude.parse({ cwd: '/w', tool_name: 'Bash', tool_input: { command: 'ls' }, tool_response: {} });
  assert.ok(post.ok && post.call.phase === 'post');
  for (const agent of ['cursor', 'claude'] as const) {
    const nothing = DIALECTS[agent].parse({ conversation_id: 'c', session_id: 's' });
    assert.ok(!nothing.ok && /no hook_event_name/.test(nothing.error), agent);
  }
});
