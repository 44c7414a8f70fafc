// The side views do real work: "Connect" writes the agent's hook through the
// installers, and the secret scan finds a credential planted in the workspace.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

describe('editor: agents and secret findings', function () {
  this.timeout(60_000);
  const workspace = () => vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '';

  it('Connect installs the agent hook into the workspace', async () => {
    const result = (await vscode.commands.executeCommand('airlock.connectAgent', 'claude')) as { status: string; file: string } | undefined;
    assert.ok(result, 'connect returned nothing');
    assert.match(result.status, /installed|unchanged/);
    // The installer picks the file (Claude Code's local settings); it must be in this workspace's .claude/.
    assert.equal(path.dirname(result.file), path.join(workspace(), '.claude'));
    assert.match(fs.readFileSync(result.file, 'utf8'), /airlock-hook(?:\\"|')? --agent claude/);
  });

  it('the secret scan finds a credential planted in an unrelated file', async () => {
    // Built at run time so no scanner flags this test file itself; random enough to pass placeholder checks.
    const alphabet = 'aZ3kQ9mW2xR7pL5vN8cT4bY6hJ1sD0fG';
    const body = Array.from({ length: 36 }, (_, i) => alphabet[(i * 7 + 3) % alphabet.length]).join('');
    const token = ['gh', 'p_', body].join('');
    const dir = path.join(workspace(), 'config');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'deploy.json'), JSON.stringify({ github: { token } }, null, 2));
    const found = (await vscode.commands.executeCommand('airlock.scanSecrets')) as number;
    assert.ok(found >= 1, `the scan found ${found} secrets`);
  });
});
