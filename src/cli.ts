// `airlock` command line: verbs over core/, agents/ and hook/. Each verb lives in
// its own module; this file only dispatches.
import { VERSION } from './version';

const HELP = `airlock ${VERSION}: a guard between AI coding agents and what they can destroy

Usage: airlock <command> [options]

Commands:
  --version            print the version
  --help               print this help
`;

export async function main(argv: string[]): Promise<number> {
  const [verb] = argv;
  switch (verb) {
    case '--version':
    case '-v':
      process.stdout.write(`${VERSION}\n`);
      return 0;
    case undefined:
    case '--help':
    case '-h':
    case 'help':
      process.stdout.write(HELP);
      return 0;
    default:
      process.stderr.write(`airlock: unknown command '${verb}'. Run 'airlock --help'.\n`);
      return 2;
  }
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
