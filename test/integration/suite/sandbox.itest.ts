// `airlock run` beside the real editor: a hook run inside the sandbox (where Airlock's state dir is
// read-only) still reaches this window's gate, which the hook only believes because it is a real
// extension host; the action shows up in the activity view.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { AirlockApi } from '../../../src/editor/extension';
import { runCli } from './hook_process';
import { waitFor } from './wait';

describe('sandbox: hooks inside airlock run still ask the editor', function () {
  this.timeout(90_000);

  it('a hook in the sandbox reaches the gate and its action appears in the activity view', async function () {
    const bwrap = spawnSync('bwrap', ['--version']);
    assert.equal(bwrap.status, 0, 'bubblewrap is missing: .ci/run installs it');
    const ext = vscode.extensions.all.find((e) => e.packageJSON?.name === 'airlock');
    assert.ok(ext);
    const api = (ext.isActive ? ext.exports : await ext.activate()) as AirlockApi;
    const cliJs = path.join(ext.extensionPath, 'dist', 'cli.js');
    const ws = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    assert.ok(ws);
    const marker = `itest-sandbox-${crypto.randomBytes(4).toString('hex')}`;
    const payload = JSON.stringify({ hook_event_name: 'PreToolUse', session_id: 'itest', cwd: ws, tool_name: 'Bash', tool_input: { command: `echo ${marker}` } });
    const r = await runCli([cliJs, 'run', '--workspace', ws, '--', process.execPath, cliJs, 'hook', '--agent', 'claude'], payload, ws);
    assert.equal(r.code, 0, `hook in the sandbox exited ${r.code}: ${r.stderr}`);
    await waitFor(() => api.test.findRow(marker), 'the sandboxed hook call in the activity view', 30_000);
  });
});
