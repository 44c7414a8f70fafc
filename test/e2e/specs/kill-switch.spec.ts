// The kill switch from the agent's side: engaged in the editor, it turns an action that is
// normally allowed at once into a block; released (after the person confirms), things flow again.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cursorShell, runHook } from '../lib/hook';
import { BENIGN_COMMAND } from '../lib/incident';
import { session } from '../lib/session';
import { waitFor } from '../lib/wait';
import { dialog, runCommand, screenshot, statusText } from '../lib/workbench';

describe('kill switch', () => {
  after(() => {
    // Test hygiene only: if a failure left lockdown on, do not let it fail every later spec.
    fs.rmSync(path.join(session().editorEnv.HOME, '.airlock', 'lockdown.json'), { force: true });
  });

  it('a benign hook call is allowed without asking anyone', async () => {
    const result = await runHook('cursor', cursorShell(BENIGN_COMMAND));
    assert.equal(result.code, 0, `hook stderr: ${result.stderr}`);
    assert.equal(result.json?.permission, 'allow');
  });

  it('"Kill All Agents" turns the same benign call into a block and shows lockdown', async () => {
    await runCommand('Airlock: Kill All Agents');
    await waitFor(async () => /lockdown/i.test(await statusText()), 'the status bar to show lockdown');
    const result = await runHook('cursor', cursorShell(BENIGN_COMMAND));
    assert.equal(result.code, 2);
    assert.equal(result.json?.permission, 'deny');
    assert.match(String(result.json?.user_message), /lockdown/i);
    await screenshot('lockdown');
  });

  it('releasing asks first, then benign calls are allowed again', async () => {
    await runCommand('Airlock: Release Lockdown');
    const box = dialog();
    await box.waitFor({ state: 'visible' });
    await box.getByRole('button', { name: /release/i }).click();
    await waitFor(async () => !/lockdown/i.test(await statusText()), 'the status bar to leave lockdown');
    const result = await runHook('cursor', cursorShell(BENIGN_COMMAND));
    assert.equal(result.code, 0, `hook stderr: ${result.stderr}`);
    assert.equal(result.json?.permission, 'allow');
  });
});
