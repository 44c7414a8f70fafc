// Task runners that read their tasks from the project (composer, deno, poe, pdm, hatch, cargo-make, nx, lerna,
// turbo, rake, tox, nox, invoke, gradle, pre-commit, lefthook, ansible-playbook, go generate, pip install .,
// npm install in a workspace): each config below holds one task that deletes the sources and one that does not,
// in a real temp project read through the host facts. The deleting task is flagged, the other allowed, and
// listing or dry-run forms run nothing.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { classify, type ClassifyContext } from '../../../../src/core/classify';
import { createHostFacts } from '../../../../src/host/facts';
import { realPathOf } from '../../../../src/host/real_path';
import { loadShellParser } from '../../../../src/host/shell_wasm';

const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'altr-')));
const WIPE = ['rm', '-rf', 'src', 'data'].join(' ');

const FILES: Record<string, string> = {
  'src/app.ts': 'export {};\n',
  'data/app.db': 'x',
  'composer.json': JSON.stringify({ name: 'acme/app', scripts: { test: 'phpunit', tidy: WIPE, 'post-install-cmd': ['@php artisan optimize'], chain: ['@tidy'] } }),
  'deno.json': JSON.stringify({ tasks: { dev: 'deno run --watch src/index.ts', tidy: WIPE, all: { command: 'echo done', dependencies: ['tidy'] } } }),
  'pyproject.toml': [
    '[project]', 'name = "app"', '',
    '[tool.poe.tasks]', 'test = "pytest"', `tidy = "${WIPE}"`, 'both = ["test", "tidy"]', 'wipe.shell = "rm -rf src"', '',
    '[tool.pdm.scripts]', 'test = "pytest"', `tidy = "${WIPE}"`, 'pre_lint = "rm -rf data"', 'lint = "ruff check ."', 'argv = {cmd = ["rm", "-rf", "src"]}', '',
    '[tool.hatch.envs.default.scripts]', 'test = "pytest"', `tidy = "${WIPE}"`, '',
  ].join('\n'),
  'Makefile.toml': ['[tasks.build]', 'command = "cargo"', 'args = ["build"]', '', '[tasks.tidy]', 'command = "rm"', 'args = ["-rf", "src", "data"]', '', '[tasks.ci]', 'dependencies = ["tidy"]', ''].join('\n'),
  'project.json': JSON.stringify({ name: 'app', targets: { build: { executor: 'nx:run-commands', options: { command: 'tsc -p .' } }, tidy: { executor: 'nx:run-commands', options: { commands: [WIPE] } } } }),
  'package.json': JSON.stringify({ name: 'mono', private: true, workspaces: ['packages/*'], scripts: { test: 'node --test' } }),
  'packages/tools/package.json': JSON.stringify({ name: 'tools', scripts: { tidy: 'rm -rf ../../src', build: 'tsc', postinstall: 'rm -rf ../../data' } }),
  'mix.exs': ['defmodule App.MixProject do', '  use Mix.Project', '  def project, do: [app: :app, aliases: aliases()]', '  defp aliases do', '    [', '      setup: ["deps.get", "ecto.setup"],', '      "ecto.setup": ["ecto.create", "ecto.migrate"],', '      "db.fresh": ["ecto.drop", "ecto.create", "ecto.migrate"],', '      test: ["ecto.create --quiet", "test"],', '      purge: ["clean", "deps.clean --all"]', '    ]', '  end', 'end', ''].join('\n'),
  Rakefile: ['require "rake/clean"', 'CLEAN.include("tmp")', 'CLOBBER.include("src")', 'task default: :test', '', 'task :test do', '  sh "npx vitest run"', 'end', '', 'namespace :db do', '  task :wipe do', '    sh "rm -rf data"', '  end', 'end', '', 'task clean_all: ["db:wipe"] do', '  FileUtils.rm_rf("src")', 'end', '', 'task :purge do', '  rm_rf %w(src data)', 'end', ''].join('\n'),
  'tox.ini': ['[tox]', 'envlist = py312', '', '[testenv]', 'commands = pytest', '', '[testenv:clean]', 'skip_install = true', 'commands =', '    python -c "print(1)"', `    ${WIPE}`, ''].join('\n'),
  'noxfile.py': ['import nox', '', '', '@nox.session', 'def tests(session):', '    session.run("pytest")', '', '', '@nox.session(python=False)', 'def clean(session):', '    session.run("rm", "-rf", "src", "data", external=True)', ''].join('\n'),
  // Phoenix's test config names its database literally: MIX_ENV=test resets only that one
  'config/test.exs': ['import Config', '', 'config :app, App.Repo,', '  username: "postgres",', '  database: "app_test#{System.get_env(\"MIX_TEST_PARTITION\")}",', '  pool: Ecto.Adapters.SQL.Sandbox', ''].join('\n'),
  // A Rails app: its Rakefile loads lib/tasks/*.rake, and `bin/rails NAME` runs those tasks too
  'railsapp/Rakefile': ['require_relative "config/application"', 'Rails.application.load_tasks', ''].join('\n'),
  'railsapp/lib/tasks/maint.rake': [
    'namespace :maint do', '  task stats: :environment do', '    puts Order.count', '  end', '',
    '  task cache_clear: :environment do', '    Rails.cache.clear', '  end', '',
    '  task reset_db: :environment do', '    %w[db:drop db:create db:schema:load].each { |t| Rake::Task[t].invoke }', '  end', '',
    '  task purge: :environment do', '    LineItem.delete_all', '  end', '',
    '  task scrub: :environment do', '    Customer.update_all(email: nil)', '  end', '',
    '  task rebuild: :environment do', '    Rake::Task["db:reset"].invoke', '  end',
    'end', '',
  ].join('\n'),
  'railsapp/lib/tasks/jobs.rake': ['namespace :jobs do', '  task reset: :environment do', '    Sidekiq::RetrySet.new.clear', '  end', 'end', ''].join('\n'),
  'tasks.py': ['from invoke import task', '', '', '@task', 'def test(c):', '    c.run("pytest")', '', '', '@task', 'def clean_all(c):', `    c.run("${WIPE}")`, ''].join('\n'),
  'build.gradle': ["plugins { id 'java' }", '', "tasks.register('tidy', Delete) {", "    delete 'src', 'data'", '}', '', "tasks.register('hello') {", "    doLast { println 'hello' }", '}', '', 'task nuke {', '    doLast {', "        exec { commandLine 'rm', '-rf', 'src' }", '    }', '}', '', "tasks.register('resetDb') {", "    dependsOn 'flywayClean'", "    finalizedBy 'flywayMigrate'", '}', '', "tasks.register('fresh') {", "    dependsOn 'nuke'", '}', '', "tasks.register('ci') {", "    dependsOn 'hello'", '}', ''].join('\n'),
  '.pre-commit-config.yaml': ['repos:', '  - repo: local', '    hooks:', '      - id: lint', '        name: lint', '        entry: eslint', '        language: system', '      - id: tidy', '        name: tidy', `        entry: ${WIPE}`, '        language: system', '        pass_filenames: false', ''].join('\n'),
  'lefthook.yml': ['pre-commit:', '  commands:', '    tidy:', `      run: ${WIPE}`, 'pre-push:', '  commands:', '    test:', '      run: npm test {push_files}', ''].join('\n'),
  'playbooks/teardown.yml': ['- hosts: db', '  become: true', '  tasks:', '    - name: remove data', '      ansible.builtin.file:', '        path: /var/lib/postgresql', '        state: absent', ''].join('\n'),
  'playbooks/ping.yml': ['- hosts: all', '  tasks:', '    - name: ping', '      ansible.builtin.ping:', '    - name: uptime', '      ansible.builtin.command: uptime', ''].join('\n'),
  'gen/gen.go': ['package gen', '', '//go:generate rm -rf ../src', 'func X() {}', ''].join('\n'),
  'ok/ok.go': ['package ok', '', '//go:generate stringer -type=Kind', 'type Kind int', ''].join('\n'),
  'pkgs/bad/setup.py': ['import shutil', 'from setuptools import setup', 'shutil.rmtree("../../src")', 'setup(name="bad")', ''].join('\n'),
  // make's default goal is the first target it reads, included files too: the include comes after `build`
  Makefile: ['VERSION := $(shell git describe --tags)', '', 'build:', '\techo build $(VERSION)', '', 'include mk/*.mk', ''].join('\n'),
  'mk/tidy.mk': ['tidy:', `\t${WIPE}`, ''].join('\n'),
  'ci/ci.mk': [`STAMP := $(shell ${WIPE}; date +%s)`, '', 'test:', '\tnpx vitest run', ''].join('\n'),
  'data/flush.redis': 'SELECT 0\nFLUSHALL\n',
  'data/get.redis': 'GET session:1\nTTL session:1\n',
  'data/flush.lua': "return redis.call(\"FLUSHDB\")\n",
  'data/count.lua': "return redis.call('DBSIZE')\n",
  'load/del.js': "import http from 'k6/http';\nexport default function () { http.del('https://api.example.com/v1/projects/1'); }\n",
  'load/get.js': "import http from 'k6/http';\nexport default function () { http.get('https://api.example.com/v1/projects'); }\n",
  'api/del.hurl': 'GET https://api.example.com/v1/projects\nHTTP 200\n\nDELETE https://api.example.com/v1/projects/1\nHTTP 204\n',
  'api/get.hurl': 'GET https://api.example.com/v1/projects\nHTTP 200\n',
  'load/wipe.mjs': "import fs from 'node:fs';\nfs.rmSync('src', { recursive: true, force: true });\n",
  'gulpfile.js': ["const { series } = require('gulp');", "const fs = require('fs');", 'function clean(cb) {', "  fs.rmSync('src', { recursive: true, force: true });", '  cb();', '}', 'function build(cb) {', "  console.log('build');", '  cb();', '}', 'exports.clean = clean;', 'exports.build = build;', 'exports.release = series(clean, build);', ''].join('\n'),
  'pyproj/conftest.py': ['import shutil', 'shutil.rmtree("../src")', ''].join('\n'),
  'jest.config.js': "module.exports = { globalSetup: './jest.setup.js' };\n",
  'jest.setup.js': "module.exports = async () => { require('fs').rmSync('data', { recursive: true, force: true }); };\n",
  'rustproj/build.rs': ['use std::fs;', 'fn main() {', '    fs::remove_dir_all("../src").ok();', '}', ''].join('\n'),
  Procfile: 'web: node server.js\nrelease: rm -rf data\n',
  '.envrc': 'export PORT=3000\nrm -rf data\n',
  'compose.yaml': ['services:', '  janitor:', '    image: alpine', '    command: ["sh", "-c", "rm -rf /work/data /work/src"]', '    volumes:', '      - ./:/work', '  web:', '    image: node:20', '    command: node server.js', '  purge:', '    image: alpine', '    profiles: ["maint"]', '    command: rm -rf /work/data', '    volumes:', '      - ./:/work', ''].join('\n'),
  'scripts/purge.py': ['import shutil', 'shutil.rmtree("src")', ''].join('\n'),
  'scripts/ok.py': ['print("ok")', ''].join('\n'),
  'cmd/purge/main.go': 'package main\n\nimport "os"\n\nfunc main() { os.RemoveAll("src") }\n',
  'cmd/hello/main.go': 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("hi") }\n',
  'tools/Wipe.java': 'import java.nio.file.*;\npublic class Wipe { public static void main(String[] a) throws Exception { try (var p = Files.walk(Path.of("src"))) { p.forEach(x -> x.toFile().delete()); } } }\n',
  'ops/wipe.sh': `#!/bin/sh\nset -e\n${WIPE}\n`,
  'ops/ok.sh': '#!/bin/sh\nuptime\ndf -h\n',
  'pkgs/good/setup.py': ['from setuptools import setup', 'setup(name="good")', ''].join('\n'),
};

before(async () => {
  await loadShellParser();
  for (const [rel, text] of Object.entries(FILES)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  }
  fs.mkdirSync(path.join(root, 'empty'));
});

after(() => fs.rmSync(root, { recursive: true, force: true }));

const ctx = (): ClassifyContext => ({ workspaceRoots: [root], realPath: realPathOf, facts: createHostFacts() });
const decide = (command: string) => classify({ kind: 'shell', command, cwd: root }, ctx());

const FLAGGED = [
  'composer run-script tidy', 'composer tidy', 'composer run chain', 'deno task tidy', 'deno task all',
  'poe tidy', 'poe both', 'poe wipe', 'uv run poe tidy', 'pdm run tidy', 'pdm run lint', 'pdm run argv', 'hatch run tidy', 'hatch run default:tidy',
  'cargo make tidy', 'cargo make ci', 'makers tidy', 'npx nx run app:tidy', 'nx tidy app', 'nx run-many -t tidy',
  'npx lerna run tidy', 'turbo run tidy', 'npm install', 'npm ci',
  'cd railsapp && bin/rails maint:reset_db', 'RAILS_ENV=test bin/rails db:reset', 'MIX_ENV=test DATABASE_URL=ecto://prod/app mix db.fresh', 'cd railsapp && bundle exec rake maint:purge', 'cd railsapp && bin/rails maint:scrub', 'cd railsapp && bin/rails jobs:reset', 'cd railsapp && bin/rails maint:rebuild', 'cd railsapp && bin/rails maint:stats maint:purge',
  'mix db.fresh', 'MIX_ENV=dev mix db.fresh', 'MIX_ENV="test x" mix db.fresh', 'mix do ecto.drop, ecto.create', 'mix do ecto.create + ecto.drop', 'rake clean_all', 'rake db:wipe', 'rake clobber', 'rake purge', 'corepack npm install', 'tox -e clean', 'tox run -e py312,clean', 'nox -s clean', 'python -m nox --session clean', 'invoke clean-all', 'inv clean_all',
  'gradle tidy', './gradlew nuke', './gradlew resetDb', 'gradle fresh', './gradlew build resetDb', 'pre-commit run --all-files', 'pre-commit run tidy', 'lefthook run pre-commit',
  'ansible-playbook -i inventory.ini playbooks/teardown.yml', 'go generate ./...', 'go generate ./gen', 'pip install -e pkgs/bad', 'python3 -m pip install ./pkgs/bad',
  'make tidy', 'make -f ci/ci.mk test', 'make -n -f ci/ci.mk test', 'redis-cli < data/flush.redis', 'redis-cli -h cache -n 2 < data/flush.redis', 'k6 run load/del.js', 'hurl api/del.hurl', 'hurl --test api/get.hurl api/del.hurl', 'rclone sync ./empty s3:app-backups/db', "NODE_OPTIONS='--import ./load/wipe.mjs' npm test", `python3 -c "import os; os.rename('data/flush.redis', 'data/app.db')"`, `node -e "require('fs').copyFileSync('data/get.redis', 'data/app.db')"`, 'redis-cli --eval data/flush.lua',
  'npx gulp clean', 'gulp release', 'cd pyproj && pytest -q', 'cd pyproj && python -m pytest', 'npx jest', 'cd rustproj && cargo build', 'cd rustproj && cargo test', 'honcho start', 'foreman start release', 'direnv allow .',
  'docker compose up janitor', 'docker compose run --rm janitor', 'docker compose up -d', 'docker compose --profile maint up purge', 'docker compose up purge', 'uv run scripts/purge.py', 'ssh prod "$(cat ops/wipe.sh)"', "ssh prod 'bash -s' < ops/wipe.sh", 'cat ops/wipe.sh | ssh prod sh', 'go run ./cmd/purge', 'java tools/Wipe.java',
];

const ALLOWED = [
  'composer run-script test', 'composer install', 'deno task dev', 'poe test', 'pdm run test', 'hatch run test', 'cargo make build', 'npx nx run app:build',
  'cd railsapp && bin/rails maint:stats', 'cd railsapp && bin/rails maint:cache_clear', 'cd railsapp && bin/rails routes', 'cd railsapp && bundle exec rake maint:stats',
  'nx build app', 'npx lerna run build', 'turbo run build', 'npm install --ignore-scripts', 'mix setup', 'MIX_ENV=test mix db.fresh', 'MIX_ENV=test mix do ecto.drop, ecto.create', 'mix test', 'mix purge', 'mix do deps.get, compile', 'rake test', 'rake', 'rake -T', 'rake clean', 'tox', 'tox -e py312', 'nox -s tests',
  'invoke test', 'gradle hello', 'gradle tasks', 'gradle ci', 'pre-commit run lint', 'lefthook run pre-push', 'ansible-playbook playbooks/ping.yml',
  'ansible-playbook --check playbooks/teardown.yml', 'go generate ./ok', 'go generate -n ./...', 'pip install -e pkgs/good', 'pip install requests', 'nox --list', 'composer --no-scripts tidy', 'make build', 'make', 'redis-cli < data/get.redis', 'k6 run load/get.js', 'hurl api/get.hurl', 'rclone sync ./src s3:app-backups/src', 'NODE_OPTIONS=--max-old-space-size=4096 npm test', `python3 -c "import os; os.rename('data/get.redis', 'data/new.redis')"`, 'redis-cli --eval data/count.lua',
  'gulp build', 'cd pyproj && pytest --collect-only', 'pytest -q', 'jest --listTests', 'cd rustproj && cargo fmt', 'cargo build', 'foreman start web', 'direnv status', 'docker compose up web', 'docker compose ps', 'uv run scripts/ok.py', 'ssh prod "$(cat ops/ok.sh)"', "ssh prod 'bash -s' < ops/ok.sh", 'go run ./cmd/hello',
];

test('a task runner is judged by the task its config defines', () => {
  const missed = FLAGGED.filter((c) => decide(c).decision === 'allow');
  assert.deepEqual(missed, []);
});

test('the same runners with a harmless task, a listing or a dry run are allowed', () => {
  const flagged = ALLOWED.map((c) => [c, decide(c)] as const).filter(([, v]) => v.decision !== 'allow').map(([c, v]) => `${c}: ${v.rules.join(',')} ${v.reason}`);
  assert.deepEqual(flagged, []);
});

test('the verdict says which task runs what', () => {
  const v = decide('tox -e clean');
  assert.match(v.reason, /tox/);
});

test('a broken config adds nothing and never throws', () => {
  const broken = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'altr-broken-')));
  try {
    for (const [f, text] of [['pyproject.toml', '[tool.poe.tasks\n= ='], ['composer.json', '{"scripts": '], ['deno.json', '{{'], ['.pre-commit-config.yaml', 'repos: [\n  - : :'], ['Makefile.toml', '[[['], ['tox.ini', '[testenv:clean\ncommands'], ['lefthook.yml', '\t- x: ['], ['build.gradle', 'task tidy(type: Delete) { delete ']]) {
      fs.writeFileSync(path.join(broken, f), text);
    }
    for (const c of ['poe tidy', 'composer tidy', 'deno task tidy', 'pre-commit run', 'cargo make tidy', 'tox -e clean', 'lefthook run pre-commit', 'gradle tidy']) {
      const v = classify({ kind: 'shell', command: c, cwd: broken }, { workspaceRoots: [broken], realPath: realPathOf, facts: createHostFacts() });
      assert.equal(v.decision, 'allow', `${c}: ${v.reason}`);
    }
  } finally {
    fs.rmSync(broken, { recursive: true, force: true });
  }
});
