// `npm start`: the one-command demo. Builds and packages Airlock, starts a local VS Code
// (code-server) with the .vsix installed on a fresh copy of demo/workspace, starts the fake
// provider API on 127.0.0.1, installs the agent hooks when the installer exists, and prints the
// URL. Ctrl-C stops everything it started (the editor's whole process group, the API, temp dirs).
// Options: --port N (default: 8080 if free, else any free port)
import { spawnSync } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { startFakeApi } from '../demo/server/fake-graphql.mjs';
import { packageVsix } from './package.mjs';
import { ProvisionError, provision } from './provision.mjs';
import { CACHE_DIR, EXTENSION_ID, REPO_ROOT, freePort, makeWorkspace, onTeardown, startEditor, teardown } from '../test/harness/index.mjs';

const arg = (name) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};

function portFree(port) {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

/** Connects the demo workspace's agents (writes .cursor/hooks.json etc.) with Airlock's own installer, if it exists yet. */
function installHooks(cli, workspace, env) {
  const help = spawnSync(process.execPath, [cli, '--help'], { encoding: 'utf8', env });
  const verb = ['connect', 'install'].find((v) => new RegExp(`^\\s+${v}\\b`, 'm').test(help.stdout ?? ''));
  if (!verb) return 'no hook installer in this build yet: ./agent asks `airlock hook` directly';
  const r = spawnSync(process.execPath, [cli, verb, '--agent', 'cursor', '--workspace', workspace], { cwd: workspace, encoding: 'utf8', env });
  return r.status === 0 ? `hooks installed with \`airlock ${verb} --agent cursor\`` : `\`airlock ${verb}\` failed: ${(r.stderr || r.stdout).trim().split('\n')[0]}`;
}

async function main() {
  const t0 = Date.now();
  provision({ purpose: 'start' });
  const { file: vsix } = packageVsix({ out: path.join(CACHE_DIR, 'vsix', 'airlock-demo.vsix'), log: (m) => console.log(m) });
  const api = await startFakeApi({
    onDeletion: (d) =>
      console.log(`\x1b[41m\x1b[97m fake API \x1b[0m ${d.mutation}(${d.args}) reached the API: it WOULD HAVE DELETED ${d.wouldDelete}`),
  });
  onTeardown('stop fake API', () => api.stop());
  const workspace = makeWorkspace('airlock-demo-', { copyFrom: path.join(REPO_ROOT, 'demo', 'workspace') });
  const wanted = Number(arg('--port') ?? 8080);
  const port = (await portFree(wanted)) ? wanted : await freePort();
  const installedCli = (installed) => {
    const dir = installed.extensionDir(EXTENSION_ID);
    if (!dir) throw new Error('Airlock did not install into the demo editor');
    return path.join(dir, 'dist', 'cli.js');
  };
  const editor = await startEditor({
    vsix: [vsix],
    port,
    prefix: 'airlock-demo-editor-',
    // Terminals in the demo editor inherit these: the fake agent and fake CLI use them. The CLI is
    // the installed package's, the same program the hooks run.
    env: (installed) => ({
      RAILWAY_API_URL: api.graphqlUrl,
      AIRLOCK_DEMO_CLI: installedCli(installed),
      PATH: `${path.join(workspace, 'bin')}:${process.env.PATH}`,
    }),
  });
  const cli = installedCli({ extensionDir: editor.installedExtensionDir });
  const hooks = installHooks(cli, workspace, editor.env);
  // Before any agent runs: what it could reach from here (the incident's first lesson is the token).
  const exposure = spawnSync(process.execPath, [cli, 'exposure', workspace, '--home', editor.env.HOME], { encoding: 'utf8', env: editor.env });
  if (exposure.stdout) console.log(`\nWhat an agent could reach in the demo workspace (airlock exposure):\n${exposure.stdout.split('\n').slice(1, 8).join('\n')}`);
  console.log(`
Airlock demo is running (ready in ${((Date.now() - t0) / 1000).toFixed(1)} s).

  Open:      ${editor.folderUrl(workspace)}
  Workspace: ${workspace} (a fresh copy of demo/workspace; ${hooks})
  Fake API:  ${api.url} (records what would have been deleted)

In the editor, open a terminal (Ctrl+\`) and run:  ./agent --replay
The agent's volumeDelete curl raises Airlock's confirmation. The sidebar's Exposure section lists the token it finds. Ctrl-C here stops everything.
`);
  await new Promise(() => {}); // until Ctrl-C: teardown runs from the signal handler
}

main().catch(async (err) => {
  console.error(err instanceof ProvisionError ? err.message : `npm start failed: ${err instanceof Error ? err.message : String(err)}`);
  await teardown();
  process.exit(1);
});
