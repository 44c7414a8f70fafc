// What a publisher runs: plain `vsce package` (no flags) in a copy of the repository must pass vsce's
// own checks (its secret scan included), stay under 3 MB, and ship bundles in which our own scanner
// finds no credential-shaped literal. Rule and detector examples stay test data (esbuild strips them).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { FORMAT_DETECTORS } from '../../../src/core/secrets/detectors';
import { CONTEXT_DETECTORS } from '../../../src/core/secrets/context_detectors';
import { DETECTORS } from '../../../src/core/secrets/scan';

const ROOT = process.cwd();
// Loaded at run time: the plugin needs the TypeScript compiler, which must not be bundled into tests.
const { stripExamples } = createRequire(__filename)(path.join(ROOT, 'scripts', 'lib', 'strip-examples.js')) as { stripExamples: (src: string, file?: string) => string };

test('stripExamples empties every detector example list and keeps the detectors', () => {
  for (const [file, detectors] of [
    ['src/core/secrets/detectors.ts', FORMAT_DETECTORS],
    ['src/core/secrets/context_detectors.ts', CONTEXT_DETECTORS],
  ] as const) {
    const source = fs.readFileSync(path.join(ROOT, file), 'utf8');
    const stripped = stripExamples(source, file);
    const examples = detectors.flatMap((d) => [...d.examples.flag, ...d.examples.allow]).filter((e) => e.length >= 12);
    assert.ok(examples.length >= 5, `${file}: expected examples to check`);
    // A JS string literal of the example is how it would appear in the source; check both spellings.
    for (const e of examples) {
      assert.ok(!stripped.includes(JSON.stringify(e).slice(1, -1)) && !stripped.includes(e), `${file} still holds an example`);
    }
    for (const d of detectors) assert.ok(stripped.includes(d.id) || !source.includes(d.id), `${file} lost detector ${d.id}`);
  }
});

test('stripExamples leaves lists that are not examples alone; getters built when read are emptied too', () => {
  const src = "const policy = { allow: ['npm test'], ask: ['git push'] };\nconst r = { id: 'x', examples: { flag: ['a'], allow: ['b'] } };\nconst d = { id: 'y', get examples() { return { flag: [fake('k')], allow: [] }; } };\n";
  const out = stripExamples(src);
  assert.match(out, /allow: \['npm test'\]/);
  assert.match(out, /examples: \{ flag: \[\], allow: \[\] \}/);
  assert.match(out, /get examples\(\) \{ return \{ flag: \[\], allow: \[\] \}; \}/);
  assert.doesNotMatch(out, /fake\('k'\)/);
});

function stageRepo(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'airlock-vsce-plain-'));
  for (const rel of ['package.json', 'README.md', 'CHANGELOG.md', 'LICENSE', '.vscodeignore', 'esbuild.js', 'media']) {
    fs.cpSync(path.join(ROOT, rel), path.join(dir, rel), { recursive: true });
  }
  // Read-only inputs are linked: the build writes only dist/ in the copy.
  for (const rel of ['src', 'scripts', 'node_modules']) fs.symlinkSync(path.join(ROOT, rel), path.join(dir, rel));
  return dir;
}

test('plain `vsce package` succeeds (its secret scan included), under 3 MB, with no detector example in what it ships', () => {
  const dir = stageRepo();
  try {
    const vsce = path.join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
    const r = spawnSync(process.execPath, [vsce, 'package'], { cwd: dir, encoding: 'utf8', env: { ...process.env, VSCE_TELEMETRY: 'false' }, timeout: 600_000 });
    const output = `${r.stdout}\n${r.stderr}`;
    assert.equal(r.status, 0, `vsce package failed:\n${output.replace(/\x1b\[[0-9;]*m/g, '').slice(-3000)}`);
    assert.deepEqual(output.split('\n').filter((l) => /\bWARNING\b/i.test(l)), []);
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name: string; version: string };
    const vsix = path.join(dir, `${pkg.name}-${pkg.version}.vsix`);
    assert.ok(fs.statSync(vsix).size < 3 * 1024 * 1024, 'the .vsix is 3 MB or more');
    const unpacked = path.join(dir, 'unpacked');
    const unzip = spawnSync('unzip', ['-q', vsix, '-d', unpacked], { encoding: 'utf8' });
    assert.equal(unzip.status, 0, unzip.stderr);
    assert.ok(fs.existsSync(path.join(unpacked, 'extension', 'dist', 'extension.js')));
    // Every detector's examples (generated fakes included, built here as the tests build them) stay out.
    const shipped = fs.readdirSync(path.join(unpacked, 'extension', 'dist')).filter((f) => f.endsWith('.js')).map((f) => fs.readFileSync(path.join(unpacked, 'extension', 'dist', f), 'utf8')).join('\n');
    const examples = DETECTORS.flatMap((d) => d.examples.flag).filter((e) => e.length >= 16);
    assert.ok(examples.length > 50, 'expected the detectors to have examples');
    const leaked = DETECTORS.filter((d) => d.examples.flag.some((e) => e.length >= 16 && (shipped.includes(e) || shipped.includes(JSON.stringify(e).slice(1, -1))))).map((d) => d.id);
    assert.deepEqual(leaked, []);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('npm run package / the test harness (packaging from a staged copy) passes vsce with no allowances', () => {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'airlock-vsce-staged-')), 'a.vsix');
  try {
    // Run as ES module in its own process: the script finds the repository from its own URL.
    const script = `import { packageVsix } from ${JSON.stringify(path.join(ROOT, 'scripts', 'package.mjs'))};
const r = packageVsix({ out: ${JSON.stringify(out)}, production: true, log: () => {} });
console.log(JSON.stringify({ bytes: r.bytes, files: r.files }));`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', env: { ...process.env, VSCE_TELEMETRY: 'false' }, timeout: 600_000 });
    assert.equal(r.status, 0, r.stderr.slice(-3000));
    const { bytes, files } = JSON.parse(r.stdout.trim().split('\n').pop()!) as { bytes: number; files: string[] | null };
    assert.ok(bytes < 3 * 1024 * 1024);
    assert.ok(files?.includes('extension/dist/cli.js'));
  } finally {
    fs.rmSync(path.dirname(out), { recursive: true, force: true });
  }
});
