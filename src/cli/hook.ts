// `airlock hook --agent <name> [--event <name>]`: the command written into every agent's hook file.
import { usageError, wantsHelp } from './options';
import type { CliCommand } from './types';

const USAGE = `Usage: airlock hook --agent <cursor|claude|copilot|codex|gemini|windsurf|cline> [--event NAME]

The program agents run before (and after) each tool call; Airlock's installer writes it into their hook
files. Reads the agent's payload on stdin and answers in that agent's dialect; exit 2 blocks.
`;

export const hookCommand: CliCommand = {
  name: 'hook',
  summary: 'answer an agent hook: reads the payload on stdin (--agent cursor|claude|copilot|codex|gemini|windsurf|cline)',
  async run(args, io) {
    if (wantsHelp(args)) {
      io.stdout.write(USAGE);
      return 0;
    }
    const bad = args.find((a, i) => a.startsWith('-') && !/^--(agent|event)(=|$)/.test(a) && !/^--(agent|event)$/.test(args[i - 1] ?? ''));
    // Exit 2 is also "block" for every agent: a hook line Airlock did not write fails closed.
    if (bad !== undefined) return usageError(io, 'hook', `unknown option '${bad}'`);
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
