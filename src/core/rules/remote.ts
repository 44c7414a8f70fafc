// Outward actions on other machines over ssh. A command run through `ssh host 'cmd'` is already judged as a shell
// command by every pack (shell/wrappers.ts unwraps it), and `rsync --delete` is fs.rsync-delete wherever the
// destination is. What is left: copies that overwrite a remote host's system files, and emptying the ssh agent.
// `ssh-keygen -R host` asks: dropping a known_hosts entry is the step before accepting a changed host key, which is
// exactly what a man-in-the-middle needs; a person should see which host lost its pinned key.
import { cliRule } from './lib/cli_rule';
import { hasOption } from './lib/words';
import type { ShellRule } from './types';

const SCP_VALUED = ['-c', '-D', '-F', '-i', '-J', '-l', '-o', '-P', '-S', '-X'];
const RSYNC_VALUED = [
  '-e', '--rsh', '--rsync-path', '--exclude', '--include', '--exclude-from', '--include-from', '--files-from', '-f', '--filter', '-B', '--block-size',
  '-T', '--temp-dir', '--compare-dest', '--copy-dest', '--link-dest', '--backup-dir', '--suffix', '--chmod', '--chown', '--usermap', '--groupmap',
  '--timeout', '--contimeout', '--port', '--log-file', '--log-file-format', '--out-format', '--password-file', '--bwlimit', '--max-size', '--min-size',
  '--partial-dir', '--max-delete', '-M', '--remote-option', '--info', '--debug', '--skip-compress', '--iconv', '--sockopts', '--modify-window',
  '--stop-after', '--stop-at', '--write-batch', '--read-batch', '--only-write-batch', '--checksum-choice', '--compress-choice', '--compress-level',
];

/** System directories of a (Unix) host: overwriting files there breaks boot, logins, packages or running services. */
const SYSTEM_DIR = /^\/(?:$|(?:etc|boot|bin|sbin|lib|lib32|lib64|libx32|usr|sys|proc)(?:\/|$)|var\/lib(?:\/|$)|dev\/(?!null$|stdout$|stderr$))/;

/**
 * The remote path of an scp/rsync destination: `host:/etc/`, `user@host:/boot/x`, `scp://host//etc`, `rsync://host/module/…` (a module is not
 * a system path), else undefined (a local path, or a path relative to the remote home).
 */
function remoteSystemPath(dest: string): string | undefined {
  let m = /^scp:\/\/[^/]+\/(\/.*)$/.exec(dest); // scp://host//etc/x: the path after the host's slash is absolute
  if (m) return SYSTEM_DIR.test(normalise(m[1])) ? m[1] : undefined;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(dest)) return undefined; // rsync:// modules and other URLs
  // `host:path` / `user@host:path` / `[v6]:path`. A one-letter "host" is a Windows drive (C:\…), and a slash before the colon makes it a local path.
  m = /^(?:[^@/\s]+@)?(\[[^\]]+\]|[^:/\s[\]]{2,}):(.*)$/.exec(dest);
  if (!m) return undefined;
  const path = m[2];
  return path.startsWith('/') && SYSTEM_DIR.test(normalise(path)) ? path : undefined;
}

/** Collapses `//`, `/./` and `..` so `/tmp/../etc` is seen as `/etc`. */
function normalise(path: string): string {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return `/${out.join('/')}${path.endsWith('/') && out.length > 0 ? '/' : ''}`;
}

/** Remote-deleting commands of interactive file-transfer clients, one per line or `;`-separated. */
const TRANSFER_DELETE = /^\s*!?\s*(rm|rmdir|del|delete|deltree|mdelete|mrm|rm\s+-r|glob\s+rm|rmr|unlink)\b\s*([^;\n]*)/i;

function transferDeletes(script: string): string | undefined {
  for (const stmt of script.split(/[;\n]/).slice(0, 200)) {
    const m = TRANSFER_DELETE.exec(stmt.replace(/^\s*-/, ''));
    if (m) return `${m[1]} ${m[2].trim()}`.trim();
  }
  return undefined;
}

export const REMOTE_RULES: readonly ShellRule[] = [
  cliRule({
    pack: 'remote',
    name: 'file-transfer-delete',
    clis: ['sftp', 'lftp', 'smbclient', 'ftp', 'lftpget', 'ncftp', 'tnftp', 'curlftpfs'],
    severity: 'high',
    reason: 'A file-transfer client deletes files or folders on the server (sftp batch file, lftp -c/-e, smbclient -c, an ftp script): nothing on the server keeps a copy.',
    valued: ['-b', '-c', '-e', '-f', '-i', '-o', '-P', '-p', '-U', '-W', '-A', '-I', '-m', '-u', '-D', '-F', '-l', '-R', '-s', '-S'],
    test(_w, v, ctx, cmd) {
      const scripts: string[] = [];
      for (let i = 0; i < v.args.length; i++) {
        const a = v.args[i];
        if ((v.name === 'lftp' && (a === '-c' || a === '-e')) || (v.name === 'smbclient' && (a === '-c' || a === '--command'))) scripts.push(v.args[i + 1] ?? '');
        else if ((v.name === 'sftp' && a === '-b') || (v.name === 'lftp' && a === '-f')) {
          const file = v.args[i + 1];
          // `sftp -b -` reads the batch from stdin; an unreadable batch file is in doubt
          const text = file === '-' ? cmd.stdin : file !== undefined ? ctx.readFile?.(file) : undefined;
          if (text === undefined) return `whatever the batch file ${file ?? ''} removes`.trim();
          scripts.push(text);
        } else if (a.startsWith('--command=')) scripts.push(a.slice(10));
      }
      if (cmd.stdin !== undefined && !v.args.includes('-b')) scripts.push(cmd.stdin);
      for (const s of scripts) {
        const hit = transferDeletes(s);
        if (hit !== undefined) return hit;
      }
      return undefined;
    },
    examples: {
      flag: [
        "lftp -c 'open -u deploy ftp://web1; rm -r /public_html/uploads'",
        "smbclient //fs1/shared -U dev -c 'deltree projects'",
        "smbclient //fs1/shared -U dev -c 'cd docs; del *.docx'",
        'sftp -b missing-batch.txt deploy@web1',
        'sftp deploy@web1 <<EOF\nrm /srv/uploads/a.png\nEOF',
        "lftp -e 'mirror -R dist /www; rmdir /old; bye' ftp://web1",
      ],
      allow: ["lftp -c 'open ftp://web1; mirror /www ./backup'", "smbclient //fs1/shared -U dev -c 'ls'", 'sftp deploy@web1', "lftp -e 'ls; bye' ftp://web1", 'sftp deploy@web1 <<EOF\nget /srv/uploads/a.png\nEOF'],
    },
  }),
  cliRule({
    pack: 'remote',
    name: 'copy-to-system-path',
    clis: ['scp', 'rsync'],
    reason: "Copies files over a remote host's system directories (/etc, /boot, /usr, /bin, /lib, /var/lib, the root): a wrong file there breaks its boot, logins or services.",
    valued: [...new Set([...SCP_VALUED, ...RSYNC_VALUED])],
    test(w, v) {
      if (v.name === 'rsync' && hasOption(v.args, ['--dry-run', '--list-only'], 'n')) return undefined;
      if (w.length < 2) return undefined; // one operand: a listing (rsync) or nothing to copy
      const dest = w[w.length - 1];
      const path = remoteSystemPath(dest);
      return path !== undefined ? dest : undefined;
    },
    examples: {
      flag: [
        'scp config.conf user@host:/etc/',
        'scp passwd root@server:/etc/passwd',
        'scp -r ./data user@host:/',
        'scp vmlinuz user@host:/boot/',
        'scp binary user@host:/usr/local/bin/',
        'scp -P 2222 libfoo.so admin@10.0.0.5:/lib64/',
        'rsync -avz ./conf/ root@prod-web:/etc/nginx/',
        'rsync -a -e "ssh -p 2222" db.sqlite deploy@host:/var/lib/app/',
        'scp app.conf host:/tmp/../etc/app.conf',
        'scp -o StrictHostKeyChecking=no script root@server:/sbin/',
      ],
      allow: [
        'scp user@host:/etc/hosts .',
        'scp file.txt user@host:~/documents/',
        'scp file.txt user@host:/tmp/backup/',
        'scp -r ./project user@host:/home/user/projects/',
        'scp file.txt user@host:/var/tmp/',
        'scp file.txt /etc/',
        'rsync -avz src/ dest/',
        'rsync -avz ./site/ deploy@web:/var/www/site/',
        'rsync -avn ./conf/ root@prod-web:/etc/nginx/',
        'rsync -a --list-only user@host:/etc/',
        'scp --help',
        'scp C:/work/file.txt host:uploads/',
      ],
    },
  }),
  cliRule({
    pack: 'remote',
    name: 'ssh-agent-clear',
    clis: ['ssh-add'],
    severity: 'low',
    reason: 'Removes identities from the ssh agent: git pushes and ssh logins fail until a person adds the keys again (with their passphrases).',
    valued: ['-E', '-S', '-t', '-h', '-H'],
    test(_w, v) {
      if (hasOption(v.args, [], 'D')) return 'every identity in the ssh agent';
      return hasOption(v.args, [], 'd') ? 'identities in the ssh agent' : undefined;
    },
    examples: {
      flag: ['ssh-add -D', 'ssh-add -d', 'ssh-add -d ~/.ssh/id_ed25519', 'ssh-add -qD', 'SSH_AUTH_SOCK=/tmp/agent.sock ssh-add -D'],
      allow: ['ssh-add -l', 'ssh-add -L', 'ssh-add ~/.ssh/id_ed25519', 'ssh-add -t 3600 ~/.ssh/id_rsa', 'ssh-keygen -F github.com'],
    },
  }),
  cliRule({
    pack: 'remote',
    name: 'host-key-remove',
    clis: ['ssh-keygen'],
    severity: 'medium',
    reason:
      'Removes a host from known_hosts (ssh-keygen -R): the pinned host key is forgotten, so the next connection accepts whatever key that host (or whoever answers for it) presents; it is the step before trusting a changed host key.',
    test(_w, v) {
      const host = knownHostRemoved(v.args);
      return host === undefined ? undefined : `known_hosts entry for ${host || 'a host'}`;
    },
    examples: {
      flag: [
        'ssh-keygen -R hostname',
        'ssh-keygen -f ~/.ssh/known_hosts -R 192.168.1.1',
        'ssh-keygen -R "[db.example.com]:2222"',
        'ssh-keygen -Rgithub.com',
        'ssh-keygen -q -R prod-web -f /home/dev/.ssh/known_hosts',
      ],
      allow: ['ssh-keygen -F hostname', 'ssh-keygen -l -f ~/.ssh/id_ed25519.pub', 'ssh-keygen -t ed25519 -f newkey', 'ssh-keygen -t rsa -C "Rebuild key" -f k', 'ssh-keygen -y -f ~/.ssh/id_ed25519'],
    },
  }),
];

/** ssh-keygen's options that take a value (its getopt string), so `-C -R` is a comment, not a removal. */
const SSH_KEYGEN_VALUED = 'CDEFIMNOPRVYZabfgjmnrstwz';

/** The host of `ssh-keygen -R host` (getopt: bundled flags, glued or separate value), else undefined. */
function knownHostRemoved(args: readonly string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') return undefined;
    if (!a.startsWith('-') || a.length < 2) continue;
    for (let k = 1; k < a.length; k++) {
      if (!SSH_KEYGEN_VALUED.includes(a[k])) continue;
      const value = k + 1 < a.length ? a.slice(k + 1) : args[i + 1] ?? '';
      if (a[k] === 'R') return value;
      if (k + 1 >= a.length) i++;
      break;
    }
  }
  return undefined;
}
