// The kill switch from the person's side: the sidebar button engages it, an agent's command
// running in an integrated terminal is interrupted (the person's own is left alone), the header
// and status bar say LOCKDOWN, a hook call is blocked, and releasing from the sidebar asks first.
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

  it("the sidebar button interrupts an agent's running command (not the person's own), shows LOCKDOWN and blocks hook calls", async () => {
    await openAirlockView();
    const view = airlockWebview();
    const marker = `e2e-kill-${Date.now()}`;
    // The person's own command, in a plain shell.
    const mine = await newTerminal();
    await typeInTerminal(mine, `sleep 600 # ${marker}-person`);
    const personRow = view.locator('.row', { hasText: `${marker}-person` }).first();
    await personRow.waitFor({ state: 'visible' });
    // An agent's command: the process carries the marker Claude Code sets on what it runs.
    const agents = await newTerminal();
    await typeInTerminal(agents, `CLAUDECODE=1 sleep 600 # ${marker}-agent`);
    // The terminal watcher has seen it start: it is running now.
    const row = view.locator('.row', { hasText: `${marker}-agent` }).first();
    await row.waitFor({ state: 'visible' });

    await view.getByRole('button', { name: /kill all agents/i }).click();
    await view.locator('header.lockdown').getByText(/LOCKDOWN/).waitFor();
    await waitFor(async () => /lockdown/i.test(await statusText()), 'the status bar to show lockdown');

    // sleep dies of SIGINT: shell integration reports the end with exit code 130 (128 + SIGINT); the row
    // says lockdown did it, and the terminal itself got a line saying what and why.
    await row.click();
    await view.locator('#detail').getByText(/^130$/).waitFor({ timeout: 20_000 });
    await view.locator('#detail').getByText(/Interrupted by lockdown: a process an agent started is running in it/).waitFor();
    await agents.locator('.xterm-rows').getByText(/\[Airlock\] Lockdown interrupted what was running here/).waitFor();
    await screenshot('lockdown-sidebar');
    // The person's own sleep was left running: no exit code, no lockdown reason on its row.
    await personRow.click();
    await view.locator('#detail').getByText(`sleep 600 # ${marker}-person`).first().waitFor();
    assert.equal(await view.locator('#detail').getByText(/^130$/).count(), 0, "the person's command was interrupted");
    assert.equal(await view.locator('#detail').getByText(/Interrupted by lockdown/).count(), 0);

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
