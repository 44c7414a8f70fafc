// Whose terminal is it? Lockdown is about agents: a terminal an agent created, or one where an agent CLI
// (or a process it started, which carries its environment marker) is running, is interrupted; a person's
// own shell is left alone. A terminal Airlock cannot place (an extension made it, under a name that is
// neither a shell nor an agent) is interrupted, and told so. Pure: the facts come from the editor and /proc.

export type Owner = 'agent' | 'person' | 'unknown';

export interface TerminalFacts {
  /** creationOptions.name, if the terminal was created with one. */
  name?: string;
  /** creationOptions.env, if given at creation. */
  env?: Record<string, string | null | undefined>;
  /** Created by an extension with its own pseudoterminal. */
  extensionPty?: boolean;
}

export interface ProcessFacts {
  /** Executable name (ps comm / the basename of argv[0]). */
  comm: string;
  /** The command line, when known. */
  args?: string;
  /** Environment variable names of the process (Linux: /proc/<pid>/environ), when readable. */
  envNames?: readonly string[];
}

/** Names agents give their terminals. */
const AGENT_NAME = /\b(?:copilot|claude|cursor|codex|gemini|cline|roo|kilo|windsurf|cascade|aider|agent)\b/i;
/** Names of plain shells and the editor's default profiles. */
const SHELL_NAME = /^(?:bash|zsh|fish|sh|dash|ksh|tcsh|nu|pwsh|powershell|windows powershell|cmd|command prompt|git bash|ubuntu|wsl|javascript debug terminal)?$/i;
/** Environment markers agents set on the processes they run. */
const AGENT_ENV = /^(?:CLAUDECODE|CLAUDE_CODE_ENTRYPOINT|GEMINI_CLI|CODEX_SANDBOX|CODEX_SANDBOX_NETWORK_DISABLED|CLINE_ACTIVE|CURSOR_AGENT|AIDER_.*|COPILOT_AGENT.*)$/;
/** Agent CLIs by executable, and by the package their node script comes from. */
const AGENT_COMM = /^(?:claude|codex|gemini|copilot|cline|cursor-agent|aider|opencode|goose)$/;
const AGENT_SCRIPT = /[\\/](?:@anthropic-ai[\\/]claude-code|@openai[\\/]codex|@google[\\/]gemini-cli|@github[\\/]copilot|cline)[\\/]/;

export function ownerOf(t: TerminalFacts, tree: readonly ProcessFacts[]): { owner: Owner; why: string } {
  const name = (t.name ?? '').trim();
  if (name && AGENT_NAME.test(name)) return { owner: 'agent', why: `an agent's terminal ("${name}")` };
  const envMarker = Object.keys(t.env ?? {}).find((k) => AGENT_ENV.test(k));
  if (envMarker) return { owner: 'agent', why: `created with an agent's marker (${envMarker})` };
  for (const p of tree) {
    if (AGENT_COMM.test(p.comm) || (p.args !== undefined && AGENT_SCRIPT.test(p.args))) return { owner: 'agent', why: `an agent is running in it (${p.comm})` };
    const marker = p.envNames?.find((k) => AGENT_ENV.test(k));
    if (marker) return { owner: 'agent', why: `a process an agent started is running in it (${p.comm}, ${marker})` };
  }
  if (t.extensionPty || !SHELL_NAME.test(name)) return { owner: 'unknown', why: name ? `a terminal Airlock cannot place ("${name}")` : 'a terminal Airlock cannot place' };
  return { owner: 'person', why: name ? `your own terminal ("${name}")` : 'your own terminal' };
}

/** The line a terminal gets when lockdown interrupts what runs in it. */
export function interruptedLine(why: string): string {
  return `\r\n\x1b[1;31m[Airlock]\x1b[0m Lockdown interrupted what was running here (${why}). Agents stay blocked until a person releases it in the Airlock view.\r\n`;
}
