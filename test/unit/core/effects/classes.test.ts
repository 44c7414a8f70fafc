// Each class of effect (issue #10 items 2, 8, 9) with its flag and allow examples, classified against a real
// fixture workspace through createHostFacts(): what the command will run, not how it is spelled.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { classify } from '../../../../src/core/classify';
import { loadShellParser } from '../../../../src/host/shell_wasm';
import { type Fixture, makeFixture } from './fixture';

let fx: Fixture;

before(async () => {
  await loadShellParser();
  fx = makeFixture();
});

after(() => fx.cleanup());

interface Cls {
  flag: string[];
  allow: string[];
  /** Run from this subfolder of the workspace. */
  at?: string;
}

const CLASSES: Record<string, Cls> = {
  'glob expansion in arguments': {
    flag: ['cat .en?', 'cat .env*', 'cat .e[n]v', 'head -n 5 ./.en*', 'rm -rf s?c', 'rm -rf {src,lib}', 'cat ~/.s?h/id_*', 'cp .e?v /tmp/x'],
    allow: ['cat *.md', 'ls .en?', 'cat src/*.ts', 'echo .en?', 'grep -n TODO src/*.ts', 'cat README.*', 'cat "*.md"'],
  },
  'glob in the program name': {
    flag: ['/???/r? -rf src', '/bin/r? -rf src', '/b?n/rm -rf src', '/usr/bin/r[m] -rf src', '/bin/c?t .env', '/???/c?t .env'],
    allow: ['/bin/l? src', '/usr/bin/ech? hi', '/bin/c?t README.md', '/bin/r? notes.tmp'],
  },
  '$(<file) and $(cat file)': {
    flag: ['$(<cmd.txt)', '$(cat cmd.txt)', '`cat cmd.txt`', '$(<readcmd.txt)', 'rm -rf $(cat dirs.txt)', 'rm -rf $(<dirs.txt)'],
    allow: ['echo $(cat README.md)', 'ls $(cat dirs.txt)', '$(<ok.txt)', 'wc -l $(<dirs.txt)'],
  },
  'package.json scripts': {
    flag: ['npm run clean', 'pnpm clean', 'pnpm run clean', 'yarn run clean', 'yarn clean', 'bun run clean', 'npm run reset', 'npm run deploy', 'npm run show', 'npm run nuke', 'npm run-script wipe', 'npm --prefix . run clean'],
    allow: ['npm run build', 'npm test', 'yarn lint', 'pnpm run lint', 'npm run', 'npm install lodash', 'bun test'],
  },
  'make targets': {
    flag: ['make clean', 'make distclean', 'make -C . clean', 'make wipe', 'gmake clean', 'make show', 'make nuke', 'make -C other', 'make -j4 clean'],
    allow: ['make', 'make build', 'make test', 'make -n clean', 'make -C other build'],
  },
  'just recipes': {
    flag: ['just clean', 'just reset', 'just wipe', 'just show', 'just -f justfile clean'],
    allow: ['just', 'just build', 'just --list', 'just --show clean'],
  },
  'shell script files': {
    flag: ['bash scripts/cleanup.sh', 'sh scripts/cleanup.sh', 'zsh scripts/cleanup.sh', 'bash -e scripts/cleanup.sh', './scripts/cleanup.sh', 'scripts/cleanup.sh', 'source scripts/cleanup.sh', '. scripts/cleanup.sh', 'bash scripts/reveal.sh', 'bash scripts/indirect.sh', './deploy'],
    allow: ['bash scripts/build.sh', './scripts/build.sh', 'source scripts/env.sh', 'sh scripts/missing.sh', './tools/safe', 'bash -n scripts/build.sh'],
  },
  'interpreter script files': {
    flag: ['python scripts/show.py', 'python3 scripts/show.py', 'node scripts/clean.js', 'perl scripts/clean.pl', 'ruby scripts/clean.rb', 'python3 scripts/run.py', 'npm run wipe', 'python3 scripts/drop.py'],
    allow: ['python scripts/ok.py', 'node scripts/ok.js', 'python -m pytest', 'node --version', 'python3 missing.py'],
  },
};

for (const [name, cls] of Object.entries(CLASSES)) {
  describe(name, () => {
    test('has at least 5 flag and 3 allow examples', () => {
      assert.ok(cls.flag.length >= 5 && cls.allow.length >= 3);
    });
    for (const c of cls.flag) {
      test(`flags ${c}`, () => {
        const v = fx.decide(c);
        assert.notEqual(v.decision, 'allow', `${c} was allowed`);
      });
    }
    for (const c of cls.allow) {
      test(`allows ${c}`, () => {
        const v = fx.decide(c);
        assert.equal(v.decision, 'allow', `${c}: ${v.rules.join(', ')} ${v.reason}`);
      });
    }
  });
}

describe('verdicts name where the effect was found', () => {
  test('npm run nuke → scripts/cleanup.sh', () => {
    const v = fx.decide('npm run nuke');
    assert.ok(v.rules.includes('fs.recursive-delete'), v.rules.join(','));
    assert.match(v.reason, /npm run nuke → scripts\/cleanup\.sh/);
    assert.match(v.target ?? '', /src$/);
  });
  test('a glob is judged as what it matched', () => {
    const v = fx.decide('cat .en?');
    assert.ok(v.rules.includes('secrets.read-protected'), v.rules.join(','));
    assert.match(v.target ?? '', /\.env$/);
  });
  test('make distclean runs its prerequisite clean first', () => {
    assert.match(fx.decide('make distclean').reason, /make clean/);
  });
  test('a script that runs itself is bounded, and asks', () => {
    const v = fx.decide('npm run loop');
    assert.notEqual(v.decision, 'allow');
    assert.ok(v.rules.includes('shell.too-complex'), v.rules.join(','));
  });
});

describe('without file-system facts: judged by what a pattern could match', () => {
  const CTX = { cwd: '/w', home: '/home/u' };
  const FLAG = ['cat .en?', 'cat .e*', 'cat ~/.s?h/id_*', 'cat /home/u/.aws/cred*', '/???/r? -rf src', '/bin/r? -rf src', '/*/* -rf src', 'less .env.l*'];
  const ALLOW = ['cat *.md', 'ls .en?', 'echo *', 'cat src/*.ts', '/bin/l? -la'];
  test('has at least 5 flag and 3 allow examples', () => assert.ok(FLAG.length >= 5 && ALLOW.length >= 3));
  for (const c of FLAG) test(`flags ${c}`, () => assert.notEqual(classify({ kind: 'shell', command: c }, CTX).decision, 'allow'));
  for (const c of ALLOW) test(`allows ${c}`, () => assert.equal(classify({ kind: 'shell', command: c }, CTX).decision, 'allow', c));
});
