// Which protected files a recursive reader (grep -r, rg, tar, zip, cp -r, git log -p) would reach under a
// directory, through the injected facts (core does no I/O). Bounded in directories and entries listed; a
// walk cut short says so (complete: false) and the caller treats it as unknown (ask), never as clean.
import ignore, { type Ignore } from 'ignore';
import { minimatch } from 'minimatch';
import { normalizePath } from '../../paths';
import type { RuleContext } from '../types';

const MAX_DIRS = 400;
const MAX_ENTRIES = 20_000;
const MAX_DEPTH = 16;
const MAX_FOUND = 5;
const MAX_DIRS_AFTER_HIT = 8;
/**
 * Config-shaped files get their content checked too (the incident's token sat in config/legacy-deploy.json),
 * a bounded number per walk: this is a second net under the name rules, so past it the walk goes on by name.
 */
const MAX_CONTENT_CHECKS = 64;
/** Files read for a printed line holding a credential (searches only): each is one bounded read and a regex per line. */
const MAX_LINE_CHECKS = 400;
const MAX_LINE_TEXT = 256 * 1024;
/** In a config file, a printed line this close to a credential's line counts as showing it. */
const CONFIG_NEARBY = 3;
// Source and logs are not content-checked in tree walks: a search prints matching lines, not the key line of a
// file with a hard-coded key, and a build copying src/ exposes nothing to the agent (measured: checking them
// flagged 11 more of 248 everyday commands in a red-team corpus).
const CONFIG_LIKE = /\.(?:json|jsonc|json5|ya?ml|toml|ini|cfg|conf|properties|xml|txt|env|tfvars|hcl|sh|bash|zsh|ps1|npmrc|pypirc|bak|old|orig|save|backup|copy|bk)$|^[^.]*rc$/i;
/** Package and VCS stores: secrets there are not the workspace's, and walking them would cost the most. */
const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', 'bower_components', '.venv', 'venv', '__pycache__', '.next', '.turbo', '.cache']);

export interface TreeFilter {
  /** rg, ag and fd skip dotfiles and dot-directories unless told otherwise. */
  skipHidden?: boolean;
  /** Honour .gitignore files from the start directory up to the repository root (rg, ag, git grep). */
  gitignore?: boolean;
  /** Whether the command's own options leave this file out (`--exclude='.env*'`, `--glob '!.env*'`). */
  excludesFile?(rel: string, name: string): boolean;
  excludesDir?(rel: string, name: string): boolean;
  /** False for grep -r, rg and ag without -L: a symlink met while recursing is skipped, not read. Default: followed. */
  followLinks?: boolean;
  /**
   * Whether the command would print anything of this file: false when it provably prints nothing (a literal
   * search whose pattern is on none of its lines). Undefined or true: judged as read.
   */
  printsFrom?(abs: string): boolean;
  /**
   * For a search with a known pattern: whether it prints this line. Then source, logs and data files are checked
   * too, and count only when a line holding a credential is one the search prints (or is within `context` lines
   * of one): `grep -rn STRIPE src/` shows the hard-coded key, `grep -rn TODO src/` does not.
   */
  printsLine?(line: string): boolean;
  /** Lines of context printed around each match (-A/-B/-C). */
  context?: number;
}

export interface TreeScan {
  /** Protected files the command would read, relative to the start (at most a few). */
  found: string[];
  /** False when a bound cut the walk short or a directory could not be listed. */
  complete: boolean;
}

function join(dir: string, name: string): string {
  return dir.endsWith('/') ? `${dir}${name}` : `${dir}/${name}`;
}

/** .gitignore rules that apply at `start`: its own and its ancestors' up to the repository root. */
function gitignoreAt(start: string, ctx: RuleContext): { ig: Ignore; base: string } | undefined {
  const facts = ctx.facts!;
  const files: { dir: string; text: string }[] = [];
  let dir = start;
  for (let i = 0; i < 12; i++) {
    const text = facts.readText(join(dir, '.gitignore'), 64 * 1024);
    if (text !== undefined) files.push({ dir, text });
    if (facts.lstat(join(dir, '.git')) !== undefined) {
      // Patterns are relative to the directory holding each file; rebase them all on the repository root.
      const ig = ignore();
      for (const f of files) {
        const prefix = f.dir === dir ? '' : `${f.dir.slice(dir.length + 1)}/`;
        for (const line of f.text.split(/\r?\n/)) {
          const l = line.trim();
          if (!l || l.startsWith('#')) continue;
          const neg = l.startsWith('!');
          const body = neg ? l.slice(1) : l;
          const anchored = body.includes('/') && !body.endsWith('/') ? body.replace(/^\//, '') : body.startsWith('/') ? body.slice(1) : body;
          const rebased = prefix && body.includes('/') ? `${prefix}${anchored}` : prefix ? `${prefix}**/${anchored}` : body;
          ig.add(neg ? `!${rebased}` : rebased);
        }
      }
      return { ig, base: dir };
    }
    const parent = dir.replace(/\/[^/]+$/, '') || '/';
    if (parent === dir) break;
    dir = parent;
  }
  // rg applies .gitignore only inside a git repository.
  return undefined;
}

/**
 * Output folders a generator in the project writes, by the config file that marks it: the name alone says nothing
 * (`site/`, `public/` and `book/` are sources in plenty of projects), the generator's config beside it does.
 * `bin/` needs no marker (Go, .NET and many Makefiles build into it). Each must also be ignored by git.
 */
const GENERATED_FOLDERS: readonly { folder: string; markers: readonly string[] }[] = [
  { folder: 'bin', markers: [] },
  { folder: 'site', markers: ['mkdocs.yml', 'mkdocs.yaml'] },
  { folder: '_site', markers: ['_config.yml', '_config.toml', '.eleventy.js', 'eleventy.config.js', 'eleventy.config.mjs', 'eleventy.config.cjs'] },
  { folder: 'public', markers: ['hugo.toml', 'hugo.yaml', 'hugo.json', 'gatsby-config.js', 'gatsby-config.ts', 'gatsby-config.mjs'] },
  { folder: 'resources/_gen', markers: ['hugo.toml', 'hugo.yaml', 'hugo.json', 'config.toml'] },
  { folder: 'book', markers: ['book.toml'] },
  { folder: '_book', markers: ['book.json', 'SUMMARY.md'] },
  { folder: '.output', markers: ['nuxt.config.ts', 'nuxt.config.js', 'nuxt.config.mjs', 'app.config.ts'] },
  // Phoenix's esbuild/tailwind output (`mix assets.deploy` writes it again)
  { folder: 'priv/static/assets', markers: ['mix.exs'] },
  // Rails' precompiled assets (`rails assets:precompile`)
  { folder: 'public/assets', markers: ['config/application.rb'] },
  { folder: 'public/packs', markers: ['config/application.rb'] },
  // wrangler's local state and build output (`wrangler dev` makes it again)
  { folder: '.wrangler', markers: ['wrangler.toml', 'wrangler.json', 'wrangler.jsonc'] },
  // code generators' output, when git ignores it
  { folder: 'generated', markers: [] },
  { folder: '__generated__', markers: [] },
];

/** `"outDir": "lib"` in the tsconfig.json beside a folder: TypeScript writes it on every build. */
function tscOutDir(abs: string, ctx: RuleContext): string | undefined {
  // the folder itself or one of its three nearest ancestors (`functions/lib/x/y.js`)
  for (let dir = abs, hop = 0; dir.length > 1 && hop < 4; dir = dir.slice(0, dir.lastIndexOf('/')) || '/', hop++) {
    const parent = dir.slice(0, dir.lastIndexOf('/')) || '/';
    const text = ctx.facts?.readText(join(parent, 'tsconfig.json'), 64 * 1024);
    const out = text === undefined ? undefined : /"outDir"\s*:\s*"(?:\.\/)?([\w.-]+)\/?"/.exec(text)?.[1];
    if (out !== undefined && dir === join(parent, out)) return dir;
  }
  return undefined;
}

/**
 * A generated folder (see GENERATED_FOLDERS) that the repository ignores is regenerable; true for that folder or
 * a path inside it.
 */
export function ignoredBuildFolder(abs: string, ctx: RuleContext): boolean {
  const facts = ctx.facts;
  if (!facts) return false;
  const out = tscOutDir(abs, ctx);
  if (out !== undefined && ignored(gitignoreAt(out.slice(0, out.lastIndexOf('/')) || '/', ctx), out, true)) return true;
  for (const { folder, markers } of GENERATED_FOLDERS) {
    const at = abs.indexOf(`/${folder}`);
    for (let i = at; i >= 0; i = abs.indexOf(`/${folder}`, i + 1)) {
      const end = i + folder.length + 1;
      if (end < abs.length && abs[end] !== '/') continue;
      const root = abs.slice(0, i) || '/';
      const dir = abs.slice(0, end);
      if (markers.length > 0 && !markers.some((m) => facts.stat(join(root, m))?.kind === 'file')) continue;
      const parent = dir.slice(0, dir.lastIndexOf('/')) || '/';
      if (ignored(gitignoreAt(parent, ctx), dir, true)) return true;
    }
  }
  return false;
}

function ignored(gi: { ig: Ignore; base: string } | undefined, abs: string, isDir: boolean): boolean {
  if (!gi || !abs.startsWith(`${gi.base}/`)) return false;
  const rel = abs.slice(gi.base.length + 1);
  try {
    return gi.ig.ignores(isDir ? `${rel}/` : rel);
  } catch {
    return false;
  }
}

/**
 * Protected files a recursive read of `start` (absolute or relative to the cwd) would reach, or
 * undefined when no facts were injected or the start does not exist.
 */
export function protectedInTree(start: string, ctx: RuleContext, filter: TreeFilter = {}): TreeScan | undefined {
  const facts = ctx.facts;
  if (!facts) return undefined;
  const root = normalizePath(start, { ...(ctx.cwd !== undefined ? { cwd: ctx.cwd } : {}), ...(ctx.home !== undefined ? { home: ctx.home } : {}) });
  if (!root.startsWith('/')) return undefined;
  const st = facts.stat(root);
  if (!st) return undefined;
  const byName = ctx.isProtectedByName ?? ctx.isProtectedPath;
  if (st.kind !== 'dir') {
    const name = root.slice(root.lastIndexOf('/') + 1);
    return { found: ctx.isProtectedPath(root) && !filter.excludesFile?.(name, name) ? [name] : [], complete: true };
  }
  const gi = filter.gitignore ? gitignoreAt(root, ctx) : undefined;
  const found: string[] = [];
  const queue: { abs: string; rel: string; depth: number }[] = [{ abs: root, rel: '', depth: 0 }];
  let dirs = 0;
  let entries = 0;
  let contentChecks = 0;
  let lineChecks = 0;
  let dirsAfterHit = 0;
  while (queue.length > 0) {
    const d = queue.shift()!;
    if (++dirs > MAX_DIRS) return { found, complete: false };
    // One hit is enough to flag; a few more directories make the "without them" hint cover the usual places.
    if (found.length > 0 && ++dirsAfterHit > MAX_DIRS_AFTER_HIT) return { found, complete: true };
    const listing = facts.listDir(d.abs);
    if (!listing) continue; // unreadable: the reader cannot read it either
    if (!listing.complete) return { found, complete: false };
    for (let i = 0; i < listing.names.length; i++) {
      if (++entries > MAX_ENTRIES) return { found, complete: false };
      const name = listing.names[i]!;
      const abs = join(d.abs, name);
      const rel = d.rel ? `${d.rel}/${name}` : name;
      if (filter.skipHidden && name.startsWith('.')) continue;
      const kind = listing.kinds?.[i] ?? facts.lstat(abs)?.kind;
      if (kind === 'dir') {
        // grep -r reads a repository's .git too: its config keeps remote URLs, tokens in them included
        if (name === '.git' && !filter.gitignore && !filter.skipHidden && filter.printsLine !== undefined && found.length === 0 && !filter.excludesDir?.(rel, name)) {
          const config = join(abs, 'config');
          if (facts.lstat(config)?.kind === 'file' && printsCredentialLine(config, filter.printsLine, filter.context ?? 0, ctx)) found.push(`${rel}/config`);
        }
        if (SKIP_DIRS.has(name) || filter.excludesDir?.(rel, name) || ignored(gi, abs, true)) continue;
        if (d.depth + 1 < MAX_DEPTH) queue.push({ abs, rel, depth: d.depth + 1 });
        else return { found, complete: false };
        continue;
      }
      if (kind !== 'file' && kind !== 'symlink') continue;
      if (kind === 'symlink' && filter.followLinks === false) continue;
      // A regular file is judged by name (no link to follow); a symlink by where it leads.
      const named = kind === 'file' ? byName(abs) : ctx.isProtectedPath(abs);
      // Once a file is found, names alone finish the hint: content checks are the walk's main cost.
      const byContent = !named && found.length === 0 && kind === 'file' && contentChecks < MAX_CONTENT_CHECKS && CONFIG_LIKE.test(name);
      const byLine = !named && !byContent && found.length === 0 && kind === 'file' && filter.printsLine !== undefined && lineChecks < MAX_LINE_CHECKS;
      if (!named && !byContent && !byLine) continue;
      if (filter.excludesFile?.(rel, name) || ignored(gi, abs, false)) continue;
      if (byContent) {
        contentChecks++;
        // No credential in it, and not a hard link to a protected file under this innocent name.
        const link = hardLinkedSecret(abs, ctx);
        if ((facts.secretsIn(abs)?.length ?? 0) === 0 && link === undefined) continue;
        // A search shows its matching lines only: a config file counts when one of them holds the credential or
        // sits right by it (the `"railway": {` line above `"token": …` points the agent at it)
        if (link === undefined && filter.printsLine !== undefined && !printsCredentialLine(abs, filter.printsLine, Math.max(filter.context ?? 0, CONFIG_NEARBY), ctx)) continue;
      }
      if (byLine) {
        lineChecks++;
        if (!printsCredentialLine(abs, filter.printsLine!, filter.context ?? 0, ctx)) continue;
      }
      if (filter.printsFrom && !filter.printsFrom(abs)) continue;
      found.push(rel);
      if (found.length >= MAX_FOUND) return { found, complete: true };
    }
  }
  return { found, complete: true };
}

/** Whether a search printing the lines `printsLine` accepts (with `context` lines around) shows a credential in `abs`. */
function printsCredentialLine(abs: string, printsLine: (line: string) => boolean, context: number, ctx: RuleContext): boolean {
  const facts = ctx.facts!;
  const text = facts.readText(abs, MAX_LINE_TEXT);
  // too large or not a regular file: left to the name rules, as before; a NUL byte makes grep and rg call it binary
  if (text === undefined || text.includes('\u0000')) return false;
  const lines = text.split('\n');
  const printed: number[] = [];
  for (let i = 0; i < lines.length; i++) if (printsLine(lines[i]!)) printed.push(i + 1);
  if (printed.length === 0) return false;
  const secrets = facts.secretsIn(abs);
  if (secrets === undefined || secrets.length === 0) return false;
  return secrets.some((s) => printed.some((p) => Math.abs(p - s.line) <= context));
}

/** gitignore-style glob test: a glob without a slash matches the name anywhere, one with a slash the path. */
export function globHits(glob: string, rel: string, name: string, nocase = false, ifTooComplex = false): boolean {
  const g = glob.replace(/^\.\//, '');
  // Brace groups multiply when expanded: a glob with many cannot be judged cheaply, so the caller picks the safe side.
  if (g.length > 512 || (g.match(/\{/g)?.length ?? 0) > 3 || (g.match(/,/g)?.length ?? 0) > 24) return ifTooComplex;
  const opts = { dot: true, nocase, nocomment: true, nonegate: true };
  if (!g.includes('/') || g.endsWith('/')) return minimatch(name, g.replace(/\/$/, ''), opts);
  return minimatch(rel, g.replace(/^\//, ''), opts) || minimatch(rel, `**/${g.replace(/^\//, '')}`, opts);
}

/** `--exclude` globs that would leave these files out: `.env*` for dotenv files, `*.key` for keys. */
export function exclusionGlobs(found: readonly string[]): string[] {
  const out = new Set<string>();
  for (const rel of found) {
    const name = rel.slice(rel.lastIndexOf('/') + 1);
    if (/^\.env/i.test(name)) out.add('.env*');
    else if (/^[^.]+\.[^.]+$/.test(name) && !/^[^.]+\.(?:json|yaml|yml|toml|txt)$/i.test(name)) out.add(`*${name.slice(name.indexOf('.'))}`);
    else out.add(name);
  }
  return [...out];
}

const HOME_SECRET_DIRS = ['.ssh', '.aws', '.kube', '.docker', '.config/gcloud', '.azure', '.gnupg'];
const MAX_LINK_LOOKUPS = 400;

/**
 * A protected file that is the same file (device + inode) as `abs`, found by looking in the directories
 * from `abs` up to the filesystem root (bounded) and in the home credential folders. Only files with more
 * than one link are looked at, so ordinary reads pay one stat.
 */
export function hardLinkedSecret(abs: string, ctx: RuleContext): string | undefined {
  const facts = ctx.facts;
  if (!facts) return undefined;
  const st = facts.stat(abs);
  // Package stores (pnpm) hard-link every file they install: those are not secrets.
  if (!st || st.kind !== 'file' || st.nlink < 2 || abs.includes('/node_modules/')) return undefined;
  const byName = ctx.isProtectedByName ?? ctx.isProtectedPath;
  const dirs: string[] = [];
  for (let d = abs.replace(/\/[^/]*$/, ''); d.length > 0; d = d.replace(/\/[^/]*$/, '')) dirs.push(d);
  dirs.push('/');
  if (ctx.home) for (const h of HOME_SECRET_DIRS) dirs.push(normalizePath(`~/${h}`, { home: ctx.home }));
  let lookups = 0;
  for (const dir of dirs.slice(0, 24)) {
    const listing = facts.listDir(dir);
    if (!listing) continue;
    for (const name of listing.names) {
      const candidate = dir === '/' ? `/${name}` : `${dir}/${name}`;
      if (candidate === abs || !byName(candidate)) continue;
      // The content check already passed: this is a second net, so a search cut short ends quietly.
      if (++lookups > MAX_LINK_LOOKUPS) return undefined;
      const other = facts.stat(candidate);
      if (other && other.kind === 'file' && other.dev === st.dev && other.ino === st.ino) return candidate;
    }
  }
  return undefined;
}

