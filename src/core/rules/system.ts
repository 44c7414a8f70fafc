// System-wide damage: wiping the crontab, killing every process, unpublishing packages, wiping the system's
// logs (the record of what happened, which nothing regenerates), purging database servers with their data.
import { hasFlag, operands } from '../shell/argv';
import type { ShellRule } from './types';

/** The system's own logs: /var/log and the journal. (Build and app logs in a workspace are scratch, these are not.) */
const SYSTEM_LOG = /^\/var\/log(?:\/|$)|^\/var\/lib\/(?:rsyslog|journal)(?:\/|$)|^\/run\/log\/journal(?:\/|$)/;

const crontabRemove: ShellRule = {
  id: 'system.crontab-remove',
  pack: 'system',
  kind: 'shell',
  severity: 'high',
  reason: 'crontab -r deletes every scheduled job of the user, with no confirmation and no backup.',
  names: ['crontab'],
  match(cmd) {
    if (cmd.name !== 'crontab') return undefined;
    if (hasFlag(cmd.args, [], 'r')) return { target: 'crontab' };
    // `crontab /dev/null`, `echo '' | crontab -`, `crontab - < /dev/null`: the table replaced with nothing
    const file = operands(cmd.args, ['-u']).map((o) => o.value)[0];
    const fromStdin = file === '-' || (file === undefined && cmd.pipedIn === true);
    const emptyStdin = cmd.stdin !== undefined ? cmd.stdin.trim() === '' : cmd.redirects.some((r) => (r.op === '<' || r.op === '0<') && r.target === '/dev/null');
    if (file === '/dev/null' || (fromStdin && emptyStdin)) return { target: 'crontab', detail: 'replaced with an empty table' };
    return undefined;
  },
  examples: { flag: ['crontab -r', 'sudo crontab -r -u www-data', 'crontab -ri', 'crontab /dev/null', "echo '' | crontab -", 'crontab - < /dev/null'], allow: ['crontab -l', 'crontab -e', 'crontab mycron.txt', "echo '0 3 * * * /usr/bin/backup' | crontab -"] },
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

const clearLogs: ShellRule = {
  id: 'system.clear-logs',
  pack: 'system',
  kind: 'shell',
  severity: 'high',
  reason: "Deletes or empties the system's logs (journalctl --vacuum, rm or truncate under /var/log): the record of what happened is gone.",
  // (no names: a redirect onto a log (`anything > /var/log/syslog`) empties it whatever the program)
  match(cmd) {
    if (cmd.name === 'journalctl') {
      const v = cmd.args.find((a) => /^--vacuum-(?:time|size|files)(?:=|$)/.test(a));
      return v === undefined || hasFlag(cmd.args, ['--help'], 'h') ? undefined : { target: 'the systemd journal', detail: v };
    }
    const paths: string[] = [];
    if (cmd.name === 'rm' || cmd.name === 'truncate' || cmd.name === 'shred') paths.push(...operands(cmd.args, ['-s', '--size', '-r', '--reference', '-n', '--iterations']).map((o) => o.value));
    else if (cmd.name === 'find' && cmd.args.some((a) => a === '-delete' || a === '-exec' || a === '-execdir')) paths.push(...cmd.args.slice(0, Math.max(0, cmd.args.findIndex((a) => a.startsWith('-')))));
    else if (cmd.name === 'cp' && cmd.args.includes('/dev/null')) paths.push(...operands(cmd.args).map((o) => o.value).slice(1));
    else if (cmd.name === 'tee' && !hasFlag(cmd.args, ['--append'], 'a')) paths.push(...operands(cmd.args).map((o) => o.value));
    for (const r of cmd.redirects) if (/^\d*(?:>|>\||&>)$/.test(r.op)) paths.push(r.target);
    const hit = paths.find((p) => SYSTEM_LOG.test(p));
    return hit === undefined ? undefined : { target: hit };
  },
  examples: {
    flag: ['journalctl --vacuum-time=1s', 'sudo journalctl --rotate --vacuum-size=1K', 'truncate -s 0 /var/log/acme/*.log', 'rm -f /var/log/auth.log', ': > /var/log/syslog', 'find /var/log -name "*.gz" -delete', 'cp /dev/null /var/log/nginx/access.log', 'sudo rm -rf /var/log/journal'],
    allow: ['journalctl -u nginx --since today', 'journalctl --disk-usage', 'tail -f /var/log/syslog', 'grep error /var/log/nginx/error.log', 'truncate -s 0 logs/app.log', 'rm -f build.log'],
  },
};

/** Database servers whose packages' purge scripts remove the data directory (or ask to, and -y answers yes). */
const DB_SERVER_PACKAGE = /^(?:postgresql(?:-\d+|-common|-server)?|mysql-server(?:-[\d.]+)?|mariadb-server(?:-[\d.]+)?|mongodb(?:-org|-server)?(?:-server)?|redis(?:-server)?|clickhouse-server|influxdb2?|elasticsearch|opensearch|cassandra|neo4j|couchdb|rabbitmq-server)(?:\*|$)/i;

const purgeDatabaseServer: ShellRule = {
  id: 'system.purge-database-server',
  pack: 'system',
  kind: 'shell',
  severity: 'high',
  reason: "Purges a database server's package (apt purge, dnf/yum remove, brew uninstall --zap): its configuration, and with it the data directory, can be removed.",
  names: ['apt', 'apt-get', 'aptitude', 'dpkg', 'dnf', 'yum', 'zypper', 'pacman', 'brew'],
  match(cmd) {
    const ops = operands(cmd.args, ['-o', '--option', '-c', '--config-file', '-t', '--target-release']).map((o) => o.value);
    const verb = ops[0];
    const n = cmd.name;
    const purge =
      ((n === 'apt' || n === 'apt-get' || n === 'aptitude') && (verb === 'purge' || ((verb === 'remove' || verb === 'autoremove') && cmd.args.includes('--purge')))) ||
      (n === 'dpkg' && hasFlag(cmd.args, ['--purge'], 'P')) ||
      ((n === 'dnf' || n === 'yum' || n === 'zypper') && (verb === 'remove' || verb === 'erase' || verb === 'rm')) ||
      (n === 'pacman' && cmd.args.some((a) => /^-R[a-z]*n/.test(a))) ||
      (n === 'brew' && (verb === 'uninstall' || verb === 'remove' || verb === 'rm') && cmd.args.includes('--zap'));
    if (!purge || cmd.args.some((a) => a === '-s' || a === '--simulate' || a === '--dry-run' || a === '--just-print' || a === '--assume-no')) return undefined;
    const pkgs = (n === 'dpkg' || n === 'pacman' ? operands(cmd.args).map((o) => o.value) : ops.slice(1)).filter((p) => !p.startsWith('-'));
    const hit = pkgs.find((p) => DB_SERVER_PACKAGE.test(p));
    return hit === undefined ? undefined : { target: hit };
  },
  examples: {
    flag: ["apt-get purge -y 'postgresql-16*'", 'sudo apt purge mysql-server', 'apt-get remove --purge -y mariadb-server', 'dpkg -P redis-server', 'sudo dnf remove postgresql-server', 'pacman -Rns mongodb'],
    allow: ['apt-get install -y postgresql-16', 'apt purge vim', 'apt-get remove --purge -s postgresql-16', 'apt-get purge --dry-run redis-server', 'brew uninstall postgresql', 'dnf install redis'],
  },
};

const deleteUser: ShellRule = {
  id: 'system.delete-user',
  pack: 'system',
  kind: 'shell',
  severity: 'high',
  reason: "Deletes a user account (userdel -r / deluser --remove-home also deletes the user's home directory and mail).",
  names: ['userdel', 'deluser', 'dscl', 'sysadminctl'],
  match(cmd) {
    if (cmd.name === 'userdel' || cmd.name === 'deluser') {
      const user = operands(cmd.args, ['-R', '--root', '-P', '--prefix', '--conf']).map((o) => o.value)[0];
      return user === undefined || hasFlag(cmd.args, ['--help'], 'h') ? undefined : { target: user, ...(hasFlag(cmd.args, ['--remove', '--remove-home', '--remove-all-files'], 'r') ? { detail: 'with its home directory' } : {}) };
    }
    if (cmd.name === 'dscl') return cmd.args.includes('-delete') && cmd.args.some((a) => a.startsWith('/Users/')) ? { target: cmd.args.find((a) => a.startsWith('/Users/'))! } : undefined;
    if (cmd.name === 'sysadminctl') return cmd.args.includes('-deleteUser') ? { target: cmd.args[cmd.args.indexOf('-deleteUser') + 1] ?? 'a user' } : undefined;
    return undefined;
  },
  examples: { flag: ['sudo userdel -r deploy', 'userdel ci', 'sudo deluser --remove-home alice', 'sudo dscl . -delete /Users/bob'], allow: ['userdel --help', 'id deploy', 'sudo useradd -m deploy', 'getent passwd deploy'] },
};

/** Database servers: SIGKILL skips their shutdown, and a crash mid-write can corrupt what they hold. */
const DB_PROCESS = /^(?:postgres|postmaster|mysqld|mariadbd|mongod|redis-server|clickhouse-server|elasticsearch|java)$/;

const systemKnobs: ShellRule = {
  id: 'system.kernel-or-account',
  pack: 'system',
  kind: 'shell',
  severity: 'high',
  reason: 'Crashes or reboots the machine (sysrq), removes an account password, or kills a database server without letting it shut down.',
  match(cmd) {
    const n = cmd.name;
    if (cmd.redirects.some((r) => /^\d*>/.test(r.op) && /^\/proc\/sysrq-trigger$/.test(r.target)) || (n === 'tee' && cmd.args.includes('/proc/sysrq-trigger'))) return { target: '/proc/sysrq-trigger' };
    if (n === 'passwd' && hasFlag(cmd.args, ['--delete', '--expire'], 'de')) return { target: operands(cmd.args).map((o) => o.value)[0] ?? 'the current user', detail: 'password removed or expired' };
    if ((n === 'killall' || n === 'pkill') && cmd.args.some((a) => /^-(?:9|KILL|SIGKILL|s\s*KILL)$/.test(a) || a === '--signal=KILL')) {
      const target = operands(cmd.args, ['-s', '--signal', '-u', '--user']).map((o) => o.value).find((p) => DB_PROCESS.test(p));
      return target === undefined ? undefined : { target, detail: 'killed with SIGKILL' };
    }
    return undefined;
  },
  examples: {
    flag: ['echo b | sudo tee /proc/sysrq-trigger', 'echo c > /proc/sysrq-trigger', 'sudo passwd -d root', 'sudo killall -9 postgres', 'pkill -KILL mongod'],
    allow: ['cat /proc/sys/kernel/sysrq', 'passwd', 'killall node', 'pkill -f "npm run dev"', 'sudo systemctl stop postgresql'],
  },
};

export const SYSTEM_RULES: readonly ShellRule[] = [systemKnobs, deleteUser, crontabRemove, killAll, npmUnpublish, clearLogs, purgeDatabaseServer];
