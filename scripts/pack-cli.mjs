// `npm run package:cli`: the `airlock` command line as its own npm package (airlock-guard), for CI and
// pre-commit: `npx airlock-guard scan --format sarif`. It is the extension's own dist/ bundles (the CLI,
// the hook, the scan worker and the shell parser's wasm), which need no node_modules, plus a package.json
// and a README. Output: airlock-guard-<version>.tgz (or --out DIR).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// (import.meta.url is undefined when a test bundles this file as CommonJS; tests run from the root.)
const ROOT = import.meta.url ? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..') : process.cwd();
export const CLI_PACKAGE = 'airlock-guard';
// What dist/cli.js loads at run time, all from its own folder.
const RUNTIME_FILES = ['cli.js', 'hook.js', 'offline.js', 'tree-sitter.js', 'scan-worker.js', 'web-tree-sitter.wasm', 'tree-sitter-bash.wasm'];

function run(cmd, args, opts) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (exit ${r.status ?? r.signal}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

export function cliManifest(rootPkg) {
  return {
    name: CLI_PACKAGE,
    version: rootPkg.version,
    description: 'Airlock on the command line: find credentials in a tree (text, JSON lines or SARIF), decide agent actions, verify audit logs.',
    license: rootPkg.license,
    repository: rootPkg.repository,
    homepage: rootPkg.homepage,
    bugs: rootPkg.bugs,
    keywords: ['secrets', 'scanner', 'sarif', 'pre-commit', 'ai', 'agent', 'security'],
    bin: { [CLI_PACKAGE]: 'dist/cli.js', airlock: 'dist/cli.js' },
    files: ['dist/', 'README.md', 'LICENSE'],
    engines: { node: '>=20' },
  };
}

/** Builds and packs; returns the tarball's path. */
export function packCli({ out = ROOT, log = (m) => process.stderr.write(`${m}\n`) } = {}) {
  const rootPkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'airlock-cli-pack-'));
  try {
    const build = path.join(dir, 'build');
    fs.mkdirSync(build);
    fs.symlinkSync(path.join(ROOT, 'src'), path.join(build, 'src'));
    run(process.execPath, [path.join(ROOT, 'esbuild.js'), '--production'], { cwd: build });
    const pkgDir = path.join(dir, 'package');
    fs.mkdirSync(path.join(pkgDir, 'dist'), { recursive: true });
    for (const f of RUNTIME_FILES) fs.copyFileSync(path.join(build, 'dist', f), path.join(pkgDir, 'dist', f));
    fs.chmodSync(path.join(pkgDir, 'dist', 'cli.js'), 0o755);
    fs.copyFileSync(path.join(ROOT, 'LICENSE'), path.join(pkgDir, 'LICENSE'));
    fs.copyFileSync(path.join(ROOT, 'docs', 'cli.md'), path.join(pkgDir, 'README.md'));
    fs.writeFileSync(path.join(pkgDir, 'package.json'), `${JSON.stringify(cliManifest(rootPkg), null, 2)}\n`);
    fs.mkdirSync(out, { recursive: true });
    const packed = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', path.resolve(out)], { cwd: pkgDir, env: { ...process.env, npm_config_update_notifier: 'false' } }));
    const file = path.join(path.resolve(out), packed[0].filename);
    log(`packed ${path.relative(process.cwd(), file) || file} (${(fs.statSync(file).size / 1024).toFixed(0)} KiB, ${packed[0].files.length} files)`);
    return file;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--out');
  try {
    packCli(i >= 0 ? { out: process.argv[i + 1] } : {});
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  }
}
