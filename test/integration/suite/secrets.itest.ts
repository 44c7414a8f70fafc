// Secrets in the real editor: a token planted in an unrelated JSON file (config/legacy-deploy.json,
// written by run.mjs before the editor started) is found on activation, shows up in the Problems
// panel redacted, and its file becomes protected: the packaged hook, run as Cursor and as Claude Code
// run it, is then refused a read of it. Quick fixes work on a file saved during the test. Last, the
// extension host's event loop is measured while the same scanner walks a large generated tree.
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { runHook, type HookResult } from './hook_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { AirlockApi } from '../../../src/editor/extension';
import { readPolicySnapshot } from '../../../src/gate/policy_file';
import { stateDir } from '../../../src/gate/state_dir';
import { WorkspaceSecrets } from '../../../src/editor/secrets/workspace_secrets';
import { waitFor } from './wait';


const cursorDenied = (r: HookResult) => r.code === 2 && /"permission"\s*:\s*"deny"/.test(r.stdout);
const claudeDenied = (r: HookResult) => r.code === 2 || /"permissionDecision"\s*:\s*"deny"/.test(r.stdout);
const airlockDiagnostics = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Airlock');
const codeOf = (d: vscode.Diagnostic) => String(typeof d.code === 'object' ? d.code.value : d.code);

/** A random base62 value (looks like an API token to the scanner; made up, never a real one). */
function fakeToken(n: number): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
  return Array.from(crypto.randomBytes(n), (b) => alphabet[b % alphabet.length]).join('') + '7Q';
}

describe('secrets: found on activation, hidden from agents', function () {
  this.timeout(120_000);
  let api: AirlockApi;
  let cliJs: string;
  let extDir: string;
  let ws: string;
  let planted: vscode.Uri;
  let plantedValue: string;

  before(async () => {
    const ext = vscode.extensions.all.find((e) => e.packageJSON?.name === 'airlock');
    assert.ok(ext, 'the Airlock extension is not installed');
    api = (ext.isActive ? ext.exports : await ext.activate()) as AirlockApi;
    extDir = ext.extensionPath;
    cliJs = path.join(extDir, 'dist', 'cli.js');
    ws = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '';
    assert.ok(ws, 'the integration workspace has no folder');
    planted = vscode.Uri.file(path.join(ws, 'config', 'legacy-deploy.json'));
    assert.ok(fs.existsSync(planted.fsPath), 'run.mjs did not plant config/legacy-deploy.json');
    plantedValue = (JSON.parse(fs.readFileSync(planted.fsPath, 'utf8')) as { railwayToken: string }).railwayToken;
  });

  after(async () => {
    await vscode.workspace.getConfiguration('airlock').update('secretAccessDecision', undefined, vscode.ConfigurationTarget.Workspace);
  });

  it('the planted token is found on activation: an Airlock diagnostic on its line, redacted', async () => {
    // Nothing here asks for a scan: the extension's own deferred first scan must find it.
    const diags = await waitFor(() => {
      const d = airlockDiagnostics(planted);
      return d.length > 0 && d;
    }, 'an Airlock diagnostic on config/legacy-deploy.json', 60_000);
    const d = diags[0]!;
    assert.equal(codeOf(d), 'railway-token');
    assert.equal(d.severity, vscode.DiagnosticSeverity.Warning);
    const lineText = fs.readFileSync(planted.fsPath, 'utf8').split('\n')[d.range.start.line] ?? '';
    assert.ok(lineText.includes('railwayToken'), 'the diagnostic sits on the railwayToken line');
    assert.ok(!d.message.includes(plantedValue), 'the diagnostic message must show only the redacted preview');
    assert.match(d.message, /…\(36 chars\)/);
  });

  it('the file becomes protected: the gate policy and the offline snapshot list it', async () => {
    const snap = await waitFor(() => {
      const p = readPolicySnapshot(stateDir())?.policy as { protectedPaths?: string[] } | undefined;
      return p?.protectedPaths?.some((g) => g.endsWith('/config/legacy-deploy.json')) && p;
    }, 'the offline policy snapshot to protect config/legacy-deploy.json', 30_000);
    assert.ok(snap.protectedPaths!.some((g) => g.startsWith(ws.replace(/\\/g, '/'))), 'the glob is anchored at this workspace');
  });

  it("connected agents get it mirrored as a hint: .cursorignore's managed block and Claude's permissions.deny", async () => {
    fs.writeFileSync(path.join(ws, '.cursorignore'), '# my own line\nbuild/\n');
    for (const agent of ['cursor', 'claude']) await vscode.commands.executeCommand('airlock.connectAgent', agent);
    const ignore = await waitFor(() => {
      const t = fs.readFileSync(path.join(ws, '.cursorignore'), 'utf8');
      return t.includes('/config/legacy-deploy.json') && t;
    }, '.cursorignore to list the planted file', 20_000);
    assert.ok(ignore.startsWith('# my own line\nbuild/\n'), "the person's own lines are left alone");
    assert.match(ignore, /# >>> airlock: protected paths[^\n]*\n[\s\S]*\n\/config\/legacy-deploy\.json\n[\s\S]*# <<< airlock: protected paths <<</);
    await waitFor(() => fs.readFileSync(path.join(ws, '.claude', 'settings.local.json'), 'utf8').includes('"Read(./config/legacy-deploy.json)"'), "Claude's permissions.deny to list the planted file", 20_000);
  });

  it("Cursor's beforeReadFile and Claude's Read of it are blocked by the built hook", async () => {
    // Workspace settings may tighten: access to protected files is denied outright instead of asked.
    await vscode.workspace.getConfiguration('airlock').update('secretAccessDecision', 'deny', vscode.ConfigurationTarget.Workspace);
    const cursor = await waitFor(async () => {
      const r = await runHook(cliJs, 'cursor', { hook_event_name: 'beforeReadFile', conversation_id: 'itest', generation_id: 'itest-secrets', workspace_roots: [ws], file_path: planted.fsPath, content: '', attachments: [] }, ws);
      return cursorDenied(r) && r;
    }, 'the Cursor hook to deny reading the planted file', 20_000);
    assert.equal(cursor.code, 2);
    const claude = await runHook(cliJs, 'claude', { hook_event_name: 'PreToolUse', session_id: 'itest', cwd: ws, tool_name: 'Read', tool_input: { file_path: planted.fsPath } }, ws);
    assert.ok(claudeDenied(claude), `the Claude hook must deny the Read (exit ${claude.code})`);
    // And an ordinary file next to it is still readable: the protection is the file, not the folder.
    const other = path.join(ws, 'config', 'app.json');
    fs.writeFileSync(other, '{ "name": "app" }\n');
    const ok = await runHook(cliJs, 'cursor', { hook_event_name: 'beforeReadFile', conversation_id: 'itest', generation_id: 'itest-secrets-2', workspace_roots: [ws], file_path: other, content: '', attachments: [] }, ws);
    assert.equal(ok.code, 0, 'reading a neighbouring file is allowed');
  });

  it('a file saved with a token is re-scanned; "Move value to .env" rewrites it to process.env and clears the finding', async () => {
    const value = fakeToken(30);
    const file = vscode.Uri.file(path.join(ws, 'src', 'handover.ts'));
    fs.writeFileSync(file.fsPath, 'export const x = 1;\n');
    const doc = await vscode.workspace.openTextDocument(file);
    await vscode.window.showTextDocument(doc);
    const edit = new vscode.WorkspaceEdit();
    edit.insert(file, new vscode.Position(1, 0), `export const apiToken = "${value}";\n`);
    assert.ok(await vscode.workspace.applyEdit(edit));
    await doc.save();
    const diag = await waitFor(() => airlockDiagnostics(file)[0], 'the re-scan on save to report the new token', 20_000);
    assert.equal(codeOf(diag), 'generic-secret');
    const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', file, diag.range)) ?? [];
    const titles = actions.map((a) => a.title);
    assert.ok(titles.some((t) => t.startsWith('Airlock: Move value to .env')), `quick fixes offered: ${titles.join(' | ')}`);
    assert.ok(titles.some((t) => t.startsWith('Airlock: Not a secret')));
    assert.ok(titles.some((t) => t.startsWith('Airlock: Protect this file')));
    assert.ok(!titles.some((t) => t.includes(value)), 'quick fix titles show only the redacted preview');
    const move = actions.find((a) => a.title.startsWith('Airlock: Move value to .env'))!;
    const name = await vscode.commands.executeCommand<string>(move.command!.command, ...(move.command!.arguments ?? []));
    assert.equal(name, 'API_TOKEN');
    assert.match(doc.getText(), /export const apiToken = process\.env\.API_TOKEN;/);
    assert.ok(fs.readFileSync(path.join(ws, '.env'), 'utf8').includes(`API_TOKEN=${value}`), '.env holds the moved value');
    await waitFor(() => airlockDiagnostics(file).length === 0, 'the finding to clear after the move', 20_000);
  });

  it('"Not a secret" silences visibly (.airlockignore line, information diagnostic) and releases the file', async () => {
    const diag = airlockDiagnostics(planted)[0];
    assert.ok(diag, 'the planted finding is still reported');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(planted)); // code actions need an open model
    const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', planted, diag.range)) ?? [];
    const not = actions.find((a) => a.title.startsWith('Airlock: Not a secret'));
    assert.ok(not?.command, 'a "Not a secret" quick fix is offered');
    await vscode.commands.executeCommand(not.command.command, ...(not.command.arguments ?? []));
    const ignore = fs.readFileSync(path.join(ws, '.airlockignore'), 'utf8');
    assert.match(ignore, /# Not a secret \(marked in the editor [0-9-]+\): railway-token at config\/legacy-deploy\.json:\d+\nfingerprint:[0-9a-f]{16}\n/);
    assert.ok(!ignore.includes(plantedValue), '.airlockignore must not contain the value');
    await waitFor(() => airlockDiagnostics(planted)[0]?.severity === vscode.DiagnosticSeverity.Information, 'the finding to show as silenced', 20_000);
    // The person released it, so the gate stops treating it as a secret store.
    const r = await waitFor(async () => {
      const res = await runHook(cliJs, 'cursor', { hook_event_name: 'beforeReadFile', conversation_id: 'itest', generation_id: 'itest-secrets-3', workspace_roots: [ws], file_path: planted.fsPath, content: '', attachments: [] }, ws);
      return res.code === 0 && res;
    }, 'the read to be allowed again after "Not a secret"', 20_000);
    assert.equal(r.code, 0);
  });

  it('the extension host stays responsive while a large tree is scanned (walk and scan in a worker)', async function () {
    const files = Number(process.env.AIRLOCK_ITEST_SCAN_FILES) || 100_000;
    this.timeout(60_000 + files);
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'airlock-itest-scan-'));
    try {
      // Generated by a child process so writing the tree does not itself block this host.
      const every = 2000;
      await new Promise<void>((resolve, reject) => {
        const gen = spawn(process.execPath, ['-e', GENERATOR, root, String(files), String(every)], { env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' }, stdio: 'ignore' });
        gen.on('error', reject);
        gen.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`tree generator exited ${code}`))));
      });
      const planted = Math.floor((files - 1) / every) + 1;
      // The same class and settings the extension uses, with the extension's bundled worker.
      const collection = vscode.languages.createDiagnosticCollection('airlock-itest-bench');
      const secrets = new WorkspaceSecrets({ root: vscode.Uri.file(root), collection, workerFile: path.join(extDir, 'dist', 'scan-worker.js') });
      const stop = api.test.startDriftProbe(5);
      const summary = await secrets.scanAll();
      const drift = stop();
      secrets.dispose();
      collection.dispose();
      assert.ok(summary, 'the scan failed');
      console.log(
        `      scanned ${summary.filesScanned} files (${(summary.bytesScanned / 1e6).toFixed(1)} MB) in ${Math.round(summary.durationMs)} ms; ` +
          `extension host longest block ${drift.maxBlockMs} ms (raw timer gap ${drift.maxGapMs} ms, ${drift.samples} samples); bar: <= 50 ms`,
      );
      assert.equal(summary.filesScanned, files);
      const live = summary.findings.filter((f) => !f.silenced && f.rule === 'railway-token');
      assert.equal(live.length, planted, `found ${live.length} of ${planted} planted tokens`);
      assert.ok(drift.samples > 10, 'the drift probe ran during the scan');
    } finally {
      await fs.promises.rm(root, { recursive: true, force: true });
    }
  });
});

/** Writes N small source files (TS, Python, JSON, Markdown) in nested folders; every Kth is a JSON with a Railway token. */
const GENERATOR = `
const fs = require('fs'), path = require('path'), crypto = require('crypto');
const [root, n, every] = [process.argv[1], Number(process.argv[2]), Number(process.argv[3])];
const kinds = [
  (i) => ['ts', 'export function f' + i + '(a: number): number {\\n  const label = "item-' + i + '";\\n  return a * ' + i + ';\\n}\\n'],
  (i) => ['py', 'def handler_' + i + '(event):\\n    """Handle one event."""\\n    return {"id": ' + i + ', "ok": True}\\n'],
  (i) => ['json', JSON.stringify({ name: 'pkg-' + i, version: '1.0.' + i, scripts: { test: 'node test.js' } }, null, 2) + '\\n'],
  (i) => ['md', '# Note ' + i + '\\n\\nSome text about module ' + i + '. See the README for more.\\n'],
];
for (let i = 0; i < n; i++) {
  const dir = path.join(root, 'd' + Math.floor(i / 1000), 's' + Math.floor(i / 50) % 20);
  if (i % 50 === 0) fs.mkdirSync(dir, { recursive: true });
  if (i % every === 0) {
    fs.writeFileSync(path.join(dir, 'deploy-' + i + '.json'), JSON.stringify({ service: 's' + i, railwayToken: crypto.randomUUID() }, null, 2) + '\\n');
    continue;
  }
  const [ext, text] = kinds[i % kinds.length](i);
  // A few hundred bytes to a few KB, like ordinary source files.
  fs.writeFileSync(path.join(dir, 'f' + i + '.' + ext), text.repeat(1 + (i % 13)));
}
`;
