// The harness in one import for runners: install/start the editor, package the extension,
// drive Chromium, and tear everything down whatever happens.
export { ensureEditor } from './install-editor.mjs';
export { startEditor, TEST_USER_SETTINGS, freePort } from './editor.mjs';
export { launchBrowser, newPage } from './browser.mjs';
export { makeWorkspace } from './workspace.mjs';
export { bundleTests } from './bundle-tests.mjs';
export { onTeardown, teardown } from './teardown.mjs';
export { spawnGroup } from './process-group.mjs';
export { REPO_ROOT, CACHE_DIR, EDITOR_DIR } from './paths.mjs';
import fs from 'node:fs';
import { onTeardown as onTeardownLocal } from './teardown.mjs';
import path from 'node:path';
import { REPO_ROOT as ROOT } from './paths.mjs';

const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
/** publisher.name, as VS Code identifies the extension. */
export const EXTENSION_ID = `${manifest.publisher}.${manifest.name}`;

/**
 * A per-run scratch path under the repo (bundles must sit where node_modules resolves), removed at
 * teardown: several people run the suites at once on one machine and must not overwrite each
 * other's .vsix or test bundles.
 */
export function runScratch(name) {
  const dir = path.join(ROOT, 'out', 'runs', `${name}-${process.pid}`);
  fs.mkdirSync(dir, { recursive: true });
  const remove = () => fs.rmSync(dir, { recursive: true, force: true });
  onTeardownLocal(`remove ${name} scratch`, remove, remove);
  return dir;
}
