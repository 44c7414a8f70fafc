// Wires secret findings into the editor: a deferred first scan (walk and scan in a worker), re-scan
// on save, Problems-panel diagnostics, the sidebar views, quick fixes, and hiding the files found.
import * as vscode from 'vscode';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseIgnoreFile, scanText, type SecretFinding } from '../../core/secrets';
import type { AirlockContext } from '../context';
import type { GateHost } from '../gate_host';
import { Hiding } from '../hiding';
import type { Views } from '../views/register';
import type { FindingNode } from '../views/trees';
import { planMoveToEnv } from './move_to_env';
import { literalGlob } from './protection';
import { addNotASecret } from './not_a_secret';
import { FIX_COMMANDS, SecretQuickFixes, type FindingRef } from './quick_fixes';
import { WorkspaceSecrets } from './workspace_secrets';
import { noteOwnWrites } from '../watch/ownWrites';

export interface SecretsDeps {
  views: Views;
  gate(): GateHost | undefined;
}

export interface SecretsFeature {
  secrets: WorkspaceSecrets;
  hiding: Hiding;
}

/** Late enough that activation and the first paint are done; the scan itself runs off-thread. */
const FIRST_SCAN_DELAY_MS = 500;
const AIRLOCK_IGNORE = '.airlockignore';
/** Where Connect writes hooks: a change may mean an agent was connected or disconnected. */
const HOOK_FILES_GLOB = '{.cursor,.claude,.github/hooks,.codex,.gemini,.windsurf,.clinerules}/**';

export function registerSecrets(ctx: AirlockContext, deps: SecretsDeps): SecretsFeature | undefined {
  const folder = vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file');
  if (!folder) return undefined;
  const root = folder.uri;
  const log = ctx.output;
  const collection = ctx.own(vscode.languages.createDiagnosticCollection('airlock-secrets'));
  const hiding = ctx.own(
    new Hiding({ root, state: ctx.extension.workspaceState, config: () => ctx.config, gate: deps.gate, extensionPath: ctx.extension.extensionPath, log }),
  );
  const secrets = ctx.own(new WorkspaceSecrets({ root, collection, log, onScanned: (r) => void hiding.noteScan(r) }));

  // Sidebar: the findings view and a "found by the scan" group in Protected Files.
  deps.views.useSecrets({
    findings: () => secrets.store.all().map(toNode),
    scan: async () => {
      await secrets.scanAll();
      return secrets.store.live().length;
    },
    protectedGroups: () => {
      const files = hiding.findingFiles();
      return files.length ? [{ label: 'Secrets found by the scan', globs: files }] : [];
    },
  });
  let refreshTimer: ReturnType<typeof setTimeout> | undefined;
  ctx.own(
    secrets.store.onDidChange(() => {
      refreshTimer ??= setTimeout(() => {
        refreshTimer = undefined;
        deps.views.findingsTree.refresh();
        // New findings change what agents can reach: the Exposure section and its summary follow.
        void deps.views.exposureTree.refresh();
      }, 200);
    }),
  );
  ctx.own({ dispose: () => refreshTimer && clearTimeout(refreshTimer) });
  let lastRoutes = '';
  ctx.own(
    hiding.onDidChange(() => {
      deps.views.protectedTree.refresh();
      const text = hiding.routes().map((r) => `${r.kind === 'boundary' ? 'BOUNDARY' : 'hint'}: ${r.route}`).join('; ');
      if (text !== lastRoutes) log.info(`hiding ${hiding.findingFiles().length} file(s) with secrets via ${text}`);
      lastRoutes = text;
    }),
  );

  const policyProtects = (uri: vscode.Uri) => ctx.config.isProtectedPath(uri.fsPath);
  ctx.own(
    vscode.languages.registerCodeActionsProvider(
      { scheme: 'file' },
      new SecretQuickFixes({
        findingsAt: (uri) => {
          const rel = secrets.relative(uri);
          return rel === undefined ? [] : secrets.store.forFile(rel);
        },
        policyProtects,
      }),
      { providedCodeActionKinds: SecretQuickFixes.kinds },
    ),
  );

  const reg = (id: string, fn: (...args: never[]) => unknown) => ctx.own(vscode.commands.registerCommand(id, fn));

  /** Releases the file from hiding when the person resolved every live finding in it. */
  const releaseIfClean = async (uri: vscode.Uri): Promise<void> => {
    const rel = await secrets.rescan(uri);
    if (rel !== undefined && !secrets.store.forFile(rel).some((f) => !f.silenced)) {
      await hiding.release(rel);
      deps.gate()?.releaseContent(uri.fsPath);
    }
  };

  reg(FIX_COMMANDS.protect, async (uriText: string) => {
    const uri = vscode.Uri.parse(uriText);
    const rel = secrets.relative(uri);
    if (rel === undefined) return false;
    const cfg = vscode.workspace.getConfiguration('airlock', root);
    const current = cfg.inspect<string[]>('protectedPaths')?.workspaceValue ?? [];
    const glob = literalGlob(rel);
    if (!current.includes(glob)) await cfg.update('protectedPaths', [...current, glob], vscode.ConfigurationTarget.Workspace);
    void vscode.window.showInformationMessage(`Airlock: ${rel} is protected for good (added to airlock.protectedPaths in this workspace's settings). Agents are blocked or asked before touching it.`);
    return true;
  });

  reg(FIX_COMMANDS.moveToEnv, async (ref: FindingRef) => {
    const uri = vscode.Uri.parse(ref.uri);
    const rel = secrets.relative(uri);
    if (rel === undefined) return undefined;
    if (policyProtects(uri)) {
      void vscode.window.showInformationMessage(`Airlock: ${rel} is already a protected secret file; there is nothing to move.`);
      return undefined;
    }
    const doc = await vscode.workspace.openTextDocument(uri);
    // Find the finding again in the current text: the document may have changed since the scan.
    const now = scanText(rel, doc.getText(), { ignore: parseIgnoreFile('') }).filter((f) => f.rule === ref.rule && f.fingerprint === ref.fingerprint);
    const f = now.find((x) => x.line === ref.line) ?? now[0];
    if (!f) {
      void vscode.window.showWarningMessage(`Airlock: that value is no longer in ${rel}. Save the file to re-scan it.`);
      return undefined;
    }
    const envPath = path.join(root.fsPath, '.env');
    const envText = readOr(envPath, '');
    const plan = planMoveToEnv({ lineText: doc.lineAt(f.line - 1).text, column: f.column - 1, length: f.length, languageId: doc.languageId, rule: f.rule, envText });
    // .env first: if editing the source fails, the value is not lost.
    if (plan.envText !== envText) fs.writeFileSync(envPath, plan.envText, { mode: 0o600 });
    noteOwnWrites([envPath]);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, new vscode.Range(f.line - 1, plan.start, f.line - 1, plan.end), plan.replacement);
    if (!(await vscode.workspace.applyEdit(edit))) {
      void vscode.window.showErrorMessage(`Airlock: could not edit ${rel}. The value was added to .env as ${plan.name}; replace it in ${rel} yourself.`);
      return plan.name;
    }
    await doc.save();
    await releaseIfClean(uri);
    const gitignored = /^\/?\.env\s*$|^\*\*\/\.env\s*$|^\.env\*?\s*$/m.test(readOr(path.join(root.fsPath, '.gitignore'), ''));
    void vscode.window.showInformationMessage(`Airlock: ${plan.note}${gitignored ? '' : ' .env is not in .gitignore: add it so the value is not committed.'}`);
    return plan.name;
  });

  reg(FIX_COMMANDS.notASecret, async (ref: FindingRef) => {
    const uri = vscode.Uri.parse(ref.uri);
    const rel = secrets.relative(uri);
    if (rel === undefined) return false;
    const file = path.join(root.fsPath, AIRLOCK_IGNORE);
    const before = readOr(file, '');
    const after = addNotASecret(before, { fingerprint: ref.fingerprint, rule: ref.rule, file: rel, line: ref.line, date: new Date().toISOString().slice(0, 10) });
    if (after !== before) fs.writeFileSync(file, after);
    noteOwnWrites([file]);
    secrets.reloadIgnore();
    await releaseIfClean(uri);
    void vscode.window.showInformationMessage(`Airlock: ${ref.rule} in ${rel} marked as not a secret in ${AIRLOCK_IGNORE} (remove that line to undo). It stays listed as silenced.`);
    return true;
  });

  reg('airlock.showHiding', async () => {
    const files = hiding.findingFiles();
    const items: vscode.QuickPickItem[] = [
      { label: `${files.length} file(s) hidden because a secret was found in them`, detail: files.slice(0, 20).join(', ') || 'none so far' },
      ...hiding.routes().map((r) => ({
        label: `${r.kind === 'boundary' ? '$(shield)' : '$(info)'} ${r.route}`,
        description: r.kind === 'boundary' ? 'real boundary' : 'hint only',
        detail: r.detail,
      })),
    ];
    await vscode.window.showQuickPick(items, { title: 'How Airlock hides secret files from agents', placeHolder: 'Only the hooks stop an agent; ignore files are hints its shell can read around' });
  });

  ctx.own(
    vscode.workspace.onDidSaveTextDocument((doc) => {
      const rel = secrets.relative(doc.uri);
      if (rel === undefined) return;
      if (rel === AIRLOCK_IGNORE) {
        secrets.reloadIgnore();
        void secrets.scanAll();
      } else void secrets.rescan(doc.uri);
    }),
  );
  ctx.own(vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('airlock') && hiding.schedule()));
  const hookFiles = ctx.own(vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, HOOK_FILES_GLOB)));
  ctx.own(hookFiles.onDidCreate(() => hiding.schedule()));
  ctx.own(hookFiles.onDidChange(() => hiding.schedule()));
  ctx.own(hookFiles.onDidDelete(() => hiding.schedule()));

  const first = setTimeout(() => void secrets.scanAll(), FIRST_SCAN_DELAY_MS);
  ctx.own({ dispose: () => clearTimeout(first) });
  hiding.schedule(FIRST_SCAN_DELAY_MS);
  return { secrets, hiding };
}

function toNode(f: SecretFinding): FindingNode {
  return { file: f.file, line: f.line, column: f.column, rule: f.rule, reason: f.reason, severity: f.severity, secret: f.secret, silenced: f.silenced !== undefined };
}

function readOr(file: string, fallback: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return fallback;
  }
}
