// The Exposure section in the real workbench, on the demo workspace: the incident's token in an
// unrelated file is listed before any agent runs, as reachable and account-wide; "Hide from Agents"
// then covers it for every agent that has an ignore file, and the line says so.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { session } from '../lib/session';
import { waitFor } from '../lib/wait';
import { openAirlockView, page, runCommand, screenshot, sidebar } from '../lib/workbench';

const TOKEN_ROW = /Railway account token in config\/legacy-deploy\.json/;

function tokenRow() {
  return sidebar().locator('.monaco-list-row', { hasText: TOKEN_ROW }).first();
}

/** How many agents a line says the credential is open to ("every agent" = all eight, hooks plus terminals). */
function openCount(label: string): number {
  const open = /open to ([^;]+)/.exec(label)?.[1];
  if (!open) return 0;
  return open.trim() === 'every agent' ? 8 : open.split(',').length;
}

async function rowLabel(): Promise<string> {
  return (await tokenRow().getAttribute('aria-label')) ?? '';
}

describe('exposure: what agents can reach', function () {
  this.timeout(120_000);

  it("lists the demo's Railway token as reachable, account-wide infrastructure, before any agent runs", async () => {
    await openAirlockView();
    await runCommand('Airlock: Show What Agents Can Reach');
    // The secret scan runs on activation; the section follows its findings.
    await tokenRow().waitFor({ state: 'visible', timeout: 60_000 });
    const label = await rowLabel();
    assert.match(label, /account-wide/);
    assert.match(label, /infrastructure/);
    assert.match(label, /open to/);
    // The section's summary line, also in the status-bar tooltip and the walkthrough.
    await sidebar().getByText(/\d+ credentials? reachable by agents, [1-9]\d* looks? production-wide/).first().waitFor();
    await screenshot('exposure');
  });

  it('"Hide from Agents" puts it in every agent ignore file, and the line shows it hidden', async () => {
    const before = await rowLabel();
    const openBefore = openCount(before);
    // The inline action shows on hover; a click that lands while the row re-renders is retried.
    let after: string | undefined;
    for (let attempt = 0; attempt < 3 && after === undefined; attempt++) {
      await tokenRow().hover();
      await tokenRow().locator('.action-label[aria-label="Hide from Agents"]').click();
      after = await waitFor(async () => {
        const l = await rowLabel();
        return /hidden/.test(l) && l !== before && l;
      }, 'the token line to show it hidden', 20_000).catch(() => undefined);
    }
    assert.ok(after, `the line never showed the token hidden: ${await rowLabel()}`);
    const openAfter = openCount(after);
    assert.ok(openAfter < openBefore, `still open to as many agents: ${after}`);
    // The ignore files really list it (the line is not just decoration).
    const cursorIgnore = path.join(session().workspace, '.cursorignore');
    await waitFor(() => fs.existsSync(cursorIgnore) && fs.readFileSync(cursorIgnore, 'utf8').includes('legacy-deploy.json'), '.cursorignore to list the file');
    await page().keyboard.press('Escape');
  });
});
