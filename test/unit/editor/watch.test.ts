import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MassDeleteDetector, commonDir } from '../../../src/editor/watch/massDelete';
import { credentialVariables, DEFAULT_CREDENTIAL_PATTERNS } from '../../../src/editor/watch/credentialEnv';
import { isStopCommand, stopCommandsIn, STOP_COMMAND_EXAMPLES, KNOWN_STOP_COMMANDS } from '../../../src/editor/lockdown/stopCommands';
import { DayCounts } from '../../../src/editor/status/dayCounts';

test('mass deletion: N files within T ms alerts once per burst', () => {
  const d = new MassDeleteDetector(5, 1000);
  const alerts = [];
  for (let i = 0; i < 4; i++) assert.equal(d.record(`/ws/src/f${i}`, i * 100), undefined);
  const a = d.record('/ws/src/f4', 400);
  assert.equal(a?.count, 5);
  assert.equal(a?.under, '/ws/src');
  for (let i = 5; i < 50; i++) if (d.record(`/ws/src/f${i}`, 400 + i * 10)) alerts.push(i);
  assert.deepEqual(alerts, [], 'the same burst alerts only once');
  assert.ok(d.record('/ws/b/x', 5000) === undefined, 'a single deletion after quiet is fine');
});

test('mass deletion: slow deletions never alert', () => {
  const d = new MassDeleteDetector(5, 1000);
  for (let i = 0; i < 100; i++) assert.equal(d.record(`/ws/f${i}`, i * 300), undefined);
  assert.equal(commonDir(['/a/b/c', '/a/b/d/e']), '/a/b');
});

test('credential variables: blanked by pattern, tools the terminal needs are kept', () => {
  const names = ['RAILWAY_TOKEN', 'AWS_SECRET_ACCESS_KEY', 'OPENAI_API_KEY', 'PATH', 'HOME', 'SSH_AUTH_SOCK', 'DB_PASSWORD', 'GH_TOKEN', 'TOKENIZER_PATH', 'NODE_OPTIONS', 'stripe_secret'];
  assert.deepEqual(credentialVariables(names, DEFAULT_CREDENTIAL_PATTERNS), ['AWS_SECRET_ACCESS_KEY', 'DB_PASSWORD', 'GH_TOKEN', 'OPENAI_API_KEY', 'RAILWAY_TOKEN', 'stripe_secret']);
  assert.deepEqual(credentialVariables(names, ['MY_*']), []);
  assert.deepEqual(credentialVariables(['A.B', 'AxB'], ['A.B']), ['A.B'], 'glob dots are literal');
});

test('agent stop commands: every example is classified as documented', () => {
  for (const id of STOP_COMMAND_EXAMPLES.stop) assert.ok(isStopCommand(id), `${id} should stop an agent`);
  for (const id of STOP_COMMAND_EXAMPLES.keep) assert.ok(!isStopCommand(id), `${id} is not an agent stop command`);
  for (const k of KNOWN_STOP_COMMANDS) assert.ok(isStopCommand(k.id));
  assert.deepEqual(stopCommandsIn(['git.commit', 'cline.cancelTask', 'workbench.action.chat.cancel']), ['cline.cancelTask', 'workbench.action.chat.cancel']);
});

test('day counts: each action once, on settling, reset at midnight', () => {
  const c = new DayCounts();
  const t = new Date(2026, 10, 22, 12).getTime();
  c.add('a', 'waiting', t);
  c.add('a', 'approved', t);
  c.add('a', 'approved', t);
  c.add('b', 'blocked', t);
  c.add('c', 'asked-blocked', t);
  c.add('d', 'observed', t);
  assert.deepEqual(c.view(t), { allowed: 1, asked: 2, blocked: 2, observed: 1 });
  const tomorrow = new Date(2026, 10, 23, 1).getTime();
  assert.deepEqual(c.view(tomorrow), { allowed: 0, asked: 0, blocked: 0, observed: 0 });
  c.add('e', 'allowed', tomorrow);
  assert.deepEqual(c.view(tomorrow), { allowed: 1, asked: 0, blocked: 0, observed: 0 });
});
