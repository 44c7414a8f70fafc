// Reading argv the way the programs themselves do: options vs operands, bundled short flags,
// and git's global options before the subcommand. Shared by the fs/git/system/secrets packs.

export function isOption(word: string): boolean {
  return word.length > 1 && word.startsWith('-') && word !== '--';
}

/** Operands (non-options), honouring `--`. `valued` options consume the next word. */
export function operands(args: readonly string[], valued: readonly string[] = []): { value: string; index: number }[] {
  const out: { value: string; index: number }[] = [];
  let endOfOptions = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (!endOfOptions && a === '--') {
      endOfOptions = true;
      continue;
    }
    if (!endOfOptions && isOption(a)) {
      if (!a.includes('=') && valued.includes(a)) i++;
      continue;
    }
    out.push({ value: a, index: i });
  }
  return out;
}

/** `--long`, `--long=x`, or a short flag alone or bundled (`-rf` has r and f). Stops at `--`. */
export function hasFlag(args: readonly string[], long: readonly string[], short = ''): boolean {
  for (const a of args) {
    if (a === '--') return false;
    if (a.startsWith('--')) {
      const key = a.includes('=') ? a.slice(0, a.indexOf('=')) : a;
      if (long.includes(key)) return true;
    } else if (a.startsWith('-') && a.length > 1 && short.length > 0 && /^-[A-Za-z0-9]+$/.test(a)) {
      for (const c of a.slice(1)) if (short.includes(c)) return true;
    }
  }
  return false;
}

const GIT_VALUED_GLOBALS = ['-C', '-c', '--git-dir', '--work-tree', '--namespace', '--super-prefix', '--exec-path', '--config-env'];

/** `git -C dir -c k=v push …` -> { sub: 'push', args: [...] }. */
export function gitSubcommand(args: readonly string[]): { sub: string; args: string[] } | undefined {
  let i = 0;
  while (i < args.length && args[i].startsWith('-')) {
    const a = args[i];
    i += GIT_VALUED_GLOBALS.includes(a) ? 2 : 1;
  }
  if (i >= args.length) return undefined;
  return { sub: args[i], args: args.slice(i + 1) };
}

/** Candidate paths inside one word: the word, `key=path`, `@path` (curl -d @file, -F f=@file). */
export function pathCandidates(word: string): string[] {
  const out = [word];
  const eq = word.lastIndexOf('=');
  if (eq >= 0 && eq < word.length - 1) out.push(word.slice(eq + 1));
  for (const w of [...out]) {
    const at = w.indexOf('@');
    if (at >= 0 && at < w.length - 1) out.push(w.slice(at + 1).replace(/;.*$/, ''));
  }
  return out;
}

/**
 * Whether arg `i` is known before the command runs: static, or only `$HOME`/`${HOME}` in front of a
 * static rest, or static text before it (`/proc/self/root$HOME/…`) (normalizePath expands that). `cat $HOME/.aws/credentials` names its file as surely as `~/`.
 */
export function isKnownArg(args: readonly string[], argDynamic: readonly boolean[], i: number): boolean {
  return !argDynamic[i] || /^[^$`]*(?:\$HOME|\$\{HOME\})(?:\/[^$`]*)?$/.test(args[i] ?? '');
}

/** One word as the shell reads it back literally: plain words as they are, anything else single-quoted. */
export function quoteWord(w: string): string {
  return /^[A-Za-z0-9._/~=:,@%+-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`;
}

/** The revision and paths of `git checkout REV -- paths` / `git restore --source=REV paths` (a few plain paths). */
export function restoreFromRevision(sub: string, rest: readonly string[]): { rev: string; paths: string[] } | undefined {
  let rev: string | undefined;
  let paths: string[] = [];
  if (sub === 'checkout' && rest.includes('--')) {
    const before = rest.slice(0, rest.indexOf('--')).filter((a) => !a.startsWith('-'));
    if (before.length !== 1) return undefined;
    rev = before[0];
    paths = rest.slice(rest.indexOf('--') + 1);
  } else if (sub === 'restore') {
    for (let i = 0; i < rest.length; i++) {
      const a = rest[i]!;
      if (a.startsWith('--source=')) rev = a.slice(9);
      else if (a === '--source' || a === '-s') rev = rest[++i];
      else if (/^-s./.test(a)) rev = a.slice(2);
      else if (a !== '--' && !a.startsWith('-')) paths.push(a);
    }
  } else return undefined;
  if (rev === undefined || rev.startsWith('-') || !/^[\w./@{}~^-]+$/.test(rev)) return undefined;
  paths = paths.filter((p) => /^[\w./-]+$/.test(p) && !p.split('/').includes('..')).slice(0, 8);
  return paths.length > 0 ? { rev, paths } : undefined;
}
