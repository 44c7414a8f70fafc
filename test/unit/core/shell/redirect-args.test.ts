// Words after a redirect in the middle of a command are still its arguments (`rm -rf 2>/dev/null ~`):
// tree-sitter-bash hangs them on the redirect, and dropping them turned a home-directory delete into `rm -rf`.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { analyzeShell } from '../../../../src/core/shell';
import { classify } from '../../../../src/core/classify';
import { loadShellParser } from '../../../../src/host/shell_wasm';

before(async () => {
  await loadShellParser();
});

test('arguments after a mid-command redirect stay arguments, the redirect keeps only its file', () => {
  const [cmd] = analyzeShell('git checkout 2>/dev/null -- foo').commands;
  assert.deepEqual([cmd.name, cmd.args], ['git', ['checkout', '--', 'foo']]);
  assert.deepEqual(cmd.redirects.map((r) => [r.op, r.target]), [['2>', '/dev/null']]);
  const [echo] = analyzeShell('echo hi > out.txt there').commands;
  assert.deepEqual(echo.args, ['hi', 'there']);
});

test('deletes hidden behind a mid-command redirect are flagged', () => {
  // Commands are data here; nothing is run.
  for (const command of ['rm -rf 2>/dev/null ~', "rm -rf >'file`name' /", 'rm 2>&1 -rf src', 'git checkout 2>/dev/null -- src/app.ts']) {
    assert.notEqual(classify({ kind: 'shell', command }, { cwd: '/w', home: '/home/u', workspaceRoots: ['/w'] }).decision, 'allow', command);
  }
  assert.equal(classify({ kind: 'shell', command: 'ls 2>/dev/null src' }, { cwd: '/w', home: '/home/u' }).decision, 'allow');
});
