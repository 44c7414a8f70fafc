// Every `airlock` verb. Adding a verb = one file in src/cli/ and one line here.
import { auditCommand } from './audit';
import { classifyCommand } from './classify';
import { explainCommand } from './explain';
import { exposureCommand } from './exposure';
import { runCommand } from './run';
import { scanCommand } from './scan';
import { doctorCommand } from './doctor';
import { hookCommand } from './hook';
import { installCommand } from './install';
import { uninstallCommand } from './uninstall';
import type { CliCommand } from './types';

export const COMMANDS: CliCommand[] = [
  classifyCommand,
  explainCommand,
  scanCommand,
  exposureCommand,
  runCommand,
  auditCommand,
  hookCommand,
  installCommand,
  uninstallCommand,
  doctorCommand,
];
