// Runs every rule's own examples through classify() with the default policy: each `flag` example must
// hit that rule and not be allowed; no `allow` example may hit it. Adding a rule adds its tests.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { AgentAction } from '../../../src/core/action';
import { classifyDetailed } from '../../../src/core/classify';
import { RULES } from '../../../src/core/rules/index';
import { loadShellParser } from '../../../src/host/shell_wasm';
// The http pack's examples read request bodies from these in-memory files (`curl -d @body.json`).
import { FIXTURE_FILES } from './rules-2/harness';
// Rules that judge by content, identity or a directory's files see this in-memory workspace at /w.
import { EXAMPLE_FACTS } from './example_facts';

const CTX = {
  cwd: '/w',
  home: '/home/u',
  workspaceRoots: ['/w'],
  readFile: (p: string) => FIXTURE_FILES[p.replace(/^\/w\//, '').replace(/^\.\//, '')],
  realPath: EXAMPLE_FACTS.realPath,
  facts: EXAMPLE_FACTS,
};

function show(x: string | AgentAction): string {
  const s = typeof x === 'string' ? x : JSON.stringify(x);
  return s.length > 120 ? `${s.slice(0, 120)}… (${s.length} chars)` : s;
}

function run(example: string | AgentAction) {
  const action: AgentAction = typeof example === 'string' ? { kind: 'shell', command: example } : example;
  return classifyDetailed(action, CTX);
}

before(async () => {
  await loadShellParser();
});

test('rule ids are unique and well-formed, every rule has flag and allow examples', () => {
  const ids = RULES.map((r) => r.id);
  assert.equal(new Set(ids).size, ids.length, `duplicate ids: ${ids.filter((x, i) => ids.indexOf(x) !== i).join(', ')}`);
  for (const r of RULES) {
    assert.match(r.id, /^[a-z0-9-]+\.[a-z0-9.-]+$/, r.id);
    assert.ok(r.id.startsWith(`${r.pack}.`), `${r.id} should start with its pack ${r.pack}`);
    assert.ok(r.reason.length > 10, `${r.id} needs a reason`);
    assert.ok(r.examples.flag.length > 0, `${r.id} needs flag examples`);
    assert.ok(r.examples.allow.length > 0, `${r.id} needs allow examples`);
  }
});

for (const rule of RULES) {
  describe(rule.id, () => {
    for (const ex of rule.examples.flag as (string | AgentAction)[]) {
      test(`flags ${show(ex)}`, () => {
        const { verdict } = run(ex);
        assert.ok(verdict.rules.includes(rule.id), `expected ${rule.id} in [${verdict.rules.join(', ')}]`);
        assert.notEqual(verdict.decision, 'allow');
      });
    }
    for (const ex of rule.examples.allow as (string | AgentAction)[]) {
      test(`does not flag ${show(ex)}`, () => {
        const { verdict } = run(ex);
        assert.ok(!verdict.rules.includes(rule.id), `${rule.id} should not fire; got [${verdict.rules.join(', ')}] ${verdict.reason}`);
      });
    }
  });
}
