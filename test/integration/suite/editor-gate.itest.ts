// The editor around the real gate, driven by the real hook program: how fast a hook
// call reaches the sidebar, and that the audit log records it in a chain that
// `airlock audit verify` checks (and that a changed byte is caught).
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { AirlockApi } from '../../../src/editor/extension';
import { waitFor } from './wait';

async function airlock(): Promise<{ api: AirlockApi; dir: string }> {
  const ext = vscode.extensions.all.find((e) => e.packageJSON?.name === 'airlock');
  assert.ok(ext, 'the Airlock extension is not installed');
  const api = (ext.isActive ? ext.exports : await ext.activate()) as AirlockApi;
  return { api, dir: ext.extensionPath };
}

function run(cli: string, args: string[], input: string, cwd: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd, env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

const SIDEBAR_BUDGET_MS = 200;

describe('editor: hook calls in the sidebar and the audit log', function () {
  this.timeout(60_000);
  let api: AirlockApi;
  let cli: string;
  let workspace: string;

  before(async () => {
    const a = await airlock();
    api = a.api;
    cli = path.join(a.dir, 'dist', 'cli.js');
    workspace = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '';
    assert.ok(workspace, 'the integration editor has no workspace folder');
    await vscode.commands.executeCommand('airlock.showActivity');
    await waitFor(() => api.test.rendered(), 'the activity webview to render');
  });

  // How fast is a benchmark's business (a busy 2-core machine must not fail this test); the figure is printed.
  it('a hook call is rendered in the sidebar, first in the list, after the gate receives it', async () => {
    const marker = `itest-latency-${Date.now()}`;
    const payload = { hook_event_name: 'beforeShellExecution', conversation_id: 'itest', generation_id: 'g1', workspace_roots: [workspace], command: `echo ${marker}`, cwd: workspace };
    const r = await run(cli, ['hook', '--agent', 'cursor'], JSON.stringify(payload), workspace);
    assert.equal(r.code, 0, `hook stderr: ${r.stderr}`);
    const row = await waitFor(() => api.test.findRow(marker), 'the hook call to reach the activity hub');
    const rendered = await waitFor(() => {
      const x = api.test.rendered();
      return x && x.firstId === row.id && x;
    }, 'the webview to render the new row first');
    const latency = rendered.at - row.time;
    console.log(`      gate event -> rendered in the webview (and reported back): ${latency} ms`);
    assert.ok(latency >= 0, `rendered ${latency} ms before the gate got it: clocks or ids are mixed up`);
    if (latency > SIDEBAR_BUDGET_MS) console.log(`      (over the ${SIDEBAR_BUDGET_MS} ms goal on this run; see BENCHMARKS.md for the quiet-machine figure)`);
    assert.equal(row.badge, 'allowed');
  });

  it('the audit log records it, verifies, and names the entry whose byte was changed', async () => {
    const marker = `itest-audit-${Date.now()}`;
    const payload = { hook_event_name: 'beforeShellExecution', conversation_id: 'itest', generation_id: 'g2', workspace_roots: [workspace], command: `echo ${marker}`, cwd: workspace };
    assert.equal((await run(cli, ['hook', '--agent', 'cursor'], JSON.stringify(payload), workspace)).code, 0);
    await waitFor(() => api.test.findRow(marker), 'the hook call to reach the activity hub');
    const file = await api.test.auditFile();
    const text = fs.readFileSync(file, 'utf8');
    assert.ok(text.includes(marker), 'the hook call is not in the audit log');

    const ok = await run(cli, ['audit', 'verify', file], '', workspace);
    assert.equal(ok.code, 0, ok.stdout + ok.stderr);
    assert.match(ok.stdout, /chain intact/);

    const lines = text.trimEnd().split('\n');
    const target = lines.findIndex((l) => l.includes(marker));
    lines[target] = (lines[target] ?? '').replace(marker, marker.replace('audit', 'AUDIT'));
    const copy = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'airlock-itest-audit-')), 'tampered.jsonl');
    fs.writeFileSync(copy, `${lines.join('\n')}\n`);
    const bad = await run(cli, ['audit', 'verify', copy], '', workspace);
    assert.equal(bad.code, 1);
    assert.match(bad.stdout, new RegExp(`BROKEN at line ${target + 1} `));
  });
});
