// Integration suite in the real editor: VS Code 1.100 (code-server) with the freshly packaged
// .vsix installed, its mocha suite (test/integration/suite) run inside the real extension host
// through the workbench's test hooks, driven by headless Chromium.
// Prints mocha's report, then "N passed, N failed"; exits non-zero on any failure; always tears down.
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { format } from 'node:util';
import { packageVsix } from '../../scripts/package.mjs';
import {
  CACHE_DIR,
  EXTENSION_ID,
  REPO_ROOT,
  bundleTests,
  runScratch,
  launchBrowser,
  makeWorkspace,
  newPage,
  startEditor,
  teardown,
} from '../harness/index.mjs';

// The workbench also logs its own connection chatter through the same hook.
const NOISE = /^(Resolving connection token|Resolved connection token|Creating a socket|\[Service Worker\]|Updating additional builtin|ChatSessionStore)/;
const isWorkbenchNoise = (args) => Array.isArray(args) && typeof args[0] === 'string' && NOISE.test(args[0]);

const SUITE_TIMEOUT_MS = 5 * 60_000;
const started = Date.now();
const secs = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
const phases = [];
let phaseStart = Date.now();
/** Records how long the step that just ended took, for the one-line timing summary. */
const phase = (name) => {
  phases.push(`${name} ${((Date.now() - phaseStart) / 1000).toFixed(1)} s`);
  phaseStart = Date.now();
};

async function main() {
  const scratch = runScratch('integration');
  const { file: vsix } = packageVsix({ out: path.join(scratch, 'airlock-test.vsix'), cacheDir: path.join(CACHE_DIR, 'vsix'), log: () => {} });
  phase('build+package');
  const bundles = await bundleTests({
    srcDir: 'test/integration/suite',
    include: (f) => f === 'index.ts' || f.endsWith('.itest.ts'),
    outDir: path.relative(REPO_ROOT, path.join(scratch, 'suite')),
    external: ['vscode', 'mocha'],
  });
  const indexJs = bundles.find((f) => path.basename(f) === 'index.js');
  const workspace = makeWorkspace('airlock-itest-ws-', {
    files: {
      'README.md': '# integration workspace\n',
      'src/app.js': 'console.log("hello")\n',
      // A credential in an unrelated file, there before activation (secrets.itest.ts). Made up at run time.
      'config/legacy-deploy.json': `${JSON.stringify({ service: 'legacy-deploy', region: 'us-west-2', railwayToken: randomUUID() }, null, 2)}\n`,
    },
  });
  // The suite writes its counts here from inside the extension host (same machine, same user).
  const results = path.join(scratch, 'results.json');
  const editorLog = [];
  const editor = await startEditor({
    vsix: [vsix],
    prefix: 'airlock-itest-',
    env: { AIRLOCK_ITEST_RESULTS: results, ...(process.env.AIRLOCK_ITEST_GREP ? { AIRLOCK_ITEST_GREP: process.env.AIRLOCK_ITEST_GREP } : {}), ...(process.env.AIRLOCK_ITEST_SCAN_FILES ? { AIRLOCK_ITEST_SCAN_FILES: process.env.AIRLOCK_ITEST_SCAN_FILES } : {}) },
    log: (l) => editorLog.push(l),
  });
  phase('editor start');
  const extDir = editor.installedExtensionDir(EXTENSION_ID);
  if (!extDir) throw new Error(`${EXTENSION_ID} did not install into the test editor`);
  console.log(`editor ready at ${editor.url} (${secs()}: ${phases.join(', ')}); extension under test: the installed .vsix`);

  const browser = await launchBrowser();
  const page = await newPage(browser);
  let exitCode;
  const exited = new Promise((resolve) => {
    exitCode = resolve;
  });
  // The workbench forwards the extension host's test output here (ConsoleLogInAutomationLogger).
  await page.exposeFunction('codeAutomationLog', (type, args) => {
    if (isWorkbenchNoise(args)) return;
    const text = format(...(Array.isArray(args) ? args : [args]));
    if (type === 'error') console.error(text);
    else console.log(text);
  });
  await page.exposeFunction('codeAutomationExit', (code) => exitCode(code));

  const remote = (p) => `vscode-remote://${editor.remoteAuthority}${p}`;
  const payload = [
    ['extensionDevelopmentPath', remote(extDir)],
    ['extensionTestsPath', remote(indexJs)],
    ['skipWelcome', 'true'],
  ];
  await page.goto(editor.folderUrl(workspace, payload));
  const timer = new Promise((resolve) => setTimeout(() => resolve('timeout'), SUITE_TIMEOUT_MS).unref());
  const code = await Promise.race([exited, timer]);

  let counts = null;
  if (fs.existsSync(results)) counts = JSON.parse(fs.readFileSync(results, 'utf8'));
  fs.rmSync(results, { force: true });
  console.log('');
  if (code === 'timeout') console.log(`FAILED: the suite did not finish within ${SUITE_TIMEOUT_MS / 1000} s`);
  if (!counts) {
    console.log('FAILED: the suite wrote no results (it did not load, or the extension host crashed)');
    console.log(editorLog.slice(-30).join('\n'));
  }
  const passed = counts?.passed ?? 0;
  const failed = (counts?.failed ?? 0) + (counts ? 0 : 1) + (code === 'timeout' ? 1 : 0);
  if (counts?.pending) console.log(`FAILED: ${counts.pending} pending test(s); the suite does not skip`);
  if (counts && passed === 0) console.log('FAILED: no integration test ran');
  console.log(`integration suite finished in ${secs()}`);
  console.log(`${passed} passed, ${failed + (counts?.pending ?? 0)} failed`);
  return code === 0 && failed === 0 && passed > 0 && !counts?.pending ? 0 : 1;
}

let status = 1;
try {
  status = await main();
} catch (err) {
  console.log(`FAILED: ${err instanceof Error ? err.message : String(err)}`);
  console.log('0 passed, 1 failed');
} finally {
  await teardown();
}
process.exit(status);
