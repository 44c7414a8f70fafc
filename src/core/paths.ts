// Path normalisation and protected-path matching. Agents dodge naive checks with ./.env, src/../.env,
// absolute paths, ~ and case variants; everything is normalised to one absolute, forward-slash form first
// and matched case-insensitively (macOS and Windows file systems are case-insensitive by default).
import { Minimatch } from 'minimatch';

export interface PathContext {
  cwd?: string;
  home?: string;
}

/** POSIX-style normalisation without touching the file system: `a/./b/../c` -> `a/c`. */
function collapse(p: string): string {
  const absolute = p.startsWith('/');
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!absolute) out.push('..');
    } else out.push(part);
  }
  const joined = out.join('/');
  return absolute ? `/${joined}` : joined || '.';
}

/**
 * The path an action would touch: `~` expanded, made absolute against cwd when cwd is known,
 * backslashes turned into slashes, `.`/`..` collapsed, trailing slashes dropped.
 */
export function normalizePath(path: string, ctx: PathContext = {}): string {
  let p = path.trim().replace(/\\/g, '/');
  if (/^[A-Za-z]:\//.test(p)) p = `/${p}`; // C:/x -> /C:/x so it stays absolute
  if (ctx.home && (p === '~' || p.startsWith('~/'))) p = ctx.home.replace(/\\/g, '/') + p.slice(1);
  else if (p === '$HOME' || p.startsWith('$HOME/') || p.startsWith('${HOME}')) {
    if (ctx.home) p = ctx.home.replace(/\\/g, '/') + p.replace(/^\$\{?HOME\}?/, '');
  }
  // `/proc/self/root$HOME/.aws`: bash expands $HOME inside a word too, not only at its start.
  if (ctx.home && p.includes('HOME')) p = p.replace(/\$\{HOME\}|\$HOME(?![A-Za-z0-9_])/g, ctx.home.replace(/\\/g, '/'));
  // A process's root and working directory as seen through /proc: `/proc/self/root/etc/x` is `/etc/x`,
  // `/proc/self/cwd/x` is `x` in the working directory (another pid's cwd is read as this one's: the closest guess).
  const proc = PROC_LINK.exec(p);
  if (proc) p = proc[1] === 'root' ? `/${proc[2] ?? ''}` : proc[2] ?? '.';
  if (!p.startsWith('/') && !p.startsWith('~') && ctx.cwd) {
    let cwd = ctx.cwd.replace(/\\/g, '/');
    if (/^[A-Za-z]:\//.test(cwd)) cwd = `/${cwd}`;
    p = `${cwd}/${p}`;
  }
  return collapse(p);
}

const PROC_LINK = /^\/proc\/+(?:self|thread-self|\d+)\/+(root|cwd)(?:\/+(.*))?$/;

/** Last path segment, lower-cased. */
export function baseNameOf(path: string): string {
  const p = path.replace(/\\/g, '/').replace(/\/+$/, '');
  return p.slice(p.lastIndexOf('/') + 1).toLowerCase();
}

export interface PathMatcher {
  (normalizedPath: string): boolean;
  /**
   * Cheap pre-check on a raw, unnormalised path: false means no glob can match it after normalisation
   * (normalising only adds the cwd/home prefix and removes `.`/`..`, never a glob's literal core).
   */
  mayMatch(rawPath: string): boolean;
}

const MINIMATCH_OPTIONS = { dot: true, nocase: true, nocomment: true, nonegate: true };

/** The longest run of literal characters in a glob: a path must contain it to possibly match. */
function literalCore(glob: string): string {
  let best = '';
  // Brace alternatives and classes are not literal: `{ts,js}` must not require the text `ts,js`.
  for (const part of glob.toLowerCase().replace(/\{[^}]*\}|\[[^\]]*\]/g, '*').split(/[*?[\]{}!()+@]+/)) if (part.length > best.length) best = part;
  return best;
}

/**
 * Compiles globs (minimatch syntax, case-insensitive). Globs without a slash match a file name anywhere
 * (`.env` = `**\/.env`); globs starting with `~/` are anchored at the home directory. Each glob's literal
 * core is checked with `includes` first, so the usual path (matching nothing) costs a few string scans.
 */
export function compileGlobs(globs: readonly string[], ctx: PathContext = {}): PathMatcher {
  // Minimatch objects are built on first use: the literal core rules out almost every path, and the hook
  // process (one classify per process) would otherwise spend milliseconds compiling ~100 globs up front.
  const compiled: { core: string; glob: string; mm?: Minimatch }[] = [];
  for (const raw of globs) {
    let g = raw.trim().replace(/\\/g, '/');
    if (g.length === 0) continue;
    if (g.startsWith('~/')) {
      if (!ctx.home) g = `**/${g.slice(2)}`;
      else g = normalizePath(g, ctx);
    } else if (!g.startsWith('/') && !g.startsWith('**/')) g = `**/${g}`;
    compiled.push({ core: literalCore(g), glob: g });
  }
  if (compiled.length === 0) return Object.assign(() => false, { mayMatch: () => false });
  // The last path segment of each literal core: whole segments survive normalisation unchanged.
  const cores = [...new Set(compiled.map((c) => c.core.replace(/\/+$/, '').replace(/^.*\//, '')))];
  const anything = cores.some((c) => c.length === 0);
  // One alternation of the escaped literals: a tenth of the time of one includes() per core, and this runs
  // for every argument of every command.
  const anyCore = new RegExp(cores.map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'));
  const mayMatch = (raw: string): boolean => {
    if (anything) return true;
    const lower = (raw.includes('\\') ? raw.replace(/\\/g, '/') : raw).toLowerCase();
    return anyCore.test(lower);
  };
  return Object.assign((p: string) => {
    // Relative paths (no cwd known) and `../x` are matched as if rooted, so `**/.env` covers `.env` and `../.env`.
    const rooted = p.startsWith('/') ? p : `/${p.replace(/^(?:\.\.\/)+/, '').replace(/^\.\.$/, '')}`;
    const lower = rooted.toLowerCase();
    for (const c of compiled) if (lower.includes(c.core) && (c.mm ??= new Minimatch(c.glob, MINIMATCH_OPTIONS)).match(rooted)) return true;
    return false;
  }, { mayMatch });
}

/** Directories a build, install or test run recreates: deleting them loses nothing. */
const REGENERABLE_DIRS = new Set([
  'node_modules', 'dist', 'build', 'out', 'coverage', '.nyc_output', '.next', '.nuxt', '.svelte-kit', '.angular',
  '.turbo', '.parcel-cache', '.vite', '.expo', 'storybook-static', 'target', '__pycache__', '.pytest_cache',
  '.mypy_cache', '.ruff_cache', '.tox', '.nox', '.cache', 'cache', '.eslintcache', '.sass-cache', 'tmp', 'temp',
  '.tmp', 'bower_components', '.gradle', '.dart_tool', 'deriveddata', '.build', 'obj', '.venv', 'venv',
  'htmlcov', '.hypothesis', '.docusaurus', '.webpack', 'lib-cov', '.serverless', '.aws-sam', 'cdk.out',
  // Mix's (Elixir) and dune's (OCaml) build folder; Elixir's dependency sources, which `mix deps.get` fetches again
  '_build', '.elixir_ls',
  // Package managers' and Terraform's download caches: `npm ci`, `pnpm install`, `terraform init` fetch them again
  '.terraform', '_cacache', '.npm', '.pnpm-store',
  '.jekyll-cache',
]);
const REGENERABLE_FILES = /\.(?:pyc|pyo|o|obj|class|log|tsbuildinfo|egg-info|orig|rej|swp|tfplan)$|^tfplan$|^\.coverage(?:\.[\w.-]+)?$|^\.ds_store$|^thumbs\.db$|^npm-debug\.log.*$|^(?:package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|bun\.lockb?)$/i;
const TEMP_ROOTS = /^(?:\/tmp|\/var\/tmp|\/private\/tmp|\/var\/folders|\$TMPDIR|\$\{TMPDIR\})(?:\/|$)/i;

/**
 * True when deleting this path (recursively) only removes things a build recreates: the path is inside a
 * regenerable directory or a temp dir, or names regenerable files. The path must stay strictly inside:
 * `/tmp` itself is fine, `.` or `dist/../src` are not (the caller normalises first).
 */
export function isRegenerable(path: string): boolean {
  const p = path.replace(/\\/g, '/').replace(/\/+$/, '');
  if (p === '' || p === '.' || p === '..' || p.startsWith('../')) return false;
  if (TEMP_ROOTS.test(p)) return !p.includes('/../');
  // DVC's cache is named a cache but holds every tracked data version, often the only copy of the old ones
  if (/(?:^|\/)\.dvc\/cache(?:\/|$)/i.test(p)) return false;
  const segments = p.split('/').filter((s) => s && s !== '.');
  for (const seg of segments.slice(0, -1)) if (REGENERABLE_DIRS.has(seg.toLowerCase())) return true;
  const last = (segments[segments.length - 1] ?? '').toLowerCase();
  if (REGENERABLE_DIRS.has(last)) return true;
  // Globs over regenerable files: `*.pyc`, `**/*.log`, `**/__pycache__`.
  const lastNoGlob = last.replace(/^\*+/, 'x');
  return REGENERABLE_FILES.test(lastNoGlob) || REGENERABLE_FILES.test(last);
}
