// Which editor commands stop an agent. On lockdown Airlock runs every one that
// exists in this editor (looked up with vscode.commands.getCommands), so an
// agent mid-task is told to stop by its own host as well as blocked by the hook.
//
// Two sources, both data:
//  - KNOWN_STOP_COMMANDS: exact ids seen in the agents' own extensions.
//  - STOP_COMMAND_PATTERN: a command owned by a known agent extension whose last
//    word is stop/cancel/interrupt/abort (ids change between releases; the
//    pattern keeps up without a new Airlock release).

export interface StopCommandSpec {
  id: string;
  agent: string;
}

export const KNOWN_STOP_COMMANDS: readonly StopCommandSpec[] = [
  { id: 'workbench.action.chat.cancel', agent: 'copilot' }, // VS Code chat: cancel the running request
  { id: 'workbench.action.chat.stop', agent: 'copilot' },
  { id: 'github.copilot.chat.cancel', agent: 'copilot' },
  { id: 'claude-vscode.cancel', agent: 'claude' },
  { id: 'claude-code.cancel', agent: 'claude' },
  { id: 'cline.cancelTask', agent: 'cline' },
  { id: 'roo-cline.cancelTask', agent: 'cline' },
  { id: 'composer.cancelChat', agent: 'cursor' },
  { id: 'composer.stopGeneration', agent: 'cursor' },
  { id: 'aichat.cancelchat', agent: 'cursor' },
  { id: 'windsurf.cascade.stop', agent: 'windsurf' },
  { id: 'codeium.cancelCascade', agent: 'windsurf' },
  { id: 'chatgpt.cancel', agent: 'codex' },
  { id: 'geminicodeassist.cancel', agent: 'gemini' },
];

const AGENT_PREFIXES = [
  'claude',
  'anthropic',
  'cline',
  'roo-cline',
  'github.copilot',
  'workbench.action.chat',
  'composer',
  'aichat',
  'cursor',
  'windsurf',
  'codeium',
  'chatgpt',
  'codex',
  'openai',
  'gemini',
  'geminicodeassist',
  'continue',
];

export const STOP_COMMAND_PATTERN = new RegExp(
  `^(?:${AGENT_PREFIXES.map((p) => p.replace(/[.-]/g, '\\$&')).join('|')})(?:[.-][\\w-]+)*[.-](?:stop|cancel|interrupt|abort)[A-Za-z]*$`,
  'i',
);

/** Words that mean "undo", "debugger" or "stop showing": not stopping an agent. */
const NOT_A_STOP = /debug|undo|redo|edit|completion|inline|voice|speech|dictation|recording|listening|tts/i;

export const STOP_COMMAND_EXAMPLES = {
  stop: ['workbench.action.chat.cancel', 'claude-vscode.interrupt', 'cline.cancelTask', 'composer.stopGeneration', 'roo-cline.abortTask'],
  keep: ['workbench.action.debug.stop', 'editor.action.cancelSelectionAnchor', 'github.copilot.completions.cancel', 'workbench.action.chat.stopListening', 'git.stash', 'cline.openInNewTab'],
};

export function isStopCommand(id: string): boolean {
  if (KNOWN_STOP_COMMANDS.some((k) => k.id === id)) return true;
  return STOP_COMMAND_PATTERN.test(id) && !NOT_A_STOP.test(id);
}

export function stopCommandsIn(available: Iterable<string>): string[] {
  const out: string[] = [];
  for (const id of available) if (isStopCommand(id)) out.push(id);
  return out.sort();
}
