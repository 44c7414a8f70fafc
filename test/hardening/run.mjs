// `node test/hardening/run.mjs [filter]`: Airlock under bad input, load, faults, attack and fuzzing.
// Builds dist/ (the hook the agents run), bundles test/hardening/**/*.test.ts and the child-process
// fixtures in test/hardening/fixtures/, runs them with node's test runner, and ends with one
// "N passed, N failed" line (scripts/test-all.mjs reads it). See docs/hardening.md for the matrix.
import esbuild from 'esbuild';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const here = path.join('test', 'hardening');
const filter = process.argv.slice(2);

const build = spawnSync(process.execPath, ['esbuild.js'], { stdio: ['ignore', 'ignore', 'inherit'] });
if (build.status !== 0) {
  console.log('build failed');
  console.log('0 passed, 1 failed');
  process.exit(1);
}

function find(dir, suffix) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return find(p, suffix);
    return e.name.endsWith(suffix) ? [p] : [];
  });
}

const tests = find(here, '.test.ts').filter((f) => filter.length === 0 || filter.some((x) => f.includes(x)));
const fixtures = find(path.join(here, 'fixtures'), '.ts');
if (tests.length === 0) {
  console.log('no hardening tests matched');
  console.log('0 passed, 1 failed');
  process.exit(1);
}
// One directory per run: two runs on one machine never delete each other's bundles.
const outdir = path.resolve('out', `hardening-${process.pid}`);
fs.rmSync(outdir, { recursive: true, force: true });
await esbuild.build({
  entryPoints: [...tests, ...fixtures],
  outdir,
  outbase: here,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'inline',
  external: ['vscode', 'fast-check'],
  mainFields: ['module', 'main'],
  logLevel: 'warning',
});

const files = tests.map((f) => path.join(outdir, path.relative(here, f)).replace(/\.ts$/, '.js'));
// Two files at a time: the machine may have two cores, and the load test wants one to itself.
const child = spawn(process.execPath, ['--enable-source-maps', '--test', '--test-concurrency=2', '--test-reporter=spec', ...files], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
let out = '';
child.stdout.on('data', (d) => {
  out += d;
  process.stdout.write(d);
});
const status = await new Promise((resolve) => child.on('close', (code) => resolve(code ?? 1)));
fs.rmSync(outdir, { recursive: true, force: true });
const pass = Number([...out.matchAll(/^ℹ pass (\d+)$/gm)].pop()?.[1] ?? 0);
const fail = Number([...out.matchAll(/^ℹ fail (\d+)$/gm)].pop()?.[1] ?? (status === 0 ? 0 : 1));
console.log(`${pass} passed, ${status !== 0 && fail === 0 ? 1 : fail} failed`);
process.exit(status === 0 && fail === 0 ? 0 : 1);
