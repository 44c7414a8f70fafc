// Cursor's hooks (.cursor/hooks.json). Blocks print both `permission` (current docs) and
// `decision` (the older preToolUse shape) and exit 2, because Cursor's docs disagree on the
// field and exit 2 blocks in every version. Airlock never hands `ask` to Cursor: its own modal is
// the confirmation. Cursor enforces `ask` only for some events, and 3.21.16 ignores it for shell
// commands in Auto-review mode (the command just runs), so an `ask` that reaches here is a block.
import * as z from 'zod/mini';
import type { AgentAction } from '../core/action';
import { json, lazy, messageFor, exit2, pass, zodMessage, oneLine } from './render';
import { mcpAction, toolActions } from './tools';
import type { Dialect, HookAnswer, HookCall, HookOutput, ParseResult } from './types';

export const CURSOR_EVENTS = [
  'beforeShellExecution',
  'beforeMCPExecution',
  'beforeReadFile',
  'preToolUse',
  'afterShellExecution',
  'afterMCPExecution',
  'afterFileEdit',
  'postToolUse',
  'postToolUseFailure',
  'beforeSubmitPrompt',
  'stop',
] as const;

const schemas = lazy(() => {
  const common = {
    hook_event_name: z.optional(z.string()),
    conversation_id: z.optional(z.string()),
    generation_id: z.optional(z.string()),
    workspace_roots: z.optional(z.array(z.string())),
    cwd: z.optional(z.string()),
  };
  return {
    Base: z.looseObject(common),
    Shell: z.looseObject({ ...common, command: z.string().check(z.minLength(1)), duration: z.optional(z.number()) }),
    Mcp: z.looseObject({ ...common, tool_name: z.string().check(z.minLength(1)), tool_input: z.optional(z.unknown()), url: z.optional(z.string()), command: z.optional(z.string()) }),
    ReadFile: z.looseObject({ ...common, file_path: z.string().check(z.minLength(1)) }),
    Tool: z.looseObject({ ...common, tool_name: z.string().check(z.minLength(1)), tool_input: z.optional(z.unknown()), duration: z.optional(z.number()) }),
    FileEdit: z.looseObject({ ...common, file_path: z.string().check(z.minLength(1)) }),
    Prompt: z.looseObject({ ...common, prompt: z.string() }),
  };
});

/** Cursor sends MCP tool_input as a JSON string; keep the object when it parses. */
function mcpInput(raw: unknown): unknown {
  if (typeof raw !== 'string') return raw;
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

function preToolActions(tool: string, input: unknown): AgentAction[] {
  if (tool.startsWith('MCP:')) return [mcpAction(tool.slice(4), mcpInput(input))];
  return toolActions(tool, input);
}

/**
 * Cursor always names the event; a payload without the name (a hand-written test, a wrapper that
 * dropped it) is read by its fields, so it is still judged rather than waved through or refused.
 */
function inferEvent(p: Record<string, unknown>): string | undefined {
  if (typeof p.command === 'string' && p.tool_name === undefined) return p.output !== undefined || p.duration !== undefined ? 'afterShellExecution' : 'beforeShellExecution';
  if (typeof p.tool_name === 'string') {
    if (p.tool_output !== undefined) return 'postToolUse';
    return typeof p.tool_input === 'string' || p.url !== undefined || p.command !== undefined ? 'beforeMCPExecution' : 'preToolUse';
  }
  if (typeof p.file_path === 'string') return Array.isArray(p.edits) ? 'afterFileEdit' : 'beforeReadFile';
  if (typeof p.prompt === 'string') return 'beforeSubmitPrompt';
  return undefined;
}

function parse(payload: unknown, eventHint?: string): ParseResult {
  const { Base, Shell, Mcp, ReadFile, Tool, FileEdit, Prompt } = schemas();
  const head = Base.safeParse(payload);
  if (!head.success) return { ok: false, error: `cursor payload: ${zodMessage(head.error.issues)}` };
  const event = head.data.hook_event_name ?? eventHint ?? inferEvent(head.data);
  if (event === undefined) return { ok: false, error: 'cursor payload: no hook_event_name, and its fields match no event' };
  const roots = head.data.workspace_roots ?? [];
  const cwd = head.data.cwd ?? roots[0];
  const call = (phase: HookCall['phase'], actions: AgentAction[], extra: Partial<HookCall> = {}): ParseResult => ({
    ok: true,
    call: { agent: 'cursor', event, phase, actions, workspaceRoots: roots, ...(cwd ? { cwd } : {}), ...extra },
  });
  const bad = (e: z.core.$ZodError): ParseResult => ({ ok: false, error: `cursor ${event}: ${zodMessage(e.issues)}` });

  switch (event) {
    case 'beforeShellExecution':
    case 'afterShellExecution': {
      const r = Shell.safeParse(payload);
      if (!r.success) return bad(r.error);
      const action: AgentAction = { kind: 'shell', command: r.data.command, tool: 'Shell' };
      return call(event.startsWith('before') ? 'pre' : 'post', [action], r.data.duration !== undefined ? { durationMs: r.data.duration } : {});
    }
    case 'beforeMCPExecution':
    case 'afterMCPExecution': {
      const r = Mcp.safeParse(payload);
      if (!r.success) return bad(r.error);
      const server = r.data.url ?? r.data.command;
      return call(event.startsWith('before') ? 'pre' : 'post', [mcpAction(r.data.tool_name, mcpInput(r.data.tool_input), server)]);
    }
    case 'beforeReadFile': {
      const r = ReadFile.safeParse(payload);
      if (!r.success) return bad(r.error);
      return call('pre', [{ kind: 'read', path: r.data.file_path, tool: 'Read' }]);
    }
    case 'preToolUse':
    case 'postToolUse':
    case 'postToolUseFailure': {
      const r = Tool.safeParse(payload);
      if (!r.success) return bad(r.error);
      const actions = preToolActions(r.data.tool_name, r.data.tool_input);
      if (actions.length === 0) return { ok: false, error: `cursor ${event}: tool ${r.data.tool_name} without the input it needs` };
      const extra: Partial<HookCall> = {};
      if (r.data.duration !== undefined) extra.durationMs = r.data.duration;
      if (event === 'postToolUseFailure') extra.exitCode = 1;
      return call(event === 'preToolUse' ? 'pre' : 'post', actions, extra);
    }
    case 'afterFileEdit': {
      const r = FileEdit.safeParse(payload);
      if (!r.success) return bad(r.error);
      return call('post', [{ kind: 'write', path: r.data.file_path, tool: 'Edit' }]);
    }
    case 'beforeSubmitPrompt': {
      const r = Prompt.safeParse(payload);
      if (!r.success) return bad(r.error);
      return call('prompt', [{ kind: 'prompt', text: r.data.prompt }]);
    }
    case 'stop':
      return call('stop', []);
    default:
      return { ok: false, error: `cursor: unknown event '${oneLine(String(event)).slice(0, 80)}'` };
  }
}

function render(call: HookCall, answer: HookAnswer): HookOutput {
  if (call.phase === 'post') return pass(json({}));
  if (call.phase === 'stop') return pass(json({}));
  if (call.phase === 'prompt') {
    return answer.decision === 'allow' ? pass(json({ continue: true })) : exit2(messageFor(answer), json({ continue: false, user_message: messageFor(answer) }));
  }
  const msg = messageFor(answer);
  if (answer.decision === 'allow') return pass(json({ permission: 'allow', decision: 'allow' }));
  return exit2(msg, json({ permission: 'deny', decision: 'deny', reason: msg, user_message: msg, agent_message: `${msg} Do not retry or work around this.` }));
}

function renderRefusal(reason: string): HookOutput {
  const msg = oneLine(`Airlock blocked this: ${reason}`);
  return exit2(msg, json({ permission: 'deny', decision: 'deny', reason: msg, user_message: msg, agent_message: msg }));
}

/** The installer sets a 120 s timeout on Cursor entries. */
export const cursor: Dialect = { agent: 'cursor', events: CURSOR_EVENTS, hookTimeoutMs: 120_000, parse, render, renderRefusal };
