// Runs the built hook (dist/hook.js, what the per-user shim runs) as a child process, the way an
// agent does, and reads its answer in each agent's dialect. Payload builders per agent mirror
// test/fixtures/agents/.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { HookAgentId } from '../../../src/core/action';

export const HOOK = path.join(process.cwd(), 'dist/hook.js');
export const CLI = path.join(process.cwd(), 'dist/cli.js');

export interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
  /** Peak resident memory of the hook process in MB (from a preload that reports it at exit). */
  maxRssMb?: number;
}

export interface HookEnv {
  home: string;
  cwd: string;
}

const made: string[] = [];
// Temp homes hold multi-MB audit logs and sockets: removed when the test file's process ends.
process.on('exit', () => {
  for (const d of made) fs.rmSync(d, { recursive: true, force: true });
  fs.rmSync(RSS_PRELOAD, { force: true });
});

/** A fresh HOME with a workspace in it: no editor, no state dir. */
export function freshHome(prefix = 'alhard-'): HookEnv {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(home);
  const cwd = path.join(home, 'shop');
  fs.mkdirSync(path.join(cwd, 'src'), { recursive: true });
  return { home, cwd };
}

const RSS_PRELOAD = path.join(os.tmpdir(), `alhard-rss-${process.pid}.cjs`);
function rssPreload(): string {
  if (!fs.existsSync(RSS_PRELOAD)) {
    fs.writeFileSync(RSS_PRELOAD, "process.on('exit', () => { try { require('fs').writeSync(3, String(process.resourceUsage().maxRSS)); } catch {} });\n");
  }
  return RSS_PRELOAD;
}

export interface RunOptions {
  /** Bytes to send; a function gets the stdin stream to write to itself (big payloads). */
  input: string | Buffer | ((stdin: NodeJS.WritableStream) => void);
  env: HookEnv;
  timeoutMs?: number;
  measureRss?: boolean;
  script?: string;
  args?: string[];
}

export function runHook(agent: string, opts: RunOptions): Promise<Run> {
  const t0 = Date.now();
  const script = opts.script ?? HOOK;
  const nodeArgs = opts.measureRss ? ['-r', rssPreload()] : [];
  const child = spawn(process.execPath, [...nodeArgs, script, ...(opts.args ?? ['--agent', agent])], {
    cwd: opts.env.cwd,
    env: { PATH: process.env.PATH ?? '', HOME: opts.env.home },
    stdio: ['pipe', 'pipe', 'pipe', ...(opts.measureRss ? (['pipe'] as const) : [])],
  });
  let stdout = '';
  let stderr = '';
  let rss = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  if (opts.measureRss) (child.stdio[3] as NodeJS.ReadableStream).setEncoding('utf8').on('data', (d: string) => (rss += d));
  // The hook may stop reading early (oversized payload): a broken pipe is its right, not our failure.
  child.stdin!.on('error', () => undefined);
  if (typeof opts.input === 'function') opts.input(child.stdin!);
  else child.stdin!.end(opts.input);
  const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 20_000);
  return new Promise((resolve) => {
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const run: Run = { code, signal, stdout, stderr, ms: Date.now() - t0 };
      if (rss) run.maxRssMb = Number(rss) / 1024; // maxRSS is in kilobytes
      resolve(run);
    });
  });
}

/** Runs tasks with at most `n` at a time (2 cores are shared with other suites). */
export async function pool<T>(tasks: Array<() => Promise<T>>, n = 3): Promise<T[]> {
  const results = new Array<T>(tasks.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]!();
    }
  };
  await Promise.all(Array.from({ length: Math.min(n, tasks.length) }, worker));
  return results;
}

type Json = Record<string, unknown>;

export interface AgentShape {
  agent: HookAgentId;
  /** A pre-tool payload running `command` in `cwd`. */
  shell(command: string, cwd: string): Json;
  /** A pre-tool payload reading `file`. */
  read(file: string, cwd: string): Json;
  /** Where the event name sits, for the unknown-event case. */
  eventKey: string;
  /** The field path of the command, for wrong-type and missing-field cases. */
  commandPath: string[];
}

export const AGENTS: readonly AgentShape[] = [
  {
    agent: 'cursor',
    shell: (command, cwd) => ({ hook_event_name: 'beforeShellExecution', conversation_id: 'c1', generation_id: 'g1', command, cwd, workspace_roots: [cwd] }),
    read: (file, cwd) => ({ hook_event_name: 'beforeReadFile', conversation_id: 'c1', generation_id: 'g1', file_path: path.resolve(cwd, file), content: '', workspace_roots: [cwd] }),
    eventKey: 'hook_event_name',
    commandPath: ['command'],
  },
  {
    agent: 'claude',
    shell: (command, cwd) => ({ hook_event_name: 'PreToolUse', session_id: 's1', cwd, permission_mode: 'default', tool_name: 'Bash', tool_input: { command }, tool_use_id: 't1' }),
    read: (file, cwd) => ({ hook_event_name: 'PreToolUse', session_id: 's1', cwd, permission_mode: 'default', tool_name: 'Read', tool_input: { file_path: path.resolve(cwd, file) }, tool_use_id: 't2' }),
    eventKey: 'hook_event_name',
    commandPath: ['tool_input', 'command'],
  },
  {
    agent: 'copilot',
    shell: (command, cwd) => ({ timestamp: '2026-10-20T10:00:00.000Z', cwd, sessionId: 's-9', hookEventName: 'PreToolUse', tool_name: 'run_in_terminal', tool_input: { command, explanation: 'x', isBackground: false }, tool_use_id: 'c1' }),
    read: (file, cwd) => ({ timestamp: '2026-10-20T10:00:00.000Z', cwd, sessionId: 's-9', hookEventName: 'PreToolUse', tool_name: 'read_file', tool_input: { filePath: path.resolve(cwd, file) }, tool_use_id: 'c2' }),
    eventKey: 'hookEventName',
    commandPath: ['tool_input', 'command'],
  },
  {
    agent: 'codex',
    shell: (command, cwd) => ({ session_id: 'x', cwd, model: 'gpt-5-codex', turn_id: '1', hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command: ['bash', '-lc', command] }, tool_use_id: 'c9' }),
    read: (file, cwd) => ({ session_id: 'x', cwd, model: 'gpt-5-codex', turn_id: '1', hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command: ['cat', file] }, tool_use_id: 'c8' }),
    eventKey: 'hook_event_name',
    commandPath: ['tool_input', 'command'],
  },
  {
    agent: 'gemini',
    shell: (command, cwd) => ({ session_id: 'g-1', cwd, timestamp: '2026-10-20T10:00:00Z', hook_event_name: 'BeforeTool', tool_name: 'run_shell_command', tool_input: { command, description: 'x', dir_path: cwd } }),
    read: (file, cwd) => ({ session_id: 'g-1', cwd, timestamp: '2026-10-20T10:00:00Z', hook_event_name: 'BeforeTool', tool_name: 'read_file', tool_input: { file_path: path.resolve(cwd, file) } }),
    eventKey: 'hook_event_name',
    commandPath: ['tool_input', 'command'],
  },
  {
    agent: 'windsurf',
    shell: (command, cwd) => ({ trajectory_id: 't', execution_id: 'e', timestamp: '2026-10-20T10:00:00Z', model_name: 'SWE-1.5', agent_action_name: 'pre_run_command', tool_info: { command_line: command, cwd } }),
    read: (file, cwd) => ({ trajectory_id: 't', execution_id: 'e', timestamp: '2026-10-20T10:00:00Z', model_name: 'SWE-1.5', agent_action_name: 'pre_read_code', tool_info: { file_path: path.resolve(cwd, file) } }),
    eventKey: 'agent_action_name',
    commandPath: ['tool_info', 'command_line'],
  },
  {
    agent: 'cline',
    shell: (command, cwd) => ({ clineVersion: '3.36.0', timestamp: '1760954400000', taskId: 'task-1', workspaceRoots: [cwd], userId: 'u', hookName: 'PreToolUse', preToolUse: { toolName: 'execute_command', parameters: { command, requires_approval: 'false' } } }),
    read: (file, cwd) => ({ clineVersion: '3.36.0', timestamp: '1760954400000', taskId: 'task-1', workspaceRoots: [cwd], userId: 'u', hookName: 'PreToolUse', preToolUse: { toolName: 'read_file', parameters: { path: file } } }),
    eventKey: 'hookName',
    commandPath: ['preToolUse', 'parameters', 'command'],
  },
];

export function agentShape(agent: HookAgentId): AgentShape {
  return AGENTS.find((a) => a.agent === agent)!;
}

/** Blocked in that agent's convention: exit 2 everywhere, except Cline, which reads `cancel: true` on exit 0. */
export function isBlocked(agent: string, r: Run): boolean {
  if (agent === 'cline') {
    try {
      return r.code === 0 && (JSON.parse(r.stdout) as { cancel?: boolean }).cancel === true;
    } catch {
      return false;
    }
  }
  return r.code === 2;
}

export function isAllowed(agent: string, r: Run): boolean {
  if (agent === 'cline') {
    try {
      return r.code === 0 && (JSON.parse(r.stdout) as { cancel?: boolean }).cancel === false;
    } catch {
      return false;
    }
  }
  return r.code === 0;
}

/** What a person (and the agent) reads: a reason, never a stack trace. */
export function describe(r: Run): string {
  return `exit ${r.code}${r.signal ? ` (${r.signal})` : ''} in ${r.ms} ms; stderr: ${r.stderr.slice(0, 300)}; stdout: ${r.stdout.slice(0, 200)}`;
}

export const STACK_TRACE = /\n\s+at |\bat [\w.<>]+ \(.*:\d+:\d+\)/;

export function setPath(obj: Json, keys: string[], value: unknown): Json {
  const copy = structuredClone(obj);
  let o: Json = copy;
  for (const k of keys.slice(0, -1)) o = o[k] as Json;
  const last = keys[keys.length - 1]!;
  if (value === undefined) delete o[last];
  else o[last] = value;
  return copy;
}

/** Waits on a condition (no fixed sleeps); gives up after `ms`. */
export async function until(cond: () => boolean, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
