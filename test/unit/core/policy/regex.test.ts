import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AgentAction } from '../../../../src/core/action';
import { classify } from '../../../../src/core/classify';
import { defaultPolicy } from '../../../../src/core/policy';
import { compilePolicy } from '../../../../src/core/policy/compile';
import { BACKTRACKING_INPUT_LIMIT, checkRegex, compileUserRegex } from '../../../../src/core/policy/regex';
import { enableLinearRegex } from '../../../../src/host/regex_engine';

const NESTED = '^(a+)+$';
const cmd = (command: string): AgentAction => ({ kind: 'shell', command, cwd: '/w' });
const withRule = (pattern: string, decision: 'ask' | 'deny' = 'deny') => ({ ...defaultPolicy(), customRules: [{ id: 'mine', reason: 'My rule.', pattern, on: 'command' as const, decision, severity: 'high' as const }] });

// Order matters: the linear engine, once on, stays on for the process.
test('without the linear engine: nested quantifiers never run; a safe pattern runs case-insensitively on a bounded input, in doubt past it', () => {
  assert.match(checkRegex(NESTED) ?? '', /nested quantifiers/);
  assert.equal(compileUserRegex(NESTED), undefined);
  assert.equal(compileUserRegex('(unclosed'), undefined);
  const safe = compileUserRegex('^DROP\\s+TABLE')!;
  assert.equal(safe.linear, false);
  assert.equal(safe.test('drop table users'), true);
  assert.equal(safe.test('select 1'), false);
  assert.equal(safe.test(`select ${'x'.repeat(BACKTRACKING_INPUT_LIMIT)}`), undefined);
  // classify: the unsafe rule is dropped, the long input is in doubt and asks.
  assert.equal(classify(cmd(`${'a'.repeat(30)}b`), { policy: withRule(NESTED) }).decision, 'allow');
  const long = classify(cmd(`echo ${'y'.repeat(BACKTRACKING_INPUT_LIMIT)}`), { policy: withRule('^echo\\s+n') });
  assert.equal(long.decision, 'ask');
  assert.ok(long.rules.includes('custom.mine'));
});

test('with the linear engine: even (a+)+ runs in linear time, case-insensitively, and decides', () => {
  enableLinearRegex();
  const nested = compileUserRegex(NESTED);
  assert.ok(nested?.linear, 'the engine took the pattern');
  assert.equal(nested!.test(`${'a'.repeat(50_000)}b`), false);
  assert.equal(nested!.test('AAAA'), true);
  const escapes = compileUserRegex('\\bRM\\s+-RF\\b\\S*')!;
  assert.equal(escapes.test('sudo rm -rf /x'), true, 'escapes keep their meaning when the pattern is folded');
  assert.equal(escapes.test('rmdir x'), false);
  assert.equal(classify(cmd('aaaa'), { policy: withRule(NESTED) }).decision, 'deny');
  assert.equal(classify(cmd(`${'a'.repeat(30_000)}b`), { policy: withRule(NESTED) }).decision, 'allow');
  // Backreferences cannot run linearly: checked patterns still run on the bounded fallback.
  const backref = compileUserRegex('(ab)\\1')!;
  assert.equal(backref.linear, false);
  assert.equal(backref.test('xabab'), true);
  // credentialEnvPatterns go through the same door.
  const policy = { ...defaultPolicy(), credentialEnvPatterns: ['^(x+)+y$', '^MY_ODD_NAME$'] };
  const compiled = compilePolicy(policy);
  assert.equal(compiled.isCredentialEnvName('my_odd_name'), true);
  assert.equal(compiled.isCredentialEnvName(`${'X'.repeat(150)}Z`), false, 'the nested pattern ran linearly and did not match');
  assert.equal(compiled.isCredentialEnvName('HOME'), false);
});
