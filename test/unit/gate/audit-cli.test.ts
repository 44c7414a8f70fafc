import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { main } from '../../../src/cli';
import { AuditLog, fileHeadStore, headCopyFile } from '../../../src/gate/audit';

async function run(args: string[]) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d) => (out += d));
  stderr.on('data', (d) => (err += d));
  const code = await main(args, { stdin: new PassThrough(), stdout, stderr });
  return { code, out, err };
}

test('airlock audit verify: intact, one byte changed, one line deleted, torn tail', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'airlock-cli-audit-'));
  try {
    const file = path.join(dir, 'audit.jsonl');
    const state = path.join(dir, 'state');
    const log = new AuditLog({ file, headCopies: [fileHeadStore('copy', headCopyFile(path.join(state, 'audit-heads'), file))] });
    for (let i = 0; i < 8; i++) void log.append('event', { summary: `rm -rf build${i}` });
    await log.flush();
    const good = fs.readFileSync(file, 'utf8');

    let r = await run(['audit', 'verify', file, '--state-dir', state]);
    assert.equal(r.code, 0);
    assert.match(r.out, /ok: 8 entries, chain intact, matches head \(2 copies\)/);

    fs.writeFileSync(file, good.replace('build3', 'build9'));
    r = await run(['audit', 'verify', file, '--state-dir', state]);
    assert.equal(r.code, 1);
    assert.match(r.out, /BROKEN at line 4 \(entry #4\)/);

    const lines = good.split('\n');
    lines.splice(5, 1);
    fs.writeFileSync(file, lines.join('\n'));
    r = await run(['audit', 'verify', file, '--state-dir', state]);
    assert.equal(r.code, 1);
    assert.match(r.out, /BROKEN at line 6 \(entry #6\)/);

    fs.writeFileSync(file, `${good}{"v":1,"seq":9,"tim`);
    r = await run(['audit', 'verify', file, '--state-dir', state]);
    assert.equal(r.code, 0);
    assert.match(r.out, /line 9 is a torn tail/);

    r = await run(['audit', 'verify']);
    assert.equal(r.code, 2);
    r = await run(['audit', 'verify', path.join(dir, 'missing.jsonl')]);
    assert.equal(r.code, 2);
    assert.match(r.err, /ENOENT/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
