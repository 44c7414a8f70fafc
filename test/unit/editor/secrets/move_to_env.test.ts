import { test } from 'node:test';
import assert from 'node:assert/strict';
import { envName, keyBefore, planMoveToEnv } from '../../../../src/editor/secrets/move_to_env';

// A fake value built at run time (never a real credential); assertions never print it.
const VALUE = ['q7Vw', '2kLm', '9xRt', '4pZa', '8nBc'].join('');

function plan(line: string, languageId: string, envText = '') {
  const column = line.indexOf(VALUE);
  assert.ok(column >= 0, 'test line must contain the value');
  return { line, p: planMoveToEnv({ lineText: line, column, length: VALUE.length, languageId, rule: 'generic-secret', envText }) };
}

const apply = (line: string, p: { start: number; end: number; replacement: string }) => line.slice(0, p.start) + p.replacement + line.slice(p.end);

test('variable names come from the key on the line, else from the rule', () => {
  assert.equal(envName('railwayToken'), 'RAILWAY_TOKEN');
  assert.equal(envName('db.password'), 'DB_PASSWORD');
  assert.equal(envName('stripe-live-key'), 'STRIPE_LIVE_KEY');
  assert.equal(envName('2fa'), '_2FA');
  assert.equal(envName('***'), 'SECRET');
  assert.equal(keyBefore('  "railwayToken": "x', 19), 'railwayToken');
  assert.equal(keyBefore('export API_TOKEN=', 17), 'API_TOKEN');
  assert.equal(keyBefore("'key' => '", 10), 'key');
  assert.equal(keyBefore('hello world ', 12), undefined);
});

test('TypeScript: the quoted literal becomes process.env.NAME and .env gets the value', () => {
  const { line, p } = plan(`const railwayToken = "${VALUE}";`, 'typescript');
  assert.equal(p.name, 'RAILWAY_TOKEN');
  assert.equal(apply(line, p), 'const railwayToken = process.env.RAILWAY_TOKEN;');
  assert.equal(p.readsEnvironment, true);
  assert.ok(p.envText === `RAILWAY_TOKEN=${VALUE}\n`, '.env holds the moved value under its name');
  assert.ok(!p.note.includes(VALUE), 'the note never contains the value');
});

test('Python and Go get their own lookups, with an import reminder', () => {
  const py = plan(`api_token = '${VALUE}'`, 'python');
  assert.equal(apply(py.line, py.p), 'api_token = os.environ["API_TOKEN"]');
  assert.match(py.p.note, /import os/);
  const go = plan(`var apiToken = "${VALUE}"`, 'go');
  assert.equal(apply(go.line, go.p), 'var apiToken = os.Getenv("API_TOKEN")');
});

test('JSON: the value becomes ${NAME} and the note says the loader must change', () => {
  const { line, p } = plan(`  "railwayToken": "${VALUE}",`, 'json');
  assert.equal(apply(line, p), '  "railwayToken": "${RAILWAY_TOKEN}",');
  assert.equal(p.readsEnvironment, false);
  assert.match(p.note, /does not read environment variables by itself/);
});

test('shell expands ${NAME} itself', () => {
  const { line, p } = plan(`export DEPLOY_TOKEN=${VALUE}`, 'shellscript');
  assert.equal(apply(line, p), 'export DEPLOY_TOKEN=${DEPLOY_TOKEN}');
  assert.equal(p.readsEnvironment, true);
});

test('.env: an existing name with another value gets a suffix; the same value is not added twice', () => {
  const other = plan(`const railwayToken = "${VALUE}";`, 'typescript', 'RAILWAY_TOKEN=something-else\n');
  assert.equal(other.p.name, 'RAILWAY_TOKEN_2');
  assert.ok(other.p.envText.startsWith('RAILWAY_TOKEN=something-else\nRAILWAY_TOKEN_2='), 'appended after the existing line');
  const same = plan(`const railwayToken = "${VALUE}";`, 'typescript', `RAILWAY_TOKEN="${VALUE}"\n`);
  assert.equal(same.p.name, 'RAILWAY_TOKEN');
  assert.equal(same.p.envText, `RAILWAY_TOKEN="${VALUE}"\n`);
  const noEol = plan(`const railwayToken = "${VALUE}";`, 'typescript', 'A=1');
  assert.ok(noEol.p.envText.startsWith('A=1\nRAILWAY_TOKEN='), 'a missing final newline is added first');
});

test('values with spaces or quotes are quoted in .env', () => {
  const line = `password = "a b\\"${VALUE}"`;
  const start = line.indexOf('a b');
  const length = line.lastIndexOf('"') - start;
  const p = planMoveToEnv({ lineText: line, column: start, length, languageId: 'toml', rule: 'generic-password', envText: '' });
  assert.equal(p.name, 'PASSWORD');
  assert.ok(p.envText.startsWith('PASSWORD="a b\\\\\\"'), 'backslash and quote escaped inside double quotes');
});
