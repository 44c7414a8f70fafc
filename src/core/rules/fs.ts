// Filesystem data loss: recursive/wildcard deletes outside regenerable outputs, shred, truncate,
// raw device writes, mkfs, redirect-truncation of data files, rsync --delete, chmod -R 000.
import { isRegenerable, normalizePath } from '../paths';
import { hasFlag, operands } from '../shell/argv';
import { overwriteLosesData } from './lib/file_loss';
import { ignoredBuildFolder } from './lib/tree';
import { repositoryRoot, restorableFromHead } from './lib/repo';
import type { RuleContext, ShellRule, SimpleCommand } from './types';
import { isScratch, TEMP_PATH } from './lib/scratch';

const DELETERS = new Set(['rm', 'rimraf', 'del', 'del-cli', 'rmrf']);
const GLOB = /[*?[]/;

interface Target {
  path: string;
  dynamic: boolean;
  /** The path's meaning rests on a variable the action itself sets (`TMPDIR=/x rm -rf $TMPDIR/y`): unknown. */
  unsure: boolean;
}

const TMPDIR_REF = /^\$\{?TMPDIR(?![A-Za-z0-9_])/;
const HOME_REF = /^\$\{?HOME(?![A-Za-z0-9_])/;

function deleteTargets(cmd: SimpleCommand, ctx: RuleContext): Target[] {
  const rebound = cmd.rebound ?? [];
  const tmpdirSet = rebound.includes('TMPDIR');
  const homeSet = rebound.includes('HOME');
  return operands(cmd.args).map(({ value, index }) => {
    const dynamic = cmd.argDynamic[index] === true;
    // A quoted `'$TMPDIR/x'` is no variable: it names ./$TMPDIR/x (relative), never the temp directory.
    if (!dynamic && value.startsWith('$')) return { path: `./${value}`, dynamic, unsure: false };
    const unsure = (tmpdirSet && dynamic && TMPDIR_REF.test(value)) || (homeSet && ((dynamic && HOME_REF.test(value)) || value === '~' || value.startsWith('~/')));
    return { path: normalizePath(value, { home: ctx.home }), dynamic, unsure };
  });
}

function isRecursiveDelete(cmd: SimpleCommand): boolean {
  if (cmd.name === 'rm') return hasFlag(cmd.args, ['--recursive'], 'rR');
  return cmd.name !== undefined && DELETERS.has(cmd.name);
}

const HOME_CACHES = ['.cache', '.gradle/caches', '.gradle/wrapper/dists', '.npm/_cacache', '.npm/_npx', '.m2/repository', 'go/pkg/mod', '.cargo/registry', '.pnpm-store', '.yarn/cache', '.bun/install/cache', 'Library/Caches'];

const TEMP_ROOT = /^(?:\/tmp|\/var\/tmp|\/private\/tmp|\/var\/folders|\$TMPDIR|\$\{TMPDIR\})(?:\/|$)/i;

/**
 * Whether `abs` lies inside the workspace roots, the directory the action started in, or that directory's
 * repository; never counting the home directory itself or `/` as such a tree (a `build/` there is no project's).
 */
function insideWorkspace(abs: string, ctx: RuleContext): boolean {
  const start = ctx.startCwd ?? ctx.cwd;
  const home = ctx.home === undefined ? undefined : normalizePath(ctx.home);
  const within = (a: string | undefined): boolean => a !== undefined && a !== '/' && a !== home && abs.startsWith(`${a}/`);
  if (ctx.workspaceRoots.some((r) => within(normalizePath(r)))) return true;
  if (start === undefined) return false;
  const s = normalizePath(start);
  // The repository is only looked up when the cwd itself does not hold the path (monorepo: `cd ../pkg && rm -rf dist`).
  return within(s) || (s !== home && within(cwdRepository({ ...ctx, cwd: s })));
}

/**
 * Whether deleting `t` loses nothing: a temp path as written, or a regenerable name (build/, node_modules,
 * *.pyc) that lands inside the workspace tree. `cd .. && rm -rf build`, `env -C /x rm -rf build` or `rm -rf build`
 * run from the home directory delete some other tree's folder, which may be anything.
 */
/**
 * `cd dist && rm -rf *`: a path is regenerable by where it sits in the workspace (inside its dist/, node_modules/),
 * read from the workspace root or the start folder down; folders above the workspace say nothing about it.
 */
function regenerableInWorkspace(abs: string, ctx: RuleContext): boolean {
  const repo = ctx.facts && ctx.cwd !== undefined ? repositoryRoot(ctx.cwd, ctx.facts) : undefined;
  const roots = [...ctx.workspaceRoots, ...(ctx.startCwd !== undefined ? [ctx.startCwd] : []), ...(repo !== undefined ? [repo] : [])].map((r) => normalizePath(r).replace(/\/+$/, ''));
  const home = ctx.home === undefined ? undefined : normalizePath(ctx.home).replace(/\/+$/, '');
  // (a folder literally named `$TMPDIR` in the workspace is no temp folder)
  return roots.some((r) => r.length > 1 && r !== home && abs.startsWith(`${r}/`) && !/[$`]/.test(abs.slice(r.length + 1)) && isRegenerable(abs.slice(r.length + 1)));
}

function rebuildable(t: Target, ctx: RuleContext): boolean {
  // On another host (`ssh host 'rm -rf /tmp/data'`) a temp or build path is nobody's scratch space that Airlock knows of.
  if (t.unsure || ctx.remote !== undefined) return false;
  // `mv src dist/ && rm -rf dist`: files moved in by this line are no build output
  if (ctx.receivedMoves?.(t.path) === true) return false;
  // The user's cache directories (~/.cache/pip, ~/.gradle/caches, ~/.npm/_cacache, ~/.m2/repository, Go's and
  // Cargo's module downloads) hold only what tools download or build again.
  if (ctx.home !== undefined && !t.dynamic && !/[*?[]/.test(t.path)) {
    const home = normalizePath(ctx.home);
    const full = normalizePath(t.path, { ...(ctx.cwd !== undefined ? { cwd: ctx.cwd } : {}), home: ctx.home });
    if (!full.split('/').includes('..') && HOME_CACHES.some((c) => full.startsWith(`${home}/${c}/`) || full === `${home}/${c}`)) return true;
  }
  if (!isRegenerable(t.path)) {
    // an ignored build `bin/` in the workspace (below)
    const p = t.path.startsWith('/') ? t.path : ctx.cwd !== undefined ? normalizePath(t.path, { cwd: ctx.cwd }) : undefined;
    if (p === undefined || (!ignoredBuildFolder(p, ctx) && !regenerableInWorkspace(p, ctx))) return false;
  }
  if (TEMP_ROOT.test(t.path)) return true;
  // Computed at run time (`$OUT/node_modules`): it cannot be placed, so it is judged by its name as before.
  if (t.dynamic && !t.path.startsWith('/')) return true;
  // Nowhere known to compare with: judged by name.
  if (ctx.workspaceRoots.length === 0 && (ctx.startCwd ?? ctx.cwd) === undefined) return true;
  const abs = t.path.startsWith('/') ? t.path : ctx.cwd !== undefined ? normalizePath(t.path, { cwd: ctx.cwd }) : undefined;
  if (abs === undefined) return true;

  return insideWorkspace(abs, ctx);
}

/**
 * The first target whose loss would matter; dynamic targets count unless they end in a regenerable dir.
 * The home directory and its ancestors always matter, even when HOME sits under /tmp (sandboxes, CI).
 */
function firstPrecious(targets: Target[], ctx: RuleContext): string | undefined {
  const h = ctx.home === undefined ? undefined : normalizePath(ctx.home);
  const holdsHome = (p: string): boolean => h !== undefined && (h === p || h.startsWith(p.endsWith('/') ? p : `${p}/`));
  // With HOME itself in a temp folder, `~/projects` is the user's work, not scratch: inside it only build
  // outputs and caches count as rebuildable, as anywhere else.
  const homeInTemp = h !== undefined && TEMP_PATH.test(h);
  const insideTempHome = (p: string): boolean => homeInTemp && p.startsWith(`${h}/`) && !isRegenerable(p.slice(h!.length + 1));
  // `mkdir -p out && tool -o out && rm -rf out`: a folder this line made from nothing holds only what the line put there
  const own = (t: Target): boolean => !t.dynamic && !t.unsure && ctx.remote === undefined && ctx.createdByLine?.(t.path) === true;
  return targets.find((t) => !own(t) && ((!rebuildable(t, ctx) && (t.dynamic || !restorableFromHead(t.path, ctx))) || holdsHome(t.path) || insideTempHome(t.path)))?.path;
}

const GLOB_SEGMENT = /[*?[]/;

/**
 * Where a delete really lands: `rm -rf /tmp/w/` follows the link /tmp/w (a trailing slash, `/.` or a deeper
 * path goes through it); `rm -rf /tmp/w` removes only the link. Globs resolve through their literal prefix.
 */
function landsAt(raw: string, abs: string, ctx: RuleContext): string | undefined {
  const facts = ctx.facts;
  if (!facts || !abs.startsWith('/')) return undefined;
  const segs = abs.split('/');
  const globAt = segs.findIndex((x) => GLOB_SEGMENT.test(x));
  if (globAt > 0) {
    const real = facts.realPath(segs.slice(0, globAt).join('/') || '/');
    return real === undefined ? undefined : `${real.replace(/\/+$/, '')}/${segs.slice(globAt).join('/')}`;
  }
  if (/\/\.?$/.test(raw)) return facts.realPath(abs);
  const parent = abs.replace(/\/[^/]*$/, '') || '/';
  const real = facts.realPath(parent);
  return real === undefined ? undefined : `${real.replace(/\/+$/, '')}/${abs.slice(parent.length + 1)}`;
}

/** The repository the cwd is in (the nearest .git up the tree), when facts can tell. */
function cwdRepository(ctx: RuleContext): string | undefined {
  return ctx.cwd === undefined || !ctx.facts ? undefined : repositoryRoot(ctx.cwd, ctx.facts);
}

/**
 * The git work tree a temp path sits in (the nearest .git between it and the temp root), when facts can tell:
 * a repository cloned or checked out under /tmp is somebody's work whatever the cwd (`rm -r /tmp/x/app/src`
 * run from `/`).
 */
function targetRepository(abs: string, ctx: RuleContext): string | undefined {
  if (!ctx.facts || !TEMP_PATH.test(abs)) return undefined;
  for (let d = abs.replace(/\/+$/, ''), i = 0; d.length > 1 && TEMP_PATH.test(d) && i < 24; d = d.replace(/\/[^/]*$/, '') || '/', i++) {
    // A link is not the repository it points to: `rm -rf /tmp/link` removes only the link.
    if (i === 0 && ctx.facts.lstat(d)?.kind !== 'dir') continue;
    if (ctx.facts.lstat(`${d}/.git`) !== undefined) return d;
  }
  return undefined;
}

/**
 * A delete target that looks rebuildable (a temp path, a build folder) but is not: it leads through a link
 * out of temp, or it is, holds, or sits (outside a build folder) inside a workspace root, the cwd's repository
 * or a repository of its own.
 */
function preciousAfterAll(raw: string, ctx: RuleContext): boolean {
  const abs = normalizePath(raw, { ...(ctx.cwd !== undefined ? { cwd: ctx.cwd } : {}), ...(ctx.home !== undefined ? { home: ctx.home } : {}) });
  const real = landsAt(raw, abs, ctx);
  if (real !== undefined && real !== abs && !isRegenerable(real)) return true;
  const roots = [...ctx.workspaceRoots.map((r) => normalizePath(r)), cwdRepository(ctx), targetRepository(real ?? abs, ctx)].filter((r): r is string => r !== undefined && r !== '/');
  for (const p of [abs, real ?? abs]) {
    for (const root of roots) {
      const holds = root === p || root.startsWith(`${p.replace(/\/\*\*?$/, '')}/`);
      if (holds) return true;
      if (p.startsWith(`${root}/`) && TEMP_PATH.test(p) && !isRegenerable(p.slice(root.length + 1)) && !ignoredBuildFolder(p, ctx)) return true;
    }
  }
  return false;
}

export const recursiveDelete: ShellRule = {
  id: 'fs.recursive-delete',
  pack: 'fs',
  kind: 'shell',
  severity: 'high',
  reason: 'Recursively deletes a directory tree that is not a regenerable build output; the files cannot be recovered.',
  names: [...DELETERS],
  match(cmd, ctx) {
    if (!isRecursiveDelete(cmd)) return undefined;
    const targets = deleteTargets(cmd, ctx);
    const target = firstPrecious(targets, ctx);
    if (target !== undefined) return ctx.remote === undefined ? { target } : { target, note: `It runs through ${ctx.remote}, on a host or container whose temp and build folders Airlock cannot see.` };
    const ops = operands(cmd.args);
    const linked = targets.find((t, i) => !t.dynamic && ops[i] !== undefined && ctx.createdByLine?.(t.path) !== true && preciousAfterAll(ops[i]!.value, ctx) && !restorableFromHead(t.path, ctx));
    return linked === undefined ? undefined : { target: linked.path, detail: 'a temp or build path that leads into the workspace' };
  },
  examples: {
    flag: [
      // other languages' deletes (effects/interpreters.ts)
      `julia -e 'rm("src"; recursive=true)'`,
      `julia -e 'rm("src"; force=true, recursive=true)'`,
      "pwsh -NoProfile -Command 'Remove-Item -Recurse -Force ./src'",
      "pwsh -c 'rm -r -fo src'",
      'powershell -Command "ri src -Recurse"',
      'cmd /c "rmdir /s /q src"',
      'cmd.exe /c rd /s /q src',
      'del /f /s /q src',
      // kubectl's global options before exec (shell/wrappers.ts kubectlWrapper)
      "kubectl -n prod exec deploy/api -- sh -c 'rm -rf /data/*'",
      'rm -rf /tmp/w/',
      'rm -rf /tmp/w/src',
      'rm -rf /tmp/w/*',
      'rm -rf /tmp/w/.',
      'find /tmp/w/ -delete',
      'rm -rf /',
      'rm -rf ~',
      'rm -rf .',
      'rm -fr src',
      'rm -r -f data/',
      'rm --recursive --force ./uploads',
      'sudo rm -rf /var/lib/postgresql',
      'rm -rf dist/../src',
      'rm -rf "$HOME"',
      'rm -rf *',
      'npx rimraf src',
      'find . -type f -delete',
      'bash -c "rm -rf ~/projects"',
      '/bin/rm -rf backups',
      '\\rm -rf backups',
      "r''m -rf backups",
      "$'\\x72\\x6d' -rf backups",
      'rm${IFS}-rf${IFS}src',
      '$(echo rm) -rf src',
      'ls src | xargs rm -rf',
      'cd .. && rm -rf build',
      'env -C /srv/app rm -rf node_modules',
      'rm -rf /srv/app/dist',
      "rm -rf '$TMPDIR/foo'",
      'TMPDIR=/srv rm -rf $TMPDIR/cache',
      'find /tmp -execdir rm -rf {} +',
      'find /tmp -maxdepth 1 -exec rm -rf {} \\;',
      "ssh user@host 'rm -rf /tmp/data'",
      'ssh host "rm -rf ./build"',
      'ssh -p 2222 deploy@web rm -rf node_modules',
      'docker exec app rm -rf /tmp/cache',
      'kubectl exec api-0 -- rm -rf /tmp/uploads',
    ],
    allow: [
      `julia -e 'rm("notes.txt")'`,
      "pwsh -c 'Get-ChildItem ./src'",
      "pwsh -c 'Remove-Item -Recurse ./node_modules'",
      'cmd /c "dir /s src"',
      'rmdir emptydir',
      'rm -rf node_modules',
      // bin/ is ignored by the example repository's .gitignore: a build's output
      'rm -rf bin',
      'rm -rf dist build coverage .next',
      'rm -rf ./target',
      'rm -rf _build',
      'rm -rf /tmp/build-123',
      'rm -rf /tmp/w',
      'rm -rf /tmp/scratch-link/',
      'rm -rf /tmp/w/node_modules',
      'cd src && rm -rf build',
      'rm -rf "$TMPDIR/build-1"',
      'TMPDIR=/tmp/ci rm -rf $TMPDIR/cache',
      'find /tmp/build-123 -exec rm -rf {} +',
      'find /tmp -name "airlock-test-*" -exec rm -rf {} +',
      'rm -rf packages/web/node_modules',
      'rm -rf **/__pycache__',
      'rm file.txt',
      'rm -f package-lock.json',
      'find . -name "*.pyc" -delete',
      'find . -name __pycache__ -type d -exec rm -rf {} +',
      'echo "rm -rf /"',
      'git commit -m "rm -rf the old folder"',
      'grep -r "rm -rf" docs/',
    ],
  },
};

const wildcardDelete: ShellRule = {
  id: 'fs.wildcard-delete',
  pack: 'fs',
  kind: 'shell',
  severity: 'medium',
  reason: 'Deletes every file a wildcard matches (or every file piped in by xargs), not one named file.',
  names: ['rm'],
  match(cmd, ctx) {
    if (cmd.name !== 'rm' || hasFlag(cmd.args, ['--recursive'], 'rR')) return undefined;
    const targets = deleteTargets(cmd, ctx).filter((t) => GLOB.test(t.path) || t.path.includes('{xargs input}'));
    const target = firstPrecious(targets.map((t) => ({ ...t, path: t.path.replace('{xargs input}', '*') })), ctx);
    return target === undefined ? undefined : { target };
  },
  examples: {
    flag: ['rm -f *', 'rm *.sql', 'rm -f data/*.db', 'ls | xargs rm', 'find . -name "*.json" | xargs rm -f', 'find /srv/uploads -type f -mtime +0 -exec rm -f {} \\;', 'find src -type f -execdir rm {} \\;'],
    allow: ['rm -f *.log', 'rm *.pyc', 'rm -f /tmp/*', 'rm notes.txt', 'rm -f dist/*'],
  },
};

const truncate: ShellRule = {
  id: 'fs.truncate',
  pack: 'fs',
  kind: 'shell',
  severity: 'high',
  reason: 'Cuts files to a given size (usually zero), discarding their contents.',
  names: ['truncate'],
  match(cmd, ctx) {
    if (cmd.name !== 'truncate') return undefined;
    const files = operands(cmd.args, ['-s', '--size', '-r', '--reference']).map((o) => normalizePath(o.value, { home: ctx.home }));
    const target = files.find((f) => !isScratch(f, ctx));
    return target === undefined ? undefined : { target };
  },
  examples: { flag: ['truncate -s 0 data/app.db', 'truncate --size=0 /var/lib/mysql/ibdata1'], allow: ['truncate -s 0 app.log', 'truncate --help'] },
};

const SAFE_DEVICES = /^\/dev\/(?:null|zero|stdout|stderr|stdin|tty|fd\/\d+|random|urandom)$/;

const rawDeviceWrite: ShellRule = {
  id: 'fs.raw-device-write',
  pack: 'fs',
  kind: 'shell',
  severity: 'critical',
  reason: 'Writes raw bytes onto a disk device, destroying the file system on it.',
  match(cmd) {
    if (cmd.name === 'dd') {
      const of = cmd.args.find((a) => a.startsWith('of='))?.slice(3);
      if (of && of.startsWith('/dev/') && !SAFE_DEVICES.test(of)) return { target: of };
    }
    const r = cmd.redirects.find((x) => /^\d*(?:>|>\||&>)$/.test(x.op) && x.target.startsWith('/dev/') && !SAFE_DEVICES.test(x.target));
    return r ? { target: r.target } : undefined;
  },
  examples: {
    flag: ['dd if=/dev/zero of=/dev/sda bs=1M', 'sudo dd if=image.iso of=/dev/disk2', 'cat /dev/urandom > /dev/nvme0n1'],
    allow: ['dd if=/dev/zero of=test.img bs=1M count=10', 'echo hi > /dev/null', 'dd if=/dev/sda of=/dev/null'],
  },
};

const mkfs: ShellRule = {
  id: 'fs.format-disk',
  pack: 'fs',
  kind: 'shell',
  severity: 'critical',
  reason: 'Formats or wipes a disk or partition, erasing everything on it.',
  match(cmd) {
    const n = cmd.name ?? '';
    if (/^mkfs(\..+)?$/.test(n) || n === 'mke2fs' || n === 'wipefs' || n === 'newfs' || n === 'mkswap') {
      const device = operands(cmd.args, ['-t', '-L', '-b', '-O', '-E', '-n', '-o']).pop()?.value;
      return device === undefined ? undefined : { target: device };
    }
    if (n === 'diskutil' && /^(erase|zero|randomize|secureErase|partitionDisk)/i.test(cmd.args[0] ?? '')) return { target: cmd.args[cmd.args.length - 1] };
    if (n === 'sgdisk' && hasFlag(cmd.args, ['--zap-all', '--clear'], 'Zo')) return { target: operands(cmd.args).pop()?.value };
    // A new partition table (parted mklabel / rm, fdisk or sfdisk fed commands that write one) loses every partition
    if (n === 'parted' && cmd.args.some((a) => /^(?:mklabel|mktable|rm)$/i.test(a))) return { target: cmd.args.find((a) => a.startsWith('/dev/')) ?? 'a disk' };
    if ((n === 'fdisk' || n === 'gdisk' || n === 'sfdisk' || n === 'cfdisk') && cmd.args.some((a) => a.startsWith('/dev/')) && !hasFlag(cmd.args, ['--list', '--dump', '--backup'], 'ld')) {
      const script = cmd.stdin ?? '';
      if (n === 'sfdisk' || /(?:^|\n)\s*[od]\s*(?:\n|$)|(?:^|\n)\s*w\s*(?:\n|$)/.test(script) || cmd.pipedIn) return { target: cmd.args.find((a) => a.startsWith('/dev/'))! };
    }
    return undefined;
  },
  examples: {
    flag: ['mkfs.ext4 /dev/sdb1', 'sudo mkfs -t xfs /dev/xvdf', 'wipefs -a /dev/sdb', 'diskutil eraseDisk APFS Blank disk2', 'sudo parted /dev/sdb --script mklabel gpt', "printf 'o\\nw\\n' | sudo fdisk /dev/sdb", 'sfdisk /dev/sdb < layout.txt'],
    allow: ['diskutil list', 'mkfs.ext4 --help', 'sudo fdisk -l /dev/sdb', 'sudo parted /dev/sdb print', 'sfdisk --dump /dev/sdb'],
  },
};

// Binary data stores: shell output written over them is always corruption. Text data (csv, sql dumps) is
// commonly produced with `>`, so only an empty write (`: > x.csv`) counts there.
export const DATA_FILE = /\.(?:db|sqlite|sqlite3|db3|mdb|accdb|rdb|aof|wal|tfstate|frm|ibd|myd|mdf|ldf)$/i;
const NULL_WRITERS = new Set([':', 'true', 'false']);
/** A file kept as a backup: in a backups folder, or named as one (`.bak`, `.dump`, `.backup`). */
export const BACKUP_FILE = /(?:^|\/)(?:backups?|bak|snapshots?)\/[^/]+|\.(?:bak|dump|backup)(?:\.gz|\.zst|\.xz)?$/i;

const redirectTruncate: ShellRule = {
  id: 'fs.redirect-truncate',
  pack: 'fs',
  kind: 'shell',
  severity: 'high',
  reason: 'Redirects output over a data file with `>`, replacing its contents.',
  match(cmd, ctx) {
    // Writers of nothing (or one empty line): `: > f`, `echo > f`, `echo -n > f`, `printf '' > f`, `cat /dev/null > f`.
    const emptyWriter =
      (cmd.name !== undefined && NULL_WRITERS.has(cmd.name)) ||
      (cmd.name === 'cat' && cmd.args[0] === '/dev/null') ||
      // `head -0`, `head -n 0`, `head -c0`: nothing of their input
      (cmd.name === 'head' && /^-(?:n\s*|c\s*)?0$/.test(cmd.args.join(' ').replace(/^-([nc]) 0$/, '-$10'))) ||
      (cmd.name === 'echo' && cmd.args.every((a) => a === '' || /^-[neE]+$/.test(a))) ||
      (cmd.name === 'printf' && cmd.args.length > 0 && cmd.args.every((a) => a === '' || a === '%s' || a === '\\n' || a === '%s\\n'));
    const pc = { ...(ctx.cwd !== undefined ? { cwd: ctx.cwd } : {}), ...(ctx.home !== undefined ? { home: ctx.home } : {}) };
    for (const r of cmd.redirects) {
      if (!/^\d*(?:>|>\||&>)$/.test(r.op) || r.op.startsWith('2') || r.target.startsWith('/dev/') || r.target.startsWith('&')) continue;
      if (DATA_FILE.test(r.target)) return { target: r.target };
      // `sort f > f`, `jq . f > f`: the shell empties f before the command reads it
      const target = normalizePath(r.target, pc);
      if (cmd.args.some((a, i) => !cmd.argDynamic[i] && !a.startsWith('-') && normalizePath(a, pc) === target) && (!ctx.facts || overwriteLosesData(r.target, ctx))) return { target: r.target, detail: 'the same file is read and redirected to: the shell empties it before the command reads it' };
      // A backup that exists (`cat x.sql > ~/backups/db-2024-06-10`): replacing it loses the copy kept for restores
      if (BACKUP_FILE.test(target) && ctx.facts && overwriteLosesData(r.target, ctx)) return { target: r.target, detail: 'replaces an existing backup' };
      // A secret file that holds something (`echo x > .env`, `> ~/.aws/credentials`): nothing restores what was in it
      if (ctx.isProtectedPath(r.target) && ctx.facts && overwriteLosesData(r.target, ctx)) return { target: r.target, detail: 'replaces the credentials in it' };
      // With file-system facts, emptying a file that does not exist yet (or is already empty) creates it: no loss.
      if (emptyWriter && !isScratch(normalizePath(r.target, { ...(ctx.cwd !== undefined ? { cwd: ctx.cwd } : {}) }), ctx) && (!ctx.facts || overwriteLosesData(r.target, ctx))) return { target: r.target };
    }
    return undefined;
  },
  examples: {
    flag: ['cat dump.sql > backups/db-2024-06-10.sql', 'echo "" > prod.db', '> config/app.json', ': > app.sqlite3', 'cat /dev/null > docs/guide.md', 'echo "{}" > terraform.tfstate', 'echo > src/index.ts', "printf '' > notes.md", 'echo -n > important.txt', "yes '' | head -0 > notes.md", 'sort data/users.csv > data/users.csv', "jq '.cursor' config/app.json > config/app.json", "awk '!seen[$0]++' ./data/users.csv > data/users.csv"],
    allow: ['echo hi > out.txt', 'npm test > test-output.txt', 'echo row >> data.csv', 'pg_dump mydb > dump.sql', 'pg_dump mydb > backups/new-dump.sql', 'pg_dump mydb >> backups/old.sql', 'sqlite3 x.db .dump > backup.sql', 'ls 2> errors.db', ': > build.log', 'sort data/users.csv > data/sorted.csv', 'sort data/users.csv >> data/users.csv'],
  },
};

const deleteDataFile: ShellRule = {
  id: 'fs.delete-data-file',
  pack: 'fs',
  kind: 'shell',
  severity: 'high',
  reason: 'Deletes a database or state file (SQLite, Redis dump, Terraform state); the data in it is gone.',
  names: ['rm', 'unlink'],
  match(cmd, ctx) {
    if (cmd.name !== 'rm' && cmd.name !== 'unlink') return undefined;
    const hit = deleteTargets(cmd, ctx).find((t) => DATA_FILE.test(t.path) && !isScratch(t.path, ctx));
    return hit ? { target: hit.path } : undefined;
  },
  examples: { flag: ['rm data/app.db', 'rm -f db.sqlite3', 'unlink prod.sqlite', 'rm terraform.tfstate'], allow: ['rm notes.txt', 'rm /tmp/test.db', 'rm app.db-journal.log'] },
};

const rsyncDelete: ShellRule = {
  id: 'fs.rsync-delete',
  pack: 'fs',
  kind: 'shell',
  severity: 'high',
  reason: 'rsync --delete removes every file in the destination that is not in the source.',
  names: ['rsync'],
  match(cmd, ctx) {
    if (cmd.name !== 'rsync') return undefined;
    if (!cmd.args.some((a) => /^--(?:delete(?:-before|-during|-delay|-after|-excluded|-missing-args)?|del|remove-source-files)$/.test(a))) return undefined;
    // A dry run lists what it would delete and deletes nothing.
    if (hasFlag(cmd.args, ['--dry-run'], 'n')) return undefined;
    const ops = operands(cmd.args, ['-e', '--rsh', '--exclude', '--include', '--filter', '-f']);
    const dest = ops[ops.length - 1]?.value;
    // A mirror into a scratch folder (`rsync -a --delete dist/ /tmp/preview/`) loses nothing anyone keeps.
    if (dest !== undefined && dest.startsWith('/') && !cmd.args.includes('--remove-source-files') && isScratch(normalizePath(dest), ctx)) return undefined;
    return { target: dest };
  },
  examples: { flag: ['rsync -av --delete src/ backup/', 'rsync -a --delete-after ./ server:/srv/app/'], allow: ['rsync -av src/ backup/', 'rsync --help', 'rsync -av --delete --dry-run src/ backup/', 'rsync -avn --delete src/ backup/', 'rsync -a --delete dist/ /tmp/preview-site/'] },
};

const chmodLockout: ShellRule = {
  id: 'fs.chmod-lockout',
  pack: 'fs',
  kind: 'shell',
  severity: 'high',
  reason: 'Recursively removes all permissions, or rewrites the permissions or owner of a system tree, your home or the workspace: users are locked out and programs stop working.',
  names: ['chmod', 'chown'],
  match(cmd, ctx) {
    if (!hasFlag(cmd.args, ['--recursive'], 'R')) return undefined;
    const ops = operands(cmd.args, ['--reference', '--from']);
    const targets = ops.slice(1).map((o) => o.value);
    if (cmd.name === 'chown') {
      // Handing a whole tree to another owner (`chown -R nobody: ~/app`, `chown -R root /home/me`) locks its user out
      const owner = (ops[0]?.value ?? '').split(/[:.]/)[0] ?? '';
      const broad = targets.find((t) => SYSTEM_TREE.test(normalizePath(t, ctx.home ? { home: ctx.home } : {})) || isHomeOrWorkspace(t, ctx));
      return owner !== '' && broad !== undefined && !/^\$/.test(owner) && owner !== ctx.home?.split('/').pop() ? { target: broad, detail: `ownership of the whole tree to ${owner}` } : undefined;
    }
    if (cmd.name !== 'chmod') return undefined;
    const mode = ops[0]?.value ?? '';
    if (/^0*$/.test(mode) || /^[ugoa]*[-=]$/.test(mode) || /^[ugoa]*-rwx[st]*$/.test(mode)) return { target: ops[1]?.value };
    // Taking the execute bit off a system tree (`chmod -R 644 /usr/bin`) breaks every program in it
    const sys = targets.find((t) => SYSTEM_TREE.test(normalizePath(t)));
    if (sys !== undefined && (/^[0-7]?[0-6][0-7][0-7]$/.test(mode) && !/^[0-7]?[1357]/.test(mode.slice(-3)) || /^[ugoa]*-[rwx]*x/.test(mode))) return { target: sys, detail: 'execute permission taken off system programs' };
    // Any mode over the whole system (`chmod -R 777 /`): sudo, ssh and every service check these permissions
    if (targets.some((t) => /^\/+$|^\/(?:etc|usr|bin|sbin|lib|lib64|boot|var)\/?$/.test(normalizePath(t)))) return { target: targets.find((t) => /^\//.test(normalizePath(t)))!, detail: 'permissions of a system tree rewritten' };
    return undefined;
  },
  examples: {
    flag: ['chmod -R 000 /', 'chmod -R 0000 ./data', 'sudo chmod -R a-rwx /srv', 'sudo chmod -R 644 /usr/bin', 'sudo chmod -R a-x /bin', 'sudo chown -R nobody:nogroup /w', 'sudo chown -R root:root /home/u', 'sudo chmod -R 777 /', 'sudo chown -R nobody /'],
    allow: ['chmod -R 755 dist', 'chmod 600 ~/.ssh/id_ed25519.pub', 'chmod -R u+w .', 'chmod -R 755 /usr/local/bin', 'sudo chown -R u:u /w', 'sudo chown -R $USER node_modules', 'chown -R www-data:www-data /var/www/uploads'],
  },
};

/** System trees whose files every program relies on. */
const SYSTEM_TREE = /^\/(?:bin|sbin|lib|lib32|lib64|usr(?:\/(?!local(?:\/|$))[^/]+)?|etc|boot|var\/lib|System|Library)\/?$|^\/$/;

/** The home directory itself, or a workspace root (or the folder the command runs in) as a whole. */
function isHomeOrWorkspace(path: string, ctx: RuleContext): boolean {
  const abs = normalizePath(path, { ...(ctx.cwd !== undefined ? { cwd: ctx.cwd } : {}), ...(ctx.home !== undefined ? { home: ctx.home } : {}) }).replace(/\/+$/, '');
  const roots = [ctx.home, ...ctx.workspaceRoots, ctx.startCwd ?? ctx.cwd].filter((r): r is string => r !== undefined).map((r) => normalizePath(r).replace(/\/+$/, ''));
  // the folder itself or one holding it (`chown -R nobody /srv` takes the workspace under /srv/app with it)
  return abs.length > 1 && (roots.some((r) => r === abs || r.startsWith(`${abs}/`)) || abs === '/home' || abs === '/Users');
}

const recursiveDeleteNoTarget: ShellRule = {
  id: 'fs.recursive-delete-no-target',
  pack: 'fs',
  kind: 'shell',
  severity: 'medium',
  reason:
    'Feeds input to a forced recursive delete (rm -rf) that names nothing to delete: rm ignores its input, so as written it removes nothing, but it has no use except as the delete of what is fed to it, so a person should see the intent.',
  names: ['rm'],
  match(cmd) {
    if (cmd.name !== 'rm' || !hasFlag(cmd.args, ['--recursive'], 'rR') || !hasFlag(cmd.args, ['--force'], 'f')) return undefined;
    if (hasFlag(cmd.args, ['--help', '--version']) || operands(cmd.args).length > 0) return undefined;
    // A lone `rm -rf` (or `rm -rf 123>/dev/null`, a redirect of fd 123, or `</dev/null`) is fed nothing: a no-op
    // that prints nothing. Redirects must not change a decision, and reading /dev/null is no input.
    const fed = cmd.pipedIn === true || cmd.stdin !== undefined || cmd.redirects.some((r) => /^0?<(?:<<?|-)?$/.test(r.op) && r.target !== '/dev/null');
    return fed ? { target: 'rm -rf with no operand, fed input' } : undefined;
  },
  examples: {
    flag: ['echo yes | rm -rf && echo done', 'ls | rm -rf', 'yes | rm -fr --', 'rm --recursive --force < dirs.txt', "rm -rf <<< 'build src'", 'echo src | sudo rm -rf'],
    allow: ['rm -rf node_modules', 'echo yes | rm -rf --help', 'ls | rm -r', 'rm -rf 123>/dev/null', 'rm </dev/null -rf 123>/dev/null', 'echo yes | rm -f'],
  },
};

export const FS_RULES: readonly ShellRule[] = [recursiveDelete, recursiveDeleteNoTarget, wildcardDelete, deleteDataFile, truncate, rawDeviceWrite, mkfs, redirectTruncate, rsyncDelete, chmodLockout];
