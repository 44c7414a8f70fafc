// `airlock hook --agent <name> [--event <name>]`: the command written into every agent's hook file.
import type { CliCommand } from './types';

export const hookCommand: CliCommand = {
  name: 'hook',
  summary: 'answer an agent hook: reads the payload on stdin (--agent cursor|claude|copilot|codex|gemini|windsurf|cline)',
  async run(args, io) {
    const { HOOK_USAGE, parseHookArgs } = await import('../hook/args.js');
    const { agent, event } = parseHookArgs(args);
    if (!agent) {
      io.stderr.write(HOOK_USAGE);
      return 2;
    }
    const { runHook } = await import('../hook/main.js');
    return runHook({ agent, ...(event ? { event } : {}) }, io);
  },
};
