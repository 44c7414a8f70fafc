// History readers judged by what they print: the host runs git (host/git_read.ts) with every setting that could run
// a program switched off. A hostile repository configures an external diff, a textconv filter, a pager, signature
// checks and an fsmonitor that would each leave a marker file if git ran them; none may appear.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { gitRead } from '../../../src/host/git_read';
import { FAKE_RAILWAY_TOKEN } from '../core/example_facts';

const CLI = path.resolve('dist/cli.js');
let root = '';
let repo = '';
let marker = '';

function git(...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'init.defaultBranch=main', ...args], { cwd: repo, encoding: 'utf8' });
}

function put(rel: string, text: string): void {
  const p = path.join(repo, rel);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, text);
}

before(() => {
  root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'airlock-gitread-')));
  repo = path.join(root, 'repo');
  marker = path.join(root, 'ran');
  fs.mkdirSync(repo);
  git('init', '-q');
  put('deploy.sh', `#!/bin/sh\nexport RAILWAY_TOKEN=${FAKE_RAILWAY_TOKEN}\nrailway up\n`);
  put('docs/guide.md', '# Guide\n');
  git('add', '-A');
  git('commit', '-qm', 'deploy script');
  put('deploy.sh', '#!/bin/sh\nrailway up\n');
  git('commit', '-qam', 'token moved to the environment');
  put('docs/guide.md', '# Guide\n\nRun deploy.sh.\n');
  git('commit', '-qam', 'docs');
  // A program that leaves a marker when anything runs it
  const evil = path.join(root, 'evil.sh');
  fs.writeFileSync(evil, `#!/bin/sh\necho "$0 $*" >> ${marker}\ncat\n`, { mode: 0o755 });
  for (const [k, v] of [
    ['diff.external', evil],
    ['core.pager', evil],
    ['log.showSignature', 'true'],
    ['gpg.program', evil],
    ['core.fsmonitor', evil],
    ['core.hooksPath', root],
    ['diff.sh.textconv', evil],
  ]) git('config', k!, v!);
  put('.gitattributes', '*.sh diff=sh\n');
});

after(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

describe('gitRead runs history readers without running any program the repository names', () => {
  test('old revisions, patches and blame print the removed token; nothing configured ran', () => {
    assert.match(gitRead(repo, ['show', 'HEAD~2:deploy.sh']) ?? '', /RAILWAY_TOKEN=/);
    assert.match(gitRead(repo, ['log', '-p', '--', 'deploy.sh']) ?? '', /-export RAILWAY_TOKEN=/);
    assert.match(gitRead(repo, ['blame', 'HEAD~2', '--', 'deploy.sh']) ?? '', /RAILWAY_TOKEN=/);
    assert.match(gitRead(repo, ['show', 'HEAD~1']) ?? '', /^-export RAILWAY_TOKEN=/m);
    assert.equal(fs.existsSync(marker), false, `no external diff, textconv, pager, gpg or fsmonitor program ran: ${fs.existsSync(marker) ? fs.readFileSync(marker, 'utf8') : ''}`);
  });

  test('anything outside the read-only subset is declined (undefined), never run', () => {
    for (const args of [['push'], ['show', '--ext-diff', 'HEAD'], ['log', '--textconv', '-p'], ['show', '--output=/tmp/x', 'HEAD'], ['log', '--exec=x'], ['stash', 'drop'], ['show', 'HEAD;touch x'], ['show', '$(id)']]) {
      assert.equal(gitRead(repo, args), undefined, args.join(' '));
    }
    assert.equal(gitRead(repo, ['show', 'no-such-revision:deploy.sh']), undefined);
    assert.equal(fs.existsSync(marker), false);
  });
});

describe('airlock classify: history readers judged by their output', () => {
  function decide(command: string): { decision: string; rules: string[] } {
    const input = `${JSON.stringify({ kind: 'shell', command, cwd: repo })}\n`;
    // The agent's environment may name an external diff or a pager for git: the host does not pass them on
    const r = spawnSync(process.execPath, [CLI, 'classify'], { input, encoding: 'utf8', env: { ...process.env, HOME: root, GIT_EXTERNAL_DIFF: path.join(root, 'evil.sh'), GIT_PAGER: path.join(root, 'evil.sh') } });
    return JSON.parse(r.stdout) as { decision: string; rules: string[] };
  }

  const cases: [string, 'flag' | 'allow'][] = [
    ['git show HEAD~2:deploy.sh', 'flag'],
    ['git log -p -- deploy.sh', 'flag'],
    ['git show HEAD~1', 'flag'],
    ['git blame HEAD~2 -- deploy.sh', 'flag'],
    ['git diff HEAD~2 HEAD', 'flag'],
    ['git show HEAD', 'allow'],
    ['git log -p -- docs/', 'allow'],
    ['git show HEAD:deploy.sh', 'allow'],
    ['git log --oneline', 'allow'],
    ['git diff HEAD~1 HEAD', 'allow'],
  ];
  for (const [command, want] of cases) {
    test(`${command} -> ${want}`, () => {
      const v = decide(command);
      assert.equal(v.decision !== 'allow', want === 'flag', `${command}: ${v.decision} ${v.rules.join(',')}`);
      if (want === 'flag') assert.ok(v.rules.includes('secrets.history-content'), v.rules.join(','));
    });
  }
  test('no program the repository or the environment names ran during any decision', () => {
    assert.equal(fs.existsSync(marker), false);
  });
});
