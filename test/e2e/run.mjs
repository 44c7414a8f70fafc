// UI suite: Playwright (playwright-core + Debian Chromium) over the real VS Code 1.100 workbench
// (code-server) with the freshly packaged .vsix installed, on a fresh copy of the demo workspace.
// Specs are test/e2e/specs/*.spec.ts (mocha BDD), bundled with esbuild and run in this process
// against one shared workbench page; see test/e2e/README.md.
// Usage: node test/e2e/run.mjs [substring of spec file names...]
// Prints mocha's report, then "N passed, N failed"; exits non-zero on any failure; always tears down.
import fs from 'node:fs';
import path from 'node:path';
import Mocha from 'mocha';
import { startFakeApi } from '../../demo/server/fake-graphql.mjs';
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
  onTeardown,
  startEditor,
  teardown,
} from '../harness/index.mjs';

const started = Date.now();
const secs = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
const phases = [];
let phaseStart = Date.now();
/** Records how long the step that just ended took, for the one-line timing summary. */
const phase = (name) => {
  phases.push(`${name} ${((Date.now() - phaseStart) / 1000).toFixed(1)} s`);
  phaseStart = Date.now();
};
const filters = process.argv.slice(2);

async function main() {
  const scratch = runScratch('e2e');
  const { file: vsix } = packageVsix({ out: path.join(scratch, 'airlock-test.vsix'), cacheDir: path.join(CACHE_DIR, 'vsix'), log: () => {} });
  phase('build+package');
  const specs = await bundleTests({
    srcDir: 'test/e2e/specs',
    include: (f) => f.endsWith('.spec.ts') && (filters.length === 0 || filters.some((x) => f.includes(x))),
    outDir: path.relative(REPO_ROOT, path.join(scratch, 'specs')),
    external: ['playwright-core'],
  });
  specs.sort();
  if (specs.length === 0) throw new Error(`no UI specs matched ${filters.join(' ')}`);
  const demo = path.join(REPO_ROOT, 'demo', 'workspace');
  const workspace = makeWorkspace('airlock-e2e-ws-', fs.existsSync(demo) ? { copyFrom: demo } : { files: { 'README.md': '# e2e\n' } });
  // The demo's fake provider API, so specs can run the demo's agent exactly as `npm start` users do.
  const fakeApi = await startFakeApi();
  onTeardown('stop fake API', () => fakeApi.stop());
  const editorLog = [];
  const editor = await startEditor({
    vsix: [vsix],
    prefix: 'airlock-e2e-',
    env: (installed) => ({
      RAILWAY_API_URL: fakeApi.graphqlUrl,
      AIRLOCK_DEMO_CLI: path.join(installed.extensionDir(EXTENSION_ID) ?? '/nonexistent', 'dist', 'cli.js'),
    }),
    log: (l) => editorLog.push(l),
  });
  phase('editor start');
  const extensionDir = editor.installedExtensionDir(EXTENSION_ID);
  if (!extensionDir) throw new Error(`${EXTENSION_ID} did not install into the test editor`);
  const browser = await launchBrowser();
  const page = await newPage(browser);
  // Fail a missing element in 15 s rather than Playwright's 30 s: a real workbench answers in well under 2 s.
  page.setDefaultTimeout(15_000);
  await page.goto(editor.folderUrl(workspace));
  await page.locator('.monaco-workbench .part.statusbar').waitFor({ state: 'visible', timeout: 30_000 });
  phase('workbench load');
  console.log(`workbench ready at ${editor.url} (${secs()}: ${phases.join(', ')}); ${specs.length} spec file(s)`);

  globalThis.__airlockE2E = {
    url: editor.url,
    workspace,
    editorEnv: editor.env,
    extensionDir,
    browser,
    page,
    // README pictures are rewritten only when asked (`AIRLOCK_UPDATE_SCREENSHOTS=1 npm run test:ui`): a test run
    // leaves the checkout as it found it.
    screenshotsDir: process.env.AIRLOCK_UPDATE_SCREENSHOTS === '1' ? path.join(REPO_ROOT, 'media', 'screenshots') : path.join(REPO_ROOT, 'out', 'e2e-screenshots'),
    folderUrl: (folder) => editor.folderUrl(folder),
    fakeApi,
    // A second editor for specs that need other user settings (Restricted Mode), torn down with the run.
    startEditor: (opts) => startEditor({ vsix: [vsix], prefix: 'airlock-e2e-extra-', ...opts }),
    newPage: () => newPage(browser),
    makeWorkspace: (prefix, opts) => makeWorkspace(prefix, opts),
  };

  const failuresDir = path.join(REPO_ROOT, 'out', 'e2e-failures');
  fs.rmSync(failuresDir, { recursive: true, force: true });
  const rootHooks = {
    // A failed spec leaves a picture of the workbench behind: the quickest way to see why.
    async afterEach() {
      if (this.currentTest?.state !== 'failed') return;
      fs.mkdirSync(failuresDir, { recursive: true });
      const file = path.join(failuresDir, `${this.currentTest.fullTitle().replace(/[^\w-]+/g, '_').slice(0, 120)}.png`);
      await page.screenshot({ path: file }).then(
        () => console.log(`      screenshot of the failure: ${path.relative(REPO_ROOT, file)}`),
        () => {},
      );
    },
  };
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', color: false, timeout: 60_000, slow: 5_000, rootHooks });
  if (process.env.AIRLOCK_E2E_GREP) mocha.grep(process.env.AIRLOCK_E2E_GREP);
  for (const f of specs) mocha.addFile(f);
  const stats = await new Promise((resolve) => {
    const runner = mocha.run(() => resolve(runner.stats));
  });
  if (stats.failures > 0 && process.env.AIRLOCK_E2E_DEBUG) console.log(editorLog.slice(-40).join('\n'));
  console.log(`\nUI suite finished in ${secs()}`);
  if (stats.pending > 0) console.log(`FAILED: ${stats.pending} pending spec(s); the suite does not skip`);
  const failed = stats.failures + stats.pending;
  console.log(`${stats.passes} passed, ${failed} failed`);
  return failed === 0 && stats.passes > 0 ? 0 : 1;
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
