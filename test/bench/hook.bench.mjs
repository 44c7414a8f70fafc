// The hook as an agent runs it: one whole process per call, benign payload, 200 runs each, interleaved
// with a bare `node -e 0` so machine drift hits both alike. Once with no editor (offline decision from
// the built-in policy) and once with a window's gate answering over its socket.
// Prints a markdown section. Needs `npm run build`.
import esbuild from 'esbuild';
import { fork, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// What the installed shim runs on every agent call: the lean hook bundle (dist/hook.js), which loads
// the classifier (dist/offline.js) only when no editor answers.
const hookJs = path.join(repo, 'dist/hook.js');
if (!fs.existsSync(hookJs)) throw new Error('dist/hook.js is missing: run `npm run build` first');
const RUNS = Number(process.argv[2] ?? 200);

const home = fs.mkdtempSync(path.join(os.tmpdir(), 'airlock-hook-bench-'));
const workspace = path.join(home, 'shop');
fs.mkdirSync(workspace);
const payload = JSON.stringify({
  session_id: 'bench', transcript_path: path.join(home, 't.jsonl'), cwd: workspace, permission_mode: 'default',
  hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command: 'git status' }, tool_use_id: 'toolu_bench',
});
const env = { ...process.env, HOME: home, USERPROFILE: home };

function once(argv, input) {
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, argv, { input, env, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  return { ms, status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function stats(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return { min: s[0], p50: q(0.5), p90: q(0.9), p99: q(0.99), max: s[s.length - 1] };
}

function series(label) {
  const bare = [];
  const hook = [];
  let lastHook;
  for (let i = 0; i < RUNS + 5; i++) {
    const b = once(['-e', '0'], '');
    const h = once([hookJs, '--agent', 'claude'], payload);
    if (h.status !== 0) throw new Error(`${label}: hook exited ${h.status}: ${h.stderr}`);
    lastHook = h;
    if (i >= 5) { bare.push(b.ms); hook.push(h.ms); } // first five are warm-up
  }
  return { label, bare: stats(bare), hook: stats(hook), lastHook };
}

const offline = series('no editor');

// A gate in its own process, as an editor window would run it.
const bundle = path.join(home, 'gate.cjs');
await esbuild.build({ entryPoints: [path.join(repo, 'test/bench/gate_entry.ts')], outfile: bundle, bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'warning' });
// The hook believes a gate only in an editor's extension host (src/gate/trust.ts): run it the way VS Code
// servers start theirs, `<install>/out/bootstrap-fork --type=extensionHost`, with the install's product.json.
const install = path.join(home, 'editor');
fs.mkdirSync(path.join(install, 'out'), { recursive: true });
fs.writeFileSync(path.join(install, 'product.json'), JSON.stringify({ nameShort: 'Bench', applicationName: 'bench' }));
const runner = path.join(install, 'out', 'bootstrap-fork');
fs.writeFileSync(runner, `const [root, ws] = process.argv.slice(2).filter((a) => !a.startsWith('--'));\nrequire(${JSON.stringify(bundle)}).startBenchGate(root, ws).then(() => process.send('ready'));\n`);
const gate = fork(runner, ['--type=extensionHost', path.join(home, '.airlock'), workspace], { env, stdio: 'ignore' });
try {
  await new Promise((resolve, reject) => { gate.once('message', resolve); gate.once('exit', (c) => reject(new Error(`gate exited ${c}`))); });
  const withGate = series('gate answering');
  const f = (x) => x.toFixed(1);
  const rows = [];
  rows.push('## Hook: one process per agent call (benign `git status` via Claude Code PreToolUse)', '');
  rows.push(`${RUNS} runs each, interleaved with a bare \`node -e 0\` (Node ${process.version}). Wall milliseconds.`, '');
  rows.push('| | min | p50 | p90 | p99 | max | p50 ratio to bare node |', '|---|---|---|---|---|---|---|');
  for (const s of [offline, withGate]) {
    rows.push(`| bare \`node -e 0\` (${s.label} series) | ${f(s.bare.min)} | ${f(s.bare.p50)} | ${f(s.bare.p90)} | ${f(s.bare.p99)} | ${f(s.bare.max)} | 1.00 |`);
    rows.push(`| \`airlock hook\`, ${s.label} | ${f(s.hook.min)} | ${f(s.hook.p50)} | ${f(s.hook.p90)} | ${f(s.hook.p99)} | ${f(s.hook.max)} | **${(s.hook.p50 / s.bare.p50).toFixed(2)}** |`);
  }
  rows.push('', `Last answer with the gate: \`${withGate.lastHook.stdout.trim().slice(0, 160)}\``);
  process.stdout.write(rows.join('\n') + '\n');
} finally {
  gate.kill('SIGKILL');
  fs.rmSync(home, { recursive: true, force: true });
}
