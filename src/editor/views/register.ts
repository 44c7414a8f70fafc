// Registers the tree views under the activity sidebar and keeps them current.
import * as vscode from 'vscode';
import * as fs from 'node:fs';
import type { AirlockContext } from '../context';
import type { ActivityHub } from '../activity/hub';
import { AgentsTree, FindingsTree, ProtectedTree, type FindingNode } from './trees';
import { allAgentStatuses } from './agentStatus';
import { createScanner, defaultWorkerFile, type Scanner } from '../../scan/scanner';
import { ExposureTree, registerExposure } from './exposureView';
import { sandboxedTerminalsLine } from '../sandbox_terminal';

export interface Views {
  agentsTree: AgentsTree;
  exposureTree: ExposureTree;
  protectedTree: ProtectedTree;
  findingsTree: FindingsTree;
  /** Scan the workspace for secrets (the first call starts the scanner). */
  scanSecrets(): Promise<number>;
  /** Hand the findings and protected-files views to the secrets feature (src/editor/secrets), which then owns scanning. */
  useSecrets(feed: SecretsFeed): void;
}

export interface SecretsFeed {
  findings(): FindingNode[];
  scan(): Promise<number>;
  /** Extra groups for the Protected Files view (files protected because a secret was found in them). */
  protectedGroups(): Array<{ label: string; globs: readonly string[] }>;
}

export function registerViews(ctx: AirlockContext, hub: ActivityHub): Views {
  const seen = new Set<string>();
  const root = () => vscode.workspace.workspaceFolders?.[0]?.uri;
  const agentsTree = new AgentsTree(() =>
    allAgentStatuses(root()?.fsPath, {
      extensions: new Set(vscode.extensions.all.map((e) => e.id.toLowerCase())),
      appName: vscode.env.appName,
      seen,
    }),
  );
  ctx.own(
    hub.onRow((row) => {
      if (!seen.has(row.agent) && row.phase !== 'observed') {
        seen.add(row.agent);
        agentsTree.refresh();
      }
    }),
  );
  const hookFiles = vscode.workspace.createFileSystemWatcher('**/{.cursor,.claude,.github/hooks,.codex,.gemini,.windsurf,.clinerules,.cline/plugins}/**');
  ctx.own(hookFiles);
  ctx.own(hookFiles.onDidChange(() => agentsTree.refresh()));
  ctx.own(hookFiles.onDidCreate(() => agentsTree.refresh()));
  ctx.own(hookFiles.onDidDelete(() => agentsTree.refresh()));
  ctx.own(vscode.window.onDidChangeWindowState((s) => s.focused && agentsTree.refresh()));

  let feed: SecretsFeed | undefined;
  const protectedTree = new ProtectedTree(() => [...(feed?.protectedGroups() ?? []), ...ctx.config.protectedGroups]);

  let findings: FindingNode[] = [];
  let scanner: Scanner | undefined;
  let scanning: Promise<number> | undefined;
  const findingsTree = new FindingsTree(() => feed?.findings() ?? findings, root);
  const scanSecrets = (): Promise<number> => {
    if (feed) return feed.scan();
    const r = root();
    if (!r) return Promise.resolve(0);
    // One worker thread at most, so a scan never competes with the editor for cores.
    scanner ??= createScanner({ root: r.fsPath, workers: fs.existsSync(defaultWorkerFile()) ? 1 : 0 });
    scanning ??= Promise.resolve(vscode.window
      .withProgress({ location: { viewId: 'airlock.findings' }, title: 'Scanning for secrets' }, () => (scanner as Scanner).scanAll())
      .then(
        (summary) => {
          findings = summary.findings.map((f) => ({ ...f, silenced: f.silenced !== undefined }));
          findingsTree.refresh();
          ctx.output.info(`secret scan: ${summary.findings.length} finding(s) in ${summary.filesScanned} files, ${Math.round(summary.durationMs)} ms`);
          return findings.filter((f) => !f.silenced).length;
        },
        (err: unknown) => {
          ctx.output.error(`secret scan failed: ${err instanceof Error ? err.message : String(err)}`);
          return 0;
        },
      ))
      .finally(() => {
        scanning = undefined;
      });
    return scanning;
  };
  ctx.own({ dispose: () => void scanner?.dispose() });

  const agentsView = vscode.window.createTreeView('airlock.agents', { treeDataProvider: agentsTree });
  const protectedView = vscode.window.createTreeView('airlock.protected', { treeDataProvider: protectedTree });
  const findingsView = vscode.window.createTreeView('airlock.findings', { treeDataProvider: findingsTree });
  ctx.own(agentsView);
  // Which terminals an agent could use run in the sandbox (docs/sandbox.md).
  const showSandboxed = () => (agentsView.message = sandboxedTerminalsLine());
  ctx.own(vscode.window.onDidOpenTerminal(showSandboxed));
  ctx.own(vscode.window.onDidCloseTerminal(showSandboxed));
  showSandboxed();
  ctx.own(protectedView);
  ctx.own(findingsView);
  // The scan is heavy: it runs when the person first looks at the findings, not at startup.
  let scannedOnce = false;
  const scanWhenVisible = () => {
    if (findingsView.visible && !scannedOnce) {
      scannedOnce = true;
      void scanSecrets();
    }
  };
  ctx.own(findingsView.onDidChangeVisibility(scanWhenVisible));
  scanWhenVisible();

  const exposureTree = new ExposureTree(() => root()?.fsPath, { findings: () => feed?.findings() ?? findings, policy: () => ctx.config.policy }, ctx.output);
  registerExposure(ctx, exposureTree);

  const useSecrets = (f: SecretsFeed): void => {
    feed = f;
    findingsTree.refresh();
    protectedTree.refresh();
  };
  return { agentsTree, exposureTree, protectedTree, findingsTree, scanSecrets, useSecrets };
}
