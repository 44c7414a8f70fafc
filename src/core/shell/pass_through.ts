// Wrappers that run their argument as the same process would run alone: same stdin, stdout and files
// (`timeout 60 echo DROP | psql`, `nice cat x.sql | psql`). A pipe reads what the wrapped command prints,
// so the pipe analysis looks through them. wrappers.ts builds its entries for these from the same table.
import { skipOptions } from './options';
import { programName } from './words';

export interface PassThroughSpec {
  /** Short options that take a value. */
  short: string;
  /** Long options that take a value. */
  long?: string[];
  /** Fixed words between the options and the command (timeout's duration). */
  operands?: number;
}

export const PASS_THROUGH: Readonly<Record<string, PassThroughSpec>> = {
  pkexec: { short: '', long: ['--user'] },
  nohup: { short: '' },
  ionice: { short: 'cnp', long: ['--class', '--classdata', '--pid'] },
  timeout: { short: 'sk', long: ['--signal', '--kill-after'], operands: 1 },
  builtin: { short: '' },
  exec: { short: 'a' },
  stdbuf: { short: 'ioe', long: ['--input', '--output', '--error'] },
  setsid: { short: '' },
  unbuffer: { short: '' },
  caffeinate: { short: 'tw' },
  chronic: { short: '' },
};

/** Option specs of the pass-through wrappers with a shape of their own. */
export const SUDO_OPTIONS = { short: 'ughpCDrtTUR', long: ['--user', '--group', '--host', '--prompt', '--close-from', '--chdir', '--role', '--type', '--other-user', '--command-timeout', '--chroot'] };
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;

/** Where the wrapped command starts in `args` of wrapper `name`, or undefined when `name` is not one (or runs nothing). */
function start(name: string, args: string[]): number | undefined {
  const spec = Object.hasOwn(PASS_THROUGH, name) ? PASS_THROUGH[name] : undefined;
  if (spec) return skipOptions(args, spec).index + (spec.operands ?? 0);
  switch (name) {
    case 'nice': {
      const old = /^-\d+$/.test(args[0] ?? '') ? 1 : 0;
      return old + skipOptions(args.slice(old), { short: 'n', long: ['--adjustment'] }).index;
    }
    case 'time':
      return skipOptions(args, { short: 'fo', long: ['--format', '--output'] }).index;
    case 'command': {
      const { index, flags } = skipOptions(args, {});
      return flags.includes('-v') || flags.includes('-V') ? undefined : index;
    }
    case 'sudo':
    case 'doas':
      return skipOptions(args, SUDO_OPTIONS).index;
    case 'env': {
      const { index, flags } = skipOptions(args, { short: 'uC', long: ['--unset', '--chdir'] });
      if (flags.includes('-S') || flags.includes('--split-string')) return undefined;
      let i = index;
      while (i < args.length && ASSIGNMENT.test(args[i])) i++;
      return i;
    }
    default:
      return undefined;
  }
}

/**
 * The command a chain of pass-through wrappers runs, as name and words (`timeout 60 nice echo x` → echo x);
 * the command itself when it is no such wrapper. Undefined name when the wrapped program is computed.
 */
export function passedThrough<T extends { name: string | undefined; args: string[]; argDynamic: boolean[] }>(cmd: T): T {
  let cur = cmd;
  for (let hops = 0; hops < 8 && cur.name !== undefined; hops++) {
    const at = start(cur.name, cur.args);
    if (at === undefined || at >= cur.args.length || cur.argDynamic.slice(0, at + 1).some(Boolean)) return cur;
    cur = { ...cur, name: programName(cur.args[at]!), args: cur.args.slice(at + 1), argDynamic: cur.argDynamic.slice(at + 1) };
  }
  return cur;
}
