// Per agent: guarded (its hook file sends actions to Airlock), watched only (it
// is present but has no Airlock hook, so only terminals and files are observed),
// or not connected (not found). Read from the hook files themselves, never from
// anything an agent reports.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { HOOK_AGENTS, type HookAgentId } from '../../core/action';
import { hookFileStatus } from '../../agents/install';
import { trustProblem, type TrustProblem } from '../../agents/trust';

export type AgentStatus = 'guarded' | 'watched' | 'not-connected';

/** Hook files per agent, project-relative (`~/` = home). The first that mentions the Airlock hook guards it. */
export const HOOK_FILES: Record<HookAgentId, string[]> = {
  cursor: ['.cursor/hooks.json', '~/.cursor/hooks.json'],
  claude: ['.claude/settings.json', '.claude/settings.local.json', '~/.claude/settings.json'],
  copilot: ['.github/hooks/airlock.json', '~/.copilot/hooks/airlock.json'],
  codex: ['.codex/hooks.json', '~/.codex/hooks.json'],
  gemini: ['.gemini/settings.json', '~/.gemini/settings.json'],
  windsurf: ['.windsurf/hooks.json', '~/.codeium/windsurf/hooks.json'],
  cline: ['.clinerules/hooks/PreToolUse', '~/Documents/Cline/Hooks/PreToolUse'],
};

/** Editor extensions that mean the agent is present in this editor. */
export const AGENT_EXTENSIONS: Record<HookAgentId, string[]> = {
  cursor: [],
  claude: ['anthropic.claude-code'],
  copilot: ['github.copilot-chat', 'github.copilot'],
  codex: ['openai.chatgpt'],
  gemini: ['google.geminicodeassist'],
  windsurf: ['codeium.codeium'],
  cline: ['saoudrizwan.claude-dev', 'rooveterinaryinc.roo-cline'],
};

export const AGENT_LABEL: Record<HookAgentId, string> = {
  cursor: 'Cursor',
  claude: 'Claude Code',
  copilot: 'GitHub Copilot',
  codex: 'Codex',
  gemini: 'Gemini CLI',
  windsurf: 'Windsurf',
  cline: 'Cline',
};

function resolve(file: string, root: string | undefined, home: string): string | undefined {
  if (file.startsWith('~/')) return path.join(home, file.slice(2));
  return root ? path.join(root, file) : undefined;
}

function mentionsAirlock(file: string): boolean {
  try {
    const text = fs.readFileSync(file, 'utf8');
    return /airlock(?:-hook)?(?:\.cmd)?["'\s]+(?:hook\b|--agent)|airlock-hook|\bairlock hook\b/.test(text);
  } catch {
    return false;
  }
}

export interface AgentPresence {
  /** Extension ids installed in this editor. */
  extensions: ReadonlySet<string>;
  /** The editor's own name (Cursor and Windsurf are editors). */
  appName: string;
  /** Agents seen in the activity feed this session. */
  seen: ReadonlySet<string>;
}

export function agentStatus(agent: HookAgentId, root: string | undefined, presence: AgentPresence, home = os.homedir()): { status: AgentStatus; file?: string; trust?: TrustProblem } {
  if (root) {
    try {
      const s = hookFileStatus(agent, root);
      if (s.installed) {
        // Installed but skipped by the agent (untrusted folder or hooks, hooks turned off): say so.
        const trust = trustProblem(agent, root, home);
        return { status: 'guarded', file: s.file, ...(trust ? { trust } : {}) };
      }
    } catch {
      // fall through to the plain file check
    }
  }
  for (const f of HOOK_FILES[agent]) {
    const abs = resolve(f, root, home);
    if (abs && mentionsAirlock(abs)) return { status: 'guarded', file: abs };
  }
  const app = presence.appName.toLowerCase();
  const present =
    presence.seen.has(agent) ||
    AGENT_EXTENSIONS[agent].some((id) => presence.extensions.has(id.toLowerCase())) ||
    (agent === 'cursor' && app.includes('cursor')) ||
    (agent === 'windsurf' && app.includes('windsurf'));
  return { status: present ? 'watched' : 'not-connected' };
}

export function allAgentStatuses(root: string | undefined, presence: AgentPresence, home?: string) {
  return HOOK_AGENTS.map((agent) => ({ agent, ...agentStatus(agent, root, presence, home) }));
}
