// Restricted Mode: a repository you have not trusted is exactly when the guard matters. A second
// editor with workspace trust on opens a fresh folder untrusted; Airlock must be there (activity bar,
// status shield) and its gate must still stop a flagged agent action and ask the person.
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { cursorShell, gateReady, startHook, type HookTarget } from '../lib/hook';
import { INCIDENT_CURL } from '../lib/incident';
import { session, type ExtraEditor } from '../lib/session';
import { activityBarItem, dialog, statusItem, statusText } from '../lib/workbench';

describe('Restricted Mode (untrusted folder)', function () {
  // A second editor start on a busy 2-core machine: generous, like the run's own.
  this.timeout(180_000);
  let editor: ExtraEditor;
  let page: Page;
  let target: HookTarget;

  before(async () => {
    const s = session();
    editor = await s.startEditor({ workspaceTrust: true });
    const workspace = s.makeWorkspace('airlock-e2e-untrusted-', { files: { 'README.md': '# untrusted\n' } });
    target = { env: editor.env, workspace };
    page = await s.newPage();
    page.setDefaultTimeout(30_000);
    await page.goto(editor.folderUrl(workspace));
    await page.locator('.monaco-workbench .part.statusbar').waitFor({ state: 'visible', timeout: 60_000 });
  });

  after(async () => {
    await page?.close().catch(() => {});
    await editor?.stop();
  });

  it('the folder really is untrusted', async () => {
    await page.locator('.statusbar-item', { hasText: /Restricted Mode/i }).first().waitFor({ state: 'visible' });
  });

  it('Airlock is there: status shield and activity-bar container', async () => {
    await statusItem(page).waitFor({ state: 'visible' });
    assert.match(await statusText(page), /airlock|armed|lockdown/i);
    await activityBarItem(page).waitFor({ state: 'visible' });
  });

  it("a flagged agent action waits for the person's answer, and Cancel blocks it", async () => {
    await gateReady(60_000, target);
    const hook = startHook('cursor', cursorShell(INCIDENT_CURL, target.workspace, target.workspace), 90_000, target);
    const box = dialog(page);
    const early = await Promise.race([box.waitFor({ state: 'visible' }).then(() => undefined), hook.done]);
    if (early) assert.fail(`the hook answered without asking anyone: exit ${early.code}, ${early.stdout.trim()} ${early.stderr.trim()}`);
    assert.match(await box.innerText(), /volumeDelete/);
    assert.equal(hook.exited(), false, 'the hook must wait for the person');
    await box.getByRole('button', { name: 'Cancel' }).click();
    const result = await hook.done;
    assert.equal(result.code, 2);
    assert.equal(result.json?.permission, 'deny');
  });
});
