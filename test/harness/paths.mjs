// Where the harness keeps things. Everything it downloads lives under .cache/ in the repo
// (gitignored), so the extension's own package.json and lockfile never depend on the test editor.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CACHE_DIR = path.join(REPO_ROOT, '.cache');
export const EDITOR_DIR = path.join(CACHE_DIR, 'test-editor');

// code-server 4.100.3 ships VS Code 1.100.3 and is the last release whose engines accept Node 20.
export const CODE_SERVER_VERSION = '4.100.3';
// What @vscode/ripgrep (a code-server dependency) looks for in its download cache.
export const RIPGREP_PACKAGE_VERSION = '1.15.11';
export const RIPGREP_TAG = 'v13.0.0-10';

export const CODE_SERVER_BIN = path.join(EDITOR_DIR, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
export const CHROMIUM = process.env.AIRLOCK_TEST_CHROMIUM || '/usr/bin/chromium';
