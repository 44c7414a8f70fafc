// The packaged extension, as installed from the .vsix, activates in a real VS Code and
// carries everything it needs to run (the bundles and the shell parser's wasm, no node_modules).
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { waitFor } from './wait';

const pkgPath = () => path.join(extension().extensionPath, 'package.json');

function extension(): vscode.Extension<unknown> {
  const found = vscode.extensions.all.find((e) => e.packageJSON?.name === 'airlock');
  assert.ok(found, 'the Airlock extension is not installed in the test editor');
  return found;
}

describe('activation', () => {
  it('activates on its own after startup, without a command', async () => {
    const ext = extension();
    await waitFor(() => ext.isActive, 'Airlock to activate on startup');
  });

  it('runs from the installed package, which ships its bundles and wasm but no node_modules', () => {
    const dir = extension().extensionPath;
    for (const f of ['dist/extension.js', 'dist/cli.js', 'dist/web-tree-sitter.wasm', 'dist/tree-sitter-bash.wasm']) {
      assert.ok(fs.existsSync(path.join(dir, f)), `${f} missing from the installed package`);
    }
    assert.equal(fs.existsSync(path.join(dir, 'node_modules')), false, 'the package must not need node_modules');
    assert.equal(fs.existsSync(path.join(dir, 'src')), false, 'the package must not ship sources');
  });

  it('the packaged CLI runs and reports the package version', () => {
    const dir = extension().extensionPath;
    const version = JSON.parse(fs.readFileSync(pkgPath(), 'utf8')).version as string;
    const out = execFileSync(process.execPath, [path.join(dir, 'dist', 'cli.js'), '--version'], {
      encoding: 'utf8',
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    });
    assert.equal(out.trim(), version);
  });

  it('registers every command it contributes', async () => {
    const contributed: { command: string }[] = extension().packageJSON.contributes?.commands ?? [];
    assert.ok(contributed.length > 0, 'the manifest contributes no commands');
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.map((c) => c.command).filter((c) => !registered.has(c));
    assert.deepEqual(missing, [], 'contributed commands without a handler');
  });

  it('writes to its own "Airlock" output channel, which "Show Output" opens', async () => {
    const commands = (extension().packageJSON.contributes?.commands ?? []) as { command: string; title: string }[];
    const show = commands.find((c) => /show output/i.test(c.title));
    assert.ok(show, 'no "Show Output" command contributed');
    await vscode.commands.executeCommand(show.command);
    // The workbench exposes the shown output channel to extensions as an `output:` document.
    const doc = await waitFor(
      () => vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'output' && /Airlock/.test(d.uri.path) && /Airlock \S+ active/.test(d.getText())),
      'the Airlock output channel to show its activation line',
    );
    const version = JSON.parse(fs.readFileSync(pkgPath(), 'utf8')).version as string;
    assert.match(doc.getText(), new RegExp(`Airlock ${version.replace(/\./g, '\\.')} active`));
  });

  it('contributes a kill-switch command', () => {
    const contributed: { command: string; title: string }[] = extension().packageJSON.contributes?.commands ?? [];
    assert.ok(
      contributed.some((c) => /kill|lockdown/i.test(`${c.command} ${c.title}`)),
      `no kill-switch command among: ${contributed.map((c) => c.command).join(', ') || '(none)'}`,
    );
  });
});
