// Bad input never crashes or hangs a scan: binary files, invalid UTF-8, files past the size limit
// (skipped with a notice), megabyte lines, deep trees, symlink loops, and texts shaped to make
// detectors' regexes backtrack. No timing assertions: a hang fails the test by its (generous) timeout.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { withGithubChecksum } from '../../../src/core/secrets/checksums';
import { fake } from '../../../src/core/secrets/samples';
import { scanText } from '../../../src/core/secrets/scan';
import { createScanner } from '../../../src/scan/scanner';

const TOKEN = withGithubChecksum('ghp_', fake('bad-input', ['alnum', 30]));
let root = '';

before(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'airlock-bad-input-'));
  const w = (rel: string, data: string | Buffer): void => {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), data);
  };
  w('bin/blob.bin', Buffer.concat([Buffer.from([0, 1, 2, 0xff, 0]), Buffer.from(`GITHUB_TOKEN=${TOKEN}`)]));
  // Invalid UTF-8 before the token: decoded with replacement characters, the token still found.
  w('text/latin1.env', Buffer.concat([Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x82, 0x0a]), Buffer.from(`GITHUB_TOKEN=${TOKEN}\n`)]));
  w('big/huge.json', `{"pad": "${'a'.repeat(2 * 1024 * 1024 + 10)}", "token": "${TOKEN}"}`);
  // A 1.5 MB single line with the token at its very end.
  w('min/one-line.js', `${'var a=1;'.repeat(190_000)}const t="${TOKEN}";`);
  let deep = 'deep';
  for (let i = 0; i < 120; i++) deep += `/d${i}`;
  w(`${deep}/.env`, `GITHUB_TOKEN=${TOKEN}\n`);
  fs.mkdirSync(path.join(root, 'loop'));
  try {
    fs.symlinkSync(root, path.join(root, 'loop', 'back'), 'dir');
    fs.symlinkSync(path.join(root, 'loop', 'back'), path.join(root, 'loop', 'again'), 'dir');
  } catch {
    // No symlink permission on this platform: the rest of the test still runs.
  }
});

after(() => fs.rmSync(root, { recursive: true, force: true }));

test('a tree of bad input scans to completion with the right findings and notices', { timeout: 300_000 }, async () => {
  const scanner = createScanner({ root, workers: 0 });
  const s = await scanner.scanAll();
  await scanner.dispose();
  const files = s.findings.filter((f) => !f.silenced).map((f) => f.file).sort();
  assert.ok(files.includes('text/latin1.env'), 'token after invalid UTF-8 is found');
  assert.ok(files.some((f) => f.startsWith('deep/') && f.endsWith('/.env')), 'a 120-level deep file is found');
  assert.ok(files.includes('min/one-line.js'), 'a token at the end of a megabyte line is found');
  assert.ok(!files.some((f) => f.startsWith('loop/')), 'symlinks are not followed');
  assert.equal(s.binaryFiles, 1);
  assert.deepEqual(s.skipped.map((k) => [k.file, k.reason]), [['big/huge.json', 'too-large']]);
  for (const f of s.findings) assert.match(f.secret, /^.{0,4}…\(\d+ chars\)$/);
});

test('texts shaped to make each detector backtrack finish', { timeout: 300_000 }, () => {
  const mb = 1024 * 1024;
  const shapes = [
    `curl ${'curl -H x '.repeat(mb / 10)}`,
    `-----BEGIN PRIVATE KEY-----\n${'A'.repeat(mb)}!`,
    `-----BEGIN RSA PRIVATE KEY-----${'\\n'.repeat(mb / 2)}`,
    `eyJ${'a'.repeat(mb)}.eyJ${'b'.repeat(10)}`,
    `ZXlK${'A'.repeat(mb)}`,
    `token=${'x'.repeat(mb)}`,
    `${'password: '.repeat(mb / 10)}`,
    `${'apiToken: string = '.repeat(mb / 20)}`,
    `kind: Secret\ndata:\n${'  k: dmFsdWU=\n'.repeat(mb / 14)}`,
    `postgres://${'a:'.repeat(mb / 2)}`,
    `https://${'u:p'.repeat(mb / 3)}`,
    `${'xoxb-1'.repeat(mb / 6)}`,
    `AC${'0'.repeat(32)} ${'f'.repeat(mb)}`,
    `${'"a": {'.repeat(mb / 6)}`,
    `PuTTY-User-Key-File-3: x\n${'y'.repeat(mb)}`,
    `<add key="Password" value="${'a'.repeat(mb)}`,
    `${'ghp_'.repeat(mb / 4)}`,
    `${'$a .= '.repeat(mb / 6)}`,
    `${'System.setProperty("TOKEN", '.repeat(mb / 30)}`,
  ];
  for (const text of shapes) {
    const found = scanText('stress.txt', text);
    assert.ok(Array.isArray(found));
    for (const f of found) assert.match(f.secret, /^.{0,4}…\(\d+ chars\)$/);
  }
});
