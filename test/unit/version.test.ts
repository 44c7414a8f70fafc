import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { VERSION } from '../../src/version';

test('VERSION matches package.json and CHANGELOG names it', () => {
  const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8'));
  assert.equal(VERSION, pkg.version);
  assert.match(fs.readFileSync('CHANGELOG.md', 'utf8'), new RegExp(`## \\[?${VERSION.replace(/\./g, '\\.')}`));
});
