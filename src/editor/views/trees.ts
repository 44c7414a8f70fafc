// The three tree views under the activity sidebar: connected agents, protected
// files, secret findings. Native trees: keyboard and screen readers work as in
// every other VS Code view.
import * as vscode from 'vscode';
import type { HookAgentId } from '../../core/action';
import { AGENT_LABEL, type AgentStatus } from './agentStatus';
import type { TrustProblem } from '../../agents/trust';

const STATUS_TEXT: Record<AgentStatus, string> = {
  guarded: 'guarded',
  watched: 'watched only',
  'not-connected': 'not connected',
};

const STATUS_ICON: Record<AgentStatus, vscode.ThemeIcon> = {
  guarded: new vscode.ThemeIcon('shield', new vscode.ThemeColor('testing.iconPassed')),
  watched: new vscode.ThemeIcon('eye', new vscode.ThemeColor('editorWarning.foreground')),
  'not-connected': new vscode.ThemeIcon('circle-outline'),
};

export interface AgentNode {
  agent: HookAgentId;
  status: AgentStatus;
  file?: string;
  /** The hook is there, but the agent will skip it until the person fixes this. */
  trust?: TrustProblem;
}

export class AgentsTree implements vscode.TreeDataProvider<AgentNode> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly source: () => AgentNode[]) {}

  refresh(): void {
    this.changed.fire();
  }

  getChildren(): AgentNode[] {
    return this.source();
  }

  getTreeItem(n: AgentNode): vscode.TreeItem {
    const item = new vscode.TreeItem(AGENT_LABEL[n.agent]);
    item.description = STATUS_TEXT[n.status];
    item.iconPath = STATUS_ICON[n.status];
    item.contextValue = `agent.${n.status}`;
    item.id = `agent.${n.agent}`;
    item.tooltip =
      n.status === 'guarded'
        ? `${AGENT_LABEL[n.agent]} asks Airlock before acting (hook in ${n.file}).`
        : n.status === 'watched'
          ? `${AGENT_LABEL[n.agent]} is here but has no Airlock hook: its terminal commands and file changes are only observed, not stopped. Connect it to guard it.`
          : `${AGENT_LABEL[n.agent]} was not found. Connect installs the hook anyway, for when you use it.`;
    if (n.trust) {
      item.description = `${STATUS_TEXT[n.status]}: hook ignored until trusted`;
      item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('editorWarning.foreground'));
      item.contextValue = `agent.${n.status}.untrusted`;
      item.tooltip = `${AGENT_LABEL[n.agent]}: ${n.trust.problem}.\nFix: ${n.trust.fix}.`;
    }
    item.accessibilityInformation = { label: `${AGENT_LABEL[n.agent]}: ${n.trust ? `${STATUS_TEXT[n.status]}, hook ignored until trusted` : STATUS_TEXT[n.status]}` };
    if (n.status !== 'guarded') item.command = { command: 'airlock.connectAgent', title: 'Connect', arguments: [n.agent] };
    return item;
  }
}

export type ProtectedNode =
  | { type: 'group'; label: string; globs: readonly string[] }
  | { type: 'glob'; glob: string }
  | { type: 'file'; uri: vscode.Uri };

/** Workspace search pattern for a policy glob (a glob without a slash matches the name in any folder). */
function searchPattern(glob: string): string | undefined {
  if (glob.startsWith('~/') || glob.startsWith('/') || /^[A-Za-z]:/.test(glob)) return undefined; // outside the workspace
  return glob.includes('/') && !glob.startsWith('**/') ? glob : glob.startsWith('**/') ? glob : `**/${glob}`;
}

export class ProtectedTree implements vscode.TreeDataProvider<ProtectedNode> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private cache = new Map<string, vscode.Uri[]>();

  constructor(private readonly groups: () => Array<{ label: string; globs: readonly string[] }>) {}

  refresh(): void {
    this.cache.clear();
    this.changed.fire();
  }

  async getChildren(el?: ProtectedNode): Promise<ProtectedNode[]> {
    if (!el) return this.groups().map((g) => ({ type: 'group', ...g }));
    if (el.type === 'group') return el.globs.map((glob) => ({ type: 'glob', glob }));
    if (el.type === 'file') return [];
    const pattern = searchPattern(el.glob);
    if (!pattern) return [];
    let found = this.cache.get(pattern);
    if (!found) {
      found = await vscode.workspace.findFiles(pattern, '**/node_modules/**', 200);
      this.cache.set(pattern, found);
    }
    return found.map((uri) => ({ type: 'file', uri }));
  }

  getTreeItem(el: ProtectedNode): vscode.TreeItem {
    if (el.type === 'file') {
      const item = new vscode.TreeItem(el.uri, vscode.TreeItemCollapsibleState.None);
      item.description = vscode.workspace.asRelativePath(el.uri, false);
      item.command = { command: 'vscode.open', title: 'Open', arguments: [el.uri] };
      item.contextValue = 'protectedFile';
      return item;
    }
    if (el.type === 'group') {
      const item = new vscode.TreeItem(el.label, vscode.TreeItemCollapsibleState.Collapsed);
      item.iconPath = new vscode.ThemeIcon('shield');
      item.description = `${el.globs.length} pattern${el.globs.length === 1 ? '' : 's'}`;
      return item;
    }
    const outside = !searchPattern(el.glob);
    const item = new vscode.TreeItem(el.glob, outside ? vscode.TreeItemCollapsibleState.None : vscode.TreeItemCollapsibleState.Collapsed);
    item.iconPath = new vscode.ThemeIcon('lock');
    item.contextValue = 'protectedGlob';
    if (outside) item.description = 'outside the workspace';
    item.tooltip = 'Agents are asked before reading, writing or deleting files that match this pattern; changes on disk raise an alert.';
    return item;
  }
}

export interface FindingNode {
  file: string;
  line: number;
  column: number;
  rule: string;
  reason: string;
  severity: string;
  /** Redacted preview, never the value. */
  secret: string;
  silenced?: boolean;
}

export class FindingsTree implements vscode.TreeDataProvider<FindingNode | string> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(
    private readonly source: () => FindingNode[],
    private readonly root: () => vscode.Uri | undefined,
  ) {}

  refresh(): void {
    this.changed.fire();
  }

  getChildren(el?: FindingNode | string): Array<FindingNode | string> {
    const all = this.source().filter((f) => !f.silenced);
    if (el === undefined) return [...new Set(all.map((f) => f.file))].sort();
    if (typeof el === 'string') return all.filter((f) => f.file === el).sort((a, b) => a.line - b.line);
    return [];
  }

  getTreeItem(el: FindingNode | string): vscode.TreeItem {
    const root = this.root();
    if (typeof el === 'string') {
      const item = new vscode.TreeItem(el, vscode.TreeItemCollapsibleState.Expanded);
      item.iconPath = new vscode.ThemeIcon('file');
      if (root) item.resourceUri = vscode.Uri.joinPath(root, el);
      item.description = `${this.source().filter((f) => f.file === el && !f.silenced).length} secret(s)`;
      return item;
    }
    const item = new vscode.TreeItem(`${el.rule}: ${el.secret}`);
    item.description = `line ${el.line}`;
    item.tooltip = `${el.reason} (${el.severity}). Agents are asked before reading this file.`;
    item.iconPath = new vscode.ThemeIcon('key', new vscode.ThemeColor('problemsWarningIcon.foreground'));
    if (root) {
      const pos = new vscode.Position(Math.max(0, el.line - 1), Math.max(0, el.column - 1));
      item.command = { command: 'vscode.open', title: 'Open', arguments: [vscode.Uri.joinPath(root, el.file), { selection: new vscode.Range(pos, pos) }] };
    }
    return item;
  }
}
