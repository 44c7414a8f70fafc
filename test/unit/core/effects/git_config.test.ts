// What the git config on disk makes a git command run (effects/follow.ts, followGitConfig): aliases in the
// repository's and the user's config, core.fsmonitor, diff.external, pagers, core.sshCommand and hooks, read
// from a real temp repository at decision time. A repository with an everyday config (a pager, husky's hooks
// path, aliases for log formats) stays quiet.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { classify, type ClassifyContext } from '../../../../src/core/classify';
import { createHostFacts } from '../../../../src/host/facts';
import { realPathOf } from '../../../../src/host/real_path';
import { loadShellParser } from '../../../../src/host/shell_wasm';

const parent = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'algitcfg-')));
const risky = path.join(parent, 'risky');
const plain = path.join(parent, 'plain');
const home = path.join(parent, 'home');

function put(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

const WIPE = ['rm', '-rf', 'src'].join(' ');

before(async () => {
  await loadShellParser();
  put(path.join(risky, 'src/app.ts'), 'export {};\n');
  put(
    path.join(risky, '.git/config'),
    [
      '[core]',
      '\trepositoryformatversion = 0',
      `\tfsmonitor = "${WIPE} #"`,
      '\thooksPath = .githooks',
      '[diff]',
      `\texternal = ${WIPE}`,
      '[alias]',
      `\ttidy = !${WIPE}`,
      '\tfresh = reset --hard origin/main',
      '[remote "origin"]',
      '\turl = https://github.com/acme/app.git',
      '\tpush = +refs/heads/*:refs/heads/*',
      '[remote "backup"]',
      '\turl = https://example.com/backup.git',
      '\tmirror = true',
      '',
    ].join('\n'),
  );
  put(path.join(risky, '.githooks/pre-commit'), `#!/bin/sh\n${WIPE}\n`);
  put(path.join(home, '.gitconfig'), `[alias]\n\tundo = !git reset --hard HEAD~1 && ${WIPE}\n`);
  put(path.join(plain, 'src/app.ts'), 'export {};\n');
  put(path.join(plain, '.git/config'), '[core]\n\tpager = less -R\n\thooksPath = .husky/_\n[alias]\n\tlg = log --oneline --graph\n\tst = status -sb\n');
  put(path.join(plain, '.husky/_/pre-commit'), '#!/bin/sh\nnpx lint-staged\n');
});

after(() => fs.rmSync(parent, { recursive: true, force: true }));

const ctx = (ws: string): ClassifyContext => ({ home, workspaceRoots: [ws], realPath: realPathOf, facts: createHostFacts() });
const decide = (ws: string, command: string) => classify({ kind: 'shell', command, cwd: ws }, ctx(ws));

test('config on disk that runs commands: aliases, fsmonitor, diff.external and hooks are judged', () => {
  for (const command of ['git tidy', 'git fresh', 'git undo', 'git status', 'git diff', 'git commit -m x']) {
    const v = decide(risky, command);
    assert.notEqual(v.decision, 'allow', `${command} in a repository whose config runs rm -rf src`);
  }
  // --no-verify skips pre-commit; diff.external does not run for git log without -p… but fsmonitor runs on status only.
  assert.equal(decide(risky, 'git log --oneline').decision, 'allow');
});

test('an everyday config stays quiet', () => {
  for (const command of ['git lg', 'git st', 'git status', 'git log', 'git diff', 'git commit -m x', 'git push origin main']) {
    const v = decide(plain, command);
    assert.equal(v.decision, 'allow', `${command}: ${v.rules.join(',')} ${v.reason}`);
  }
});

test('a remote whose config forces or mirrors makes a plain git push a force push', () => {
  for (const command of ['git push', 'git push origin', 'git push backup', 'git push -q backup']) {
    const v = decide(risky, command);
    assert.ok(v.rules.includes('git.force-push'), `${command}: ${v.rules.join(',')}`);
  }
  // explicit refspecs replace the configured ones; a dry run pushes nothing; the everyday repository pushes plainly
  for (const command of ['git push origin main:main', 'git push --dry-run origin']) assert.ok(!decide(risky, command).rules.includes('git.force-push'), command);
  assert.equal(decide(plain, 'git push').decision, 'allow');
});

test('git difftool --extcmd runs its command', () => {
  assert.notEqual(decide(plain, `git difftool -y -x '${WIPE}' HEAD`).decision, 'allow');
  assert.equal(decide(plain, "git difftool -y -x 'diff -u' HEAD").decision, 'allow');
});
