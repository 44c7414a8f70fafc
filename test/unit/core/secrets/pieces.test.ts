// Redaction, placeholder recognition, key naming, silencing and fingerprints.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { keyWords, secretKeyKind, findSecretAssignments } from '../../../../src/core/secrets/assignments';
import { isPlaceholder } from '../../../../src/core/secrets/placeholders';
import { redact, redactIn } from '../../../../src/core/secrets/redact';
import { scanText } from '../../../../src/core/secrets/scan';
import { parseIgnoreFile } from '../../../../src/core/secrets/silence';
import { shannonEntropy } from '../../../../src/core/secrets/entropy';

const TOKEN = ['ghp', 'AirlockFakeu8jzPde0IgxLd6GncfBAepfJB'].join('_'); // assembled so this file is not a finding itself

test('redact shows at most 4 leading chars and the length', () => {
  assert.equal(redact(TOKEN), 'ghp_…(40 chars)');
  assert.equal(redact('hunter22'), 'hu…(8 chars)');
  assert.equal(redact('abc'), '…(3 chars)');
  const line = `token=${TOKEN} and again ${TOKEN}`;
  const out = redactIn(line, [TOKEN]);
  assert.ok(!out.includes(TOKEN.slice(4)), 'value must not survive redactIn');
  assert.equal(out, 'token=ghp_…(40 chars) and again ghp_…(40 chars)');
});

test('placeholders and references are recognised, random values are not', () => {
  for (const p of ['P@ssw0rd', 'S3cr3t!', 'Passw0rd123', 'letmein1', 'your-api-key-here', 'xxxxxxxx', '********', '<token>', '${API_KEY}', 'changeme', 'dummy-password', 'test-token-123', 'testpassword', 'process.env.TOKEN', 'AKIAIOSFODNN7EXAMPLE', '{{ secrets.X }}', 'sk_test_AirlockFake0123456789'])
    assert.ok(isPlaceholder(p), `should be a placeholder: ${redact(p)}`);
  for (const v of ['AirlockFakeE40o1C6xc4sohdmM0Lm7e', 'a1f0c4e2-7b3d-4c8e-9f1a-692f09e2e8c6', 'Fake#Mail2Airlock'])
    assert.ok(!isPlaceholder(v), `should not be a placeholder: ${redact(v)}`);
});

test('key names: secret-named keys only', () => {
  assert.deepEqual(keyWords('RAILWAY_API_TOKEN'), ['railway', 'api', 'token']);
  assert.deepEqual(keyWords('railwayToken'), ['railway', 'token']);
  assert.deepEqual(keyWords('APIKey'), ['api', 'key']);
  const kind = (k: string): string | undefined => secretKeyKind(keyWords(k));
  assert.equal(kind('apiToken'), 'token');
  assert.equal(kind('DB_PASSWORD'), 'password');
  assert.equal(kind('secret_key_base'), 'token');
  assert.equal(kind('HEROKU_API_KEY'), 'token');
  for (const k of ['tokenType', 'requestId', 'key', 'sortKey', 'max_tokens', 'csrfToken', 'publicKey', 'SUPABASE_ANON_KEY', 'author', 'passwordField'])
    assert.equal(kind(k), undefined, k);
});

test('assignments are found in every syntax and the platform comes from key, section or file', () => {
  const uuid = 'a1f0c4e2-7b3d-4c8e-9f1a-692f09e2e8c6';
  const cases: [string, string, string | undefined][] = [
    [`RAILWAY_TOKEN=${uuid}`, 'x.env', 'railway'],
    [`{"railwayToken": "${uuid}"}`, 'x.json', 'railway'],
    [`railway:\n  token: ${uuid}\n`, 'x.yaml', 'railway'],
    [`[railway]\ntoken = "${uuid}"\n`, 'x.toml', 'railway'],
    [`export const apiToken = '${uuid}';`, 'x.ts', undefined],
    [`token = "${uuid}"`, 'railway.toml', 'railway'],
    [`deploy --token ${uuid}`, 'x.sh', undefined],
    [`machine api.heroku.com\n  login ops@corp.io\n  password ${uuid}\n`, 'home/.netrc', 'heroku'],
  ];
  for (const [text, file, platform] of cases) {
    const a = findSecretAssignments(text, file);
    assert.equal(a.length, 1, `one assignment in ${file}`);
    assert.equal(a[0]!.value, uuid);
    assert.equal(a[0]!.platform, platform, `platform for ${file}`);
  }
});

test('entropy separates random strings from words', () => {
  assert.ok(shannonEntropy('aaaaaaaa') === 0);
  assert.ok(shannonEntropy('AirlockFakeE40o1C6xc4sohdmM0Lm7e') > 4);
});

test('inline airlock:allow silences visibly, optionally per rule', () => {
  const line = `GITHUB_TOKEN=${TOKEN}`;
  const plain = scanText('a.env', line);
  assert.equal(plain.length, 1);
  assert.equal(plain[0]!.silenced, undefined);
  const same = scanText('a.env', `${line} # airlock:allow rotated, kept for history`);
  assert.equal(same[0]?.silenced?.by, 'inline');
  const above = scanText('a.env', `# airlock:allow\n${line}`);
  assert.equal(above[0]?.silenced?.by, 'inline');
  const otherRule = scanText('a.env', `${line} # airlock:allow jwt`);
  assert.equal(otherRule[0]?.silenced, undefined, 'allowing another rule does not silence this one');
  const thisRule = scanText('a.env', `${line} # airlock:allow github-token`);
  assert.equal(thisRule[0]?.silenced?.by, 'inline');
});

test('.airlockignore silences by path, rule or fingerprint, and keeps the finding', () => {
  const line = `GITHUB_TOKEN=${TOKEN}`;
  const [f] = scanText('conf/a.env', line);
  assert.ok(f);
  const byPath = scanText('conf/a.env', line, { ignore: parseIgnoreFile('# comment\nconf/\n') });
  assert.equal(byPath[0]?.silenced?.by, 'ignore-file');
  const byRule = scanText('conf/a.env', line, { ignore: parseIgnoreFile('rule:github-token') });
  assert.equal(byRule[0]?.silenced?.detail, 'rule:github-token');
  const byFp = scanText('conf/a.env', line, { ignore: parseIgnoreFile(`fingerprint:${f.fingerprint}`) });
  assert.equal(byFp[0]?.silenced?.by, 'ignore-file');
  const other = scanText('conf/b.env', line, { ignore: parseIgnoreFile(`fingerprint:${f.fingerprint}`) });
  assert.equal(other[0]?.silenced, undefined, 'a fingerprint is tied to its file');
  assert.match(f.fingerprint, /^[0-9a-f]{16}$/);
});

test('fixture markers, fixture directories and example files are silenced, not dropped', () => {
  const line = `GITHUB_TOKEN=${TOKEN}`;
  assert.equal(scanText('src/a.ts', `// airlock:fixture\n${line}`)[0]?.silenced?.by, 'fixture');
  assert.equal(scanText('pkg/testdata/a.env', line)[0]?.silenced?.by, 'fixture');
  assert.equal(scanText('src/__fixtures__/a.json', line)[0]?.silenced?.by, 'fixture');
  assert.equal(scanText('.env.example', line)[0]?.silenced?.by, 'example-file');
  assert.equal(scanText('config.sample.yaml', line)[0]?.silenced?.by, 'example-file');
  assert.equal(scanText('test/auth.fixture.json', line)[0]?.silenced?.by, 'fixture');
  assert.equal(scanText('spec/fixtures.yaml', line)[0]?.silenced?.by, 'fixture');
  assert.equal(scanText('config/tokens.yaml', `# Test fixture: fake tokens only\n${line}`)[0]?.silenced?.by, 'fixture');
  assert.equal(scanText('example.env', line)[0]?.silenced?.by, 'example-file');
  assert.equal(scanText('src/a.ts', line)[0]?.silenced, undefined);
  assert.equal(scanText('src/fixup.ts', line)[0]?.silenced, undefined, 'fixture means the word, not a prefix');
  // recorded traffic among the fixtures was captured from real calls
  for (const p of ['spec/fixtures/vcr_cassettes/orders.yml', 'test/fixtures/cassettes/login.json', 'tests/fixtures/recordings/api_1/recording.har', 'src/test/resources/wiremock/mappings/auth.json', 'test/fixtures/session.har']) {
    assert.equal(scanText(p, line)[0]?.silenced, undefined, p);
  }
});

test('line and column point at the value', () => {
  const text = `a=1\nb=2\n  "token": "${TOKEN}"\n`;
  const [f] = scanText('x.json', text);
  assert.ok(f);
  assert.equal(f.line, 3);
  assert.equal(text.split('\n')[2]!.slice(f.column - 1, f.column - 1 + f.length), TOKEN);
});
