// The per-command memo the rule packs share keeps only recent (command, context) pairs: it must never serve a
// value computed for another command or context, and must compute once per pair while that pair is recent.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { memoByCommand, memoByCommandAndContext } from '../../../src/core/rules/lib/memo';
import type { RuleContext, SimpleCommand } from '../../../src/core/rules/types';

function cmd(name: string): SimpleCommand {
  return { name, args: [], dynamicName: false, argDynamic: [], assignments: {}, redirects: [], text: name, via: [] };
}
function ctx(cwd: string): RuleContext {
  return { cwd, workspaceRoots: [], isProtectedPath: () => false };
}

test('memoByCommandAndContext: one computation per (command, context), never another pair’s value', () => {
  let calls = 0;
  const f = memoByCommandAndContext((c, x) => {
    calls++;
    return `${c.name}@${x.cwd}`;
  });
  const a = cmd('a');
  const b = cmd('a'); // equal content, different object: its own entry
  const here = ctx('/w');
  const there = ctx('/w/sub');
  // classify's order: every rule on a, in both contexts after a `cd`, then b.
  for (let rule = 0; rule < 5; rule++) {
    assert.equal(f(a, here), 'a@/w');
    assert.equal(f(a, there), 'a@/w/sub');
  }
  assert.equal(calls, 2);
  assert.equal(f(b, here), 'a@/w');
  assert.equal(calls, 3);
  // Long evicted pairs are recomputed, not guessed.
  assert.equal(f(cmd('c'), here), 'c@/w');
  assert.equal(f(a, there), 'a@/w/sub');
  assert.equal(calls, 5);
});

test('memoByCommand caches undefined results too', () => {
  let calls = 0;
  const f = memoByCommand(() => {
    calls++;
    return undefined;
  });
  const a = cmd('a');
  for (let i = 0; i < 4; i++) assert.equal(f(a), undefined);
  assert.equal(calls, 1);
});
