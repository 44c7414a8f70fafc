// "Airlock: Install Command-Line Tool": the launcher written beside the hook shim, and the link on PATH.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { cliLauncherPath, writeShim } from '../../../src/agents/install/shim';
import { cliToolDir, installCliTool } from '../../../src/editor/cli_tool';

function fixture() {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'airlock-clitool-'));
  const root = path.join(home, '.airlock');
  const ext = path.join(home, 'ext', 'dist');
  fs.mkdirSync(ext, { recursive: true });
  const cliJs = path.join(ext, 'cli.js');
  // Stands in for dist/cli.js: reports what it was started with.
  fs.writeFileSync(cliJs, 'console.log(JSON.stringify({ args: process.argv.slice(2), asNode: process.env.ELECTRON_RUN_AS_NODE }));\n');
  writeShim({ root, cliJs, runtime: process.execPath });
  return { home, root, cliJs, launcher: cliLauncherPath(root) };
}

test('the launcher beside the shim runs dist/cli.js with the given runtime and passes every argument', { skip: process.platform === 'win32' }, () => {
  const { launcher } = fixture();
  const r = spawnSync(launcher, ['scan', '--format', 'sarif', 'dir with space'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), { args: ['scan', '--format', 'sarif', 'dir with space'], asNode: '1' });
});

test('the launcher says what to do, in one line with exit 2, when the extension it points at is gone', { skip: process.platform === 'win32' }, () => {
  const { launcher, cliJs } = fixture();
  fs.rmSync(cliJs);
  const r = spawnSync(launcher, ['--version'], { encoding: 'utf8' });
  assert.equal(r.status, 2);
  assert.equal(r.stderr.trimEnd().split('\n').length, 1);
  assert.match(r.stderr, /^airlock: the Airlock extension is not where this launcher expects it/);
});

test('install links ~/.local/bin/airlock when it is on PATH; running it again changes nothing', { skip: process.platform === 'win32' }, () => {
  const { home, launcher } = fixture();
  const bin = path.join(home, '.local', 'bin');
  const pathEnv = [path.join(home, 'elsewhere'), bin, '/usr/bin'].join(path.delimiter);
  const first = installCliTool({ home, pathEnv, launcher });
  assert.deepEqual(first, { status: 'installed', file: path.join(bin, 'airlock'), onPath: true });
  assert.equal(fs.readlinkSync(first.file), launcher);
  const r = spawnSync(first.file, ['doctor'], { encoding: 'utf8' });
  assert.deepEqual(JSON.parse(r.stdout).args, ['doctor']);
  const again = installCliTool({ home, pathEnv, launcher });
  assert.equal(again.status, 'unchanged');
  assert.equal(fs.readlinkSync(first.file), launcher);
});

test('install prefers a user bin folder already on PATH; with none, ~/.local/bin and the line to add', () => {
  const home = '/home/someone';
  assert.deepEqual(cliToolDir(home, `/usr/bin:${home}/bin`), { dir: `${home}/bin`, onPath: true });
  assert.deepEqual(cliToolDir(home, `${home}/bin:${home}/.local/bin`), { dir: `${home}/.local/bin`, onPath: true });
  assert.deepEqual(cliToolDir(home, '/usr/bin'), { dir: `${home}/.local/bin`, onPath: false });
  const { home: h, launcher } = fixture();
  const r = installCliTool({ home: h, pathEnv: '/usr/bin', launcher, platform: 'linux' });
  assert.equal(r.status, 'installed');
  assert.equal(r.onPath, false);
  assert.equal(r.pathHint, 'export PATH="$HOME/.local/bin:$PATH"');
});

test('an `airlock` that is not Airlock\'s is never replaced', { skip: process.platform === 'win32' }, () => {
  const { home, launcher } = fixture();
  const bin = path.join(home, '.local', 'bin');
  fs.mkdirSync(bin, { recursive: true });
  fs.writeFileSync(path.join(bin, 'airlock'), '#!/bin/sh\necho another tool\n', { mode: 0o755 });
  const r = installCliTool({ home, pathEnv: bin, launcher });
  assert.equal(r.status, 'conflict');
  assert.equal(fs.readFileSync(path.join(bin, 'airlock'), 'utf8'), '#!/bin/sh\necho another tool\n');
});

test('on Windows the link is not made (the launcher there is a .cmd): unsupported, nothing written', () => {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'airlock-clitool-win-'));
  const r = installCliTool({ home, pathEnv: '', launcher: path.join(home, 'x'), platform: 'win32' });
  assert.equal(r.status, 'unsupported');
  assert.deepEqual(fs.readdirSync(home), []);
});
