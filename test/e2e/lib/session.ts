// What test/e2e/run.mjs hands every spec: one running editor with the packaged extension
// installed, one Chromium, one fresh workspace. Specs open their own pages on it.
import type { Browser, Page } from 'playwright-core';

export interface E2ESession {
  /** http://127.0.0.1:PORT */
  url: string;
  /** Absolute path of this run's workspace folder (a fresh temp dir). */
  workspace: string;
  /** The editor's sandboxed environment (HOME, TMPDIR, XDG_*): processes that act as an agent on this machine use it. */
  editorEnv: Record<string, string>;
  /** Where the .vsix was unpacked by the editor (dist/cli.js is the shipped hook program). */
  extensionDir: string;
  browser: Browser;
  /** The one workbench window every spec drives, already loaded on `workspace`. */
  page: Page;
  /** media/screenshots/ in the repo: the README shows these. */
  screenshotsDir: string;
  /** The demo's fake provider API (demo/server): what the demo agent's curl would have deleted. */
  fakeApi: { url: string; graphqlUrl: string; deletions: { mutation: string; args: string; wouldDelete: string }[] };
  /** Workbench URL that opens `folder`. */
  folderUrl(folder: string): string;
  /** Starts another editor with the same packaged extension (stopped with the run, or by `stop()`). */
  startEditor(opts?: { workspaceTrust?: boolean; settings?: Record<string, unknown> }): Promise<ExtraEditor>;
  /** A new page in the run's browser. */
  newPage(): Promise<Page>;
  /** A fresh temp workspace (removed with the run). */
  makeWorkspace(prefix: string, opts?: { files?: Record<string, string> }): string;
}

export interface ExtraEditor {
  url: string;
  env: Record<string, string>;
  folderUrl(folder: string): string;
  stop(): Promise<void>;
}

export function session(): E2ESession {
  const s = (globalThis as { __airlockE2E?: E2ESession }).__airlockE2E;
  if (!s) throw new Error('no e2e session: run the UI suite with `node test/e2e/run.mjs` (or `npm run test:ui`)');
  return s;
}
