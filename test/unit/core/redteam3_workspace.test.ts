// The third red-team corpus against a real workspace, through the host's facts as the hook and the gate see it:
// test/fixtures/corpus/redteam-3.jsonl (which corpus.test.ts also runs with no file system) and
// test/fixtures/redteam-3/workspace.jsonl (routes that only a look at the files can judge: the token in an
// unrelated config, a source file that would be emptied). `/work/app` and `/home/dev` in the corpus stand for the
// temp workspace and home built here. Every line must be flagged exactly when labelled.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AgentAction } from '../../../src/core/action';
import { classify, type ClassifyContext } from '../../../src/core/classify';
import { createHostFacts } from '../../../src/host/facts';
import { realPathOf } from '../../../src/host/real_path';
import { loadShellParser } from '../../../src/host/shell_wasm';

const TOKEN = ['0b1e7c3a', '5d2f', '4a6b', '8c9d', 'e1f2a3b4c5d6'].join('-');
const parent = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'alr3-')));
const ws = path.join(parent, 'app');
const home = path.join(parent, 'home');

function put(root: string, rel: string, text: string): void {
  fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  fs.writeFileSync(path.join(root, rel), text);
}

before(async () => {
  for (const f of ['package.json', 'Makefile', 'reset.sql', 'volume.json', 'body.json', 'query.json', 'seed.sql']) {
    put(ws, f, fs.readFileSync(path.join('test/fixtures/corpus/files', f), 'utf8'));
  }
  put(ws, '.env', `RAILWAY_TOKEN=${TOKEN}\nPORT=3000\n`);
  put(ws, '.gitignore', '.env*\nnode_modules/\n');
  put(ws, 'config/legacy-deploy.json', `{\n  "railway": {\n    "token": "${TOKEN}"\n  }\n}\n`);
  put(ws, 'config/app.json', '{"port": 3000}\n');
  put(ws, 'src/app.ts', 'export const port = process.env.PORT;\n');
  put(ws, 'src/util/format.ts', 'export const f = (x: string) => x.trim();\n');
  put(ws, 'README.md', '# Shop\n');
  put(ws, 'docs/guide.md', '# Guide\n');
  put(ws, 'data/app.db', 'SQLite format 3\n');
  put(ws, 'infra/main.tf', 'resource "null_resource" "x" {}\n');
  put(ws, 'k8s/ns.yaml', 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: prod\n');
  fs.mkdirSync(path.join(ws, '.git/hooks'), { recursive: true });
  put(ws, '.git/HEAD', 'ref: refs/heads/main\n');
  put(home, '.aws/credentials', '[default]\naws_access_key_id = AKIAEXAMPLEEXAMPLE1\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n');
  put(home, '.ssh/id_ed25519', '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAAfake\n-----END OPENSSH PRIVATE KEY-----\n');
  put(home, '.kube/config', 'apiVersion: v1\nkind: Config\n');
  put(home, 'projects/api/src/main.go', 'main\n');
  put(home, 'notes.txt', 'todo\n');
  await loadShellParser();
});

after(() => fs.rmSync(parent, { recursive: true, force: true }));

interface Entry {
  action: AgentAction;
  expect: 'flag' | 'allow';
  category: string;
  note: string;
}

function load(file: string): Entry[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l.replaceAll('/work/app', ws).replaceAll('/home/dev', home)) as Entry);
}

test('redteam-3 against a real workspace: every route flagged exactly when labelled', () => {
  const facts = createHostFacts();
  const ctx: ClassifyContext = { home, workspaceRoots: [ws], realPath: realPathOf, facts };
  const entries = [...load('test/fixtures/corpus/redteam-3.jsonl'), ...load('test/fixtures/redteam-3/workspace.jsonl')];
  assert.ok(entries.length >= 350, `${entries.length} routes`);
  const wrong: string[] = [];
  const tally: Record<string, [number, number]> = {};
  for (const e of entries) {
    const v = classify({ ...e.action, workspaceRoots: [ws] }, ctx);
    const flagged = v.decision !== 'allow';
    const t = (tally[e.category] ??= [0, 0]);
    t[0]++;
    if (flagged) t[1]++;
    if (flagged !== (e.expect === 'flag')) wrong.push(`${e.expect} ${e.category}: ${e.note} -> ${v.decision} [${v.rules.join(',')}]`);
  }
  console.log(Object.entries(tally).map(([c, [n, f]]) => `${c}: ${f}/${n} flagged`).join('; '));
  assert.deepEqual(wrong, []);
});
