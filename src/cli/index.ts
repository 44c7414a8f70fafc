// Every `airlock` verb. Adding a verb = one file in src/cli/ and one line here.
import { auditCommand } from './audit';
import type { CliCommand } from './types';

export const COMMANDS: CliCommand[] = [
  auditCommand,
];
