// Gemini CLI hooks (`hooks` in .gemini/settings.json). BeforeTool answers `decision: deny` with a
// reason; we also exit 2 with the reason on stderr, which Gemini documents as a hard block and
// which holds even if a future version renames the JSON field. No "ask" in Gemini: ask -> deny.
// MCP tools arrive as `mcp__server__tool` in newer builds and `server__tool` in older ones.
import * as z from 'zod/mini';
import type { AgentAction } from '../core/action';
import { exit2, json, lazy, messageFor, oneLine, pass, zodMessage } from './render';
import { mcpAction, splitClaudeMcpName, toolActions } from './tools';
import type { Dialect, HookAnswer, HookCall, HookOutput, ParseResult } from './types';

export const GEMINI_EVENTS = ['BeforeTool', 'AfterTool', 'BeforeAgent', 'AfterAgent'] as const;

const payloadSchema = lazy(() =>
  z.looseObject({
    hook_event_name: z.string(),
    session_id: z.optional(z.string()),
    cwd: z.optional(z.string()),
    tool_name: z.optional(z.string()),
    tool_input: z.optional(z.unknown()),
    tool_response: z.optional(z.unknown()),
    prompt: z.optional(z.string()),
  }),
);

function actionsFor(tool: string, input: unknown): AgentAction[] {
  const mcp = splitClaudeMcpName(tool);
  if (mcp) return [mcpAction(mcp.tool, input, mcp.server)];
  const actions = toolActions(tool, input);
  // An unknown tool with `server__tool` shape is an MCP tool in older Gemini builds.
  const legacy = /^([^_]+(?:_[^_]+)*)__(.+)$/.exec(tool);
  if (legacy && actions.length === 1 && actions[0]!.kind === 'mcp') return [mcpAction(legacy[2]!, input, legacy[1]!)];
  return actions;
}

function parse(payload: unknown): ParseResult {
  const r = payloadSchema().safeParse(payload);
  if (!r.success) return { ok: false, error: `gemini payload: ${zodMessage(r.error.issues)}` };
  const p = r.data;
  const event = p.hook_event_name;
  const cwd = p.cwd;
  const call = (phase: HookCall['phase'], actions: AgentAction[], extra: Partial<HookCall> = {}): ParseResult => ({
    ok: true,
    call: { agent: 'gemini', event, phase, actions, workspaceRoots: cwd ? [cwd] : [], ...(cwd ? { cwd } : {}), ...(p.session_id ? { sessionId: p.session_id } : {}), ...extra },
  });
  switch (event) {
    case 'BeforeTool':
    case 'AfterTool': {
      if (!p.tool_name) return { ok: false, error: `gemini ${event}: no tool_name` };
      const actions = actionsFor(p.tool_name, p.tool_input);
      if (actions.length === 0) return { ok: false, error: `gemini ${event}: tool ${oneLine(p.tool_name).slice(0, 80)} without the input it needs` };
      if (event === 'BeforeTool') return call('pre', actions);
      const resp = p.tool_response as { error?: unknown } | undefined;
      return call('post', actions, resp && typeof resp === 'object' && resp.error ? { exitCode: 1 } : {});
    }
    case 'BeforeAgent':
      return call('prompt', [{ kind: 'prompt', text: p.prompt ?? '' }]);
    case 'AfterAgent':
      return call('stop', []);
    default:
      return { ok: false, error: `gemini: unknown event '${oneLine(event).slice(0, 80)}'` };
  }
}

function render(call: HookCall, answer: HookAnswer): HookOutput {
  const msg = messageFor(answer);
  if (call.phase === 'post' || call.phase === 'stop') {
    return answer.lockdown && answer.decision !== 'allow' ? pass(json({ continue: false, stopReason: msg })) : pass(json({}));
  }
  if (answer.decision === 'allow') return pass(json({}));
  const out: Record<string, unknown> = { decision: 'deny', reason: msg, systemMessage: msg };
  if (answer.lockdown) Object.assign(out, { continue: false, stopReason: msg });
  return exit2(`${msg} Do not retry or work around this.`, json(out));
}

function renderRefusal(reason: string): HookOutput {
  const msg = oneLine(`Airlock blocked this: ${reason}`);
  return exit2(msg, json({ decision: 'deny', reason: msg }));
}

/** The installer sets 120 s (Gemini counts hook timeouts in ms). */
export const gemini: Dialect = { agent: 'gemini', events: GEMINI_EVENTS, hookTimeoutMs: 120_000, parse, render, renderRefusal };
