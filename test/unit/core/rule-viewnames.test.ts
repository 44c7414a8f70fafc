// The data-loss packs see through runners (`npx prisma …`, `docker compose exec db psql …`, package.json
// scripts), so they declare the runner-view names they act on (`viewNames`) and classify() runs them only on
// commands with such a view. Sound only if a rule never matches a command none of whose views carries one of
// its names: checked here on every simple command from every rule example and the labelled corpus, as written
// and renamed, with a context where every path is protected, every variable a credential and every file reads
// as destructive SQL (so rules go as deep as they can).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { before, test } from 'node:test';
import type { PolicyRuleContext } from '../../../src/core/policy';
import { SHELL_RULE_LIST, shellRulesFor } from '../../../src/core/rules/index';
import { commandViews } from '../../../src/core/rules/lib/runners';
import type { ShellRule, SimpleCommand } from '../../../src/core/rules/types';
import { analyzeShell } from '../../../src/core/shell';
import { loadShellParser } from '../../../src/host/shell_wasm';
import { commandLines, CORPUS, everything } from './rule_inputs';
import { FIXTURE_FILES } from './rules-2/harness';

before(async () => {
  await loadShellParser();
});


// The same, with real project files: package.json scripts and Makefile recipes add views (`npm run db:reset`).
const projectFiles: Record<string, string> = { ...FIXTURE_FILES };
for (const f of fs.readdirSync(path.join(CORPUS, 'files'))) projectFiles[f] = fs.readFileSync(path.join(CORPUS, 'files', f), 'utf8');
const withProject: PolicyRuleContext = { ...everything, readFile: (p) => projectFiles[p.replace(/^\.\//, '')] ?? everything.readFile!(p) };
const CONTEXTS = [everything, withProject];

// Assertion messages name commands by index and program only: corpus commands may carry credentials.
// Renamed copies: unknown programs, and runners that make the first argument a view of its own.
const OTHER_NAMES = ['zz-not-a-tool', 'cat', 'echo', 'node', 'npx'];

const viewRules = (): ShellRule[] => SHELL_RULE_LIST.filter((r) => r.viewNames !== undefined);

function variantsOf(commands: SimpleCommand[]): SimpleCommand[] {
  return commands.flatMap((cmd) => [cmd, ...OTHER_NAMES.map((name) => ({ ...cmd, name, dynamicName: false }))]);
}

test('the data-loss packs declare view names', () => {
  const rules = viewRules();
  const packs = new Set(rules.map((r) => r.pack));
  for (const p of ['sql', 'orm', 'cloud', 'iac', 'k8s', 'containers'] as const) assert.ok(packs.has(p), `${p} rules declare viewNames`);
  assert.ok(rules.length >= 45, `most data-loss rules declare viewNames (${rules.length})`);
  for (const r of rules) {
    assert.equal(r.names, undefined, `${r.id}: a rule is dispatched by names or by viewNames, not both`);
    assert.ok(r.viewNames!.length > 0, `${r.id}: an empty viewNames would never run`);
  }
});

test('a rule that declares viewNames never matches a command none of whose views has one of them', () => {
  const commands = variantsOf(commandLines().flatMap((l) => analyzeShell(l).commands));
  assert.ok(commands.length > 2500);
  const rules = viewRules();
  let checked = 0;
  let seenThrough = 0;
  for (const ctx of CONTEXTS) {
    for (const c of commands) {
      if (c.name === undefined) continue; // a computed name reaches every rule (shellRulesFor)
      const views = new Set(commandViews(c, ctx).map((v) => v.name));
      if (views.size > 1) seenThrough++;
      for (const rule of rules) {
        if (rule.viewNames!.some((n) => views.has(n))) continue;
        checked++;
        assert.equal(rule.match(c, ctx), undefined, `${rule.id} matched command #${commands.indexOf(c)} (${c.name}) outside its viewNames`);
      }
    }
  }
  assert.ok(checked > 100_000, `checked ${checked}`);
  assert.ok(seenThrough > 100, 'many commands have runner views besides their own name');
});

test('dispatch by name and views finds exactly the rules a brute-force run finds, in registry order', () => {
  const commands = variantsOf(commandLines().flatMap((l) => analyzeShell(l).commands));
  let hits = 0;
  for (const ctx of CONTEXTS) {
    for (const c of commands) {
      const all = SHELL_RULE_LIST.filter((r) => r.match(c, ctx) !== undefined).map((r) => r.id);
      const dispatched = shellRulesFor(c.name, commandViews(c, ctx)).filter((r) => r.match(c, ctx) !== undefined).map((r) => r.id);
      assert.deepEqual(dispatched, all, `command #${commands.indexOf(c)} (${c.name})`);
      hits += all.length;
    }
  }
  assert.ok(hits > 500, `rules hit ${hits} times`);
});

test('shellRulesFor merges view rules in registry order, from both contexts', () => {
  const expected = (name: string, views: string[]): string[] =>
    SHELL_RULE_LIST.filter(
      (r) => (r.names === undefined && r.viewNames === undefined) || r.names?.includes(name) || r.viewNames?.some((n) => views.includes(n)),
    ).map((r) => r.id);
  const cases: [string, string[], string[]?][] = [
    ['npx', ['npx', 'prisma']],
    ['docker', ['docker', 'psql']],
    ['docker', ['docker'], ['docker', 'psql']],
    ['psql', ['psql']],
    ['Psql', ['psql']],
    ['npm', ['npm', 'prisma', 'psql', 'kubectl', 'terraform']],
    ['rm', ['rm']],
    ['git', ['git'], ['git', 'helm']],
  ];
  for (const [name, views, more] of cases) {
    const got = shellRulesFor(name, views.map((n) => ({ name: n })), more?.map((n) => ({ name: n }))).map((r) => r.id);
    assert.deepEqual(got, expected(name, [...views, ...(more ?? [])]), `${name} ${views.join(',')} ${more?.join(',') ?? ''}`);
  }
  const plain = shellRulesFor('ls', [{ name: 'ls' }]);
  assert.ok(!plain.some((r) => r.pack === 'orm' || r.pack === 'cloud'), 'a plain command skips the data-loss packs');
});
