// Renders media/icon.svg to the 128x128 media/icon.png the marketplace shows, with the same
// Chromium the UI tests use. Run after editing the SVG: node test/harness/render-icon.mjs
import fs from 'node:fs';
import path from 'node:path';
import { launchBrowser } from './browser.mjs';
import { REPO_ROOT } from './paths.mjs';
import { teardown } from './teardown.mjs';

const svg = fs.readFileSync(path.join(REPO_ROOT, 'media', 'icon.svg'), 'utf8');
try {
  const browser = await launchBrowser();
  const page = await browser.newPage({ viewport: { width: 128, height: 128 }, deviceScaleFactor: 1 });
  await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
  await page.locator('svg').screenshot({ path: path.join(REPO_ROOT, 'media', 'icon.png'), omitBackground: true });
  console.log('wrote media/icon.png');
} finally {
  await teardown();
}
