// Installs the test editor (code-server = VS Code web + server) into .cache/test-editor/,
// once. Re-running is a no-op when the marker for this version exists.
// The workarounds are the ones these machines need (see the real-editor-tests reference):
//   - npm_config_unsafe_perm: code-server's postinstall refuses to run as root without it;
//   - npm_config_yes: node-pty's install runs `npx node-gyp`, which would otherwise prompt;
//   - @vscode/ripgrep downloads `rg` from GitHub in postinstall, which is unreachable here, but it looks
//     in a tmpdir cache first: we put a tarball of the system `rg` there (with TMPDIR pointing at our cache).
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {
  CODE_SERVER_BIN,
  CODE_SERVER_VERSION,
  EDITOR_DIR,
  RIPGREP_PACKAGE_VERSION,
  RIPGREP_TAG,
} from './paths.mjs';

const MARKER = path.join(EDITOR_DIR, `.installed-${CODE_SERVER_VERSION}`);


/**
 * node-gyp builds code-server's native modules (node-pty, kerberos) against Node's headers and downloads them
 * when it is not told where they are, which fails with no network. Machines here ship the headers beside Node
 * (Debian's /usr/include/node); point npm at them unless something already did.
 */
function localNodeHeaders() {
  if (process.env.npm_config_nodedir) return {};
  const configured = spawnSync('npm', ['config', 'get', 'nodedir'], { encoding: 'utf8' }).stdout?.trim();
  if (configured && configured !== 'undefined' && configured !== 'null') return {};
  const prefix = path.resolve(path.dirname(process.execPath), '..');
  return fs.existsSync(path.join(prefix, 'include', 'node', 'common.gypi')) ? { npm_config_nodedir: prefix } : {};
}

function which(cmd) {
  const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

function seedRipgrepCache(tmpdir) {
  const rg = which('rg');
  if (!rg) throw new Error('ripgrep (rg) is not installed; run: apt-get install -y ripgrep');
  const cacheDir = path.join(tmpdir, `vscode-ripgrep-cache-${RIPGREP_PACKAGE_VERSION}`);
  const tarball = path.join(cacheDir, `ripgrep-${RIPGREP_TAG}-x86_64-unknown-linux-musl.tar.gz`);
  if (fs.existsSync(tarball)) return;
  fs.mkdirSync(cacheDir, { recursive: true });
  const stage = fs.mkdtempSync(path.join(tmpdir, 'rg-stage-'));
  fs.copyFileSync(rg, path.join(stage, 'rg'));
  fs.chmodSync(path.join(stage, 'rg'), 0o755);
  execFileSync('tar', ['-czf', tarball, '-C', stage, 'rg']);
  fs.rmSync(stage, { recursive: true, force: true });
}

const LOCK = `${EDITOR_DIR}.lock`;

function pidAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}

/** One installer at a time (two suites or two people on one machine): a lock dir holding the owner's pid. */
function withInstallLock(fn) {
  const until = Date.now() + 10 * 60_000;
  for (;;) {
    try {
      fs.mkdirSync(LOCK);
      fs.writeFileSync(path.join(LOCK, 'pid'), String(process.pid));
      break;
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
      const owner = Number(fs.readFileSync(path.join(LOCK, 'pid'), { encoding: 'utf8', flag: 'a+' }) || 0);
      if (owner && !pidAlive(owner)) {
        fs.rmSync(LOCK, { recursive: true, force: true }); // left by a run that died mid-install
        continue;
      }
      if (Date.now() > until) throw new Error(`another process (pid ${owner}) has been installing the test editor for 10 minutes`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500); // synchronous pause between checks
    }
  }
  try {
    return fn();
  } finally {
    fs.rmSync(LOCK, { recursive: true, force: true });
  }
}

/** Returns the path of code-server's entry script, installing it first if needed. */
export function ensureEditor(opts = {}) {
  if (fs.existsSync(MARKER) && fs.existsSync(CODE_SERVER_BIN)) return CODE_SERVER_BIN;
  fs.mkdirSync(path.dirname(EDITOR_DIR), { recursive: true });
  // Re-checked under the lock: whoever held it may have just finished the install.
  return withInstallLock(() => (fs.existsSync(MARKER) && fs.existsSync(CODE_SERVER_BIN) ? CODE_SERVER_BIN : install(opts)));
}

function install({ log = (m) => process.stderr.write(`${m}\n`) } = {}) {
  if (process.arch !== 'x64' || process.platform !== 'linux') {
    throw new Error(`the test editor install is set up for linux-x64 only (this is ${process.platform}-${process.arch})`);
  }
  const started = Date.now();
  // 223 s measured on a fresh 2-core machine, mostly node-gyp compiling node-pty and kerberos. npm runs
  // silently meanwhile, so say when to expect it back rather than printing nothing for minutes.
  const eta = new Date(Date.now() + 4 * 60_000).toTimeString().slice(0, 5);
  log(`installing code-server@${CODE_SERVER_VERSION} into ${path.relative(process.cwd(), EDITOR_DIR) || EDITOR_DIR}: once, about 4 min on a 2-core machine (expect it done around ${eta}); later runs reuse it`);
  fs.mkdirSync(EDITOR_DIR, { recursive: true });
  const tmpdir = path.join(EDITOR_DIR, 'tmp');
  fs.mkdirSync(tmpdir, { recursive: true });
  seedRipgrepCache(tmpdir);
  // A package.json of its own so npm installs here and not into the repo.
  fs.writeFileSync(
    path.join(EDITOR_DIR, 'package.json'),
    JSON.stringify({ name: 'airlock-test-editor', private: true, description: 'cache: the editor the tests run in' }, null, 2),
  );
  const env = {
    ...process.env,
    ...localNodeHeaders(),
    TMPDIR: tmpdir,
    npm_config_unsafe_perm: 'true',
    npm_config_yes: 'true',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
    npm_config_update_notifier: 'false',
  };
  const r = spawnSync('npm', ['install', '--no-save', '--no-package-lock', `code-server@${CODE_SERVER_VERSION}`], {
    cwd: EDITOR_DIR,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  if (r.status !== 0 || !fs.existsSync(CODE_SERVER_BIN)) {
    const tail = `${r.stdout ?? ''}\n${r.stderr ?? ''}`.trim().split('\n').slice(-40).join('\n');
    throw new Error(`installing code-server failed (exit ${r.status}):\n${tail}`);
  }
  fs.writeFileSync(MARKER, new Date().toISOString());
  log(`code-server installed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return CODE_SERVER_BIN;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    console.log(ensureEditor());
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  }
}
