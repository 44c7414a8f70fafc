// classify() only runs a rule that declares `names` on commands with one of those names. That is sound only
// if the rule never matches anything else: checked here on every simple command from every rule example and
// the labelled corpus, as written and renamed, with a context where every path is protected and every
// variable a credential (so rules go as deep as they can).
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { SHELL_RULE_LIST, shellRulesFor } from '../../../src/core/rules/index';
import type { SimpleCommand } from '../../../src/core/rules/types';
import { analyzeShell } from '../../../src/core/shell';
import { loadShellParser } from '../../../src/host/shell_wasm';
import { commandLines, everything } from './rule_inputs';

before(async () => {
  await loadShellParser();
});


const OTHER_NAMES = ['zz-not-a-tool', 'cat', 'ls', 'echo', 'node'];

test('a rule that declares names never matches a command with another name', () => {
  const commands: SimpleCommand[] = commandLines().flatMap((l) => analyzeShell(l).commands);
  assert.ok(commands.length > 500);
  const named = SHELL_RULE_LIST.filter((r) => r.names !== undefined);
  assert.ok(named.length >= 20, 'most rules of the fs, git, system and secrets packs declare names');
  let checked = 0;
  for (const rule of named) {
    for (const cmd of commands) {
      const variants = [cmd, ...OTHER_NAMES.map((name) => ({ ...cmd, name, dynamicName: false }))];
      for (const c of variants) {
        // A computed name reaches every rule (shellRulesFor), so only real names are held to `names`.
        if (c.name === undefined || rule.names!.includes(c.name)) continue;
        checked++;
        assert.equal(rule.match(c, everything), undefined, `${rule.id} matched a command named ${JSON.stringify(c.name)} outside its names`);
      }
    }
  }
  assert.ok(checked > 10_000);
});

test('shellRulesFor keeps the registry order and leaves out only rules that name other programs', () => {
  for (const name of ['git', 'rm', 'psql', 'zz-not-a-tool', 'ls']) {
    const expected = SHELL_RULE_LIST.filter(
      (r) => (r.names === undefined && r.viewNames === undefined) || r.names?.includes(name) || r.viewNames?.includes(name),
    );
    assert.deepEqual(shellRulesFor(name, [{ name }]).map((r) => r.id), expected.map((r) => r.id), name);
  }
  assert.equal(shellRulesFor(undefined, []), SHELL_RULE_LIST, 'a computed name reaches every rule');
});
