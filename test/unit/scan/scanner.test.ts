// The scanner over real temporary trees: gitignore (nested, re-includes), always-scanned secret
// files, binary and size limits, .airlockignore, worker-thread pool, incremental scanFile.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createScanner } from '../../../src/scan/scanner';
import { walkFiles } from '../../../src/scan/walk';

// Assembled at run time so this test file is not itself a finding.
const TOKEN = ['ghp', 'AirlockFakeu8jzPde0IgxLd6GncfBAepfJB'].join('_');
let dir = '';
let workerFile = '';

function write(rel: string, content: string | Buffer): void {
  const p = path.join(dir, rel);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, content);
}

before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'airlock-scan-test-'));
  write('.gitignore', 'build/\n*.log\n.env\n');
  write('src/config.json', `{\n  "token": "${TOKEN}"\n}\n`);
  write('src/clean.ts', 'export const x = 1;\n');
  write('build/out.js', `const t = "${TOKEN}";\n`); // gitignored directory
  write('debug.log', `token=${TOKEN}\n`); // gitignored file
  write('.env', `GITHUB_TOKEN=${TOKEN}\n`); // gitignored, but a secret file: scanned anyway
  write('build/prod-secrets.json', `{"token": "${TOKEN}"}\n`); // ignored directory: never entered
  write('tmp-credentials.log', `token=${TOKEN}\n`); // ignored by *.log, but its name says secrets
  write('pkg/.gitignore', '*.txt\n!keep.txt\n');
  write('pkg/drop.txt', `token: ${TOKEN}\n`);
  write('pkg/keep.txt', `token: ${TOKEN}\n`);
  write('node_modules/x/index.js', `const t = "${TOKEN}";\n`);
  write('img.bin', Buffer.concat([Buffer.from([0x89, 0x50, 0x00, 0x01]), Buffer.from(`token=${TOKEN}`)]));
  write('big.json', `{"token": "${TOKEN}", "pad": "${'a'.repeat(5000)}"}`);
  write('vendor/silenced.js', `const t = "${TOKEN}";\n`);
  write('.airlockignore', '# vendored code we do not own\nvendor/\n');

  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'airlock-worker-'));
  workerFile = path.join(outDir, 'scan-worker.js');
  // The pool loads a bundled worker file, as the extension does from dist/; build one for this test.
  const build = `require('esbuild').buildSync({ entryPoints: ['src/scan/worker.ts'], bundle: true, platform: 'node', format: 'cjs', outfile: ${JSON.stringify(workerFile)}, logLevel: 'error' })`;
  const r = spawnSync(process.execPath, ['-e', build], { encoding: 'utf8' });
  assert.equal(r.status, 0, `worker build failed: ${r.stderr}`);
});

after(() => {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(path.dirname(workerFile), { recursive: true, force: true });
});

test('walker honours nested .gitignore, never enters node_modules, still walks secret files', async () => {
  const files: string[] = [];
  for await (const f of walkFiles(dir)) files.push(f);
  files.sort();
  assert.deepEqual(files, [
    '.airlockignore',
    '.env',
    '.gitignore',
    'big.json',
    'img.bin',
    'pkg/.gitignore',
    'pkg/keep.txt',
    'src/clean.ts',
    'src/config.json',
    'tmp-credentials.log',
    'vendor/silenced.js',
  ]);
  const all: string[] = [];
  for await (const f of walkFiles(dir, { gitignore: false })) all.push(f);
  assert.ok(all.includes('build/out.js') && all.includes('debug.log') && !all.some((f) => f.startsWith('node_modules/')));
});

for (const workers of [0, 2]) {
  test(`scanAll with ${workers} workers: findings, skips, silencing`, async () => {
    const seen: string[] = [];
    const scanner = createScanner({ root: dir, workers, workerFile, maxFileBytes: 4096, onFinding: (f) => seen.push(f.file) });
    try {
      const s = await scanner.scanAll();
      const active = s.findings.filter((f) => !f.silenced).map((f) => `${f.file}:${f.line}`);
      assert.deepEqual(active, ['.env:1', 'pkg/keep.txt:1', 'src/config.json:2', 'tmp-credentials.log:1']);
      const silenced = s.findings.filter((f) => f.silenced).map((f) => `${f.file}:${f.silenced!.by}`);
      assert.deepEqual(silenced, ['vendor/silenced.js:ignore-file']);
      assert.deepEqual(s.skipped, [{ file: 'big.json', reason: 'too-large', bytes: fs.statSync(path.join(dir, 'big.json')).size }]);
      assert.equal(s.binaryFiles, 1);
      assert.equal(seen.length, s.findings.length, 'onFinding streams every finding');
      assert.ok(s.findings.every((f) => !f.secret.includes(TOKEN.slice(4))), 'findings are redacted');
    } finally {
      await scanner.dispose();
    }
  });
}

test('walkInWorker: the walk and the scan both run in the worker, with the same results', async () => {
  const streamed: string[] = [];
  const scanner = createScanner({ root: dir, workerFile, walkInWorker: true, maxFileBytes: 4096, onFinding: (f) => streamed.push(f.file) });
  try {
    const s = await scanner.scanAll();
    assert.deepEqual(
      s.findings.filter((f) => !f.silenced).map((f) => `${f.file}:${f.line}`),
      ['.env:1', 'pkg/keep.txt:1', 'src/config.json:2', 'tmp-credentials.log:1'],
    );
    assert.equal(s.skipped.length, 1);
    assert.equal(streamed.length, s.findings.length);
    const ac = new AbortController();
    const pending = scanner.scanAll(ac.signal);
    ac.abort();
    const cancelled = await pending;
    assert.equal(cancelled.cancelled, true, 'an aborted worker walk resolves as cancelled, never hangs');
    const again = await scanner.scanAll();
    assert.equal(again.findings.length, s.findings.length, 'the scanner still works after a cancel');
  } finally {
    await scanner.dispose();
  }
});

test('scanFile re-scans one file after a change, in the pool and in-thread', async () => {
  for (const workers of [0, 1]) {
    const scanner = createScanner({ root: dir, workers, workerFile });
    try {
      write('src/later.yaml', 'name: x\n');
      assert.equal((await scanner.scanFile('src/later.yaml')).findings.length, 0);
      write('src/later.yaml', `name: x\napi_token: ${TOKEN}\n`);
      const r = await scanner.scanFile(path.join(dir, 'src/later.yaml'));
      assert.equal(r.outcome, 'scanned');
      assert.deepEqual(r.findings.map((f) => [f.file, f.line, f.rule]), [['src/later.yaml', 2, 'github-token']]);
      const gone = await scanner.scanFile('src/missing.yaml');
      assert.equal(gone.outcome, 'unreadable');
    } finally {
      await scanner.dispose();
      fs.rmSync(path.join(dir, 'src/later.yaml'), { force: true });
    }
  }
});

test('reloadIgnore applies a changed .airlockignore (workers too)', async () => {
  const scanner = createScanner({ root: dir, workers: 1, workerFile });
  try {
    write('.airlockignore', 'vendor/\nsrc/config.json\n');
    scanner.reloadIgnore();
    const r = await scanner.scanFile('src/config.json');
    assert.equal(r.findings[0]?.silenced?.by, 'ignore-file');
  } finally {
    write('.airlockignore', '# vendored code we do not own\nvendor/\n');
    await scanner.dispose();
  }
});

test('a cancelled scan stops early and says so', async () => {
  const scanner = createScanner({ root: dir, workers: 0 });
  const ac = new AbortController();
  ac.abort();
  const s = await scanner.scanAll(ac.signal);
  assert.equal(s.cancelled, true);
  assert.equal(s.filesScanned, 0);
  await scanner.dispose();
});
