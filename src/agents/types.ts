// What every agent dialect provides: its payload parsed into actions, and an answer
// rendered in that agent's own output and exit-code convention.
import type { AgentAction, Decision, HookAgentId } from '../core/action';

/** 'pre' can still be stopped; 'post' already ran (report only); 'prompt' is a user prompt; 'stop' ends a turn. */
export type HookPhase = 'pre' | 'post' | 'prompt' | 'stop';

export interface HookCall {
  agent: HookAgentId;
  /** The agent's own event name, as the agent spelled it. */
  event: string;
  phase: HookPhase;
  /** What the agent is about to do (pre/prompt) or did (post). Several when one tool call touches several files. */
  actions: AgentAction[];
  cwd?: string;
  workspaceRoots: string[];
  /** Post-events: the exit code / success of what ran, and how long it took. */
  exitCode?: number;
  durationMs?: number;
  sessionId?: string;
  /**
   * Which front-end of an agent sent the call, where several share one hook file but read answers
   * differently (the Copilot CLI vs VS Code's Copilot agent hooks).
   */
  frontEnd?: 'copilot-cli';
  /** Cline CLI tool calls: the root session and the call's id, for its plugin (agents/cline_handoff.ts). */
  cline?: { session: string; toolCallId: string };
}

export type ParseResult = { ok: true; call: HookCall } | { ok: false; error: string };

/** What the hook says back. `lockdown` marks answers forced by the kill switch. */
export interface HookAnswer {
  decision: Decision;
  reason: string;
  rules?: string[];
  lockdown?: boolean;
  /** A person clicked "Allow once" in the editor: agents may skip their own prompt for it. */
  approvedByPerson?: boolean;
}

export interface HookOutput {
  /** Exactly what goes to stdout ('' for nothing). */
  stdout: string;
  /** A line for stderr (agents read it as the block reason on exit 2). */
  stderr: string;
  exitCode: number;
}

export interface Dialect {
  agent: HookAgentId;
  /** Every event name this dialect understands; anything else is refused (blocked). */
  events: readonly string[];
  /** How long the agent waits for the hook by default, in ms (the gate deadline stays below it). */
  hookTimeoutMs: number;
  /** `eventHint` comes from the installed command line for agents whose payload lacks the event name. */
  parse(payload: unknown, eventHint?: string): ParseResult;
  /** Render an answer to a parsed call. */
  render(call: HookCall, answer: HookAnswer): HookOutput;
  /** Render a refusal when the payload could not even be parsed. */
  renderRefusal(reason: string): HookOutput;
}
