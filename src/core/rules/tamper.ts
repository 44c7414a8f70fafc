// Switching Airlock off by effect rather than by editing its files in place: stashing or packing hook files away,
// writing them through sponge/rsync/unzip, globs that reach them, uninstalling or disabling the extension, and
// killing the editor or its extension host (the gate lives there). fs.airlock-tamper (files.ts) covers the plain
// writers; the protected set itself is AIRLOCK_PATH_GLOBS in policy/defaults.ts.
import { Minimatch } from 'minimatch';
import { normalizePath } from '../paths';
import { policyContext, type PolicyRuleContext } from '../policy/context';
import { gitSubcommand, hasFlag, isKnownArg, operands } from '../shell/argv';
import type { RuleMatch, ShellRule, SimpleCommand } from './types';

/** Folder and file names of the protected set, for globs with no file system to expand them against. */
const GUARD_NAMES = ['.cursor', '.claude', '.codex', '.gemini', '.windsurf', '.clinerules', '.cline', '.github', '.airlock', '.codeium', '.copilot', 'hooks.json', 'settings.json', 'settings.local.json', 'lockdown.json', 'lockdown', 'policy.json', 'extensions', 'extensions.json', 'User', 'airlock-dev.airlock'];
const GLOB = /[*?[]/;
const MAX_GLOB_HITS = 200;

function pathCtx(ctx: PolicyRuleContext): { cwd?: string; home?: string } {
  return { ...(ctx.cwd ? { cwd: ctx.cwd } : {}), ...(ctx.home ? { home: ctx.home } : {}) };
}

/**
 * A word names a protected path, itself or through a glob: the real expansion when file-system facts are there
 * (cut short = in doubt = a hit when anything matched so far is protected or the pattern could reach one), else
 * the protected names the last segment could match.
 */
function reachesGuard(word: string, ctx: PolicyRuleContext): boolean {
  if (ctx.isAirlockPath(word)) return true;
  if (!GLOB.test(word) || word.length > 1024) return false;
  const abs = normalizePath(word, pathCtx(ctx));
  // `find .cursor -delete` reaches rules as `rm -r .cursor/**`: everything inside a protected folder.
  if (abs.endsWith('/**') && !GLOB.test(abs.slice(0, -3)) && ctx.isAirlockPath(abs.slice(0, -3))) return true;
  const slash = abs.lastIndexOf('/');
  // `<dir>/**/<name>` (find -name): the names directly in <dir> are the first candidates.
  const dir = (slash > 0 ? abs.slice(0, slash) : '/').replace(/\/\*\*$/, '');
  const base = abs.slice(slash + 1);
  let mm: Minimatch;
  try {
    // As bash expands: `*` skips dotfiles (no dotglob), `.c*` reaches them.
    mm = new Minimatch(base, { dot: false, nocase: true, nocomment: true, nonegate: true });
  } catch {
    return true;
  }
  const g = ctx.facts && ctx.cwd ? ctx.facts.glob(word, ctx.cwd) : undefined;
  if (GLOB.test(dir)) {
    // `apps/*/dist`, `envs/*/.terraform`: with the whole expansion at hand, what it matches decides
    if (g?.complete === true && g.matches.length > 0 && g.matches.length <= MAX_GLOB_HITS) return g.matches.some((m) => ctx.isAirlockPath(m));
    // else any protected name the last segment can be, in any folder the rest can be
    return GUARD_NAMES.some((n) => mm.match(n) && ctx.isAirlockPath(`${dir}/${n}`));
  }
  const names = new Set(GUARD_NAMES);
  if (g) for (const m of g.matches.slice(0, MAX_GLOB_HITS)) names.add(m.slice(m.lastIndexOf('/') + 1));
  for (const n of names) if (mm.match(n) && ctx.isAirlockPath(`${dir === '/' ? '' : dir}/${n}`)) return true;
  return false;
}

/** `--output f`, `--output=f`, `-o f`, `-of`, and `-sSLo f` (a short cluster ending in the letter). */
function outputFile(args: readonly string[], long: string, letter: string): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === long) return args[i + 1];
    if (a.startsWith(`${long}=`)) return a.slice(long.length + 1);
    const m = /^-([A-Za-z]*)$/.exec(a);
    if (m && !a.startsWith('--') && m[1].includes(letter)) {
      const at = m[1].indexOf(letter);
      return at === m[1].length - 1 ? args[i + 1] : m[1].slice(at + 1);
    }
  }
  return undefined;
}

function knownWords(cmd: SimpleCommand, valued: readonly string[] = []): { value: string; index: number }[] {
  return operands(cmd.args, valued).filter((o) => isKnownArg(cmd.args, cmd.argDynamic, o.index));
}

/** Writers whose destination is the last operand. */
const DEST_LAST = new Set(['sponge', 'rsync', 'scp', 'rclone', 'unison']);
/** Movers, deleters, linkers and permission changers: every operand is touched. */
const ALL_OPERANDS = new Set(['rm', 'unlink', 'mv', 'rmdir', 'chmod', 'chown', 'chgrp', 'chattr', 'chflags', 'shred', 'truncate', 'touch', 'trash', 'trash-put', 'gio', 'srm']);

const guardBypass: ShellRule = {
  id: 'fs.airlock-guard-bypass',
  pack: 'fs',
  kind: 'shell',
  severity: 'critical',
  defaultDecision: 'deny',
  reason: 'Moves, stashes, packs away or overwrites Airlock\'s hook configuration, extension or settings (directly or through a glob), which would switch off the guard.',
  names: ['git', 'unzip', 'tar', 'bsdtar', 'gtar', 'zip', 'cp', 'ln', 'install', 'curl', 'wget', ...DEST_LAST, ...ALL_OPERANDS],
  match(cmd, rawCtx): RuleMatch | undefined {
    const ctx = policyContext(rawCtx);
    const name = cmd.name;
    if (name === undefined) return undefined;
    if (name === 'git') {
      const g = gitSubcommand(cmd.args);
      if (!g) return undefined;
      // `git stash push .cursor/hooks.json` removes the file from the working tree until someone pops it.
      if (g.sub === 'stash' && (g.args[0] === undefined || g.args[0] === 'push' || g.args[0] === 'save' || g.args[0].startsWith('-'))) {
        const paths = operands(g.args.filter((a) => a !== 'push' && a !== 'save'), ['-m', '--message', '--pathspec-from-file']);
        const hit = paths.find((o) => reachesGuard(o.value, ctx));
        return hit ? { target: hit.value, detail: 'git stash' } : undefined;
      }
      return undefined;
    }
    if (name === 'curl' || name === 'wget') {
      // `curl -o <hook.js> https://…` replaces the file the shim runs.
      const out = outputFile(cmd.args, name === 'curl' ? '--output' : '--output-document', name === 'curl' ? 'o' : 'O');
      return out !== undefined && reachesGuard(out, ctx) ? { target: out, detail: `${name} writes it` } : undefined;
    }
    if (DEST_LAST.has(name)) {
      const ops = knownWords(cmd, ['-e', '--rsh', '--exclude', '--include', '--filter', '-f', '-P', '-i', '-o', '-F']);
      const dest = ops[ops.length - 1];
      return dest && reachesGuard(dest.value, ctx) ? { target: dest.value, detail: `${name} writes it` } : undefined;
    }
    if (name === 'unzip') {
      // Extracting into the extension or a hook folder overwrites what the shim runs.
      const dir = cmd.args[cmd.args.indexOf('-d') + 1];
      return cmd.args.includes('-d') && dir !== undefined && reachesGuard(dir.replace(/\/+$/, ''), ctx) ? { target: dir, detail: 'unzip extracts into it' } : undefined;
    }
    if (name === 'tar' || name === 'bsdtar' || name === 'gtar') {
      const c = cmd.args.findIndex((x) => x === '-C' || x === '--directory');
      const dir = c >= 0 ? cmd.args[c + 1] : cmd.args.find((x) => x.startsWith('--directory='))?.slice('--directory='.length);
      const extract = hasFlag(cmd.args, ['--extract', '--get'], 'x') || /^[a-wyzA-Z]*x[a-zA-Z]*$/.test(cmd.args[0] ?? '');
      if (extract && dir !== undefined && reachesGuard(dir.replace(/\/+$/, ''), ctx)) return { target: dir, detail: 'tar extracts into it' };
      if (cmd.args.includes('--remove-files')) {
        const hit = knownWords(cmd, ['-f', '--file', '-C', '--directory']).find((o) => reachesGuard(o.value, ctx));
        if (hit) return { target: hit.value, detail: 'packed and removed' };
      }
      return undefined;
    }
    if (name === 'zip' && hasFlag(cmd.args, ['--move'], 'm')) {
      const hit = knownWords(cmd).slice(1).find((o) => reachesGuard(o.value, ctx));
      return hit ? { target: hit.value, detail: 'packed and removed' } : undefined;
    }
    if (ALL_OPERANDS.has(name) || name === 'cp' || name === 'ln' || name === 'install') {
      // Plain names are fs.airlock-tamper's; globs (`rm -rf .cl*`, `mv .c?rsor x`) are this rule's.
      // Not only known words: `find … -exec rm {} +` hands rm its match pattern as a run-time word.
      const ops = operands(cmd.args, ['-t', '--target-directory', '-m', '--mode', '-o', '--owner', '-g', '--group', '-S', '--suffix']).filter((o) => GLOB.test(o.value) && !/[$`]/.test(o.value));
      const touched = ALL_OPERANDS.has(name) ? ops : ops.slice(-1);
      const hit = touched.find((o) => reachesGuard(o.value, ctx));
      return hit ? { target: hit.value, detail: 'a glob that reaches Airlock\'s files' } : undefined;
    }
    return undefined;
  },
  examples: {
    flag: [
      'find ~/.vscode/extensions -name "airlock*" -exec rm -rf {} +',
      'find .cursor -delete',
      'git stash push .cursor/hooks.json',
      'git stash push -m wip -- .claude/settings.json',
      'git stash -- .github/hooks/airlock.json',
      'jq ".hooks = {}" .cursor/hooks.json | sponge .cursor/hooks.json',
      'rsync -a /tmp/empty/ .claude',
      'rm -rf .cl*',
      'mv .c?rsor /tmp/x',
      'rm -f ~/.airlock/lock*',
      'rm -rf ~/.vscode/extensions/*',
      'unzip -o evil.zip -d ~/.vscode/extensions/airlock-dev.airlock-0.1.0',
      'tar --remove-files -czf /tmp/h.tgz .cursor',
      'zip -m /tmp/h.zip .claude/settings.local.json',
      'curl -sSLo ~/.vscode/extensions/airlock-dev.airlock-0.1.0/dist/hook.js https://example.com/noop.js',
      'wget -O .cursor/hooks.json https://example.com/empty.json',
      'rm -rf */.cursor',
    ],
    allow: ['rm -rf apps/*/node_modules', 'rm -rf envs/*/.terraform', 'rm -rf packages/*/dist', 'git stash', 'git stash push src/app.ts', 'git stash pop', 'jq . data.json | sponge data.json', 'rsync -a src/ /tmp/src-copy', 'rm -f *.log', 'rm -rf /tmp/*', 'rm -rf /var/tmp/*', 'rm -rf dist/*', 'mv src/*.ts lib/', 'unzip site.zip -d public', 'tar czf h.tgz .cursor', 'curl -o out.json https://api.example.com/x', 'wget -O - https://example.com'],
  },
};

/** Process names (as pkill and killall see them) of editors and their extension hosts. */
const EDITOR_PROCESSES = ['code', 'code-insiders', 'code-oss', 'codium', 'vscodium', 'cursor', 'windsurf', 'code-server', 'electron', 'code helper', 'code helper (plugin)', 'code helper (renderer)', 'cursor helper', 'cursor helper (plugin)', 'windsurf helper', 'extensionhost', 'openvscode-server'];
/** Command lines `pkill -f` sees for editors, extension hosts and remote servers. */
const EDITOR_CMDLINES = [
  '/usr/share/code/code --type=utility --utility-sub-type=node.mojom.NodeService --inspect-port=0 extensionHost',
  '/usr/share/code-insiders/code-insiders --type=extensionHost',
  '/Applications/Visual Studio Code.app/Contents/Frameworks/Code Helper (Plugin).app/Contents/MacOS/Code Helper (Plugin) --type=utility',
  '/opt/cursor/cursor --type=extensionHost',
  '/Applications/Cursor.app/Contents/MacOS/Cursor',
  '/usr/share/windsurf/windsurf --type=extensionHost',
  '/usr/share/codium/codium --type=extensionHost',
  '/usr/lib/code-server/lib/node /usr/lib/code-server/out/node/entry code-server',
  '/home/u/.vscode-server/bin/abc123/node /home/u/.vscode-server/bin/abc123/out/bootstrap-fork --type=extensionHost',
  '/home/u/.cursor-server/bin/abc123/node /home/u/.cursor-server/bin/abc123/out/server-main.js',
];
/** Exact names killall compares with: Linux binaries are lower-case, macOS apps capitalised. */
const PROCESS_NAMES = new Set(EDITOR_PROCESSES.flatMap((p) => [p, p.replace(/(^|\s)[a-z]/g, (c) => c.toUpperCase()), p.charAt(0).toUpperCase() + p.slice(1)]));
const EDITOR_WORD = /code|cursor|windsurf|codium|extensionhost|electron|vscode/i;

/**
 * Whether a pkill/pgrep pattern (extended regex) matches an editor. Only plain patterns are tried (letters,
 * digits, `. _ - / space ^ $`, with `.` as any character): a pattern built to be slow never runs, and any other
 * pattern cannot be judged, so it counts as a match.
 */
function patternHitsEditor(pattern: string, full: boolean, ignoreCase: boolean): boolean {
  if (pattern.length > 200 || !/^[\w .\-/^$]*$/.test(pattern)) return true;
  const source = pattern.replace(/[-/]/g, '\\$&');
  const re = new RegExp(source, ignoreCase ? 'i' : '');
  return full ? EDITOR_CMDLINES.some((l) => re.test(l)) : EDITOR_PROCESSES.some((p) => re.test(p.slice(0, 15)) || re.test(p.charAt(0).toUpperCase() + p.slice(1, 15)));
}

const PKILL_VALUED = ['-u', '-U', '-g', '-G', '-P', '-s', '-t', '--signal', '-F', '--pidfile', '--ns', '--nslist', '-euid', '--euid', '--uid', '--group', '--parent', '--session', '--terminal'];

const editorKill: ShellRule = {
  id: 'system.editor-kill',
  pack: 'system',
  kind: 'shell',
  severity: 'high',
  reason: 'Kills the editor or its extension host, where Airlock\'s gate runs: every open window loses its guard and unsaved work.',
  names: ['pkill', 'killall', 'kill', 'taskkill', 'skill', 'systemctl'],
  match(cmd) {
    const n = cmd.name;
    if (n === 'pkill' || n === 'skill') {
      const ops = operands(cmd.args, PKILL_VALUED);
      const pattern = ops[ops.length - 1];
      if (pattern === undefined) return undefined;
      if (!isKnownArg(cmd.args, cmd.argDynamic, pattern.index)) return { target: pattern.value, detail: 'pattern computed at run time' };
      return patternHitsEditor(pattern.value, hasFlag(cmd.args, ['--full'], 'f'), hasFlag(cmd.args, ['--ignore-case'], 'i')) ? { target: pattern.value } : undefined;
    }
    if (n === 'killall') {
      const regex = hasFlag(cmd.args, ['--regexp'], 'r');
      const ignoreCase = hasFlag(cmd.args, ['--ignore-case'], 'I');
      const names = operands(cmd.args, ['-s', '--signal', '-u', '--user', '-o', '--older-than', '-y', '--younger-than', '-n', '--ns', '-Z', '--context']);
      const hit = names.find((o) => (regex ? patternHitsEditor(o.value, false, ignoreCase) : PROCESS_NAMES.has(ignoreCase ? o.value.toLowerCase() : o.value)));
      return hit ? { target: hit.value } : undefined;
    }
    if (n === 'kill') {
      // `kill $(pgrep -f extensionHost)`, `kill -9 $(pidof code)`: the pid list names what it kills.
      const hit = cmd.args.find((a, i) => cmd.argDynamic[i] && /\b(?:pgrep|pidof|ps|lsof|fuser)\b/.test(a) && EDITOR_WORD.test(a));
      return hit ? { target: hit } : undefined;
    }
    if (n === 'systemctl') {
      const ops = operands(cmd.args, ['-H', '--host', '-M', '--machine', '-s', '--signal']).map((o) => o.value);
      const unit = ops.slice(1).find((u) => /code-server|vscode|openvscode|cursor-server/i.test(u));
      return ['stop', 'kill', 'restart', 'disable', 'mask'].includes(ops[0] ?? '') && unit ? { target: unit } : undefined;
    }
    if (n === 'taskkill') {
      const i = cmd.args.findIndex((a) => a.toLowerCase() === '/im');
      const image = i >= 0 ? (cmd.args[i + 1] ?? '').toLowerCase().replace(/\.exe$/, '') : '';
      return EDITOR_PROCESSES.includes(image) ? { target: cmd.args[i + 1] } : undefined;
    }
    return undefined;
  },
  examples: {
    flag: ['pkill -f code', 'pkill -f extensionHost', 'killall code', 'killall -9 Cursor', 'pkill cursor', 'pkill -9 -f "code-server"', 'kill -9 $(pgrep -f extensionHost)', 'kill $(pidof code)', 'pkill -f node', 'pkill -f "(a+)+$"', 'taskkill /F /IM Code.exe', 'systemctl --user stop code-server', 'kill -9 $(ps aux | grep extensionHost | awk \'{print $2}\')'],
    allow: ['pkill -f vite', 'pkill -f "npm run dev"', 'killall node', 'kill -9 1234', 'pkill -f "python manage.py runserver"', 'killall -9 webpack', 'kill %1', 'systemctl --user restart postgresql'],
  },
};

const EDITOR_CLIS = ['code', 'code-insiders', 'cursor', 'windsurf', 'codium', 'vscodium', 'code-oss', 'code-server', 'openvscode-server', 'cursor-server'];

const extensionOff: ShellRule = {
  id: 'system.airlock-extension-off',
  pack: 'system',
  kind: 'shell',
  severity: 'critical',
  defaultDecision: 'deny',
  reason: 'Uninstalls or disables the Airlock extension (or every extension), which removes the guard from the editor.',
  names: EDITOR_CLIS,
  match(cmd) {
    if (cmd.name === undefined || !EDITOR_CLIS.includes(cmd.name)) return undefined;
    if (cmd.args.includes('--disable-extensions')) return { target: 'every extension' };
    for (let i = 0; i < cmd.args.length; i++) {
      const a = cmd.args[i];
      // Installing "airlock" again can downgrade it or swap in a look-alike VSIX under the same id.
      const m = /^--(uninstall-extension|disable-extension|install-extension)(?:=(.*))?$/.exec(a);
      if (!m) continue;
      const id = m[2] ?? cmd.args[i + 1] ?? '';
      // An id computed at run time may be Airlock's.
      const dynamic = m[2] === undefined && cmd.argDynamic[i + 1] === true;
      if (m[1] === 'install-extension' ? /airlock/i.test(id) : /airlock/i.test(id) || id === '' || dynamic) return { target: id || 'extension', detail: `--${m[1]}` };
    }
    return undefined;
  },
  examples: {
    flag: ['code --uninstall-extension airlock-dev.airlock', 'cursor --disable-extension airlock-dev.airlock', 'code --disable-extensions .', 'code-insiders --uninstall-extension=airlock-dev.airlock', 'windsurf --uninstall-extension $EXT', 'codium --disable-extension airlock-dev.airlock .', 'code --install-extension /tmp/airlock-0.0.1.vsix --force'],
    allow: ['code .', 'code --install-extension esbenp.prettier-vscode', 'code --uninstall-extension ms-python.python', 'cursor --list-extensions', 'code --disable-extension ms-python.python'],
  },
};

export const TAMPER_RULES: readonly ShellRule[] = [guardBypass, editorKill, extensionOff];
