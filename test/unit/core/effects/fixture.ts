// A fixture workspace in a temp folder for the effects tests: a secret .env, a real src/ directory, a package.json
// whose `clean` script recursively deletes src, a Makefile, a justfile, shell and interpreter scripts. Every file is
// written from the strings below (never by a shell), and classify() reads it through the real host facts.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { AgentAction, Verdict } from '../../../../src/core/action';
import { classify, classifyDetailed } from '../../../../src/core/classify';
import { createHostFacts } from '../../../../src/host/facts';
import { DEFAULT_GLOB_BOUNDS, globFacts } from '../../../../src/host/glob';

// Not a real credential: a placeholder-shaped value, so nothing token-shaped ships in the tests.
const ENV_TEXT = 'DATABASE_URL=postgres://app@localhost/dev\nFEATURE_FLAG=on\n';

export const FILES: Readonly<Record<string, string>> = {
  '.env': ENV_TEXT,
  '.env.example': 'DATABASE_URL=\n',
  'README.md': '# fixture\n',
  'src/index.ts': 'export const x = 1;\n',
  'src/util.ts': 'export const y = 2;\n',
  'lib/keep.ts': 'export {};\n',
  'docs/guide.md': '# guide\n',
  'cmd.txt': 'rm -rf src\n',
  'readcmd.txt': 'cat .env\n',
  'dirs.txt': 'src\n',
  'ok.txt': 'echo hello\n',
  // a pnpm workspace root: `pnpm -w X` runs this package.json's script from any folder below
  'pnpm-workspace.yaml': 'packages: []\n',
  'package.json': JSON.stringify(
    {
      name: 'fixture',
      private: true,
      scripts: {
        build: 'tsc -p .',
        test: 'node --test',
        lint: 'eslint .',
        clean: 'rm -rf src',
        reset: 'npm run clean',
        nuke: 'bash scripts/cleanup.sh',
        show: 'cat .env',
        predeploy: 'rm -rf src',
        deploy: 'echo deploying',
        wipe: 'node scripts/clean.js',
        loop: 'npm run loop',
        'loop-clean': 'npm run loop-clean && rm -rf src',
      },
    },
    null,
    2,
  ),
  Makefile: [
    '.PHONY: all build clean distclean test wipe show',
    'RM_TREE = rm -rf',
    '',
    'all: build',
    '',
    'build: ## compile',
    '\ttsc -p .',
    '',
    'clean:',
    '\t$(RM_TREE) src',
    '',
    'distclean: clean',
    '\t@echo cleaned',
    '',
    'test:',
    '\tnode --test',
    '',
    'wipe:',
    '\t-$(RM) -r lib',
    '',
    'show:',
    '\t@cat .env',
    '',
    'nuke:',
    '\t$(MAKE) clean',
    '',
    'sneaky:',
    '\t+rm -rf src',
    '',
  ].join('\n'),
  'other/Makefile': 'reset:\n\trm -rf ../src\n\nbuild:\n\techo build\n',
  justfile: ['default: build', '', 'build:', '  tsc -p .', '', 'clean:', '  rm -rf src', '', 'reset: clean', '  echo reset', '', 'show:', '  cat .env', '', 'wipe:', '  @rm -rf lib', ''].join('\n'),
  'scripts/cleanup.sh': '#!/bin/bash\nset -euo pipefail\necho "cleaning up"\nrm -rf src\n',
  // a Django app with two migrations
  'billing/migrations/__init__.py': '',
  'billing/migrations/0001_initial.py': 'from django.db import migrations\n',
  'billing/migrations/0002_invoice.py': 'from django.db import migrations\n',
  // EF Core migrations of a .NET project: updating the database to Initial reverts AddPayments
  'src/Billing.Api/Migrations/20240101000000_Initial.cs': 'public partial class Initial {}\n',
  'src/Billing.Api/Migrations/20240601000000_AddPayments.cs': 'public partial class AddPayments {}\n',
  'scripts/build.sh': '#!/bin/sh\necho building\ntsc -p .\n',
  'scripts/env.sh': 'export NODE_ENV=development\nexport PORT=3000\n',
  'scripts/reveal.sh': 'cat .env\n',
  'scripts/indirect.sh': 'bash scripts/cleanup.sh\n',
  // Rails' encrypted credentials (ciphertext: made-up base64 pieces) and the key that opens them; a file named like
  // one that is not ciphertext
  'config/credentials.yml.enc': 'Qm9ndXNDaXBoZXJ0ZXh0Rm9yQWlybG9ja1Rlc3RzT25seQ==--UmFuZG9tSVZWYWx1ZTEy--QXV0aFRhZ0J5dGVzMTIzNA==\n',
  'config/master.key': '0f3b6c1d9e2a4b5c8d7e6f1a2b3c4d5e\n',
  'config/credentials/production.yml.enc': 'secret_key_base: 9d8c7b6a5f4e3d2c1b0a\n',
  // a thin wrapper: what it runs is its arguments
  'scripts/with-env.sh': '#!/usr/bin/env bash\nset -euo pipefail\nexport APP_ENV=dev\nexec "$@"\n',
  'scripts/rm-path.sh': '#!/bin/sh\nrm -rf "$1"\n',
  'scripts/show.py': "print(open('.env').read())\n",
  'scripts/ok.py': "import os\nprint('hello', os.getcwd())\n",
  'scripts/clean.js': "const fs = require('fs');\nfs.rmSync('src', { recursive: true, force: true });\n",
  'scripts/ok.js': "console.log('hello');\n",
  'scripts/clean.pl': "use File::Path qw(remove_tree);\nremove_tree('src');\n",
  'scripts/clean.rb': "require 'fileutils'\nFileUtils.rm_rf('src')\n",
  'scripts/drop.py': "import requests\nrequests.delete('https://api.example.com/v1/volumes/42')\n",
  'scripts/run.py': "import subprocess\nsubprocess.run(['rm', '-rf', 'src'], check=True)\n",
  deploy: '#!/usr/bin/env python3\nimport shutil\nshutil.rmtree("src")\n',
  'tools/safe': '#!/usr/bin/env bash\necho safe\n',
  'scripts/wipe.tcl': 'puts cleaning\nfile delete -force src\n',
  'scripts/ok.tcl': 'puts [clock seconds]\n',
  'scripts/hook.sh': '#!/bin/sh\nrm -rf src\n',
  'db/escape.sql': 'select 1;\n\\! rm -rf src\n',
  'db/ok.sql': 'select 1;\n',
  'Taskfile.yml': [
    "version: '3'",
    'tasks:',
    '  default:',
    '    deps: [build]',
    '  sweep:',
    '    cmds: [echo sweeping, ./scripts/cleanup.sh]',
    '  lint:',
    '    cmds: [eslint ., echo ok]',
    '  build:',
    '    cmds:',
    '      - tsc -p .',
    '  clean:',
    '    desc: remove sources',
    '    cmds:',
    '      - echo cleaning',
    '      - cmd: rm -rf src',
    '  reset:',
    '    deps:',
    '      - clean',
    '    cmd: echo reset',
    '  show:',
    '    cmds:',
    '      - |',
    '        echo config',
    '        cat .env',
    '  nuke:',
    '    cmds:',
    '      - task: clean',
    '  db:wipe:',
    '    cmds:',
    '      - rm -rf src',
    "  'docs:build':",
    '    cmds:',
    '      - echo docs',
    '',
  ].join('\n'),
};

export interface Fixture {
  root: string;
  cwd: string;
  home: string;
  decide(command: string, cwd?: string): Verdict;
  detailed(command: string): ReturnType<typeof classifyDetailed>;
  cleanup(): void;
}

export function makeFixture(): Fixture {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'airlock-effects-')));
  const cwd = path.join(root, 'ws');
  const home = path.join(root, 'home');
  for (const [rel, text] of Object.entries(FILES)) {
    const p = path.join(cwd, rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, text);
  }
  for (const exe of ['scripts/cleanup.sh', 'scripts/build.sh', 'deploy', 'tools/safe']) fs.chmodSync(path.join(cwd, exe), 0o755);
  fs.mkdirSync(path.join(home, '.ssh'), { recursive: true });
  fs.writeFileSync(path.join(home, '.ssh', 'id_rsa'), 'not a key\n');
  fs.writeFileSync(path.join(home, '.ssh', 'known_hosts'), '\n');
  // a PostgreSQL password file (made-up password): host:port:db:user:password
  fs.writeFileSync(path.join(home, '.pgpass'), 'db.internal:5432:app:app_user:Kx9mP2vL7qR4tZ8w\n', { mode: 0o600 });
  // a made-up private key (random base64 body): its body lines are the key
  fs.mkdirSync(path.join(home, 'certs'), { recursive: true });
  fs.writeFileSync(path.join(home, 'certs', 'server.key'), ['-----BEGIN PRIVATE KEY-----', 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7Vx3Qm1tY2ZpR', 'q8Zr2kLm9XwTb4Vn7Pc1Hs6Jd3Fg5Ay0Ue2Ri8KoWm3Qe8Rt1Yu6Io4Pa9Sd2Fg7Hj', '-----END PRIVATE KEY-----', ''].join('\n'));
  // a credentials file with two profiles (made-up keys)
  fs.mkdirSync(path.join(home, '.aws'), { recursive: true });
  fs.writeFileSync(path.join(home, '.aws', 'credentials'), ['[default]', 'aws_access_key_id = AKIA4QWERTYUIOPLKJHG', 'aws_secret_access_key = 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', '', '[prod]', 'aws_access_key_id = AKIA7ZXCVBNMASDFGHJK', 'aws_secret_access_key = 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', ''].join('\n'));
  // An interactive shell's rc file: aliases and a function that `bash -ic NAME` runs
  fs.writeFileSync(path.join(home, '.bashrc'), ['export PATH=$HOME/bin:$PATH', "alias ll='ls -la'", "alias wipe='rm -rf src'", 'nuke() {', '  rm -rf src', '}', 'greet() { echo hi; }', '[ -f ~/.bash_aliases ] && . ~/.bash_aliases', ''].join('\n'));
  // ...which sources more aliases, and a login profile that sources the rc file
  fs.writeFileSync(path.join(home, '.bash_aliases'), ["alias gpf='git push --force origin main'", "alias gs='git status'", ''].join('\n'));
  fs.writeFileSync(path.join(home, '.profile'), '[ -n "$BASH_VERSION" ] && [ -f "$HOME/.bashrc" ] && . "$HOME/.bashrc"\n');
  // The real host facts; only the glob's time bound is widened, so a busy test machine sees whole expansions
  // (a cut expansion is judged by what it could match, which these tests cover separately).
  const facts = createHostFacts({ glob: (p, c, o) => globFacts(p, c, o, { ...DEFAULT_GLOB_BOUNDS, maxMs: 120_000 }) });
  const ctx = { cwd, home, workspaceRoots: [cwd], facts, realPath: (p: string) => facts.realPath(p) };
  const action = (command: string, at = cwd): AgentAction => ({ kind: 'shell', command, cwd: at });
  return {
    root,
    cwd,
    home,
    decide: (command, at) => classify(action(command, at), { ...ctx, cwd: at ?? cwd }),
    detailed: (command) => classifyDetailed(action(command), ctx),
    cleanup: () => fs.rmSync(root, { recursive: true, force: true }),
  };
}
