// Scripts of a workspace package (npm -w / --workspace, pnpm --filter, yarn workspace) are read from that
// package's package.json in a real temp monorepo, like the root's own scripts.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { classify, type ClassifyContext } from '../../../../src/core/classify';
import { createHostFacts } from '../../../../src/host/facts';
import { realPathOf } from '../../../../src/host/real_path';
import { loadShellParser } from '../../../../src/host/shell_wasm';

const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'alws-')));

function put(rel: string, text: string): void {
  fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  fs.writeFileSync(path.join(root, rel), text);
}

before(async () => {
  await loadShellParser();
  put('package.json', JSON.stringify({ name: 'mono', private: true, workspaces: ['packages/*'], scripts: { test: 'node --test' } }));
  put('packages/api/package.json', JSON.stringify({ name: '@acme/api', scripts: { tidy: ['rm', '-rf', '../../src'].join(' '), build: 'tsc -p .' } }));
  put('src/app.ts', 'export {};\n');
});

after(() => fs.rmSync(root, { recursive: true, force: true }));

const ctx = (): ClassifyContext => ({ workspaceRoots: [root], realPath: realPathOf, facts: createHostFacts() });
const decide = (command: string) => classify({ kind: 'shell', command, cwd: root }, ctx());

test('a workspace package script is judged by what it runs', () => {
  for (const c of ['npm run tidy --workspace=packages/api', 'npm run tidy -w packages/api', 'npm -w @acme/api run tidy', 'pnpm --filter api tidy', 'yarn workspace api tidy', 'yarn workspace @acme/api run tidy']) {
    assert.notEqual(decide(c).decision, 'allow', c);
  }
  for (const c of ['npm run build --workspace=packages/api', 'pnpm --filter api build', 'yarn workspace api build', 'npm test']) {
    const v = decide(c);
    assert.equal(v.decision, 'allow', `${c}: ${v.rules.join(',')}`);
  }
});
