// `airlock install --agent <name|all> [--workspace DIR]`: writes Airlock's hook into each agent's
// project hook file (merging with what is there) and the per-user hook shim.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { existingDir, parseOptions, usageError, wantsHelp } from './options';
import type { CliCommand, CliIo } from './types';

const AGENTS = 'cursor, claude, copilot, codex, gemini, windsurf, cline, or all';

function usage(verb: 'install' | 'uninstall'): string {
  const what = verb === 'install' ? "Adds Airlock's hook to each agent's hook file in the workspace (merged with yours)\nand writes the per-user hook shim." : "Removes exactly the entries Airlock added, leaving yours intact.";
  return `Usage: airlock ${verb} --agent <name[,name…]|all> [--workspace DIR]

${what}
  --agent       ${AGENTS}
  --workspace   an existing folder (default: the current directory)
`;
}

export async function runInstall(args: string[], io: CliIo, remove: boolean): Promise<number> {
  const verb = remove ? 'uninstall' : 'install';
  if (wantsHelp(args)) {
    io.stdout.write(usage(verb));
    return 0;
  }
  const opts = parseOptions(args, { values: ['--agent', '--workspace'] });
  if (typeof opts === 'string') return usageError(io, verb, opts);
  if (opts.positional.length > 0) return usageError(io, verb, `unexpected argument '${opts.positional[0]}'`);
  const { connectAgents, disconnectAgents, parseAgentList } = await import('../agents/install/index.js');
  const agents = parseAgentList(opts.values.get('--agent'));
  if (typeof agents === 'string') return usageError(io, verb, agents);
  // Never create the workspace: a typo would otherwise get hook files in a folder no editor opens.
  const ws = existingDir(opts.values.get('--workspace') ?? process.cwd());
  if ('error' in ws) return usageError(io, verb, `--workspace ${ws.error}`);
  const workspace = ws.dir;
  // The shim runs this very CLI (through any `airlock` bin symlink, to the real file next to
  // dist/hook.js) with this very runtime: an absolute node, never `node` from PATH.
  const results = remove
    ? disconnectAgents({ workspace, agents })
    : connectAgents({ workspace, agents, runtime: process.execPath, cliJs: fs.realpathSync(path.resolve(process.argv[1] ?? 'dist/cli.js')) });
  let failed = false;
  for (const r of results) {
    const rel = path.relative(workspace, r.file) || r.file;
    io.stdout.write(`${r.agent.padEnd(9)} ${r.status.padEnd(10)} ${rel}${r.message ? `  (${r.message})` : ''}\n`);
    if (r.status === 'error') failed = true;
  }
  return failed ? 1 : 0;
}

export const installCommand: CliCommand = {
  name: 'install',
  summary: "add Airlock's hook to agents' hook files (--agent <name|all> [--workspace DIR])",
  run: (args, io) => runInstall(args, io, false),
};
