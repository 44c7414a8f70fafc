// The README's settings and commands reference is generated from package.json; it must not drift.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';

test('README settings/commands reference matches package.json (run node scripts/readme-reference.mjs)', () => {
  const r = spawnSync(process.execPath, ['scripts/readme-reference.mjs', '--check'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr || r.stdout);
});
