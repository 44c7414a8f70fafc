// The third and fourth red-team corpora against a real workspace, through the host's facts as the hook and the
// gate see it: test/fixtures/corpus/redteam-N.jsonl (which corpus.test.ts also runs with no file system) and
// test/fixtures/redteam-N/workspace.jsonl (routes that only a look at the files can judge: the token in an
// unrelated config, a source file that would be emptied, a hardlink to .env). `/work/app` and `/home/dev` in the
// corpus stand for the temp workspace and home built here, one per corpus. Every line must be flagged exactly
// when labelled.
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
const parent = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'alrt-')));

function put(root: string, rel: string, text: string): void {
  fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  fs.writeFileSync(path.join(root, rel), text);
}

/** The workspace and home the corpora were written against; `links` adds redteam-4's hardlink and symlink. */
function build(name: string, links: boolean): { ws: string; home: string } {
  const ws = path.join(parent, name, 'app');
  const home = path.join(parent, name, 'home');
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
  if (links) {
    fs.linkSync(path.join(ws, '.env'), path.join(ws, 'docs/env-notes.txt'));
    fs.symlinkSync(path.join(home, '.aws'), path.join(ws, 'src/awscfg'));
  }
  return { ws, home };
}

before(async () => {
  await loadShellParser();
});

after(() => fs.rmSync(parent, { recursive: true, force: true }));

interface Entry {
  action: AgentAction;
  expect: 'flag' | 'allow';
  category: string;
  note: string;
}

function load(file: string, ws: string, home: string): Entry[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l.replaceAll('/work/app', ws).replaceAll('/home/dev', home)) as Entry);
}

for (const [name, links, least] of [['redteam-3', false, 350], ['redteam-4', true, 290]] as const) {
  test(`${name} against a real workspace: every route flagged exactly when labelled`, () => {
    const { ws, home } = build(name, links);
    const facts = createHostFacts();
    const ctx: ClassifyContext = { home, workspaceRoots: [ws], realPath: realPathOf, facts };
    const entries = [...load(`test/fixtures/corpus/${name}.jsonl`, ws, home), ...load(`test/fixtures/${name}/workspace.jsonl`, ws, home)];
    assert.ok(entries.length >= least, `${entries.length} routes`);
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
}
