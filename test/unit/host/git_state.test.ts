// Host gitState(): what real git says about a file, read from the index git itself wrote (formats 2, 3 and 4,
// SHA-1 and SHA-256 repositories, linked worktrees), without running git at decision time. Then the whole road:
// `airlock classify` on deletes and overwrites in that repository.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createGitState, parseIndex } from '../../../src/host/git_state';

const CLI = path.resolve('dist/cli.js');
let root = '';

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'init.defaultBranch=main', ...args], { cwd, encoding: 'utf8' });
}

function put(dir: string, rel: string, text: string): void {
  const p = path.join(dir, rel);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, text);
}

/** A repository with one file in each state git knows. */
function makeRepo(name: string, initArgs: string[] = []): string {
  const dir = path.join(root, name);
  fs.mkdirSync(dir, { recursive: true });
  git(dir, 'init', '-q', ...initArgs);
  put(dir, '.gitignore', 'ignored/\n');
  put(dir, 'src/clean.js', 'module.exports = 1;\n');
  put(dir, 'src/edited.js', 'module.exports = 2;\n');
  put(dir, 'src/staged.js', 'module.exports = 3;\n');
  put(dir, 'src/touched.js', 'module.exports = 4;\n');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', 'init');
  put(dir, 'src/edited.js', 'module.exports = 22;\n');
  put(dir, 'src/staged.js', 'module.exports = 33;\n');
  git(dir, 'add', 'src/staged.js');
  // same bytes, new mtime: git calls it clean, and so must the reader
  const t = path.join(dir, 'src/touched.js');
  fs.utimesSync(t, new Date(), new Date(Date.now() + 5000));
  put(dir, 'src/new.js', 'module.exports = 5;\n');
  put(dir, 'ignored/upload.png', 'PNG');
  return dir;
}

before(() => {
  root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'airlock-gitstate-')));
});

after(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

const EXPECTED: [string, string][] = [
  ['src/clean.js', 'clean'],
  ['src/edited.js', 'modified'],
  ['src/staged.js', 'clean'],
  ['src/touched.js', 'clean'],
  ['src/new.js', 'untracked'],
  ['ignored/upload.png', 'untracked'],
];

describe('gitState against indexes real git wrote', () => {
  for (const [label, init, config] of [
    ['index v2', [], []],
    ['index v3 (intent-to-add entry)', [], []],
    ['index v4 (path-compressed)', [], ['index.version', '4']],
    ['SHA-256 repository', ['--object-format=sha256'], []],
  ] as [string, string[], string[]][]) {
    test(label, () => {
      const dir = makeRepo(label.replace(/\W+/g, '-'), init);
      if (config.length > 0) {
        git(dir, 'config', ...config);
        git(dir, 'update-index', '--index-version', config[1]!);
      }
      if (label.includes('v3')) {
        put(dir, 'src/intent.js', 'module.exports = 6;\n');
        git(dir, 'add', '-N', 'src/intent.js');
        const version = fs.readFileSync(path.join(dir, '.git/index')).readUInt32BE(4);
        assert.equal(version, 3, 'git add -N writes an extended (v3) entry');
      }
      const state = createGitState();
      for (const [rel, want] of EXPECTED) assert.equal(state(path.join(dir, rel)), want, `${label}: ${rel}`);
      if (label.includes('v3')) assert.equal(state(path.join(dir, 'src/intent.js')), 'modified', 'intent-to-add: its content is in no object yet');
      // and git agrees on the ones it reports
      const porcelain = git(dir, 'status', '--porcelain', '--untracked-files=all');
      assert.match(porcelain, / M src\/edited\.js/);
      assert.doesNotMatch(porcelain, /touched/);
    });
  }

  test('a merge conflict is modified; a file outside any repository is no-repo; missing is unknown', () => {
    const dir = makeRepo('conflict');
    git(dir, 'checkout', '-qb', 'other');
    put(dir, 'src/clean.js', 'module.exports = "other";\n');
    git(dir, 'commit', '-qam', 'other');
    git(dir, 'checkout', '-q', 'main');
    git(dir, 'stash', '-q', '-u');
    put(dir, 'src/clean.js', 'module.exports = "main";\n');
    git(dir, 'commit', '-qam', 'main');
    spawnSync('git', ['merge', '-q', 'other'], { cwd: dir });
    const state = createGitState();
    assert.equal(state(path.join(dir, 'src/clean.js')), 'modified');
    const outside = path.join(root, 'loose.txt');
    fs.writeFileSync(outside, 'x');
    assert.equal(state(outside), 'no-repo');
    assert.equal(state(path.join(dir, 'src/nothing-here.js')), undefined);
    assert.equal(state(path.join(dir, '.git/config')), undefined, "git's own files are not work-tree files");
  });

  test('a linked worktree reads its own index', () => {
    const dir = makeRepo('main-tree');
    const wt = path.join(root, 'linked-tree');
    git(dir, 'worktree', 'add', '-q', wt);
    put(wt, 'src/clean.js', 'changed in the worktree\n');
    const state = createGitState();
    assert.equal(state(path.join(wt, 'src/clean.js')), 'modified');
    assert.equal(state(path.join(wt, 'src/edited.js')), 'clean', 'the worktree checked out the committed version');
    assert.equal(state(path.join(dir, 'src/clean.js')), 'clean');
  });

  test('an index it cannot read fully is unknown, never clean', () => {
    assert.equal(parseIndex(Buffer.from('DIRC\0\0\0\x05\0\0\0\0', 'latin1'), 20), undefined, 'version 5');
    assert.equal(parseIndex(Buffer.from('NOPE\0\0\0\x02\0\0\0\0', 'latin1'), 20), undefined, 'bad signature');
    assert.equal(parseIndex(Buffer.from('DIRC\0\0\0\x02\0\0\0\x09', 'latin1'), 20), undefined, 'truncated entries');
    const dir = makeRepo('split');
    git(dir, 'update-index', '--split-index');
    assert.equal(createGitState()(path.join(dir, 'src/clean.js')), undefined, 'split index: entries live in another file');
    const broken = makeRepo('broken');
    fs.writeFileSync(path.join(broken, '.git/index'), 'garbage');
    assert.equal(createGitState()(path.join(broken, 'src/clean.js')), undefined);
  });
});

describe('airlock classify: deletes and overwrites judged by what git can give back', () => {
  let repo = '';
  before(() => {
    repo = makeRepo('classify');
    // Archives of an older version: one holds files the repository has edited or new, the other only new files
    const old = path.join(root, 'old-src');
    put(old, 'src/edited.js', 'module.exports = 0;\n');
    put(old, 'src/new.js', 'module.exports = 0;\n');
    put(old, 'src/clean.js', 'module.exports = 1;\n');
    execFileSync('tar', ['czf', path.join(repo, 'old.tgz'), '-C', old, 'src']);
    execFileSync('python3', ['-m', 'zipfile', '-c', path.join(repo, 'old.zip'), path.join(old, 'src')], { cwd: old });
    const fresh = path.join(root, 'fresh-src');
    put(fresh, 'docs/fresh.md', '# new\n');
    execFileSync('tar', ['czf', path.join(repo, 'fresh.tgz'), '-C', fresh, 'docs']);
  });

  function decide(command: string): string {
    const input = `${JSON.stringify({ kind: 'shell', command, cwd: repo })}\n`;
    const r = spawnSync(process.execPath, [CLI, 'classify'], { input, encoding: 'utf8', env: { ...process.env, HOME: root } });
    const out = JSON.parse(r.stdout) as { decision: string };
    return out.decision;
  }

  const cases: [string, 'ask' | 'allow'][] = [
    ['rm src/clean.js', 'allow'],
    ['rm src/staged.js', 'allow'],
    ['rm src/edited.js', 'ask'],
    ['rm src/new.js', 'ask'],
    ['rm src/gone.js', 'allow'],
    ['unlink src/new.js', 'ask'],
    ['truncate -s 0 src/edited.js', 'ask'],
    ['cp src/clean.js src/edited.js', 'ask'],
    ['cp src/clean.js src/clean-copy.js', 'allow'],
    ['echo x > src/new.js', 'ask'],
    ['echo x > src/clean.js', 'allow'],
    ['echo x >> src/new.js', 'allow'],
    ['mv src/new.js src/edited.js', 'ask'],
    ['rm ignored/upload.png', 'ask'],
    ['tar xzf old.tgz', 'ask'],
    ['tar -xzf old.tgz -C .', 'ask'],
    ['python3 -m tarfile -e old.tgz .', 'ask'],
    ['unzip -o old.zip', 'ask'],
    ['tar xzf fresh.tgz', 'allow'],
    ['tar -xkzf old.tgz', 'allow'],
    ['tar tzf old.tgz', 'allow'],
    ['tar xOzf old.tgz src/edited.js', 'allow'],
    ['tar -C . -xzf old.tgz', 'ask'],
    ['gunzip -c old.tgz | tar -x', 'ask'],
    ['unzip -n old.zip', 'allow'],
    ['unzip -l old.zip', 'allow'],
  ];
  for (const [command, want] of cases) {
    test(`${command} -> ${want}`, () => assert.equal(decide(command), want));
  }
});
