// Small word-level helpers shared by the data-loss packs (sql, orm, cloud, http, iac, k8s, containers).
// Everything here works on already-unquoted argv words from the shell analyzer.

/** `--foo`, `-x`, `-xvf`; a lone `-` (stdin) and `--` (end of options) are not options. */
export function isOption(word: string): boolean {
  return word.length > 1 && word.startsWith('-') && word !== '--';
}

/**
 * Words that are not options, stopping at `--`. `valued` names options that take the next word as their
 * value, so `--profile prod s3 rb` yields `s3 rb` and not `prod s3 rb`.
 */
export function positionals(args: readonly string[], valued: ReadonlySet<string> = EMPTY): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') break;
    if (isOption(a)) {
      if (!a.includes('=') && valued.has(a)) i++;
      continue;
    }
    out.push(a);
  }
  return out;
}
const EMPTY: ReadonlySet<string> = new Set();

/** True when any of `names` appears as an option, also as `--name=value` or inside a short cluster (`-fv`). */
export function hasOption(args: readonly string[], long: readonly string[], short = ''): boolean {
  for (const a of args) {
    if (a === '--') return false;
    if (!isOption(a)) continue;
    if (a.startsWith('--')) {
      const name = a.split('=', 1)[0];
      if (long.includes(name)) return true;
    } else if (short) {
      // A short cluster such as `-rf`: any letter counts.
      for (const ch of a.slice(1)) if (short.includes(ch)) return true;
    }
  }
  return false;
}

/** The value of `--name value`, `--name=value`, `-n value` or `-nvalue`; first occurrence wins. */
export function optionValue(args: readonly string[], long: readonly string[], short: readonly string[] = []): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') return undefined;
    for (const n of long) {
      if (a === n) return args[i + 1];
      if (a.startsWith(n + '=')) return a.slice(n.length + 1);
    }
    for (const n of short) {
      if (a === n) return args[i + 1];
      if (a.startsWith(n) && a.length > n.length && !a.startsWith('--')) return a.slice(n.length);
    }
  }
  return undefined;
}

/** Every value of a repeatable option (`-d a -d b`, `--data=a`). */
export function optionValues(args: readonly string[], long: readonly string[], short: readonly string[] = []): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') break;
    let hit = false;
    for (const n of long) {
      if (a === n && i + 1 < args.length) { out.push(args[++i]); hit = true; break; }
      if (a.startsWith(n + '=')) { out.push(a.slice(n.length + 1)); hit = true; break; }
    }
    if (hit) continue;
    for (const n of short) {
      if (a === n && i + 1 < args.length) { out.push(args[++i]); break; }
      if (a.startsWith(n) && a.length > n.length && !a.startsWith('--')) { out.push(a.slice(n.length)); break; }
    }
  }
  return out;
}

/**
 * Splits an identifier into lower-case words: `volumeDelete` -> [volume, delete], `delete_project` ->
 * [delete, project], `HTTPServerReset` -> [http, server, reset], `apps:destroy` -> [apps, destroy].
 */
export function identifierWords(name: string): string[] {
  // Capped: real identifiers are short, and `[A-Z]+` below would rescan a long upper-case run from every start.
  return (name.length > 128 ? name.slice(0, 128) : name)
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

/** Lower-cased basename of a path-like word, so `./bin/rails` and `rails` compare equal. */
export function baseName(word: string): string {
  const i = Math.max(word.lastIndexOf('/'), word.lastIndexOf('\\'));
  return (i >= 0 ? word.slice(i + 1) : word).toLowerCase();
}

/** Cuts long text for `detail`/`target` so a verdict never carries a whole body. */
export function clip(text: string, max = 80): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine;
}

/** An option's value also when its letter ends a cluster (`curl -sSo FILE`) or is glued to it (`-oFILE`). */
export function clusteredValue(args: readonly string[], long: string, letter: string): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === long) return args[i + 1];
    if (a.startsWith(`${long}=`)) return a.slice(long.length + 1);
    if (/^-[A-Za-z]+$/.test(a) && a.endsWith(letter) && !a.startsWith('--')) return args[i + 1];
    if (a.startsWith(`-${letter}`) && a.length > 2 && !a.startsWith('--')) return a.slice(2);
  }
  return undefined;
}

/**
 * The archive tar reads or writes: `--file X`, `-f X`, `-xzf X` (f ends the cluster), `-fX`, and the old style
 * without a dash (`tar czf X …`, where f takes the next word).
 */
export function tarFileOption(args: readonly string[]): string | undefined {
  const first = args[0] ?? '';
  if (/^[A-Za-z]+$/.test(first) && first.includes('f')) return args[1];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') break;
    if (a === '--file') return args[i + 1];
    if (a.startsWith('--file=')) return a.slice(7);
    const m = /^-([A-Za-z]*?)f(.*)$/.exec(a);
    if (m && !a.startsWith('--')) return m[2] !== '' ? m[2] : args[i + 1];
  }
  return undefined;
}
