// Bundles every test/unit/**/*.test.ts with esbuild and runs them with node's
// built-in test runner, whose closing lines report pass/fail counts.
import esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';


function findTests(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return findTests(p);
    return e.name.endsWith('.test.ts') ? [p] : [];
  });
}

const filter = process.argv.slice(2);
// A directory of its own per run, so two runs on one machine never delete each other's bundles.
const outdir = path.join('out', `test-${process.pid}`);
fs.rmSync(outdir, { recursive: true, force: true });
const entryPoints = findTests('test/unit').filter((f) => filter.length === 0 || filter.some((x) => f.includes(x)));
if (entryPoints.length === 0) {
  console.error('no unit tests matched');
  process.exit(1);
}
await esbuild.build({
  entryPoints,
  outdir,
  outbase: 'test',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'inline',
  external: ['vscode', 'fast-check'],
  // jsonc-parser's UMD entry requires its parts at run time, which a bundle cannot follow (same as esbuild.js).
  mainFields: ['module', 'main'],
  logLevel: 'warning',
});
const files = entryPoints.map((f) => path.join(outdir, path.relative('test', f)).replace(/\.ts$/, '.js'));
// Tests make fixture workspaces and homes under os.tmpdir(); one temp root per run, removed
// afterwards, so nothing is left behind even when a test fails before its own cleanup.
const tmpRoot = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'airlock-unit-')));
const r = spawnSync(process.execPath, ['--enable-source-maps', '--test', '--test-reporter=spec', ...files], {
  stdio: 'inherit',
  env: { ...process.env, TMPDIR: tmpRoot },
});
fs.rmSync(outdir, { recursive: true, force: true });
fs.rmSync(tmpRoot, { recursive: true, force: true });
process.exit(r.status ?? 1);
