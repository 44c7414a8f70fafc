import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  AuditLog,
  canonicalJson,
  nodeAuditFs,
  parseHead,
  redactText,
  verifyAuditLog,
  type AuditFs,
} from '../../../src/gate/audit';

/** An in-memory disk whose appends can be made to fail on demand. */
function memFs(initial: Record<string, string> = {}) {
  const files = new Map(Object.entries(initial));
  let failAppends = 0;
  const api: AuditFs & { files: Map<string, string>; failNext(n: number): void } = {
    files,
    failNext(n) {
      failAppends = n;
    },
    async readTail(file, maxBytes) {
      const t = files.get(file);
      return t === undefined ? undefined : t.slice(-maxBytes);
    },
    async appendFile(file, data) {
      if (failAppends > 0) {
        failAppends--;
        throw new Error('disk full');
      }
      files.set(file, (files.get(file) ?? '') + data);
    },
    async writeFileAtomic(file, data) {
      files.set(file, data);
    },
    async mkdirp() {},
  };
  return api;
}

const FILE = '/store/audit.jsonl';

async function writeLog(n: number, mem = memFs()) {
  let t = 1_000;
  const log = new AuditLog({ file: FILE, fs: mem, now: () => t++ });
  for (let i = 0; i < n; i++) void log.append('event', { i, summary: `command ${i}` });
  await log.flush();
  return mem;
}

test('canonical JSON sorts keys at every level and drops undefined', () => {
  assert.equal(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: undefined } }), '{"a":{"d":[1,{"y":2,"z":1}]},"b":1}');
});

test('a burst of appends lands complete, in call order, and verifies', async () => {
  const mem = await writeLog(2000);
  const text = mem.files.get(FILE) ?? '';
  const lines = text.trimEnd().split('\n');
  assert.equal(lines.length, 2000);
  lines.forEach((l, idx) => assert.equal(JSON.parse(l).data.i, idx));
  const report = verifyAuditLog(text, parseHead(mem.files.get(`${FILE}.head`)));
  assert.equal(report.ok, true);
  assert.equal(report.entries, 2000);
  assert.equal(report.tornTail, undefined);
});

test('changing one byte names that entry', async () => {
  const mem = await writeLog(10);
  const lines = (mem.files.get(FILE) ?? '').split('\n');
  lines[4] = (lines[4] ?? '').replace('command 4', 'command X');
  const report = verifyAuditLog(lines.join('\n'));
  assert.equal(report.ok, false);
  assert.equal(report.broken?.line, 5);
  assert.equal(report.broken?.seq, 5);
  assert.match(report.broken?.reason ?? '', /hash/);
});

test('deleting one line names the entry after the gap', async () => {
  const mem = await writeLog(10);
  const lines = (mem.files.get(FILE) ?? '').split('\n');
  lines.splice(6, 1); // entry #7 gone
  const report = verifyAuditLog(lines.join('\n'));
  assert.equal(report.ok, false);
  assert.equal(report.broken?.line, 7);
  assert.equal(report.broken?.seq, 7);
  assert.match(report.broken?.reason ?? '', /missing/);
});

test('deleting the last lines is caught by the head file', async () => {
  const mem = await writeLog(10);
  const lines = (mem.files.get(FILE) ?? '').split('\n');
  lines.splice(8, 2);
  const report = verifyAuditLog(lines.join('\n'), parseHead(mem.files.get(`${FILE}.head`)));
  assert.equal(report.ok, false);
  assert.match(report.headMismatch ?? '', /#8 .* #10/);
});

test('a recomputed-looking edit that keeps the hash field still breaks the next link', async () => {
  const mem = await writeLog(5);
  const lines = (mem.files.get(FILE) ?? '').split('\n');
  const e = JSON.parse(lines[1] ?? '{}');
  e.data.summary = 'something else';
  e.hash = 'f'.repeat(64);
  lines[1] = JSON.stringify(e);
  const report = verifyAuditLog(lines.join('\n'));
  assert.equal(report.broken?.seq, 2);
});

test('a torn last line is a torn tail, not corruption, and the next writer seals it', async () => {
  const mem = await writeLog(3);
  mem.files.set(FILE, `${mem.files.get(FILE)}{"v":1,"seq":4,"ti`);
  const torn = verifyAuditLog(mem.files.get(FILE) ?? '');
  assert.equal(torn.ok, true);
  assert.equal(torn.entries, 3);
  assert.equal(torn.tornTail?.line, 4);

  const log = new AuditLog({ file: FILE, fs: mem });
  await log.append('event', { after: 'crash' });
  const sealed = verifyAuditLog(mem.files.get(FILE) ?? '');
  assert.equal(sealed.ok, true, JSON.stringify(sealed.broken));
  assert.deepEqual(sealed.sealedTornLines, [4]);
  assert.equal(sealed.entries, 5); // 3 + the seal + the new entry
  const lastLine = (mem.files.get(FILE) ?? '').trimEnd().split('\n').pop() ?? '';
  assert.equal(JSON.parse(lastLine).seq, 5);
});

test('garbage in the middle is corruption, even if it looks torn', async () => {
  const mem = await writeLog(4);
  const lines = (mem.files.get(FILE) ?? '').split('\n');
  lines.splice(2, 0, '{"v":1,"se');
  const report = verifyAuditLog(lines.join('\n'));
  assert.equal(report.ok, false);
  assert.equal(report.broken?.line, 3);
});

test('a failed write keeps the entries queued and in order for the next attempt', async () => {
  const mem = memFs();
  const errors: unknown[] = [];
  const log = new AuditLog({ file: FILE, fs: mem, onError: (e) => errors.push(e) });
  mem.failNext(2); // the first write and flush's one retry
  const first = log.append('event', { i: 0 });
  await assert.rejects(log.flush(), /could not write/);
  assert.equal(errors.length, 2);
  const second = log.append('event', { i: 1 });
  await Promise.all([first, second]);
  const report = verifyAuditLog(mem.files.get(FILE) ?? '');
  assert.equal(report.ok, true);
  assert.equal(report.entries, 2);
});

test('a new writer continues the chain of an existing log', async () => {
  const mem = await writeLog(3);
  const log = new AuditLog({ file: FILE, fs: mem });
  await log.append('lockdown', { by: 'person' });
  const report = verifyAuditLog(mem.files.get(FILE) ?? '');
  assert.equal(report.ok, true);
  assert.equal(report.lastSeq, 4);
});

test('secrets are redacted before they reach the disk', async () => {
  const mem = memFs();
  const log = new AuditLog({ file: FILE, fs: mem });
  const token = ['ghp', '_', 'aB3dE5gH7jK9mN1pQ3sT5vX7zA9cE1gH3jK5'].join('');
  const railway = ['8f2e6c1a', '4b7d', '4e9f', 'a3c5', 'd1e2f3a4b5c6'].join('-').replace(/-/g, 'Zq');
  await log.append('event', {
    summary: `curl -H "Authorization: Bearer ${railway}" -d '{"query":"mutation { volumeDelete }"}' https://backboard.railway.app/graphql`,
    env: `GITHUB_TOKEN=${token} git push`,
  });
  const text = mem.files.get(FILE) ?? '';
  assert.ok(!text.includes(token), 'github token written unredacted');
  assert.ok(!text.includes(railway), 'bearer token written unredacted');
  assert.match(text, /volumeDelete/);
  assert.equal(verifyAuditLog(text).ok, true);
});

test('redaction keeps ordinary commands readable', () => {
  const plain = [
    'rm -rf node_modules',
    'git push --force origin main',
    'cat /home/someone/projects/very-long-directory-name/src/index.ts',
    'git show 4b825dc642cb6eb9a060e54bf8d69288fbee4904',
    'echo 3f2a9c1e-1b2c-4d5e-8f90-a1b2c3d4e5f6',
  ];
  for (const p of plain) assert.equal(redactText(p), p);
  const secretish: Array<[string, RegExp]> = [
    ['export AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY', /AWS_SECRET_ACCESS_KEY=\[REDACTED\]/],
    ['psql postgres://admin:hunter2pass@db.prod.example.com/app', /admin:\[REDACTED\]@db/],
    ['deploy --api-key abcdef123456', /--api-key \[REDACTED\]/],
  ];
  for (const [s, re] of secretish) assert.match(redactText(s), re);
  assert.equal(redactText(redactText(secretish[0]![0])), redactText(secretish[0]![0]));
});

test('the node file system writer produces a log that verifies', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'airlock-audit-'));
  try {
    const file = path.join(dir, 'nested', 'audit.jsonl');
    const log = new AuditLog({ file, fs: nodeAuditFs });
    await Promise.all(Array.from({ length: 50 }, (_, i) => log.append('event', { i })));
    const report = verifyAuditLog(fs.readFileSync(file, 'utf8'), parseHead(fs.readFileSync(`${file}.head`, 'utf8')));
    assert.equal(report.ok, true);
    assert.equal(report.entries, 50);
    assert.equal(fs.statSync(file).mode & 0o077, 0, 'audit log readable by others');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
