// Every rule of the data-loss packs flags each of its own `flag` examples and none of its `allow` examples.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SQL_RULES } from '../../../../src/core/rules/sql';
import { ORM_RULES } from '../../../../src/core/rules/orm';
import { CLOUD_RULES } from '../../../../src/core/rules/cloud';
import { IAC_RULES } from '../../../../src/core/rules/iac';
import { K8S_RULES } from '../../../../src/core/rules/k8s';
import { CONTAINER_RULES } from '../../../../src/core/rules/containers';
import { HTTP_ACTION_RULES, HTTP_RULES } from '../../../../src/core/rules/http';
import type { ShellRule } from '../../../../src/core/rules/types';
import { context, matchLine, ready } from './harness';

const PACKS: Record<string, ShellRule[]> = { sql: SQL_RULES, orm: ORM_RULES, cloud: CLOUD_RULES, iac: IAC_RULES, k8s: K8S_RULES, containers: CONTAINER_RULES, http: HTTP_RULES };

for (const [pack, rules] of Object.entries(PACKS)) {
  test(`${pack}: rule ids are unique, namespaced and documented`, () => {
    const ids = new Set<string>();
    for (const r of rules) {
      assert.ok(r.id.startsWith(`${pack}.`), r.id);
      assert.equal(r.pack, pack);
      assert.ok(!ids.has(r.id), `duplicate ${r.id}`);
      ids.add(r.id);
      assert.ok(r.reason.length > 20 && r.reason.endsWith('.'), `${r.id} reason`);
      assert.ok(r.examples.flag.length > 0 && r.examples.allow.length > 0, `${r.id} examples`);
    }
  });
  for (const rule of rules) {
    test(`${rule.id}: flags its flag examples, not its allow examples`, async () => {
      await ready;
      for (const line of rule.examples.flag) assert.ok(matchLine(rule, line), `${rule.id} should flag: ${line}`);
      for (const line of rule.examples.allow) assert.equal(matchLine(rule, line), undefined, `${rule.id} should allow: ${line}`);
    });
  }
}

for (const rule of HTTP_ACTION_RULES) {
  test(`${rule.id}: flags its flag examples, not its allow examples`, () => {
    const ctx = context();
    for (const a of rule.examples.flag) assert.ok(rule.match(a, ctx), `${rule.id} should flag ${a.kind}`);
    for (const a of rule.examples.allow) assert.equal(rule.match(a, ctx), undefined, `${rule.id} should allow ${a.kind}`);
  });
}
