// Starts the test editor (code-server: VS Code 1.100 server + web workbench) in a sandbox of
// its own: fresh HOME, TMPDIR, XDG dirs, user-data and extensions dirs under one temp folder,
// bound to a free 127.0.0.1 port with no auth. Nothing it writes lands in the machine's own dirs,
// and the temp folder is removed with the process group at teardown.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ensureEditor } from './install-editor.mjs';
import { spawnGroup } from './process-group.mjs';
import { onTeardown } from './teardown.mjs';

/** User settings for a quiet, deterministic workbench. */
export const TEST_USER_SETTINGS = {
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'terminal.integrated.defaultProfile.linux': 'bash',
  'terminal.integrated.shellIntegration.enabled': true,
  // The DOM renderer puts terminal text in the page, where tests can wait for it (WebGL draws pixels).
  'terminal.integrated.gpuAcceleration': 'off',
  'window.dialogStyle': 'custom',
  'git.enabled': false,
  'chat.disableAIFeatures': true,
};

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitHealthy(url, child, ms) {
  const until = Date.now() + ms;
  let exited = null;
  child.once('exit', (code, signal) => (exited = `exited with ${code ?? signal}`));
  for (;;) {
    if (exited) throw new Error(`code-server ${exited} before it became ready`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > until) throw new Error(`code-server did not answer ${url}/healthz within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Makes the sandbox dirs and the environment every process of this editor (and any hook
 * process a test starts "as the agent") runs with.
 */
const OWNER_FILE = 'owner.pid';

/**
 * Removes sandboxes left by runs that were killed outright (SIGKILL leaves no chance to clean up):
 * same prefix, owner process gone. Live runs (other people's included) are never touched.
 */
function sweepDeadSandboxes(prefix) {
  for (const name of fs.readdirSync(os.tmpdir())) {
    if (!name.startsWith(prefix)) continue;
    const dir = path.join(os.tmpdir(), name);
    let owner;
    try {
      owner = Number(fs.readFileSync(path.join(dir, OWNER_FILE), 'utf8'));
    } catch {
      continue; // not ours to judge
    }
    let alive = true;
    try {
      process.kill(owner, 0);
    } catch (err) {
      alive = err.code === 'EPERM';
    }
    if (!alive) fs.rmSync(dir, { recursive: true, force: true });
  }
}

function makeSandbox(prefix) {
  sweepDeadSandboxes(prefix);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.writeFileSync(path.join(root, OWNER_FILE), String(process.pid));
  const dirs = {
    root,
    home: path.join(root, 'home'),
    tmp: path.join(root, 'tmp'),
    config: path.join(root, 'xdg-config'),
    data: path.join(root, 'xdg-data'),
    cache: path.join(root, 'xdg-cache'),
    runtime: path.join(root, 'xdg-runtime'),
    userData: path.join(root, 'user-data'),
    extensions: path.join(root, 'extensions'),
  };
  for (const d of Object.values(dirs)) fs.mkdirSync(d, { recursive: true, mode: 0o700 });
  const env = {
    PATH: process.env.PATH,
    LANG: process.env.LANG || 'C.UTF-8',
    HOME: dirs.home,
    TMPDIR: dirs.tmp,
    XDG_CONFIG_HOME: dirs.config,
    XDG_DATA_HOME: dirs.data,
    XDG_CACHE_HOME: dirs.cache,
    XDG_RUNTIME_DIR: dirs.runtime,
    SHELL: '/bin/bash',
    // code-server would otherwise read/write ~/.config/code-server of whoever runs the tests.
    CODE_SERVER_CONFIG: path.join(dirs.root, 'config.yaml'),
  };
  return { dirs, env };
}

function runCodeServer(bin, args, env) {
  const r = spawnSync(process.execPath, [bin, ...args], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (r.status !== 0) throw new Error(`code-server ${args.join(' ')} failed (exit ${r.status}): ${r.stderr || r.stdout}`);
  return r.stdout;
}

/**
 * @param {object} opts
 * @param {string[]} [opts.vsix] packaged extensions to install before start
 * @param {Record<string, unknown>} [opts.settings] extra user settings
 * @param {Record<string, string> | ((installed: { extensionDir(id: string): string | null }) => Record<string, string>)} [opts.env]
 *   extra environment (reaches the extension host and terminals); as a function it runs after the
 *   .vsix files are installed, so it can point at what was installed
 * @param {string} [opts.prefix] temp dir prefix
 * @param {(line: string) => void} [opts.log] where code-server's own output goes (default: dropped)
 * @param {number} [opts.port] fixed port (default: a free one)
 * @param {boolean} [opts.workspaceTrust] keep workspace trust on, so folders open in Restricted Mode
 */
export async function startEditor(opts = {}) {
  const bin = ensureEditor();
  const { dirs, env } = makeSandbox(opts.prefix ?? 'airlock-editor-');
  const keepSandbox = !!process.env.AIRLOCK_KEEP_TEST_DIRS;
  onTeardown(
    'remove editor sandbox',
    () => {
      if (!keepSandbox) fs.rmSync(dirs.root, { recursive: true, force: true });
    },
    () => {
      if (!keepSandbox) fs.rmSync(dirs.root, { recursive: true, force: true });
    },
  );
  if (opts.env && typeof opts.env !== 'function') Object.assign(env, opts.env);

  const userSettingsDir = path.join(dirs.userData, 'User');
  fs.mkdirSync(userSettingsDir, { recursive: true });
  fs.writeFileSync(
    path.join(userSettingsDir, 'settings.json'),
    JSON.stringify(
      {
        ...TEST_USER_SETTINGS,
        // Restricted Mode specs: trust on, no startup prompt, so the folder opens untrusted.
        ...(opts.workspaceTrust ? { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never' } : {}),
        ...(opts.settings ?? {}),
      },
      null,
      2,
    ),
  );

  const port = opts.port ?? (await freePort());
  const configPath = env.CODE_SERVER_CONFIG;
  fs.writeFileSync(configPath, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const common = ['--config', configPath, '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions];

  for (const vsix of opts.vsix ?? []) {
    runCodeServer(bin, [...common, '--install-extension', vsix, '--force'], env);
  }
  const installedExtensionDir = (id) => {
    const hit = fs.readdirSync(dirs.extensions).find((d) => d.toLowerCase().startsWith(`${id.toLowerCase()}-`));
    return hit ? path.join(dirs.extensions, hit) : null;
  };
  if (typeof opts.env === 'function') Object.assign(env, opts.env({ extensionDir: installedExtensionDir }));

  const args = [
    bin,
    ...common,
    '--disable-telemetry',
    '--disable-update-check',
    ...(opts.workspaceTrust ? [] : ['--disable-workspace-trust']),
    '--disable-getting-started-override',
    '--ignore-last-opened',
  ];
  const { child, stop } = spawnGroup('code-server', process.execPath, args, {
    env,
    cwd: dirs.home,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log = opts.log ?? (() => {});
  for (const stream of [child.stdout, child.stderr]) {
    let buf = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk) => {
      buf += chunk;
      const lines = buf.split('\n');
      buf = lines.pop();
      for (const l of lines) log(l);
    });
  }
  const url = `http://127.0.0.1:${port}`;
  await waitHealthy(url, child, 30_000);

  return {
    url,
    port,
    /** `vscode-remote://host:port`: the authority the workbench uses for server-side paths. */
    remoteAuthority: `127.0.0.1:${port}`,
    dirs,
    /** The editor's environment: give it to any process that must act like it runs on this machine as this user (hooks, CLI). */
    env,
    bin,
    stop,
    /** Workbench URL that opens `folder` (an absolute path on the server). */
    folderUrl(folder, payload) {
      const q = new URLSearchParams({ folder });
      if (payload) q.set('payload', JSON.stringify(payload));
      return `${url}/?${q.toString()}`;
    },
    /** Where an installed extension was unpacked (for extensionDevelopmentPath). */
    installedExtensionDir,
  };
}
