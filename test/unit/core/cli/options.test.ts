// Every `airlock` verb: `--help` answers with usage and exit 0 (and does nothing else), a bogus option
// gets exactly one line on stderr and exit 2; plus the option checks each verb was missing.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import { main } from '../../../../src/cli';
import { COMMANDS } from '../../../../src/cli/index';

async function runCli(args: string[], input = ''): Promise<{ code: number; out: string; err: string }> {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d) => (out += String(d)));
  stderr.on('data', (d) => (err += String(d)));
  stdin.end(input);
  const code = await main(args, { stdin, stdout, stderr });
  return { code, out, err };
}

function oneLine(err: string): void {
  assert.equal(err.trimEnd().split('\n').length, 1, `expected one line on stderr, got:\n${err}`);
  assert.ok(err.trim().length > 0, 'expected a message on stderr');
}

test('the verb table covers every verb', () => {
  assert.deepEqual(COMMANDS.map((c) => c.name).sort(), ['audit', 'classify', 'doctor', 'explain', 'exposure', 'hook', 'install', 'run', 'scan', 'uninstall']);
});

for (const { name } of COMMANDS) {
  test(`${name} --help: usage on stdout, exit 0, nothing on stderr`, async () => {
    for (const help of ['--help', '-h']) {
      const r = await runCli([name, help]);
      assert.equal(r.code, 0, `${name} ${help}: ${r.err}`);
      assert.match(r.out, new RegExp(`Usage: airlock ${name}\\b`));
      assert.equal(r.err, '');
    }
  });

  test(`${name} with a bogus option: one line, exit 2`, async () => {
    const args = name === 'audit' ? ['audit', 'verify', '--bogus-option', 'x'] : [name, '--bogus-option'];
    const r = await runCli(args);
    assert.equal(r.code, 2);
    oneLine(r.err);
    assert.match(r.err, /--bogus-option/);
    assert.equal(r.out, '');
  });
}

test('doctor --help does not run the doctor', async () => {
  const r = await runCli(['doctor', '--help']);
  assert.doesNotMatch(r.out, /^workspace /m);
});

test('install/uninstall/doctor --workspace that does not exist: one line, exit 2, nothing created', async () => {
  const missing = path.join(os.tmpdir(), `airlock-missing-${process.pid}-${Date.now()}`, 'ws');
  for (const args of [
    ['install', '--agent', 'cursor', '--workspace', missing],
    ['install', '--agent=cursor', `--workspace=${missing}`],
    ['uninstall', '--agent', 'cursor', '--workspace', missing],
    ['doctor', '--workspace', missing],
  ]) {
    const r = await runCli(args);
    assert.equal(r.code, 2, args.join(' '));
    oneLine(r.err);
    assert.match(r.err, /does not exist/);
    assert.equal(fs.existsSync(path.dirname(missing)), false, 'the workspace (or its parent) was created');
  }
});

test('install: a file as --workspace, a missing --agent value, an unknown agent, a stray word: exit 2, one line', async () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'airlock-opt-')), 'f.txt');
  fs.writeFileSync(file, 'x');
  for (const args of [
    ['install', '--agent', 'cursor', '--workspace', file],
    ['install', '--agent'],
    ['install', '--agent', 'notepad', '--workspace', path.dirname(file)],
    ['install', 'cursor'],
  ]) {
    const r = await runCli(args);
    assert.equal(r.code, 2, args.join(' '));
    oneLine(r.err);
  }
  assert.deepEqual(fs.readdirSync(path.dirname(file)), ['f.txt']);
});

test('explain --cwd needs an existing directory and is never explained as the command', async () => {
  const noValue = await runCli(['explain', '--cwd']);
  assert.equal(noValue.code, 2);
  oneLine(noValue.err);
  assert.doesNotMatch(noValue.out, /command: --cwd/);
  const missing = await runCli(['explain', '--cwd', path.join(os.tmpdir(), `nope-${process.pid}-${Date.now()}`), 'ls']);
  assert.equal(missing.code, 2);
  oneLine(missing.err);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'airlock-cwd-'));
  const ok = await runCli(['explain', '--cwd', dir, 'ls -la']);
  assert.equal(ok.code, 0, ok.err);
  assert.match(ok.out, /^command: ls -la$/m);
  // After the command starts, dashes belong to it (unquoted use).
  const unquoted = await runCli(['explain', 'ls', '-la']);
  assert.equal(unquoted.code, 0, unquoted.err);
  assert.match(unquoted.out, /^command: ls -la$/m);
});

test('scan --workers outside 1..64, a bad --max-file-size, a bad --format: exit 2, one line', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'airlock-scanopt-'));
  for (const args of [
    ['--workers', '0'],
    ['--workers', '65'],
    ['--workers', '1.5'],
    ['--workers=-1'],
    ['--max-file-size', 'huge'],
    ['--format', 'xml'],
  ]) {
    const r = await runCli(['scan', dir, ...args]);
    assert.equal(r.code, 2, args.join(' '));
    oneLine(r.err);
  }
  const missing = await runCli(['scan', path.join(dir, 'nope')]);
  assert.equal(missing.code, 2);
  oneLine(missing.err);
});

test('hook: a missing --agent blocks (exit 2) with one line; --help never reads stdin', async () => {
  const r = await runCli(['hook']);
  assert.equal(r.code, 2);
  oneLine(r.err);
  const help = await runCli(['hook', '--help'], '{"not":"read"}');
  assert.equal(help.code, 0);
});

test('audit: no subcommand, an unknown one, a missing file, a missing --head: exit 2, one line', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'airlock-auditopt-'));
  const log = path.join(dir, 'audit.jsonl');
  fs.writeFileSync(log, '');
  for (const args of [['audit'], ['audit', 'check'], ['audit', 'verify'], ['audit', 'verify', log, '--head', path.join(dir, 'nope.head')], ['audit', 'verify', log, 'extra']]) {
    const r = await runCli(args);
    assert.equal(r.code, 2, args.join(' '));
    oneLine(r.err);
  }
  fs.rmSync(dir, { recursive: true, force: true });
});

test('classify: --policy without a value, a missing policy file, a stray word: exit 2, one line', async () => {
  for (const args of [['classify', '--policy'], ['classify', '--policy', path.join(os.tmpdir(), `nope-${process.pid}.json`)], ['classify', 'rm']]) {
    const r = await runCli(args);
    assert.equal(r.code, 2, args.join(' '));
    oneLine(r.err);
  }
});
