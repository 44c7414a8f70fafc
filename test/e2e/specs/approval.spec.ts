// The incident, stopped: a Cursor agent's `curl ... volumeDelete` reaches Airlock's hook, the person
// sees a modal, and only "Allow once" lets it run. Checked from what the agent gets back: the hook
// process's exit code and its JSON answer.
import * as assert from 'node:assert/strict';
import { cursorShell, gateReady, startHook, type RunningHook } from '../lib/hook';
import { INCIDENT_CURL } from '../lib/incident';
import { dialog, screenshot } from '../lib/workbench';

/** Waits for the modal; if the hook answers first, fails with what the agent got instead. */
async function modalFor(hook: RunningHook, text: RegExp) {
  const box = dialog();
  const answeredFirst = hook.done.then((r) => r);
  const shown = box.waitFor({ state: 'visible' }).then(() => undefined);
  const early = await Promise.race([shown, answeredFirst]);
  if (early) assert.fail(`the hook answered without asking anyone: exit ${early.code}, ${early.stdout.trim()} ${early.stderr.trim()}`);
  assert.match(await box.innerText(), text);
  return box;
}

describe('approval modal', () => {
  before(() => gateReady());

  afterEach(async () => {
    // Leave no dialog behind for the next spec, whatever happened here.
    if (await dialog().isVisible()) await dialog().getByRole('button', { name: 'Cancel' }).click();
  });

  it('a flagged hook call raises the modal and waits; "Allow once" lets it through', async () => {
    const hook = startHook('cursor', cursorShell(INCIDENT_CURL));
    const box = await modalFor(hook, /volumeDelete/);
    assert.equal(hook.exited(), false, 'the hook must wait for the person');
    await screenshot('modal');
    await box.getByRole('button', { name: 'Allow once' }).click();
    const result = await hook.done;
    assert.equal(result.code, 0, `hook stderr: ${result.stderr}`);
    assert.equal(result.json?.permission, 'allow');
    await box.waitFor({ state: 'hidden' });
  });

  it('Cancel blocks it: the agent gets exit 2 and a deny that says not to retry', async () => {
    const hook = startHook('cursor', cursorShell(INCIDENT_CURL));
    const box = await modalFor(hook, /volumeDelete/);
    await box.getByRole('button', { name: 'Cancel' }).click();
    const result = await hook.done;
    assert.equal(result.code, 2);
    assert.equal(result.json?.permission, 'deny');
    assert.match(String(result.json?.agent_message), /retry/i);
  });
});
