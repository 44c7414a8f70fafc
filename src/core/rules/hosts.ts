// Data loss below the application: volumes and disks (LVM, discard, LUKS headers), cluster nodes reset to
// nothing, database files and their archives (pg_resetwal, WAL archives, pgBackRest stanzas), private keys in
// keyrings, and deploy tools that prune whatever the input does not list.
import { hasFlag } from '../shell/argv';
import { cliRule, startsWith } from './lib/cli_rule';
import type { ShellRule } from './types';

export const HOST_RULES: readonly ShellRule[] = [
  cliRule({
    pack: 'system',
    name: 'volume-remove',
    clis: ['lvremove', 'vgremove', 'pvremove', 'blkdiscard', 'wipefs', 'sgdisk', 'zpool', 'cryptsetup', 'zfs', 'btrfs', 'nodetool'],
    reason: 'Removes a volume, dataset or snapshot, rolls a dataset back (discarding what came after), discards or wipes a disk, or erases the encryption keys of one: every file on it is gone.',
    severity: 'critical',
    valued: ['-o', '--offset', '-l', '--length', '-S', '--type'],
    test(words, v) {
      if (v.name === 'zpool') return words[0] === 'destroy' || words[0] === 'labelclear' ? words[1] ?? 'pool' : undefined;
      // `zfs rollback` discards every change (and with -r every snapshot) after the snapshot
      if (v.name === 'zfs') return words[0] === 'destroy' || words[0] === 'rollback' ? `${words[1] ?? 'dataset'}${words[0] === 'rollback' ? ' (rolled back)' : ''}` : undefined;
      if (v.name === 'btrfs') return (words[0] === 'subvolume' || words[0] === 'sub') && (words[1] === 'delete' || words[1] === 'del') ? words[2] ?? 'subvolume' : undefined;
      // Cassandra snapshots are its backups
      if (v.name === 'nodetool') return words[0] === 'clearsnapshot' ? 'Cassandra snapshots' : undefined;
      if (v.name === 'cryptsetup') return words[0] === 'luksErase' || words[0] === 'erase' || words[0] === 'luksFormat' ? words[1] ?? 'device' : undefined;
      if (v.name === 'sgdisk') return hasFlag(v.args, ['--zap-all', '--zap', '--clear'], 'ZzZo') ? words[0] ?? 'disk' : undefined;
      if (v.name === 'wipefs') return hasFlag(v.args, ['--all'], 'a') || v.args.some((a) => a.startsWith('-o') || a === '--offset') ? words[0] ?? 'device' : undefined;
      return words[0] ?? v.name;
    },
    examples: {
      flag: ['lvremove -f vg0/data', 'vgremove vg0', 'blkdiscard /dev/nvme0n1', 'cryptsetup -q luksErase /dev/sdb2', 'zpool destroy tank', 'wipefs -a /dev/sdb', 'sgdisk --zap-all /dev/sda', 'zfs rollback -r tank/data@2024-01-01', 'zfs destroy -r tank/data', 'btrfs subvolume delete /data/snap', 'nodetool clearsnapshot --all'],
      allow: ['lvs', 'lvdisplay vg0/data', 'cryptsetup luksDump /dev/sdb2', 'zpool status', 'wipefs /dev/sdb', 'sgdisk -p /dev/sda', 'zfs list -t snapshot', 'zfs snapshot tank/data@now', 'btrfs subvolume list /', 'nodetool status', 'nodetool snapshot'],
    },
  }),
  cliRule({
    pack: 'system',
    name: 'node-reset',
    clis: ['kubeadm', 'talosctl', 'k3s-uninstall.sh', 'rke2-uninstall.sh', 'microk8s'],
    reason: "Resets a cluster node to nothing: its cluster state (and a control plane's local etcd, the cluster's data) is wiped.",
    severity: 'critical',
    valued: ['-n', '--nodes', '-e', '--endpoints', '--talosconfig', '--context'],
    test(words, v) {
      if (v.name === 'kubeadm' || v.name === 'talosctl') return words[0] === 'reset' ? `${v.name} reset` : undefined;
      if (v.name === 'microk8s') return words[0] === 'reset' ? 'microk8s reset' : undefined;
      return v.name;
    },
    examples: { flag: ['kubeadm reset -f', 'talosctl reset --graceful=false --reboot -n 10.0.0.5', 'microk8s reset --destroy-storage'], allow: ['kubeadm token list', 'talosctl dmesg -n 10.0.0.5', 'microk8s status'] },
  }),
  cliRule({
    pack: 'sql',
    name: 'postgres-files',
    clis: ['pg_resetwal', 'pg_resetxlog', 'pg_archivecleanup', 'pgbackrest', 'pg_dropcluster', 'dropdb', 'dropuser'],
    reason: "Throws away a PostgreSQL cluster's write-ahead log, its archived WAL (point-in-time recovery), its backups, or the cluster itself.",
    severity: 'critical',
    valued: ['--stanza', '-D', '--pgdata', '-x', '-o', '-h', '-p', '-U', '--host', '--port', '--username', '--config', '--repo'],
    test(words, v) {
      if (v.name === 'pgbackrest') return words.includes('stanza-delete') || words.includes('expire') ? `pgbackrest ${words.find((w) => w === 'stanza-delete' || w === 'expire')}` : undefined;
      if (v.name === 'pg_resetwal' || v.name === 'pg_resetxlog') return v.args.includes('-n') || v.args.includes('--dry-run') ? undefined : words[0] ?? 'data directory';
      return words[0] ?? v.name;
    },
    examples: {
      flag: ['pg_resetwal -f /var/lib/postgresql/16/main', 'pg_archivecleanup /mnt/wal-archive 000000010000000000000010', 'pgbackrest --stanza=main stanza-delete --force', 'pg_dropcluster 16 main --stop', 'dropdb orders'],
      allow: ['pg_resetwal -n /var/lib/postgresql/16/main', 'pgbackrest --stanza=main info', 'pgbackrest --stanza=main backup', 'pg_lsclusters'],
    },
  }),
  cliRule({
    pack: 'secrets',
    name: 'key-delete',
    clis: ['gpg', 'gpg2', 'keyring', 'secret-tool', 'ssh-keygen', 'podman', 'kubectl-cnpg', 'tilt', 'kapp', 'argocd'],
    reason: 'Deletes a private key or a stored credential, overwrites an existing key, or deletes what a deploy no longer lists (pruning).',
    valued: ['-f', '-t', '-N', '-C', '-b', '-a', '--local-user', '--homedir', '-n', '--namespace', '--app', '-a'],
    test(words, v) {
      const a = v.args;
      if (v.name === 'gpg' || v.name === 'gpg2') return a.some((x) => /^--delete-(?:secret-)?(?:and-public-)?keys?$|^--delete-secret-key$/.test(x)) ? 'gpg key' : undefined;
      if (v.name === 'keyring') return words[0] === 'del' || words[0] === 'delete' ? `${words[1] ?? ''} ${words[2] ?? ''}`.trim() || 'keyring entry' : undefined;
      if (v.name === 'secret-tool') return words[0] === 'clear' ? 'secret-tool entry' : undefined;
      if (v.name === 'ssh-keygen') {
        // `ssh-keygen -f ~/.ssh/id_ed25519` over a key that exists asks to overwrite; `yes |` answers for it.
        const f = a[a.indexOf('-f') + 1];
        return a.includes('-f') && f !== undefined && !hasFlag(a, [], 'lyHRFKQkpceiL') && /(?:^|\/)id_[a-z0-9]+$/.test(f) ? f : undefined;
      }
      if (v.name === 'podman') return startsWith(words, 'machine', 'rm') || startsWith(words, 'machine', 'reset') || startsWith(words, 'system', 'reset') ? `podman ${words.slice(0, 2).join(' ')}` : undefined;
      if (v.name === 'kubectl-cnpg') return words[0] === 'destroy' ? `cnpg destroy ${words[1] ?? ''}`.trim() : undefined;
      if (v.name === 'tilt') return words[0] === 'down' && a.includes('--delete-namespaces') ? 'tilt down --delete-namespaces' : undefined;
      if (v.name === 'kapp') return words[0] === 'deploy' || words[0] === 'delete' ? `kapp ${words[0]}` : undefined;
      if (v.name === 'argocd') return (startsWith(words, 'app', 'sync') && a.includes('--prune')) || startsWith(words, 'app', 'delete') ? `argocd ${words.slice(0, 3).join(' ')}` : undefined;
      return undefined;
    },
    examples: {
      flag: ['gpg --batch --yes --delete-secret-keys 0123456789ABCDEF', 'keyring del prod-api admin', "yes | ssh-keygen -t ed25519 -N '' -f ~/.ssh/id_ed25519", 'podman machine rm -f', 'tilt down --delete-namespaces', 'kapp deploy -a web -f empty/ --yes', 'argocd app sync prod-app --prune'],
      allow: ['gpg --list-secret-keys', 'keyring get prod-api admin', "ssh-keygen -t ed25519 -N '' -f ~/.ssh/deploy_new -C ci", 'ssh-keygen -l -f ~/.ssh/id_ed25519', 'podman machine list', 'tilt down', 'kapp inspect -a web', 'argocd app sync prod-app'],
    },
  }),
];
