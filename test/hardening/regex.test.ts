// Attack: stall the hook. A custom rule `^(a+)+$` written into the policy snapshot (the file the
// hook decides from with no editor; 0.1.0 ran its patterns unchecked) made one matching command
// hang the hook for over 40 s. Now every pattern from a snapshot runs on the linear-time engine or
// not at all, and an input past the bound is "in doubt": asked (blocked offline), never a hang.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AGENTS, describe, freshHome, isAllowed, isBlocked, pool, runHook, type HookEnv } from './lib/hook';

function plantSnapshot(env: HookEnv, customRules: object[], credentialEnvPatterns: string[] = []): void {
  const state = path.join(env.home, '.airlock');
  fs.mkdirSync(state, { recursive: true, mode: 0o700 });
  const policy = { destructiveDecision: 'ask', secretAccessDecision: 'ask', rules: {}, protectedPaths: [], unprotectedPaths: [], credentialEnvPatterns, customRules };
  fs.writeFileSync(path.join(state, 'policy.json'), JSON.stringify({ v: 1, writtenAt: Date.now(), policy }), { mode: 0o600 });
}

const rule = (pattern: string, on: 'command' | 'argv' = 'command') => ({ id: 'stall', reason: 'Planted.', pattern, on, decision: 'deny', severity: 'high' });

test('a planted (a+)+ rule, also on argv and as a credential-name pattern, cannot stall the hook: every agent answers, matching input is blocked', async () => {
  const env = freshHome();
  plantSnapshot(env, [rule('^(a+)+$'), rule('^(b+)+c$', 'argv')], ['^(x+)+y$']);
  const evil = `${'a'.repeat(60)}!`;
  const cases: Array<[string, string, 'allow' | 'block']> = [
    ['no match, exponential for a backtracking engine', evil, 'allow'],
    ['argv rule, exponential input', `echo ${'b'.repeat(60)}`, 'allow'],
    ['credential-name pattern, exponential name', `echo $${'x'.repeat(60)}`, 'allow'],
    ['a match of the planted rule', 'aaaa', 'block'],
  ];
  const runs = await pool(
    AGENTS.flatMap((shape) => cases.map(([what, command, want]) => async () => ({ agent: shape.agent, what, want, r: await runHook(shape.agent, { env, input: JSON.stringify(shape.shell(command, env.cwd)), timeoutMs: 60_000 }) }))),
  );
  for (const { agent, what, want, r } of runs) {
    assert.equal(r.signal, null, `${agent} ${what}: the hook had to be killed: ${describe(r)}`);
    if (want === 'allow') assert.ok(isAllowed(agent, r), `${agent} ${what}: ${describe(r)}`);
    else assert.ok(isBlocked(agent, r), `${agent} ${what}: ${describe(r)}`);
  }
});

test('a planted rule the linear engine cannot run (a backreference) on an input past the bound is in doubt: asked, so blocked offline', async () => {
  const env = freshHome();
  plantSnapshot(env, [rule('^(a+)\\1z$')]);
  const long = `printf %s ${'a'.repeat(70 * 1024)}`;
  const runs = await pool(AGENTS.map((shape) => async () => ({ agent: shape.agent, r: await runHook(shape.agent, { env, input: JSON.stringify(shape.shell(long, env.cwd)), timeoutMs: 60_000 }) })));
  for (const { agent, r } of runs) {
    assert.equal(r.signal, null, `${agent}: ${describe(r)}`);
    assert.ok(isBlocked(agent, r), `${agent}: ${describe(r)}`);
    if (agent === 'claude') assert.match(r.stderr, /too long for this rule to check it safely/, 'blocked because of the doubt, not something else');
  }
  const short = await runHook('claude', { env, input: JSON.stringify(AGENTS[1]!.shell('printf %s aaab', env.cwd)) });
  assert.ok(isAllowed('claude', short), `a short input is checked and passes: ${describe(short)}`);
});
