// Micro-benchmark of classify() on shell actions, in one process: mean / p50 / p99 / max over 10,000 varied
// commands (the labelled corpus plus wrapped and lengthened variants), and the time to decide 1 MB commands.
// Targets (issue 2): mean <= 50 us, p99 <= 500 us, 1 MB < 100 ms. Usage: node test/bench/classify.bench.mjs [N]
import esbuild from 'esbuild';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);
const N = Number(process.argv[2] ?? 10_000);
const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'airlock-cbench-')), 'engine.cjs');
await esbuild.build({
  stdin: { contents: "export { classify } from './src/core/classify';\nexport { loadShellParser } from './src/host/shell_wasm';\nexport { isTrivial } from './src/core/shell';\n", resolveDir: repo, loader: 'ts' },
  outfile: out, bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'warning',
});
// The loader looks for the wasm next to the bundle, as in dist/.
for (const f of ['web-tree-sitter/web-tree-sitter.wasm', 'tree-sitter-bash/tree-sitter-bash.wasm']) fs.copyFileSync(require.resolve(f), path.join(path.dirname(out), path.basename(f)));
const engine = require(out);
const initStart = performance.now();
await engine.loadShellParser();
const initMs = performance.now() - initStart;

const corpusDir = path.join(repo, 'test/fixtures/corpus');
const base = fs.readdirSync(corpusDir).filter((f) => f.endsWith('.jsonl'))
  .flatMap((f) => fs.readFileSync(path.join(corpusDir, f), 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l)))
  .filter((c) => c.action.kind === 'shell').map((c) => c.action.command);
const everyday = ['ls -la', 'git status', 'npm test', 'npm run build', 'git diff --stat', 'cat package.json', 'node scripts/x.js', 'pnpm install', 'pytest -q tests/', 'go test ./...'];
const variants = [(c) => c, (c) => `sudo ${c}`, (c) => `bash -c ${JSON.stringify(c)}`, (c, i) => `cd dir${i} && ${c}`, (c, i) => `${c} # ${i}`, (c, i) => `timeout 30 ${c} || echo failed ${i}`];
const pool = [...base, ...everyday];
const commands = Array.from({ length: N }, (_, i) => variants[i % variants.length](pool[i % pool.length], i));

for (let i = 0; i < 2000; i++) engine.classify({ kind: 'shell', command: commands[i % commands.length] });
const times = new Float64Array(N);
let flagged = 0;
const cpu0 = process.cpuUsage();
const t0 = performance.now();
for (let i = 0; i < N; i++) {
  const s = performance.now();
  if (engine.classify({ kind: 'shell', command: commands[i], cwd: '/work/app' }).decision !== 'allow') flagged++;
  times[i] = performance.now() - s;
}
const total = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
// On a shared machine wall-clock percentiles include time other processes held the CPU; the best of
// five passes per action shows what the code itself costs.
const best = new Float64Array(N);
for (let i = 0; i < N; i++) {
  let b = Infinity;
  for (let k = 0; k < 5; k++) {
    const s = performance.now();
    engine.classify({ kind: 'shell', command: commands[i], cwd: '/work/app' });
    b = Math.min(b, performance.now() - s);
  }
  best[i] = b;
}
const bestSorted = [...best].sort((a, b) => a - b);
const bestMean = best.reduce((a, b) => a + b, 0) / N;
const sorted = [...times].sort((a, b) => a - b);
const us = (ms) => `${(ms * 1000).toFixed(1)} µs`;
const pct = (p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];

const big = [
  ['1 MB single word (fast path)', `echo ${'a'.repeat(1 << 20)}`],
  ['1 MB quoted word', `echo "${'a'.repeat(1 << 20)}"`],
  ['1 MB dense script', 'ls -la; '.repeat((1 << 20) / 8)],
  ['1 MB path argument', `rm -rf ${'x/'.repeat(1 << 19)}`],
];
const bigRows = big.map(([label, command]) => {
  const s = performance.now();
  const v = engine.classify({ kind: 'shell', command });
  return `| ${label} | ${(performance.now() - s).toFixed(1)} ms | ${v.decision} ${v.rules.join(',')} |`;
});

console.log(`## classify() on shell actions (${N} actions, one process)

Machine: ${os.cpus()[0]?.model ?? 'unknown'} x${os.cpus().length}, Node ${process.version}. Parser init: ${initMs.toFixed(1)} ms.
Fast path (no parser) taken by ${(commands.filter((c) => engine.isTrivial(c)).length / N * 100).toFixed(0)}% of the actions; ${flagged} flagged.

| measure | mean | p50 | p99 | max |
|---|---|---|---|---|
| wall clock, one pass | ${us(total / N)} | ${us(pct(0.5))} | ${us(pct(0.99))} | ${us(sorted[sorted.length - 1])} |
| best of 5 passes per action | ${us(bestMean)} | ${us(bestSorted[Math.floor(N / 2)])} | ${us(bestSorted[Math.floor(N * 0.99)])} | ${us(bestSorted[N - 1])} |

CPU time of the one-pass loop: ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms for ${N} actions (${((cpu.user + cpu.system) / N).toFixed(1)} µs each); wall ${total.toFixed(0)} ms. Load average at start: ${os.loadavg()[0].toFixed(1)}.

| 1 MB command | time | verdict |
|---|---|---|
${bigRows.join('\n')}
`);
