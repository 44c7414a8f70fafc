// Availability: stopping, disabling or killing services, servers and whole hosts. Nothing is deleted, but what
// users and other programs rely on stops answering (an outage) until someone notices and starts it again.
// Status, start, restart and reload stay allowed: restart/reload are the everyday fix and bring the service back.
// Per-user services (`systemctl --user`, pm2 apps by name, `docker stop web`) are the developer's own processes
// and stay allowed; the editor's own services are guarded by system.editor-kill.
import { guessEnvironment } from '../environment';
import { cliRule } from './lib/cli_rule';
import { hasOption, optionValue, positionals } from './lib/words';
import type { RuleMatch, ShellRule } from './types';

const SYSTEMCTL_VALUED = [
  '-H', '--host', '-M', '--machine', '-s', '--signal', '-p', '--property', '-t', '--type', '--state', '-o', '--output', '-n', '--lines',
  '--root', '--image', '--kill-whom', '--kill-value', '--job-mode', '--what', '--reboot-argument', '--timestamp', '--message', '--when',
  '--drop-in', '--preset-mode', '--boot-loader-menu', '--boot-loader-entry',
];
/** Unit verbs that take services down (or keep them from coming back at boot). */
const UNIT_STOP = new Set(['stop', 'disable', 'mask', 'kill', 'isolate', 'freeze']);
/** Manager verbs that take the whole host down. */
const HOST_DOWN = new Set(['poweroff', 'reboot', 'halt', 'kexec', 'soft-reboot', 'rescue', 'emergency']);

/** SysV / OpenRC / runit verbs that stop a service. */
const SERVICE_STOP = new Set(['stop', 'force-stop', 'graceful-stop']);
const SV_STOP = new Set(['down', 'd', 'stop', 'kill', 'k', 'exit', 'x', 'force-stop', 'force-shutdown', 'shutdown']);

export const SERVICE_RULES: readonly ShellRule[] = [
  cliRule({
    pack: 'services',
    name: 'systemctl-stop',
    clis: ['systemctl'],
    reason: 'Stops, disables, masks or kills a system service: whatever relies on it stops answering (an outage) until someone starts it again.',
    valued: SYSTEMCTL_VALUED,
    test(w, v) {
      // Per-user units are the developer's own session services; the editor's are system.editor-kill's.
      if (hasOption(v.args, ['--user', '--dry-run'])) return undefined;
      const verb = w[0];
      if (verb === undefined || !UNIT_STOP.has(verb)) return undefined;
      if (verb === 'isolate') return `every unit outside ${w[1] ?? 'the target'}`;
      return `${verb} ${w.slice(1).join(' ') || '?'}`;
    },
    examples: {
      flag: [
        'systemctl stop nginx',
        'sudo systemctl stop postgresql',
        'systemctl disable --now haproxy',
        'systemctl mask docker.service',
        'systemctl kill -s SIGKILL redis-server',
        'systemctl -H admin@prod-db stop postgresql',
        'sudo systemctl isolate rescue.target',
        "ssh prod-web 'sudo systemctl stop traefik'",
      ],
      allow: [
        'systemctl status nginx',
        'systemctl restart nginx',
        'sudo systemctl reload nginx',
        'systemctl start postgresql',
        'systemctl enable --now docker',
        'systemctl list-units --type=service',
        'systemctl --user stop pipewire',
        'systemctl is-active nginx',
        'journalctl -u nginx',
      ],
    },
  }),
  cliRule({
    pack: 'services',
    name: 'service-stop',
    clis: ['service', 'rc-service', 'invoke-rc.d', 'rc-update', 'update-rc.d', 'chkconfig', 'sv'],
    reason: 'Stops or disables a system service through its init script: whatever relies on it stops answering until someone starts it again.',
    valued: ['-w', '--level'],
    test(w, v) {
      if (v.name === 'sv') return SV_STOP.has(w[0] ?? '') ? `${w[0]} ${w.slice(1).join(' ') || '?'}` : undefined;
      if (v.name === 'rc-update') return (w[0] === 'del' || w[0] === 'delete') && w[1] ? `${w[1]} at boot` : undefined;
      if (v.name === 'update-rc.d') return (w[1] === 'disable' || w[1] === 'remove') && w[0] ? `${w[0]} at boot` : undefined;
      if (v.name === 'chkconfig') return w[1] === 'off' && w[0] ? `${w[0]} at boot` : undefined;
      // `service nginx stop`, `rc-service nginx stop`, `invoke-rc.d nginx stop`
      return w[0] !== undefined && SERVICE_STOP.has(w[1] ?? '') ? `${w[1]} ${w[0]}` : undefined;
    },
    examples: {
      flag: ['service nginx stop', 'sudo service haproxy stop', 'rc-service postgresql stop', 'invoke-rc.d apache2 stop', 'sudo update-rc.d -f nginx remove', 'chkconfig httpd off', 'sv down /etc/service/app'],
      allow: ['service nginx status', 'service --status-all', 'sudo service nginx restart', 'service postgresql start', 'sudo service nginx reload', 'rc-service nginx status', 'sv status app'],
    },
  }),
  cliRule({
    pack: 'services',
    name: 'server-stop',
    clis: ['nginx', 'openresty', 'apachectl', 'apache2ctl', 'httpd', 'haproxy', 'caddy', 'pg_ctl', 'pg_ctlcluster', 'mysqladmin', 'mariadb-admin', 'redis-cli', 'valkey-cli', 'rabbitmqctl'],
    reason: 'Shuts down a running server (web server, proxy, database, broker): its clients lose the service until someone starts it again.',
    valued: ['-c', '-p', '-e', '-g', '-f', '-D', '-m', '--mode', '-o', '-h', '-u', '--user', '-a', '--pass', '-n', '--host', '--port', '--config', '--adapter', '--address', '-S', '--socket', '--node', '-t', '--timeout', '-s', '-k', '-l'],
    test(w, v) {
      const n = v.name;
      if (n === 'nginx' || n === 'openresty') {
        const s = optionValue(v.args, [], ['-s']);
        return s === 'stop' || s === 'quit' ? `${n} (${s})` : undefined;
      }
      if (n === 'apachectl' || n === 'apache2ctl' || n === 'httpd') {
        const k = optionValue(v.args, [], ['-k']) ?? w[0];
        return k === 'stop' || k === 'graceful-stop' ? `apache (${k})` : undefined;
      }
      // -sf: start a new process, old ones finish their connections (the documented graceful reload).
      // -st: old processes are terminated at once, dropping every established connection.
      if (n === 'haproxy') return v.args.includes('-st') ? 'haproxy (old processes terminated, live connections dropped)' : undefined;
      if (n === 'caddy') return w[0] === 'stop' ? 'caddy' : undefined;
      if (n === 'pg_ctl') return w[0] === 'stop' || w[0] === 'kill' ? `postgres ${optionValue(v.args, ['--pgdata'], ['-D']) ?? ''}`.trim() : undefined;
      if (n === 'pg_ctlcluster') return w[2] === 'stop' ? `postgres ${w[0] ?? ''} ${w[1] ?? ''}`.trim() : undefined;
      // mysqladmin's bare `-p` prompts for the password, so the command words are read from the raw arguments.
      if (n === 'mysqladmin' || n === 'mariadb-admin') return v.args.includes('shutdown') ? 'mysql server' : undefined;
      if (n === 'redis-cli' || n === 'valkey-cli') return w[0]?.toLowerCase() === 'shutdown' ? `${n === 'redis-cli' ? 'redis' : 'valkey'} server` : undefined;
      if (n === 'rabbitmqctl') return w[0] === 'stop' || w[0] === 'shutdown' || w[0] === 'stop_app' ? `rabbitmq (${w[0]})` : undefined;
      return undefined;
    },
    examples: {
      flag: [
        'nginx -s stop',
        'sudo nginx -s quit',
        'apachectl -k graceful-stop',
        'apache2ctl stop',
        'haproxy -f /etc/haproxy/haproxy.cfg -st $(cat /run/haproxy.pid)',
        'pg_ctl -D /var/lib/postgresql/data stop -m immediate',
        'mysqladmin -u root -p shutdown',
        'redis-cli -h cache.internal shutdown',
        'rabbitmqctl stop_app',
        'caddy stop',
      ],
      allow: [
        'nginx -t',
        'nginx -s reload',
        'nginx -T',
        'apachectl configtest',
        'apachectl -k graceful',
        'haproxy -c -f /etc/haproxy/haproxy.cfg',
        'haproxy -f /etc/haproxy/haproxy.cfg -p /run/haproxy.pid -sf $(cat /run/haproxy.pid)',
        'pg_ctl status -D /var/lib/postgresql/data',
        'mysqladmin status',
        'redis-cli ping',
        'rabbitmqctl list_queues',
        'caddy reload',
      ],
    },
  }),
  cliRule({
    pack: 'services',
    name: 'process-manager-stop',
    clis: ['supervisorctl', 'pm2', 'launchctl', 'sc', 'sc.exe', 'net', 'net.exe', 'stop-service'],
    reason: 'Stops, unloads or deletes managed services (supervisor, pm2, launchd, Windows services): they stay down until someone starts them again.',
    valued: ['-c', '--configuration', '-s', '--serverurl', '-u', '--username', '-p', '--password', '-Name', '-name', '-DisplayName'],
    test(w, v) {
      const n = v.name;
      if (n === 'supervisorctl') return w[0] === 'shutdown' ? 'supervisord and every program' : w[0] === 'stop' || w[0] === 'remove' ? `${w[0]} ${w.slice(1).join(' ') || '?'}` : undefined;
      // `pm2 stop api` stops the developer's own app; `all` and `kill` take down every app the daemon runs.
      if (n === 'pm2') return w[0] === 'kill' ? 'the pm2 daemon and every app' : (w[0] === 'stop' || w[0] === 'delete' || w[0] === 'del') && w[1] === 'all' ? `${w[0]} every pm2 app` : undefined;
      if (n === 'launchctl') return ['unload', 'bootout', 'remove', 'disable', 'kill'].includes(w[0] ?? '') ? `${w[0]} ${w.slice(1).join(' ') || '?'}` : undefined;
      if (n === 'sc' || n === 'sc.exe') {
        const s = w[0]?.startsWith('\\\\') ? w.slice(1) : w; // `sc \\server stop Spooler`
        const verb = s[0]?.toLowerCase();
        if (verb === 'stop' || verb === 'delete') return `${verb} ${s[1] ?? '?'}`;
        const start = s.indexOf('start=');
        return verb === 'config' && start > 0 && /^disabled$/i.test(s[start + 1] ?? '') ? `disable ${s[1] ?? '?'}` : undefined;
      }
      if (n === 'net' || n === 'net.exe') return w[0]?.toLowerCase() === 'stop' && w[1] ? `stop ${w.slice(1).join(' ')}` : undefined;
      if (n === 'stop-service') return w.length > 0 || v.args.length > 0 ? `stop ${w.join(' ') || v.args.join(' ')}` : undefined;
      return undefined;
    },
    examples: {
      flag: ['supervisorctl stop all', 'supervisorctl stop celery-worker', 'supervisorctl shutdown', 'pm2 kill', 'pm2 stop all', 'pm2 delete all', 'sudo launchctl bootout system/com.example.agent', 'launchctl unload /Library/LaunchDaemons/com.example.plist', 'sc stop Spooler', 'sc.exe config wuauserv start= disabled', 'net stop w3svc', 'Stop-Service -Name W3SVC'],
      allow: ['supervisorctl status', 'supervisorctl restart all', 'pm2 list', 'pm2 logs', 'pm2 restart api', 'pm2 stop api', 'launchctl list', 'launchctl print system', 'sc query Spooler', 'net start w3svc', 'net use'],
    },
  }),
  cliRule({
    pack: 'services',
    name: 'host-shutdown',
    clis: ['shutdown', 'reboot', 'poweroff', 'halt', 'init', 'telinit', 'systemctl', 'loginctl', 'stop-computer', 'restart-computer', 'shutdown.exe'],
    severity: 'critical',
    reason: 'Powers off, halts or reboots the machine (or drops it to rescue mode): everything running on it stops, and a remote host may not come back by itself.',
    valued: ['-H', '--host', '-M', '--machine', '-t', '-d', '-c'],
    test(w, v) {
      const n = v.name;
      if (n === 'systemctl' || n === 'loginctl') return hasOption(v.args, ['--dry-run']) ? undefined : HOST_DOWN.has(w[0] ?? '') ? `the host (${w[0]})` : undefined;
      if (n === 'init' || n === 'telinit') return ['0', '1', '6', 's', 'S'].includes(w[0] ?? '') ? `the host (runlevel ${w[0]})` : undefined;
      if (n === 'shutdown' || n === 'shutdown.exe') {
        // `shutdown -c` cancels a pending shutdown; `-k` only sends the warning; `/a` aborts on Windows.
        if (hasOption(v.args, ['--show'], 'ck') || v.args.some((a) => /^\/a$/i.test(a))) return undefined;
        return 'the host';
      }
      if (hasOption(v.args, ['--wtmp-only'], 'w')) return undefined; // halt/reboot -w: only writes the wtmp record
      return `the host (${n})`;
    },
    examples: {
      flag: ['shutdown -h now', 'sudo shutdown -r +5', 'sudo reboot', 'poweroff', 'halt -p', 'systemctl poweroff', 'sudo systemctl reboot', 'init 0', 'shutdown /s /t 0', "ssh db1 'sudo reboot'"],
      allow: ['shutdown -c', 'systemctl status', 'systemctl list-timers', 'loginctl list-sessions', 'last reboot', 'uptime'],
    },
  }),
  haproxyRuntime(),
];

/** HAProxy Runtime API commands that take servers or frontends out of service, or cut live sessions. */
const HAPROXY_DOWN = /^\s*(?:disable\s+(?:server|frontend)\b|shutdown\s+(?:sessions?|frontend)\b|set\s+server\s+\S+\s+state\s+(?:maint|drain)\b|set\s+weight\s+\S+\s+0+%?\s*$)/im;

function haproxyRuntime(): ShellRule {
  const names = ['socat', 'nc', 'ncat', 'netcat'];
  return {
    id: 'services.haproxy-runtime',
    pack: 'services',
    kind: 'shell',
    names,
    severity: 'high',
    reason: "Sends HAProxy's runtime API a command that takes servers or frontends out of service or cuts live sessions.",
    defaultDecision: 'ask',
    match(cmd): RuleMatch | undefined {
      if (cmd.name === undefined || !names.includes(cmd.name) || cmd.stdin === undefined) return undefined;
      const m = HAPROXY_DOWN.exec(cmd.stdin.slice(0, 4096));
      if (!m) return undefined;
      const socket = positionals(cmd.args).find((a) => /\.sock\b|unix-connect:|tcp:/i.test(a)) ?? 'the runtime socket';
      return { target: `${m[0].trim()} (${socket})`, environment: guessEnvironment(cmd.text) };
    },
    examples: {
      flag: [
        "echo 'disable server backend/web1' | socat stdio /var/run/haproxy.sock",
        "echo 'shutdown sessions server backend/web1' | socat stdio /var/run/haproxy.sock",
        "echo 'set server be_app/app1 state maint' | socat stdio UNIX-CONNECT:/run/haproxy/admin.sock",
        "echo 'disable frontend www' | nc -U /run/haproxy/admin.sock",
        "socat /run/haproxy.sock - <<< 'shutdown frontend public'",
      ],
      allow: [
        "echo 'show stat' | socat stdio /var/run/haproxy.sock",
        "echo 'show info' | socat stdio /var/run/haproxy.sock",
        "echo 'enable server backend/web1' | socat stdio /var/run/haproxy.sock",
        "echo 'set server be_app/app1 state ready' | socat stdio /var/run/haproxy.sock",
        'socat TCP-LISTEN:8080,fork TCP:localhost:3000',
      ],
    },
  };
}
