// Thin activate(): build one AirlockContext, then register every feature
// through it. Nothing slow happens here: the gate starts, the audit log opens
// and the secret scan runs after activation returns (or when first needed).
import * as vscode from 'vscode';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { VERSION } from '../version';
import { Config } from './config';
import type { AirlockContext } from './context';
import { AuditLog, fileHeadStore, headCopyFile } from '../gate/audit';
import { stateDir, statePaths } from '../gate/state_dir';
import { importOfflineDecisions } from './offlineImport';
import { interruptedEvent } from './lockdown/interrupted';
import { globalStateHeadStore } from './auditHead';
import { ActivityHub } from './activity/hub';
import { ActivityView, ACTIVITY_VIEW_ID } from './activity/activityView';
import type { FromView, ViewState } from './activity/protocol';
import { ModalApprovals } from './approvals/modalApprovals';
import { KillSwitch } from './lockdown/killSwitch';
import { StatusShield } from './status/statusBar';
import { RecentHookCommands } from './watch/hookSeen';
import { watchTerminals, type TerminalWatch } from './watch/terminalWatch';
import { watchFiles } from './watch/fileWatch';
import { applyEnvBlanking } from './watch/envBlanking';
import { registerViews } from './views/register';
import { registerSandboxTerminal } from './sandbox_terminal';
import { registerCommands } from './commands';
import { registerSecrets } from './secrets/register';
import { startGate, UNCLASSIFIED, type GateLink } from './gateLink';
import { testApi, type AirlockTestApi } from './testApi';

export interface AirlockApi {
  version: string;
  /** How long activate() took, in ms (shown in the output channel; read by the benchmark). */
  activationMs: number;
  /** For the extension's own integration tests: display-only helpers, nothing that decides. */
  test: AirlockTestApi;
}

function auditFile(extension: vscode.ExtensionContext): string {
  // Per workspace: VS Code opens a workspace in one window at a time, so each log has one writer.
  if (extension.storageUri) return path.join(extension.storageUri.fsPath, 'audit.jsonl');
  // Windows without a folder share the global store: one file per window session keeps one writer each.
  return path.join(extension.globalStorageUri.fsPath, 'no-folder', `audit-${vscode.env.sessionId.replace(/[^\w-]/g, '')}.jsonl`);
}

export function activate(extension: vscode.ExtensionContext): AirlockApi {
  const started = performance.now();
  const output = vscode.window.createOutputChannel('Airlock', { log: true });
  extension.subscriptions.push(output);
  const ctx: AirlockContext = {
    extension,
    output,
    config: Config.read(),
    own: (d) => {
      extension.subscriptions.push(d);
      return d;
    },
  };
  ctx.own(vscode.workspace.onDidChangeConfiguration((e) => Config.affects(e) && (ctx.config = Config.read())));

  const logFile = auditFile(extension);
  const audit = new AuditLog({
    file: logFile,
    onError: (err) => output.error(`audit log: ${String(err)}`),
    // Two more copies of the head, out of reach of anything that only knows the log's name.
    headCopies: [fileHeadStore("the state dir's copy", headCopyFile(statePaths().auditHeads, logFile)), globalStateHeadStore(extension.globalState, logFile)],
    onTruncated: (message) => {
      output.error(message);
      void vscode.window.showErrorMessage(`Airlock: ${message} An alert entry now records it.`);
    },
  });
  const hub = ctx.own(new ActivityHub(ctx.config.activityMaxEntries, audit, (m) => output.warn(m)));
  const hookCommands = new RecentHookCommands();
  let gate: GateLink | undefined;
  let gateProblem: string | undefined = 'starting';

  // Declared before use by the closures below; assigned right after.
  let killSwitch: KillSwitch;
  let terminals: TerminalWatch | undefined;
  const approvals = ctx.own(
    new ModalApprovals(
      () => killSwitch.isEngaged,
      (req, answer) => hub.setAnswer(req.id, answer),
    ),
  );
  killSwitch = ctx.own(
    new KillSwitch({
      log: output,
      graceMs: () => ctx.config.killGraceMs,
      denyPending: () => {
        approvals.denyAll();
        gate?.abortPending();
      },
      audit: (kind, data) => void audit.append(kind, data).catch((err: unknown) => output.error(`audit log: ${String(err)}`)),
      interrupted: (t, why) => {
        // The rows of the commands it was running, or one row for the terminal when none was seen start.
        if (terminals?.interrupted(t, why)) return;
        hub.onEvent(interruptedEvent({ kind: 'shell', command: `(what was running in terminal "${t.name}")`, agent: 'terminal', tool: t.name }, why));
      },
    }),
  );
  killSwitch.publish();

  const status = ctx.own(new StatusShield());
  const refreshStatus = () =>
    status.update(killSwitch.isEngaged ? 'lockdown' : gateProblem && gateProblem !== 'starting' ? 'off' : 'armed', hub.counts.view(Date.now()), gateProblem);

  const viewState = (): ViewState => ({
    lockdown: killSwitch.view(),
    waiting: approvals.waiting(),
    sessionRules: approvals.sessionRules.list(),
    counts: hub.counts.view(Date.now()),
    capacity: hub.capacity,
  });
  const onViewMessage = (msg: FromView) => {
    switch (msg.type) {
      case 'kill':
        void vscode.commands.executeCommand('airlock.killAll');
        break;
      case 'release':
        void vscode.commands.executeCommand('airlock.releaseLockdown');
        break;
      case 'allowRuleForSession': {
        // Only for a rule the person is looking at: an ask, on a row we showed, not production.
        const row = hub.rows().find((r) => r.id === msg.rowId);
        if (!row || row.decision !== 'ask' || row.environment === 'production' || !row.rules.includes(msg.rule)) break;
        approvals.allowForSession(msg.rule);
        void audit.append('session-rule', { rule: msg.rule, granted: true, fromRow: msg.rowId });
        break;
      }
      case 'revokeSessionRule':
        approvals.revoke(msg.rule);
        void audit.append('session-rule', { rule: msg.rule, granted: false });
        break;
      case 'exportAudit':
        void vscode.commands.executeCommand('airlock.exportAuditLog');
        break;
      default:
        break;
    }
  };
  const view = ctx.own(new ActivityView(extension.extensionUri, hub, { state: viewState, onMessage: onViewMessage }));
  ctx.own(vscode.window.registerWebviewViewProvider(ACTIVITY_VIEW_ID, view));

  // Every state change reaches the status bar and the sidebar header.
  const stateChanged = () => {
    refreshStatus();
    view.refreshState();
  };
  // Counts change with every action: refresh them at most a few times a second, so a
  // burst of thousands of events costs a handful of status-bar and header updates.
  let countsTimer: ReturnType<typeof setTimeout> | undefined;
  ctx.own(
    hub.onCounts(() => {
      countsTimer ??= setTimeout(() => {
        countsTimer = undefined;
        stateChanged();
      }, 250);
    }),
  );
  ctx.own({ dispose: () => countsTimer && clearTimeout(countsTimer) });
  ctx.own(approvals.onChange(stateChanged));
  ctx.own(killSwitch.onDidChange(stateChanged));
  refreshStatus();

  // Shell commands the hooks asked about: a terminal command matching one is not "unseen".
  ctx.own(
    hub.onRow((row) => {
      if (row.phase === 'pre' && (row.kind === 'shell' || row.kind === 'terminal') && row.agent !== 'terminal') hookCommands.record(row.full, row.time);
    }),
  );

  const views = registerViews(ctx, hub);
  ctx.own(views.exposureTree.onSummary((line) => status.setExposure(line)));

  terminals = ctx.own(
    watchTerminals({
      classify: (a) => (gate ? gate.classify(a) : UNCLASSIFIED(a)),
      report: (e) => hub.onEvent(e),
      hookCommands,
      isLockdown: () => killSwitch.isEngaged,
      graceMs: () => ctx.config.killGraceMs,
      enabled: () => ctx.config.watchTerminals,
      log: output,
      workspaceRoot: () => vscode.workspace.workspaceFolders?.[0]?.uri.fsPath,
    }),
  );
  const fileWatch = ctx.own(
    watchFiles({
      report: (e) => hub.onEvent(e),
      isProtected: (p) => ctx.config.isProtectedPath(p),
      massDelete: () => ({ count: ctx.config.massDeleteCount, seconds: ctx.config.massDeleteSeconds }),
      enabled: () => ctx.config.watchFiles,
      log: output,
    }),
  );

  const blank = () => {
    const names = applyEnvBlanking(extension.environmentVariableCollection, ctx.config.blankCredentialVariables, (n) => ctx.config.isCredentialVariable(n));
    if (names.length) output.info(`new terminals get these credential variables blanked: ${names.join(', ')}`);
    return names;
  };
  let blanked = blank();
  ctx.own(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (Config.affects(e, 'terminal') || Config.affects(e, 'credentialEnvPatterns')) blanked = blank();
      if (Config.affects(e, 'activity.maxEntries')) hub.resize(ctx.config.activityMaxEntries);
      if (Config.affects(e, 'protectedPaths') || Config.affects(e, 'unprotectedPaths')) views.protectedTree.refresh();
    }),
  );

  registerCommands(ctx, { hub, view, killSwitch, audit, approvals, views });
  registerSandboxTerminal(ctx);
  registerSecrets(ctx, { views, gate: () => gate });

  // Deferred: what the hook decided while no editor answered, then the socket server and the registry entry.
  setTimeout(() => {
    importOfflineDecisions({
      root: stateDir(),
      audit,
      listener: hub,
      state: extension.globalState,
      warn: (m) => {
        output.warn(m);
        void vscode.window.showWarningMessage(`Airlock: ${m}`);
      },
    }).then(
      (n) => n && output.info(`imported ${n} decisions the hook made while no editor answered`),
      (err: unknown) => output.error(`offline log: ${String(err)}`),
    );
    startGate({ extension, ui: approvals, listener: hub, isLockdown: () => killSwitch.isEngaged, log: output }).then(
      (g) => {
        gate = g;
        gateProblem = undefined;
        ctx.own(g);
        for (const e of g.policyErrors) output.warn(`policy: ${e}`);
        refreshStatus();
      },
      (err: unknown) => {
        gateProblem = `The decision service could not start: ${err instanceof Error ? err.message : String(err)}`;
        output.error(gateProblem);
        refreshStatus();
      },
    );
  }, 0);

  const activationMs = performance.now() - started;
  output.info(`Airlock ${VERSION} active in ${Math.round(activationMs)} ms${killSwitch.isEngaged ? ' (LOCKDOWN is on)' : ''}`);
  return {
    version: VERSION,
    activationMs,
    test: testApi({ hub, view, killSwitch, approvals, status, blanked: () => blanked, reblank: () => (blanked = blank()), audit, knownFilesUnder: (dir) => fileWatch.knownUnder(dir) }),
  };
}

export function deactivate(): void {}
