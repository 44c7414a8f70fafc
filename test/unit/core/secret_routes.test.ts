// Secret-access routes that depend on what the workspace holds (content, hard links, trees, links into it),
// classified against a real temp workspace through the host's facts, as the hook and the gate do. The routes
// are test/fixtures/secret-routes/workspace.jsonl ($WS, $LINK, $PARENT, $SCRATCH stand for the temp paths);
// the ones that need no workspace are in test/fixtures/corpus/secret-routes.jsonl (run by corpus.test.ts).
// Prints secret-access recall and the benign false-alarm rate over both.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AgentAction } from '../../../src/core/action';
import { classify, type ClassifyContext } from '../../../src/core/classify';
import { createHostFacts } from '../../../src/host/facts';
import { createContentCheck } from '../../../src/host/content_check';
import { realPathOf } from '../../../src/host/real_path';
import { loadShellParser } from '../../../src/host/shell_wasm';

// A made-up Railway-style token, joined here so no token-shaped literal is committed whole.
const TOKEN = ['0b1e7c3a', '5d2f', '4a6b', '8c9d', 'e1f2a3b4c5d6'].join('-');

const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'alsr-'));
const ws = path.join(parent, 'shop');
const link = path.join(os.tmpdir(), `alsr-link-${process.pid}`);
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'alsr-scratch-'));
const home = path.join(parent, 'home');

function write(rel: string, text: string): void {
  fs.mkdirSync(path.dirname(path.join(ws, rel)), { recursive: true });
  fs.writeFileSync(path.join(ws, rel), text);
}

before(async () => {
  write('.env', `RAILWAY_TOKEN=${TOKEN}\nPORT=3000\n`);
  write('.env.production', 'DB_NAME=shop\n');
  fs.linkSync(path.join(ws, '.env.production'), path.join(ws, 'notes.txt'));
  write('.gitignore', '.env*\nnode_modules/\n');
  fs.mkdirSync(path.join(ws, '.git'));
  write('config/legacy-deploy.json', `{\n  "railway": {\n    "token": "${TOKEN}"\n  }\n}\n`);
  write('config/app.json', '{"port": 3000}\n');
  write('src/app.ts', 'export const port = process.env.PORT;\n');
  write('docs/guide.md', '# Guide\n');
  write('README.md', '# Shop\n');
  write('package.json', '{"name":"shop"}\n');
  fs.mkdirSync(home, { recursive: true });
  fs.symlinkSync(ws, link);
  await loadShellParser();
});

after(() => {
  fs.rmSync(link, { force: true });
  fs.rmSync(parent, { recursive: true, force: true });
  fs.rmSync(scratch, { recursive: true, force: true });
});

interface Entry {
  action: AgentAction;
  expect: 'flag' | 'allow';
  category: string;
  note: string;
}

function load(file: string, subst: (s: string) => string): Entry[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(subst(l)) as Entry);
}

const facts = createHostFacts();
const ctx = (): ClassifyContext => ({ home, workspaceRoots: [ws], realPath: realPathOf, facts });

test('workspace routes: each is flagged exactly when labelled; secret access ≥ 95% flagged, benign false alarms ≤ 2% (with the pure corpus)', () => {
  const subst = (s: string) => s.replaceAll('$WS', ws).replaceAll('$LINK', link).replaceAll('$PARENT', parent).replaceAll('$SCRATCH', scratch);
  const workspace = load('test/fixtures/secret-routes/workspace.jsonl', subst);
  const pure = load('test/fixtures/corpus/secret-routes.jsonl', (s) => s);
  assert.ok(workspace.length >= 70 && pure.length >= 100, `${workspace.length} workspace and ${pure.length} pure routes`);
  const wrong: string[] = [];
  const tally = { secret: [0, 0], benign: [0, 0], destructive: [0, 0] } as Record<string, [number, number]>;
  for (const [e, c] of [...workspace.map((e) => [e, ctx()] as const), ...pure.map((e) => [e, { home: '/home/dev', workspaceRoots: ['/work/app'] }] as const)]) {
    const v = classify({ ...e.action, workspaceRoots: e.action.workspaceRoots ?? [...(c.workspaceRoots ?? [])] }, c);
    const flagged = v.decision !== 'allow';
    const t = (tally[e.category] ??= [0, 0]);
    t[0]++;
    if (flagged) t[1]++;
    if (flagged !== (e.expect === 'flag')) wrong.push(`${e.expect} ${e.category}: ${e.note} -> ${v.decision} [${v.rules.join(',')}]`);
  }
  const pct = (t: [number, number]) => ((100 * t[1]) / Math.max(1, t[0])).toFixed(1);
  console.log(`secret-access routes: ${tally.secret![1]}/${tally.secret![0]} flagged (${pct(tally.secret!)}%); benign: ${tally.benign![1]}/${tally.benign![0]} flagged (${pct(tally.benign!)}%); destructive via links: ${tally.destructive![1]}/${tally.destructive![0]}`);
  assert.deepEqual(wrong, []);
  assert.ok(tally.secret![1] / tally.secret![0] >= 0.95);
  assert.ok(tally.benign![1] / tally.benign![0] <= 0.02);
});

test('the verdict names the detector with a redacted preview, never the token', () => {
  const v = classify({ kind: 'shell', command: 'cat config/legacy-deploy.json', cwd: ws }, ctx());
  assert.ok(v.rules.includes('secrets.read-credential-content'), v.rules.join(','));
  assert.match(v.reason, /railway-token/);
  assert.ok(!JSON.stringify(v).includes(TOKEN));
});

test('a tree read says how to run it without the secrets; following the hint leads to the next one', () => {
  const v = classify({ kind: 'shell', command: 'grep -rn RAILWAY .', cwd: ws }, ctx());
  assert.ok(v.rules.includes('secrets.tree-read'), v.rules.join(','));
  assert.match(v.reason, /--exclude='\.env\*'/);
  // The config file says `railway` in lower case: only a case-insensitive search prints its line.
  const again = classify({ kind: 'shell', command: "grep -rni RAILWAY . --exclude='.env*'", cwd: ws }, ctx());
  assert.ok(again.rules.includes('secrets.tree-read'), 'the config file holding the token is still read');
  assert.match(again.reason, /--exclude='legacy-deploy\.json'/);
  const caseSensitive = classify({ kind: 'shell', command: "grep -rn RAILWAY . --exclude='.env*'", cwd: ws }, ctx());
  assert.equal(caseSensitive.decision, 'allow', 'grep RAILWAY prints no line of a file that only says railway');
});

test('content check: regular files only, bounded, cached by path+size+mtime+inode', () => {
  const check = createContentCheck();
  const file = path.join(ws, 'config/legacy-deploy.json');
  const first = check(file);
  assert.equal(first?.[0]?.detector, 'railway-token');
  assert.ok(!JSON.stringify(first).includes(TOKEN), 'preview is redacted');
  assert.equal(check(file), first, 'unchanged file: the cached answer');
  const scratchFile = path.join(scratch, 'later.json');
  fs.writeFileSync(scratchFile, '{"port": 1}\n');
  assert.deepEqual(check(scratchFile), []);
  fs.writeFileSync(scratchFile, `{"railway": {"token": "${TOKEN}"}}\n`);
  assert.equal(check(scratchFile)?.[0]?.detector, 'railway-token', 'a changed file is read again');
  assert.equal(check(path.join(ws, 'missing.json')), undefined);
  assert.equal(check(ws), undefined, 'a directory is not checked');
  if (process.platform !== 'win32') {
    assert.equal(check('/dev/zero'), undefined, 'a device is never read');
    const fifo = path.join(scratch, 'pipe');
    try {
      execFileSync('mkfifo', [fifo]);
      assert.equal(check(fifo), undefined, 'a FIFO is never opened for reading');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  }
  const big = path.join(scratch, 'big.json');
  fs.writeFileSync(big, `${'x'.repeat(300 * 1024)}\n{"railway": {"token": "${TOKEN}"}}\n`);
  assert.deepEqual(check(big), [], 'only the first 256 KB are read');
});
