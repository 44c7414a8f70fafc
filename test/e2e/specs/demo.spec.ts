// The `npm start` demo, as its users run it: `./agent --replay` in the editor's terminal replays the
// incident through Airlock's Cursor hook. The volumeDelete curl must stop at the modal; Cancel keeps
// the (fake) provider API untouched, "Allow once" lets the call reach it.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { gateReady } from '../lib/hook';
import { session } from '../lib/session';
import { waitFor } from '../lib/wait';
import { dialog, newTerminal, page, screenshot, typeInTerminal } from '../lib/workbench';

/** Answers every dialog before the volumeDelete one with Cancel; returns with the volumeDelete dialog open. */
async function untilIncidentModal(): Promise<void> {
  for (;;) {
    const box = dialog();
    await box.waitFor({ state: 'visible', timeout: 30_000 });
    if (/volumeDelete/.test(await box.innerText())) return;
    await box.getByRole('button', { name: 'Cancel' }).click();
    await box.waitFor({ state: 'hidden' });
  }
}

const terminalShows = (text: string) =>
  page().locator('.terminal-wrapper.active .xterm-rows', { hasText: text }).waitFor({ state: 'visible' });

/** Connects Cursor in the workspace the way `npm start` does, with Airlock's own installer. */
function installCursorHooks(verb: 'install' | 'uninstall'): void {
  const s = session();
  execFileSync(process.execPath, [path.join(s.extensionDir, 'dist', 'cli.js'), verb, '--agent', 'cursor', '--workspace', s.workspace], {
    cwd: s.workspace,
    env: s.editorEnv,
    encoding: 'utf8',
  });
}

describe('demo: the incident replayed by the fake agent', () => {
  before(async () => {
    await gateReady();
    installCursorHooks('install');
    assert.ok(fs.existsSync(path.join(session().workspace, '.cursor', 'hooks.json')), 'the installer wrote no .cursor/hooks.json');
  });

  after(() => installCursorHooks('uninstall'));

  afterEach(async () => {
    if (await dialog().isVisible()) await dialog().getByRole('button', { name: 'Cancel' }).click();
  });

  it('stops the volumeDelete curl at the modal; Cancel leaves the provider API untouched', async () => {
    const before = session().fakeApi.deletions.length;
    await typeInTerminal(await newTerminal(), './agent --replay');
    await untilIncidentModal();
    await screenshot('demo-modal');
    await dialog().getByRole('button', { name: 'Cancel' }).click();
    await terminalShows('not running it');
    // It went through the hook file Cursor would read, not a shortcut.
    await terminalShows('asked .cursor/hooks.json');
    assert.equal(session().fakeApi.deletions.length, before, 'the fake API received a deletion');
  });

  it('"Allow once" lets the same curl reach the provider API, which records what it would have deleted', async () => {
    const before = session().fakeApi.deletions.length;
    await typeInTerminal(await newTerminal(), './agent --replay');
    await untilIncidentModal();
    await dialog().getByRole('button', { name: 'Allow once' }).click();
    const deletion = await waitFor(() => session().fakeApi.deletions[before], 'the fake API to record the volumeDelete');
    assert.equal(deletion.mutation, 'volumeDelete');
    assert.match(deletion.wouldDelete, /production-db/);
  });
});
