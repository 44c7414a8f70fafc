// Serving a folder over HTTP hands every file under it to whoever connects: `python3 -m http.server` in the
// home directory publishes ~/.ssh, ~/.aws and the shell histories. Serving the workspace or a build folder is
// everyday work and stays allowed; the home directory, any folder above it, and the credential folders in it ask.
import { normalizePath } from '../paths';
import { isKnownArg, operands } from '../shell/argv';
import type { RuleContext, ShellRule, SimpleCommand } from './types';

/** Home folders that hold credentials: serving one (or anything inside it) serves them. */
const HOME_SECRET_DIRS = ['.ssh', '.aws', '.kube', '.docker', '.gnupg', '.azure', '.config', '.password-store', '.mozilla', 'Library', '.local/share/keyrings'];
const PYTHON = /^python(?:[23](?:\.\d+)?)?$/;
/** `serve`, `serve@14`, `http-server@latest` (what `npx serve …` unwraps to). */
const NODE_SERVER = /^(?:serve|http-server|live-server|static-server|httpster)(?:@[\w.^~-]+)?$/;

/** The folder a static file server would serve, as written (`.` when it serves its working directory). */
export function servedFolder(cmd: SimpleCommand): string | undefined {
  const name = cmd.name;
  if (name === undefined) return undefined;
  const a = cmd.args;
  const known = (i: number) => i >= 0 && i < a.length && isKnownArg(a, cmd.argDynamic, i);
  const valueOf = (short: string | undefined, long: string): string | undefined => {
    for (let i = 0; i < a.length; i++) {
      if (a[i] === long || (short !== undefined && a[i] === short)) return known(i + 1) ? a[i + 1] : '?';
      if (a[i]!.startsWith(`${long}=`)) return a[i]!.slice(long.length + 1);
      if (short !== undefined && a[i]!.startsWith(short) && a[i]!.length > short.length && !a[i]!.startsWith('--')) return a[i]!.slice(short.length);
    }
    return undefined;
  };
  if (PYTHON.test(name)) {
    const m = a.findIndex((x) => x === '-m' || /^-m(?:http\.server|SimpleHTTPServer)$/.test(x));
    if (m < 0) return undefined;
    const mod = a[m] === '-m' ? a[m + 1] : a[m]!.slice(2);
    if (mod === 'SimpleHTTPServer') return '.';
    if (mod !== 'http.server') return undefined;
    return valueOf('-d', '--directory') ?? '.';
  }
  if (NODE_SERVER.test(name)) {
    // The first operand is the folder (options' values are ports, addresses and config files).
    const ops = operands(a, ['-l', '--listen', '-p', '--port', '-a', '--address', '-c', '--config', '--ssl-cert', '--ssl-key', '-S', '-C', '-K', '--cert', '--key', '-P', '--proxy', '--host', '--entry-file', '--mount', '--ignore', '--wait', '--open', '-o', '-e', '--ext', '-t', '--timeout', '-s', '--silent']);
    const first = ops[0];
    if (first === undefined) return name.startsWith('http-server') ? './public' : '.';
    return known(first.index) ? first.value : '?';
  }
  if (name === 'php') {
    if (!a.includes('-S') && !a.some((x) => /^-S./.test(x))) return undefined;
    return valueOf('-t', '--docroot') ?? '.';
  }
  if (name === 'ruby') {
    // `ruby -run -e httpd [DIR] -p 8000` (un.rb)
    const e = a.indexOf('-e');
    if (!a.includes('-run') || a[e + 1] !== 'httpd') return undefined;
    const rest = a.slice(e + 2);
    const ops = operands(rest, ['-p', '--port', '-b', '--bind-address']);
    return ops[0] ? (known(e + 2 + ops[0].index) ? ops[0].value : '?') : '.';
  }
  // `busybox httpd -f -p 8080 [-h DIR]` (the analyzer unwraps busybox); a bare `httpd` is Apache, configured by its files.
  if ((name === 'busybox' && a[0] === 'httpd') || (name === 'httpd' && cmd.via.some((v) => v.startsWith('busybox')))) return valueOf(undefined, '-h') ?? '.';
  if (name === 'darkhttpd') return a[0] !== undefined && known(0) && !a[0].startsWith('-') ? a[0] : '.';
  if (name === 'caddy' && a[0] === 'file-server') return valueOf('-r', '--root') ?? '.';
  return undefined;
}

/** Why serving this folder exposes credentials, or undefined when it does not. */
function exposes(folder: string, ctx: RuleContext): string | undefined {
  if (folder === '?' || (ctx.cwd === undefined && !folder.startsWith('/') && !folder.startsWith('~'))) return undefined;
  const pc = { ...(ctx.cwd !== undefined ? { cwd: ctx.cwd } : {}), ...(ctx.home !== undefined ? { home: ctx.home } : {}) };
  const abs = normalizePath(folder, pc).replace(/\/+$/, '') || '/';
  // With no home known, `~` is still the home directory.
  const home = ctx.home !== undefined ? normalizePath(ctx.home).replace(/\/+$/, '') : '~';
  if (abs === '/') return 'the whole file system, home directory included';
  if (abs === home || home.startsWith(`${abs}/`)) return abs === home ? 'the home directory (~/.ssh, ~/.aws, shell histories)' : `${abs}, which holds the home directory`;
  if (abs.startsWith(`${home}/`)) {
    const rel = abs.slice(home.length + 1);
    const hit = HOME_SECRET_DIRS.find((d) => rel === d || rel.startsWith(`${d}/`));
    if (hit) return `~/${hit}, a credential folder`;
  }
  if (ctx.isProtectedPath(abs) || ctx.isProtectedPath(`${abs}/credentials`)) return `${abs}, a credential folder`;
  return undefined;
}

const serveSecrets: ShellRule = {
  id: 'secrets.serve-home',
  pack: 'secrets',
  kind: 'shell',
  severity: 'high',
  reason: 'Serves the home directory (or a folder holding credentials) over HTTP: keys, cloud credentials and shell histories become downloadable.',
  match(cmd, ctx) {
    const folder = servedFolder(cmd);
    if (folder === undefined) return undefined;
    const why = exposes(folder, ctx);
    return why === undefined ? undefined : { target: folder, detail: `serves ${why}`, note: `It would serve ${why}; serve the workspace or a build folder instead.` };
  },
  examples: {
    flag: [
      'cd ~ && python3 -m http.server 8000 --bind 0.0.0.0',
      'python3 -m http.server -d ~ 8000',
      'python3 -m http.server --directory=/home/u 9000',
      'cd ~/.ssh && python -m SimpleHTTPServer',
      'npx serve ~',
      'npx -y http-server ~/.aws -p 8080',
      'cd ~ && php -S 0.0.0.0:8000',
      'php -S 0.0.0.0:8000 -t /',
      'ruby -run -e httpd ~ -p 8000',
      'cd ~ && busybox httpd -f -p 8080',
      'python3 -m http.server -d /home 8000',
    ],
    allow: [
      'python3 -m http.server 8000',
      'python3 -m http.server -d dist 8000',
      'npx serve dist',
      'npx http-server ./build -p 8080',
      'php -S localhost:8000 -t public',
      'ruby -run -e httpd . -p 8000',
      'cd ~/projects/api && python3 -m http.server',
      'python3 -m pytest',
    ],
  },
};

export const SERVE_RULES: readonly ShellRule[] = [serveSecrets];
