// `airlock install --agent <name|all> [--workspace DIR]`: writes Airlock's hook into each agent's
// project hook file (merging with what is there) and the per-user hook shim.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CliCommand, CliIo } from './types';

export function flag(args: string[], name: string): string | undefined {
  for (let i = 0; i < args.length; i++) {
    if (args[i] === name) return args[i + 1];
    if (args[i]!.startsWith(`${name}=`)) return args[i]!.slice(name.length + 1);
  }
  return undefined;
}

export async function runInstall(args: string[], io: CliIo, remove: boolean): Promise<number> {
  const { connectAgents, disconnectAgents, parseAgentList } = await import('../agents/install/index.js');
  const agents = parseAgentList(flag(args, '--agent'));
  if (typeof agents === 'string') {
    io.stderr.write(`airlock: ${agents}\n`);
    return 2;
  }
  const workspace = path.resolve(flag(args, '--workspace') ?? process.cwd());
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
