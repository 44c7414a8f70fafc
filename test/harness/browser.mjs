// Debian's Chromium driven by playwright-core (no browser download needed or possible here).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM } from './paths.mjs';
import { onTeardown } from './teardown.mjs';

// Flags from the real-editor-tests reference; --user-data-dir must not be passed to launch().
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
  '--disable-breakpad',
  '--disable-crash-reporter',
];

/** @returns {Promise<import('playwright-core').Browser>} */
export async function launchBrowser() {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium (or set AIRLOCK_TEST_CHROMIUM to its path)`);
  }
  // Its own HOME and XDG dirs: Chromium otherwise writes crash and config files under the user's ~/.config.
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'airlock-chromium-'));
  const removeHome = () => fs.rmSync(home, { recursive: true, force: true });
  onTeardown('remove browser home', removeHome, removeHome);
  const env = { ...process.env, HOME: home, XDG_CONFIG_HOME: path.join(home, '.config'), XDG_CACHE_HOME: path.join(home, '.cache') };
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS, env });
  onTeardown('close browser', () => browser.close().catch(() => {}));
  return browser;
}

/** A page sized like a laptop screen, so screenshots look like the product. */
export async function newPage(browser) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 860 }, deviceScaleFactor: 1 });
  return context.newPage();
}
