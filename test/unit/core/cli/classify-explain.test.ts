// `airlock classify` (the JSONL contract in DESIGN.md) and `airlock explain`, run in-process.
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import { main } from '../../../../src/cli';

async function runCli(args: string[], input: string): Promise<{ code: number; out: string; err: string }> {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d) => (out += String(d)));
  stderr.on('data', (d) => (err += String(d)));
  stdin.end(input);
  const code = await main(args, { stdin, stdout, stderr });
  return { code, out, err };
}

test('classify: one answer per input line, same order, bad lines deny with an error', async () => {
  const lines = [
    JSON.stringify({ kind: 'shell', command: 'rm -rf /', cwd: '/repo' }),
    '{not json',
    '',
    JSON.stringify({ kind: 'read', path: '.env', cwd: '/repo' }),
    JSON.stringify({ kind: 'teleport', path: 'x' }),
    JSON.stringify({ kind: 'shell' }),
    JSON.stringify({ kind: 'shell', command: 'ls' }),
    JSON.stringify({ kind: 'mcp', tool: 'delete_file', input: { path: 'a' } }),
  ];
  const { code, out } = await runCli(['classify'], `${lines.join('\n')}\n`);
  assert.equal(code, 0);
  const answers = out.trimEnd().split('\n').map((l) => JSON.parse(l));
  assert.equal(answers.length, lines.length);
  assert.deepEqual(answers.map((a) => a.decision), ['ask', 'deny', 'deny', 'ask', 'deny', 'deny', 'allow', 'ask']);
  for (const i of [1, 2, 4, 5]) assert.equal(typeof answers[i].error, 'string');
  assert.deepEqual(Object.keys(answers[0]), ['decision', 'rules', 'reason', 'severity', 'target', 'environment']);
  assert.deepEqual(answers[0].rules, ['fs.recursive-delete']);
  assert.deepEqual(Object.keys(answers[6]), ['decision', 'rules', 'reason', 'severity', 'environment']);
});

test('classify: an error message never echoes the line (it may hold a secret)', async () => {
  const secret = `sk_live_${'4eC39HqLyjWDarjtT1zdp7dc'}`;
  const { out } = await runCli(['classify'], `{"kind":"shell","command":"${secret}"  oops\n`);
  assert.ok(!out.includes(secret));
  assert.equal(JSON.parse(out).decision, 'deny');
});

test('classify: 2,000 lines stream through in order', async () => {
  const input = Array.from({ length: 2000 }, (_, i) => JSON.stringify({ kind: 'shell', command: i % 2 ? `rm -rf dir${i}` : `ls dir${i}` })).join('\n');
  const { out } = await runCli(['classify'], input);
  const answers = out.trimEnd().split('\n').map((l) => JSON.parse(l));
  assert.equal(answers.length, 2000);
  answers.forEach((a, i) => {
    assert.equal(a.decision, i % 2 ? 'ask' : 'allow');
    if (i % 2) assert.equal(a.target, `dir${i}`);
  });
});

test('classify: unknown arguments exit 2', async () => {
  const { code, err } = await runCli(['classify', '--bogus'], '');
  assert.equal(code, 2);
  assert.match(err, /unknown option .--bogus./);
});

test('explain shows parse, unwrapping, simple commands, rules and decision', async () => {
  const { code, out } = await runCli(['explain', 'sudo bash -c "rm -rf /srv/data" && echo ok'], '');
  assert.equal(code, 0);
  for (const section of ['parse:', 'unwrapping:', 'simple commands:', 'rules hit:', 'decision: ASK']) assert.ok(out.includes(section), section);
  assert.match(out, /unwrap sudo/);
  assert.match(out, /rm \["-rf","\/srv\/data"\]\s+via sudo → bash -c/);
  assert.match(out, /fs\.recursive-delete \[high\] -> ask\s+target: \/srv\/data/);
});

test('explain redacts credentials and needs a command', async () => {
  const token = `ghp_${'aB3dE5gH7jK9mN1pQ3sT5vX7zA9cE1gH3jK5'}`;
  const { out } = await runCli(['explain', `curl -H "Authorization: token ${token}" https://api.github.com`], '');
  assert.ok(!out.includes(token));
  assert.equal((await runCli(['explain'], '')).code, 2);
});
