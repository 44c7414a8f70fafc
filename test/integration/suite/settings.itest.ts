// Settings take effect in the running editor, end to end: a workspace setting that tightens the
// policy (a new protected path whose access is denied outright) changes what the gate answers an
// agent's hook, without a reload. Checked with the packaged hook program, run as Cursor runs it.
import * as assert from 'node:assert/strict';
import { runHook, type HookResult } from './hook_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { waitFor } from './wait';


const permission = (r: HookResult) => {
  try {
    return (JSON.parse(r.stdout) as { permission?: string }).permission;
  } catch {
    return undefined;
  }
};

describe('settings take effect', function () {
  this.timeout(60_000);
  const rel = path.join('notes', `handover-${process.pid}.txt`);
  let ws: string;
  let cliJs: string;
  let readPayload: object;

  before(async () => {
    const ext = vscode.extensions.all.find((e) => e.packageJSON?.name === 'airlock');
    assert.ok(ext, 'the Airlock extension is not installed');
    if (!ext.isActive) await ext.activate();
    cliJs = path.join(ext.extensionPath, 'dist', 'cli.js');
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the integration workspace has no folder');
    ws = folder.uri.fsPath;
    fs.mkdirSync(path.join(ws, 'notes'), { recursive: true });
    fs.writeFileSync(path.join(ws, rel), 'meeting notes, nothing secret\n');
    readPayload = {
      hook_event_name: 'beforeReadFile',
      conversation_id: 'itest',
      generation_id: 'itest-settings',
      workspace_roots: [ws],
      file_path: path.join(ws, rel),
      content: 'meeting notes, nothing secret\n',
      attachments: [],
    };
  });

  after(async () => {
    const cfg = vscode.workspace.getConfiguration('airlock');
    await cfg.update('protectedPaths', undefined, vscode.ConfigurationTarget.Workspace);
    await cfg.update('secretAccessDecision', undefined, vscode.ConfigurationTarget.Workspace);
  });

  it('reading an ordinary file is allowed before the setting changes', async () => {
    const r = await waitFor(async () => {
      const res = await runHook(cliJs, 'cursor', readPayload, ws);
      return res.code === 0 && permission(res) === 'allow' ? res : undefined;
    }, 'the gate to allow an ordinary read');
    assert.equal(r.code, 0);
  });

  it('after protecting it in workspace settings (access: deny), the same read is blocked at once', async () => {
    const cfg = vscode.workspace.getConfiguration('airlock');
    await cfg.update('secretAccessDecision', 'deny', vscode.ConfigurationTarget.Workspace);
    await cfg.update('protectedPaths', ['notes/**'], vscode.ConfigurationTarget.Workspace);
    const r = await waitFor(async () => {
      const res = await runHook(cliJs, 'cursor', readPayload, ws);
      return res.code === 2 ? res : undefined;
    }, 'the gate to block the newly protected read', 20_000);
    assert.equal(permission(r), 'deny');
  });

  it('removing the setting again restores the allow', async () => {
    const cfg = vscode.workspace.getConfiguration('airlock');
    await cfg.update('protectedPaths', undefined, vscode.ConfigurationTarget.Workspace);
    await cfg.update('secretAccessDecision', undefined, vscode.ConfigurationTarget.Workspace);
    const r = await waitFor(async () => {
      const res = await runHook(cliJs, 'cursor', readPayload, ws);
      return res.code === 0 ? res : undefined;
    }, 'the gate to allow the read again', 20_000);
    assert.equal(permission(r), 'allow');
  });
});
