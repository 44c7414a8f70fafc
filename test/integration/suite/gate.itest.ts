// The gate in the real extension host: it starts on activation, the hook program run as a child
// process (exactly as an agent runs it) reaches it, benign actions are allowed and appear in the
// activity view, flagged ones become a confirmation request, and a wrong token is refused.
import * as assert from 'node:assert/strict';
import { runHook } from './hook_process';
import * as crypto from 'node:crypto';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { AirlockApi } from '../../../src/editor/extension';
import { requestDecision, sendLine } from '../../../src/gate/client';
import { readWindowEntries, type WindowEntryT } from '../../../src/gate/registry';
import { stateDir } from '../../../src/gate/state_dir';
import { waitFor } from './wait';

async function airlock(): Promise<{ api: AirlockApi; dir: string }> {
  const ext = vscode.extensions.all.find((e) => e.packageJSON?.name === 'airlock');
  assert.ok(ext, 'the Airlock extension is not installed');
  const api = (ext.isActive ? ext.exports : await ext.activate()) as AirlockApi;
  return { api, dir: ext.extensionPath };
}

function workspaceRoot(): string {
  const f = vscode.workspace.workspaceFolders?.[0];
  assert.ok(f, 'the integration workspace has no folder');
  return f.uri.fsPath;
}


describe('gate: hooks reach the editor', function () {
  this.timeout(60_000);
  let api: AirlockApi;
  let cliJs: string;
  let ws: string;
  let entry: WindowEntryT;

  before(async () => {
    const a = await airlock();
    api = a.api;
    cliJs = path.join(a.dir, 'dist', 'cli.js');
    ws = workspaceRoot();
  });

  it('starts a gate for this window on activation, registered for the workspace folder', async () => {
    entry = await waitFor(
      () => readWindowEntries(stateDir()).find((e) => e.pid === process.pid && e.workspaceRoots.includes(ws)),
      'a registry entry for this window',
      20_000,
    );
    assert.ok(entry.socket.length > 0);
  });

  it('a hook child process reaches it: a benign action is allowed and shows up in the activity view', async () => {
    await vscode.commands.executeCommand('airlock.showActivity');
    await waitFor(() => api.test.rendered(), 'the activity view to render');
    const marker = `itest-${crypto.randomBytes(4).toString('hex')}`;
    const r = await runHook(cliJs, 'claude', { hook_event_name: 'PreToolUse', session_id: 'itest', cwd: ws, tool_name: 'Bash', tool_input: { command: `echo ${marker}` } }, ws);
    assert.equal(r.code, 0, `hook exited ${r.code}: ${r.stderr}`);
    assert.equal(r.stdout.trim(), '{}');
    api.test.setFilter({ text: marker, agent: '', decision: '' });
    try {
      await waitFor(() => {
        const v = api.test.rendered();
        return v && v.filter.text === marker && v.matching >= 1;
      }, 'the allowed action to appear in the activity view');
    } finally {
      api.test.setFilter({ text: '', agent: '', decision: '' });
    }
  });

  it('a flagged action becomes a confirmation request (ApprovalUi) and is blocked unless the person allows it', async () => {
    const answer = await requestDecision({ root: stateDir(), cwd: ws, deadline: Date.now() + 4000 }, 'claude', 'PreToolUse', [
      { kind: 'shell', command: 'rm -rf src', cwd: ws, tool: 'Bash' },
    ]);
    assert.ok(answer, 'the gate answered');
    assert.equal(answer.decision, 'deny');
    // 'person' (the dialog was answered without "Allow once") or 'deadline' (nobody answered in time):
    // both only happen once the request reached the ApprovalUi; policy, lockdown or errors decide otherwise.
    assert.ok(['person', 'deadline'].includes(answer.decidedBy), `decided by ${answer.decidedBy}`);
    assert.deepEqual(answer.rules, ['fs.recursive-delete']);
    await waitFor(() => api.test.state().waiting === 0, 'no request left waiting');
  });

  it('refuses a request that does not carry the right token', async () => {
    const res = await sendLine(
      entry.socket,
      { v: 1, id: 'itest-bad-token', token: 'x'.repeat(64), type: 'decide', agent: 'claude', event: 'PreToolUse', actions: [{ kind: 'shell', command: 'ls', cwd: ws }], deadline: Date.now() + 5000 },
      Date.now() + 5000,
    );
    assert.equal(res.ok, false);
    assert.ok(!res.ok && /wrong token/.test(res.error));
  });
});
