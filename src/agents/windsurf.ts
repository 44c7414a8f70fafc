// Windsurf Cascade hooks (.windsurf/hooks.json). Pre-hooks block only by exiting 2, with the
// reason on stderr; there is no "ask", so anything not allowed is blocked.
import * as z from 'zod/mini';
import type { AgentAction } from '../core/action';
import { exit2, lazy, messageFor, oneLine, pass, zodMessage } from './render';
import { mcpAction } from './tools';
import type { Dialect, HookAnswer, HookCall, HookOutput, ParseResult } from './types';

export const WINDSURF_EVENTS = [
  'pre_run_command',
  'pre_read_code',
  'pre_write_code',
  'pre_mcp_tool_use',
  'pre_user_prompt',
  'post_run_command',
  'post_read_code',
  'post_write_code',
  'post_mcp_tool_use',
  'post_cascade_response',
] as const;

const payloadSchema = lazy(() => {
  const Info = z.looseObject({
    command_line: z.optional(z.string()),
    cwd: z.optional(z.string()),
    file_path: z.optional(z.string()),
    mcp_server_name: z.optional(z.string()),
    mcp_tool_name: z.optional(z.string()),
    mcp_tool_arguments: z.optional(z.unknown()),
    user_prompt: z.optional(z.string()),
    edits: z.optional(z.array(z.unknown())),
  });
  return z.looseObject({
    agent_action_name: z.string(),
    trajectory_id: z.optional(z.string()),
    execution_id: z.optional(z.string()),
    tool_info: z.optional(Info),
  });
});

function parse(payload: unknown): ParseResult {
  const r = payloadSchema().safeParse(payload);
  if (!r.success) return { ok: false, error: `windsurf payload: ${zodMessage(r.error.issues)}` };
  const event = r.data.agent_action_name;
  const info = r.data.tool_info ?? {};
  const cwd = info.cwd;
  const phase: HookCall['phase'] = event.startsWith('pre_') ? 'pre' : 'post';
  const call = (p: HookCall['phase'], actions: AgentAction[]): ParseResult => ({
    ok: true,
    call: { agent: 'windsurf', event, phase: p, actions, workspaceRoots: cwd ? [cwd] : [], ...(cwd ? { cwd } : {}), ...(r.data.trajectory_id ? { sessionId: r.data.trajectory_id } : {}) },
  });
  const missing = (field: string): ParseResult => ({ ok: false, error: `windsurf ${event}: tool_info.${field} is missing` });
  switch (event) {
    case 'pre_run_command':
    case 'post_run_command':
      if (!info.command_line) return missing('command_line');
      return call(phase, [{ kind: 'shell', command: info.command_line, tool: 'run_command' }]);
    case 'pre_read_code':
    case 'post_read_code':
      if (!info.file_path) return missing('file_path');
      return call(phase, [{ kind: 'read', path: info.file_path, tool: 'read_code' }]);
    case 'pre_write_code':
    case 'post_write_code': {
      if (!info.file_path) return missing('file_path');
      const content = (info.edits ?? [])
        .map((e) => (e && typeof e === 'object' && typeof (e as { new_string?: unknown }).new_string === 'string' ? (e as { new_string: string }).new_string : ''))
        .join('\n');
      return call(phase, [{ kind: 'write', path: info.file_path, tool: 'write_code', ...(content ? { content } : {}) }]);
    }
    case 'pre_mcp_tool_use':
    case 'post_mcp_tool_use':
      if (!info.mcp_tool_name) return missing('mcp_tool_name');
      return call(phase, [mcpAction(info.mcp_tool_name, info.mcp_tool_arguments, info.mcp_server_name)]);
    case 'pre_user_prompt':
      return call('prompt', [{ kind: 'prompt', text: info.user_prompt ?? '' }]);
    case 'post_cascade_response':
      return call('stop', []);
    default:
      return { ok: false, error: `windsurf: unknown event '${oneLine(event).slice(0, 80)}'` };
  }
}

function render(call: HookCall, answer: HookAnswer): HookOutput {
  if (call.phase === 'post' || call.phase === 'stop') return pass();
  if (answer.decision === 'allow') return pass();
  return exit2(`${messageFor(answer)} Do not retry or work around this.`);
}

function renderRefusal(reason: string): HookOutput {
  return exit2(`Airlock blocked this: ${reason}`);
}

export const windsurf: Dialect = { agent: 'windsurf', events: WINDSURF_EVENTS, hookTimeoutMs: 30_000, parse, render, renderRefusal };
