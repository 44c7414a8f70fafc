// Watches the workspace on disk: a burst of deletions (the shape of `rm -rf`) and
// any change to a protected path are shown in the sidebar and raise an alert.
// The watcher sees changes after they happen; it cannot stop them (hooks do that).
import * as vscode from 'vscode';
import { randomUUID } from 'node:crypto';
import type { GateEvent } from '../../gate/contract';
import type { AgentAction, Verdict } from '../../core/action';
import { KnownFiles, MassDeleteDetector } from './massDelete';
import { isOwnWrite } from './ownWrites';

export interface FileWatchDeps {
  report(event: GateEvent): void;
  /** Whether an absolute path is protected by the policy. */
  isProtected(absPath: string): boolean;
  massDelete(): { count: number; seconds: number };
  enabled(): boolean;
  log: vscode.LogOutputChannel;
}

const ALERT_GAP_MS = 10_000;

function observed(action: AgentAction, verdict: Verdict): GateEvent {
  return { id: randomUUID(), time: Date.now(), agent: 'unknown', phase: 'observed', action, verdict, outcome: 'observed', decidedBy: 'none' };
}

export interface FileWatch extends vscode.Disposable {
  /** How many files under a folder the mass-deletion counter knows of (read by the integration tests). */
  knownUnder(dir: string): number;
}

export function watchFiles(deps: FileWatchDeps): FileWatch {
  let { count, seconds } = deps.massDelete();
  let detector = new MassDeleteDetector(count, seconds * 1000);
  let lastProtectedAlert = 0;
  const watcher = vscode.workspace.createFileSystemWatcher('**/*');
  const known = new KnownFiles();
  const posix = (uri: vscode.Uri) => uri.fsPath.replace(/\\/g, '/');
  // Learn what exists once the editor is idle (a workspace search, off the extension host's thread).
  const learn = setTimeout(() => {
    void vscode.workspace.findFiles('**/*', undefined, 50_000).then(
      (uris) => uris.forEach((u) => known.add(posix(u))),
      () => undefined,
    );
  }, 3000);

  const onProtected = (uri: vscode.Uri, change: 'changed' | 'created' | 'deleted') => {
    if (uri.scheme !== 'file' || !deps.isProtected(uri.fsPath)) return;
    const rel = vscode.workspace.asRelativePath(uri, false);
    // Airlock's own writes (Connect, restored hook entries, ignore files) are not an alarm.
    if (isOwnWrite(uri.fsPath)) {
      deps.log.info(`${rel} was ${change} by Airlock itself`);
      return;
    }
    const action: AgentAction = change === 'deleted' ? { kind: 'delete', path: uri.fsPath } : { kind: 'write', path: uri.fsPath };
    deps.report(
      observed(action, {
        decision: 'ask',
        rules: ['airlock.protected-path-changed'],
        reason: `A protected file was ${change} on disk. Agents must ask before touching it; if no one asked, find out who did.`,
        severity: 'high',
        target: rel,
        environment: 'unknown',
      }),
    );
    const now = Date.now();
    if (now - lastProtectedAlert > ALERT_GAP_MS) {
      lastProtectedAlert = now;
      void vscode.window
        .showWarningMessage(`Airlock: protected file ${rel} was ${change}.`, 'Show activity')
        .then((c) => c && vscode.commands.executeCommand('airlock.showActivity'));
    }
  };

  const onDelete = watcher.onDidDelete((uri) => {
    if (!deps.enabled()) return;
    onProtected(uri, 'deleted');
    const alert = detector.record(uri.fsPath, Date.now(), known.remove(posix(uri)));
    if (!alert) return;
    const under = vscode.workspace.asRelativePath(alert.under, false);
    deps.log.warn(`mass deletion: ${alert.count} files in ${alert.windowMs / 1000}s under ${under}`);
    deps.report(
      observed(
        { kind: 'delete', path: alert.under },
        {
          decision: 'ask',
          rules: ['airlock.mass-delete'],
          reason: `${alert.count} files were deleted within ${alert.windowMs / 1000} seconds (e.g. ${alert.sample.map((p) => vscode.workspace.asRelativePath(p, false)).join(', ')}).`,
          severity: 'high',
          target: under,
          environment: 'unknown',
        },
      ),
    );
    void vscode.window
      .showWarningMessage(`Airlock: ${alert.count} files deleted within ${alert.windowMs / 1000} s under ${under}.`, 'Kill All Agents', 'Show activity')
      .then((c) => {
        if (c === 'Kill All Agents') return vscode.commands.executeCommand('airlock.killAll');
        if (c === 'Show activity') return vscode.commands.executeCommand('airlock.showActivity');
        return undefined;
      });
  });
  const onChange = watcher.onDidChange((uri) => deps.enabled() && onProtected(uri, 'changed'));
  const onCreate = watcher.onDidCreate((uri) => {
    known.add(posix(uri));
    // A new folder may be reported as one event: learn what it holds, so deleting it later counts right.
    void vscode.workspace.fs.stat(uri).then(
      (st) => {
        if (st.type & vscode.FileType.Directory) {
          return vscode.workspace.findFiles(new vscode.RelativePattern(uri, '**/*'), undefined, 10_000).then((uris) => uris.forEach((u) => known.add(posix(u))));
        }
        return undefined;
      },
      () => undefined,
    );
    if (deps.enabled()) onProtected(uri, 'created');
  });

  // Settings changes take effect without reloading.
  const onConfig = vscode.workspace.onDidChangeConfiguration((e) => {
    if (!e.affectsConfiguration('airlock.watch.massDelete')) return;
    ({ count, seconds } = deps.massDelete());
    detector = new MassDeleteDetector(count, seconds * 1000);
  });
  const disposable = vscode.Disposable.from(watcher, onDelete, onChange, onCreate, onConfig, { dispose: () => clearTimeout(learn) });
  return { dispose: () => disposable.dispose(), knownUnder: (dir) => known.countUnder(dir.replace(/\\/g, '/')) };
}
