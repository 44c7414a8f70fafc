// Binary files that hold typed text: a SQLite database (an app's stored connections) and a vim swap file (a copy of
// the file being edited) are checked by their printable runs, as `strings` shows them; other binary files are not.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { createContentCheck } from '../../../src/host/content_check';

let dir = '';
// built at run time: no token-shaped literal in the sources
const KEY = ['AKIA', 'Z3K7Q2M9X4B6N8P1'].join('');
const SECRET = ['wT9x', 'Lq2Vb7', 'Nk4Hs8Zp1', 'Rd6Fy3Jm5Cg0Ua', 'Ke2Wo9'].join('');

function binary(head: string, body: string): Buffer {
  return Buffer.concat([Buffer.from(head, 'latin1'), Buffer.alloc(64), Buffer.from(body, 'latin1'), Buffer.alloc(32)]);
}

before(() => {
  dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'airlock-binary-')));
  const text = `aws_access_key_id = ${KEY}\naws_secret_access_key = ${SECRET}\n`;
  fs.writeFileSync(path.join(dir, 'airflow.db'), binary('SQLite format 3\u0000', text));
  fs.writeFileSync(path.join(dir, '.settings.yml.swp'), binary('b0VIM 9.0', text));
  fs.writeFileSync(path.join(dir, 'image.bin'), binary('\u0089PNG', text));
  fs.writeFileSync(path.join(dir, 'clean.db'), binary('SQLite format 3\u0000', 'CREATE TABLE users(id INTEGER, name TEXT)'));
});

after(() => fs.rmSync(dir, { recursive: true, force: true }));

test('a SQLite database and a vim swap file holding a credential are found; other binary files are not read', () => {
  const check = createContentCheck();
  assert.ok((check(path.join(dir, 'airflow.db')) ?? []).length > 0, 'sqlite');
  assert.ok((check(path.join(dir, '.settings.yml.swp')) ?? []).length > 0, 'swap file');
  assert.deepEqual(check(path.join(dir, 'image.bin')), []);
  assert.deepEqual(check(path.join(dir, 'clean.db')), []);
});
