// Cline's two payload generations (the extension's PreToolUse and the CLI's tool_call), the CLI's
// own tools, and the rule that a tool Airlock does not know is still judged by what it carries.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DIALECTS } from '../../../src/agents/index';
import { unknownToolActions } from '../../../src/agents/cline';
import type { AgentAction } from '../../../src/core/action';
import { classify } from '../../../src/core/classify';
import { loadShellParser } from '../../../src/host/shell_wasm';

before(async () => {
  await loadShellParser();
});

const FIXTURES = path.join(process.cwd(), 'test/fixtures/agents/cline');
const load = (f: string): Record<string, unknown> => JSON.parse(fs.readFileSync(path.join(FIXTURES, f), 'utf8'));
const d = DIALECTS.cline;

function actionsOf(payload: unknown, hint?: string): AgentAction[] {
  const r = d.parse(payload, hint);
  assert.ok(r.ok, r.ok ? '' : r.error);
  return r.call.actions;
}

const decide = (a: AgentAction) => classify(a, { cwd: '/home/dev/shop', home: '/home/dev' });
const commands = (actions: AgentAction[]) => actions.map((a) => (a.kind === 'shell' ? a.command : `<${a.kind}>`));

test('the CLI event names are accepted and mapped: tool_call is a pre, tool_result a post, prompt_submit a prompt', () => {
  for (const [f, phase, event] of [
    ['tool_call.run_commands.json', 'pre', 'tool_call'],
    ['tool_result.json', 'post', 'tool_result'],
    ['prompt_submit.json', 'prompt', 'prompt_submit'],
  ] as const) {
    const r = d.parse(load(f), 'PreToolUse');
    assert.ok(r.ok, f);
    assert.equal(r.call.phase, phase, f);
    assert.equal(r.call.event, event, 'the event is recorded as Cline spelled it');
    assert.equal(r.call.sessionId, 'sess-1');
  }
  const ended = d.parse({ ...load('prompt_submit.json'), hookName: 'agent_end' });
  assert.ok(ended.ok && ended.call.phase === 'stop');
});

test('run_commands: every command in the array is judged, and the canary delete among them is flagged', () => {
  const actions = actionsOf(load('tool_call.run_commands.json'));
  assert.deepEqual(commands(actions), ['ls -la', 'rm -rf ./canary']);
  assert.equal(decide(actions[0]!).decision, 'allow');
  assert.notEqual(decide(actions[1]!).decision, 'allow');
});

test('run_commands given only as the legacy JSON string (with an argv entry) is decoded, not passed as opaque', () => {
  const actions = actionsOf(load('tool_call.run_commands.legacy.json'));
  assert.deepEqual(commands(actions), ['git status', 'terraform destroy -auto-approve']);
  assert.notEqual(decide(actions[1]!).decision, 'allow');
});

test('run_commands in every shape its schema accepts', () => {
  const pre = (input: unknown) => ({ hookName: 'tool_call', workspaceRoots: ['/w'], tool_call: { id: 'c', name: 'run_commands', input } });
  assert.deepEqual(commands(actionsOf(pre('rm -rf build'))), ['rm -rf build']);
  assert.deepEqual(commands(actionsOf(pre(['ls', 'rm -rf build']))), ['ls', 'rm -rf build']);
  assert.deepEqual(commands(actionsOf(pre({ commands: 'rm -rf build' }))), ['rm -rf build']);
  assert.deepEqual(commands(actionsOf(pre({ commands: '["ls","rm -rf build"]' }))), ['ls', 'rm -rf build']);
  assert.deepEqual(commands(actionsOf(pre({ command: 'rm -rf build' }))), ['rm -rf build']);
  assert.deepEqual(commands(actionsOf(pre({ cmd: 'rm -rf build' }))), ['rm -rf build']);
  assert.deepEqual(commands(actionsOf(pre({ command: 'rm', args: ['-rf', 'my dir'] }))), ["rm -rf 'my dir'"]);
  assert.deepEqual(commands(actionsOf(pre([{ command: 'rm', args: ['-rf', 'build'] }]))), ['rm -rf build']);
  // One entry Airlock cannot read makes the call unreadable: refused (blocked), never half-judged.
  const r = d.parse(pre({ commands: ['ls', 42] }));
  assert.ok(!r.ok && /without input Airlock can read/.test(r.error));
});

test('read_files: every files[].path is a read, and the .env among them asks', () => {
  const actions = actionsOf(load('tool_call.read_files.json'));
  assert.deepEqual(actions.map((a) => (a.kind === 'read' ? a.path : '')), ['/home/dev/shop/README.md', '/home/dev/shop/.env']);
  assert.equal(decide(actions[0]!).decision, 'allow');
  assert.equal(decide(actions[1]!).decision, 'ask');
  const legacyOnly = { ...load('tool_call.read_files.json') };
  delete legacyOnly.tool_call;
  assert.deepEqual(actionsOf(legacyOnly).map((a) => a.kind), ['read', 'read'], 'the JSON-string files list is decoded');
  const pre = (input: unknown) => ({ hookName: 'tool_call', workspaceRoots: ['/w'], tool_call: { id: 'c', name: 'read_files', input } });
  for (const input of [{ file_paths: ['.env'] }, { paths: '.env' }, ['.env'], '.env', { path: '.env' }, { files: ['.env'] }]) {
    const a = actionsOf(pre(input));
    assert.ok(a.length === 1 && a[0]!.kind === 'read' && a[0]!.path === '.env', JSON.stringify(input));
  }
});

test('editor writes, apply_patch files, MCP tools named server__tool, fetch_web_content urls', () => {
  const pre = (name: string, input: unknown) => ({ hookName: 'tool_call', workspaceRoots: ['/w'], tool_call: { id: 'c', name, input } });
  const edit = actionsOf(pre('editor', { path: '/w/.claude/settings.json', old_text: 'a', new_text: '{}' }))[0]!;
  assert.ok(edit.kind === 'write' && edit.path === '/w/.claude/settings.json');
  assert.equal(decide({ ...edit, cwd: '/w' }).decision, 'deny', "an edit of Airlock's hook file is refused");
  const mcp = actionsOf(load('tool_call.mcp.json'))[0]!;
  assert.ok(mcp.kind === 'mcp' && mcp.server === 'railway' && mcp.tool === 'volumeDelete');
  const patch = '*** Begin Patch\n*** Delete File: src/db.ts\n*** Update File: src/a.ts\n@@\n-a\n+b\n*** End Patch';
  for (const input of [{ input: patch }, patch]) {
    assert.deepEqual(actionsOf(pre('apply_patch', input)).map((a) => `${a.kind} ${a.kind === 'delete' || a.kind === 'write' ? a.path : ''}`), ['delete src/db.ts', 'write src/a.ts']);
  }
  const fetch = actionsOf(pre('fetch_web_content', { requests: [{ url: 'https://example.com', prompt: 'summarise' }] }))[0]!;
  assert.ok(fetch.kind === 'fetch' && fetch.url === 'https://example.com');
});

test('an unknown Cline tool carrying a command or a path is judged by it, never passed through as opaque', () => {
  const pre = (name: string, input: unknown) => ({ hookName: 'tool_call', workspaceRoots: ['/home/dev/shop'], tool_call: { id: 'c', name, input } });
  const flagged: Array<[string, unknown]> = [
    ['run_shell_v2', { script: 'rm -rf ./canary' }],
    ['terminal_exec', { job: { command: 'rm -rf ./canary' } }],
    ['batch_exec', { steps: [{ cmd: 'terraform destroy -auto-approve' }] }],
    ['open_file', { target: '.env' }],
    ['peek', { arguments: '{"location":"/home/dev/shop/.env"}' }],
    ['grab', { items: ['~/.ssh/id_rsa'] }],
  ];
  for (const [tool, input] of flagged) {
    const actions = actionsOf(pre(tool, input));
    assert.ok(actions.some((a) => a.kind === 'shell' || a.kind === 'read'), `${tool}: command or path found`);
    assert.ok(actions.some((a) => decide(a).decision !== 'allow'), `${tool} ${JSON.stringify(input)} must not be allowed`);
  }
  const benign: Array<[string, unknown]> = [
    ['ask_question', { question: 'Which branch?', options: ['main', 'dev'] }],
    ['submit_and_exit', { result: 'Done. All tests pass.' }],
    ['run_shell_v2', { script: 'ls -la' }],
  ];
  for (const [tool, input] of benign) {
    const actions = actionsOf(pre(tool, input));
    assert.ok(actions.every((a) => decide(a).decision === 'allow'), `${tool} stays allowed`);
  }
  // Past the walk's bound the call is refused rather than let through as opaque.
  const huge = { list: Array.from({ length: 500 }, (_, i) => `item ${i}`) };
  assert.deepEqual(unknownToolActions('huge', huge), []);
  assert.equal(d.parse(pre('huge', huge)).ok, false);
});

test('CLI run_commands/read_files blocks empty the input and give the model the reason; other blocks cancel', () => {
  const DENY = { decision: 'deny' as const, reason: 'rm -rf deletes canary recursively.' };
  const r = d.parse(load('tool_call.run_commands.json'));
  assert.ok(r.ok);
  const out = d.render(r.call, DENY);
  const j = JSON.parse(out.stdout);
  assert.equal(out.exitCode, 0);
  assert.equal(j.cancel, false, 'cancel would end the task with the reason lost (3.0.65)');
  assert.deepEqual(j.overrideInput, { commands: [] }, 'nothing runs');
  assert.match(j.context, /Airlock: rm -rf deletes canary.*not run/);
  const read = d.parse(load('tool_call.read_files.json'));
  assert.ok(read.ok);
  assert.deepEqual(JSON.parse(d.render(read.call, DENY).stdout).overrideInput, { files: [] });
  // The extension's payload, MCP and unknown tools, and lockdown: cancel, as Cline documents.
  const legacy = d.parse(load('PreToolUse.json'));
  const mcp = d.parse(load('tool_call.mcp.json'));
  assert.ok(legacy.ok && mcp.ok);
  for (const [call, answer] of [[legacy.call, DENY], [mcp.call, DENY], [r.call, { ...DENY, lockdown: true }]] as const) {
    const c = JSON.parse(d.render(call, answer).stdout);
    assert.equal(c.cancel, true, call.event);
    assert.equal(c.overrideInput, undefined);
    assert.match(c.errorMessage, /Airlock: rm -rf deletes canary/);
  }
});

test('post events and allows never cancel', () => {
  const post = d.parse(load('tool_result.json'));
  assert.ok(post.ok && post.call.exitCode === 1 && post.call.durationMs === 41);
  assert.equal(JSON.parse(d.render(post.call, { decision: 'deny', reason: 'x' }).stdout).cancel, false);
});
