// Selectors and moves on the VS Code 1.100 web workbench, in one place, so a workbench change is
// one edit. Everything waits on what is on screen; nothing waits on the clock.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { session } from './session';

export const EXTENSION_ID = 'airlock-dev.airlock';

/** The shared workbench page (one window: closed pages would leave extension hosts behind in code-server). */
export function page(): Page {
  return session().page;
}

export function statusItem(p: Page = page()): Locator {
  // Items created with an id carry "<publisher.name>.<id>" as their element id; others are found by their label.
  return p.locator(`.statusbar-item[id^="${EXTENSION_ID}" i], .statusbar-item:has([aria-label*="airlock" i])`).first();
}

/** What the status item says, to a sighted user and to a screen reader. */
export async function statusText(p: Page = page()): Promise<string> {
  const item = statusItem(p);
  const labels = await item.locator('[aria-label]').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
  return `${labels.join(' ')} ${await item.innerText()}`;
}

export function activityBarItem(p: Page = page()): Locator {
  return p.locator('.activitybar [aria-label^="Airlock"]').first();
}

export function sidebar(p: Page = page()): Locator {
  return p.locator('.part.sidebar');
}

/** The body of an Airlock webview (webviews are two nested iframes; the outer one names its extension). */
export function airlockWebview(p: Page = page()): FrameLocator {
  return p.frameLocator(`iframe.webview[src*="extensionId=${EXTENSION_ID}"]`).first().frameLocator('iframe#active-frame');
}

/** The modal dialog (window.dialogStyle: custom renders it in the page). */
export function dialog(p: Page = page()): Locator {
  return p.locator('.monaco-dialog-box');
}

/** Runs a command by its palette title, e.g. "Airlock: Kill All Agents". */
export async function runCommand(title: string, p: Page = page()): Promise<void> {
  const input = p.locator('.quick-input-widget .quick-input-box input');
  // Keys typed while a webview (an iframe) has focus go to the webview, not the workbench: take focus
  // back to the main document first, then open the palette (twice at most: the first F1 can be eaten
  // by a closing widget).
  // On a busy machine the workbench can take seconds to take focus back or draw the widget: try a few
  // times, alternating the two bindings, and wait on the widget rather than on a fixed delay. A palette
  // that closes again between being drawn and being typed into (a late Escape, focus moving) is opened
  // again rather than failing the test.
  const keys = ['F1', 'Control+Shift+P'];
  for (let round = 0; ; round++) {
    for (let attempt = 0; attempt < 6 && !(await input.isVisible()); attempt++) {
      // A string, not a function: this file is type-checked without the DOM library.
      await p.evaluate('document.activeElement && document.activeElement.blur && document.activeElement.blur()');
      if (attempt > 1) await p.locator('.monaco-workbench').first().focus().catch(() => undefined);
      await p.keyboard.press('Escape');
      await p.keyboard.press(keys[attempt % keys.length]!);
      await input.waitFor({ state: 'visible', timeout: 5_000 + attempt * 2_500 }).catch(() => undefined);
    }
    try {
      await input.fill(`>${title}`, { timeout: 10_000 });
      const row = p.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first();
      await row.waitFor({ state: 'visible', timeout: 10_000 });
      await row.click({ timeout: 10_000 });
      break;
    } catch (e) {
      if (round >= 2) throw e;
      await p.keyboard.press('Escape').catch(() => undefined);
    }
  }
  await p.locator('.quick-input-widget').waitFor({ state: 'hidden' });
}

/** Opens the Airlock container in the side bar and waits for it to be shown. */
export async function openAirlockView(p: Page = page()): Promise<void> {
  const item = activityBarItem(p);
  await item.waitFor({ state: 'visible' });
  if ((await item.getAttribute('aria-expanded')) !== 'true' && !(await sidebar(p).locator('.title-label', { hasText: /airlock/i }).isVisible())) {
    await item.click();
  }
  await sidebar(p).locator('.title-label', { hasText: /airlock/i }).waitFor({ state: 'visible' });
}

/** Opens a new bash terminal and returns its xterm element, ready to type into. */
export async function newTerminal(p: Page = page()): Promise<Locator> {
  const before = await p.locator('.terminal-wrapper .xterm').count();
  // With no terminal yet, "Create New Terminal" is not offered until the terminal view has been shown once.
  await runCommand(before === 0 ? 'View: Toggle Terminal' : 'Terminal: Create New Terminal', p);
  const xterm = p.locator('.terminal-wrapper.active .xterm');
  await xterm.waitFor({ state: 'visible' });
  // A string predicate runs in the page without pulling DOM types into the Node program.
  await p.waitForFunction(`document.querySelectorAll('.terminal-wrapper .xterm').length > ${before}`);
  // Type only once bash has drawn its prompt, so the keys reach the shell and not the void.
  await p.locator('.terminal-wrapper.active .xterm-rows').filter({ hasText: /[$#]\s*$/m }).waitFor({ state: 'visible' });
  return xterm;
}

export async function typeInTerminal(xterm: Locator, text: string): Promise<void> {
  await xterm.click();
  await xterm.page().keyboard.type(text);
  await xterm.page().keyboard.press('Enter');
}

/** Saves a screenshot (out/e2e-screenshots/<name>.png, or media/screenshots/ for the README with AIRLOCK_UPDATE_SCREENSHOTS=1). */
export async function screenshot(name: string, p: Page = page()): Promise<string> {
  const dir = session().screenshotsDir;
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.png`);
  await p.screenshot({ path: file });
  return file;
}
