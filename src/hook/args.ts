// `--agent <name>` and `--event <name>`, shared by `airlock hook` and the lean dist/hook.js entry.
export function parseHookArgs(args: readonly string[]): { agent?: string; event?: string } {
  let agent: string | undefined;
  let event: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--agent') agent = args[++i];
    else if (a.startsWith('--agent=')) agent = a.slice(8);
    else if (a === '--event') event = args[++i];
    else if (a.startsWith('--event=')) event = a.slice(8);
  }
  return { ...(agent ? { agent } : {}), ...(event ? { event } : {}) };
}

export const HOOK_USAGE = 'Airlock blocked this: usage: airlock hook --agent <cursor|claude|copilot|codex|gemini|windsurf|cline>\n';
