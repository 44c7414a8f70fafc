// `airlock` command line. This file only dispatches; each verb is a module in src/cli/.
import type { CliCommand, CliIo } from './cli/types';
import { VERSION } from './version';

function help(COMMANDS: CliCommand[]): string {
  const width = Math.max(12, ...COMMANDS.map((c) => c.name.length)) + 2;
  const lines = COMMANDS.map((c) => `  ${c.name.padEnd(width)}${c.summary}`);
  return `airlock ${VERSION}: a guard between AI coding agents and what they can destroy

Usage: airlock <command> [options]

Commands:
${lines.join('\n')}
  ${'--version'.padEnd(width)}print the version
  ${'--help'.padEnd(width)}print this help
`;
}

export async function main(argv: string[], io: CliIo = process): Promise<number> {
  const [verb, ...rest] = argv;
  // Agents run `airlock hook` before every tool call: load only the hook, not every verb's module
  // graph (the other verbs pull in the classifier, zod and the scanner at import time).
  if (verb === 'hook') {
    const { hookCommand } = await import('./cli/hook.js');
    return hookCommand.run(rest, io);
  }
  const { COMMANDS } = await import('./cli/index.js');
  if (verb === '--version' || verb === '-v') {
    io.stdout.write(`${VERSION}\n`);
    return 0;
  }
  if (verb === undefined || verb === '--help' || verb === '-h' || verb === 'help') {
    io.stdout.write(help(COMMANDS));
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === verb);
  if (!command) {
    io.stderr.write(`airlock: unknown command '${verb}'. Run 'airlock --help'.\n`);
    return 2;
  }
  return command.run(rest, io);
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`airlock: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 2;
    },
  );
}
