// Hiding secret files from agents by every route Airlock controls. The protected set is the
// policy's (built-in secret paths + `airlock.protectedPaths`) plus every file where the scanner
// found a live credential, until the person says otherwise. It reaches:
//   - the hooks (a real boundary): the gate's classify policy and the offline policy snapshot;
//   - agents' own ignore files and Claude Code's permissions.deny (hints: shells read around them);
//   - optionally files.exclude / search.exclude (hides from the person too; not a boundary).
import * as vscode from 'vscode';
import * as path from 'node:path';
import { HOOK_AGENTS, type HookAgentId } from '../core/action';
import { SECRET_PATH_GLOBS } from '../core/policy';
import { connectAgents, hookFileStatus } from '../agents/install';
import { IGNORE_TARGETS, removeIgnoreFiles, syncIgnoreFiles } from '../agents/ignore_files';
import type { Config } from './config';
import type { GateHost } from './gate_host';
import { gateGlobFor, ignoreLineFor, IGNORE_FILES_BY_AGENT, rememberFindings, releaseFile, workspaceGlobs, type HidingRoute, type ScanOutcome } from './secrets/protection';
import { noteOwnWrites } from './watch/ownWrites';

const REMEMBERED_KEY = 'airlock.secretFiles';
const EXCLUDED_KEY = 'airlock.editorExcluded';

export interface HidingOptions {
  root: vscode.Uri;
  state: vscode.Memento;
  config(): Config;
  gate(): GateHost | undefined;
  extensionPath: string;
  log: vscode.LogOutputChannel;
}

export class Hiding implements vscode.Disposable {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private gateTimer: ReturnType<typeof setTimeout> | undefined;
  private lastClaude = '';
  private routesNow: HidingRoute[] = [];
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly opts: HidingOptions) {}

  /** Files protected because a live credential was found in them (workspace-relative). */
  findingFiles(): string[] {
    return this.opts.state.get<string[]>(REMEMBERED_KEY, []);
  }

  /** A scan finished: files with live findings join the set; scanned files with no finding left leave it. */
  async noteScan(scan: ScanOutcome): Promise<void> {
    const before = this.findingFiles();
    const next = rememberFindings(before, scan);
    if (next.join('\n') !== before.join('\n')) await this.opts.state.update(REMEMBERED_KEY, next);
    this.schedule(0);
  }

  /** The person said this file is not (or no longer) a secret store. */
  async release(rel: string): Promise<void> {
    await this.opts.state.update(REMEMBERED_KEY, releaseFile(this.findingFiles(), rel));
    this.schedule(0);
  }

  routes(): readonly HidingRoute[] {
    return this.routesNow;
  }

  /** Re-mirror soon (settings or connected agents changed). */
  schedule(delayMs = 300): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.sync();
    }, delayMs);
  }

  async sync(): Promise<void> {
    const root = this.opts.root.fsPath;
    const files = this.findingFiles();
    const routes: HidingRoute[] = [];
    const connected = HOOK_AGENTS.filter((a) => safeInstalled(a, root));

    // 1. The boundary: the gate and the offline snapshot.
    this.pushToGate();
    routes.push({
      route: 'Agent hooks',
      kind: 'boundary',
      detail: connected.length
        ? `Connected: ${connected.join(', ')}. Reads, searches, edits and shell commands that touch a protected file are blocked or asked before they run.`
        : 'No agent is connected yet: connect one so its reads and commands are checked before they run.',
    });

    // 2. Hints: agents' own ignore files and Claude's permissions.deny.
    const mode = this.opts.config().hidingIgnoreFiles;
    const policyGlobs = [...SECRET_PATH_GLOBS, ...this.opts.config().policy.protectedPaths];
    const findingLines = files.map(ignoreLineFor);
    const ignoreLines = [
      // No `!.env.example` re-includes: a negation in our block could re-include the person's own lines above it.
      ...workspaceGlobs(SECRET_PATH_GLOBS),
      ...workspaceGlobs(this.opts.config().policy.protectedPaths),
      ...findingLines,
    ];
    const wanted = new Set<string>(mode === 'all' ? IGNORE_TARGETS.map((t) => t.file) : mode === 'connected' ? connected.flatMap((a) => IGNORE_FILES_BY_AGENT[a] ?? []) : []);
    try {
      const written = syncIgnoreFiles(root, ignoreLines, IGNORE_TARGETS.filter((t) => wanted.has(t.file)));
      removeIgnoreFiles(root, IGNORE_TARGETS.filter((t) => !wanted.has(t.file)));
      for (const w of written) if (w.action !== 'unchanged') this.opts.log.info(`hiding: ${w.action} ${w.file}`);
      noteOwnWrites(written.map((w) => path.resolve(root, w.file)));
      for (const t of IGNORE_TARGETS.filter((x) => wanted.has(x.file))) routes.push({ route: `${t.file} (${t.agent})`, kind: 'hint', detail: t.covers });
    } catch (err) {
      this.opts.log.warn(`hiding: could not write ignore files: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (mode !== 'off' && connected.includes('claude')) {
      const patterns = [...workspaceGlobs(policyGlobs), ...findingLines];
      const key = patterns.join('\n');
      if (key !== this.lastClaude) {
        try {
          const results = connectAgents({ workspace: root, agents: ['claude'], protectedPaths: patterns, cliJs: path.join(this.opts.extensionPath, 'dist', 'cli.js'), runtime: process.execPath });
          noteOwnWrites(results.map((r) => r.file));
          this.lastClaude = key;
        } catch (err) {
          this.opts.log.warn(`hiding: could not update Claude's permissions.deny: ${err instanceof Error ? err.message : String(err)}`);
        }
      }
      routes.push({ route: 'Claude Code permissions.deny Read(...)', kind: 'hint', detail: "Claude's own file tools refuse these paths; its shell can still read around them (the hook catches that)." });
    }

    // 3. Optional: the editor's own excludes.
    await this.syncEditorExclude(files);
    if (this.opts.config().hidingEditorExclude) {
      routes.push({ route: 'files.exclude / search.exclude', kind: 'hint', detail: 'Hidden from the Explorer and search in this editor (from you too); agents are not stopped by it.' });
    }
    this.routesNow = routes;
    this.changed.fire();
  }

  /** The gate starts after activation returns: until it is up, try again shortly (only this part). */
  private pushToGate(): void {
    if (this.gateTimer) clearTimeout(this.gateTimer);
    this.gateTimer = undefined;
    const gate = this.opts.gate();
    if (gate) gate.setExtraProtectedPaths(this.findingFiles().map((f) => gateGlobFor(this.opts.root.fsPath, f)));
    else this.gateTimer = setTimeout(() => this.pushToGate(), 250);
  }

  private async syncEditorExclude(files: readonly string[]): Promise<void> {
    const on = this.opts.config().hidingEditorExclude;
    const before = this.opts.state.get<string[]>(EXCLUDED_KEY, []);
    const next = on ? [...files] : [];
    if (next.join('\n') === before.join('\n')) return;
    for (const section of ['files.exclude', 'search.exclude']) {
      const [group, key] = section.split('.') as [string, string];
      const cfg = vscode.workspace.getConfiguration(group, this.opts.root);
      const current = { ...(cfg.inspect<Record<string, boolean>>(key)?.workspaceValue ?? {}) };
      for (const f of before) if (current[f] === true) delete current[f];
      for (const f of next) current[f] = true;
      try {
        await cfg.update(key, Object.keys(current).length ? current : undefined, vscode.ConfigurationTarget.Workspace);
      } catch (err) {
        this.opts.log.warn(`hiding: could not update ${section}: ${err instanceof Error ? err.message : String(err)}`);
        return;
      }
    }
    await this.opts.state.update(EXCLUDED_KEY, next);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.gateTimer) clearTimeout(this.gateTimer);
    this.changed.dispose();
  }
}

function safeInstalled(agent: HookAgentId, root: string): boolean {
  try {
    return hookFileStatus(agent, root).installed;
  } catch {
    return false;
  }
}
