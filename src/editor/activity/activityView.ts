// The activity sidebar (a webview view). The extension side owns the truth (the
// bounded ring in ActivityHub) and streams it: a chunked reset when the view
// loads, then batched row updates, one message per tick at most.
import * as vscode from 'vscode';
import type { ActivityHub } from './hub';
import { Batcher } from './batcher';
import type { ActivityRow } from './model';
import { parseFromView, type FromView, type ToView, type ViewState } from './protocol';
import { randomBytes } from 'node:crypto';

export const ACTIVITY_VIEW_ID = 'airlock.activity';
/** Rows per message when (re)loading the view: keeps each postMessage (and its JSON) small. */
const RESET_CHUNK = 500;
const BATCH_MS = 16;
/** Rows per live message: big enough to coalesce a burst, small enough that one postMessage stays cheap. */
const MAX_BATCH = 500;

/** What the webview reports it shows, stamped with when the extension heard it. */
export type Rendered = Extract<FromView, { type: 'rendered' }> & { at: number };

export interface ViewHandlers {
  state(): ViewState;
  onMessage(msg: FromView): void;
}

export class ActivityView implements vscode.WebviewViewProvider, vscode.Disposable {
  private view: vscode.WebviewView | undefined;
  private ready = false;
  private readonly batcher: Batcher<ActivityRow>;
  private readonly subs: vscode.Disposable[] = [];
  /** What the webview last said it shows (tests read it through a command). */
  lastRendered: Rendered | undefined;
  private readonly renderedEmitter = new vscode.EventEmitter<Rendered>();
  readonly onRendered = this.renderedEmitter.event;
  private resetGeneration = 0;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly hub: ActivityHub,
    private readonly handlers: ViewHandlers,
  ) {
    this.batcher = new Batcher((rows) => this.post({ type: 'rows', rows }), BATCH_MS, undefined, MAX_BATCH);
    this.subs.push(hub.onRow((row) => this.ready && this.batcher.push(row)));
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    this.ready = false;
    const media = vscode.Uri.joinPath(this.extensionUri, 'media');
    const dist = vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview');
    view.webview.options = { enableScripts: true, localResourceRoots: [media, dist] };
    view.webview.html = this.html(view.webview);
    this.subs.push(
      view.webview.onDidReceiveMessage((raw: unknown) => {
        const msg = parseFromView(raw);
        if (!msg) return;
        if (msg.type === 'ready') this.reset();
        else if (msg.type === 'rendered') {
          this.lastRendered = { ...msg, at: Date.now() };
          this.renderedEmitter.fire(this.lastRendered);
        } else this.handlers.onMessage(msg);
      }),
      view.onDidDispose(() => {
        this.view = undefined;
        this.ready = false;
        this.batcher.clear();
      }),
    );
  }

  /** Push the header/waiting/session-rules state (cheap; called on every change of those). */
  refreshState(): void {
    if (this.ready) this.post({ type: 'state', state: this.handlers.state() });
  }

  post(msg: ToView): void {
    void this.view?.webview.postMessage(msg);
  }

  async reveal(focus: 'filter' | 'list' = 'list'): Promise<void> {
    await vscode.commands.executeCommand(`${ACTIVITY_VIEW_ID}.focus`);
    this.post({ type: 'focus', target: focus });
  }

  /** Send everything the ring holds in chunks spread over ticks, so a reload never blocks the extension host. */
  private reset(): void {
    const generation = ++this.resetGeneration;
    this.batcher.clear();
    const rows = this.hub.rows();
    this.post({ type: 'reset', rows: rows.slice(0, RESET_CHUNK), state: this.handlers.state() });
    let at = RESET_CHUNK;
    this.ready = true; // live rows now flow; they may repeat a chunked row, which the view upserts by id
    const next = () => {
      if (generation !== this.resetGeneration || !this.view || at >= rows.length) return;
      this.post({ type: 'rows', rows: rows.slice(at, at + RESET_CHUNK) });
      at += RESET_CHUNK;
      setTimeout(next, 0);
    };
    setTimeout(next, 0);
  }

  private html(webview: vscode.Webview): string {
    const nonce = randomBytes(16).toString('base64');
    const uri = (...p: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, ...p)).toString();
    const csp = [
      "default-src 'none'",
      `style-src ${webview.cspSource}`,
      `font-src ${webview.cspSource}`,
      `img-src ${webview.cspSource}`,
      `script-src 'nonce-${nonce}'`,
    ].join('; ');
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link href="${uri('media', 'codicons', 'codicon.css')}" rel="stylesheet">
<link href="${uri('media', 'activity.css')}" rel="stylesheet">
<title>Airlock activity</title>
</head>
<body>
<header id="header" aria-label="Airlock status"></header>
<section id="waiting" aria-label="Requests waiting for your answer" role="list" hidden></section>
<section id="session-rules" aria-label="Rules allowed for this session" role="list" hidden></section>
<div class="filters" role="search">
  <input id="filter-text" type="search" placeholder="Filter: command, path, rule…" aria-label="Filter activity by text">
  <select id="filter-agent" aria-label="Filter by agent"><option value="">All agents</option></select>
  <select id="filter-decision" aria-label="Filter by decision">
    <option value="">All decisions</option>
    <option value="allowed">allowed</option>
    <option value="asked">asked</option>
    <option value="approved">asked → approved</option>
    <option value="asked-blocked">asked → blocked</option>
    <option value="blocked">blocked</option>
    <option value="observed">observed</option>
    <option value="waiting">waiting</option>
  </select>
  <span id="count" class="count" aria-live="polite"></span>
</div>
<div id="list" class="list" role="listbox" tabindex="0" aria-label="Agent activity, newest first. Use the arrow keys to move, Enter for details.">
  <div id="spacer" class="spacer"></div>
</div>
<section id="detail" class="detail" tabindex="-1" aria-label="Details of the selected action" aria-live="polite"></section>
<script nonce="${nonce}" src="${uri('dist', 'webview', 'activity.js')}"></script>
</body>
</html>`;
  }

  dispose(): void {
    for (const s of this.subs) s.dispose();
    this.renderedEmitter.dispose();
  }
}
