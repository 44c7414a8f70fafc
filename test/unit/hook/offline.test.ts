import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { AgentAction } from '../../../src/core/action';
import { defaultPolicy } from '../../../src/core/policy';
import { writePolicySnapshot } from '../../../src/gate/policy_file';
import { decideOffline } from '../../../src/hook/offline';

const cwd = '/home/dev/shop';
const shell = (command: string): AgentAction => ({ kind: 'shell', command, cwd, workspaceRoots: [cwd] });

test('offline: the real classifier flags destructive commands and secret reads, passes benign ones', async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'alo-'));
  const v = await decideOffline(
    [shell('rm -rf src'), shell('terraform destroy'), { kind: 'read', path: `${cwd}/.env`, cwd }, shell('git status'), shell('npm test -- --grep "a b"'), { kind: 'read', path: `${cwd}/package.json`, cwd }],
    root,
  );
  assert.deepEqual(v.map((x) => x.decision === 'allow'), [false, false, false, true, true, true]);
});

test('offline: a policy snapshot can tighten but never loosen', async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'alo-'));
  // An agent rewrites the snapshot to switch the delete rule off and make git status "deny".
  writePolicySnapshot({ ...defaultPolicy(), rules: { 'fs.recursive-delete': 'allow' }, customRules: [{ id: 'custom.no-git-status', reason: 'test', pattern: '^git status', on: 'command', decision: 'deny' }] }, root);
  const [rm, status] = await decideOffline([shell('rm -rf src'), shell('git status')], root);
  assert.notEqual(rm!.decision, 'allow', 'loosening in the snapshot is ignored');
  assert.equal(status!.decision, 'deny', 'tightening in the snapshot applies');
  // A malformed snapshot is ignored, not trusted.
  fs.writeFileSync(path.join(root, 'policy.json'), '{"v":1,"writtenAt":1,"policy":{"destructiveDecision":"allow"}}');
  const [rm2] = await decideOffline([shell('rm -rf src')], root);
  assert.notEqual(rm2!.decision, 'allow');
});
