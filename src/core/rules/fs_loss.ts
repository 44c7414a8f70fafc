// Data loss without `rm -r`: moving work to /dev/null or out of the workspace, copying /dev/null over a file, dd
// over a file, sed scripts that delete every line, archivers that delete what they pack, and plain `rm` of files
// nothing can regenerate (keys, git internals, system files, shell profiles, protected secrets).
import { isRegenerable, normalizePath } from '../paths';
import { hasFlag, isKnownArg, operands } from '../shell/argv';
import { absolute, overwriteLosesData, SYSTEM_FILE } from './lib/file_loss';
import type { RuleContext, RuleMatch, ShellRule, SimpleCommand } from './types';
import { isScratch } from './lib/scratch';
import { BACKUP_FILE, DATA_FILE } from './fs';
import { clusteredValue, tarFileOption } from './lib/words';

const TEMP = /^(?:\/tmp|\/var\/tmp|\/private\/tmp|\/dev\/shm|\/var\/folders)(?:\/|$)/;

function knownOperands(cmd: SimpleCommand, valued: readonly string[] = []): string[] {
  return operands(cmd.args, valued)
    .filter((o) => isKnownArg(cmd.args, cmd.argDynamic, o.index))
    .map((o) => o.value);
}

function inside(path: string, root: string): boolean {
  const r = root.replace(/\/+$/, '');
  return path === r || path.startsWith(`${r}/`);
}

/** A directory as far as we can tell: the file system says so, or the name has a trailing slash or no extension. */
function isDirectory(raw: string, abs: string, ctx: RuleContext): boolean {
  const f = ctx.facts?.lstat(abs);
  if (f !== undefined) return f.kind === 'dir';
  if (ctx.facts) return false; // does not exist: mv fails
  const base = raw.replace(/\/+$/, '').slice(raw.replace(/\/+$/, '').lastIndexOf('/') + 1);
  return raw.endsWith('/') || raw === '.' || raw === '~' || !/.\.[A-Za-z0-9]{1,8}$/.test(base);
}

const MV_VALUED = ['-t', '--target-directory', '-S', '--suffix'];

const moveAway: ShellRule = {
  id: 'fs.move-away',
  pack: 'fs',
  kind: 'shell',
  severity: 'high',
  reason: 'Moves files to /dev/null or a directory out of the workspace (into a temp folder or elsewhere): a delete without rm.',
  names: ['mv'],
  match(cmd, ctx): RuleMatch | undefined {
    if (cmd.name !== 'mv') return undefined;
    const ops = knownOperands(cmd, MV_VALUED);
    const t = cmd.args.findIndex((a) => a === '-t' || a === '--target-directory' || a.startsWith('--target-directory='));
    // The last operand is the destination even when it is computed: `mv uploads "/tmp/trash-$$"` lands in /tmp.
    const all = operands(cmd.args, MV_VALUED);
    const last = all[all.length - 1];
    let destRaw = t >= 0 ? (cmd.args[t].includes('=') ? cmd.args[t].split('=')[1] : cmd.args[t + 1]) : undefined;
    if (t < 0 && last !== undefined) {
      if (isKnownArg(cmd.args, cmd.argDynamic, last.index)) destRaw = ops.pop();
      else destRaw = /^\/[^$`]*\//.exec(last.value)?.[0]; // only its literal folder part says where it goes
    }
    if (destRaw === undefined || ops.length === 0) return undefined;
    const pathCtx = { ...(ctx.cwd ? { cwd: ctx.cwd } : {}), ...(ctx.home ? { home: ctx.home } : {}) };
    const dest = normalizePath(destRaw, pathCtx);
    const roots = ctx.workspaceRoots.length > 0 ? ctx.workspaceRoots : ctx.cwd ? [ctx.cwd] : [];
    for (const raw of ops) {
      const src = normalizePath(raw, pathCtx);
      if (isScratch(src, ctx)) continue;
      if (dest === '/dev/null') return { target: raw, detail: 'moved to /dev/null' };
      // a database file (or one in a system folder) moved into a temp folder, which the system empties
      if (!isDirectory(raw, src, ctx)) {
        // a key, `.env` or credential store too: irreplaceable, and the temp folder is no place to keep it
        if (TEMP.test(dest) && !TEMP.test(src) && (DATA_FILE.test(src) || SYSTEM_FILE.test(src) || ctx.isProtectedPath(src)) && (!ctx.facts || ctx.facts.lstat(src) !== undefined)) return { target: raw, detail: `moved into a temp folder (${destRaw})` };
        continue;
      }
      const root = roots.find((r) => inside(src, r) || inside(r, src));
      if (root !== undefined && !inside(dest, root)) return { target: raw, detail: `moved out of the workspace to ${destRaw}` };
      if (root === undefined && TEMP.test(dest) && !TEMP.test(src)) return { target: raw, detail: `moved into a temp folder (${destRaw})` };
    }
    return undefined;
  },
  examples: {
    flag: ['mv data.json /dev/null', 'mv src /tmp/', 'mv src ../elsewhere', 'mv ~ /tmp/home-old', 'mv ./config /var/tmp/old', 'mv -f lib config /tmp', 'mv -t /tmp src docs', 'mv /w /tmp/w-old',
      'mv src "/tmp/trash-$$"', 'mv docs /var/tmp/old-$(date +%s)', 'mv .env /tmp/', 'mv .env /tmp/env-backup'],
    allow: ['mv build.log /tmp/', 'mv a.txt b.txt', 'mv src/a.ts src/b.ts', 'mv dist /tmp/old-dist', 'mv node_modules /tmp/nm', 'mv src/old lib/old', 'mv report.pdf ~/Downloads/',
      'mv dist "/tmp/old-dist-$$"', 'mv src/a.ts "src/$NAME.ts"', 'mv build.log "/tmp/build-$(date +%s).log"'],
  },
};

/** `tee FILE < /dev/null`, `tee FILE <<< ''`, `: | tee FILE`: tee copies nothing (or a blank line) over each file. */
function teeFromNothing(cmd: SimpleCommand): RuleMatch | undefined {
  if (cmd.args.some((a) => a === '--append' || /^-[a-zA-Z]*a/.test(a))) return undefined;
  const fromNull = cmd.redirects.some((r) => /^0?<$/.test(r.op) && (r.target === '/dev/null' || r.target === '/dev/zero'));
  const empty = fromNull || (cmd.stdin !== undefined && cmd.stdin.trim() === '');
  if (!empty) return undefined;
  const hit = knownOperands(cmd).find((f) => f !== '-' && !f.startsWith('/dev/') && !isRegenerable(normalizePath(f)));
  return hit ? { target: hit, detail: 'tee writes empty input over it' } : undefined;
}

/** perl -p code that blanks every line, and -n code that prints nothing. */
const PERL_BLANKS = /^\s*(?:undef\s*\(?\s*\$_\s*\)?|\$_\s*=\s*(?:""|''|undef|q\(\)|q\{\}|q\[\]|0\s*x\s*0)|s\/\^?\.[*+]\$?\/\/[gsm]*|tr\/\\0-\\377\/\/d)\s*;?\s*$/;
const PERL_PRINTS_NOTHING = /^\s*(?:print\s+(?:if\s+0|unless\s+1)|1|0|next|;)?\s*;?\s*$/;

/**
 * `perl -pi -e 'undef $_' FILES`, `perl -ni -e 'print if 0' FILES`: edits each file in place with code that leaves
 * nothing. A backup suffix (`-i.bak`) keeps the old contents.
 */
function perlEmptiesInPlace(cmd: SimpleCommand): RuleMatch | undefined {
  let loop: 'p' | 'n' | undefined;
  let inPlace = false;
  let suffix = '';
  let code: string | undefined;
  const files: string[] = [];
  for (let i = 0; i < cmd.args.length; i++) {
    const a = cmd.args[i];
    if (cmd.argDynamic[i]) return undefined;
    if (a === '--' || !a.startsWith('-') || a === '-' || code !== undefined) {
      if (code === undefined) return undefined; // a script file: its code is not here
      files.push(...(a === '--' ? cmd.args.slice(i + 1) : [a]));
      if (a === '--') break;
      continue;
    }
    for (let k = 1; k < a.length; k++) {
      const c = a[k];
      if (c === 'p') loop = 'p';
      else if (c === 'n') loop ??= 'n';
      else if (c === 'i') {
        inPlace = true;
        suffix = a.slice(k + 1);
        break;
      } else if (c === 'e' || c === 'E') {
        code = k + 1 < a.length ? a.slice(k + 1) : cmd.args[++i];
        break;
      } else if ('MmIFCxd'.includes(c)) break;
      else if (c === '0') {
        while (k + 1 < a.length && /[0-9a-fA-Fx]/.test(a[k + 1])) k++;
      }
    }
  }
  if (!inPlace || suffix !== '' || code === undefined || loop === undefined) return undefined;
  const empties = loop === 'p' ? PERL_BLANKS.test(code) : PERL_PRINTS_NOTHING.test(code) || !/\b(?:print|printf|say|syswrite)\b/.test(code);
  if (!empties) return undefined;
  const hit = files.find((f) => !isRegenerable(normalizePath(f)));
  return hit ? { target: hit, detail: `perl code '${code.trim()}' leaves every line empty` } : undefined;
}

/** Scripts that keep a line or two of a file (`2,$d`, `-n '1p'`, every line substituted by nothing): the rest is gone. */
const SED_KEEP_FEW = /^\s*[123]\s*,\s*\$\s*d\s*$|^\s*s([/|#,])(?:\^?\.\*\$?|\^\.\*\$)\1\1g?\s*$/;
const SED_PRINT_FEW = /^\s*(?:1\s*,\s*)?[1-3]\s*p\s*$/;
/** One sed command that deletes every line: `d`, `1,$d`, `/^/d` (or a pattern matching every line), `0~1d`. */
// (`/./d` deletes every line with anything on it: what is left is blank lines)
const SED_DELETE_ALL = /^\s*(?:(?:1|0)?\s*,\s*\$\s*)?d\s*$|^\s*\/(?:\.\*|\^|\$|\^\.\*\$?|\.\*\$|\.|\.\+|\^\.|\[\^\\n\])\/\s*d\s*$|^\s*[01]~1\s*d\s*$/;
/** A quiet script piece that prints what an address selects and nothing else: `/re/p`, `\\,re,p`, `5,20p`, `$p`. */
const SED_PRINT_MATCHES = /^\s*(?:\/(?:[^/\\]|\\.)*\/I?|\\(.)(?:(?!\1).)*\1I?|\d+|\$)(?:\s*,\s*(?:\/(?:[^/\\]|\\.)*\/I?|\d+|\$|\+\d+))?\s*p\s*$|^\s*$/;

/** A file whose bytes git holds (committed or staged, unchanged): `git checkout -- f` undoes an in-place edit. */
function cleanInGit(path: string, ctx: RuleContext): boolean {
  const facts = ctx.facts;
  if (facts?.gitState === undefined || ctx.cwd === undefined || ctx.remote !== undefined || /[*?[{$`]/.test(path)) return false;
  const abs = absolute(path, ctx);
  return abs !== undefined && facts.lstat(abs)?.kind === 'file' && facts.gitState(abs) === 'clean';
}

/** GNU sed's `Q` (or `1Q`, `0q` style quits before the first line is printed): the file is written back empty. */
const SED_QUIT_FIRST = /^\s*(?:1\s*)?Q\s*\d*\s*$/;

const nullCopy: ShellRule = {
  id: 'fs.overwrite-empty',
  pack: 'fs',
  kind: 'shell',
  severity: 'high',
  reason: 'Overwrites an existing file with nothing (cp /dev/null, dd of=, tee from /dev/null, sed -i or perl -i that deletes every line): its contents are gone.',
  names: ['cp', 'dd', 'sed', 'gsed', 'tee', 'perl', 'vim', 'vi', 'nvim', 'ex', 'gawk', 'awk', 'ed', 'red', 'emacs'],
  match(cmd, ctx) {
    if (cmd.name === 'cp') {
      // (what find hands to `{}` is a pattern such as `src/**`, marked computed; it is no variable)
      const ops = operands(cmd.args, ['-t', '--target-directory', '-S', '--suffix'])
        .filter((o) => isKnownArg(cmd.args, cmd.argDynamic, o.index) || (/\*/.test(o.value) && !/[$`]/.test(o.value)))
        .map((o) => o.value);
      if (ops.length < 2 || !ops.slice(0, -1).some((s) => s === '/dev/null' || s === '/dev/zero')) return undefined;
      const dest = ops[ops.length - 1];
      // Nobody creates a file by copying /dev/null onto it (touch does that): without facts, any kept file counts.
      return (ctx.facts ? overwriteLosesData(dest, ctx) : !isScratch(normalizePath(dest), ctx)) ? { target: dest } : undefined;
    }
    if (cmd.name === 'dd') {
      const of = cmd.args.find((a) => a.startsWith('of='))?.slice(3);
      // Devices are fs.raw-device-write's; creating a new image file is everyday use.
      if (of === undefined || of.startsWith('/dev/')) return undefined;
      return overwriteLosesData(of, ctx) ? { target: of } : undefined;
    }
    if (cmd.name === 'tee') return teeFromNothing(cmd);
    if (cmd.name === 'ed' || cmd.name === 'red') {
      // `ed -s f <<< $',d\nw'`: ed reads its commands on stdin; delete every line, then write
      const lines = (cmd.stdin ?? '').split('\n').map((l) => l.trim());
      if (!lines.some((l) => /^(?:,|%|1,\$)d$/.test(l)) || !lines.some((l) => /^(?:w|wq|x)(?:\s|$)/.test(l))) return undefined;
      const file = knownOperands(cmd, ['-p', '--prompt']).find((f) => overwriteLosesData(f, ctx));
      return file !== undefined ? { target: file, detail: 'ed deletes every line and writes the file' } : undefined;
    }
    if (cmd.name === 'emacs') {
      // `emacs --batch f --eval '(progn (erase-buffer) (save-buffer))'`
      const code = cmd.args.join(' ');
      if (!hasFlag(cmd.args, ['--batch', '--script'], '') || !/\(\s*erase-buffer\b/.test(code) || !/\(\s*(?:save-buffer|basic-save-buffer|write-file)\b/.test(code)) return undefined;
      const evals = new Set(cmd.args.flatMap((a, i) => (a === '--eval' || a === '-l' || a === '--load' ? [cmd.args[i + 1]] : [])));
      const file = knownOperands(cmd).find((f) => !evals.has(f) && !f.startsWith('(') && overwriteLosesData(f, ctx));
      return file !== undefined ? { target: file, detail: 'emacs erases the buffer and saves it' } : undefined;
    }
    if (cmd.name === 'vim' || cmd.name === 'vi' || cmd.name === 'nvim' || cmd.name === 'ex') {
      // `vim -es -c '%d' -c wq f`, `ex -sc '%d|x' f`: delete every line, then write the file.
      const cmds = cmd.args.flatMap((a, i) => (a === '-c' || a === '+' ? [cmd.args[i + 1] ?? ''] : /^-[a-zA-Z]*c$/.test(a) ? [cmd.args[i + 1] ?? ''] : a.startsWith('+') ? [a.slice(1)] : []));
      const all = cmds.join('|');
      if (!/(?:^|\|)\s*(?:%|1,\$)\s*d(?:elete)?\s*(?:\||$)|(?:^|\|)\s*g\/\^?\/d/.test(all) || !/(?:^|\|)\s*(?:wq?|x|wqa|xa|up(?:date)?)!?\s*(?:\||$)/.test(all)) return undefined;
      const file = knownOperands(cmd, ['-c', '-S', '-u', '-i', '-T', '-w', '-W', '-s']).find((f) => !f.startsWith('+') && !cmds.includes(f));
      return file !== undefined && overwriteLosesData(file, ctx) ? { target: file, detail: 'the editor deletes every line and writes it' } : undefined;
    }
    if (cmd.name === 'gawk' || cmd.name === 'awk') {
      // `gawk -i inplace 'NR==0' f`: in-place awk writes back only what the program prints.
      const ip = cmd.args.findIndex((a, i) => (a === '-i' || a === '--include') && cmd.args[i + 1] === 'inplace');
      if (ip < 0) return undefined;
      const rest = cmd.args.slice(ip + 2).filter((a) => !a.startsWith('-'));
      const prog = rest[0];
      // a pattern that is never true (`0`, `NR==0`, `NR<1`) or an action that prints nothing
      // (or keeps a line or two of it: `NR==1`, `NR<=2`)
      if (prog === undefined || /\bprint|\bprintf|^\s*(?:1|NR\s*>\s*0|\$0)\s*$/.test(prog) || !/^\s*(?:0|NR\s*==\s*[0-2]|NR\s*<\s*[0-3]|NR\s*<=\s*[0-2]|\{\s*\}|next|\{\s*next\s*;?\s*\})\s*$/.test(prog)) return undefined;
      const file = rest.slice(1).find((f) => overwriteLosesData(f, ctx));
      return file !== undefined ? { target: file, detail: 'in-place awk prints nothing back' } : undefined;
    }
    if (cmd.name === 'perl') return perlEmptiesInPlace(cmd);
    if (cmd.name !== 'sed' && cmd.name !== 'gsed') return undefined;
    // sed -i with a script that deletes every line; `-i.bak` keeps a copy, so nothing is lost.
    const inPlace = cmd.args.find((a) => a === '-i' || a === '--in-place' || /^-[a-zA-Z]*i$/.test(a) || a === '--in-place=');
    if (inPlace === undefined) return undefined;
    // Every script piece: `-e S` / `--expression=S` (all of them, joined as sed joins them), else the first operand.
    const scripts: string[] = [];
    const operandsLeft: string[] = [];
    for (let i = 0; i < cmd.args.length; i++) {
      const a = cmd.args[i]!;
      if (a === '-e' || a === '--expression') scripts.push(cmd.args[++i] ?? '');
      else if (a.startsWith('--expression=')) scripts.push(a.slice(13));
      else if (a === '-f' || a === '--file') i++;
      else if (!a.startsWith('-') || a === '-') operandsLeft.push(a);
    }
    const explicit = scripts.length > 0;
    const script = explicit ? scripts.join('\n') : operandsLeft[0];
    const files = (explicit ? operandsLeft : operandsLeft.slice(1)).filter((f) => f !== '');
    if (script === undefined || files.length === 0) return undefined;
    // -n prints only what the script prints: a script with no p/P/w/=/l/i/a/c command writes nothing back.
    const quiet = cmd.args.some((a) => a === '-n' || a === '--quiet' || a === '--silent' || /^-[a-zA-Z]*n[a-zA-Z]*$/.test(a));
    const piecesDelete = script.split(/[\n;]/).some((p) => SED_DELETE_ALL.test(p) || SED_QUIT_FIRST.test(p) || SED_KEEP_FEW.test(p)) || (quiet && script.split(/[\n;]/).every((p) => SED_PRINT_FEW.test(p)));
    if (!piecesDelete && !(quiet && !/[pPwl=aicrR]/.test(script.replace(/\/[^/]*\//g, '')))) {
      // `sed -n '/pattern/p' -i file`: an in-place grep keeps the matching lines and drops the rest; it loses
      // data unless git holds the file as it is
      if (!quiet || !script.split(/[\n;]/).every((p) => SED_PRINT_MATCHES.test(p))) return undefined;
      const filtered = files.find((f) => !isScratch(normalizePath(f), ctx) && overwriteLosesData(f, ctx) && !cleanInGit(f, ctx));
      return filtered ? { target: filtered, detail: `sed -n '${script.trim()}' -i keeps only the lines it prints` } : undefined;
    }
    const hit = files.find((f) => !isScratch(normalizePath(f), ctx));
    return hit ? { target: hit, detail: `sed script '${script.trim()}' leaves nothing of it` } : undefined;
  },
  examples: {
    flag: ["sed -i -n '1p' data/users.csv", "sed -i '2,$d' data/users.csv", "sed -i 's/.*//' src/app.ts", "gawk -i inplace 'NR==1' data/users.csv", 'cp /dev/null notes.txt', 'cp /dev/null docs/guide.md', 'find src -type f -exec cp /dev/null {} \\;', 'cp -f /dev/null src/app.ts', 'dd if=/dev/zero of=config/app.json bs=1M count=1', 'dd if=/dev/urandom of=src/app.ts', 'sed -i d src/app.ts', "sed -i '1,$d' notes.md", "sed -i '/.*/d' config.yaml", "sed -i -e '1,$ d' README.md", 'sed -i --expression=d src/app.ts', "sed -i -e '' -e d src/app.ts", 'sed -i Q notes.md', "vim -es -c '%d' -c 'wq' src/app.ts", "ex -sc '%d|x' src/app.ts", "gawk -i inplace 'NR==0' notes.md", "awk -i inplace 'NR<0' src/index.ts", "sed -i '/./d' notes.md", "ed -s src/index.ts <<< $',d\\nw'", "emacs --batch src/index.ts --eval '(progn (erase-buffer) (save-buffer))'", "sed -n -i '' notes.md", 'tee src/app.ts < /dev/null', "tee notes.md <<< ''", ': | tee docs/guide.md', "perl -pi -e 'undef $_' src/*.ts", "perl -ni -e 'print if 0' config.yaml", "perl -pi -e '$_=\"\"' README.md", "perl -i -pe 's/.*//s' notes.md", "perl -ni -e 's/a/b/' src/app.ts", "sed -n '/never/p' -i notes.md", "sed -i -n '/TODO/p' src/index.ts", "sed -n -i -e '/^#/p' -e '$p' notes.md"],
    allow: ["sed -n -i '/^id/p' data/users.csv", "sed -n '/never/p' notes.md", "sed -n -i '/x/p' nosuch.txt", "sed -n -i '/x/p;s/a/b/' notes.md", 'cp a.txt b.txt', 'cp /dev/null build.log', 'dd if=/dev/zero of=test.img bs=1M count=1', "sed -i 's/a/b/' src/app.ts", "sed -i '/^#/d' config.txt", "sed -i.bak '1,$d' notes.md", "sed '1,$d' notes.md", "sed -i '1d' data.csv", "sed -n -i 'p' notes.md", "vim -es -c '%s/a/b/g' -c wq src/app.ts", "gawk -i inplace '{print $1}' notes.md", "sed -i '/^$/d' notes.md", "ed -s src/index.ts <<< $'1d\\nw'", "emacs --batch src/index.ts --eval '(progn (indent-region (point-min) (point-max)) (save-buffer))'", "sed -i -e 's/a/b/' -e '/^$/d' src/app.ts", 'sed -i 2q notes.md', 'tee -a notes.md < /dev/null', 'tee build.log < /dev/null', 'echo hello | tee notes.md', "perl -pi -e 's/foo/bar/' src/app.ts", "perl -pi.bak -e 'undef $_' src/app.ts", "perl -ni -e 'print unless /^#/' config.txt", "perl -pe 'undef $_' src/app.ts"],
  },
};

const archiveRemove: ShellRule = {
  id: 'fs.archive-remove-source',
  pack: 'fs',
  kind: 'shell',
  severity: 'medium',
  reason: 'Packs files into an archive and deletes the originals (tar --remove-files, zip -m, 7z -sdel): one bad archive and they are gone.',
  names: ['tar', 'gtar', 'bsdtar', 'zip', '7z', '7za', '7zz', 'rar'],
  match(cmd) {
    const n = cmd.name ?? '';
    const ops = operands(cmd.args, ['-f', '--file', '-C', '--directory', '-x', '-i', '-b', '-t', '-n', '-P']).map((o) => o.value);
    const what = (): string => ops.slice(1).join(' ') || 'source files';
    if (/tar$/.test(n)) return cmd.args.includes('--remove-files') ? { target: what() } : undefined;
    if (n === 'zip') return hasFlag(cmd.args, ['--move'], 'm') ? { target: what() } : undefined;
    if (n.startsWith('7z')) return cmd.args.some((a) => a.toLowerCase() === '-sdel') ? { target: what() } : undefined;
    if (n === 'rar') return ops[0] === 'm' || ops[0] === 'mf' || cmd.args.includes('-df') ? { target: ops.slice(2).join(' ') || 'source files' } : undefined;
    return undefined;
  },
  examples: {
    flag: ['tar --remove-files -czf a.tgz src', 'tar cf x.tar --remove-files data', 'zip -m a.zip src/*', 'zip -rm backup.zip docs', 'zip --move logs.zip notes.md', '7z a -sdel a.7z src', 'rar m old.rar photos'],
    allow: ['tar czf a.tgz src', 'tar xzf a.tgz', 'zip -r a.zip src', 'unzip a.zip', '7z a a.7z src', '7z x a.7z'],
  },
};

/** Keys and certificates: rotating them takes an outage or a support ticket. */
const KEY_FILE = /(?:^|\/)(?:id_(?:rsa|dsa|ecdsa|ed25519)(?:_sk)?|[^/]*\.(?:pem|key|p12|pfx|jks|keystore|kdbx|ppk|gpg|asc|p8|der))$/i;
/** Git's own state: refs, objects, the index, config. Lock files and logs are safe to remove (and often must be). */
// Also the state of an interrupted merge/rebase/cherry-pick, which people remove to get unstuck.
const GIT_INTERNAL = /(?:^|\/)\.git(?:$|\/(?!.*(?:\.lock|gc\.log|COMMIT_EDITMSG|FETCH_HEAD|MERGE_HEAD|MERGE_MSG|MERGE_MODE|ORIG_HEAD|CHERRY_PICK_HEAD|REVERT_HEAD|REBASE_HEAD|AUTO_MERGE)$)(?!(?:.*\/)?(?:rebase-merge|rebase-apply|sequencer)(?:\/|$)))/;
const PROFILE = /^(?:\.bashrc|\.bash_profile|\.profile|\.zshrc|\.zprofile|\.zshenv|\.gitconfig|\.inputrc|\.vimrc|\.tmux\.conf)$/i;

/** Why losing the file `raw` names cannot be undone (a key, git's state, a system file…), or undefined. */
function irreplaceable(raw: string, ctx: RuleContext): string | undefined {
  const abs = absolute(raw, ctx) ?? normalizePath(raw);
  if (raw.endsWith('.pub') || /[*?[]/.test(raw) || (TEMP.test(abs) && isScratch(abs, ctx))) return undefined;
  if (KEY_FILE.test(abs)) return 'key or certificate';
  if (GIT_INTERNAL.test(abs) && !/\/\.git\/hooks\/[^/]+\.sample$/.test(abs)) return 'git internals';
  if (SYSTEM_FILE.test(abs)) return 'system file';
  const base = abs.slice(abs.lastIndexOf('/') + 1);
  if (ctx.home && PROFILE.test(base) && abs === `${normalizePath(ctx.home)}/${base}`) return 'shell profile';
  if (!isScratch(abs, ctx) && ctx.isProtectedPath(raw)) return 'protected secret file';
  return undefined;
}

const deleteIrreplaceable: ShellRule = {
  id: 'fs.delete-irreplaceable',
  pack: 'fs',
  kind: 'shell',
  severity: 'high',
  reason: 'Deletes a file nothing can regenerate: a private key or certificate, git\'s own state, a system file, a shell profile or a protected secret.',
  names: ['rm', 'unlink'],
  match(cmd, ctx) {
    if (cmd.name !== 'rm' && cmd.name !== 'unlink') return undefined;
    for (const raw of knownOperands(cmd)) {
      const detail = irreplaceable(raw, ctx);
      if (detail !== undefined) return { target: raw, detail };
    }
    return undefined;
  },
  examples: {
    flag: ['rm ~/.ssh/id_ed25519', 'rm id_rsa', 'rm server.key', 'rm -f certs/prod.pem', 'rm .git/index', 'rm .git/HEAD', 'rm -f .git/config', 'rm .git', 'rm /etc/hosts', 'sudo rm /boot/vmlinuz', 'rm -f /usr/bin/python3', 'rm ~/.bashrc', 'rm .env', 'unlink ~/.aws/credentials'],
    allow: ['rm build.log', 'rm notes.txt', 'rm -f package-lock.json', 'rm src/old.ts', 'rm .git/index.lock', 'rm -f .git/gc.log', 'rm -f .git/MERGE_HEAD', 'rm -rf .git/rebase-merge', 'rm ~/.ssh/id_ed25519.pub', 'rm /usr/local/bin/mytool', 'rm .env.example', 'rm /tmp/server.key'],
  },
};

/** A regular file with content that nothing regenerates, as the file system says (no facts, a remote host: no answer). */
function existingData(abs: string, ctx: RuleContext): boolean {
  const f = ctx.facts?.lstat(abs);
  return f !== undefined && f.kind === 'file' && f.size > 0 && !isScratch(abs, ctx);
}

function baseOf(p: string): string {
  const t = p.replace(/\/+$/, '');
  return t.slice(t.lastIndexOf('/') + 1);
}

/**
 * `mv SRC DEST`, `ln -f TARGET LINK`: the file the move or link lands on, when it already holds data. A directory
 * destination is entered (DEST/basename(SRC)). Only from file-system facts: renaming onto a new name is everyday use.
 */
function landsOnData(srcs: string[], destRaw: string, ctx: RuleContext, needSource: boolean): RuleMatch | undefined {
  if (!ctx.facts || ctx.remote !== undefined) return undefined;
  const dest = absolute(destRaw, ctx);
  if (dest === undefined || /[*?[]/.test(destRaw)) return undefined;
  const into = ctx.facts.stat(dest)?.kind === 'dir' && ctx.facts.lstat(dest)?.kind !== 'symlink';
  for (const raw of srcs) {
    const src = absolute(raw, ctx);
    if (src === undefined || /[*?[]/.test(raw)) continue;
    // mv of a file that is not there fails; `x > f.tmp && mv f.tmp f` writes its source later in the same line
    if (needSource && ctx.facts.lstat(src) === undefined) continue;
    const target = into ? `${dest}/${baseOf(src)}` : dest;
    if (target === src) continue;
    if (existingData(target, ctx)) return { target: into ? `${destRaw.replace(/\/+$/, '')}/${baseOf(src)}` : destRaw, detail: `replaces the existing ${into ? `${baseOf(src)} in ${destRaw}` : destRaw}` };
  }
  return undefined;
}

const SORT_VALUED = ['-o', '--output', '-k', '--key', '-t', '--field-separator', '-S', '--buffer-size', '-T', '--temporary-directory', '--parallel', '--batch-size', '--files0-from', '--compress-program', '--random-source'];
const EMPTY_SOURCE = new Set(['/dev/null', '/dev/zero']);

/** `sort -o FILE /dev/null`, `sort -o FILE < /dev/null`: sort writes its empty input over FILE. */
function sortFromNothing(cmd: SimpleCommand, ctx: RuleContext): RuleMatch | undefined {
  let out: string | undefined;
  for (let i = 0; i < cmd.args.length; i++) {
    const a = cmd.args[i];
    if (a === '--') break;
    if (a === '-o' || a === '--output') out = cmd.args[i + 1];
    else if (a.startsWith('--output=')) out = a.slice(9);
    else if (/^-[a-zA-Z]*o./.test(a) && !a.startsWith('--')) out = a.slice(a.indexOf('o') + 1);
  }
  if (out === undefined || out === '-' || out.startsWith('/dev/')) return undefined;
  const inputs = knownOperands(cmd, SORT_VALUED);
  if (cmd.args.some((a) => a.startsWith('--files0-from'))) return undefined;
  const redirected = cmd.redirects.find((r) => /^0?<$/.test(r.op))?.target;
  const stdinEmpty = redirected !== undefined ? EMPTY_SOURCE.has(redirected) : cmd.stdin !== undefined ? cmd.stdin.trim() === '' : !cmd.pipedIn;
  const empty = inputs.length > 0 ? inputs.every((f) => EMPTY_SOURCE.has(f) || (f === '-' && stdinEmpty)) : stdinEmpty;
  if (!empty) return undefined;
  return overwriteLosesData(out, ctx) ? { target: out, detail: 'sort writes empty input over it' } : undefined;
}

/** sqlite3's `.open --new FILE`: opens FILE as a new, empty database, throwing away what it held. */
const SQLITE_OPEN_NEW = /(?:^|[\n;])\s*\.open\s+(?:-{1,2}[a-z]+\s+)*?-{1,2}new\s+(?:-{1,2}[a-z]+\s+)*("[^"\n]+"|'[^'\n]+'|[^\s;]+)/;

/** The archive `tar -c…f FILE` writes, when the command creates one. */
function tarArchiveFile(args: readonly string[]): string | undefined {
  const first = args[0] ?? '';
  const creating = (/^-?[A-Za-z]*c/.test(first) && !first.startsWith('--')) || args.includes('--create');
  return creating ? tarFileOption(args) : undefined;
}

const overwriteExisting: ShellRule = {
  id: 'fs.overwrite-existing',
  pack: 'fs',
  kind: 'shell',
  severity: 'high',
  reason: 'Replaces an existing file that holds data without rm (mv or ln -f onto it, sort -o or install from nothing, sqlite3 .open --new/.restore/.backup over it, fallocate --punch-hole, docker/kubectl cp over a database file): its old contents are gone.',
  names: ['mv', 'ln', 'cp', 'gcp', 'sort', 'gsort', 'install', 'ginstall', 'sqlite3', 'sqlite', 'fallocate', 'docker', 'podman', 'kubectl', 'oc', 'curl', 'wget', 'tar', 'rsync'],
  match(cmd, ctx) {
    const n = cmd.name;
    if (n === 'mv' || n === 'ln') {
      // -n / --no-clobber / --update=none keep the existing file; -b / --backup / -S keep a copy of it
      if (hasFlag(cmd.args, ['--no-clobber', '--backup', '--suffix', '--interactive'], n === 'mv' ? 'nbSi' : 'bSi') || cmd.args.some((a) => /^--(?:update=none|backup=|suffix=)/.test(a))) return undefined;
      if (n === 'ln' && !hasFlag(cmd.args, ['--force'], 'f')) return undefined;
      const valued = n === 'mv' ? MV_VALUED : ['-t', '--target-directory', '-S', '--suffix'];
      const ops = knownOperands(cmd, valued);
      const t = cmd.args.findIndex((a) => a === '-t' || a === '--target-directory' || a.startsWith('--target-directory='));
      const destRaw = t >= 0 ? (cmd.args[t].includes('=') ? cmd.args[t].split('=')[1] : cmd.args[t + 1]) : ops.length >= 2 ? ops.pop() : undefined;
      if (destRaw === undefined || ops.length === 0) return undefined;
      // ln's TARGET may be anything (a link to /dev/null is legal); mv's source must exist for mv to do anything
      return landsOnData(ops, destRaw, ctx, n === 'mv');
    }
    // Downloads and archives written over a database or secret file: `curl -o data/app.db URL`, `wget -O .env URL`,
    // `tar -czf data/app.db src`
    if (n === 'curl' || n === 'wget' || n === 'tar') {
      const out = n === 'curl' ? clusteredValue(cmd.args, '--output', 'o') : n === 'wget' ? clusteredValue(cmd.args, '--output-document', 'O') : tarArchiveFile(cmd.args);
      if (out === undefined || out === '-' || out.startsWith('/dev/')) return undefined;
      const abs = absolute(out, ctx);
      if (abs === undefined || !(ctx.isProtectedPath(out) || DATA_FILE.test(abs) || BACKUP_FILE.test(abs)) || !overwriteLosesData(out, ctx)) return undefined;
      return { target: out, detail: `${n} writes over it` };
    }
    if (n === 'cp' || n === 'gcp' || n === 'rsync') {
      // cp over a file is everyday work (a build output, a tracked source git can restore); over a secret file
      // or a database, which nothing restores, it is the loss mv is (`cp .env.example .env` over the real .env).
      // `yes | cp -i …` answers every prompt with yes: -i keeps nothing then.
      const answered = cmd.pipedFrom?.some((c) => c.name === 'yes') === true;
      if (hasFlag(cmd.args, ['--no-clobber', '--backup', '--update', ...(answered ? [] : ['--interactive'])], answered ? 'nbu' : 'nbiu') || cmd.args.some((a) => /^--(?:update=none|backup=|ignore-existing)/.test(a))) return undefined;
      if (n === 'rsync' && cmd.args.some((a) => /^[^/]*:/.test(a))) return undefined;
      const ops = knownOperands(cmd, ['-t', '--target-directory', '-S', '--suffix']);
      if (ops.length < 2) return undefined;
      const destRaw = ops.pop()!;
      const abs = absolute(destRaw, ctx);
      if (abs === undefined || !(ctx.isProtectedPath(destRaw) || DATA_FILE.test(abs) || BACKUP_FILE.test(abs))) return undefined;
      return landsOnData(ops, destRaw, ctx, true);
    }
    if (n === 'sort' || n === 'gsort') return sortFromNothing(cmd, ctx);
    if (n === 'install' || n === 'ginstall') {
      if (hasFlag(cmd.args, ['--directory', '--backup'], 'db')) return undefined;
      const ops = knownOperands(cmd, ['-m', '--mode', '-o', '--owner', '-g', '--group', '-t', '--target-directory', '-S', '--suffix']);
      if (ops.length < 2 || !ops.slice(0, -1).some((s) => EMPTY_SOURCE.has(s))) return undefined;
      const dest = ops[ops.length - 1];
      return overwriteLosesData(dest, ctx) ? { target: dest, detail: 'install copies nothing over it' } : undefined;
    }
    if (n === 'fallocate') {
      // --punch-hole / --zero-range / --collapse-range zero or cut out a byte range of the file in place
      if (!hasFlag(cmd.args, ['--punch-hole', '--zero-range', '--collapse-range'], 'pzc')) return undefined;
      const file = knownOperands(cmd, ['-o', '--offset', '-l', '--length']).pop();
      return file !== undefined && overwriteLosesData(file, ctx) ? { target: file, detail: 'fallocate zeroes or cuts out a range of it' } : undefined;
    }
    if (n === 'docker' || n === 'podman' || n === 'kubectl' || n === 'oc') {
      // `docker cp empty.db api:/data/app.db`, `kubectl cp x prod/api-0:/data/app.db`: a database file in the container replaced
      if (cmd.args[0] !== 'cp') return undefined;
      const ops = knownOperands({ ...cmd, args: cmd.args.slice(1), argDynamic: cmd.argDynamic.slice(1) }, ['-c', '--container', '-n', '--namespace']);
      const dest = ops.length >= 2 ? ops[ops.length - 1] : undefined;
      const path = dest !== undefined && /^[\w.-]+(?:\/[\w.-]+)?:\//.test(dest) ? dest.slice(dest.indexOf(':') + 1) : undefined;
      return path !== undefined && DATA_FILE.test(path) ? { target: dest!, detail: `${n} cp replaces a database file in the container` } : undefined;
    }
    if (n !== 'sqlite3' && n !== 'sqlite') return undefined;
    const dot = [...cmd.args, cmd.stdin ?? ''].join('\n');
    // `.restore [DB] FILE` replaces the open database with FILE; `.backup [DB] FILE` writes over FILE
    const restore = /(?:^|[\n;])\s*\.restore\s+(?:\S+\s+)?\S+/.test(dot);
    const dbFile = knownOperands(cmd, ['-cmd', '-separator', '-newline', '-nullvalue', '-init', '-vfs', '-maxsize', '-mmap', '-pagecache', '-lookaside']).find((x) => !x.startsWith('.'));
    if (restore && dbFile !== undefined && overwriteLosesData(dbFile, ctx)) return { target: dbFile, detail: '.restore replaces the whole database' };
    const backup = /(?:^|[\n;])\s*\.(?:backup|save)\s+(?:(?:--append|--async)\s+)*(?:\S+\s+)?("[^"\n]+"|'[^'\n]+'|[^\s;]+)\s*(?:$|[\n;])/.exec(dot);
    if (backup) {
      const target = backup[1].replace(/^(["'])(.*)\1$/, '$2');
      if (target !== dbFile && overwriteLosesData(target, ctx)) return { target, detail: '.backup writes the open database over it' };
    }
    const m = SQLITE_OPEN_NEW.exec(dot);
    if (m === null) return undefined;
    const file = m[1].replace(/^(["'])(.*)\1$/, '$2');
    return overwriteLosesData(file, ctx) ? { target: file, detail: '.open --new empties the database' } : undefined;
  },
  examples: {
    flag: ['tar -czf backups/db-2024-06-10.sql src', 'cp notes.md backups/db-2024-06-10.sql', 
      'cp .env.production .env',
      'cp data/users.csv data/app.db',
      'mv notes.md src/app.ts',
      'mv -f important.txt config/app.json',
      'mv src/index.ts src/app.ts',
      'mv data/users.csv data/app.db',
      'ln -sf /dev/null data/app.db',
      'ln -f notes.md important.txt',
      'sort -o data/app.db /dev/null',
      'sort -o data/users.csv < /dev/null',
      'sort -o data/users.csv',
      'install /dev/null src/app.ts',
      "sqlite3 data/app.db '.open --new data/app.db'",
      "sqlite3 <<< '.open --new data/app.db'",
      "sqlite3 data/empty.db '.backup data/app.db'",
      "sqlite3 data/app.db '.restore data/users.csv'",
      'fallocate --punch-hole --offset 0 --length 8192 data/app.db',
      'docker cp data/empty.db api:/data/app.db',
      'kubectl cp data/empty.db prod/api-0:/data/app.db',
      'curl -sSo data/app.db https://example.com/seed.db',
      'wget -O data/app.db https://example.com/seed.db',
      'tar -czf data/app.db src',
      'yes | cp -i .env.production .env',
      'rsync -a data/users.csv data/app.db',
    ],
    allow: [
      'cp notes.md src/app.ts',
      'cp .env.example .env.local',
      'cp -n .env.production .env',
      'mv notes.md docs/notes.md',
      'mv a.txt b.txt',
      'mv -n notes.md src/app.ts',
      'mv --no-clobber notes.md src/app.ts',
      'mv -b notes.md src/app.ts',
      'ln -sf src/app.ts current.ts',
      'ln notes.md important.txt',
      'sort -o data/users.csv data/users.csv',
      'sort -o sorted.txt /dev/null',
      'cat data/users.csv | sort -o data/users.csv',
      'install -m 755 notes.md /tmp/bin/x',
      "sqlite3 data/app.db '.open --new /tmp/new.db'",
      "sqlite3 data/app.db '.open data/app.db'",
      "sqlite3 data/app.db '.backup /tmp/app-backup.db'",
      'fallocate -l 1G swapfile',
      'docker cp api:/data/app.db ./backup.db',
      'docker cp config.json api:/app/config.json',
      'curl -o seed.db https://example.com/seed.db',
      'tar -czf backup.tgz data',
      'cp -i .env.production .env',
      'rsync -a data/app.db backups/app.db',
      'tar -czf backups/new-2024-06-11.tgz src',
    ],
  },
};

const SHRED_VALUED = ['-n', '--iterations', '-s', '--size', '--random-source'];
const SAFE_DEVICE = /^\/dev\/(?:null|zero|stdout|stderr|stdin|tty|fd\/\d+)$/;

/**
 * shred, srm and wipe overwrite a file before (or instead of) removing it. For a plain file that is the loss `rm`
 * is, no more: an everyday file is no finding (as `rm notes.txt` is none), while a disk, a tree, a wildcard, a
 * computed name or a file nothing regenerates (a key, git's state, a database, a secret) is.
 */
const shred: ShellRule = {
  id: 'fs.shred',
  pack: 'fs',
  kind: 'shell',
  severity: 'high',
  reason: 'Overwrites files so they cannot be recovered, even from disk: a disk, a whole tree, every file a wildcard matches, or a file nothing can regenerate.',
  names: ['shred', 'srm', 'wipe'],
  match(cmd, ctx) {
    if (cmd.name !== 'shred' && cmd.name !== 'srm' && cmd.name !== 'wipe') return undefined;
    const files = operands(cmd.args, SHRED_VALUED);
    if (files.length === 0) return undefined;
    if (cmd.name !== 'shred' && hasFlag(cmd.args, ['--recursive'], 'rR')) return { target: files[0].value, detail: 'recursive' };
    for (const { value, index } of files) {
      if (cmd.argDynamic[index] && !isKnownArg(cmd.args, cmd.argDynamic, index)) return { target: value, detail: 'a computed name' };
      if (value.startsWith('/dev/') && !SAFE_DEVICE.test(value)) return { target: value, detail: 'a device' };
      if (/[*?[]/.test(value) || value === '-') return { target: value, detail: 'every file it matches' };
      // (fs.delete-data-file says this for rm; shred has no rule of its own for it)
      const detail = irreplaceable(value, ctx) ?? (DATA_FILE.test(value) && !isScratch(absolute(value, ctx) ?? normalizePath(value), ctx) ? 'database or state file' : undefined);
      if (detail !== undefined) return { target: value, detail };
    }
    return undefined;
  },
  examples: {
    flag: ['shred -u .env', 'shred -u ~/.ssh/id_ed25519', 'shred -vzn 3 /dev/sdb', 'srm -r old/', 'wipe -rf docs', 'shred -u data/app.db', 'shred -u *', 'shred -u "$F"', 'shred .git/index'],
    allow: ['srm -z file.txt', 'shred -u notes.txt', 'shred -u /tmp/scratch.bin', 'shred --help', 'echo shred'],
  },
};

/** systemd-tmpfiles line types that remove a path (`R`, `r`) or, with --remove, empty it (`D`); `e`/`d` age files with --clean. */
const TMPFILES_LINE = /^\s*([RrDde])!?\s+(\S+)/gm;

const toolDeletes: ShellRule = {
  id: 'fs.tool-deletes',
  pack: 'fs',
  kind: 'shell',
  severity: 'high',
  reason: 'A maintenance tool deletes files for you (tmpreaper/tmpwatch on a folder, systemd-tmpfiles --remove/--clean, knip --allow-remove-files): what it removes is not named on the command line.',
  names: ['tmpreaper', 'tmpwatch', 'systemd-tmpfiles', 'knip'],
  match(cmd, ctx) {
    const keep = (p: string): boolean => isScratch(absolute(p, ctx) ?? normalizePath(p), ctx);
    if (cmd.name === 'tmpreaper' || cmd.name === 'tmpwatch') {
      if (hasFlag(cmd.args, ['--test', '--help'], 't')) return undefined;
      const dirs = knownOperands(cmd, ['--protect', '-x', '--exclude', '-X', '--exclude-pattern']).slice(1);
      const hit = dirs.find((d) => !keep(d));
      return hit === undefined ? undefined : { target: hit, detail: `${cmd.name} deletes files in it by age` };
    }
    if (cmd.name === 'systemd-tmpfiles') {
      const remove = cmd.args.includes('--remove');
      const clean = cmd.args.includes('--clean');
      if (!remove && !clean) return undefined;
      const configs = knownOperands(cmd, ['--prefix', '--exclude-prefix', '-E', '--root', '--image']);
      const text = [configs.includes('/dev/stdin') || configs.includes('-') ? cmd.stdin ?? '' : '', ...configs.filter((c) => c !== '/dev/stdin' && c !== '-').map((c) => ctx.readFile?.(c) ?? '')].join('\n');
      for (const m of text.matchAll(TMPFILES_LINE)) {
        const type = m[1]!;
        const counts = type === 'R' || type === 'r' ? remove : type === 'D' ? remove || clean : clean;
        if (counts && !keep(m[2]!)) return { target: m[2]!, detail: `systemd-tmpfiles line '${type} ${m[2]}'` };
      }
      return undefined;
    }
    // knip --fix removes unused exports; --allow-remove-files lets it delete whole files
    if (cmd.name === 'knip' && cmd.args.some((a) => a === '--fix' || a.startsWith('--fix-type')) && cmd.args.includes('--allow-remove-files')) return { target: 'files knip finds unused', detail: 'knip --fix --allow-remove-files' };
    return undefined;
  },
  examples: {
    flag: ['tmpreaper 0m /srv/app/data', 'tmpwatch 1 src', "systemd-tmpfiles --remove /dev/stdin <<< 'R /srv/app/data'", "systemd-tmpfiles --clean - <<< 'e /home/u/Documents - - - 0'", 'npx knip --fix --allow-remove-files'],
    allow: ['tmpreaper 24h /tmp', 'tmpreaper --test 0m /srv/app/data', "systemd-tmpfiles --create /dev/stdin <<< 'd /run/app 0755'", "systemd-tmpfiles --remove - <<< 'R /tmp/app-cache'", 'npx knip', 'npx knip --fix'],
  },
};

export const FS_LOSS_RULES: readonly ShellRule[] = [moveAway, nullCopy, archiveRemove, deleteIrreplaceable, shred, overwriteExisting, toolDeletes];
