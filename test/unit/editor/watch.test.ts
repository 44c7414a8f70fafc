import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KnownFiles, MassDeleteDetector, commonDir } from '../../../src/editor/watch/massDelete';
import { credentialVariables } from '../../../src/editor/watch/credentialEnv';
import { applyEnvBlanking } from '../../../src/editor/watch/envBlanking';
import { compilePolicy, defaultPolicy } from '../../../src/core/policy';
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

test('credential variables: the policy decides which names, tools the terminal needs are kept', () => {
  const policy = compilePolicy(defaultPolicy());
  const names = ['RAILWAY_TOKEN', 'AWS_SECRET_ACCESS_KEY', 'OPENAI_API_KEY', 'PATH', 'HOME', 'SSH_AUTH_SOCK', 'DB_PASSWORD', 'GH_TOKEN', 'NODE_OPTIONS', 'stripe_secret', 'GIT_ASKPASS'];
  assert.deepEqual(credentialVariables(names, (n) => policy.isCredentialEnvName(n)), ['AWS_SECRET_ACCESS_KEY', 'DB_PASSWORD', 'GH_TOKEN', 'OPENAI_API_KEY', 'RAILWAY_TOKEN', 'stripe_secret']);
  const custom = compilePolicy({ ...defaultPolicy(), credentialEnvPatterns: ['^MY_'] });
  assert.ok(credentialVariables(['MY_THING'], (n) => custom.isCredentialEnvName(n)).includes('MY_THING'));
});

test('env blanking replaces each credential variable with an empty value, and clears when off', () => {
  const ops: string[] = [];
  const collection = {
    persistent: false,
    description: '',
    clear: () => ops.push('clear'),
    replace: (name: string, value: string) => ops.push(`${name}=${value}`),
  };
  const env = { RAILWAY_TOKEN: 'x', PATH: '/bin', DEPLOY_SECRET: 'y' };
  const names = applyEnvBlanking(collection as never, true, (n) => /TOKEN|SECRET/.test(n), env);
  assert.deepEqual(names, ['DEPLOY_SECRET', 'RAILWAY_TOKEN']);
  assert.deepEqual(ops, ['clear', 'DEPLOY_SECRET=', 'RAILWAY_TOKEN=']);
  assert.equal(collection.persistent, true);
  assert.match(collection.description, /RAILWAY_TOKEN/);
  assert.ok(!collection.description.includes('x'.repeat(2)));
  ops.length = 0;
  assert.deepEqual(applyEnvBlanking(collection as never, false, () => true, env), []);
  assert.deepEqual(ops, ['clear']);
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

test('day counts in words add up: three actions read as three, not five', () => {
  const counts = { allowed: 1, asked: 2, blocked: 2, observed: 1 };
  assert.equal(tallyText(counts), '3 agent actions today: 1 allowed, 2 blocked; 2 asked you; 1 observed');
  assert.equal(shortTally(counts), '2 blocked · 2 asked');
  assert.equal(tallyText({ allowed: 1, asked: 0, blocked: 0, observed: 0 }), '1 agent action today: 1 allowed, 0 blocked');
  assert.equal(shortTally({ allowed: 4, asked: 0, blocked: 0, observed: 0 }), '');
});

import { shortTally, tallyText } from '../../../src/editor/activity/tally';
import { descendants, groupsToSignal, parsePs, sameGroupChildren } from '../../../src/editor/lockdown/processTree';

test('terminal process groups: descendants of the shell, never the shell or our own group', () => {
  const table = parsePs(`
    1     0     1
  100     1   100
  200   100   200
  201   200   200
  300   100   300
  301   300   777
  400     1   400
  500   100   100
  `);
  assert.equal(table.length, 8);
  assert.deepEqual(descendants(table, 100).map((p) => p.pid).sort(), [200, 201, 300, 301, 500]);
  assert.deepEqual(groupsToSignal(table, 100), [200, 300, 777]);
  assert.deepEqual(groupsToSignal(table, 100, [777]), [200, 300]);
  assert.deepEqual(sameGroupChildren(table, 100), [500]);
  assert.deepEqual(groupsToSignal(table, 999), []);
});

import { RecentHookCommands } from '../../../src/editor/watch/hookSeen';

test('hook-seen commands: whitespace-insensitive, expire, bounded', () => {
  const r = new RecentHookCommands(1000, 3);
  r.record('rm  -rf   build', 0);
  assert.equal(r.saw('rm -rf build', 500), true);
  assert.equal(r.saw('rm -rf build', 5000), false);
  assert.equal(r.saw('rm -rf dist', 500), false);
  for (const c of ['a', 'b', 'c']) r.record(c, 10);
  assert.equal(r.saw('rm -rf build', 20), false, 'oldest evicted past the bound');
  assert.equal(r.saw('c', 20), true);
});

test('mass deletion: one folder delete counts the files it held', () => {
  const known = new KnownFiles();
  for (let i = 0; i < 30; i++) known.add(`/ws/src/f${i}.ts`);
  known.add('/ws/srcx/keep.ts');
  known.add('/ws/README.md');
  const d = new MassDeleteDetector(20, 5000);
  assert.equal(known.remove('/ws/README.md'), 1);
  assert.equal(d.record('/ws/README.md', 0, 1), undefined);
  const weight = known.remove('/ws/src');
  assert.equal(weight, 30);
  const alert = d.record('/ws/src', 10, weight);
  assert.equal(alert?.count, 31);
  assert.equal(alert?.under, '/ws', 'two paths: their common folder');
  assert.equal(known.size, 1, 'only the sibling with a shared prefix is left');
  assert.equal(known.remove('/ws/unknown'), 1, 'an unknown path counts as one file');
  known.add('/ws/d');
  known.add('/ws/d/a');
  known.add('/ws/d/b');
  assert.equal(known.remove('/ws/d'), 3, 'a folder known itself counts with its files');
});

test('KnownFiles.countUnder counts a folder and what is under it, without forgetting anything', () => {
  const known = new KnownFiles();
  for (const f of ['/w/a/1', '/w/a/2', '/w/ab/3', '/w/b/4']) known.add(f);
  assert.equal(known.countUnder('/w/a'), 2, 'a sibling with the same prefix (/w/ab) is not under /w/a');
  assert.equal(known.countUnder('/w/a/'), 2);
  assert.equal(known.countUnder('/w'), 4);
  assert.equal(known.countUnder('/w/b/4'), 1);
  assert.equal(known.size, 4, 'counting removes nothing');
});
