// One workspace folder's secret scan in the editor: a full scan whose walk and scanning both run in
// a worker thread (the extension host only receives batches of results), re-scans of single files
// on save, and the findings store everything else reads.
import * as vscode from 'vscode';
import { createScanner, type Scanner, type ScanSummary } from '../../scan/scanner';
import { FindingsStore } from './findings';
import { publishDiagnostics } from './diagnostics';
import type { ScanOutcome } from './protection';

export interface WorkspaceSecretsOptions {
  root: vscode.Uri;
  collection: vscode.DiagnosticCollection;
  log?: vscode.LogOutputChannel;
  /** The bundled worker (dist/scan-worker.js); default: next to the running bundle. */
  workerFile?: string;
  /** After every scan (full or one file): what it found, for the remembered set of protected files. */
  onScanned?(outcome: ScanOutcome): void;
}

export class WorkspaceSecrets implements vscode.Disposable {
  readonly store = new FindingsStore();
  private readonly scanner: Scanner;
  private running: Promise<ScanSummary | undefined> | undefined;
  private readonly abort = new AbortController();
  private readonly publisher: vscode.Disposable;
  lastSummary: ScanSummary | undefined;

  constructor(private readonly opts: WorkspaceSecretsOptions) {
    this.scanner = createScanner({
      root: opts.root.fsPath,
      walkInWorker: true,
      ...(opts.workerFile ? { workerFile: opts.workerFile } : {}),
      onFinding: (f) => this.store.add(f),
    });
    this.publisher = publishDiagnostics(this.store, opts.collection, opts.root);
  }

  /** Full scan; a second call while one runs joins it. Resolves with the summary (undefined on failure). */
  scanAll(): Promise<ScanSummary | undefined> {
    this.running ??= this.scanner
      .scanAll(this.abort.signal)
      .then(
        (summary) => {
          if (summary.cancelled) return summary;
          this.store.replaceAll(summary.findings);
          this.lastSummary = summary;
          this.opts.log?.info(
            `secret scan: ${summary.findings.filter((f) => !f.silenced).length} live finding(s), ${summary.findings.filter((f) => f.silenced).length} silenced, in ${summary.filesScanned} files (${summary.skipped.length} skipped), ${Math.round(summary.durationMs)} ms`,
          );
          this.opts.onScanned?.({ liveFiles: this.store.liveFiles(), foundFiles: this.store.files(), scanned: 'all', skipped: summary.skipped.map((x) => x.file) });
          return summary;
        },
        (err: unknown) => {
          this.opts.log?.error(`secret scan failed: ${err instanceof Error ? err.message : String(err)}`);
          return undefined;
        },
      )
      .finally(() => {
        this.running = undefined;
      });
    return this.running;
  }

  /** Re-scan one file (after a save). Returns the workspace-relative path, or undefined when outside. */
  async rescan(uri: vscode.Uri): Promise<string | undefined> {
    const rel = this.relative(uri);
    if (rel === undefined) return undefined;
    const result = await this.scanner.scanFile(rel);
    this.store.setFile(rel, result.findings);
    const unread = result.outcome === 'too-large' || result.outcome === 'unreadable';
    this.opts.onScanned?.({ liveFiles: this.store.liveFiles(), foundFiles: this.store.files(), scanned: [rel], skipped: unread ? [rel] : [] });
    return rel;
  }

  /** After .airlockignore changed: silencing is re-evaluated everywhere. */
  reloadIgnore(): void {
    this.scanner.reloadIgnore();
  }

  relative(uri: vscode.Uri): string | undefined {
    if (uri.scheme !== 'file') return undefined;
    const root = this.opts.root.fsPath.replace(/\\/g, '/').replace(/\/+$/, '');
    const p = uri.fsPath.replace(/\\/g, '/');
    if (!p.startsWith(`${root}/`)) return undefined;
    return p.slice(root.length + 1);
  }

  dispose(): void {
    this.abort.abort();
    this.publisher.dispose();
    this.opts.collection.clear();
    void this.scanner.dispose();
  }
}
