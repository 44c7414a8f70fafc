// Airlock's Cline plugin (.cline/plugins/airlock.js): the installer writes and removes it, and the
// real module (imported from the text the installer writes) turns the hook script's verdict on an
// MCP call into Cline's "skip with a reason", refuses calls it has no verdict for, and leaves the
// other tools alone.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DIALECTS } from '../../../src/agents/index';
import { callRecordPath, isClineMcpTool, sessionMarkerPath, writeCallRecord } from '../../../src/agents/cline_handoff';
import { connectAgents, disconnectAgents, hookFileStatus, restoreMissing } from '../../../src/agents/install/index';
import { CLINE_PLUGIN_FILE, CLINE_PLUGIN_SOURCE } from '../../../src/agents/install/cline_plugin';

type BeforeTool = (ctx: unknown) => { skip?: boolean; reason?: string } | undefined;
interface PluginModule {
  default: { name: string; manifest: { capabilities: string[] }; setup: (api: unknown, ctx: unknown) => void; hooks: { beforeTool: BeforeTool } };
  isMcpTool: (name: string) => boolean;
}

const base = fs.mkdtempSync(path.join(os.tmpdir(), 'alcp-'));
const home = path.join(base, 'home');
const root = path.join(home, '.airlock');
const oldHome = process.env.HOME;
let imports = 0;

/** A fresh instance of the plugin exactly as installed (each import has its own session state). */
async function loadPlugin(): Promise<PluginModule> {
  const file = path.join(base, `airlock-${++imports}.mjs`);
  fs.writeFileSync(file, CLINE_PLUGIN_SOURCE);
  return (await import(pathToFileURL(file).href)) as PluginModule;
}

const call = (name: string, toolCallId: string | undefined = 'call_1') => ({
  snapshot: { agentId: 'a', conversationId: 'conv_1' },
  tool: { name, description: 'x' },
  toolCall: { ...(toolCallId ? { toolCallId } : {}), toolName: name, input: {} },
  input: {},
});

before(() => {
  fs.mkdirSync(home, { recursive: true });
  process.env.HOME = home;
});
after(() => {
  process.env.HOME = oldHome;
  fs.rmSync(base, { recursive: true, force: true });
});

function workspace(): { ws: string; state: string; cliJs: string } {
  const b = fs.mkdtempSync(path.join(base, 'ws-'));
  const ws = path.join(b, 'ws');
  fs.mkdirSync(ws);
  const cliJs = path.join(b, 'ext', 'dist', 'cli.js');
  fs.mkdirSync(path.dirname(cliJs), { recursive: true });
  fs.writeFileSync(cliJs, '');
  return { ws, state: path.join(b, 'state'), cliJs };
}

test('install writes the plugin beside the hook scripts, twice changes nothing, uninstall takes it and .cline/ back', () => {
  const { ws, state, cliJs } = workspace();
  const opts = { workspace: ws, agents: ['cline'] as const, root: state, cliJs, runtime: process.execPath };
  assert.equal(connectAgents(opts)[0]!.status, 'installed');
  const plugin = path.join(ws, CLINE_PLUGIN_FILE);
  assert.equal(fs.readFileSync(plugin, 'utf8'), CLINE_PLUGIN_SOURCE);
  assert.ok(fs.existsSync(path.join(ws, '.clinerules/hooks/PreToolUse')));
  assert.deepEqual(hookFileStatus('cline', ws).missing, []);
  assert.equal(connectAgents(opts)[0]!.status, 'unchanged');

  // Deleted (or edited away): reported missing, and put back.
  fs.rmSync(plugin);
  assert.deepEqual(hookFileStatus('cline', ws).missing, [CLINE_PLUGIN_FILE]);
  assert.deepEqual(restoreMissing({ workspace: ws, root: state, cliJs, runtime: process.execPath }).map((r) => r.status), ['installed']);
  assert.equal(fs.readFileSync(plugin, 'utf8'), CLINE_PLUGIN_SOURCE);

  assert.equal(disconnectAgents({ workspace: ws, agents: ['cline'], root: state })[0]!.status, 'removed');
  assert.ok(!fs.existsSync(path.join(ws, '.cline')), '.cline/plugins was Airlock\'s alone: removed');
  assert.ok(!fs.existsSync(path.join(ws, '.clinerules')));
  assert.deepEqual(fs.readdirSync(ws), []);
});

test("a plugin file of the person's own is left alone, and other plugins keep .cline/plugins", () => {
  const { ws, state, cliJs } = workspace();
  const mineFile = path.join(ws, CLINE_PLUGIN_FILE);
  fs.mkdirSync(path.dirname(mineFile), { recursive: true });
  fs.writeFileSync(mineFile, 'export default { name: "mine", manifest: { capabilities: [] } };\n');
  const r = connectAgents({ workspace: ws, agents: ['cline'], root: state, cliJs, runtime: process.execPath })[0]!;
  assert.equal(r.status, 'skipped');
  assert.match(r.message!, /\.cline\/plugins\/airlock\.js/);
  assert.match(fs.readFileSync(mineFile, 'utf8'), /name: "mine"/);
  disconnectAgents({ workspace: ws, agents: ['cline'], root: state });
  assert.match(fs.readFileSync(mineFile, 'utf8'), /name: "mine"/, 'uninstall keeps it too');

  const { ws: ws2, state: state2, cliJs: cli2 } = workspace();
  const other = path.join(ws2, '.cline/plugins/other.js');
  fs.mkdirSync(path.dirname(other), { recursive: true });
  fs.writeFileSync(other, '// another plugin\n');
  connectAgents({ workspace: ws2, agents: ['cline'], root: state2, cliJs: cli2, runtime: process.execPath });
  assert.ok(fs.existsSync(path.join(ws2, CLINE_PLUGIN_FILE)));
  disconnectAgents({ workspace: ws2, agents: ['cline'], root: state2 });
  assert.ok(!fs.existsSync(path.join(ws2, CLINE_PLUGIN_FILE)));
  assert.ok(fs.existsSync(other), 'the other plugin and its folder stay');
});

test("with the person's own PreToolUse hook there is no Airlock verdict to carry: no plugin", () => {
  const { ws, state, cliJs } = workspace();
  fs.mkdirSync(path.join(ws, '.clinerules/hooks'), { recursive: true });
  fs.writeFileSync(path.join(ws, '.clinerules/hooks/PreToolUse'), '#!/bin/sh\necho \'{"cancel":false}\'\n', { mode: 0o755 });
  const r = connectAgents({ workspace: ws, agents: ['cline'], root: state, cliJs, runtime: process.execPath })[0]!;
  assert.equal(r.status, 'skipped');
  assert.ok(!fs.existsSync(path.join(ws, CLINE_PLUGIN_FILE)), 'the plugin would refuse every MCP call without Airlock\'s PreToolUse');
});

test('the module has the shape Cline 3.0.65 loads: default export with name, manifest.capabilities hooks, setup, hooks.beforeTool', async () => {
  const m = await loadPlugin();
  assert.equal(m.default.name, 'airlock');
  assert.deepEqual(m.default.manifest.capabilities, ['hooks']);
  assert.equal(typeof m.default.setup, 'function');
  assert.equal(typeof m.default.hooks.beforeTool, 'function');
  for (const name of ['volumes__delete_volume', 'use_mcp_tool', 'my-server.x__do_it', 'run_commands', 'read_files', 'editor', 'x__', '__x']) {
    assert.equal(m.isMcpTool(name), isClineMcpTool(name), name);
  }
});

test('plugin: block -> skip with the reason, allow -> continue, no or unreadable verdict -> skip; other tools untouched', async () => {
  const m = await loadPlugin();
  const session = 'sess_1';
  m.default.setup({}, { session: { sessionId: session } });
  assert.ok(fs.existsSync(sessionMarkerPath(session, root)), 'the marker the hook script looks for');
  const before = m.default.hooks.beforeTool;

  assert.equal(before(call('run_commands')), undefined, 'non-MCP tools are left to the hook scripts');

  const REASON = 'Airlock: Calls an MCP tool that deletes data. The call was not run. Do not retry or work around this.';
  assert.ok(writeCallRecord(session, 'call_1', { decision: 'block', reason: REASON }, root));
  assert.deepEqual(before(call('volumes__delete_volume')), { skip: true, reason: REASON });
  assert.ok(!fs.existsSync(callRecordPath(session, 'call_1', root)), 'the verdict is used once');

  assert.ok(writeCallRecord(session, 'call_2', { decision: 'allow', reason: '' }, root));
  assert.equal(before(call('volumes__list_volumes', 'call_2')), undefined);

  // The hook did not run, failed, or timed out: nothing to carry, so the call does not run.
  const none = before(call('volumes__delete_volume', 'call_3'));
  assert.equal(none?.skip, true);
  assert.match(none!.reason!, /^Airlock blocked this: its PreToolUse hook gave no decision/);

  fs.mkdirSync(path.dirname(callRecordPath(session, 'call_4', root)), { recursive: true });
  for (const junk of ['not json', '{"decision":"maybe"}', '{"decision":"block","reason":""}', 'null']) {
    fs.writeFileSync(callRecordPath(session, 'call_4', root), junk);
    const r = before(call('volumes__delete_volume', 'call_4'));
    assert.equal(r?.skip, true, junk);
    assert.match(r!.reason!, /^Airlock blocked this/);
  }

  const noId = before(call('volumes__delete_volume', undefined));
  assert.equal(noId?.skip, true);

  // Verdicts are per session: another session's record is not this one's.
  assert.ok(writeCallRecord('sess_other', 'call_5', { decision: 'allow', reason: '' }, root));
  assert.equal(before(call('volumes__delete_volume', 'call_5'))?.skip, true);
});

test('plugin without a session id writes no marker and lets the hook scripts decide (they cancel without the marker)', async () => {
  const m = await loadPlugin();
  m.default.setup({}, {});
  assert.equal(m.default.hooks.beforeTool(call('volumes__delete_volume', 'call_9')), undefined);
});

test('hook script + plugin: a blocked MCP call hands its reason to the plugin; without the plugin, or in lockdown, it cancels', async () => {
  const d = DIALECTS.cline;
  const session = 'sess_hook';
  const payload = (id: string) => ({
    hookName: 'tool_call',
    taskId: 'conv_1',
    sessionContext: { rootSessionId: session },
    workspaceRoots: ['/home/dev/shop'],
    tool_call: { id, name: 'volumes__delete_volume', input: { volume_id: 'vol-prod-1' } },
  });
  const DENY = { decision: 'deny' as const, reason: 'Calls an MCP tool whose name or input deletes data.' };

  const p1 = d.parse(payload('call_a'));
  assert.ok(p1.ok);
  assert.deepEqual(p1.call.cline, { session, toolCallId: 'call_a' });
  // No plugin loaded for this session: cancel, as before.
  assert.equal(JSON.parse(d.render(p1.call, DENY).stdout).cancel, true);
  assert.ok(!fs.existsSync(callRecordPath(session, 'call_a', root)));

  const m = await loadPlugin();
  m.default.setup({}, { session: { sessionId: session } });
  const out = d.render(p1.call, DENY);
  assert.deepEqual(JSON.parse(out.stdout), { cancel: false }, 'the plugin skips it; a cancel would end the task first');
  assert.equal(out.exitCode, 0);
  const r = m.default.hooks.beforeTool(call('volumes__delete_volume', 'call_a'));
  assert.equal(r?.skip, true);
  assert.match(r!.reason!, /^Airlock: Calls an MCP tool whose name or input deletes data\..*not run/);

  // An allow is handed over too, so the plugin lets it run.
  const p2 = d.parse(payload('call_b'));
  assert.ok(p2.ok);
  assert.equal(JSON.parse(d.render(p2.call, { decision: 'allow', reason: 'ok' }).stdout).cancel, false);
  assert.equal(m.default.hooks.beforeTool(call('volumes__delete_volume', 'call_b')), undefined);

  // Lockdown ends the task, plugin or not.
  const p3 = d.parse(payload('call_c'));
  assert.ok(p3.ok);
  assert.equal(JSON.parse(d.render(p3.call, { ...DENY, lockdown: true }).stdout).cancel, true);

  // Non-MCP tools never take this path.
  const shell = d.parse({ ...payload('call_d'), tool_call: { id: 'call_d', name: 'run_commands', input: { commands: ['ls'] } } });
  assert.ok(shell.ok);
  assert.equal(shell.call.cline, undefined);
});
