// Tamper resistance for hook entries: Airlock remembers which agents a person connected in each
// workspace, and the extension calls restoreMissing() when a hook file changes or disappears.
// An agent that edits its own hook file away gets it put back (and the person is told).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { HOOK_AGENTS, type HookAgentId } from '../../core/action';
import { ensurePrivateDir, stateDir, writeFileAtomic } from '../../gate/state_dir';

type Connected = Record<string, HookAgentId[]>;

function file(root: string): string {
  return path.join(root, 'connected.json');
}

function load(root: string): Connected {
  try {
    const c = JSON.parse(fs.readFileSync(file(root), 'utf8')) as unknown;
    return c && typeof c === 'object' ? (c as Connected) : {};
  } catch {
    return {};
  }
}

export function connectedAgents(workspace: string, root: string = stateDir()): HookAgentId[] {
  const list = load(root)[path.resolve(workspace)] ?? [];
  return list.filter((a) => (HOOK_AGENTS as readonly string[]).includes(a));
}

export function markConnected(workspace: string, agents: readonly HookAgentId[], connected: boolean, root: string = stateDir()): void {
  const c = load(root);
  const key = path.resolve(workspace);
  const set = new Set(c[key] ?? []);
  for (const a of agents) connected ? set.add(a) : set.delete(a);
  if (set.size) c[key] = [...set].sort();
  else delete c[key];
  ensurePrivateDir(root);
  writeFileAtomic(file(root), `${JSON.stringify(c, null, 2)}\n`);
}
