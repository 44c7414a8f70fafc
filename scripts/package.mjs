// `npm run package`: production build, then `vsce package` into airlock-<version>.vsix.
// Fails on any vsce warning, on a missing bundle in the package, or if the .vsix is 3 MB or more,
// so what we would publish is what the tests ran.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

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

/**
 * @param {{ out?: string, production?: boolean, log?: (m: string) => void }} [opts]
 * @returns {{ file: string, bytes: number, files: string[] | null }}
 */
export function packageVsix(opts = {}) {
  const log = opts.log ?? ((m) => process.stderr.write(`${m}\n`));
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const out = path.resolve(ROOT, opts.out ?? `${pkg.name}-${pkg.version}.vsix`);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  run(process.execPath, ['esbuild.js', ...(opts.production ? ['--production'] : [])]);
  const vsce = path.join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
  const output = run(process.execPath, [vsce, 'package', '--no-dependencies', '--out', out], {
    env: { ...process.env, VSCE_TELEMETRY: 'false' },
  });
  const warnings = output.split('\n').filter((l) => /\bWARNING\b/i.test(l));
  if (warnings.length > 0) throw new Error(`vsce package warned:\n${warnings.join('\n')}`);
  const bytes = fs.statSync(out).size;
  if (bytes >= MAX_BYTES) throw new Error(`${path.basename(out)} is ${bytes} bytes; the limit is ${MAX_BYTES}`);
  const files = listVsix(out);
  if (files) {
    const missing = REQUIRED_FILES.filter((f) => !files.includes(f));
    if (missing.length > 0) throw new Error(`${path.basename(out)} lacks ${missing.join(', ')}`);
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
