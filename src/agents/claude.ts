// Claude Code's hooks, and the two agents that copied its shape: VS Code Copilot agent hooks
// (camelCase common fields; the Copilot CLI format sends `toolName` + `toolArgs` as a JSON
// string and lowerCamel event names) and Codex (`tool_input.command` may be argv; `apply_patch`
// carries file paths inside the patch).
//
// Answers: a plain block is exit 2 with the reason on stderr (honoured by every version of all
// three; the JSON on stdout is then ignored but harmless). The Copilot CLI is the exception: it
// hides an exit-2 hook's reason from the model, so its denies are JSON on exit 0 (VS Code's
// Copilot keeps exit 2). Lockdown answers exit 0 too, because only a parsed JSON answer can carry
// `continue: false`, which stops the whole agent, not just this tool call. Benign calls print `{}` rather than "allow": a hook's allow would
// skip the agent's own permission prompt, and Airlock must never loosen what the person set.
// The one exception is a person's own "Allow once" in the editor, which is that consent.
import * as z from 'zod/mini';
import type { AgentAction, HookAgentId } from '../core/action';
import { exit2, json, lazy, messageFor, oneLine, pass, zodMessage } from './render';
import { mcpAction, splitClaudeMcpName, toolActions } from './tools';
import type { AcceptsClaudeInput, ClaudeHookOutput } from './claude_sdk_types';
import type { Dialect, HookAnswer, HookCall, HookOutput, ParseResult } from './types';
import { table } from '../core/table';

/** Copilot CLI spells events in lowerCamel; map them to the Claude names. */
const EVENT_ALIASES = table<string>({
  preToolUse: 'PreToolUse',
  postToolUse: 'PostToolUse',
  postToolUseFailure: 'PostToolUseFailure',
  userPromptSubmitted: 'UserPromptSubmit',
  userPromptSubmit: 'UserPromptSubmit',
  stop: 'Stop',
  agentStop: 'Stop',
  subagentStop: 'SubagentStop',
});

export const CLAUDE_EVENTS = ['PreToolUse', 'PostToolUse', 'PostToolUseFailure', 'UserPromptSubmit', 'Stop', 'SubagentStop', ...Object.keys(EVENT_ALIASES)] as const;

const payloadSchema = lazy(() =>
  z.looseObject({
    hook_event_name: z.optional(z.string()),
    hookEventName: z.optional(z.string()),
    session_id: z.optional(z.string()),
    sessionId: z.optional(z.string()),
    cwd: z.optional(z.string()),
    tool_name: z.optional(z.string()),
    toolName: z.optional(z.string()),
    tool_input: z.optional(z.unknown()),
    toolArgs: z.optional(z.unknown()),
    tool_response: z.optional(z.unknown()),
    toolResult: z.optional(z.unknown()),
    prompt: z.optional(z.string()),
    workspace_roots: z.optional(z.array(z.string())),
    duration_ms: z.optional(z.number()),
  }),
);

// Type-checked against Claude Code's own hook input types: every payload Claude sends parses.
const acceptsClaude: AcceptsClaudeInput<z.input<ReturnType<typeof payloadSchema>>> = true;
void acceptsClaude;

function decodeArgs(raw: unknown): unknown {
  if (typeof raw !== 'string') return raw;
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

function toolCallActions(tool: string, input: unknown): AgentAction[] {
  const mcp = splitClaudeMcpName(tool);
  if (mcp) return [mcpAction(mcp.tool, input, mcp.server)];
  return toolActions(tool, input);
}

/** Exit status of what ran, when the agent reports one. */
function exitCodeOf(response: unknown, failed: boolean): number | undefined {
  if (failed) return 1;
  if (response && typeof response === 'object') {
    const r = response as Record<string, unknown>;
    for (const k of ['exit_code', 'exitCode', 'returncode']) if (typeof r[k] === 'number') return r[k] as number;
    if (r.interrupted === true || r.success === false) return 1;
  }
  return undefined;
}

function makeParse(agent: HookAgentId) {
  return function parse(payload: unknown, eventHint?: string): ParseResult {
    const r = payloadSchema().safeParse(payload);
    if (!r.success) return { ok: false, error: `${agent} payload: ${zodMessage(r.error.issues)}` };
    const p = r.data;
    // No event name (the Copilot CLI format; or a payload stripped of it): the installed command line
    // says which event it is, and failing that the fields do, so the call is judged, not waved through.
    const inferred = (p.tool_name ?? p.toolName) !== undefined ? ((p.tool_response ?? p.toolResult) !== undefined ? 'PostToolUse' : 'PreToolUse') : typeof p.prompt === 'string' ? 'UserPromptSubmit' : undefined;
    const rawEvent = p.hook_event_name ?? p.hookEventName ?? eventHint ?? inferred;
    if (!rawEvent) return { ok: false, error: `${agent} payload: no hook_event_name, and its fields match no event` };
    const event = EVENT_ALIASES[rawEvent] ?? rawEvent;
    const cwd = p.cwd;
    const roots = p.workspace_roots ?? (cwd ? [cwd] : []);
    const sessionId = p.session_id ?? p.sessionId;
    // VS Code's Copilot sends camelCase common fields (hookEventName, sessionId). The Copilot CLI
    // sends either its own format (toolName/toolArgs, no event name) or, for PascalCase entries,
    // Claude's snake_case one (hook_event_name, session_id; 1.0.102): both are the CLI.
    const copilotCli = agent === 'copilot' && p.hookEventName === undefined;
    const call = (phase: HookCall['phase'], actions: AgentAction[], extra: Partial<HookCall> = {}): ParseResult => ({
      ok: true,
      call: { agent, event: rawEvent, phase, actions, workspaceRoots: roots, ...(cwd ? { cwd } : {}), ...(sessionId ? { sessionId } : {}), ...(copilotCli ? { frontEnd: 'copilot-cli' as const } : {}), ...extra },
    });
    switch (event) {
      case 'PreToolUse':
      case 'PostToolUse':
      case 'PostToolUseFailure': {
        const tool = p.tool_name ?? p.toolName;
        if (!tool) return { ok: false, error: `${agent} ${rawEvent}: no tool_name` };
        const actions = toolCallActions(tool, decodeArgs(p.tool_input ?? p.toolArgs));
        if (actions.length === 0) return { ok: false, error: `${agent} ${rawEvent}: tool ${oneLine(tool).slice(0, 80)} without the input it needs` };
        if (event === 'PreToolUse') return call('pre', actions);
        const code = exitCodeOf(p.tool_response ?? p.toolResult, event === 'PostToolUseFailure');
        return call('post', actions, { ...(code !== undefined ? { exitCode: code } : {}), ...(p.duration_ms !== undefined ? { durationMs: p.duration_ms } : {}) });
      }
      case 'UserPromptSubmit':
        if (typeof p.prompt !== 'string') return { ok: false, error: `${agent} ${rawEvent}: no prompt` };
        return call('prompt', [{ kind: 'prompt', text: p.prompt }]);
      case 'Stop':
      case 'SubagentStop':
        return call('stop', []);
      default:
        return { ok: false, error: `${agent}: unknown event '${oneLine(rawEvent).slice(0, 80)}'` };
    }
  };
}

function makeRender(agent: HookAgentId) {
  // The Copilot CLI reads the decision at the top level; VS Code and Claude read hookSpecificOutput.
  const topLevel = agent === 'copilot';
  const decisionJson = (decision: 'allow' | 'ask' | 'deny', reason: string): ClaudeHookOutput & Record<string, unknown> => ({
    ...(topLevel ? { permissionDecision: decision, permissionDecisionReason: reason } : {}),
    hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: decision, permissionDecisionReason: reason },
  });
  return function render(call: HookCall, answer: HookAnswer): HookOutput {
    const msg = messageFor(answer);
    if (answer.lockdown && answer.decision !== 'allow') {
      const out: ClaudeHookOutput & Record<string, unknown> = { continue: false, stopReason: msg, systemMessage: msg };
      if (call.phase === 'pre') Object.assign(out, decisionJson('deny', msg));
      if (call.phase === 'prompt') Object.assign(out, { decision: 'block', reason: msg });
      return { stdout: json(out), stderr: `${msg}\n`, exitCode: 0 };
    }
    switch (call.phase) {
      case 'post':
      case 'stop':
        // Never block Stop: for Claude a blocked Stop means "keep working".
        return pass(json({}));
      case 'prompt':
        return answer.decision === 'allow' ? pass(json({})) : exit2(msg, json({ decision: 'block', reason: msg } satisfies ClaudeHookOutput));
      case 'pre':
        // Only a person's "Allow once" becomes an explicit allow (so they are not asked twice).
        if (answer.decision === 'allow') return pass(json(answer.approvedByPerson ? decisionJson('allow', msg) : {}));
        if (answer.decision === 'ask') return pass(json(decisionJson('ask', msg)));
        // The Copilot CLI (1.0.102) tells the model only "hook exited with code 2" and drops stderr;
        // a deny it parses from JSON on exit 0 reaches the model with its reason.
        if (call.frontEnd === 'copilot-cli') return { stdout: json(decisionJson('deny', `${msg} Do not retry or work around this.`)), stderr: `${msg}\n`, exitCode: 0 };
        return exit2(`${msg} Do not retry or work around this.`, json(decisionJson('deny', msg)));
    }
  };
}

function makeRefusal() {
  return function renderRefusal(reason: string): HookOutput {
    const msg = oneLine(`Airlock blocked this: ${reason}`);
    return exit2(msg, json({ hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: 'deny', permissionDecisionReason: msg } }));
  };
}

function claudeLike(agent: HookAgentId, hookTimeoutMs: number): Dialect {
  return { agent, events: CLAUDE_EVENTS, hookTimeoutMs, parse: makeParse(agent), render: makeRender(agent), renderRefusal: makeRefusal() };
}

/** Claude Code: the installer sets a 300 s timeout (the default would be 600 s). */
export const claude = claudeLike('claude', 300_000);
/** VS Code Copilot: the installer sets 60 s (the default is 30 s). */
export const copilot = claudeLike('copilot', 60_000);
/** Codex: the installer sets 300 s. */
export const codex = claudeLike('codex', 300_000);
