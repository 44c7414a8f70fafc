// The extension's surface in the real workbench: its activity-bar container and status-bar shield.
import * as assert from 'node:assert/strict';
import { activityBarItem, airlockWebview, openAirlockView, screenshot, sidebar, statusItem, statusText } from '../lib/workbench';

describe('workbench surface', () => {
  it('shows the Airlock status-bar item once the extension is active', async () => {
    await statusItem().waitFor({ state: 'visible' });
    assert.match(await statusText(), /airlock|armed|lockdown/i);
  });

  it('opens the Airlock activity-bar container and renders its activity view', async () => {
    await activityBarItem().waitFor({ state: 'visible' });
    await openAirlockView();
    assert.equal(await sidebar().locator('.title-label', { hasText: /airlock/i }).isVisible(), true);
    // The activity list is a webview: wait for its document to render real content.
    await airlockWebview().locator('body *').first().waitFor({ state: 'visible' });
    await screenshot('sidebar');
  });
});
