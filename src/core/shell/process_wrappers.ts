// Programs that start their argument as a process in some changed setting (another user, a namespace, a
// tracer, a sandbox, a scheduler, a terminal multiplexer) and programs that take a command on stdin
// (`at`, `batch`, `crontab -`). To the file system the wrapped command is the same command.
import { skipOptions } from './options';
import type { Extracted } from './state';
import { execFrom, stdinCode, type Step, type Wrapper } from './steps';
import { table } from '../table';

/** `su -c CMD`, `runuser -u u -- CMD`, `runuser u -c CMD`, `sg group -c CMD`. */
function userSwitch(label: string): Wrapper {
  return (cmd) => {
    const { index, values } = skipOptions(cmd.args, {
      short: 'cugGsCw',
      long: ['--command', '--session-command', '--user', '--group', '--supp-group', '--shell', '--whitelist-environment'],
    });
    const script = values['-c'] ?? values['--command'] ?? values['--session-command'];
    if (script !== undefined) return [{ script, label: `${label} -c` }];
    if (values['-u'] !== undefined || values['--user'] !== undefined) return execFrom(cmd, index, label);
    // `su user -c CMD`: options may follow the user name.
    const tail = cmd.args.slice(index + 1);
    const c = tail.findIndex((a) => a === '-c' || a === '--command');
    if (c >= 0 && c + 1 < tail.length) return [{ script: tail[c + 1], label: `${label} -c` }];
    return [{ self: true }];
  };
}

/** A wrapper whose own options are listed, then (after `operands` fixed words) the command. */
function plain(short: string, long: string[] = [], operands = 0): Wrapper {
  return (cmd) => {
    const { index } = skipOptions(cmd.args, { short, long });
    return execFrom(cmd, index + operands, cmd.name ?? 'wrapper');
  };
}

/** The wrapper's own command is judged as well as what it runs. */
function alsoSelf(w: Wrapper): Wrapper {
  return (cmd) => {
    const steps = w(cmd);
    return steps.some((st) => 'self' in st) ? steps : [{ self: true }, ...steps];
  };
}

/** `taskset [-c] MASK CMD` and `chrt [-f] PRIO CMD`; with `-p` they act on a pid and run nothing. */
function pidOrCommand(short: string, long: string[]): Wrapper {
  return (cmd) => {
    const { index, flags } = skipOptions(cmd.args, { short, long });
    if (flags.includes('-p') || flags.includes('--pid')) return [{ self: true }];
    return execFrom(cmd, index + 1, cmd.name ?? 'wrapper');
  };
}

/** bubblewrap: most options take one or two values (`--bind SRC DEST`). */
const BWRAP_TWO = new Set(['--bind', '--bind-try', '--dev-bind', '--dev-bind-try', '--ro-bind', '--ro-bind-try', '--symlink', '--setenv', '--file', '--bind-data', '--ro-bind-data', '--chmod', '--tmp-overlay', '--ro-overlay']);
const BWRAP_ONE = new Set(['--chdir', '--tmpfs', '--proc', '--dev', '--dir', '--unsetenv', '--uid', '--gid', '--hostname', '--remount-ro', '--lock-file', '--sync-fd', '--info-fd', '--json-status-fd', '--block-fd', '--userns-block-fd', '--seccomp', '--add-seccomp-fd', '--args', '--argv0', '--cap-add', '--cap-drop', '--perms', '--size', '--exec-label', '--file-label', '--userns', '--userns2', '--pidns', '--overlay-src', '--mqueue', '--remount-rw']);
const bwrap: Wrapper = (cmd) => {
  let i = 0;
  while (i < cmd.args.length && cmd.args[i].startsWith('--')) {
    const a = cmd.args[i];
    if (a === '--') {
      i++;
      break;
    }
    i += a === '--overlay' ? 4 : BWRAP_TWO.has(a) ? 3 : BWRAP_ONE.has(a) ? 2 : 1;
  }
  return execFrom(cmd, i, 'bwrap');
};

/** `script -c CMD [file]`, `script --command=CMD`. */
const script: Wrapper = (cmd) => {
  const { values } = skipOptions(cmd.args, { short: 'cEIOBTm', long: ['--command', '--echo', '--log-in', '--log-out', '--log-io', '--log-timing', '--logging-format', '--output-limit'] });
  const c = values['-c'] ?? values['--command'];
  return c === undefined ? [{ self: true }] : [{ script: c, label: 'script -c' }];
};

/** `at now`, `batch`, fed the commands on stdin (`echo CMD | at now`, `at now <<< CMD`). */
function atLike(label: string): Wrapper {
  return (cmd) => {
    const { flags } = skipOptions(cmd.args, { short: 'qfMtm', long: [] });
    if (flags.some((f) => f === '-l' || f === '-r' || f === '-d' || f === '-c')) return [{ self: true }];
    return stdinCode(cmd, label, (s) => [{ script: s, label }]);
  };
}

/** Cron lines: five time fields (or `@daily`) then the command; `VAR=x` lines and comments run nothing. */
const CRON_LINE = /^\s*(?:@\w+|(?:\S+\s+){4}\S+)\s+(.+)$/;
const crontab: Wrapper = (cmd) => {
  const { index, flags } = skipOptions(cmd.args, { short: 'uT', long: [] });
  if (flags.some((f) => f === '-l' || f === '-r' || f === '-e')) return [{ self: true }];
  const file = cmd.args[index];
  if (file !== undefined && file !== '-') return [{ self: true }];
  return stdinCode(cmd, 'crontab', (s) => {
    const lines = s.split('\n').filter((l) => l.trim() !== '' && !l.trim().startsWith('#') && !/^\s*[A-Za-z_][A-Za-z0-9_]*\s*=/.test(l));
    // crontab itself is kept: the table it installs replaces the old one (empty input empties it)
    return [{ self: true }, ...lines.map((l) => ({ script: CRON_LINE.exec(l)?.[1] ?? l, label: 'crontab' }))];
  });
};

/** tmux sub-commands that start a shell command, and `send-keys`, which types words into one. */
/** Per sub-command, the short options that take a value (`-d` is a flag to new-session, a value to popup). */
const TMUX_RUNS = table<string>({
  new: 'cefFnstxy', 'new-session': 'cefFnstxy', 'new-window': 'ceFnt', neww: 'ceFnt', 'split-window': 'celtFp', splitw: 'celtFp',
  'respawn-pane': 'cet', respawnp: 'cet', 'respawn-window': 'cet', respawnw: 'cet', 'run-shell': 'cdt', run: 'cdt',
  'display-popup': 'cdehwxytTsS', popup: 'cdehwxytTsS',
});
const TMUX_KEYS = new Set(['send-keys', 'send']);
const TMUX_KEY_NAMES = /^(?:Enter|C-m|C-j|KPEnter|Escape|Tab|Space|BSpace|C-[a-z]|M-[a-z]|Up|Down|Left|Right)$/;
const tmux: Wrapper = (cmd) => {
  const global = skipOptions(cmd.args, { short: 'cfLST', long: [] });
  if (global.values['-c'] !== undefined) return [{ script: global.values['-c'], label: 'tmux -c' }];
  const steps: Step[] = [];
  // Several commands can be chained with `;` as a separate word.
  let words = cmd.args.slice(global.index);
  while (words.length > 0) {
    const end = words.findIndex((w) => w === ';' || w === '\\;');
    const part = end >= 0 ? words.slice(0, end) : words;
    words = end >= 0 ? words.slice(end + 1) : [];
    const [sub, ...rest] = part;
    if (sub === undefined) continue;
    if (Object.hasOwn(TMUX_RUNS, sub)) {
      const { index } = skipOptions(rest, { short: TMUX_RUNS[sub], long: [] });
      if (index < rest.length) steps.push({ script: rest.slice(index).join(' '), label: `tmux ${sub}` });
    } else if (TMUX_KEYS.has(sub)) {
      const { index, flags } = skipOptions(rest, { short: 'tN', long: [] });
      if (flags.includes('-X')) continue;
      const typed = rest
        .slice(index)
        .map((k) => (k === 'Enter' || k === 'C-m' || k === 'C-j' || k === 'KPEnter' ? '\n' : TMUX_KEY_NAMES.test(k) ? ' ' : k))
        .join('');
      if (typed.trim() !== '') steps.push({ script: typed, label: 'tmux send-keys' });
    }
  }
  return [{ self: true }, ...steps];
};

/** `screen -dmS name CMD…`, and `screen -S name -X stuff 'CMD\n'` (types into a running window). */
const screen: Wrapper = (cmd) => {
  const { index, values } = skipOptions(cmd.args, { short: 'ScehpTXtR', long: [] });
  const x = values['-X'];
  if (x !== undefined) {
    const at = cmd.args.indexOf(x);
    if (x === 'stuff' && at >= 0 && at + 1 < cmd.args.length) return [{ script: cmd.args.slice(at + 1).join(' ').replace(/\\n|\^M/g, '\n'), label: 'screen stuff' }];
    if (x === 'exec' || x === 'screen') return execFrom(cmd, at + 1, `screen ${x}`);
    return [{ self: true }];
  }
  return execFrom(cmd, index, 'screen');
};

/** `systemd-run [opts] CMD`: options are mostly `--x=y`; the short ones listed take a value. */
const systemdRun: Wrapper = plain('upEHMs', ['--unit', '--property', '--description', '--slice', '--setenv', '--uid', '--gid', '--host', '--machine', '--working-directory', '--nice', '--service-type', '--on-active', '--on-boot', '--on-startup', '--on-unit-active', '--on-unit-inactive', '--on-calendar', '--timer-property', '--path-property', '--socket-property']);

/**
 * Credential brokers that run a command with a profile's credentials: `aws-vault exec PROFILE [opts] [--] CMD`,
 * `aws-okta exec PROFILE -- CMD`, `saml2aws exec [opts] -- CMD`, granted's `assume PROFILE --exec 'CMD'`.
 */
function credentialExec(profile: boolean, short: string, long: string[]): Wrapper {
  return (cmd) => {
    if (cmd.args[0] !== 'exec') return [{ self: true }];
    const dd = cmd.args.indexOf('--');
    if (dd >= 0) return [{ self: true }, ...execFrom(cmd, dd + 1, `${cmd.name} exec`)];
    const { index } = skipOptions(cmd.args.slice(1), { short, long });
    const afterProfile = 1 + index + (profile ? 1 : 0);
    const tail = skipOptions(cmd.args.slice(afterProfile), { short, long });
    return [{ self: true }, ...execFrom(cmd, afterProfile + tail.index, `${cmd.name} exec`)];
  };
}

const assume: Wrapper = (cmd) => {
  // The profile comes first or after other options: look for --exec anywhere.
  const at = cmd.args.findIndex((a) => a === '--exec' || a === '-x' || a.startsWith('--exec='));
  const c = at < 0 ? undefined : cmd.args[at].startsWith('--exec=') ? cmd.args[at].slice(7) : cmd.args[at + 1];
  return c === undefined ? [{ self: true }] : [{ self: true }, { script: c, label: `${cmd.name} --exec` }];
};

export const PROCESS_WRAPPERS: Record<string, Wrapper> = {
  su: userSwitch('su'),
  runuser: userSwitch('runuser'),
  sg: (cmd: Extracted) => {
    const c = cmd.args.indexOf('-c');
    if (c >= 0 && c + 1 < cmd.args.length) return [{ script: cmd.args[c + 1], label: 'sg -c' }];
    return execFrom(cmd, 1, 'sg');
  },
  script,
  // Tracers run their command and are judged themselves too: what they print of it is a read (secrets.process-memory)
  strace: alsoSelf(plain('abeEoOpPsSuXUI', ['--output', '--expr', '--attach', '--string-limit', '--user', '--env', '--trace-path', '--summary-sort-by'])),
  ltrace: alsoSelf(plain('aeElnopsuwADFx', ['--output', '--library', '--indent', '--config', '--align'])),
  valgrind: plain(''),
  fakeroot: plain('lsib', ['--lib', '--faked', '--save-file', '--load-file', '--fd-base']),
  unshare: plain('SGRwl', ['--setuid', '--setgid', '--root', '--wd', '--propagation', '--setgroups', '--map-user', '--map-group', '--map-users', '--map-groups', '--load-interp']),
  chroot: plain('', ['--userspec', '--groups'], 1),
  nsenter: plain('tSG', ['--target', '--setuid', '--setgid', '--env']),
  taskset: pidOrCommand('', ['--cpu-list']),
  chrt: pidOrCommand('TPD', ['--sched-runtime', '--sched-period', '--sched-deadline']),
  firejail: plain(''),
  bwrap,
  'systemd-run': systemdRun,
  at: atLike('at'),
  batch: atLike('batch'),
  crontab,
  tmux,
  screen,
  'xvfb-run': plain('nsfepw', ['--server-num', '--server-args', '--auth-file', '--error-file', '--xauth-protocol', '--wait']),
  proxychains: plain('fq'),
  proxychains4: plain('fq'),
  torsocks: plain('uapid', ['--user', '--pass', '--address', '--port']),
  nocache: plain('n'),
  catchsegv: plain(''),
  'dbus-run-session': plain('', ['--config-file', '--dbus-daemon']),
  cgexec: plain('g'),
  numactl: plain('CNmipP', ['--cpunodebind', '--membind', '--interleave', '--preferred', '--physcpubind', '--cpubind']),
  prlimit: plain('p', ['--pid']),
  'systemd-inhibit': plain('', ['--what', '--who', '--why', '--mode']),
  unbuffer: plain('p'),
  toybox: plain(''),
  'aws-vault': credentialExec(true, 'dtp', ['--duration', '--region', '--mfa-token', '--prompt', '--backend', '--keychain', '--config']),
  'aws-okta': credentialExec(true, 'taf', ['--assume-role-ttl', '--session-ttl', '--mfa-duo-device', '--mfa-provider', '--mfa-factor-type', '--backend']),
  saml2aws: credentialExec(false, 'ap', ['--idp-account', '--profile', '--exec-profile', '--credentials-file', '--region', '--role', '--session-duration']),
  assume,
  granted: (cmd: Extracted) => (cmd.args[0] === 'assume' ? assume({ ...cmd, args: cmd.args.slice(1), argDynamic: cmd.argDynamic.slice(1) }) : [{ self: true }]),
};
