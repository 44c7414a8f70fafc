// A file written earlier in the same line is read as what was written there (classify.ts throughWritten): the
// SQL readers judge the statements an action puts into a file and then runs, not what the file holds on disk now.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { classifyDetailed } from '../../../../src/core/classify';
import { loadShellParser } from '../../../../src/host/shell_wasm';

before(async () => {
  await loadShellParser();
});

// On disk these files hold harmless SQL; the line overwrites them first.
const DISK: Record<string, string> = { '/w/x.sql': 'SELECT 1;\n', '/tmp/x.sql': 'SELECT 1;\n', '/tmp/q.sql': 'SELECT 1;\n', '/tmp/r.sql': 'SELECT 1;\n' };
const CTX = { cwd: '/w', home: '/home/u', workspaceRoots: ['/w'], readFile: (p: string) => DISK[p.startsWith('/') ? p : `/w/${p.replace(/^\.\//, '')}`] };

function rules(command: string): string[] {
  return classifyDetailed({ kind: 'shell', command }, CTX).verdict.rules;
}

const FLAG: Array<[string, string]> = [
  ["printf 'DROP TABLE users;\\n' > /tmp/x.sql && psql -f /tmp/x.sql", 'sql.drop'],
  ["printf 'DROP TABLE users;\\n' > /tmp/x.sql && psql < /tmp/x.sql", 'sql.drop'],
  ["echo 'DROP TABLE users;' > x.sql; mysql shop < x.sql", 'sql.drop'],
  ["echo 'DELETE FROM users;' > /tmp/q.sql && sqlite3 data/app.db < /tmp/q.sql", 'sql.delete-all'],
  ["echo 'DROP TABLE users;' > /tmp/q.sql && cp /tmp/q.sql /tmp/r.sql && psql -f /tmp/r.sql", 'sql.drop'],
];

const ALLOW = [
  "echo 'SELECT 1;' > /tmp/x.sql && psql -f /tmp/x.sql",
  "printf 'SELECT count(*) FROM users;\\n' > /tmp/x.sql && psql < /tmp/x.sql",
  "echo 'CREATE TABLE t (id int);' > x.sql; mysql shop < x.sql",
  'psql -f /tmp/x.sql',
];

describe('SQL files written earlier in the line', () => {
  for (const [line, rule] of FLAG) {
    test(`flags ${line}`, () => assert.ok(rules(line).includes(rule), `${rule} expected in [${rules(line).join(', ')}]`));
  }
  for (const line of ALLOW) {
    test(`allows ${line}`, () => assert.deepEqual(rules(line).filter((r) => r.startsWith('sql.')), []));
  }
});
