// Test and example files that a protected name covers (`.env.test`, `tests/fixtures/credentials.json`,
// `example.tfvars`) are read freely when their content holds no live credential; one that does is protected as
// any other. Judged through classify() with the real host facts on files in a temp folder.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { classify } from '../../../src/core/classify';
import { createHostFacts } from '../../../src/host/facts';

let ws = '';

before(() => {
  ws = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'airlock-fixtures-')));
  const put = (rel: string, text: string): void => {
    fs.mkdirSync(path.dirname(path.join(ws, rel)), { recursive: true });
    fs.writeFileSync(path.join(ws, rel), text);
  };
  put('.env', 'DATABASE_URL=postgres://app@localhost/dev\n');
  put('.env.test', 'DATABASE_URL=postgres://test:test@localhost/test\nSTRIPE_KEY=sk_test_placeholder\n');
  put('tests/fixtures/credentials.json', '{"client_id": "dummy", "client_secret": "changeme"}\n');
  put('infra/example.tfvars', 'region = "us-east-1"\ndb_password = "CHANGE_ME"\n');
  // built at run time: no token-shaped literal in the sources
  const key = ['AKIA', 'Z3K7Q2M9X4B6N8P1'].join('');
  const secret = ['wT9x', 'Lq2Vb7', 'Nk4Hs8Zp1', 'Rd6Fy3Jm5Cg0Ua', 'Ke2Wo'].join('');
  put('testdata/live.env', `AWS_ACCESS_KEY_ID=${key}\nAWS_SECRET_ACCESS_KEY=${secret}\n`);
  put('tests/fixtures/server.p12', '\u0000binary');
});

after(() => fs.rmSync(ws, { recursive: true, force: true }));

function decide(command: string): string {
  return classify({ kind: 'shell', command, cwd: ws }, { cwd: ws, workspaceRoots: [ws], facts: createHostFacts() }).decision;
}

test('test and example files with no live credential are read freely', () => {
  for (const line of ['cat .env.test', 'cat tests/fixtures/credentials.json', 'jq . tests/fixtures/credentials.json', 'cat infra/example.tfvars', 'diff .env.test tests/fixtures/credentials.json']) {
    assert.equal(decide(line), 'allow', line);
  }
  const read = classify({ kind: 'read', path: path.join(ws, '.env.test') }, { cwd: ws, workspaceRoots: [ws], facts: createHostFacts() });
  assert.equal(read.decision, 'allow');
});

test('the same names holding a live credential, other secret files and binary key stores stay protected', () => {
  for (const line of ['cat testdata/live.env', 'cat .env', 'base64 tests/fixtures/server.p12', 'diff .env .env.test']) assert.equal(decide(line), 'ask', line);
});
