// `airlock hook --agent <name> [--event <name>]`: the command written into every agent's hook file.
import type { CliCommand } from './types';

export const hookCommand: CliCommand = {
  name: 'hook',
  summary: 'answer an agent hook: reads the payload on stdin (--agent cursor|claude|copilot|codex|gemini|windsurf|cline)',
  async run(args, io) {
    let agent: string | undefined;
    let event: string | undefined;
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      if (a === '--agent') agent = args[++i];
      else if (a.startsWith('--agent=')) agent = a.slice(8);
      else if (a === '--event') event = args[++i];
      else if (a.startsWith('--event=')) event = a.slice(8);
    }
    if (!agent) {
      io.stderr.write('Airlock blocked this: usage: airlock hook --agent <cursor|claude|copilot|codex|gemini|windsurf|cline>\n');
      return 2;
    }
    const { runHook } = await import('../hook/main.js');
    return runHook({ agent, ...(event ? { event } : {}) }, io);
  },
};
