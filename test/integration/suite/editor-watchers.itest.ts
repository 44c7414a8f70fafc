// What hooks cannot see, the watchers do: a burst of deletions on disk and a change
// to a protected file both reach the activity view as observed, flagged rows.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { AirlockApi } from '../../../src/editor/extension';
import { waitFor } from './wait';

async function airlock(): Promise<AirlockApi> {
  const ext = vscode.extensions.all.find((e) => e.packageJSON?.name === 'airlock');
  assert.ok(ext, 'the Airlock extension is not installed');
  return (ext.isActive ? ext.exports : await ext.activate()) as AirlockApi;
}

describe('editor: file watcher', function () {
  this.timeout(60_000);
  let api: AirlockApi;
  let workspace: string;

  before(async () => {
    api = await airlock();
    workspace = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '';
    assert.ok(workspace, 'no workspace folder');
  });

  it('a mass deletion on disk is shown and flagged', async () => {
    const count = (vscode.workspace.getConfiguration('airlock').get<number>('watch.massDelete.count') ?? 20) + 5;
    const dir = path.join(workspace, `mass-delete-${Date.now()}`);
    fs.mkdirSync(dir);
    for (let i = 0; i < count; i++) fs.writeFileSync(path.join(dir, `f${i}.txt`), 'x');
    // Wait until Airlock's own watcher knows the files (a folder created with its files can arrive as one
    // event, whose contents Airlock then looks up), so the folder's deletion counts as all of them.
    await waitFor(() => api.test.knownFilesUnder(dir) >= count, `Airlock's watcher to know the ${count} new files`);
    fs.rmSync(dir, { recursive: true, force: true });
    const row = await waitFor(() => {
      const r = api.test.findRow(`delete ${dir}`);
      return r && r.rules.includes('airlock.mass-delete') && r;
    }, 'a mass-deletion row for the deleted folder');
    assert.equal(row.badge, 'observed');
  });

  it('a change to a protected file (.env) is shown and flagged', async () => {
    const file = path.join(workspace, '.env');
    fs.writeFileSync(file, `# written by the integration suite ${Date.now()}\n`);
    const row = await waitFor(() => {
      const r = api.test.findRow(file);
      return r && r.rules.includes('airlock.protected-path-changed') && r;
    }, 'a protected-file row for .env');
    assert.equal(row.badge, 'observed');
    fs.rmSync(file, { force: true });
  });

  it("Connect writing a hook file is not an alarm; someone else changing it afterwards is", async () => {
    const result = (await vscode.commands.executeCommand('airlock.connectAgent', 'codex')) as { status: string; file: string } | undefined;
    assert.ok(result && /installed|unchanged/.test(result.status), `connect: ${JSON.stringify(result)}`);
    // A sentinel change after Connect: once its row is in, any row for Connect's own write would be too.
    const sentinel = path.join(workspace, '.env.sentinel-own-writes');
    fs.writeFileSync(sentinel, `# sentinel ${Date.now()}\n`);
    await waitFor(() => api.test.findRow(sentinel)?.rules.includes('airlock.protected-path-changed'), 'a row for the sentinel .env change');
    assert.equal(api.test.findRow(result.file), undefined, 'Airlock alarmed about its own write to the hook file');
    // Now a change Airlock did not make.
    fs.appendFileSync(result.file, '\n');
    const row = await waitFor(() => {
      const r = api.test.findRow(result.file);
      return r && r.rules.includes('airlock.protected-path-changed') && r;
    }, 'a row for the hand-edited hook file');
    assert.equal(row.badge, 'observed');
    fs.rmSync(sentinel, { force: true });
  });
});
