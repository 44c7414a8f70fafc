// `airlock scan --format sarif` validated by a real JSON Schema validator (Ajv, draft-04 as the schema
// declares) against the official SARIF 2.1.0 schema (test/fixtures/sarif, see its README).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { scanCommand } from '../../../src/cli/scan';
import { withGithubChecksum } from '../../../src/core/secrets/checksums';
import { fake } from '../../../src/core/secrets/samples';

const schema = JSON.parse(fs.readFileSync('test/fixtures/sarif/sarif-schema-2.1.0.json', 'utf8')) as object;
let dir = '';

async function sarifOf(root: string, extra: string[] = []): Promise<{ code: number; doc: unknown; out: string }> {
  const stdout = new PassThrough();
  let out = '';
  stdout.on('data', (d) => (out += d));
  const code = await scanCommand.run([root, '--format', 'sarif', '--workers', '1', ...extra], { stdin: new PassThrough(), stdout, stderr: new PassThrough() });
  return { code, doc: JSON.parse(out) as unknown, out };
}

function validator(): (doc: unknown) => string[] {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  return (doc) => (validate(doc) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`));
}

before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'airlock-sarif-'));
  fs.mkdirSync(path.join(dir, 'dir with space'));
  fs.writeFileSync(path.join(dir, 'dir with space', 'ci.env'), `GITHUB_TOKEN=${withGithubChecksum('ghp_', fake('sarif', ['alnum', 30]))}\n`);
  fs.writeFileSync(path.join(dir, 'app.ts'), `const apiToken: string = "${fake('sarif2', ['alnum', 32])}"; // airlock:allow rotated last week\n`);
  fs.writeFileSync(path.join(dir, 'keystore.p12'), Buffer.from([0x30, 0x82, 0x0a, 0x00, 0x02, 0x01, 0x03]));
});

after(() => fs.rmSync(dir, { recursive: true, force: true }));

test('the schema validator itself rejects a broken SARIF log', () => {
  const check = validator();
  assert.ok(check({ version: '2.1.0', runs: [{ tool: { driver: {} } }] }).length > 0, 'a driver without a name must be invalid');
  assert.ok(check({ version: '3.0', runs: [] }).length > 0, 'a wrong version must be invalid');
});

test('scan output with findings, suppressions and odd paths is valid SARIF 2.1.0', async () => {
  const { code, doc } = await sarifOf(dir);
  assert.equal(code, 1);
  assert.deepEqual(validator()(doc), []);
  const results = (doc as { runs: { results: { ruleId: string; suppressions?: unknown[] }[] }[] }).runs[0]!.results;
  assert.ok(results.some((r) => r.ruleId === 'github-token'));
  assert.ok(results.some((r) => r.suppressions !== undefined), 'the inline-allowed finding is a suppressed result');
});

test('an empty scan is valid SARIF 2.1.0 too', async () => {
  const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'airlock-sarif-empty-'));
  try {
    const { code, doc } = await sarifOf(empty);
    assert.equal(code, 0);
    assert.deepEqual(validator()(doc), []);
  } finally {
    fs.rmSync(empty, { recursive: true, force: true });
  }
});
