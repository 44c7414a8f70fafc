// System-wide damage: wiping the crontab, killing every process, unpublishing packages.
import { hasFlag, operands } from '../shell/argv';
import type { ShellRule } from './types';

const crontabRemove: ShellRule = {
  id: 'system.crontab-remove',
  pack: 'system',
  kind: 'shell',
  severity: 'high',
  reason: 'crontab -r deletes every scheduled job of the user, with no confirmation and no backup.',
  names: ['crontab'],
  match(cmd) {
    if (cmd.name !== 'crontab' || !hasFlag(cmd.args, [], 'r')) return undefined;
    return { target: 'crontab' };
  },
  examples: { flag: ['crontab -r', 'sudo crontab -r -u www-data', 'crontab -ri'], allow: ['crontab -l', 'crontab -e', 'crontab mycron.txt'] },
};

const killAll: ShellRule = {
  id: 'system.kill-all',
  pack: 'system',
  kind: 'shell',
  severity: 'critical',
  reason: 'Sends a signal to every process you own (pid -1), killing editors, databases and the agent itself.',
  names: ['kill', 'killall5'],
  match(cmd) {
    if (cmd.name === 'killall5') return { target: 'all processes' };
    if (cmd.name !== 'kill') return undefined;
    // The pid list follows the signal; `kill -1 123` is SIGHUP to 123, `kill -9 -1` is everyone.
    const words = cmd.args.filter((a) => a !== '--');
    let i = 0;
    if (words[0] === '-s' || words[0] === '-n') i = 2;
    else if (/^-(?:\d+|[A-Z]+[A-Z0-9+-]*|SIG[A-Z]+)$/.test(words[0] ?? '')) i = 1;
    return words.slice(i).includes('-1') ? { target: 'all processes' } : undefined;
  },
  examples: { flag: ['kill -9 -1', 'kill -KILL -1', 'kill -s TERM -1', 'sudo kill -9 -1'], allow: ['kill -9 1234', 'kill -1 4242', 'kill %1'] },
};

const npmUnpublish: ShellRule = {
  id: 'system.npm-unpublish',
  pack: 'system',
  kind: 'shell',
  severity: 'high',
  reason: 'Unpublishes a package from the registry; its users\' installs break and the version number can never be reused.',
  names: ['npm', 'pnpm', 'yarn', 'bun'],
  match(cmd) {
    const n = cmd.name;
    if (n !== 'npm' && n !== 'pnpm' && n !== 'yarn' && n !== 'bun') return undefined;
    const ops = operands(cmd.args, ['--otp', '--registry', '-w', '--workspace']).map((o) => o.value);
    const i = ops[0] === 'npm' ? 1 : 0; // `yarn npm unpublish`
    return ops[i] === 'unpublish' ? { target: ops[i + 1] ?? 'the package' } : undefined;
  },
  examples: { flag: ['npm unpublish my-lib@1.0.0', 'npm unpublish my-lib --force', 'yarn npm unpublish'], allow: ['npm publish', 'npm view my-lib'] },
};

export const SYSTEM_RULES: readonly ShellRule[] = [crontabRemove, killAll, npmUnpublish];
