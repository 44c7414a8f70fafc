// Cline hooks: one executable per event in .clinerules/hooks/. Cline reads `{"cancel": true,
// "errorMessage": ...}` from a hook that exits 0 (its documented convention; a non-zero exit is
// treated as a failed hook), so blocks here exit 0 with cancel rather than exit 2.
import * as z from 'zod/mini';
import type { AgentAction } from '../core/action';
import { json, lazy, messageFor, oneLine, zodMessage } from './render';
import { mcpAction, toolActions } from './tools';
import type { Dialect, HookAnswer, HookCall, HookOutput, ParseResult } from './types';

export const CLINE_EVENTS = ['PreToolUse', 'PostToolUse', 'UserPromptSubmit', 'TaskComplete', 'TaskCancel'] as const;

const payloadSchema = lazy(() => {
  const ToolCall = z.looseObject({ toolName: z.string().check(z.minLength(1)), parameters: z.optional(z.unknown()) });
  return z.looseObject({
    hookName: z.string(),
    taskId: z.optional(z.string()),
    workspaceRoots: z.optional(z.array(z.string())),
    preToolUse: z.optional(ToolCall),
    postToolUse: z.optional(z.looseObject({ toolName: z.string(), parameters: z.optional(z.unknown()), success: z.optional(z.boolean()), executionTimeMs: z.optional(z.number()) })),
    userPromptSubmit: z.optional(z.looseObject({ prompt: z.optional(z.string()) })),
  });
});

function actionsFor(tool: string, params: unknown): AgentAction[] {
  if (tool === 'use_mcp_tool' && params && typeof params === 'object') {
    const p = params as Record<string, unknown>;
    let args: unknown = p.arguments;
    if (typeof args === 'string') {
      try {
        args = JSON.parse(args);
      } catch {
        /* keep the raw string */
      }
    }
    return [mcpAction(String(p.tool_name ?? 'unknown'), args, typeof p.server_name === 'string' ? p.server_name : undefined)];
  }
  return toolActions(tool, params);
}

function parse(payload: unknown, eventHint?: string): ParseResult {
  const r = payloadSchema().safeParse(payload);
  if (!r.success) return { ok: false, error: `cline payload: ${zodMessage(r.error.issues)}` };
  const p = r.data;
  const event = p.hookName || eventHint || '';
  const roots = p.workspaceRoots ?? [];
  const cwd = roots[0];
  const call = (phase: HookCall['phase'], actions: AgentAction[], extra: Partial<HookCall> = {}): ParseResult => ({
    ok: true,
    call: { agent: 'cline', event, phase, actions, workspaceRoots: roots, ...(cwd ? { cwd } : {}), ...(p.taskId ? { sessionId: p.taskId } : {}), ...extra },
  });
  switch (event) {
    case 'PreToolUse': {
      if (!p.preToolUse) return { ok: false, error: 'cline PreToolUse: no preToolUse object' };
      const actions = actionsFor(p.preToolUse.toolName, p.preToolUse.parameters);
      if (actions.length === 0) return { ok: false, error: `cline PreToolUse: tool ${oneLine(p.preToolUse.toolName).slice(0, 80)} without the input it needs` };
      return call('pre', actions);
    }
    case 'PostToolUse': {
      if (!p.postToolUse) return { ok: false, error: 'cline PostToolUse: no postToolUse object' };
      const actions = actionsFor(p.postToolUse.toolName, p.postToolUse.parameters);
      const extra: Partial<HookCall> = {};
      if (p.postToolUse.success === false) extra.exitCode = 1;
      if (p.postToolUse.executionTimeMs !== undefined) extra.durationMs = p.postToolUse.executionTimeMs;
      return call('post', actions, extra);
    }
    case 'UserPromptSubmit':
      return call('prompt', [{ kind: 'prompt', text: p.userPromptSubmit?.prompt ?? '' }]);
    case 'TaskComplete':
    case 'TaskCancel':
      return call('stop', []);
    default:
      return { ok: false, error: `cline: unknown event '${oneLine(event).slice(0, 80)}'` };
  }
}

function render(call: HookCall, answer: HookAnswer): HookOutput {
  if (call.phase === 'post' || call.phase === 'stop' || answer.decision === 'allow') {
    return { stdout: json({ cancel: false }), stderr: '', exitCode: 0 };
  }
  const msg = messageFor(answer);
  return { stdout: json({ cancel: true, errorMessage: msg, contextModification: `${msg} Do not retry or work around this.` }), stderr: `${msg}\n`, exitCode: 0 };
}

function renderRefusal(reason: string): HookOutput {
  const msg = oneLine(`Airlock blocked this: ${reason}`);
  return { stdout: json({ cancel: true, errorMessage: msg }), stderr: `${msg}\n`, exitCode: 0 };
}

export const cline: Dialect = { agent: 'cline', events: CLINE_EVENTS, hookTimeoutMs: 30_000, parse, render, renderRefusal };
