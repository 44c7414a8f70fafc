// The Exposure section: every credential an agent working here could reach (the same report as
// `airlock exposure`), what it can do, who can reach it, and one fix per line: Hide from agents,
// Protect, Open (to move the value out with the quick fix), and "Make a narrower token" (the
// provider's page; no network call of our own).
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { isProductionWide, summaryLine, type ExposureItem, type ExposureReport } from '../../core/exposure/report';
import type { Policy } from '../../core/policy/schema';
import { collectExposure, type KnownFinding } from '../../exposure/collect';
import type { AirlockContext } from '../context';

export interface ExposureFeed {
  /** The findings the secret scan has now (the view never scans on its own). */
  findings(): readonly KnownFinding[];
  policy(): Policy | undefined;
}

function reachText(i: ExposureItem): string {
  const open = i.reach.filter((r) => r.how === 'open').map((r) => r.agent);
  const covered = i.reach.filter((r) => r.how !== 'open').map((r) => `${r.agent} ${r.how}`);
  if (open.length === 0) return 'no agent can read it unasked';
  return `open to ${open.length === i.reach.length ? 'every agent' : open.join(', ')}${covered.length ? `; ${covered.join(', ')}` : ''}`;
}

export class ExposureTree implements vscode.TreeDataProvider<ExposureItem> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private report: ExposureReport | undefined;
  private running: Promise<ExposureReport | undefined> | undefined;
  private readonly summaryChanged = new vscode.EventEmitter<string>();
  /** Fires with "N credentials reachable by agents, M look production-wide." on every refresh. */
  readonly onSummary = this.summaryChanged.event;

  constructor(
    private readonly root: () => string | undefined,
    private readonly feed: ExposureFeed,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  get current(): ExposureReport | undefined {
    return this.report;
  }

  refresh(): Promise<ExposureReport | undefined> {
    const ws = this.root();
    if (!ws) return Promise.resolve(undefined);
    this.running ??= collectExposure({ workspace: ws, home: os.homedir(), env: process.env, findings: this.feed.findings(), ...(this.feed.policy() ? { policy: this.feed.policy()! } : {}) })
      .then(
        (r) => {
          this.report = r;
          this.changed.fire();
          this.summaryChanged.fire(summaryLine(r.summary));
          return r;
        },
        (err: unknown) => {
          this.log.error(`exposure: ${err instanceof Error ? err.message : String(err)}`);
          return undefined;
        },
      )
      .finally(() => (this.running = undefined));
    return this.running;
  }

  getTreeItem(i: ExposureItem): vscode.TreeItem {
    const item = new vscode.TreeItem(i.label, vscode.TreeItemCollapsibleState.None);
    const tags = [i.scope !== 'unknown' ? i.scope : '', i.infrastructure ? 'infrastructure' : '', i.production ? 'PRODUCTION' : ''].filter(Boolean);
    item.description = `${tags.length ? `${tags.join(' · ')} · ` : ''}${reachText(i)}`;
    const md = new vscode.MarkdownString(undefined, true);
    md.appendMarkdown(`**${i.label}**\n\n`);
    md.appendMarkdown(`At \`${i.location}\`${i.preview ? ` (${i.preview})` : ''}${i.detail ? `: ${i.detail}` : ''}\n\n`);
    if (i.infrastructure) md.appendMarkdown('An account-wide infrastructure token: the kind an agent used to delete a production volume in nine seconds.\n\n');
    md.appendMarkdown(`Reach: ${reachText(i)}\n\n`);
    for (const f of i.fixes) md.appendMarkdown(`- ${f.label}${f.url ? ` ([docs](${f.url}))` : ''}\n`);
    item.tooltip = md;
    item.iconPath = new vscode.ThemeIcon(isProductionWide(i) ? 'warning' : 'key', isProductionWide(i) ? new vscode.ThemeColor('list.warningForeground') : undefined);
    item.contextValue = `exposure.${i.source}${i.fixes.some((f) => f.action === 'scope') ? '.scopable' : ''}`;
    item.id = i.id;
    item.accessibilityInformation = { label: `${i.label}, ${item.description}` };
    if (i.source === 'workspace-file' || i.source === 'protected-file') {
      const ws = this.root();
      if (ws) item.command = { command: 'vscode.open', title: 'Open', arguments: [vscode.Uri.file(path.join(ws, i.location))] };
    }
    return item;
  }

  getChildren(parent?: ExposureItem): ExposureItem[] {
    if (parent) return [];
    if (!this.report && !this.running) void this.refresh();
    // Worst first: what can reach production, then what is open to an agent.
    return [...(this.report?.items ?? [])].sort((a, b) => Number(isProductionWide(b)) - Number(isProductionWide(a)) || b.reach.filter((r) => r.how === 'open').length - a.reach.filter((r) => r.how === 'open').length);
  }
}

/** Paths for protectedPaths: workspace files as they are, home stores as `~/…` globs (folders: everything under them). */
function protectGlob(i: ExposureItem): string | undefined {
  if (i.source === 'workspace-file' || i.source === 'protected-file') return i.location;
  if (i.source === 'home-store') return i.location.endsWith('/') ? `${i.location}**` : i.location;
  return undefined;
}

async function addProtected(glob: string, target: vscode.ConfigurationTarget): Promise<void> {
  const cfg = vscode.workspace.getConfiguration('airlock');
  const inspected = cfg.inspect<string[]>('protectedPaths');
  const current = (target === vscode.ConfigurationTarget.Global ? inspected?.globalValue : inspected?.workspaceValue) ?? [];
  if (!current.includes(glob)) await cfg.update('protectedPaths', [...current, glob], target);
}

export function registerExposure(ctx: AirlockContext, tree: ExposureTree): void {
  const view = vscode.window.createTreeView('airlock.exposure', { treeDataProvider: tree, showCollapseAll: false });
  ctx.own(view);
  ctx.own(tree.onSummary((line) => (view.message = line)));
  const reg = (id: string, fn: (...args: never[]) => unknown) => ctx.own(vscode.commands.registerCommand(id, fn));
  reg('airlock.refreshExposure', () => tree.refresh().then((r) => r?.summary.reachable ?? 0));
  reg('airlock.showExposure', async () => {
    await vscode.commands.executeCommand('airlock.exposure.focus');
    return tree.refresh().then((r) => r?.summary.reachable ?? 0);
  });
  // Hide: agents' own ignore files for every agent (not only connected ones), the path protected, and for
  // variables, blanking in new terminals. A person's click; each change is a setting they can see and undo.
  reg('airlock.exposure.hide', async (i: ExposureItem | undefined) => {
    if (!i) return false;
    const cfg = vscode.workspace.getConfiguration('airlock');
    if (i.source === 'environment') {
      if (cfg.get('terminal.blankCredentialVariables') !== true) await cfg.update('terminal.blankCredentialVariables', true, vscode.ConfigurationTarget.Global);
    } else {
      const glob = protectGlob(i);
      if (glob) await addProtected(glob, i.source === 'home-store' ? vscode.ConfigurationTarget.Global : vscode.ConfigurationTarget.Workspace);
      if (cfg.get('hiding.ignoreFiles') !== 'all') await cfg.update('hiding.ignoreFiles', 'all', vscode.ConfigurationTarget.Global);
    }
    ctx.output.info(`exposure: hid ${i.location} from agents`);
    // The hiding feature writes the ignore files on the settings change; read the result once it has.
    await new Promise((r) => setTimeout(r, 500));
    await tree.refresh();
    return true;
  });
  reg('airlock.exposure.protect', async (i: ExposureItem | undefined) => {
    const glob = i && protectGlob(i);
    if (!glob) return false;
    await addProtected(glob, i.source === 'home-store' ? vscode.ConfigurationTarget.Global : vscode.ConfigurationTarget.Workspace);
    await tree.refresh();
    return true;
  });
  reg('airlock.exposure.scope', async (i: ExposureItem | undefined) => {
    const url = i?.fixes.find((f) => f.action === 'scope')?.url;
    if (url) await vscode.env.openExternal(vscode.Uri.parse(url));
    return url !== undefined;
  });
  const refreshSoon = (() => {
    let t: NodeJS.Timeout | undefined;
    return () => {
      if (t) clearTimeout(t);
      t = setTimeout(() => void tree.refresh(), 1000);
    };
  })();
  ctx.own(vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('airlock') && refreshSoon()));
  ctx.own({ dispose: () => undefined });
  ctx.own(view.onDidChangeVisibility((e) => e.visible && refreshSoon()));
}
