// `npm run package`: production build, then `vsce package` into airlock-<version>.vsix.
// Fails on any vsce warning, on a missing bundle in the package, or if the .vsix is 3 MB or more,
// so what we would publish is what the tests ran.
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { render as renderReadmeReference } from './readme-reference.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MAX_BYTES = 3 * 1024 * 1024;
// The package must carry these, or the installed extension cannot run without node_modules.
const REQUIRED_FILES = ['extension/dist/extension.js', 'extension/dist/cli.js', 'extension/package.json'];

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...opts });
  if (r.status !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} failed (exit ${r.status ?? r.signal}):\n${r.stdout}\n${r.stderr}`);
  }
  return `${r.stdout}\n${r.stderr}`;
}

function listVsix(file) {
  // A .vsix is a zip; `unzip -Z1` lists it without extracting.
  const r = spawnSync('unzip', ['-Z1', file], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.split('\n').filter(Boolean) : null;
}

// Everything that can end up in the package (see .vscodeignore), hashed to key the test cache.
function contentKey(base) {
  const hash = crypto.createHash('sha256');
  const walk = (rel) => {
    const abs = path.join(base, rel);
    if (!fs.existsSync(abs)) return;
    if (fs.statSync(abs).isDirectory()) {
      for (const name of fs.readdirSync(abs).sort()) walk(path.join(rel, name));
      return;
    }
    if (rel.endsWith('.map')) return;
    hash.update(`${rel}\0`);
    hash.update(fs.readFileSync(abs));
  };
  for (const rel of ['dist', 'media', 'package.json', 'README.md', 'CHANGELOG.md', 'LICENSE', '.vscodeignore']) walk(rel);
  return hash.digest('hex').slice(0, 16);
}

// What goes into the package, copied into a private folder, with the bundles built there. Others
// build dist/ in the shared tree at any moment; packaging from a snapshot means vsce, the checks
// and the cache key all see the same bytes.
const PACKAGE_INPUTS = ['package.json', 'README.md', 'CHANGELOG.md', 'LICENSE', '.vscodeignore', 'media'];

function stage(production) {
  const base = path.join(ROOT, 'out', 'package');
  fs.mkdirSync(base, { recursive: true });
  const dir = fs.mkdtempSync(path.join(base, 'stage-'));
  try {
    // esbuild.js builds src/ into ./dist relative to its working directory.
    fs.symlinkSync(path.join(ROOT, 'src'), path.join(dir, 'src'));
    run(process.execPath, [path.join(ROOT, 'esbuild.js'), ...(production ? ['--production'] : [])], { cwd: dir });
    fs.unlinkSync(path.join(dir, 'src'));
    for (const rel of PACKAGE_INPUTS) {
      if (fs.existsSync(path.join(ROOT, rel))) fs.cpSync(path.join(ROOT, rel), path.join(dir, rel), { recursive: true });
    }
    // The bundles are built above (production or not, as asked): vsce must not rebuild them through
    // `vscode:prepublish`, which is there for a plain `vsce package` in a checkout.
    const manifestFile = path.join(dir, 'package.json');
    const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
    delete manifest.scripts?.['vscode:prepublish'];
    fs.writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
    // The marketplace page's settings/commands tables always match the manifest being shipped.
    const readme = path.join(dir, 'README.md');
    fs.writeFileSync(readme, renderReadmeReference(fs.readFileSync(readme, 'utf8'), JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'))));
    return dir;
  } catch (err) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}

/**
 * @param {{ out?: string, production?: boolean, cacheDir?: string, log?: (m: string) => void }} [opts]
 *   cacheDir: reuse a .vsix packaged earlier from identical content (the test suites each package;
 *   vsce's secret scan makes packaging the slowest step of a run).
 * @returns {{ file: string, bytes: number, files: string[] | null }}
 */
export function packageVsix(opts = {}) {
  const log = opts.log ?? ((m) => process.stderr.write(`${m}\n`));
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const out = path.resolve(ROOT, opts.out ?? `${pkg.name}-${pkg.version}.vsix`);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const dir = stage(opts.production);
  try {
    return packageFrom(dir, out, opts, log);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function packageFrom(dir, out, opts, log) {
  const cached = opts.cacheDir ? path.join(opts.cacheDir, `${contentKey(dir)}.vsix`) : null;
  if (cached && fs.existsSync(cached)) {
    fs.copyFileSync(cached, out);
    const bytes = fs.statSync(out).size;
    log(`reused ${path.basename(cached)} for identical content (${(bytes / 1024).toFixed(0)} KiB)`);
    return { file: out, bytes, files: listVsix(out) };
  }
  const vsce = path.join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
  const vsceArgs = [vsce, 'package', '--no-dependencies', '--out', out];
  const vsceEnv = { ...process.env, VSCE_TELEMETRY: 'false' };
  // No --allow-package-secrets: the bundles carry no example credentials (esbuild strips rule and
  // detector examples), so anything vsce's secret scan finds is real and fails the package.
  const output = run(process.execPath, vsceArgs, { cwd: dir, env: vsceEnv });
  const warnings = output.split('\n').filter((l) => /\bWARNING\b/i.test(l));
  if (warnings.length > 0) throw new Error(`vsce package warned:\n${warnings.join('\n')}`);
  const bytes = fs.statSync(out).size;
  if (bytes >= MAX_BYTES) throw new Error(`${path.basename(out)} is ${bytes} bytes; the limit is ${MAX_BYTES}`);
  const files = listVsix(out);
  if (files) {
    const missing = REQUIRED_FILES.filter((f) => !files.includes(f));
    if (missing.length > 0) throw new Error(`${path.basename(out)} lacks ${missing.join(', ')}`);
  }
  if (cached) {
    fs.mkdirSync(path.dirname(cached), { recursive: true });
    const tmp = `${cached}.${process.pid}.tmp`;
    fs.copyFileSync(out, tmp);
    fs.renameSync(tmp, cached); // atomic: a parallel run never reads half a file
    const old = fs.readdirSync(opts.cacheDir).filter((f) => f.endsWith('.vsix')).map((f) => path.join(opts.cacheDir, f));
    old.sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs);
    for (const f of old.slice(6)) fs.rmSync(f, { force: true });
  }
  log(`packaged ${path.relative(process.cwd(), out)} (${(bytes / 1024).toFixed(0)} KiB${files ? `, ${files.length} files` : ''})`);
  return { file: out, bytes, files };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const { files } = packageVsix({ production: true, log: (m) => console.log(m) });
    if (process.argv.includes('--list') && files) console.log(files.join('\n'));
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  }
}
