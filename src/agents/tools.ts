// Agents name the same few tools differently (Bash, Shell, run_shell_command, execute_command,
// run_in_terminal...). This table maps each known tool name to the AgentAction it performs, so
// every dialect shares one reading of tool inputs. A tool we do not know is still judged: a
// `command` in its input is treated as a shell command, anything else as an opaque tool call.
import type { AgentAction } from '../core/action';

type Input = Record<string, unknown>;
type Kind = 'shell' | 'read' | 'write' | 'delete' | 'search' | 'fetch' | 'patch';

// No prototype: a tool named `constructor` or `__proto__` is an unknown tool, not Object's own property.
const TOOL_KINDS: Record<string, Kind | undefined> = Object.create(null) as Record<string, Kind | undefined>;
function tools(kind: Kind, names: string[]): void {
  for (const n of names) TOOL_KINDS[n.toLowerCase()] = kind;
}
tools('shell', ['Bash', 'Shell', 'run_shell_command', 'execute_command', 'run_in_terminal', 'runInTerminal', 'local_shell', 'exec_command', 'shell_command', 'terminal']);
tools('read', ['Read', 'ReadFile', 'read_file', 'readFile', 'view', 'read_many_files', 'NotebookRead', 'get_file', 'list_dir', 'LS', 'list_directory', 'list_files', 'access_mcp_resource']);
tools('write', ['Write', 'Edit', 'MultiEdit', 'NotebookEdit', 'write_file', 'replace', 'edit', 'write_to_file', 'replace_in_file', 'create_file', 'createFile', 'editFiles', 'edit_file', 'replace_string_in_file', 'multi_replace_string_in_file', 'insert_edit_into_file', 'StrReplace', 'search_replace', 'EditNotebook', 'edit_notebook_file']);
tools('delete', ['Delete', 'delete_file', 'DeleteFile', 'remove_file']);
tools('search', ['Grep', 'Glob', 'grep_search', 'search_file_content', 'search_files', 'file_search', 'glob', 'codebase_search', 'semantic_search', 'find_files']);
tools('fetch', ['WebFetch', 'web_fetch', 'fetch_webpage', 'fetch', 'browser_action']);
tools('patch', ['apply_patch', 'ApplyPatch']);

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}

function firstString(input: Input, keys: string[]): string | undefined {
  for (const k of keys) {
    const v = str(input[k]);
    if (v !== undefined) return v;
  }
  return undefined;
}

const PATH_KEYS = ['file_path', 'filePath', 'path', 'absolute_path', 'target_file', 'notebook_path', 'targetFile', 'file', 'uri', 'dir_path'];

/** Shell commands arrive as a string or as argv (`["bash","-lc","..."]` in Codex). */
function commandOf(input: Input): string | undefined {
  const c = input.command ?? input.cmd ?? input.command_line ?? input.commandLine;
  if (typeof c === 'string') return c.length > 0 ? c : undefined;
  if (Array.isArray(c) && c.length > 0 && c.every((x) => typeof x === 'string')) {
    const argv = c as string[];
    // `bash -lc "<script>"` is how Codex spells a shell command: judge the script itself.
    if (argv.length === 3 && /(^|\/)(ba|z|da)?sh$/.test(argv[0]!) && /^-l?c$/.test(argv[1]!)) return argv[2];
    return argv.map(shellQuote).join(' ');
  }
  return undefined;
}

function shellQuote(s: string): string {
  return /^[A-Za-z0-9_./:=@%+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** Paths an apply_patch body touches: `*** Add File: p`, `*** Update File: p`, `*** Delete File: p`. */
function patchActions(patch: string): AgentAction[] {
  const out: AgentAction[] = [];
  for (const m of patch.matchAll(/^\*\*\* (Add|Update|Delete) File: (.+)$/gm)) {
    const path = m[2]!.trim();
    out.push(m[1] === 'Delete' ? { kind: 'delete', path } : { kind: 'write', path });
  }
  for (const m of patch.matchAll(/^\*\*\* Move to: (.+)$/gm)) out.push({ kind: 'write', path: m[1]!.trim() });
  return out;
}

function writeContent(input: Input): string | undefined {
  const direct = firstString(input, ['content', 'new_string', 'newString', 'new_source', 'diff', 'code', 'text']);
  if (direct !== undefined) return direct;
  if (Array.isArray(input.edits)) {
    return input.edits
      .map((e) => (e && typeof e === 'object' ? str((e as Input).new_string) ?? str((e as Input).newString) ?? '' : ''))
      .join('\n');
  }
  return undefined;
}

/**
 * The actions one tool call performs. Returns [] only when the input lacks what the tool needs
 * (the caller refuses such calls rather than letting them through unjudged).
 */
export function toolActions(tool: string, rawInput: unknown): AgentAction[] {
  const input: Input = rawInput && typeof rawInput === 'object' && !Array.isArray(rawInput) ? (rawInput as Input) : {};
  const kind = TOOL_KINDS[tool.toLowerCase()];
  const base = { tool };
  switch (kind) {
    case 'shell': {
      const command = commandOf(input);
      return command === undefined ? [] : [{ ...base, kind: 'shell', command, ...(str(input.cwd) ? { cwd: str(input.cwd) } : {}) }];
    }
    case 'read': {
      if (Array.isArray(input.paths)) {
        return input.paths.filter((p): p is string => typeof p === 'string').map((path) => ({ ...base, kind: 'read', path }));
      }
      const path = firstString(input, PATH_KEYS);
      return path === undefined ? [] : [{ ...base, kind: 'read', path }];
    }
    case 'write': {
      if (Array.isArray(input.files)) {
        return input.files.filter((p): p is string => typeof p === 'string').map((path) => ({ ...base, kind: 'write', path }));
      }
      const path = firstString(input, PATH_KEYS);
      if (path === undefined) return [];
      const content = writeContent(input);
      return [{ ...base, kind: 'write', path, ...(content !== undefined ? { content } : {}) }];
    }
    case 'delete': {
      const path = firstString(input, PATH_KEYS);
      return path === undefined ? [] : [{ ...base, kind: 'delete', path }];
    }
    case 'search': {
      const pattern = firstString(input, ['pattern', 'regex', 'query', 'search']);
      const path = firstString(input, ['path', 'dir_path', 'directory', 'cwd']);
      const glob = firstString(input, ['glob', 'include', 'includePattern', 'file_pattern', 'filePattern']);
      // Claude's Grep: `-C` / `-A` / `-B` (and `context`) print lines around each match
      const around = ['-C', '-A', '-B', 'context', 'context_lines'].map((k) => input[k]).filter((v): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0);
      const context = around.length > 0 ? Math.min(Math.max(...around), 10_000) : undefined;
      return [{ ...base, kind: 'search', ...(pattern ? { pattern } : {}), ...(path ? { path } : {}), ...(glob ? { glob } : {}), ...(context !== undefined ? { context } : {}) }];
    }
    case 'fetch': {
      const urls = Array.isArray(input.urls) ? input.urls.filter((u): u is string => typeof u === 'string') : [];
      const url = firstString(input, ['url', 'uri']) ?? urls[0] ?? firstString(input, ['prompt']);
      if (url === undefined) return [];
      const method = firstString(input, ['method']);
      return [{ ...base, kind: 'fetch', url, ...(method ? { method } : {}) }];
    }
    case 'patch': {
      const patch = firstString(input, ['input', 'patch', 'command']);
      const actions = patch === undefined ? [] : patchActions(patch);
      return actions.map((a) => ({ ...a, tool }));
    }
    case undefined: {
      const command = commandOf(input);
      if (command !== undefined) return [{ ...base, kind: 'shell', command }];
      return [{ kind: 'mcp', tool, input: rawInput }];
    }
  }
}

/** MCP tool names: `mcp__server__tool` (Claude, Codex, Copilot), `MCP:tool` (Cursor). */
export function mcpAction(tool: string, input: unknown, server?: string): AgentAction {
  return { kind: 'mcp', tool, ...(server ? { server } : {}), input };
}

export function splitClaudeMcpName(name: string): { server: string; tool: string } | undefined {
  const m = /^mcp__(.+?)__(.+)$/.exec(name);
  return m ? { server: m[1]!, tool: m[2]! } : undefined;
}
