// Managed-block mirroring into agents' ignore files, and Claude Read() deny rules.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import {
  applyManagedBlock,
  BLOCK_BEGIN,
  BLOCK_END,
  claudeReadDenyRules,
  IGNORE_TARGETS,
  removeIgnoreFiles,
  removeManagedBlock,
  syncIgnoreFiles,
} from '../../../src/agents/ignore_files';

const PATTERNS = ['.env', '.env.*', '!.env.example', '*.pem', '.aws/', 'config/master.key', '/secrets/'];

test('the block is appended after the user lines, which stay as they were', () => {
  const user = '# mine\nbuild/\n*.tmp\n';
  const out = applyManagedBlock(user, PATTERNS);
  assert.ok(out.startsWith(user), 'user lines untouched, in order');
  assert.ok(out.includes(`${BLOCK_BEGIN}\n.env\n.env.*\n!.env.example\n*.pem\n.aws/\nconfig/master.key\n/secrets/\n${BLOCK_END}\n`));
});

test('idempotent, updatable, and removal restores the original', () => {
  const user = '# mine\nbuild/\n';
  const once = applyManagedBlock(user, PATTERNS);
  assert.equal(applyManagedBlock(once, PATTERNS), once, 'applying twice changes nothing');
  const updated = applyManagedBlock(once, ['.env', 'id_rsa*']);
  assert.equal(updated.split(BLOCK_BEGIN).length, 2, 'exactly one block');
  assert.ok(updated.includes('id_rsa*') && !updated.includes('*.pem'));
  assert.equal(removeManagedBlock(updated), user);
  assert.equal(removeManagedBlock(user), user, 'no block: unchanged');
  assert.equal(applyManagedBlock(once, []), user, 'no patterns: the block goes away');
});

test('CRLF files keep CRLF; an unterminated block is removed to the end', () => {
  const user = 'a\r\nb\r\n';
  const out = applyManagedBlock(user, ['.env']);
  assert.ok(!/[^\r]\n/.test(out), 'only CRLF line ends');
  assert.equal(removeManagedBlock(out), user);
  assert.equal(removeManagedBlock(`keep\n\n${BLOCK_BEGIN}\n.env\n`), 'keep');
});

test('round trip holds for any user text that ends with a newline (property)', () => {
  const line = fc.string({ maxLength: 20 }).filter((s) => !/[\r\n]/.test(s) && !s.includes('airlock'));
  fc.assert(
    fc.property(fc.array(line, { maxLength: 8 }), fc.array(line, { maxLength: 6 }), (userLines, patterns) => {
      const user = userLines.length === 0 ? '' : `${userLines.join('\n')}\n`;
      const out = applyManagedBlock(user, patterns);
      assert.equal(applyManagedBlock(out, patterns), out);
      const back = removeManagedBlock(out);
      // No usable pattern means no block, so nothing to take out; otherwise whitespace-only text was Airlock's.
      assert.equal(back, out === user || user.trim() !== '' ? user : '');
    }),
  );
});

test('sync writes every target once, then nothing; remove deletes what Airlock created', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'airlock-ignore-'));
  try {
    fs.writeFileSync(path.join(dir, '.cursorignore'), 'dist/\n');
    const first = syncIgnoreFiles(dir, PATTERNS);
    assert.deepEqual(
      first.map((r) => r.action),
      IGNORE_TARGETS.map((t) => (t.file === '.cursorignore' ? 'updated' : 'created')),
    );
    assert.ok(syncIgnoreFiles(dir, PATTERNS).every((r) => r.action === 'unchanged'));
    const removed = removeIgnoreFiles(dir);
    assert.deepEqual(
      removed.map((r) => r.action),
      IGNORE_TARGETS.map((t) => (t.file === '.cursorignore' ? 'removed' : 'deleted')),
    );
    assert.equal(fs.readFileSync(path.join(dir, '.cursorignore'), 'utf8'), 'dist/\n');
    assert.deepEqual(fs.readdirSync(dir), ['.cursorignore']);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('Claude Read() deny rules follow gitignore meaning', () => {
  assert.deepEqual(claudeReadDenyRules(PATTERNS), [
    'Read(./.env)',
    'Read(./**/.env)',
    'Read(./.env.*)',
    'Read(./**/.env.*)',
    'Read(./*.pem)',
    'Read(./**/*.pem)',
    'Read(./.aws/**)',
    'Read(./**/.aws/**)',
    'Read(./config/master.key)',
    'Read(./secrets/**)',
  ]);
  assert.deepEqual(claudeReadDenyRules(['~/.ssh/', '# comment', '', 'a\nb']), ['Read(~/.ssh/**)']);
});
