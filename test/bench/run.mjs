// `npm run bench`: every benchmark side by side with its peer, in one run, written to BENCHMARKS.md
// with the machine, versions and date. Speed goals live here, not in tests.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const quick = process.argv.includes('--quick');
const run = (cmd, args) => {
  process.stderr.write(`bench: ${[cmd, ...args].join(' ')}\n`);
  const r = spawnSync(cmd, args, { cwd: repo, encoding: 'utf8', maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'inherit'] });
  if (r.status !== 0) return `_${args.join(' ')} failed (exit ${r.status})._\n`;
  return r.stdout;
};

const build = spawnSync(process.execPath, ['esbuild.js', '--production'], { cwd: repo, stdio: 'inherit' });
if (build.status !== 0) process.exit(1);

const pkg = JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8'));
const version = (name) => JSON.parse(fs.readFileSync(path.join(repo, 'node_modules', name, 'package.json'), 'utf8')).version;
const sections = [];
sections.push(run(process.execPath, ['test/bench/classify.peers.mjs']));
sections.push(run(process.execPath, ['test/bench/effects.bench.mjs', quick ? '1000' : '5000']));
sections.push(run(process.execPath, ['test/bench/hook.bench.mjs', quick ? '50' : '200']));
sections.push(run(process.execPath, ['test/bench/content.bench.mjs', quick ? '100' : '400']));
if (fs.existsSync(path.join(repo, 'test/bench/scan.bench.mjs'))) {
  sections.push(run(process.execPath, ['test/bench/scan.bench.mjs', '--sizes', quick ? '1000,5000' : '1000,20000,100000']));
}
sections.push(run(process.execPath, ['test/bench/extension.bench.mjs']));
sections.push(run(process.execPath, ['test/bench/sandbox_exposure.bench.mjs', quick ? '5' : '20']));
const sizes = fs.readdirSync(path.join(repo, 'dist')).filter((f) => /\.(js|wasm)$/.test(f)).map((f) => `| \`dist/${f}\` | ${(fs.statSync(path.join(repo, 'dist', f)).size / 1024).toFixed(0)} KB |`);
sections.push(['## Bundle sizes (production build)', '', '| file | size |', '|---|---|', ...sizes, ''].join('\n'));

const cpu = os.cpus()[0]?.model ?? 'unknown cpu';
const header = [
  '# Benchmarks',
  '',
  `Written by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: Airlock ${pkg.version}, Node ${process.version}, ${os.platform()} ${os.release()}, ${cpu}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB.`,
  `Peers: cc-safety-net ${version('cc-safety-net')}, secretlint ${version('secretlint')} with @secretlint/secretlint-rule-preset-recommend ${version('@secretlint/secretlint-rule-preset-recommend')}.`,
  'Medians and ratios are what to quote: these machines are shared and noisy, and each comparison runs both tools in the same run.',
  '',
];
fs.writeFileSync(path.join(repo, 'BENCHMARKS.md'), header.join('\n') + sections.join('\n') + '\n');
process.stderr.write('bench: wrote BENCHMARKS.md\n');
