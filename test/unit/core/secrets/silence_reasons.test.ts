// Credential files found by name, and silenced findings that say why: docs, source maps, minified
// bundles (generic values only), inline comments with the person's reason.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CREDENTIAL_FILE_RULE, credentialFileFinding } from '../../../../src/core/secrets/credential_files';
import { withGithubChecksum } from '../../../../src/core/secrets/checksums';
import { fake } from '../../../../src/core/secrets/samples';
import { scanText } from '../../../../src/core/secrets/scan';
import { parseIgnoreFile } from '../../../../src/core/secrets/silence';
import { scanFileAt } from '../../../../src/scan/scan_file';

const GENERIC = `const apiToken: string = "${fake('silence', ['alnum', 32])}";`;
const GITHUB = `GITHUB_TOKEN=${withGithubChecksum('ghp_', fake('silence-gh', ['alnum', 30]))}`;

test('credential files: flagged by name, never read, silenced by .airlockignore like any finding', () => {
  for (const p of CREDENTIAL_FILE_RULE.examples.flag) assert.equal(credentialFileFinding(p)?.rule, 'credential-file', p);
  for (const p of CREDENTIAL_FILE_RULE.examples.allow) assert.equal(credentialFileFinding(p), undefined, p);
  assert.equal(credentialFileFinding('certs/a.p12', parseIgnoreFile('certs/'))?.silenced?.by, 'ignore-file');
  assert.equal(credentialFileFinding('test/fixtures/client.pfx')?.silenced?.by, 'fixture');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'airlock-credfile-'));
  try {
    // Unreadable on purpose (mode 000 where permissions apply): found by name all the same.
    fs.writeFileSync(path.join(dir, 'release.keystore'), Buffer.from([0xfe, 0xed, 0xfe, 0xed, 0, 0, 0, 2]));
    fs.chmodSync(path.join(dir, 'release.keystore'), 0o000);
    const r = scanFileAt(dir, 'release.keystore', { maxFileBytes: 1024 });
    assert.equal(r.outcome, 'scanned');
    assert.deepEqual(r.findings.map((f) => [f.rule, f.line, f.secret]), [['credential-file', 1, '…(0 chars)']]);
    // Readable: an empty keystore, or a .p12 whose bytes are not PKCS#12 (random, truncated), is no credential.
    fs.writeFileSync(path.join(dir, 'empty.jks'), '');
    fs.writeFileSync(path.join(dir, 'random.p12'), Buffer.from('not a keystore at all, just text'));
    // PFX: SEQUENCE (long form, 2 length bytes) { INTEGER 3, ... }; declared 0x0100 bytes but only 20 present.
    const pfxHead = [0x30, 0x82, 0x01, 0x00, 0x02, 0x01, 0x03, 0x30, 0x80];
    fs.writeFileSync(path.join(dir, 'truncated.p12'), Buffer.from([...pfxHead, ...new Array(11).fill(0)]));
    fs.writeFileSync(path.join(dir, 'client.p12'), Buffer.from([...pfxHead, ...new Array(256).fill(0)]));
    const rules = (f: string): string[] => scanFileAt(dir, f, { maxFileBytes: 1024 }).findings.map((x) => x.rule);
    assert.deepEqual(rules('empty.jks'), []);
    assert.deepEqual(rules('random.p12'), []);
    assert.deepEqual(rules('truncated.p12'), []);
    assert.deepEqual(rules('client.p12'), ['credential-file']);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('source maps and minified bundles silence generic values with the reason, not vendor formats', () => {
  for (const file of ['dist/app.js.map', 'public/vendor.min.js']) {
    const generic = scanText(file, GENERIC);
    assert.equal(generic.length, 1, file);
    assert.equal(generic[0]!.silenced?.by, 'generated-file', file);
    assert.ok(generic[0]!.silenced!.detail.length > 10, 'says why');
    const vendor = scanText(file, GITHUB);
    assert.equal(vendor[0]?.rule, 'github-token');
    assert.equal(vendor[0]?.silenced, undefined, `${file}: a real token format stays a finding`);
  }
  const bundle = `${'var a=1;'.repeat(900)}${GENERIC}${'var b=2;'.repeat(900)}`;
  assert.equal(scanText('static/app.js', bundle)[0]?.silenced?.by, 'generated-file', 'one very long line of JS is a bundle');
  assert.equal(scanText('src/app.ts', GENERIC)[0]?.silenced, undefined, 'ordinary source stays a finding');
});

test('documentation: generic values stay findings at low severity, saying where; vendor formats keep theirs', () => {
  for (const file of ['README.md', 'docs/guide.mdx']) {
    const [generic] = scanText(file, GENERIC);
    assert.equal(generic?.silenced, undefined, file);
    assert.equal(generic?.severity, 'low', file);
    assert.match(generic!.reason, /documentation/);
    const [vendor] = scanText(file, GITHUB);
    assert.equal(vendor?.severity, 'critical', file);
  }
  assert.equal(scanText('src/app.ts', GENERIC)[0]?.severity, 'high');
});

test('inline airlock:allow keeps the person\'s reason', () => {
  const [f] = scanText('a.env', `${GITHUB} # airlock:allow rotated on 2026-11-30`);
  assert.equal(f?.silenced?.by, 'inline');
  assert.equal(f?.silenced?.detail, 'airlock:allow comment: rotated on 2026-11-30');
});

test('encrypted values under credential-named keys are not findings (sops, ansible-vault, Vault transit, KMS, sealed secrets)', () => {
  const cipher = fake('cipher', ['b64', 64]);
  const texts = [
    `password: ENC[AES256_GCM,data:${cipher},iv:${fake('iv', ['b64', 24])},tag:${fake('tag', ['b64', 24])},type:str]`,
    `{"api_token": "ENC[AES256_GCM,data:${cipher},type:str]"}`,
    `DB_PASSWORD="vault:v1:${cipher}"`,
    `secret_token: AQICAH${cipher}`,
    `  api-token: Ag${'B'}${fake('sealed', ['b64', 400])}`,
  ];
  for (const t of texts) assert.deepEqual(scanText('deploy/values.yaml', t).map((f) => f.rule), [], t.slice(0, 24));
  // The same key with a plain random value is a finding, so the tests above are not vacuous.
  assert.equal(scanText('deploy/values.yaml', `secret_token: ${fake('plain', ['alnum', 40])}`).length, 1);
});

test('a test fixture is silenced, except a URL that logs in to a public host', () => {
  const pw = fake('fixture-db', ['alnum', 24]);
  const live = `{ "db_url": "postgresql://postgres:${pw}@db.vyzenkwqvfnc.supabase.co:5432/postgres" }`;
  const local = `{ "db_url": "postgresql://postgres:${pw}@localhost:5432/app_test" }`;
  const internal = `DATABASE_URL=postgres://app:${pw}@postgres.default.svc.cluster.local/app`;
  const active = (p: string, t: string): string[] => scanText(p, t).filter((f) => !f.silenced).map((f) => f.rule);
  assert.deepEqual(active('tests/fixtures/session.json', live), ['database-url-password']);
  assert.deepEqual(active('tests/fixtures/session.json', local), []);
  assert.deepEqual(active('testdata/app.env', internal), []);
  // Maven/Gradle test resources are fixtures too
  const jwt = `ledger:\n  jwt:\n    secret: ${fake('fixture-jwt', ['alnum', 40])}\n`;
  assert.deepEqual(active('src/test/resources/application-test.yml', jwt), []);
  assert.deepEqual(active('src/main/resources/application-prod.yml', jwt), ['generic-secret']);
  assert.equal(scanText('tests/fixtures/session.json', local)[0]?.silenced?.by, 'fixture');
  // outside a fixture folder every one of them is a finding
  assert.deepEqual(active('config/session.json', local), ['database-url-password']);
});
