// `airlock uninstall --agent <name|all> [--workspace DIR]`: removes exactly what install added.
import { runInstall } from './install';
import type { CliCommand } from './types';

export const uninstallCommand: CliCommand = {
  name: 'uninstall',
  summary: "remove Airlock's hook from agents' hook files, leaving yours intact (--agent <name|all>)",
  run: (args, io) => runInstall(args, io, true),
};
