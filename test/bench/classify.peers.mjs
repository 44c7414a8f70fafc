// Classification side by side, in one process and one run: Airlock's classify() vs cc-safety-net's
// in-process checkCommand() on the same command lines, plus `airlock classify` (the CLI, JSON lines)
// on the same lines, detection on the labelled corpus, and growth with length and nesting.
// Prints a markdown section on stdout. Needs nothing built: it bundles its own entry.
import esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);
const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'airlock-bench-'));
const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'airlock-bench-cwd-')); // cc-safety-net needs a real cwd

await esbuild.build({
  entryPoints: [path.join(repo, 'test/bench/classify_entry.ts')],
  outfile: path.join(outDir, 'classify.cjs'),
  bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'warning',
});
const airlock = require(path.join(outDir, 'classify.cjs'));
await airlock.loadShellParser();
const { checkCommand } = await import('cc-safety-net/api');

// ---- the labelled corpus ----
const corpusDir = path.join(repo, 'test/fixtures/corpus');
const corpus = fs.readdirSync(corpusDir).filter((f) => f.endsWith('.jsonl')).flatMap((f) =>
  fs.readFileSync(path.join(corpusDir, f), 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l)));
const shellCases = corpus.filter((c) => c.action.kind === 'shell');

// Files some corpus actions name (`psql -f reset.sql`, `curl -d @body.json`) go into the real cwd both
// tools run in; Airlock reads them through the injected reader, as the hook does.
const filesDir = path.join(corpusDir, 'files');
if (fs.existsSync(filesDir)) fs.cpSync(filesDir, cwd, { recursive: true });
const readFile = (p) => {
  const full = path.resolve(cwd, p.replace(/^\/work\/app\//, ''));
  return full.startsWith(cwd + path.sep) && fs.existsSync(full) ? fs.readFileSync(full, 'utf8') : undefined;
};
const ctx = { home: '/home/dev', workspaceRoots: [cwd], readFile };

function airlockFlags(action) {
  return airlock.classify({ ...action, cwd }, ctx).decision !== 'allow';
}
function peerFlags(command) {
  return checkCommand({ command, cwd }).kind !== 'allow';
}

function detection(cases, flags) {
  const by = {};
  for (const c of cases) {
    const k = c.category;
    by[k] ??= { n: 0, flagged: 0 };
    by[k].n++;
    if (flags(c)) by[k].flagged++;
  }
  return by;
}
const detAirlock = detection(shellCases, (c) => airlockFlags(c.action));
const detPeer = detection(shellCases, (c) => peerFlags(c.action.command));
const detAirlockAll = detection(corpus, (c) => airlockFlags(c.action));

// ---- throughput and latency on the same 10,000+ lines ----
const N = 12000;
const lines = Array.from({ length: N }, (_, i) => shellCases[i % shellCases.length].action.command);
function measure(fn) {
  for (let i = 0; i < 500; i++) fn(lines[i]); // warm-up
  const t = new Float64Array(N);
  const start = process.hrtime.bigint();
  for (let i = 0; i < N; i++) {
    const s = process.hrtime.bigint();
    fn(lines[i]);
    t[i] = Number(process.hrtime.bigint() - s) / 1000;
  }
  const totalMs = Number(process.hrtime.bigint() - start) / 1e6;
  const sorted = [...t].sort((a, b) => a - b);
  const mean = t.reduce((a, b) => a + b, 0) / N;
  return { mean, p50: sorted[Math.floor(N * 0.5)], p99: sorted[Math.floor(N * 0.99)], max: sorted[N - 1], perSec: N / (totalMs / 1000) };
}
const mAirlock = measure((command) => airlock.classify({ kind: 'shell', command, cwd }, ctx));
const mPeer = measure((command) => checkCommand({ command, cwd }));

// `airlock classify` as a process over the same lines as JSON (includes node start and wasm load).
const jsonl = lines.map((command) => JSON.stringify({ kind: 'shell', command, cwd })).join('\n') + '\n';
const cli = path.join(repo, 'dist/cli.js');
let cliPerSec = NaN;
let cliOut = 0;
if (fs.existsSync(cli)) {
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [cli, 'classify'], { input: jsonl, encoding: 'utf8', maxBuffer: 1 << 28 });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  cliOut = r.stdout.split('\n').filter(Boolean).length;
  if (r.status === 0 && cliOut === N) cliPerSec = N / (ms / 1000);
}

// ---- growth: length and nesting ----
function timeOne(command, reps = 3) {
  let best = Infinity;
  let decision = '';
  for (let i = 0; i < reps; i++) {
    const s = process.hrtime.bigint();
    decision = airlock.classify({ kind: 'shell', command, cwd }).decision;
    best = Math.min(best, Number(process.hrtime.bigint() - s) / 1e6);
  }
  return { ms: best, decision };
}
const growth = [];
for (const kb of [1, 10, 100, 1024]) {
  const word = 'echo ' + 'a'.repeat(kb * 1024);
  let script = '';
  for (let i = 0; script.length < kb * 1024; i++) script += `cp "src/f${i}.txt" out/ && grep -v x "log${i}" | wc -l; `;
  growth.push({ label: `${kb} KB`, word: timeOne(word), script: timeOne(script) });
}
const nesting = [];
for (const depth of [1, 4, 8, 12]) {
  let c = 'rm -rf ~/data';
  for (let i = 0; i < depth; i++) c = `bash -c ${JSON.stringify(c)}`;
  let sub = 'rm -rf ~/data';
  for (let i = 0; i < depth * 8; i++) sub = `echo "$(${sub})"`;
  nesting.push({ depth, substDepth: depth * 8, bashc: timeOne(c), subst: timeOne(sub) });
}

// ---- report ----
const pct = (d, k) => (d[k] ? `${((100 * d[k].flagged) / d[k].n).toFixed(1)}% (${d[k].flagged}/${d[k].n})` : 'n/a');
const f1 = (x) => x.toFixed(1);
const peerVersion = JSON.parse(fs.readFileSync(path.join(repo, 'node_modules/cc-safety-net/package.json'), 'utf8')).version;
const out = [];
out.push('## Classification: Airlock vs cc-safety-net', '');
out.push(`Same ${N.toLocaleString('en')} shell command lines (the labelled corpus's ${shellCases.length} shell commands, cycled), one process, one run. cc-safety-net ${peerVersion} through its in-process \`checkCommand\` API with default settings.`, '');
out.push('| | Airlock `classify()` | cc-safety-net `checkCommand()` | ratio |', '|---|---|---|---|');
out.push(`| throughput (actions/s) | ${Math.round(mAirlock.perSec).toLocaleString('en')} | ${Math.round(mPeer.perSec).toLocaleString('en')} | **${f1(mAirlock.perSec / mPeer.perSec)}x** |`);
out.push(`| mean (µs) | ${f1(mAirlock.mean)} | ${f1(mPeer.mean)} | |`);
out.push(`| p50 (µs) | ${f1(mAirlock.p50)} | ${f1(mPeer.p50)} | |`);
out.push(`| p99 (µs) | ${f1(mAirlock.p99)} | ${f1(mPeer.p99)} | |`);
out.push(`| max (µs) | ${f1(mAirlock.max)} | ${f1(mPeer.max)} | |`);
out.push(`| \`airlock classify\` CLI over the same lines as JSONL (whole process) | ${Number.isNaN(cliPerSec) ? `failed (${cliOut} lines out)` : `${Math.round(cliPerSec).toLocaleString('en')}/s`} | | **${Number.isNaN(cliPerSec) ? 'n/a' : f1(cliPerSec / mPeer.perSec) + 'x'}** vs in-process peer |`);
out.push('');
out.push('Detection on the labelled corpus (shell commands only, since cc-safety-net reads nothing else): share flagged per category. "benign" is the false-alarm rate.', '');
out.push('| category | Airlock | cc-safety-net |', '|---|---|---|');
for (const k of ['destructive', 'secret', 'bypass', 'benign']) out.push(`| ${k} | ${pct(detAirlock, k)} | ${pct(detPeer, k)} |`);
out.push('', `Airlock on every corpus action (file reads/writes, MCP, fetch included): ${['destructive', 'secret', 'bypass', 'benign'].map((k) => `${k} ${pct(detAirlockAll, k)}`).join(', ')}.`, '');
out.push('For reference, not measured here: dcg (Rust) publishes "sub-millisecond" checks with an example trace of 12.9 µs and a pattern budget under 50 µs.', '');
out.push('### Growth with command length (best of 3, one classify() call)', '');
out.push('| length | `echo <one long word>` | dense script (`cp …; grep … | wc -l;` repeated) |', '|---|---|---|');
for (const g of growth) out.push(`| ${g.label} | ${g.word.ms.toFixed(2)} ms (${g.word.decision}) | ${g.script.ms.toFixed(2)} ms (${g.script.decision}) |`);
out.push('', 'Past the analysis budget a command is not guessed at: it is decided `ask` with rule `shell.too-complex`.', '');
out.push('### Growth with nesting depth', '');
out.push('| depth | nested `bash -c` around `rm -rf ~/data` | `echo "$(…)"` nested 8x deeper |', '|---|---|---|');
for (const n of nesting) out.push(`| ${n.depth} | ${n.bashc.ms.toFixed(2)} ms (${n.bashc.decision}) | ${n.subst.ms.toFixed(2)} ms (${n.subst.decision}) |`);
process.stdout.write(out.join('\n') + '\n');
fs.rmSync(outDir, { recursive: true, force: true });
fs.rmSync(cwd, { recursive: true, force: true });
