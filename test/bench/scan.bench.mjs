// Scan benchmark: `airlock scan` vs secretlint (recommended preset) on the same generated trees, side
// by side in one run. Prints a markdown table: wall time, MB/s, recall on the planted fakes, false
// findings. Needs `npm run build` first. Usage:
//   node test/bench/scan.bench.mjs [--sizes 1000,20000,100000] [--secretlint-max 100000] [--keep]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateTree } from './gen_tree.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const sizes = opt('--sizes', '1000,20000,100000').split(',').map(Number);
const secretlintMax = Number(opt('--secretlint-max', '100000'));
const timeoutMs = Number(opt('--timeout', '900')) * 1000;
const cli = path.join(repo, 'dist/cli.js');
const secretlintBin = path.join(repo, 'node_modules/secretlint/bin/secretlint.js');
const secretlintVersion = JSON.parse(fs.readFileSync(path.join(repo, 'node_modules/secretlint/package.json'), 'utf8')).version;
if (!fs.existsSync(cli)) throw new Error('dist/cli.js is missing: run `npm run build` first');

function timed(cmd, argv, cwd) {
  const t = process.hrtime.bigint();
  const r = spawnSync(cmd, argv, { cwd, encoding: 'utf8', maxBuffer: 1 << 30, timeout: timeoutMs });
  return { ...r, ms: Number(process.hrtime.bigint() - t) / 1e6 };
}

function score(found, plants) {
  const want = new Set(plants.map((p) => `${p.file}:${p.line}`));
  const got = new Set(found.map((f) => `${f.file}:${f.line}`));
  const hit = [...want].filter((k) => got.has(k)).length;
  const falses = [...got].filter((k) => !want.has(k)).length;
  return { hit, falses };
}

function runAirlock(root) {
  const r = timed(process.execPath, [cli, 'scan', root, '--format', 'jsonl'], repo);
  if (r.status !== 0 && r.status !== 1) return { error: `exit ${r.status} ${r.error ?? ''} ${(r.stderr ?? '').slice(0, 200)}`, ms: r.ms };
  const found = r.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l));
  return { found, ms: r.ms };
}

function runSecretlint(root) {
  const out = path.join(os.tmpdir(), `airlock-bench-secretlint-${process.pid}.json`);
  const rc = JSON.stringify({ rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] });
  const r = timed(process.execPath, [secretlintBin, '**/*', '--format', 'json', '--output', out, '--secretlintrcJSON', rc], root);
  if (r.error || (r.status !== 0 && r.status !== 1)) return { error: `exit ${r.status} ${r.error?.code ?? ''} ${(r.stderr ?? '').slice(0, 200)}`, ms: r.ms };
  const results = JSON.parse(fs.readFileSync(out, 'utf8'));
  fs.rmSync(out, { force: true });
  const found = results.flatMap((f) =>
    f.messages.map((m) => ({ file: path.relative(root, f.filePath).split(path.sep).join('/'), line: m.loc?.start?.line ?? 0 })),
  );
  return { found, ms: r.ms };
}

const rows = [];
for (const n of sizes) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `airlock-bench-${n}-`));
  try {
    const t0 = Date.now();
    const { plants, bytes } = generateTree(root, n, { seed: n });
    process.stderr.write(`generated ${n} files (${(bytes / 1e6).toFixed(1)} MB, ${plants.length} planted) in ${Date.now() - t0} ms\n`);
    const mb = bytes / 1e6;
    const a = runAirlock(root);
    const aScore = a.found ? score(a.found, plants) : undefined;
    process.stderr.write(`airlock: ${a.error ?? `${a.ms.toFixed(0)} ms`}\n`);
    let s = { skipped: true };
    if (n <= secretlintMax) {
      s = runSecretlint(root);
      process.stderr.write(`secretlint: ${s.error ?? `${s.ms.toFixed(0)} ms`}\n`);
    }
    const sScore = s.found ? score(s.found, plants) : undefined;
    rows.push({ n, mb, planted: plants.length, a, aScore, s, sScore });
  } finally {
    if (!args.includes('--keep')) fs.rmSync(root, { recursive: true, force: true });
  }
}

const fmt = (x, d = 1) => (x === undefined ? '-' : x.toFixed(d));
console.log(`\nScan benchmark (${os.cpus().length} CPUs, ${os.cpus()[0]?.model ?? ''}, node ${process.version})\n`);
console.log('| files | MB | tool | wall s | MB/s | ms/1k files | recall | false findings | speed-up |');
console.log('|---:|---:|---|---:|---:|---:|---:|---:|---:|');
for (const r of rows) {
  const line = (tool, run, sc, speedup) => {
    if (run.skipped) return `| ${r.n} | ${fmt(r.mb)} | ${tool} | skipped | | | | | |`;
    if (run.error) return `| ${r.n} | ${fmt(r.mb)} | ${tool} | failed: ${run.error.replace(/\|/g, '/')} | | | | | |`;
    return `| ${r.n} | ${fmt(r.mb)} | ${tool} | ${fmt(run.ms / 1000, 2)} | ${fmt(r.mb / (run.ms / 1000))} | ${fmt(run.ms / (r.n / 1000), 0)} | ${sc.hit}/${r.planted} | ${sc.falses} | ${speedup} |`;
  };
  const speed = r.a.ms && r.s.ms && !r.s.error && !r.s.skipped ? `${fmt(r.s.ms / r.a.ms)}x` : '';
  console.log(line('airlock scan', r.a, r.aScore, speed));
  console.log(line(`secretlint ${secretlintVersion} (recommended)`, r.s, r.sScore, ''));
}
