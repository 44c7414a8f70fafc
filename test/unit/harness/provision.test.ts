// scripts/provision.mjs: what `npm start`, `npm test` and .ci/run check before anything builds. The
// machine has every package installed, so the "missing" branches are driven by injected probes, a
// PATH of our own, and a recording runner: nothing is uninstalled or really installed here.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
// @ts-expect-error plain ESM script without type declarations
import { MIN_NODE, REQUIREMENTS, ProvisionError, installRoute, missingPackages, nodeTooOld, onPath, provision } from '../../../scripts/provision.mjs';

interface Req {
  pkg: string;
  command?: string;
  file?: string[];
  for: string;
}

const ALL = REQUIREMENTS as Req[];
const present = { has: () => true, exists: () => true };
/** A probe for a machine that lacks `pkgs` (until `fixed` is set by the fake apt-get). */
function lacking(pkgs: string[], state = { fixed: false }) {
  const missingCommands = new Set(ALL.filter((r) => pkgs.includes(r.pkg) && r.command).map((r) => r.command));
  const missingFiles = new Set(ALL.filter((r) => pkgs.includes(r.pkg) && r.file).flatMap((r) => r.file!));
  return {
    has: (c: string) => state.fixed || !missingCommands.has(c),
    exists: (f: string) => state.fixed || !missingFiles.has(f),
  };
}

function recorder(status = 0, onRun?: () => void) {
  const calls: string[] = [];
  return {
    calls,
    run: (cmd: string, args: string[], env: Record<string, string>) => {
      calls.push([cmd, ...args].join(' '));
      assert.equal(env.DEBIAN_FRONTEND, 'noninteractive');
      onRun?.();
      return status;
    },
  };
}

const quiet = () => {};

test('the list names every package the suites need, each with a reason', () => {
  assert.deepEqual(ALL.map((r) => r.pkg).sort(), ['bubblewrap', 'chromium', 'g++', 'git', 'libkrb5-dev', 'make', 'python3', 'ripgrep', 'unzip']);
  for (const r of REQUIREMENTS as Array<Req & { why: string }>) assert.ok(r.why.length > 10 && (r.command || r.file?.length));
});

test('all present: nothing runs', () => {
  const rec = recorder();
  const r = provision({ probe: present, run: rec.run, route: () => 'root', log: quiet });
  assert.deepEqual(r.installed, []);
  assert.deepEqual(rec.calls, []);
});

test('start needs the build tools and rg but not chromium or bubblewrap; test needs all', () => {
  const probe = lacking(['chromium', 'bubblewrap', 'ripgrep']);
  assert.deepEqual(missingPackages('start', probe).map((r: Req) => r.pkg), ['ripgrep']);
  assert.deepEqual(missingPackages('test', probe).map((r: Req) => r.pkg), ['ripgrep', 'chromium', 'bubblewrap']);
});

test('a PATH without rg: found missing by the real PATH lookup', () => {
  const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'airlock-path-'));
  for (const c of ['make', 'g++', 'python3', 'unzip']) {
    fs.writeFileSync(path.join(bin, c), '#!/bin/sh\n', { mode: 0o755 });
  }
  fs.writeFileSync(path.join(bin, 'rg'), 'not executable', { mode: 0o644 });
  assert.equal(onPath('rg', { PATH: bin }), null);
  assert.equal(onPath('make', { PATH: bin }), path.join(bin, 'make'));
  const probe = { has: (c: string) => onPath(c, { PATH: bin }) !== null, exists: () => true };
  assert.deepEqual(missingPackages('start', probe).map((r: Req) => r.pkg), ['ripgrep']);
});

test('missing, as root: apt-get update then install exactly what is missing, then re-checked', () => {
  const state = { fixed: false };
  const rec = recorder(0, () => (state.fixed = true));
  const r = provision({ purpose: 'start', probe: lacking(['ripgrep', 'libkrb5-dev'], state), run: rec.run, route: () => 'root', log: quiet });
  assert.deepEqual(r.installed, ['ripgrep', 'libkrb5-dev']);
  assert.deepEqual(rec.calls, ['apt-get update -qq', 'apt-get install -y -qq ripgrep libkrb5-dev']);
});

test('missing, with password-less sudo: the same through sudo -n', () => {
  const state = { fixed: false };
  const rec = recorder(0, () => (state.fixed = true));
  provision({ purpose: 'test', probe: lacking(['chromium'], state), run: rec.run, route: () => 'sudo', log: quiet });
  assert.deepEqual(rec.calls, ['sudo -n apt-get update -qq', 'sudo -n apt-get install -y -qq chromium']);
});

test('missing and no way to install: one line with the one command, nothing run', () => {
  const rec = recorder();
  assert.throws(
    () => provision({ purpose: 'test', uid: 1000, probe: lacking(['ripgrep', 'bubblewrap']), run: rec.run, route: () => null, log: quiet }),
    (err: Error) => {
      assert.ok(err instanceof ProvisionError);
      assert.equal(err.message.split('\n').length, 1);
      assert.match(err.message, /Run: {2}sudo apt-get install -y ripgrep bubblewrap$/);
      return true;
    },
  );
  assert.deepEqual(rec.calls, []);
});

test('--check never installs, even as root', () => {
  const rec = recorder();
  assert.throws(() => provision({ checkOnly: true, uid: 0, probe: lacking(['unzip']), run: rec.run, route: () => 'root', log: quiet }), /Run: {2}apt-get install -y unzip$/);
  assert.deepEqual(rec.calls, []);
});

test('apt-get failing, or succeeding without the package appearing: one line with the command', () => {
  assert.throws(() => provision({ probe: lacking(['make']), run: recorder(100).run, route: () => 'root', log: quiet }), /apt-get update failed\. Run: {2}apt-get install -y make$/);
  assert.throws(() => provision({ probe: lacking(['make']), run: recorder(0).run, route: () => 'root', log: quiet }), /still missing\. Run: {2}apt-get install -y make$/);
});

test('install route: root, password-less sudo, or none; no apt-get is none', () => {
  const has = (c: string) => c === 'apt-get' || c === 'sudo';
  assert.equal(installRoute({ uid: 0, has, sudoWorks: () => false }), 'root');
  assert.equal(installRoute({ uid: 1000, has, sudoWorks: () => true }), 'sudo');
  assert.equal(installRoute({ uid: 1000, has, sudoWorks: () => false }), null);
  assert.equal(installRoute({ uid: 0, has: () => false, sudoWorks: () => true }), null);
});

test('Node older than the dev dependencies accept: stops with one line, before any package check', () => {
  assert.equal(nodeTooOld('20.11.0'), true);
  assert.equal(nodeTooOld('18.20.0'), true);
  assert.equal(nodeTooOld(MIN_NODE.join('.')), false);
  assert.equal(nodeTooOld('22.0.0'), false);
  const rec = recorder();
  assert.throws(() => provision({ nodeVersion: '20.11.0', probe: lacking(['make']), run: rec.run, route: () => 'root', log: quiet }), /Node 20\.18\.1 or newer/);
  assert.deepEqual(rec.calls, []);
});

test('MIN_NODE matches package.json engines', () => {
  const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8')) as { engines: { node: string } };
  assert.equal(pkg.engines.node, `>=${MIN_NODE.join('.')}`);
});
