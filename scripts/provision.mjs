// The system packages `npm start`, `npm test` and `.ci/run` need, checked in one place. What is missing
// is installed with apt-get when this user can (root, or sudo without a password); otherwise we stop
// with the one command to run, before any build can fail with a raw node-gyp trace.
//   node scripts/provision.mjs [--for start|test] [--check]
// Needs nothing from node_modules: .ci/run calls it before `npm ci`.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Oldest Node the dev dependencies accept (cheerio and undici, through vsce). Kept equal to package.json engines. */
export const MIN_NODE = [20, 18, 1];

/**
 * Each Debian package, how we know it is there, and why it is needed. `for`: the first entry point
 * that needs it (`test` needs everything `start` does).
 */
export const REQUIREMENTS = [
  { pkg: 'ripgrep', command: 'rg', for: 'start', why: 'the test editor (code-server) searches with rg' },
  { pkg: 'libkrb5-dev', file: ['/usr/include/gssapi/gssapi.h', '/usr/include/gssapi.h'], for: 'start', why: "code-server's kerberos module compiles against gssapi.h" },
  { pkg: 'make', command: 'make', for: 'start', why: "node-gyp builds code-server's native modules" },
  { pkg: 'g++', command: 'g++', for: 'start', why: "node-gyp builds code-server's native modules" },
  { pkg: 'python3', command: 'python3', for: 'start', why: 'node-gyp runs on Python' },
  { pkg: 'unzip', command: 'unzip', for: 'start', why: 'packaging checks list the .vsix contents' },
  { pkg: 'chromium', command: 'chromium', for: 'test', why: 'the UI tests drive the real workbench in Chromium' },
  { pkg: 'bubblewrap', command: 'bwrap', for: 'test', why: 'the sandbox tests run commands in bubblewrap' },
  { pkg: 'git', command: 'git', for: 'test', why: 'the git index reader is tested against indexes real git writes' },
];

/** Looks a command up on PATH the way a shell would (executable regular file). */
export function onPath(command, env = process.env) {
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const file = path.join(dir, command);
    try {
      const st = fs.statSync(file);
      if (st.isFile() && (st.mode & 0o111) !== 0) return file;
    } catch {
      // not in this directory
    }
  }
  return null;
}

function defaultProbe(env) {
  return {
    has: (command) => onPath(command, env) !== null,
    exists: (file) => fs.existsSync(file),
  };
}

/** The Debian packages missing for `purpose` ('start' or 'test'). */
export function missingPackages(purpose = 'test', probe = defaultProbe(process.env)) {
  const wanted = REQUIREMENTS.filter((r) => purpose === 'test' || r.for === 'start');
  return wanted.filter((r) => (r.command ? !probe.has(r.command) : !r.file.some((f) => probe.exists(f))));
}

export function nodeTooOld(version = process.versions.node) {
  const have = version.split('.').map(Number);
  for (let i = 0; i < MIN_NODE.length; i++) {
    if ((have[i] ?? 0) !== MIN_NODE[i]) return (have[i] ?? 0) < MIN_NODE[i];
  }
  return false;
}

/** How this user can install system packages: 'root', 'sudo' (no password needed), or null. */
export function installRoute({ uid = process.getuid?.(), has = (c) => onPath(c) !== null, sudoWorks = () => spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0 } = {}) {
  if (!has('apt-get')) return null;
  if (uid === 0) return 'root';
  return has('sudo') && sudoWorks() ? 'sudo' : null;
}

export class ProvisionError extends Error {}

function aptCommand(pkgs, sudo) {
  return `${sudo ? 'sudo ' : ''}apt-get install -y ${pkgs.join(' ')}`;
}

/**
 * Checks, and installs what is missing when it can. Throws ProvisionError with one line naming the
 * command to run when it cannot. `run(cmd, args)` returns an exit status (injected by tests).
 */
export function provision({
  purpose = 'test',
  checkOnly = false,
  probe = defaultProbe(process.env),
  uid = process.getuid?.(),
  route = () => installRoute({ uid }),
  run = (cmd, args, env) => spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } }).status,
  nodeVersion = process.versions.node,
  log = (m) => console.log(m),
} = {}) {
  if (nodeTooOld(nodeVersion)) {
    throw new ProvisionError(`Node ${MIN_NODE.join('.')} or newer is needed (this is ${nodeVersion}): install it from https://nodejs.org or your package manager, then run this again.`);
  }
  const missing = missingPackages(purpose, probe);
  if (missing.length === 0) {
    log(`system packages: all ${REQUIREMENTS.filter((r) => purpose === 'test' || r.for === 'start').length} present`);
    return { installed: [] };
  }
  const pkgs = missing.map((r) => r.pkg);
  for (const r of missing) log(`missing: ${r.pkg} (${r.why})`);
  const how = checkOnly ? null : route();
  if (!how) {
    const hint = checkOnly ? '' : ' (this user cannot install packages: not root, and sudo asks for a password or is absent)';
    throw new ProvisionError(`Missing system packages${hint}. Run:  ${aptCommand(pkgs, uid !== 0)}`);
  }
  const sudo = how === 'sudo' ? ['sudo', '-n'] : [];
  const started = Date.now();
  // Chromium alone is over 100 MB to download: say so instead of a cheerful "a moment".
  const size = pkgs.includes('chromium') ? 'several minutes (chromium is over 100 MB)' : 'about a minute';
  log(`installing ${pkgs.join(' ')} with apt-get${how === 'sudo' ? ' (sudo)' : ''}: ${size} on a typical connection`);
  const cmd = (args) => (sudo.length ? [sudo[0], [...sudo.slice(1), ...args]] : [args[0], args.slice(1)]);
  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  const [u, uArgs] = cmd(['apt-get', 'update', '-qq']);
  if (run(u, uArgs, env) !== 0) throw new ProvisionError(`apt-get update failed. Run:  ${aptCommand(pkgs, how === 'sudo')}`);
  const [i, iArgs] = cmd(['apt-get', 'install', '-y', '-qq', ...pkgs]);
  if (run(i, iArgs, env) !== 0) throw new ProvisionError(`apt-get install failed. Run:  ${aptCommand(pkgs, how === 'sudo')}`);
  const still = missingPackages(purpose, probe).map((r) => r.pkg);
  if (still.length > 0) throw new ProvisionError(`apt-get finished but ${still.join(', ')} is still missing. Run:  ${aptCommand(still, how === 'sudo')}`);
  log(`installed ${pkgs.join(' ')} in ${Math.round((Date.now() - started) / 1000)} s`);
  return { installed: pkgs };
}

// (import.meta.url is undefined when a test bundles this file as CommonJS.)
if (process.argv[1] && import.meta.url && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const i = args.indexOf('--for');
  const purpose = i >= 0 ? args[i + 1] : 'test';
  if (args.includes('--help')) {
    console.log('Usage: node scripts/provision.mjs [--for start|test] [--check]\nChecks (and with apt-get, installs) the system packages the demo and the test suites need.');
    process.exit(0);
  }
  if (purpose !== 'start' && purpose !== 'test') {
    console.error('provision: --for must be start or test');
    process.exit(2);
  }
  try {
    provision({ purpose, checkOnly: args.includes('--check') });
  } catch (err) {
    console.error(err instanceof ProvisionError ? err.message : `provision failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
}
