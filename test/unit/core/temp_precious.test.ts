// Temp folders are scratch space, except where somebody's work lives in them: a repository checked out under
// /tmp (whatever the cwd), and a HOME that is itself under /tmp (sandboxes, CI, the agents' own test homes).
// Judged against real folders through the host's facts, as the hook and the gate do.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { classify, type ClassifyContext } from '../../../src/core/classify';
import { createHostFacts } from '../../../src/host/facts';
import { realPathOf } from '../../../src/host/real_path';
import { loadShellParser } from '../../../src/host/shell_wasm';

const parent = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'altp-')));
const repo = path.join(parent, 'clone');
const home = path.join(parent, 'home');
const scratch = path.join(parent, 'scratch');

before(async () => {
  for (const d of [`${repo}/.git`, `${repo}/src`, `${repo}/node_modules/x`, `${home}/projects/api/src`, `${home}/projects/api/node_modules`, `${home}/.cache/pip`, `${scratch}/out`]) {
    fs.mkdirSync(d, { recursive: true });
  }
  await loadShellParser();
});

after(() => fs.rmSync(parent, { recursive: true, force: true }));

const facts = createHostFacts();
const ctx = (): ClassifyContext => ({ home, workspaceRoots: [], realPath: realPathOf, facts });
const decide = (command: string, cwd = '/'): string => classify({ kind: 'shell', command, cwd }, ctx()).decision;

test('a repository under the temp folder is work, not scratch, whatever the cwd', () => {
  for (const c of [`rm -r ${repo}/src`, `rm -rf ${repo}`, `rm -rf ${repo}/`, `rm -rf ${repo}/src/`, `find ${repo}/src -delete`]) assert.notEqual(decide(c), 'allow', c);
  for (const c of [`rm -rf ${repo}/node_modules`, `rm -rf ${scratch}/out`, `rm -rf ${scratch}`]) assert.equal(decide(c), 'allow', c);
});

test('with HOME under the temp folder, what is inside HOME keeps its protection', () => {
  for (const c of ['rm -r ~/projects', 'rm -rf ~/projects/api/src', `rm -rf ${home}/projects`, 'rm -rf ~/*', 'rm -rf ~']) assert.notEqual(decide(c, home), 'allow', c);
  for (const c of ['rm -rf ~/.cache/pip', 'rm -rf ~/projects/api/node_modules', `rm -rf ${scratch}/out`]) assert.equal(decide(c, home), 'allow', c);
});
