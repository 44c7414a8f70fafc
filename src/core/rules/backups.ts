// Backup tools deleting backups: the copy a person falls back on when everything else is gone. Listing,
// creating and restoring snapshots stay allowed.
import { cliRule, verbIndex } from './lib/cli_rule';
import { hasOption } from './lib/words';
import { normalizePath } from '../paths';
import type { RuleContext, ShellRule } from './types';

const DELETE = new Set(['delete', 'rm', 'remove', 'del']);

/** `remote:`, `remote:/` or `remote:bucket`: the whole remote or one bucket, not a folder inside it. */
function isRemoteRoot(path: string | undefined): boolean {
  if (path === undefined) return false;
  const m = /^([A-Za-z0-9_.\- ]+):(.*)$/.exec(path);
  if (!m || m[1].length < 2) return false; // `C:` style drive letters are local
  const rest = m[2].replace(/^\/+|\/+$/g, '');
  return rest === '' || !rest.includes('/');
}

/** rclone options that take a value, so the value is not read as a sub-command or path. */
const RCLONE_VALUED = [
  '--config', '--include', '--exclude', '--filter', '--min-age', '--max-age', '--transfers', '--checkers', '--log-file', '--backup-dir',
  '--exclude-from', '--include-from', '--filter-from', '--files-from', '--min-size', '--max-size', '--bwlimit', '--suffix', '--dedupe-mode',
  '--log-level', '--stats', '--tpslimit', '--order-by', '--max-depth', '--compare-dest', '--copy-dest', '--max-transfer', '--cache-dir',
  '--user-agent', '--retries', '--low-level-retries', '--timeout', '--contimeout', '--password-command', '--max-backlog', '--multi-thread-streams',
];
const DEDUPE_MODES = new Set(['interactive', 'skip', 'first', 'newest', 'oldest', 'largest', 'smallest', 'rename', 'list']);

function optionValueOf(args: readonly string[], name: string): string | undefined {
  for (let i = 0; i < args.length; i++) {
    if (args[i] === name) return args[i + 1];
    if (args[i].startsWith(`${name}=`)) return args[i].slice(name.length + 1);
  }
  return undefined;
}

/** A local folder (not `remote:path`) that exists and holds nothing, by the injected facts. */
function emptyLocalDir(path: string, ctx: RuleContext): boolean {
  if (!ctx.facts || /^[\w-]+:/.test(path)) return false;
  const abs = normalizePath(path, { ...(ctx.cwd !== undefined ? { cwd: ctx.cwd } : {}), ...(ctx.home !== undefined ? { home: ctx.home } : {}) });
  if (!abs.startsWith('/') || ctx.facts.stat(abs)?.kind !== 'dir') return false;
  const l = ctx.facts.listDir(abs);
  return l !== undefined && l.complete && l.names.length === 0;
}

export const BACKUP_RULES: readonly ShellRule[] = [
  cliRule({
    pack: 'backups',
    name: 'restic-forget',
    clis: ['restic'],
    severity: 'critical',
    reason: 'restic forget/prune removes snapshots from the backup repository; the data only they held is gone.',
    valued: ['-r', '--repo', '--repository-file', '-p', '--password-file', '--password-command', '--cache-dir', '-o', '--option', '--host', '--tag', '--path', '-e', '--exclude', '--iexclude', '--exclude-file', '--iexclude-file', '--key-hint', '--limit-upload', '--limit-download', '--tls-client-cert', '--cacert', '--pack-size', '--compression', '--keep-last', '--keep-hourly', '--keep-daily', '--keep-weekly', '--keep-monthly', '--keep-yearly', '--keep-within', '--keep-tag', '--max-unused', '--group-by'],
    test(w, v) {
      if (hasOption(v.args, ['--dry-run'], 'n')) return undefined;
      if (w[0] === 'forget' || w[0] === 'prune') return `restic ${w[0]} ${w.slice(1).join(' ') || 'snapshots'}`.trim();
      if (w[0] === 'key' && (w[1] === 'remove' || w[1] === 'rm')) return `repository key ${w[2] ?? ''}`.trim();
      // `rewrite --forget` / `repair snapshots --forget` replace the original snapshots with the rewritten ones
      if ((w[0] === 'rewrite' || (w[0] === 'repair' && w[1] === 'snapshots')) && hasOption(v.args, ['--forget'])) return `original snapshots (${w[0]} --forget)`;
      return undefined;
    },
    examples: {
      flag: ['restic forget --prune --keep-last 1', 'restic -r s3:s3.amazonaws.com/bk prune', 'restic forget latest', 'restic -r /srv/restic-repo forget --keep-daily 1 --prune', 'RESTIC_PASSWORD_FILE=p restic forget 4bba301e', 'restic key remove 5c657874', 'restic rewrite --exclude "*.sql" --forget latest'],
      allow: ['restic snapshots', 'restic backup ~/src', 'restic restore latest --target /tmp/restore', 'restic check', 'restic forget --help', 'restic forget --dry-run --keep-last 1', 'restic rewrite --exclude "*.sql" latest', 'restic unlock'],
    },
  }),
  cliRule({
    pack: 'backups',
    name: 'borg-delete',
    clis: ['borg', 'borg2', 'borgmatic'],
    severity: 'critical',
    reason: 'borg delete/prune removes archives (or the whole repository) from the backup store.',
    valued: ['--keep-last', '--keep-within', '--keep-secondly', '--keep-minutely', '--keep-hourly', '--keep-daily', '--keep-weekly', '--keep-monthly', '--keep-yearly', '-a', '--glob-archives', '--match-archives', '--prefix', '-r', '--repo', '--remote-path', '--rsh', '-c', '--config'],
    test(w, v) {
      if (hasOption(v.args, ['--dry-run'], v.name === 'borgmatic' ? '' : 'n')) return undefined;
      const i = verbIndex(w, new Set(['delete', 'prune', 'rdelete', 'repo-delete']), 2);
      return i >= 0 ? `${v.name} ${w[i]} ${w[i + 1] ?? 'repository'}` : undefined;
    },
    examples: {
      flag: ['borg delete /backup/repo', 'borg prune --keep-daily 1 /backup/repo', 'borg delete /backup/repo::host-2024-01-01', 'borg delete --glob-archives "web-*" ssh://bk@host/./repo', 'borgmatic prune', 'borg2 rdelete -r /backup/repo', 'borg repo-delete'],
      allow: ['borg list /backup/repo', 'borg create /backup/repo::today ~/src', 'borg extract /backup/repo::today', 'borg prune -n --keep-daily 7 /backup/repo', 'borgmatic create', 'borg compact --help'],
    },
  }),
  cliRule({
    pack: 'backups',
    name: 'borg-rewrite',
    clis: ['borg', 'borg2', 'borgmatic'],
    severity: 'high',
    reason: 'borg compact frees the space of deleted archives for good, and borg recreate rewrites archives in place, dropping whatever its excludes match.',
    valued: ['-a', '--glob-archives', '--match-archives', '--prefix', '-r', '--repo', '--remote-path', '--rsh', '-c', '--config', '-e', '--exclude', '--exclude-from', '--pattern', '--patterns-from', '--comment', '--target', '--timestamp', '-C', '--compression', '--recompress', '--chunker-params', '--threshold', '--upload-ratelimit', '--upload-buffer', '--lock-wait'],
    test(w, v) {
      if (hasOption(v.args, ['--dry-run'], v.name === 'borgmatic' ? '' : 'n')) return undefined;
      if (w[0] === 'compact' || w[0] === 'rcompact' || w[0] === 'repo-compact') return `${v.name} ${w[0]} ${w[1] ?? 'repository'}`;
      if (w[0] === 'recreate') return `${v.name} recreate ${w[1] ?? 'archives'}`;
      return undefined;
    },
    examples: {
      flag: ['borg compact /backup/repo', 'borg compact', 'borg recreate /backup/repo::host-2024-01-01 --exclude "*.sql"', 'borg recreate --exclude home/*/junk /backup/repo', 'borgmatic compact', 'borg2 compact -r /backup/repo'],
      allow: ['borg list /backup/repo', 'borg check /backup/repo', 'borg recreate -n --list --exclude "*.sql" /backup/repo', 'borg compact --help', 'borg info /backup/repo::today'],
    },
  }),
  cliRule({
    pack: 'backups',
    name: 'lock-break',
    clis: ['borg', 'borg2', 'borgmatic', 'restic'],
    severity: 'medium',
    reason: 'Removes backup repository locks that may still be held (borg break-lock, restic unlock --remove-all): a backup or prune still running can corrupt the repository.',
    valued: ['-r', '--repo', '--repository-file', '-p', '--password-file', '--password-command', '--remote-path', '--rsh', '-c', '--config', '--cache-dir', '-o', '--option'],
    test(w, v) {
      if (v.name === 'restic') return w[0] === 'unlock' && hasOption(v.args, ['--remove-all']) ? 'every repository lock' : undefined;
      return w[0] === 'break-lock' ? `locks of ${w[1] ?? 'the repository'}` : undefined;
    },
    examples: {
      flag: ['borg break-lock /backup/repo', 'borg break-lock', 'borgmatic break-lock', 'restic unlock --remove-all', 'restic -r s3:s3.amazonaws.com/bk unlock --remove-all'],
      allow: ['restic unlock', 'restic -r /srv/restic-repo unlock', 'borg list /backup/repo', 'borg with-lock /backup/repo rsync -a /backup/repo /mnt/copy'],
    },
  }),
  cliRule({
    pack: 'backups',
    name: 'rclone-delete',
    clis: ['rclone'],
    severity: 'critical',
    reason: 'rclone purge/delete/dedupe removes files on a remote, sync to the root of a remote deletes everything there that the source lacks, and config delete drops a remote\'s credentials (for a crypt remote, the password its files need).',
    valued: RCLONE_VALUED,
    test(w, v, ctx) {
      if (hasOption(v.args, ['--dry-run', '--interactive'], 'ni')) return undefined;
      // a sync from an empty local folder deletes everything at the destination
      if ((w[0] === 'sync' || w[0] === 'bisync') && w[1] !== undefined && w[2] !== undefined && emptyLocalDir(w[1], ctx)) return `everything in ${w[2]} (synced from the empty ${w[1]})`;
      if (w[0] === 'purge' || w[0] === 'delete' || w[0] === 'deletefile' || w[0] === 'rmdirs' || w[0] === 'rmdir' || w[0] === 'cleanup') return `${w[0]} ${w[1] ?? 'remote'}`;
      if ((w[0] === 'sync' || w[0] === 'bisync') && (isRemoteRoot(w[2]) || hasOption(v.args, ['--delete-excluded']))) return `sync onto ${w[2]}`;
      // `dedupe [mode] remote:path`: every mode but `list` deletes identical copies without asking
      if (w[0] === 'dedupe') {
        const mode = (optionValueOf(v.args, '--dedupe-mode') ?? (DEDUPE_MODES.has(w[1]) ? w[1] : 'interactive')).toLowerCase();
        return mode === 'list' ? undefined : `duplicates in ${(DEDUPE_MODES.has(w[1]) ? w[2] : w[1]) ?? 'remote'}`;
      }
      if (w[0] === 'config' && (w[1] === 'delete' || w[1] === 'remove')) return `remote ${w[2] ?? ''} settings`.trim();
      return undefined;
    },
    examples: {
      flag: ['rclone purge remote:backups', 'rclone delete remote:bucket/path', 'rclone sync ./empty remote:', 'rclone sync /tmp/x b2:prod-backups', 'rclone deletefile s3:bk/db-2024.dump', 'rclone sync ./site s3:www/site --delete-excluded --exclude "*.bak"', 'rclone rmdirs gdrive:archive', 'rclone rmdir b2:old-bucket', 'rclone dedupe gdrive:photos', 'rclone dedupe newest gdrive:photos', 'rclone dedupe --dedupe-mode oldest gdrive:photos', 'rclone config delete crypt-backup'],
      allow: ['rclone ls remote:backups', 'rclone copy ./site remote:site', 'rclone sync remote:site ./local', 'rclone sync ./site remote:bucket/site', 'rclone purge --dry-run remote:x', 'rclone lsd remote:', 'rclone config', 'rclone dedupe list gdrive:photos', 'rclone dedupe --dedupe-mode list gdrive:photos', 'rclone config show'],
    },
  }),
  cliRule({
    pack: 'backups',
    name: 'rclone-move',
    clis: ['rclone'],
    severity: 'medium',
    reason: 'rclone move/moveto deletes each source file once it is copied, replacing any file of the same name at the destination.',
    valued: RCLONE_VALUED,
    test(w, v) {
      if (hasOption(v.args, ['--dry-run', '--interactive'], 'ni')) return undefined;
      return w[0] === 'move' || w[0] === 'moveto' ? `${w[1] ?? 'source'} moved to ${w[2] ?? 'destination'}` : undefined;
    },
    examples: {
      flag: ['rclone move /srv/uploads remote:archive', 'rclone move remote:inbox ./local', 'rclone moveto remote:a/file.txt remote:b/file.txt', 'rclone move --delete-empty-src-dirs s3:incoming b2:processed', 'rclone --config ./rclone.conf move src: dest:'],
      allow: ['rclone copy /srv/uploads remote:archive', 'rclone move --dry-run /srv/uploads remote:archive', 'rclone copyto remote:a/file.txt ./file.txt', 'rclone ls remote:archive', 'rclone move --help'],
    },
  }),
  cliRule({
    pack: 'backups',
    name: 'kopia-delete',
    clis: ['kopia'],
    severity: 'critical',
    reason: 'kopia deletes snapshots, repository content or blobs from the backup repository.',
    valued: ['--config-file', '--password', '--log-dir', '--cache-directory'],
    test(w, v) {
      const i = verbIndex(w, DELETE, 3);
      if (i >= 1 && ['snapshot', 'snapshots', 'blob', 'content', 'manifest', 'repository'].includes(w[0])) return `${w.slice(0, i).join(' ')} ${w[i + 1] ?? ''}`.trim();
      if (w[0] === 'snapshot' && (w[1] === 'expire' || w[1] === 'gc') && hasOption(v.args, ['--delete'])) return `snapshot ${w[1]}`;
      return undefined;
    },
    examples: {
      flag: ['kopia snapshot delete k123 --delete', 'kopia snapshot rm k5f2 --delete', 'kopia blob delete q0a1', 'kopia content delete 00a1b2', 'kopia snapshot expire --all --delete', 'kopia manifest rm 1a2b3c'],
      allow: ['kopia snapshot list', 'kopia snapshot create ~/src', 'kopia snapshot expire --all', 'kopia repository status', 'kopia restore k123 /tmp/r'],
    },
  }),
  cliRule({
    pack: 'backups',
    name: 'velero-delete',
    clis: ['velero'],
    severity: 'critical',
    reason: 'velero deletes cluster backups, schedules or backup locations (and the backup data in object storage), or uninstalls itself with its schedules.',
    valued: ['-n', '--namespace', '--kubeconfig', '--kubecontext', '--selector', '-l', '--features', '--colorized', '--name', '-o', '--output'],
    test(w) {
      if (w[0] === 'uninstall') return 'velero, its schedules and backup resources';
      const i = verbIndex(w, DELETE, 3);
      return i >= 1 ? `${w.slice(0, i).join(' ')} ${w[i + 1] ?? (w.includes('--all') ? 'all' : '')}`.trim() : undefined;
    },
    examples: {
      flag: ['velero backup delete nightly --confirm', 'velero backup delete --all --confirm', 'velero schedule delete daily', 'velero backup-location delete default', 'velero restore delete r1 --confirm', 'velero uninstall', 'velero --kubecontext prod uninstall --force', 'velero -n velero schedule delete nightly --confirm'],
      allow: ['velero backup get', 'velero backup create nightly', 'velero restore create --from-backup nightly', 'velero schedule get', 'velero backup describe nightly'],
    },
  }),
  cliRule({
    pack: 'backups',
    name: 'other-delete',
    clis: ['duplicity', 'tarsnap', 'duplicacy', 'bup', 'restic-tools', 'rdiff-backup', 'tmutil', 'dvc', 'git-annex', 'git'],
    severity: 'critical',
    reason: 'A backup tool removes backup sets, archives or snapshots.',
    valued: ['--file-to-restore', '--archive-dir', '--name', '-f', '-r', '--keep', '-keep', '-storage', '-id'],
    test(w, v) {
      if (v.name === 'duplicity') return w.find((x) => /^remove-/.test(x) || x === 'cleanup') && hasOption(v.args, ['--force']) ? `duplicity ${w[0]}` : undefined;
      if (v.name === 'tarsnap') return hasOption(v.args, ['--nuke'], 'd') ? 'tarsnap archives' : undefined;
      if (v.name === 'duplicacy') return w[0] === 'prune' && !hasOption(v.args, ['-dry-run']) ? 'duplicacy snapshots' : undefined;
      if (v.name === 'bup') return w[0] === 'rm' || w[0] === 'prune-older' ? `bup ${w[0]}` : undefined;
      if (v.name === 'rdiff-backup') return hasOption(v.args, ['--remove-older-than']) || w[0] === 'remove' ? 'rdiff-backup increments' : undefined;
      if (v.name === 'tmutil') return w[0] === 'delete' || w[0] === 'deletelocalsnapshots' ? 'Time Machine backups' : undefined;
      // `dvc gc --cloud` deletes remote data the workspace does not reference; `git annex drop --force` drops a copy
      // even when it is the last one
      // `dvc gc -w -f`: the local cache's other data versions, without the confirmation it would ask for
      if (v.name === 'dvc') return w[0] === 'gc' && hasOption(v.args, ['--cloud'], 'c') ? 'DVC remote storage (gc --cloud)' : w[0] === 'gc' && hasOption(v.args, ['--force'], 'f') ? 'DVC cache: data versions the workspace does not use (gc --force)' : undefined;
      const annex = v.name === 'git-annex' ? w : v.name === 'git' && w[0] === 'annex' ? w.slice(1) : undefined;
      if (annex !== undefined && (annex[0] === 'drop' || annex[0] === 'dropunused') && hasOption(v.args, ['--force'])) return `annexed content ${annex[1] ?? ''} (even the last copy)`.trim();
      return undefined;
    },
    examples: {
      flag: ['duplicity remove-older-than 1D --force file:///backup', 'tarsnap -d -f nightly-2024', 'tarsnap --nuke', 'duplicacy prune -keep 0:1', 'bup rm --unsafe old', 'sudo tmutil delete /Volumes/TM/Backups.backupdb/mac/2024-01-01', 'dvc gc --workspace --cloud --force', 'dvc gc -w -f', 'git annex drop --force data/app.db'],
      allow: ['duplicity full ~/src file:///backup', 'tarsnap -c -f nightly src', 'duplicacy list', 'bup save -n src .', 'tmutil listbackups', 'dvc gc --workspace', 'dvc push', 'git annex drop data/app.db', 'git annex get data/app.db', 'git status'],
    },
  }),
  // A database's own snapshots: Cassandra's nodetool clearsnapshot, Elasticsearch snapshot repositories by CLI
  cliRule({
    pack: 'backups',
    name: 'db-snapshot-clear',
    clis: ['nodetool'],
    severity: 'critical',
    reason: 'nodetool clearsnapshot deletes the node\'s snapshots, the backups Cassandra keeps of its tables.',
    valued: ['-h', '--host', '-p', '--port', '-u', '--username', '-pw', '--password', '-pwf', '--password-file', '-t', '--tag'],
    test: (w) => (w[0] === 'clearsnapshot' ? 'Cassandra snapshots' : undefined),
    examples: { flag: ['nodetool -h cassandra.prod clearsnapshot --all', 'nodetool clearsnapshot -t nightly -- events'], allow: ['nodetool listsnapshots', 'nodetool snapshot events', 'nodetool status'] },
  }),
  // Point-in-time restores rewind a live database: every write after the chosen moment is gone
  cliRule({
    pack: 'backups',
    name: 'point-in-time-restore',
    clis: ['wrangler', 'neonctl', 'neon'],
    severity: 'critical',
    reason: 'Restores a live database in place to an earlier point in time (wrangler d1 time-travel restore, neonctl branches restore onto itself): every write after that point is lost.',
    valued: ['--timestamp', '--bookmark', '--project-id', '--org-id', '--config', '-c', '--env', '-e', '--api-key', '--preserve-under-name', '--context-file'],
    test(w, v) {
      if (v.name === 'wrangler') return w[0] === 'd1' && w[1] === 'time-travel' && w[2] === 'restore' ? `D1 database ${w[3] ?? '?'}` : undefined;
      // `neonctl branches restore main ^self@<time>`: the branch rewound (its old state kept only with --preserve-under-name)
      if (w[0] === 'branches' && w[1] === 'restore' && !hasOption(v.args, ['--preserve-under-name'])) return `Neon branch ${w[2] ?? '?'}`;
      return undefined;
    },
    examples: {
      flag: ['npx wrangler d1 time-travel restore edge-prod --timestamp=2024-06-01T00:00:00Z', 'neonctl branches restore main ^self@2024-06-01T00:00:00Z --project-id shiny-sky-123456'],
      allow: ['npx wrangler d1 time-travel info edge-prod', 'neonctl branches list', 'neonctl branches restore main ^self@2024-06-01T00:00:00Z --preserve-under-name main_old', 'npx wrangler d1 export edge-prod --output db.sql'],
    },
  }),
];
