// Cline hooks: one executable per event in .clinerules/hooks/. Cline reads `{"cancel": true,
// "errorMessage": ...}` from a hook that exits 0 (its documented convention; a non-zero exit is
// treated as a failed hook), so blocks here exit 0 with cancel rather than exit 2.
//
// Two payload generations: the VS Code extension sends `hookName: "PreToolUse"` with
// `preToolUse: {toolName, parameters}`; the SDK-based CLI (3.x) sends `hookName: "tool_call"` /
// `"tool_result"` / `"prompt_submit"` with `tool_call: {name, input}` and keeps the legacy object
// beside it, its parameters flattened to strings (an array arrives as a JSON string). Both are read.
// The CLI's own tools (run_commands, read_files, editor, ...) differ from the extension's, and any
// tool Airlock does not know is searched for command- and path-shaped fields before it is let
// through, so a renamed tool is judged rather than waved past as opaque.
import * as z from 'zod/mini';
import type { AgentAction } from '../core/action';
import { isClineMcpTool, pluginActive, writeCallRecord } from './cline_handoff';
import { json, lazy, messageFor, oneLine, zodMessage } from './render';
import { mcpAction, toolActions } from './tools';
import type { Dialect, HookAnswer, HookCall, HookOutput, ParseResult } from './types';
import { table } from '../core/table';

/** The CLI's event names, mapped to the extension's (which the switch below speaks). */
const EVENT_ALIASES = table<string>({
  tool_call: 'PreToolUse',
  tool_result: 'PostToolUse',
  prompt_submit: 'UserPromptSubmit',
  agent_end: 'TaskComplete',
  agent_abort: 'TaskCancel',
});

export const CLINE_EVENTS = ['PreToolUse', 'PostToolUse', 'UserPromptSubmit', 'TaskComplete', 'TaskCancel', ...Object.keys(EVENT_ALIASES)] as const;

const payloadSchema = lazy(() => {
  const ToolCall = z.looseObject({ toolName: z.string().check(z.minLength(1)), parameters: z.optional(z.unknown()) });
  const SdkCall = z.looseObject({ name: z.string().check(z.minLength(1)), input: z.optional(z.unknown()), id: z.optional(z.string()) });
  return z.looseObject({
    hookName: z.string(),
    taskId: z.optional(z.string()),
    sessionContext: z.optional(z.looseObject({ rootSessionId: z.optional(z.string()) })),
    workspaceRoots: z.optional(z.array(z.string())),
    preToolUse: z.optional(ToolCall),
    postToolUse: z.optional(z.looseObject({ toolName: z.string(), parameters: z.optional(z.unknown()), success: z.optional(z.boolean()), executionTimeMs: z.optional(z.number()) })),
    tool_call: z.optional(SdkCall),
    tool_result: z.optional(z.looseObject({ name: z.string().check(z.minLength(1)), input: z.optional(z.unknown()), error: z.optional(z.unknown()), durationMs: z.optional(z.number()) })),
    userPromptSubmit: z.optional(z.looseObject({ prompt: z.optional(z.string()) })),
  });
});

type Input = Record<string, unknown>;

/** The legacy object flattens every value to a string: give arrays and objects back their shape. */
function decodeJsonString(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  const t = v.trim();
  if (!(t.startsWith('[') || t.startsWith('{') || t.startsWith('"'))) return v;
  try {
    return JSON.parse(t);
  } catch {
    return v;
  }
}

function decodeParams(params: unknown): unknown {
  const p = decodeJsonString(params);
  if (!p || typeof p !== 'object' || Array.isArray(p)) return p;
  const out: Input = {};
  for (const [k, v] of Object.entries(p as Input)) out[k] = decodeJsonString(v);
  return out;
}

function shellQuote(s: string): string {
  return /^[A-Za-z0-9_./:=@%+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** One command as run_commands takes it: a string, or `{command, args}` run without a shell. */
function commandText(c: unknown): string | undefined {
  if (typeof c === 'string') return c.length > 0 ? c : undefined;
  if (c && typeof c === 'object' && !Array.isArray(c)) {
    const o = c as Input;
    const cmd = typeof o.command === 'string' ? o.command : typeof o.cmd === 'string' ? o.cmd : undefined;
    if (!cmd) return undefined;
    const args = Array.isArray(o.args) ? o.args.filter((a): a is string => typeof a === 'string') : [];
    return [cmd, ...args].map((a, i) => (i === 0 && args.length === 0 ? a : shellQuote(a))).join(' ');
  }
  return undefined;
}

/** Every shape run_commands accepts: a string, an array, `{commands}` (array, string, JSON string of an array), `{command}`, `{cmd}`. */
function runCommandsActions(tool: string, raw: unknown): AgentAction[] {
  const input = decodeJsonString(raw);
  let list: unknown[];
  if (Array.isArray(input)) list = input;
  else if (input && typeof input === 'object' && ('commands' in input || 'command' in input || 'cmd' in input)) {
    const o = input as Input;
    const c = decodeJsonString(o.commands ?? ('args' in o ? o : o.command ?? o.cmd));
    list = Array.isArray(c) ? c : [c];
  } else list = [input];
  const commands = list.map(commandText);
  // One command the hook cannot read makes the whole call unreadable: refuse it rather than judge a part.
  if (commands.length === 0 || commands.some((c) => c === undefined)) return [];
  return commands.map((command) => ({ tool, kind: 'shell', command: command! }));
}

function pathOf(v: unknown): string | undefined {
  if (typeof v === 'string') return v.length > 0 ? v : undefined;
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    const o = v as Input;
    for (const k of ['path', 'file_path', 'filePath']) if (typeof o[k] === 'string' && (o[k] as string).length > 0) return o[k] as string;
  }
  return undefined;
}

/** read_files: `{files: [{path}]}` and the looser shapes its schema also accepts. */
function readFilesActions(tool: string, raw: unknown): AgentAction[] {
  const input = decodeJsonString(raw);
  let list: unknown[];
  if (Array.isArray(input) || typeof input === 'string') list = Array.isArray(input) ? input : [input];
  else if (input && typeof input === 'object') {
    const o = input as Input;
    const many = decodeJsonString(o.files ?? o.file_paths ?? o.paths);
    list = many === undefined ? [o] : Array.isArray(many) ? many : [many];
  } else list = [];
  const paths = list.map(pathOf);
  if (paths.length === 0 || paths.some((p) => p === undefined)) return [];
  return paths.map((path) => ({ tool, kind: 'read', path: path! }));
}

function editorActions(tool: string, raw: unknown): AgentAction[] {
  const input = decodeJsonString(raw);
  const o: Input = input && typeof input === 'object' && !Array.isArray(input) ? (input as Input) : {};
  const path = pathOf(o);
  if (!path) return [];
  const content = typeof o.new_text === 'string' ? o.new_text : undefined;
  return [{ tool, kind: 'write', path, ...(content !== undefined ? { content } : {}) }];
}

function searchCodebaseActions(tool: string, raw: unknown): AgentAction[] {
  const input = decodeJsonString(raw);
  const q = input && typeof input === 'object' && !Array.isArray(input) ? decodeJsonString((input as Input).queries) : input;
  const queries = (Array.isArray(q) ? q : [q]).filter((s): s is string => typeof s === 'string');
  return queries.length ? queries.map((pattern) => ({ tool, kind: 'search', pattern })) : [{ tool, kind: 'search' }];
}

function fetchWebActions(tool: string, raw: unknown): AgentAction[] {
  const input = decodeJsonString(raw);
  const reqs = input && typeof input === 'object' && !Array.isArray(input) ? decodeJsonString((input as Input).requests ?? [input]) : input;
  const urls = (Array.isArray(reqs) ? reqs : [reqs]).map((r) => (typeof r === 'string' ? r : r && typeof r === 'object' ? (r as Input).url : undefined));
  if (urls.length === 0 || urls.some((u) => typeof u !== 'string' || u.length === 0)) return [];
  return (urls as string[]).map((url) => ({ tool, kind: 'fetch', url }));
}

const COMMAND_KEYS = new Set(['command', 'commands', 'cmd', 'script', 'shell', 'command_line', 'commandline', 'bash', 'exec', 'run']);
const PATH_KEYS = new Set(['path', 'paths', 'file', 'files', 'file_path', 'filepath', 'file_paths', 'filename', 'target', 'target_file', 'source', 'destination', 'dir', 'directory', 'absolute_path', 'uri']);
const WALK_LIMIT = 200;

/** A bare value that names a file: absolute, relative, home-based, or a dotfile like `.env`. */
function looksLikePath(s: string): boolean {
  if (s.length > 4096 || /[\n\0]/.test(s) || /^[a-z][a-z0-9+.-]*:\/\//i.test(s)) return false;
  return /^(\/|~\/|\.\.?\/)/.test(s) || /^\.[A-Za-z0-9_-]/.test(s) || (/^[^\s]+\/[^\s]+$/.test(s) && !/^\d+\/\d+$/.test(s));
}

/**
 * A tool Airlock does not know: every string under a command-like key is judged as a shell
 * command, every string under a path-like key or shaped like a path as a read of that file
 * (the strictest reading of a path: secrets and Airlock's own files are guarded against reads).
 * The opaque call is kept too, so tool-name rules still see it. Bounded; past the bound the
 * opaque call alone would be a silent allow, so the call is refused instead.
 */
export function unknownToolActions(tool: string, raw: unknown): AgentAction[] {
  const found: AgentAction[] = [];
  let seen = 0;
  let overflow = false;
  const walk = (v: unknown, key: string, depth: number): void => {
    if (overflow) return;
    if (++seen > WALK_LIMIT || depth > 6) {
      overflow = true;
      return;
    }
    const k = key.toLowerCase();
    if (typeof v === 'string') {
      const decoded = decodeJsonString(v);
      if (decoded !== v) return walk(decoded, key, depth + 1);
      if (COMMAND_KEYS.has(k) && v.trim().length > 0) found.push({ tool, kind: 'shell', command: v });
      else if (PATH_KEYS.has(k) ? v.length > 0 : looksLikePath(v)) found.push({ tool, kind: 'read', path: v });
      return;
    }
    if (Array.isArray(v)) {
      // A command given as argv: one command, not several.
      if (COMMAND_KEYS.has(k) && v.length > 0 && v.every((x) => typeof x === 'string') && !v.some((x) => /\s/.test(x))) {
        found.push({ tool, kind: 'shell', command: (v as string[]).map(shellQuote).join(' ') });
        return;
      }
      for (const x of v) walk(x, key, depth + 1);
      return;
    }
    if (v && typeof v === 'object') for (const [ck, cv] of Object.entries(v as Input)) walk(cv, ck, depth + 1);
  };
  walk(decodeJsonString(raw), '', 0);
  if (overflow) return [];
  return [...found, { kind: 'mcp', tool, input: raw }];
}

function actionsFor(tool: string, rawParams: unknown): AgentAction[] {
  const params = decodeParams(rawParams);
  switch (tool) {
    case 'run_commands':
      return runCommandsActions(tool, params);
    case 'read_files':
      return readFilesActions(tool, params);
    case 'editor':
      return editorActions(tool, params);
    case 'search_codebase':
      return searchCodebaseActions(tool, params);
    case 'fetch_web_content':
      return fetchWebActions(tool, params);
    case 'apply_patch':
      return toolActions(tool, typeof params === 'string' ? { input: params } : params);
    case 'use_mcp_tool': {
      const p = (params && typeof params === 'object' ? params : {}) as Input;
      return [mcpAction(String(p.tool_name ?? 'unknown'), decodeJsonString(p.arguments), typeof p.server_name === 'string' ? p.server_name : undefined)];
    }
  }
  // The CLI names MCP tools `<server>__<tool>`.
  const mcp = /^([A-Za-z0-9._-]+?)__([A-Za-z0-9._-]+)$/.exec(tool);
  if (mcp) return [mcpAction(mcp[2]!, params, mcp[1]!)];
  const known = toolActions(tool, params);
  if (known.length === 1 && known[0]!.kind === 'mcp') return unknownToolActions(tool, params);
  return known;
}

function parse(payload: unknown, eventHint?: string): ParseResult {
  const r = payloadSchema().safeParse(payload);
  if (!r.success) return { ok: false, error: `cline payload: ${zodMessage(r.error.issues)}` };
  const p = r.data;
  const rawEvent = p.hookName || eventHint || '';
  const event = EVENT_ALIASES[rawEvent] ?? rawEvent;
  const roots = p.workspaceRoots ?? [];
  const cwd = roots[0];
  const call = (phase: HookCall['phase'], actions: AgentAction[], extra: Partial<HookCall> = {}): ParseResult => ({
    ok: true,
    call: { agent: 'cline', event: rawEvent, phase, actions, workspaceRoots: roots, ...(cwd ? { cwd } : {}), ...(p.taskId ? { sessionId: p.taskId } : {}), ...extra },
  });
  switch (event) {
    case 'PreToolUse': {
      // The SDK's own object keeps arrays as arrays; the legacy one is the fallback.
      const tool = p.tool_call?.name ?? p.preToolUse?.toolName;
      if (!tool) return { ok: false, error: `cline ${rawEvent}: no tool_call or preToolUse object` };
      const actions = actionsFor(tool, p.tool_call ? p.tool_call.input : p.preToolUse?.parameters);
      if (actions.length === 0) return { ok: false, error: `cline ${rawEvent}: tool ${oneLine(tool).slice(0, 80)} without input Airlock can read` };
      const session = p.sessionContext?.rootSessionId;
      const toolCallId = p.tool_call?.id;
      return call('pre', actions, session && toolCallId && isClineMcpTool(tool) ? { cline: { session, toolCallId } } : {});
    }
    case 'PostToolUse': {
      const tool = p.tool_result?.name ?? p.postToolUse?.toolName;
      if (!tool) return { ok: false, error: `cline ${rawEvent}: no tool_result or postToolUse object` };
      const actions = actionsFor(tool, p.tool_result ? p.tool_result.input : p.postToolUse?.parameters);
      const extra: Partial<HookCall> = {};
      const failed = p.tool_result ? p.tool_result.error !== undefined && p.tool_result.error !== null && p.tool_result.error !== '' : p.postToolUse?.success === false;
      if (failed) extra.exitCode = 1;
      const ms = p.tool_result?.durationMs ?? p.postToolUse?.executionTimeMs;
      if (ms !== undefined) extra.durationMs = ms;
      return call('post', actions, extra);
    }
    case 'UserPromptSubmit':
      return call('prompt', [{ kind: 'prompt', text: p.userPromptSubmit?.prompt ?? '' }]);
    case 'TaskComplete':
    case 'TaskCancel':
      return call('stop', []);
    default:
      return { ok: false, error: `cline: unknown event '${oneLine(rawEvent).slice(0, 80)}'` };
  }
}

/**
 * The CLI's tools whose input can be swapped for one that does nothing (no command, no file). A
 * `cancel` ends Cline's whole task and its reason reaches neither the model nor the CLI's output
 * (3.0.65); an emptied input plus the reason as hook context lets the model read why and go on.
 * Never an MCP tool: Cline sends any overridden input to the server's tools/call (docs/agents.md).
 */
const NO_OP_INPUT: Record<string, unknown> = { run_commands: { commands: [] }, read_files: { files: [] } };

function noOpInput(call: HookCall): unknown {
  if (call.event !== 'tool_call' || call.actions.length === 0) return undefined;
  const tool = call.actions[0]!.tool;
  if (!tool || !call.actions.every((a) => a.tool === tool)) return undefined;
  return Object.prototype.hasOwnProperty.call(NO_OP_INPUT, tool) ? NO_OP_INPUT[tool] : undefined;
}

/**
 * An MCP call in a session where Airlock's Cline plugin is loaded: the verdict goes to the plugin,
 * which skips a blocked call with the reason as the tool's result (cline_handoff.ts). True when the
 * plugin will carry it; false means answer as without the plugin (an allow, or a `cancel`).
 */
function handOff(call: HookCall, answer: HookAnswer, reason: string): boolean {
  if (!call.cline || call.phase !== 'pre' || answer.lockdown) return false;
  if (!pluginActive(call.cline.session)) return false;
  return writeCallRecord(call.cline.session, call.cline.toolCallId, { decision: answer.decision === 'allow' ? 'allow' : 'block', reason });
}

function render(call: HookCall, answer: HookAnswer): HookOutput {
  if (call.phase === 'post' || call.phase === 'stop' || answer.decision === 'allow') {
    // The plugin skips MCP calls it has no verdict for; an allow is handed over too (failure here is harmless for an allow).
    if (answer.decision === 'allow') handOff(call, answer, '');
    return { stdout: json({ cancel: false }), stderr: '', exitCode: 0 };
  }
  const msg = messageFor(answer);
  const context = `${msg} The call was not run. Do not retry or work around this.`;
  if (handOff(call, answer, context)) return { stdout: json({ cancel: false }), stderr: `${msg}\n`, exitCode: 0 };
  const noOp = answer.lockdown ? undefined : noOpInput(call);
  if (noOp !== undefined) return { stdout: json({ cancel: false, overrideInput: noOp, context }), stderr: `${msg}\n`, exitCode: 0 };
  return { stdout: json({ cancel: true, errorMessage: msg, contextModification: context }), stderr: `${msg}\n`, exitCode: 0 };
}

function renderRefusal(reason: string): HookOutput {
  const msg = oneLine(`Airlock blocked this: ${reason}`);
  return { stdout: json({ cancel: true, errorMessage: msg }), stderr: `${msg}\n`, exitCode: 0 };
}

export const cline: Dialect = { agent: 'cline', events: CLINE_EVENTS, hookTimeoutMs: 30_000, parse, render, renderRefusal };
