// The same integration suite under @vscode/test-electron, for machines that can download VS Code
// (this one cannot: see test/integration/run.mjs for the code-server harness that `npm test` uses).
// Usage: node test/integration/electron.mjs   [VSCODE_VERSION=1.93.0 to test the oldest supported]
import { runTests } from '@vscode/test-electron';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bundleTests } from '../harness/bundle-tests.mjs';
import { CACHE_DIR } from '../harness/paths.mjs';
import { packageVsix } from '../../scripts/package.mjs';
import { spawnSync } from 'node:child_process';

// Like run.mjs, test what would ship: the packaged .vsix, unpacked, is the extension under test.
const { file: vsix } = packageVsix({ out: path.join(CACHE_DIR, 'vsix', 'airlock-test.vsix') });
const unpacked = fs.mkdtempSync(path.join(os.tmpdir(), 'airlock-vsix-'));
if (spawnSync('unzip', ['-q', vsix, 'extension/*', '-d', unpacked], { stdio: 'inherit' }).status !== 0) process.exit(1);
const bundles = await bundleTests({
  srcDir: 'test/integration/suite',
  include: (f) => f === 'index.ts' || f.endsWith('.itest.ts'),
  outDir: 'out/integration/suite',
  external: ['vscode', 'mocha'],
});
const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'airlock-itest-ws-'));
fs.writeFileSync(path.join(workspace, 'README.md'), '# integration workspace\n');
const results = path.join(os.tmpdir(), `airlock-itest-results-${process.pid}.json`);
process.env.AIRLOCK_ITEST_RESULTS = results;
let code = 1;
try {
  code = await runTests({
    version: process.env.VSCODE_VERSION || 'stable',
    extensionDevelopmentPath: path.join(unpacked, 'extension'),
    extensionTestsPath: bundles.find((f) => path.basename(f) === 'index.js'),
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome'],
    extensionTestsEnv: { AIRLOCK_ITEST_RESULTS: results },
  });
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err));
}
const counts = fs.existsSync(results) ? JSON.parse(fs.readFileSync(results, 'utf8')) : { passed: 0, failed: 1 };
fs.rmSync(results, { force: true });
fs.rmSync(workspace, { recursive: true, force: true });
fs.rmSync(unpacked, { recursive: true, force: true });
console.log(`${counts.passed} passed, ${counts.failed} failed`);
process.exit(code === 0 && counts.failed === 0 ? 0 : 1);
