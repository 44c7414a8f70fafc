// The kill switch from the person's side: the sidebar button engages it, a command
// running in an integrated terminal is interrupted, the header and status bar say
// LOCKDOWN, a hook call is blocked, and releasing from the sidebar asks first.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cursorShell, runHook } from '../lib/hook';
import { session } from '../lib/session';
import { waitFor } from '../lib/wait';
import { airlockWebview, dialog, newTerminal, openAirlockView, screenshot, statusText, typeInTerminal } from '../lib/workbench';

describe('editor: kill switch', () => {
  after(async () => {
    if (await dialog().isVisible()) await dialog().getByRole('button', { name: 'Cancel' }).click();
    // Test hygiene only: never leave lockdown on for the next spec file.
    fs.rmSync(path.join(session().editorEnv.HOME, '.airlock', 'lockdown.json'), { force: true });
  });

  it('the sidebar button interrupts a running terminal command, shows LOCKDOWN and blocks hook calls', async () => {
    await openAirlockView();
    const view = airlockWebview();
    const marker = `e2e-kill-${Date.now()}`;
    const xterm = await newTerminal();
    await typeInTerminal(xterm, `sleep 600 # ${marker}`);
    // The terminal watcher has seen it start: it is running now.
    const row = view.locator('.row', { hasText: marker }).first();
    await row.waitFor({ state: 'visible' });

    await view.getByRole('button', { name: /kill all agents/i }).click();
    await view.locator('header.lockdown').getByText(/LOCKDOWN/).waitFor();
    await waitFor(async () => /lockdown/i.test(await statusText()), 'the status bar to show lockdown');

    // sleep dies of SIGINT: shell integration reports the end with exit code 130 (128 + SIGINT).
    await row.click();
    await view.locator('#detail').getByText(/^130$/).waitFor({ timeout: 20_000 });
    await screenshot('lockdown-sidebar');

    const result = await runHook('cursor', cursorShell('ls -la'));
    assert.equal(result.code, 2);
    assert.equal(result.json?.permission, 'deny');
  });

  it('releasing from the sidebar asks first; cancelling keeps the lockdown', async () => {
    const view = airlockWebview();
    await view.getByRole('button', { name: /release lockdown/i }).click();
    await dialog().waitFor({ state: 'visible' });
    await dialog().getByRole('button', { name: 'Cancel' }).click();
    await dialog().waitFor({ state: 'hidden' });
    assert.match(await statusText(), /lockdown/i, 'cancel must keep the lockdown');
    assert.equal((await runHook('cursor', cursorShell('ls -la'))).code, 2);

    await view.getByRole('button', { name: /release lockdown/i }).click();
    await dialog().waitFor({ state: 'visible' });
    await dialog().getByRole('button', { name: /release/i }).click();
    await view.getByRole('button', { name: /kill all agents/i }).waitFor();
    await waitFor(async () => !/lockdown/i.test(await statusText()), 'the status bar to leave lockdown');
    const result = await runHook('cursor', cursorShell('ls -la'));
    assert.equal(result.code, 0, `hook stderr: ${result.stderr}`);
    assert.equal(result.json?.permission, 'allow');
  });
});
