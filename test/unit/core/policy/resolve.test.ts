// Policy merging: workspace sources only tighten, user settings may loosen, bad values name the key and
// leave the defaults in force, custom rules and protected paths apply in classify().
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { classify } from '../../../../src/core/classify';
import { defaultPolicy, type PolicySource, resolvePolicy } from '../../../../src/core/policy';
import { ruleDefaultsFromRegistry } from '../../../../src/core/rules/index';
import { loadShellParser } from '../../../../src/host/shell_wasm';

before(async () => {
  await loadShellParser();
});

const user = (values: Record<string, unknown>): PolicySource => ({ level: 'user', label: 'user settings', values });
const workspace = (values: Record<string, unknown>): PolicySource => ({ level: 'workspace', label: 'workspace settings', values });
const file = (values: Record<string, unknown>): PolicySource => ({ level: 'policyFile', label: '.airlock/policy.json', values });
const resolve = (...s: PolicySource[]) => resolvePolicy(s, ruleDefaultsFromRegistry);

describe('tighten-only workspace sources', () => {
  test('workspace cannot switch a rule off', () => {
    const { policy, errors } = resolve(workspace({ 'airlock.rules': { 'fs.recursive-delete': 'allow' } }));
    assert.equal(policy.rules['fs.recursive-delete'], undefined);
    assert.match(errors.join('\n'), /workspace settings: airlock\.rules\.fs\.recursive-delete: "allow" would loosen "ask"/);
    assert.equal(classify({ kind: 'shell', command: 'rm -rf src' }, { policy }).decision, 'ask');
  });
  test('the policy file cannot loosen either, but can raise to deny', () => {
    const { policy, errors } = resolve(file({ rules: { 'git.force-push': 'deny', 'git.reset-hard': 'allow' } }));
    assert.equal(policy.rules['git.force-push'], 'deny');
    assert.equal(policy.rules['git.reset-hard'], undefined);
    assert.equal(errors.length, 1);
    assert.equal(classify({ kind: 'shell', command: 'git push -f' }, { policy }).decision, 'deny');
  });
  test('user settings may loosen; a later workspace source may tighten again', () => {
    const loosened = resolve(user({ 'airlock.rules': { 'fs.recursive-delete': 'allow' } }));
    assert.deepEqual(loosened.errors, []);
    assert.equal(classify({ kind: 'shell', command: 'rm -rf src' }, { policy: loosened.policy }).decision, 'allow');
    const tightened = resolve(user({ 'airlock.rules': { 'fs.recursive-delete': 'allow' } }), file({ rules: { 'fs.recursive-delete': 'deny' } }));
    assert.equal(classify({ kind: 'shell', command: 'rm -rf src' }, { policy: tightened.policy }).decision, 'deny');
  });
  test('workspace cannot lower the default decisions or unprotect paths', () => {
    const { policy, errors } = resolve(user({ destructiveDecision: 'deny' }), workspace({ destructiveDecision: 'ask', unprotectedPaths: ['.env'] }));
    assert.equal(policy.destructiveDecision, 'deny');
    assert.deepEqual(policy.unprotectedPaths, []);
    assert.equal(errors.length, 2);
  });
  test('a rule set to deny by its own default cannot be lowered from the workspace', () => {
    const { errors } = resolve(workspace({ rules: { 'fs.airlock-files': 'ask' } }));
    assert.match(errors[0], /would loosen "deny"/);
  });
});

describe('invalid values', () => {
  test('each problem names the key; the defaults stay in force; nothing throws', () => {
    const { policy, errors } = resolve(
      user({ destructiveDecision: 'maybe', rules: { 'no-dot': 'ask', 'git.force-push': 'sometimes', 'git.nope': 'deny' }, protectedPaths: 'x', bogus: 1 }),
    );
    assert.deepEqual(policy, defaultPolicy());
    const text = errors.join('\n');
    for (const key of ['airlock.destructiveDecision', 'airlock.rules.no-dot', 'airlock.rules.git.force-push', 'airlock.rules.git.nope', 'airlock.protectedPaths', 'airlock.bogus']) {
      assert.ok(text.includes(key), `${key} missing from:\n${text}`);
    }
  });
  test('a non-object source is reported, not thrown', () => {
    const { errors } = resolvePolicy([{ level: 'policyFile', label: 'p.json', values: [1, 2] as unknown as Record<string, unknown> }]);
    assert.equal(errors.length, 1);
  });
  test('custom rules with bad or catastrophic regexes are rejected individually', () => {
    const { policy, errors } = resolve(
      file({
        customRules: [
          { id: 'ok', reason: 'Deploys to prod.', pattern: 'deploy.*--prod' },
          { id: 'bad', reason: 'x', pattern: '(' },
          { id: 'slow', reason: 'x', pattern: '(a+)+$' },
          { id: 'BAD ID', reason: 'x', pattern: 'x' },
        ],
      }),
    );
    assert.deepEqual(policy.customRules.map((c) => c.id), ['ok']);
    assert.equal(errors.length, 3);
  });
});

describe('policy in classify()', () => {
  test('custom rule on the command line and on argv after unwrapping', () => {
    const { policy } = resolve(
      file({
        customRules: [
          { id: 'prod-deploy', reason: 'Deploys to production.', pattern: 'vercel\\s.*--prod', decision: 'deny' },
          { id: 'make-clean', reason: 'Cleans everything.', pattern: '^make clean-all$', on: 'argv' },
        ],
      }),
    );
    const v = classify({ kind: 'shell', command: 'npx vercel deploy --prod' }, { policy });
    assert.equal(v.decision, 'deny');
    assert.deepEqual(v.rules, ['custom.prod-deploy']);
    assert.equal(classify({ kind: 'shell', command: 'sudo make clean-all' }, { policy }).rules[0], 'custom.make-clean');
  });
  test('extra protected paths apply to reads and shell', () => {
    const { policy } = resolve(workspace({ protectedPaths: ['config/master.yml'] }));
    assert.equal(classify({ kind: 'read', path: 'config/master.yml' }, { policy }).decision, 'ask');
    assert.equal(classify({ kind: 'shell', command: 'cat config/master.yml' }, { policy }).decision, 'ask');
  });
  test('user unprotectedPaths carve out built-in globs only', () => {
    const { policy } = resolve(user({ unprotectedPaths: ['test/fixtures/*.key'] }), workspace({ protectedPaths: ['test/fixtures/real.key'] }));
    assert.equal(classify({ kind: 'read', path: 'test/fixtures/fake.key' }, { policy }).decision, 'allow');
    assert.equal(classify({ kind: 'read', path: 'test/fixtures/real.key' }, { policy }).decision, 'ask');
  });
  test('credential variable patterns extend the built-in list', () => {
    const { policy } = resolve(file({ credentialEnvPatterns: ['^ACME_'] }));
    assert.equal(classify({ kind: 'shell', command: 'echo $ACME_THING' }, { policy }).decision, 'ask');
    assert.equal(classify({ kind: 'shell', command: 'echo $ACME_THING' }).decision, 'allow');
  });
  test('secretAccessDecision deny applies to secret rules only', () => {
    const { policy } = resolve(file({ secretAccessDecision: 'deny' }));
    assert.equal(classify({ kind: 'read', path: '.env' }, { policy }).decision, 'deny');
    assert.equal(classify({ kind: 'shell', command: 'rm -rf src' }, { policy }).decision, 'ask');
  });
});
