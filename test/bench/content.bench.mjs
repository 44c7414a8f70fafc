// Cost of judging reads by content, identity and tree (issue 11): classify() with the host's facts on a temp
// workspace. Per action: a reader of one file (1 KB to 255 KB, uncached: a fresh content check each time, as
// in the one-shot hook; and cached, as in the gate), a recursive search of a tree, and benign actions that
// read no file, with and without facts (they must pay nothing new). Target: content checks <= 5 ms p99 per
// action for files under 256 KB. Usage: node test/bench/content.bench.mjs [N]
import esbuild from 'esbuild';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);
const N = Number(process.argv[2] ?? 400);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'airlock-content-bench-'));
const out = path.join(tmp, 'engine.cjs');
await esbuild.build({
  stdin: {
    contents: "export { classify } from './src/core/classify';\nexport { loadShellParser } from './src/host/shell_wasm';\nexport { createHostFacts } from './src/host/facts';\nexport { realPathOf } from './src/host/real_path';\n",
    resolveDir: repo, loader: 'ts',
  },
  outfile: out, bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'warning',
});
for (const f of ['web-tree-sitter/web-tree-sitter.wasm', 'tree-sitter-bash/tree-sitter-bash.wasm']) fs.copyFileSync(require.resolve(f), path.join(tmp, path.basename(f)));
const engine = require(out);
await engine.loadShellParser();

// The workspace: config files of several sizes (JSON-ish lines; the biggest holds a made-up token at the end),
// a .env, and a src tree of 2,000 files for the recursive search.
const ws = path.join(tmp, 'ws');
const token = ['5c0ffee1', '2b7d', '4e1a', '9c3f', 'a8d2e6b4f017'].join('-');
const line = (i) => `  "setting_${i}": "value number ${i} for the service configuration",\n`;
function configOf(bytes, withToken) {
  let s = '{\n';
  for (let i = 0; s.length < bytes - 200; i++) s += line(i);
  return `${s}  "railway": { "token": "${withToken ? token : 'none'}" }\n}\n`;
}
fs.mkdirSync(path.join(ws, 'config'), { recursive: true });
const sizes = [1, 16, 64, 255];
for (const kb of sizes) {
  fs.writeFileSync(path.join(ws, `config/clean-${kb}k.json`), configOf(kb * 1024, false));
  fs.writeFileSync(path.join(ws, `config/secret-${kb}k.json`), configOf(kb * 1024, true));
}
fs.writeFileSync(path.join(ws, '.env'), `RAILWAY_TOKEN=${token}\n`);
fs.writeFileSync(path.join(ws, '.gitignore'), '.env*\n');
fs.mkdirSync(path.join(ws, '.git'));
for (let d = 0; d < 40; d++) {
  fs.mkdirSync(path.join(ws, `src/mod${d}`), { recursive: true });
  for (let f = 0; f < 50; f++) fs.writeFileSync(path.join(ws, `src/mod${d}/file${f}.ts`), `export const v${f} = ${f};\n`);
}

function stats(times) {
  const s = [...times].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  const mean = s.reduce((a, b) => a + b, 0) / s.length;
  return { mean, p50: q(0.5), p99: q(0.99), max: s[s.length - 1] };
}

function measure(action, makeCtx, n = N) {
  for (let i = 0; i < 20; i++) engine.classify(action, makeCtx());
  const times = [];
  let decision;
  for (let i = 0; i < n; i++) {
    const ctx = makeCtx();
    const t = performance.now();
    decision = engine.classify(action, ctx).decision;
    times.push(performance.now() - t);
  }
  return { ...stats(times), decision };
}

const base = { home: tmp, workspaceRoots: [ws], realPath: engine.realPathOf };
const shared = engine.createHostFacts();
const fresh = () => ({ ...base, facts: engine.createHostFacts() });
const cached = () => ({ ...base, facts: shared });
const none = () => ({ home: tmp, workspaceRoots: [ws] });
const sh = (command) => ({ kind: 'shell', command, cwd: ws });
const fmt = (x) => (x < 0.1 ? `${(x * 1000).toFixed(0)} µs` : `${x.toFixed(2)} ms`);

const rows = [];
const row = (what, r) => rows.push(`| ${what} | ${r.decision} | ${fmt(r.mean)} | ${fmt(r.p50)} | ${fmt(r.p99)} | ${fmt(r.max)} |`);
for (const kb of sizes) {
  row(`\`cat config/secret-${kb}k.json\`, uncached (hook)`, measure(sh(`cat config/secret-${kb}k.json`), fresh));
  row(`\`cat config/clean-${kb}k.json\`, uncached (hook)`, measure(sh(`cat config/clean-${kb}k.json`), fresh));
}
row('`cat config/clean-255k.json`, cached (gate)', measure(sh('cat config/clean-255k.json'), cached));
row('Read tool, `config/secret-64k.json`, uncached', measure({ kind: 'read', path: path.join(ws, 'config/secret-64k.json'), cwd: ws }, fresh));
row('`grep -rn RAILWAY .` (finds .env at the root)', measure(sh('grep -rn RAILWAY .'), fresh));
row('`grep -rn useState src` (2,000 files walked)', measure(sh('grep -rn useState src'), fresh, Math.min(N, 200)));
row('`rg -n useState` (2,000 files + 8 configs checked)', measure(sh('rg -n useState'), fresh, Math.min(N, 200)));

const benign = ['git status', 'npm test', 'ls -la', 'npm run build', 'git diff --stat', 'node scripts/x.js'];
const mix = (makeCtx) => {
  const times = [];
  for (let r = 0; r < 20; r++) for (const c of benign) engine.classify(sh(c), makeCtx());
  for (let r = 0; r < N; r++) for (const c of benign) {
    const ctx = makeCtx();
    const t = performance.now();
    engine.classify(sh(c), ctx);
    times.push(performance.now() - t);
  }
  return stats(times);
};
const withFacts = mix(fresh);
const without = mix(none);

console.log([
  '## Content, identity and tree checks (issue 11)',
  '',
  `classify() with the host's facts on a temp workspace, ${N} runs per row (tree rows fewer), one process. Uncached = a new facts object per action, as in the one-shot hook; cached = one per process, as in the gate.`,
  '',
  '| action | decision | mean | p50 | p99 | max |',
  '|---|---|---|---|---|---|',
  ...rows,
  '',
  `Benign actions that read no file (${benign.map((c) => `\`${c}\``).join(', ')}): with facts mean ${fmt(withFacts.mean)}, p99 ${fmt(withFacts.p99)}; without facts mean ${fmt(without.mean)}, p99 ${fmt(without.p99)}.`,
  '',
].join('\n'));
fs.rmSync(tmp, { recursive: true, force: true });
