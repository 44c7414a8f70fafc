// Where each agent reads project hooks from, and the entries Airlock adds there. Timeouts here
// are what each dialect's hookTimeoutMs assumes (the gate answers before them).
import type { HookAgentId } from '../../core/action';
import type { JsonPath } from './json_text';

export interface HookEntry {
  /** Path of the array the entry is appended to. */
  path: JsonPath;
  value: unknown;
}

export interface JsonHookSpec {
  agent: Exclude<HookAgentId, 'cline'>;
  /** Relative to the workspace root. */
  file: string;
  /** Top-level keys a new file starts with. */
  scaffold: Record<string, unknown>;
  entries(command: (event?: string) => string): HookEntry[];
  /** What to tell the person about this agent's own switches. */
  note?: string;
}

/** Cursor voids the whole file on one unknown event name: only names Cursor documents. */
const CURSOR_PRE = ['beforeShellExecution', 'beforeMCPExecution', 'beforeReadFile', 'preToolUse'];
const CURSOR_POST = ['afterShellExecution', 'afterMCPExecution', 'afterFileEdit', 'postToolUse', 'stop'];

/** Claude's PreToolUse tools Airlock judges (anchored regex: Claude treats non-word matchers as regexes). */
export const CLAUDE_TOOL_MATCHER = '^(Bash|Read|Edit|Write|MultiEdit|NotebookEdit|Grep|Glob|WebFetch|mcp__.*)$';

function claudeGroups(command: (event?: string) => string, extra: Record<string, unknown>, matcher?: string): HookEntry[] {
  const hook = (): Record<string, unknown> => ({ type: 'command', command: command(), ...extra });
  return [
    { path: ['hooks', 'PreToolUse'], value: { ...(matcher ? { matcher } : {}), hooks: [hook()] } },
    { path: ['hooks', 'PostToolUse'], value: { ...(matcher ? { matcher } : {}), hooks: [hook()] } },
    { path: ['hooks', 'UserPromptSubmit'], value: { hooks: [hook()] } },
    { path: ['hooks', 'Stop'], value: { hooks: [hook()] } },
  ];
}

export const JSON_SPECS: Record<JsonHookSpec['agent'], JsonHookSpec> = {
  cursor: {
    agent: 'cursor',
    file: '.cursor/hooks.json',
    scaffold: { version: 1 },
    entries: (command) => [
      ...CURSOR_PRE.map((e) => ({ path: ['hooks', e], value: { command: command(), failClosed: true, timeout: 120 } })),
      ...CURSOR_POST.map((e) => ({ path: ['hooks', e], value: { command: command(), timeout: 10 } })),
    ],
    note: 'Project hooks run only in a trusted workspace.',
  },
  claude: {
    agent: 'claude',
    file: '.claude/settings.local.json',
    scaffold: {},
    entries: (command) => claudeGroups(command, { timeout: 300, onFailure: 'block' }, CLAUDE_TOOL_MATCHER),
    note: 'onFailure:"block" needs Claude Code 2.1.295 or later; older versions ignore it.',
  },
  copilot: {
    agent: 'copilot',
    file: '.github/hooks/airlock.json',
    scaffold: { version: 1 },
    // The Copilot CLI payload has no event name: the command line carries it.
    entries: (command) =>
      ['PreToolUse', 'PostToolUse', 'UserPromptSubmit', 'Stop'].map((e) => ({
        path: ['hooks', e],
        value: { type: 'command', command: command(e), bash: command(e), timeout: 60, timeoutSec: 60 },
      })),
    note: 'Agent hooks are a Preview feature in VS Code; an organization policy can turn them off.',
  },
  codex: {
    agent: 'codex',
    file: '.codex/hooks.json',
    scaffold: {},
    entries: (command) => claudeGroups(command, { timeout: 300 }),
    note: 'Codex runs project hooks only after you trust them (/hooks).',
  },
  gemini: {
    agent: 'gemini',
    file: '.gemini/settings.json',
    scaffold: {},
    entries: (command) => [
      { path: ['hooks', 'BeforeTool'], value: { matcher: '.*', hooks: [{ name: 'airlock', type: 'command', command: command(), timeout: 120000 }] } },
      { path: ['hooks', 'AfterTool'], value: { matcher: '.*', hooks: [{ name: 'airlock', type: 'command', command: command(), timeout: 10000 }] } },
    ],
  },
  windsurf: {
    agent: 'windsurf',
    file: '.windsurf/hooks.json',
    scaffold: {},
    entries: (command) =>
      ['pre_run_command', 'pre_read_code', 'pre_write_code', 'pre_mcp_tool_use', 'post_run_command', 'post_write_code', 'post_mcp_tool_use'].map((e) => ({
        path: ['hooks', e],
        value: { command: command(), show_output: false },
      })),
    note: 'Windsurf has no "ask": flagged actions are blocked, with the reason shown to Cascade.',
  },
};

/** Cline runs one executable per event from .clinerules/hooks/. */
export const CLINE_DIR = '.clinerules/hooks';
export const CLINE_EVENTS_INSTALLED = ['PreToolUse', 'PostToolUse', 'UserPromptSubmit'] as const;
