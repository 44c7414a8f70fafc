// Rules that ask git what a command would lose, through facts.gitRead. `git push --force-with-lease` is safe only against what was not fetched. When the remote-tracking branch already
// holds a teammate's commits that the pushed branch lacks, the lease (taken from that same ref) lets the push drop
// them. Real repositories (a bare origin, two clones), judged through classify() with the real host facts.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { classify } from '../../../src/core/classify';
import { createHostFacts } from '../../../src/host/facts';
import { loadShellParser } from '../../../src/host/shell_wasm';
import { fake } from '../../../src/core/secrets/samples';

let root = '';
let mine = '';

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'init.defaultBranch=main', ...args], { cwd, encoding: 'utf8' });
}

function commit(dir: string, file: string, text: string): void {
  fs.writeFileSync(path.join(dir, file), text);
  git(dir, 'add', file);
  git(dir, 'commit', '-qm', file);
}

before(async () => {
  await loadShellParser();
  root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'airlock-lease-')));
  git(root, 'init', '-q', '--bare', 'origin.git');
  git(root, 'clone', '-q', 'origin.git', 'mine');
  git(root, 'clone', '-q', 'origin.git', 'theirs');
  mine = path.join(root, 'mine');
  const theirs = path.join(root, 'theirs');
  commit(mine, 'a.txt', 'a\n');
  git(mine, 'push', '-q', 'origin', 'main');
  git(theirs, 'pull', '-q', 'origin', 'main');
  commit(mine, 'b.txt', 'mine\n');
});

after(() => fs.rmSync(root, { recursive: true, force: true }));

function verdict(command: string): { decision: string; rules: string[] } {
  return classify({ kind: 'shell', command, cwd: mine }, { cwd: mine, workspaceRoots: [mine], facts: createHostFacts() });
}

function decide(command: string): string {
  return verdict(command).decision;
}

test('a lease over a fetched remote branch that holds nothing new is allowed', () => {
  git(mine, 'fetch', '-q', 'origin');
  assert.equal(decide('git push --force-with-lease'), 'allow');
  assert.equal(decide('git push --force-with-lease origin main'), 'allow');
});

test('a lease over fetched commits the pushed branch lacks is flagged, in every spelling', () => {
  const theirs = path.join(root, 'theirs');
  commit(theirs, 'c.txt', 'teammate\n');
  git(theirs, 'push', '-q', 'origin', 'main');
  git(mine, 'fetch', '-q', 'origin');
  for (const line of ['git push --force-with-lease', 'git push --force-with-lease=main origin main', 'git push origin HEAD:main --force-with-lease', 'git push --force-with-l origin main']) {
    assert.equal(decide(line), 'ask', line);
  }
  // not a push of main: nothing of origin/main is touched
  git(mine, 'branch', '-q', 'side');
  assert.equal(decide('git push --force-with-lease origin side'), 'allow');
});

test('a reset --hard or a restore over a clean tree loses nothing; with an edit, it is flagged', () => {
  git(mine, 'checkout', '-q', 'main');
  for (const line of ['git reset --hard', 'git restore .', 'git checkout -- .', 'git restore --source=HEAD --staged --worktree a.txt', 'git checkout HEAD~1 -- a.txt']) {
    assert.equal(decide(line), 'allow', `clean: ${line} ${verdict(line).rules.join(',')}`);
  }
  fs.writeFileSync(path.join(mine, 'a.txt'), 'edited, not committed\n');
  for (const line of ['git reset --hard', 'git restore .', 'git checkout -- .', 'git checkout HEAD~1 -- a.txt']) assert.equal(decide(line), 'ask', `edited: ${line}`);
  // staged only: the working file matches the index, but HEAD does not hold it
  git(mine, 'add', 'a.txt');
  assert.equal(decide('git reset --hard'), 'ask');
  // -C names the repository that is checked (see the -C test below)
  assert.equal(decide(`git -C ${mine} reset --hard`), 'ask', 'staged edit there');
  git(mine, 'reset', '-q', '--hard');
  assert.equal(decide(`git -C ${mine} reset --hard`), 'allow');
});

test('rm -rf of a committed, unchanged folder is restorable; anything uncommitted in it is not', () => {
  fs.mkdirSync(path.join(mine, 'legacy'), { recursive: true });
  commit(mine, 'legacy/old.txt', 'old\n');
  assert.equal(decide('rm -rf legacy'), 'allow', verdict('rm -rf legacy').rules.join(','));
  fs.writeFileSync(path.join(mine, 'legacy', 'notes.md'), 'only copy\n');
  assert.equal(decide('rm -rf legacy'), 'ask');
  fs.rmSync(path.join(mine, 'legacy', 'notes.md'));
  fs.writeFileSync(path.join(mine, 'legacy', 'old.txt'), 'edited\n');
  assert.equal(decide('rm -rf legacy'), 'ask');
  git(mine, 'checkout', '-q', '--', 'legacy');
  // the repository itself (its .git included) is never restorable from itself
  assert.equal(decide(`rm -rf ${mine}`), 'ask');
});

test('git clean is judged by what git lists: nothing, or only build output, is allowed', () => {
  fs.writeFileSync(path.join(mine, '.gitignore'), 'node_modules/\n*.db\n');
  git(mine, 'add', '.gitignore');
  git(mine, 'commit', '-qm', 'ignore');
  assert.equal(decide('git clean -fd'), 'allow');
  fs.mkdirSync(path.join(mine, 'node_modules', 'x'), { recursive: true });
  fs.writeFileSync(path.join(mine, 'node_modules', 'x', 'i.js'), '1\n');
  assert.equal(decide('git clean -fdX'), 'allow');
  assert.equal(decide('git clean -fdx'), 'allow');
  fs.writeFileSync(path.join(mine, 'local.db'), 'rows\n');
  assert.equal(decide('git clean -fdX'), 'ask');
  fs.rmSync(path.join(mine, 'local.db'));
  fs.writeFileSync(path.join(mine, 'draft.md'), 'only copy\n');
  assert.equal(decide('git clean -fd'), 'ask');
  assert.equal(decide('git clean -fdX'), 'allow');
});

test('a file checked out or applied from a stash is read as the stash holds it', () => {
  commit(mine, 'providers.tf', 'provider "aws" {\n  region = var.region\n}\n');
  // built at run time: no token-shaped literal in the sources
  const key = ['AKIA', 'Z3K7Q2M9X4B6N8P1'].join('');
  const secret = ['wT9x', 'Lq2Vb7', 'Nk4Hs8Zp1', 'Rd6Fy3Jm5Cg0Ua', 'Ke2Wo'].join('');
  fs.writeFileSync(path.join(mine, 'providers.tf'), `provider "aws" {\n  access_key = "${key}"\n  secret_key = "${secret}"\n}\n`);
  git(mine, 'stash', '-q');
  assert.equal(decide('cat providers.tf'), 'allow');
  assert.equal(decide('git stash apply && cat providers.tf'), 'ask');
  assert.equal(decide('git checkout stash@{0} -- providers.tf && cat providers.tf'), 'ask');
  // putting the stash's credential back into the working tree is secret access of its own
  assert.equal(decide('git checkout stash@{0} -- providers.tf'), 'ask');
  assert.equal(decide('git stash list'), 'allow');
});

test('restoring an ignored file from an old revision overwrites it: flagged even when git diff shows nothing', () => {
  fs.writeFileSync(path.join(mine, '.gitignore'), 'node_modules/\n*.db\n');
  commit(mine, 'settings.env', 'MODE=old\n');
  git(mine, 'rm', '-q', '--cached', 'settings.env');
  fs.appendFileSync(path.join(mine, '.gitignore'), 'settings.env\n');
  git(mine, 'add', '.gitignore');
  git(mine, 'commit', '-qm', 'untrack settings');
  fs.writeFileSync(path.join(mine, 'settings.env'), 'MODE=mine, only copy\n');
  assert.equal(decide('git checkout HEAD~1 -- settings.env'), 'ask');
  assert.equal(decide('git restore --source=HEAD~1 settings.env'), 'ask');
});

test('a repository in sync with nothing to lose: reset to its upstream, forced switches and clearing no stash are allowed; an earlier command in the line voids that', () => {
  const origin = path.join(root, 'sync-origin.git');
  git(root, 'init', '-q', '--bare', origin);
  const dir = path.join(root, 'sync');
  git(root, 'clone', '-q', origin, dir);
  commit(dir, 'a.txt', 'a\n');
  git(dir, 'push', '-q', 'origin', 'main');
  fs.writeFileSync(path.join(dir, '.gitignore'), 'site/\n');
  commit(dir, '.gitignore', 'site/\n');
  git(dir, 'push', '-q', 'origin', 'main');
  fs.mkdirSync(path.join(dir, 'site'));
  fs.writeFileSync(path.join(dir, 'site', 'index.html'), 'built\n');
  const at = (command: string): { decision: string; rules: string[] } => classify({ kind: 'shell', command, cwd: dir }, { cwd: dir, workspaceRoots: [dir], facts: createHostFacts() });
  for (const line of ['git reset --hard origin/main', 'git reset --hard @{u}', 'git stash clear', 'git stash drop', 'git switch --discard-changes main', 'git checkout -f main', 'git switch -f main', "eval 'git reset --hard origin/main'"]) {
    assert.equal(at(line).decision, 'allow', `${line}: ${at(line).rules.join(',')}`);
  }
  // whatever ran first may have made the state this command meets: judged as written
  for (const line of ['git stash && git stash clear', 'git stash; git stash drop', 'git commit -qam x && git reset --hard origin/main', 'for i in 1 2; do git stash clear; git stash; done', 'make prep && git checkout -f main', "eval 'git stash; git stash clear'"]) {
    assert.equal(at(line).decision, 'ask', line);
  }
  // a commit not on the upstream: resetting to it drops the commit
  commit(dir, 'b.txt', 'mine\n');
  assert.equal(at('git reset --hard origin/main').decision, 'ask');
  // a stash to lose
  fs.writeFileSync(path.join(dir, 'a.txt'), 'edited\n');
  git(dir, 'stash', '-q');
  assert.equal(at('git stash clear').decision, 'ask');
  // an untracked file a forced switch could overwrite, and an edit it would discard
  fs.writeFileSync(path.join(dir, 'notes.md'), 'only copy\n');
  assert.equal(at('git switch --discard-changes main').decision, 'ask');
  fs.rmSync(path.join(dir, 'notes.md'));
  fs.writeFileSync(path.join(dir, 'a.txt'), 'edited again\n');
  assert.equal(at('git checkout -f main').decision, 'ask');
});

test('git branch -D loses nothing when another ref holds the branch tip; unmerged commits still ask', () => {
  const dir = path.join(root, 'branches');
  git(root, 'clone', '-q', 'origin.git', 'branches');
  commit(dir, 'base.txt', 'base\n');
  git(dir, 'branch', 'merged');
  git(dir, 'branch', 'twin');
  git(dir, 'checkout', '-q', '-b', 'solo');
  commit(dir, 'solo.txt', 'only here\n');
  git(dir, 'checkout', '-q', 'main');
  const at = (command: string): string => classify({ kind: 'shell', command, cwd: dir }, { cwd: dir, workspaceRoots: [dir], facts: createHostFacts() }).decision;
  assert.equal(at('git branch -D merged'), 'allow', 'main holds its tip');
  assert.equal(at('git branch --delete --force merged'), 'allow');
  assert.equal(at('git branch -D solo'), 'ask', 'its commit is on no other ref');
  // deleting every ref that holds the commit loses it
  git(dir, 'checkout', '-q', '-b', 'pair', 'solo');
  git(dir, 'checkout', '-q', 'main');
  assert.equal(at('git branch -D solo'), 'allow', 'pair holds it');
  assert.equal(at('git branch -D solo pair'), 'ask', 'both names go');
  assert.equal(at('git branch -D merged twin'), 'allow', 'main still holds them');
  // a branch created earlier in the same line may have gained commits: judged as written
  assert.equal(at('git commit -qam x && git branch -D merged'), 'ask');
  assert.equal(at('git branch -D nosuch'), 'ask', 'unknown: asked');
  assert.equal(at('git branch -rD origin/main'), 'ask', 'remote-tracking deletes are not judged by this');
});

test("a generator's ignored output folder is rebuildable only beside the generator's config", () => {
  const dir = path.join(root, 'docs-site');
  git(root, 'init', '-q', dir);
  commit(dir, '.gitignore', 'site/\n.cache/\n/priv/static/assets/\npublic/\n');
  commit(dir, 'mkdocs.yml', 'site_name: docs\n');
  for (const d of ['site', '.cache', 'priv/static/assets', 'public']) {
    fs.mkdirSync(path.join(dir, d), { recursive: true });
    fs.writeFileSync(path.join(dir, d, 'index.html'), 'built\n');
  }
  const at = (command: string): string => classify({ kind: 'shell', command, cwd: dir }, { cwd: dir, workspaceRoots: [dir], facts: createHostFacts() }).decision;
  assert.equal(at('rm -rf site .cache'), 'allow', 'mkdocs.yml marks site/ as its output');
  assert.equal(at('git clean -fdx'), 'ask', 'public/ and priv/ have no generator here');
  assert.equal(at('rm -rf public'), 'ask', 'public/ is a source folder in most projects');
  assert.equal(at('rm -rf priv/static/assets'), 'ask', 'no mix.exs');
  commit(dir, 'mix.exs', 'defmodule Docs.MixProject do\nend\n');
  commit(dir, 'priv/static/robots.txt', 'User-agent: *\n');
  assert.equal(at('rm -rf priv/static/assets'), 'allow', "Phoenix's asset output, ignored");
  fs.rmSync(path.join(dir, 'public'), { recursive: true });
  assert.equal(at('git clean -fdx'), 'allow', 'only generated, ignored output is left to remove');
  fs.writeFileSync(path.join(dir, 'notes.md'), 'only copy\n');
  assert.equal(at('git clean -fdx'), 'ask', 'an untracked note would go too');
  // the same folder name, not ignored: someone keeps files there
  fs.writeFileSync(path.join(dir, '.gitignore'), '.cache/\n');
  assert.equal(at('rm -rf site'), 'ask');
  assert.equal(at('rm -f plan.tfplan'), 'allow', 'a saved plan is made again by terraform plan -out');
});

test('git -C DIR is judged against the repository in DIR, not the one the command starts in', () => {
  const clean = path.join(root, 'c-clean');
  const dirty = path.join(root, 'c-dirty');
  for (const d of [clean, dirty]) {
    git(root, 'init', '-q', d);
    commit(d, 'a.txt', 'a\n');
  }
  fs.writeFileSync(path.join(dirty, 'a.txt'), 'edited, only copy\n');
  git(dirty, 'branch', 'main-copy');
  const at = (cwd: string, command: string): string => classify({ kind: 'shell', command, cwd }, { cwd, workspaceRoots: [cwd], facts: createHostFacts() }).decision;
  assert.equal(at(dirty, `git -C ${clean} reset --hard`), 'allow', 'nothing uncommitted there');
  assert.equal(at(dirty, 'git -C ../c-clean reset --hard'), 'allow');
  assert.equal(at(clean, `git -C ${dirty} reset --hard`), 'ask', 'the edit there is lost');
  assert.equal(at(clean, 'git -C .. -C c-dirty reset --hard'), 'ask', '-C applies in turn');
  assert.equal(at(dirty, `git -C ${clean} checkout -- .`), 'allow');
  assert.equal(at(clean, `git -C ${dirty} checkout -B main-copy HEAD`), 'ask', 'the branch exists there');
  assert.equal(at(dirty, 'git switch -C main-copy HEAD'), 'ask', "switch's own -C: the branch exists here");
  assert.equal(at(dirty, `git -C ${clean} stash clear`), 'allow');
});

test('more generated output: Rails assets, wrangler state, a tsconfig outDir and generated/ folders, when ignored', () => {
  const dir = path.join(root, 'gen-app');
  git(root, 'init', '-q', dir);
  commit(dir, '.gitignore', '/public/assets\n.wrangler/\n/functions/lib\nsrc/generated/\n');
  fs.mkdirSync(path.join(dir, 'config'));
  commit(dir, 'config/application.rb', 'module App; end\n');
  commit(dir, 'wrangler.toml', 'name = "edge"\n');
  fs.mkdirSync(path.join(dir, 'functions'));
  commit(dir, 'functions/tsconfig.json', '{ "compilerOptions": { "outDir": "lib" } }\n');
  for (const d of ['public/assets', '.wrangler/state', 'functions/lib', 'src/generated', 'src/models']) {
    fs.mkdirSync(path.join(dir, d), { recursive: true });
    fs.writeFileSync(path.join(dir, d, 'x.js'), 'built\n');
  }
  const at = (command: string): string => classify({ kind: 'shell', command, cwd: dir }, { cwd: dir, workspaceRoots: [dir], facts: createHostFacts() }).decision;
  for (const c of ['rm -rf public/assets', 'rm -rf .wrangler', 'rm -rf functions/lib', 'rm -rf src/generated', 'rm -rf functions/lib/x.js']) assert.equal(at(c), 'allow', c);
  assert.equal(at('rm -rf src/models'), 'ask');
  // not ignored: kept by someone
  fs.writeFileSync(path.join(dir, '.gitignore'), '');
  for (const c of ['rm -rf public/assets', 'rm -rf functions/lib', 'rm -rf src/generated']) assert.equal(at(c), 'ask', c);
});

test("grep -r reads .git/config too: a token in a remote URL is printed by a search for it", () => {
  const dir = path.join(root, 'remote-token');
  git(root, 'init', '-q', dir);
  commit(dir, 'README.md', '# app\n');
  const token = fake('remote-url-token', 'glpat-', ['url', 20]);
  git(dir, 'remote', 'add', 'origin', `https://oauth2:${token}@gitlab.example.com/acme/app.git`);
  const at = (command: string): string => classify({ kind: 'shell', command, cwd: dir }, { cwd: dir, workspaceRoots: [dir], facts: createHostFacts() }).decision;
  assert.equal(at('grep -r glpat .'), 'ask');
  assert.equal(at('grep -rn gitlab.example.com .'), 'ask');
  assert.equal(at('grep -r --exclude-dir=.git glpat .'), 'allow');
  assert.equal(at('grep -r TODO .'), 'allow', 'no line with the token');
  assert.equal(at('grep -r acme .'), 'ask', 'the remote URL line holds it');
  assert.equal(at('rg glpat'), 'allow', 'rg skips .git');
});

test('ansible-inventory --list prints the inventory variables: a read only when they hold a credential or a vault', () => {
  const dir = path.join(root, 'ansible');
  fs.mkdirSync(path.join(dir, 'group_vars', 'all'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'inventory.ini'), '[web]\nweb1 ansible_host=10.0.0.5\n');
  fs.writeFileSync(path.join(dir, 'group_vars', 'all', 'main.yml'), 'app_port: 8080\n');
  const at = (command: string): string => classify({ kind: 'shell', command, cwd: dir }, { cwd: dir, workspaceRoots: [dir], facts: createHostFacts() }).decision;
  assert.equal(at('ansible-inventory -i inventory.ini --list'), 'allow', 'only a port');
  fs.writeFileSync(path.join(dir, 'group_vars', 'all', 'vault.yml'), '$ANSIBLE_VAULT;1.1;AES256\n6162636465666768\n');
  assert.equal(at('ansible-inventory -i inventory.ini --list'), 'ask', 'the vault is decrypted into the listing');
  assert.equal(at('ansible-inventory -i inventory.ini --graph'), 'allow', 'names only');
});
