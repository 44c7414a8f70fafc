// Work git cannot give back. `rm src/index.js` loses nothing when the file is committed and unchanged (git
// restores it), and everything when it holds uncommitted edits, was never added, or sits in no repository at
// all (a report in ~/Documents, a dump in ~/backups). The same holds for emptying or replacing it without rm:
// `> f`, `cp other f`, `mv other f`, `tee f`, `sponge f`, `curl -o f`, `dd of=f`, `truncate -s 0 f`, `shred f`.
// The answer comes from the repository's index (FsFacts.gitState), read by the host at decision time.
//
// Replacing a file with new content is how agents also write files, so that counts only for names a person
// writes (source, config, docs, data) and only inside a repository or in the home directory outside the
// workspace; deleting or emptying counts for any file that is not scratch.
import type { GitFileState } from '../facts';
import { normalizePath } from '../paths';
import { hasFlag, isKnownArg, operands } from '../shell/argv';
import { absolute, looksImportant, SYSTEM_FILE } from './lib/file_loss';
import { isScratch, TEMP_PATH } from './lib/scratch';
import { ignoredBuildFolder } from './lib/tree';
import { clusteredValue, optionValue } from './lib/words';
import { archiveRead } from './lib/archives';
import type { ActionRule, Rule, RuleContext, RuleMatch, ShellRule, SimpleCommand } from './types';

type Loss = 'delete' | 'empty' | 'replace';

interface Target {
  raw: string;
  loss: Loss;
}

const GLOB = /[*?[]/;
/** Names that are somebody's scratch even outside build folders: editor swap and backup leftovers, nohup output. */
const SCRATCH_NAME = /(?:~|\.(?:tmp|temp|swp|swo|out|pid|lock))$|^nohup\.out$/i;
/** Stream writers of nothing: what they write over a file leaves it empty. */
const NOTHING = new Set([':', 'true', 'false']);

function known(cmd: SimpleCommand, valued: readonly string[] = []): string[] {
  return operands(cmd.args, valued)
    .filter((o) => isKnownArg(cmd.args, cmd.argDynamic, o.index) && o.value !== '' && !GLOB.test(o.value))
    .map((o) => o.value);
}

/** Where `cp|mv|install|ln SRC… DEST` writes: DEST, or DEST/basename(SRC) for each SRC when DEST is a folder. */
function copyDestinations(cmd: SimpleCommand, valued: readonly string[], ctx: RuleContext): string[] {
  const ops = known(cmd, valued);
  const t = optionValue(cmd.args, ['--target-directory'], ['-t']);
  const dest = t ?? (ops.length >= 2 ? ops.pop() : undefined);
  if (dest === undefined || ops.length === 0) return [];
  const abs = absolute(dest, ctx);
  const isDir = dest.endsWith('/') || (abs !== undefined && ctx.facts?.stat(abs)?.kind === 'dir');
  if (!isDir) return [dest];
  return ops.map((s) => `${dest.replace(/\/+$/, '')}/${s.replace(/\/+$/, '').slice(s.replace(/\/+$/, '').lastIndexOf('/') + 1)}`);
}

/** Files this command deletes, empties or replaces wholesale (named ones: wildcards have rules of their own). */
function losses(cmd: SimpleCommand, ctx: RuleContext): Target[] {
  const out: Target[] = [];
  const add = (raws: readonly string[], loss: Loss): void => {
    for (const raw of raws) out.push({ raw, loss });
  };
  const n = cmd.name;
  if ((n === 'rm' && !hasFlag(cmd.args, ['--recursive', '--dir'], 'rRd')) || n === 'unlink') add(known(cmd), 'delete');
  else if (n === 'shred' || n === 'srm' || n === 'wipe') add(known(cmd, ['-n', '--iterations', '-s', '--size', '--random-source']), 'delete');
  else if (n === 'truncate') {
    const size = optionValue(cmd.args, ['--size'], ['-s']);
    // `-s +1K` and `-s >1K` only ever grow a file
    if (size === undefined || !/^[+>]/.test(size)) add(known(cmd, ['-s', '--size', '-r', '--reference']), 'empty');
  } else if (n === 'tee' || n === 'sponge') {
    if (!hasFlag(cmd.args, ['--append'], 'a')) add(known(cmd, ['--output-error']), 'replace');
  } else if (n === 'cp' || n === 'gcp' || n === 'install' || n === 'ginstall') {
    const answered = cmd.pipedFrom?.some((c) => c.name === 'yes') === true;
    if (!hasFlag(cmd.args, ['--no-clobber', '--backup', '--update', '--directory', ...(answered ? [] : ['--interactive'])], answered ? 'nbu' : n.endsWith('install') ? 'bd' : 'nbiu') && !cmd.args.some((a) => /^--(?:update=none|backup=)/.test(a)))
      add(copyDestinations(cmd, ['-t', '--target-directory', '-S', '--suffix', '-m', '--mode', '-o', '--owner', '-g', '--group'], ctx), 'replace');
  } else if (n === 'mv' || (n === 'ln' && hasFlag(cmd.args, ['--force'], 'f'))) {
    if (!hasFlag(cmd.args, ['--no-clobber', '--backup', '--suffix', '--interactive'], 'nbSi') && !cmd.args.some((a) => /^--(?:update=none|backup=|suffix=)/.test(a)))
      add(copyDestinations(cmd, ['-t', '--target-directory', '-S', '--suffix'], ctx), 'replace');
  } else if (n === 'curl') {
    const o = clusteredValue(cmd.args, '--output', 'o');
    if (o !== undefined && o !== '-') add([o], 'replace');
  } else if (n === 'wget') {
    // `-O f`, `-Of`, `-qO f` (a short cluster ending in O)
    const o = clusteredValue(cmd.args, '--output-document', 'O');
    if (o !== undefined && o !== '-') add([o], 'replace');
  } else if (n === 'http' || n === 'https' || n === 'xh' || n === 'xhs') {
    // httpie/xh `--download -o FILE`
    const o = optionValue(cmd.args, ['--output'], ['-o']);
    if (o !== undefined && hasFlag(cmd.args, ['--download'], 'd')) add([o], 'replace');
  } else if (n === 'aria2c') {
    const o = optionValue(cmd.args, ['--out'], ['-o']);
    const d = optionValue(cmd.args, ['--dir'], ['-d']);
    if (o !== undefined && cmd.args.some((a) => a === '--allow-overwrite=true' || a === '--allow-overwrite')) add([d === undefined ? o : `${d.replace(/\/+$/, '')}/${o}`], 'replace');
  } else if ((n === 'aws' && cmd.args[0] === 's3' && cmd.args[1] === 'cp') || (n === 'gsutil' && cmd.args[0] === 'cp') || (n === 'gcloud' && cmd.args[0] === 'storage' && cmd.args[1] === 'cp') || (n === 'azcopy' && (cmd.args[0] === 'copy' || cmd.args[0] === 'cp')) || (n === 'rclone' && cmd.args[0] === 'copyto') || n === 'scp') {
    // Object storage or another host copied down onto a local file: `aws s3 cp s3://b/seed.db data/app.db`, `scp h:/x f`
    const ops = known(cmd, ['-i', '-P', '-F', '-o', '-c', '-l', '-J', '--profile', '--region', '--endpoint-url', '--storage-class', '--exclude', '--include', '--acl', '-m', '--project', '--config']);
    const words = n === 'aws' || n === 'gcloud' ? ops.slice(2) : n === 'gsutil' || n === 'azcopy' || n === 'rclone' ? ops.slice(1) : ops;
    const dest = words[words.length - 1];
    const remoteSource = words.slice(0, -1).some((w) => /^(?:s3|gs|https?|az):\/\/|^[\w.@-]+:/.test(w));
    if (dest !== undefined && words.length >= 2 && remoteSource && !/^(?:s3|gs|https?|az):\/\/|^[\w.@-]+:/.test(dest)) add(copyDestinations({ ...cmd, args: words, argDynamic: words.map(() => false) }, [], ctx), 'replace');
  } else if (n === 'git' && cmd.args[0] === 'mv' && hasFlag(cmd.args.slice(1), ['--force'], 'f')) {
    // `git mv -f a b` replaces b
    add(copyDestinations({ ...cmd, args: cmd.args.slice(1), argDynamic: cmd.argDynamic.slice(1) }, [], ctx), 'replace');
  } else if (n === 'pandoc' || n === 'asciidoctor' || n === 'xmllint') {
    // converters that write the file named after -o/--output
    const o = optionValue(cmd.args, ['--output', '--out'], n === 'xmllint' ? [] : ['-o']);
    if (o !== undefined && o !== '-') add([o], 'replace');
  } else if (n === 'dos2unix' || n === 'unix2dos' || n === 'mac2unix' || n === 'unix2mac') {
    // `-n IN OUT` (new-file mode) writes OUT from IN
    const i = cmd.args.findIndex((a) => a === '-n' || a === '--newfile');
    if (i >= 0 && cmd.args[i + 2] !== undefined) add([cmd.args[i + 2]!], 'replace');
  } else if (n === 'dd') {
    const of = cmd.args.find((a) => a.startsWith('of='))?.slice(3);
    if (of !== undefined && !cmd.args.some((a) => /^conv=.*notrunc/.test(a))) add([of], 'replace');
  } else if (n === 'sort' || n === 'gsort') {
    const o = optionValue(cmd.args, ['--output'], ['-o']);
    if (o !== undefined && !known(cmd, ['-o', '--output', '-k', '--key', '-t', '--field-separator', '-S', '--buffer-size', '-T', '--temporary-directory']).includes(o)) add([o], 'replace');
  }
  const emptyWriter = (n !== undefined && NOTHING.has(n)) || (n === 'cat' && cmd.args[0] === '/dev/null');
  for (const r of cmd.redirects) {
    if (!/^\d*(?:>|>\||&>)$/.test(r.op) || r.target === '' || r.target.startsWith('&') || r.target.startsWith('/dev/') || GLOB.test(r.target)) continue;
    out.push({ raw: r.target, loss: emptyWriter ? 'empty' : 'replace' });
  }
  return out;
}

function within(abs: string, root: string | undefined): boolean {
  if (root === undefined) return false;
  const r = normalizePath(root).replace(/\/+$/, '');
  return r.length > 1 && (abs === r || abs.startsWith(`${r}/`));
}

/** Why losing this file cannot be undone, or undefined when git (or nothing of value) makes it harmless. */
function unrecoverable(t: Target, ctx: RuleContext): string | undefined {
  const facts = ctx.facts;
  if (facts === undefined || ctx.remote !== undefined) return undefined;
  const abs = absolute(t.raw, ctx);
  if (abs === undefined || isScratch(abs, ctx) || ignoredBuildFolder(abs, ctx)) return undefined;
  const base = abs.slice(abs.lastIndexOf('/') + 1);
  if (SCRATCH_NAME.test(base)) return undefined;
  const f = facts.lstat(abs);
  // Missing: the write creates it (or rm fails). Empty: nothing to lose. Links and folders: other rules.
  if (f === undefined || f.kind !== 'file' || f.size === 0) return undefined;
  // (by name alone: isScratch above already judged where it lies, temp folders holding a workspace included)
  // (a system file, `/etc/hosts`, matters whatever its name)
  if (t.loss === 'replace' && !looksImportant(base) && !SYSTEM_FILE.test(abs)) return undefined;
  const inWorkspace = ctx.workspaceRoots.some((r) => within(abs, r)) || within(abs, ctx.startCwd ?? ctx.cwd);
  const state: GitFileState | undefined = facts.gitState?.(abs);
  const what = t.loss === 'delete' ? 'deleted' : t.loss === 'empty' ? 'emptied' : 'overwritten';
  switch (state) {
    case 'clean':
      return undefined;
    case 'modified':
      return `${what}: it holds uncommitted changes, which git cannot restore`;
    case 'untracked':
      return `${what}: git does not track it, so nothing can restore it`;
    case 'no-repo':
      // Inside a workspace with no repository, new content is how files get written; removing one is still loss.
      if (t.loss === 'replace' && inWorkspace) return undefined;
      if (TEMP_PATH.test(abs) && !inWorkspace && !within(abs, ctx.home)) return undefined;
      return `${what}: no repository holds it, so nothing can restore it`;
    default:
      return t.loss === 'replace' ? undefined : `${what}: Airlock could not tell whether git can restore it`;
  }
}

const MAX_EXTRACTED = 2000;

/**
 * `tar xzf old.tgz`, `unzip -o old.zip -d src`, `7z x -y a.zip`, `python3 -m zipfile -e a.zip .`: where an archive is
 * extracted and which archive, when the command overwrites what is there (not with -k/--keep-old-files or unzip -n).
 */
function extraction(cmd: SimpleCommand): { archive: string; dest: string; strip: number } | undefined {
  const r = archiveRead(cmd);
  return r === undefined || r.dest === undefined || r.keepsExisting ? undefined : { archive: r.archive, dest: r.dest, strip: r.strip };
}

/** The first file an extraction would write over that git cannot give back, with why. */
function extractionLoss(cmd: SimpleCommand, ctx: RuleContext): RuleMatch | undefined {
  const x = extraction(cmd);
  const list = ctx.facts?.archiveEntries;
  if (x === undefined || list === undefined) return undefined;
  const archive = absolute(x.archive, ctx);
  const dest = absolute(x.dest, ctx);
  if (archive === undefined || dest === undefined) return undefined;
  const entries = list(archive);
  if (entries === undefined) return undefined;
  for (const name of entries.names.slice(0, MAX_EXTRACTED)) {
    const parts = name.split('/').filter((p) => p !== '' && p !== '.');
    if (parts.length <= x.strip || parts.includes('..')) continue;
    const raw = `${dest.replace(/\/+$/, '')}/${parts.slice(x.strip).join('/')}`;
    const detail = unrecoverable({ raw, loss: 'replace' }, ctx);
    if (detail !== undefined) return { target: raw, detail: `${detail} (extracting ${x.archive} writes over it)`, note: 'Commit or stash that work first, or extract into an empty folder.' };
  }
  return undefined;
}

const discardUncommitted: ShellRule = {
  id: 'fs.discard-uncommitted',
  pack: 'fs',
  kind: 'shell',
  severity: 'medium',
  reason: 'Deletes, empties or replaces a file git cannot give back (uncommitted edits, an untracked file, or a file in no repository).',
  match(cmd, ctx): RuleMatch | undefined {
    if (ctx.facts?.gitState === undefined) return undefined;
    const extracted = extractionLoss(cmd, ctx);
    if (extracted !== undefined) return extracted;
    for (const t of losses(cmd, ctx)) {
      const detail = unrecoverable(t, ctx);
      if (detail !== undefined) return { target: t.raw, detail, note: 'Commit or stash that work first (git stash -u), or copy the file aside.' };
    }
    return undefined;
  },
  examples: {
    flag: [
      'rm src/draft.ts',
      'rm -f src/index.ts',
      'unlink notes/todo.md',
      'shred -n 3 src/draft.ts',
      'truncate -s 0 src/index.ts',
      ": > notes/todo.md",
      "echo 'module.exports = {};' > src/index.ts",
      'cat README.md > src/draft.ts',
      "tee src/index.ts <<< 'x'",
      'cp README.md src/index.ts',
      'cp ../backup/draft.ts src/',
      'mv notes.md src/draft.ts',
      'curl -s https://example.com -o src/index.ts',
      'wget -O src/draft.ts https://example.com/x.js',
      'wget -qO src/draft.ts https://example.com/x.js',
      'aws s3 cp s3://bucket/seed.ts src/index.ts',
      'gsutil cp gs://bucket/draft.ts src/draft.ts',
      'scp bastion:/tmp/index.ts src/index.ts',
      'http --download https://example.com/x.ts -o src/draft.ts',
      'dos2unix -n /dev/null src/index.ts',
      'pandoc README.md -o notes/todo.md',
      'git mv -f README.md src/draft.ts',
      'rm ~/Documents/q3-report.md',
      "echo 'export PATH=/usr/bin' > ~/.bashrc",
      "python3 -c \"open('src/index.ts','w').write('x')\"",
      "node -e \"require('fs').writeFileSync('src/draft.ts', 'x')\"",
    ],
    allow: [
      'rm src/app.ts',
      'rm src/missing.ts',
      'echo x > src/app.ts',
      'echo x > src/new-file.ts',
      'rm build.log',
      'npm test > test-output.txt',
      'echo row >> src/draft.ts',
      'cp -n README.md src/index.ts',
      'cp src/index.ts /tmp/backup.ts',
      'tee -a notes/todo.md',
      'truncate -s +1K src/draft.ts',
      'rm /tmp/scratch/x.txt',
      'rm bin/server',
      'aws s3 cp src/index.ts s3://bucket/index.ts',
      'scp src/index.ts bastion:/tmp/index.ts',
      'aws s3 cp s3://bucket/new.ts src/new-file.ts',
      "python3 -c \"open('src/app.ts','w').write('x')\"",
    ],
  },
};

const deleteToolUncommitted: ActionRule = {
  id: 'fs.delete-uncommitted-tool',
  pack: 'fs',
  kind: 'action',
  severity: 'medium',
  reason: 'An agent file tool deletes a file git cannot give back (uncommitted edits, an untracked file, or a file in no repository).',
  match(action, ctx) {
    if (action.kind !== 'delete' || ctx.facts?.gitState === undefined) return undefined;
    const detail = unrecoverable({ raw: action.path, loss: 'delete' }, ctx);
    return detail === undefined ? undefined : { target: action.path, detail, note: 'Commit or stash that work first (git stash -u), or copy the file aside.' };
  },
  examples: {
    flag: [{ kind: 'delete', path: 'src/draft.ts' }, { kind: 'delete', path: '/w/src/index.ts' }, { kind: 'delete', path: 'notes/todo.md' }],
    allow: [{ kind: 'delete', path: 'src/app.ts' }, { kind: 'delete', path: 'src/missing.ts' }, { kind: 'read', path: 'src/draft.ts' }],
  },
};

const writeToolOutside: ActionRule = {
  id: 'fs.write-outside-workspace',
  pack: 'fs',
  kind: 'action',
  severity: 'medium',
  reason: "An agent file tool replaces a file outside the workspace (your shell profile, a backup, a document) that no repository can give back.",
  match(action, ctx) {
    if (action.kind !== 'write' || ctx.facts?.gitState === undefined) return undefined;
    const abs = absolute(action.path, ctx);
    if (abs === undefined) return undefined;
    const inWorkspace = ctx.workspaceRoots.some((r) => within(abs, r)) || within(abs, ctx.startCwd ?? ctx.cwd);
    if (inWorkspace) return undefined;
    const detail = unrecoverable({ raw: action.path, loss: 'replace' }, ctx);
    return detail === undefined ? undefined : { target: action.path, detail };
  },
  examples: {
    flag: [{ kind: 'write', path: '/home/u/.bashrc', content: 'x' }, { kind: 'write', path: '~/Documents/q3-report.md', content: 'x' }, { kind: 'write', path: '/etc/hosts', content: '127.0.0.1 x' }],
    allow: [{ kind: 'write', path: 'src/index.ts', content: 'x' }, { kind: 'write', path: 'notes/todo.md', content: 'x' }, { kind: 'write', path: '/home/u/new-file.md', content: 'x' }],
  },
};

export const UNCOMMITTED_RULES: readonly Rule[] = [discardUncommitted, deleteToolUncommitted, writeToolOutside];
