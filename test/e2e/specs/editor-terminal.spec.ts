// Watched, not only guarded: a flagged command typed straight into a terminal (no agent
// hook asked about it) is classified, shown, and raises a warning that can kill the terminal.
import * as assert from 'node:assert/strict';
import { airlockWebview, newTerminal, openAirlockView, page, screenshot, typeInTerminal } from '../lib/workbench';

describe('editor: terminal watcher', () => {
  it('a flagged command no hook saw is shown with its rule and offers "Kill terminal"', async () => {
    await openAirlockView();
    const marker = `e2e-unseen-${Date.now()}`;
    const xterm = await newTerminal();
    const before = await page().locator('.terminal-wrapper .xterm').count();
    // Harmless here (the folder does not exist), but exactly what the recursive-delete rule is for.
    await typeInTerminal(xterm, `rm -rf ./${marker}`);

    const row = airlockWebview().locator('.row', { hasText: marker }).first();
    await row.waitFor({ state: 'visible' });
    assert.match((await row.innerText()).replace(/\s+/g, ' '), /fs\.[\w-]+/);

    const toast = page().locator('.notifications-toasts .notification-toast', { hasText: marker }).first();
    await toast.waitFor({ state: 'visible' });
    assert.match(await toast.innerText(), /no agent hook asked about/);
    await screenshot('terminal-unseen-warning');
    await toast.getByRole('button', { name: 'Kill terminal' }).click();
    await page().waitForFunction(`document.querySelectorAll('.terminal-wrapper .xterm').length < ${before}`);
  });
});
