// The CLI as an npm package (airlock-guard): packed for real, installed from the tarball into a temp
// prefix, and run from there, as `npm install -g` and `npx` users would. The tarball has no
// dependencies, so nothing here reaches a registry.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
// @ts-expect-error plain ESM script without type declarations
import { CLI_PACKAGE, packCli } from '../../../scripts/pack-cli.mjs';

const ROOT = process.cwd();
const version = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const npmEnv = (dir: string) => ({ ...process.env, npm_config_cache: path.join(dir, 'npm-cache'), npm_config_update_notifier: 'false', npm_config_audit: 'false', npm_config_fund: 'false' });

/** A GitHub-token-shaped value, random per run, so no scanner sees a token-shaped literal in this file. */
function fakeToken(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return `ghp_${Array.from(crypto.randomBytes(36), (b) => alphabet[b % alphabet.length]).join('')}`;
}

test('airlock-guard: npm pack, install the tarball into a prefix, run scan/explain/--help from there, and through npx', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'airlock-cli-pkg-'));
  try {
    const tarball: string = packCli({ out: dir, log: () => {} });
    assert.ok(fs.statSync(tarball).size < 3 * 1024 * 1024);
    const prefix = path.join(dir, 'prefix');
    const install = spawnSync('npm', ['install', '-g', '--offline', '--prefix', prefix, tarball], { encoding: 'utf8', env: npmEnv(dir) });
    assert.equal(install.status, 0, install.stderr);
    const bin = (name: string) => path.join(prefix, 'bin', name);
    for (const name of [CLI_PACKAGE, 'airlock']) {
      const r = spawnSync(bin(name), ['--version'], { encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      assert.equal(r.stdout.trim(), version);
    }

    const tree = path.join(dir, 'tree');
    fs.mkdirSync(tree);
    const token = fakeToken();
    fs.writeFileSync(path.join(tree, 'deploy.sh'), `export GITHUB_TOKEN=${token}\n`);
    fs.writeFileSync(path.join(tree, 'README.md'), 'nothing here\n');
    const scan = spawnSync(bin('airlock'), ['scan', tree, '--format', 'sarif'], { encoding: 'utf8' });
    assert.equal(scan.status, 1, scan.stderr);
    assert.ok(!scan.stdout.includes(token), 'the SARIF output holds the full secret');
    const sarif = JSON.parse(scan.stdout) as { runs: Array<{ results: Array<{ locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }> }> };
    assert.deepEqual(sarif.runs[0]!.results.map((r) => r.locations[0]!.physicalLocation.artifactLocation.uri), ['deploy.sh']);

    // The shell parser's wasm ships next to the bundle.
    const explain = spawnSync(bin('airlock'), ['explain', 'sudo bash -c "ls -la"'], { encoding: 'utf8' });
    assert.equal(explain.status, 0, explain.stderr);
    assert.match(explain.stdout, /^decision: ALLOW/m);
    const help = spawnSync(bin('airlock'), ['scan', '--help'], { encoding: 'utf8' });
    assert.equal(help.status, 0);

    const work = path.join(dir, 'work');
    fs.mkdirSync(work);
    const npx = spawnSync('npm', ['exec', '--yes', '--offline', `--package=${tarball}`, '--', CLI_PACKAGE, 'scan', tree, '--format', 'jsonl'], { cwd: work, encoding: 'utf8', env: npmEnv(dir) });
    assert.equal(npx.status, 1, npx.stderr);
    assert.equal(JSON.parse(npx.stdout.trim().split('\n')[0]!).file, 'deploy.sh');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('the pre-commit hook and the CI example run the same package at this version', () => {
  const hooks = fs.readFileSync(path.join(ROOT, '.pre-commit-hooks.yaml'), 'utf8');
  assert.match(hooks, /^- id: airlock-scan$/m);
  assert.match(hooks, new RegExp(`^  entry: npx --yes ${CLI_PACKAGE}@${version.replace(/\./g, '\\.')} scan$`, 'm'));
  const ci = fs.readFileSync(path.join(ROOT, 'docs', 'ci', 'github-actions.yml'), 'utf8');
  assert.ok(ci.includes(`npx --yes ${CLI_PACKAGE}@${version} scan . --format sarif > airlock.sarif`));
  assert.match(ci, /uses: github\/codeql-action\/upload-sarif@v\d+/);
  assert.match(ci, /security-events: write/);
  assert.match(fs.readFileSync(path.join(ROOT, 'docs', 'cli.md'), 'utf8'), new RegExp(`rev: v${version.replace(/\./g, '\\.')}\n`));
});
