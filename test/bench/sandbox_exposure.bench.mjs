// `airlock run` start-up cost against the same command bare (goal: ≤ 50 ms more on Linux), and
// `airlock exposure` on a typical home (goal: ≤ 1 s), side by side in one run. Prints a Markdown section.
// Usage: node test/bench/sandbox_exposure.bench.mjs [runs]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cli = path.join(repo, 'dist', 'cli.js');
const runs = Number(process.argv[2] ?? 20);

function time(cmd, args, opts) {
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    const r = spawnSync(cmd, args, { ...opts, stdio: 'ignore' });
    samples.push(Number(process.hrtime.bigint() - t) / 1e6);
    if (r.status !== 0 && r.status !== 1) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}`);
  }
  samples.sort((a, b) => a - b);
  return { median: samples[Math.floor(samples.length / 2)], p90: samples[Math.floor(samples.length * 0.9)] };
}

function fixture() {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'airlock-bench-home-'));
  const ws = path.join(home, 'projects', 'shop');
  const put = (rel, text) => {
    fs.mkdirSync(path.dirname(path.join(home, rel)), { recursive: true });
    fs.writeFileSync(path.join(home, rel), text);
  };
  put('.aws/credentials', '[default]\naws_access_key_id = AKIAEXAMPLEEXAMPLE00\n[prod]\naws_access_key_id = AKIAEXAMPLEEXAMPLE01\n');
  put('.aws/config', '[default]\nregion = eu-west-1\n');
  put('.kube/config', 'contexts:\n- context:\n    cluster: a\n  name: prod-eu\n- context:\n    cluster: b\n  name: kind\n');
  put('.docker/config.json', '{"auths":{"ghcr.io":{}}}');
  put('.npmrc', '//registry.npmjs.org/:_authToken=x\n');
  put('.gitconfig', '[user]\nname = bench\n');
  put('.ssh/id_ed25519', 'x');
  put('.ssh/known_hosts', 'x');
  for (let i = 0; i < 400; i++) put(`projects/shop/src/mod${i}.ts`, `export const v${i} = ${i};\n`);
  put('projects/shop/.env', 'APP=shop\n');
  put('projects/shop/config/legacy.json', '{"provider":"railway","scope":"account","token":"8c1f0e4b-3d2a-4f7e-9b6c-2e5d7a1c9f30"}\n');
  for (let i = 0; i < 300; i++) put(`.cache/pkg${i}/index.js`, 'x');
  return { home, ws };
}

const { home, ws } = fixture();
const env = { ...process.env, HOME: home };
const lines = ['## Sandbox start-up and exposure', ''];
const bwrap = spawnSync('bwrap', ['--version']);
if (bwrap.status === 0) {
  const bare = time('true', [], { cwd: ws, env });
  const nodeCli = time(process.execPath, [cli, '--version'], { cwd: ws, env });
  const sandboxed = time(process.execPath, [cli, 'run', '--', 'true'], { cwd: ws, env });
  const bwrapOnly = time('bwrap', ['--dev-bind', '/', '/', '--', 'true'], { cwd: ws, env });
  lines.push(
    `${runs} runs each, medians (p90), in a fixture home with a 400-file project:`,
    '',
    '| command | median | p90 |',
    '|---|---|---|',
    `| \`true\` bare | ${bare.median.toFixed(1)} ms | ${bare.p90.toFixed(1)} ms |`,
    `| \`bwrap --dev-bind / / true\` (the sandbox tool alone) | ${bwrapOnly.median.toFixed(1)} ms | ${bwrapOnly.p90.toFixed(1)} ms |`,
    `| \`node dist/cli.js --version\` (the CLI's own start) | ${nodeCli.median.toFixed(1)} ms | ${nodeCli.p90.toFixed(1)} ms |`,
    `| \`airlock run -- true\` | ${sandboxed.median.toFixed(1)} ms | ${sandboxed.p90.toFixed(1)} ms |`,
    '',
    `Sandbox overhead over the bare command: **${(sandboxed.median - bare.median).toFixed(1)} ms** median (goal ≤ 50 ms); of that, ${(nodeCli.median - bare.median).toFixed(1)} ms is starting Node for the CLI and ${(bwrapOnly.median - bare.median).toFixed(1)} ms is bubblewrap itself.`,
    '',
  );
} else {
  lines.push('_bubblewrap is not installed on this machine: the sandbox start-up was not measured._', '');
}
const exposure = time(process.execPath, [cli, 'exposure', ws, '--home', home, '--format', 'json'], { cwd: ws, env });
lines.push(`\`airlock exposure\` on that home and project: **${exposure.median.toFixed(0)} ms** median, ${exposure.p90.toFixed(0)} ms p90 (goal ≤ 1 s).`, '');
fs.rmSync(home, { recursive: true, force: true });
process.stdout.write(lines.join('\n'));
