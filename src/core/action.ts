// The vocabulary every layer shares: what an agent wants to do (AgentAction) and
// what Airlock says about it (Verdict). Pure types and tiny helpers only.

export const AGENT_IDS = ['cursor', 'claude', 'copilot', 'codex', 'gemini', 'windsurf', 'cline', 'terminal', 'unknown'] as const;
export type AgentId = (typeof AGENT_IDS)[number];

/** Agents that Airlock can guard through a hook file (terminal/unknown are only watched). */
export const HOOK_AGENTS = ['cursor', 'claude', 'copilot', 'codex', 'gemini', 'windsurf', 'cline'] as const;
export type HookAgentId = (typeof HOOK_AGENTS)[number];

export const DECISIONS = ['allow', 'ask', 'deny'] as const;
export type Decision = (typeof DECISIONS)[number];

export const SEVERITIES = ['none', 'low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const ENVIRONMENTS = ['production', 'staging', 'local', 'unknown'] as const;
export type Environment = (typeof ENVIRONMENTS)[number];

interface ActionBase {
  /** Which agent asked; 'terminal' for commands seen only through shell integration. */
  agent?: AgentId;
  /** Working directory the action runs in (absolute when known). */
  cwd?: string;
  /** Workspace roots of the window/agent session, used to resolve relative paths and find the window. */
  workspaceRoots?: string[];
  /** The agent's own event name (beforeShellExecution, PreToolUse, ...), for display and audit. */
  event?: string;
  /** The agent's own tool name (Bash, Read, Shell, mcp__x__y, ...), for display and audit. */
  tool?: string;
}

export interface ShellAction extends ActionBase { kind: 'shell'; command: string }
export interface ReadAction extends ActionBase { kind: 'read'; path: string }
/** Grep/Glob-style searches: a pattern over a path (both optional in some agents). */
export interface SearchAction extends ActionBase {
  kind: 'search';
  pattern?: string;
  path?: string;
  glob?: string;
  /** Lines of context the tool prints around each match (Claude's Grep `-C`/`-A`/`-B`), when asked for. */
  context?: number;
}
export interface WriteAction extends ActionBase { kind: 'write'; path: string; content?: string }
export interface DeleteAction extends ActionBase { kind: 'delete'; path: string }
export interface McpAction extends ActionBase { kind: 'mcp'; tool: string; server?: string; input?: unknown }
export interface FetchAction extends ActionBase { kind: 'fetch'; url: string; method?: string; body?: string }
export interface PromptAction extends ActionBase { kind: 'prompt'; text: string }

export type AgentAction =
  | ShellAction
  | ReadAction
  | SearchAction
  | WriteAction
  | DeleteAction
  | McpAction
  | FetchAction
  | PromptAction;

export type ActionKind = AgentAction['kind'];

export interface Verdict {
  decision: Decision;
  /** Stable ids of every rule that matched (empty when nothing did). */
  rules: string[];
  /** One or two sentences a person understands: what would happen and why it was flagged. */
  reason: string;
  severity: Severity;
  /** What the action would hit: a path, a database, a bucket, a URL, a branch. */
  target?: string;
  /** What the target looks like: production / staging / local / unknown. */
  environment: Environment;
}

export const ALLOW_VERDICT: Verdict = Object.freeze({
  decision: 'allow',
  rules: [],
  reason: 'No rule matched.',
  severity: 'none',
  environment: 'unknown',
}) as Verdict;

const DECISION_RANK: Record<Decision, number> = { allow: 0, ask: 1, deny: 2 };
const SEVERITY_RANK: Record<Severity, number> = { none: 0, low: 1, medium: 2, high: 3, critical: 4 };

/** The stricter of two decisions. Used everywhere two answers meet, so nothing can loosen a block. */
export function stricter(a: Decision, b: Decision): Decision {
  return DECISION_RANK[a] >= DECISION_RANK[b] ? a : b;
}

export function higherSeverity(a: Severity, b: Severity): Severity {
  return SEVERITY_RANK[a] >= SEVERITY_RANK[b] ? a : b;
}

export function severityRank(s: Severity): number {
  return SEVERITY_RANK[s];
}

/** One line for lists, logs and dialogs. Never includes file contents or prompt bodies in full. */
export function summarizeAction(a: AgentAction): string {
  switch (a.kind) {
    case 'shell':
      return a.command;
    case 'read':
      return `read ${a.path}`;
    case 'search':
      return `search ${[a.pattern, a.glob, a.path].filter(Boolean).join(' ')}`.trim();
    case 'write':
      return `write ${a.path}`;
    case 'delete':
      return `delete ${a.path}`;
    case 'mcp':
      return `mcp ${a.server ? `${a.server}/` : ''}${a.tool}`;
    case 'fetch':
      return `${(a.method ?? 'GET').toUpperCase()} ${a.url}`;
    case 'prompt':
      return `prompt (${a.text.length} chars)`;
  }
}
