// Tools are rarely run bare: `npx prisma …`, `bundle exec rails …`, `python manage.py …`, `php artisan …`,
// `docker compose exec db psql …`, `kubectl exec pod -- psql …`, `doppler run -- terraform destroy`.
// The shell analyzer peels shell-level wrappers (sudo, env, bash -c, …); this peels the project-level runners
// those packs care about, giving each rule every (name, args) view a command could run as.
import type { RuleContext, SimpleCommand } from '../types';
import { analyzeShell } from '../../shell';
import { justRunsNothing } from '../../effects/follow';
import { baseName, isOption, optionValue } from './words';
import { RecentByIdentity } from './memo';
import { table } from '../../table';

export interface CommandView {
  /** Lower-cased basename: `rails`, `manage.py`, `artisan`, `psql`. */
  name: string;
  args: string[];
}

const MAX_DEPTH = 4;

/** Runners whose first non-option word is the program: `npx [-y] [-p pkg] prisma …`. */
const PREFIX_RUNNERS = table<{ valued: string[]; sub?: string[] }>({
  npx: { valued: ['-p', '--package', '-c', '--call'] },
  bunx: { valued: ['-p', '--package'] },
  pnpx: { valued: [] },
  dotenv: { valued: ['-e', '-c', '-v'] },
  'dotenv-cli': { valued: ['-e', '-c', '-v'] },
  'with-env': { valued: [] },
  'cross-env': { valued: [] },
  // project runners with a sub-verb
  // `npm run <script>`: the script name is usually the tool it wraps (`"typeorm": "typeorm-ts-node-commonjs"`)
  npm: { valued: ['-w', '--workspace', '--prefix', '-p', '--package', '-c', '--call'], sub: ['exec', 'x', 'run', 'run-script'] },
  pnpm: { valued: ['-C', '--dir', '--filter', '-F', '-w', '--workspace'], sub: ['exec', 'dlx', 'x'] },
  yarn: { valued: ['--cwd'], sub: ['exec', 'dlx', 'run'] },
  bun: { valued: ['--cwd'], sub: ['x', 'run', 'exec'] },
  bundle: { valued: ['--gemfile'], sub: ['exec'] },
  be: { valued: [] },
  poetry: { valued: ['-C', '--directory'], sub: ['run'] },
  uv: { valued: ['--with', '--python', '-p', '--project', '--directory', '--env-file'], sub: ['run'] },
  pipenv: { valued: [], sub: ['run'] },
  pdm: { valued: [], sub: ['run'] },
  hatch: { valued: [], sub: ['run'] },
  rye: { valued: [], sub: ['run'] },
  doppler: { valued: ['-p', '--project', '-c', '--config', '--token'], sub: ['run'] },
  op: { valued: ['--env-file'], sub: ['run'] },
  infisical: { valued: ['--env', '--path', '--projectId', '--token'], sub: ['run'] },
  railway: { valued: ['-s', '--service', '-e', '--environment'], sub: ['run'] },
  heroku: { valued: ['-a', '--app', '-r', '--remote', '-s', '--size', '-e', '--env'], sub: ['run'] },
  sail: { valued: [], sub: [] },
  mise: { valued: [], sub: ['exec', 'x'] },
  asdf: { valued: [], sub: ['exec'] },
  nix: { valued: [], sub: [] },
  direnv: { valued: [], sub: ['exec'] },
});

/** Interpreters whose script file is the real program: `python manage.py` -> `manage.py`. */
const SCRIPT_INTERPRETERS = new Set(['python', 'python3', 'python2', 'py', 'php', 'ruby', 'node', 'deno', 'bun', 'ts-node', 'tsx']);

const DOCKER_EXEC_VALUED = new Set(['-e', '--env', '-u', '--user', '-w', '--workdir', '--env-file', '--detach-keys', '--index']);
const DOCKER_RUN_VALUED = new Set([
  ...DOCKER_EXEC_VALUED, '-v', '--volume', '-p', '--publish', '--name', '--network', '--net', '--entrypoint', '-l', '--label',
  '--mount', '--platform', '--add-host', '-h', '--hostname', '-m', '--memory', '--cpus', '--pull', '--restart',
]);

function afterValuedOptions(args: string[], from: number, valued: ReadonlySet<string> | readonly string[]): number {
  const has = (a: string): boolean => (valued instanceof Set ? valued.has(a) : (valued as readonly string[]).includes(a));
  let i = from;
  while (i < args.length && isOption(args[i])) {
    if (!args[i].includes('=') && has(args[i])) i++;
    i++;
  }
  if (args[i] === '--') i++;
  return i;
}

function view(name: string, args: string[]): CommandView {
  return { name: baseName(name), args };
}

/** npm-style runners and the words that run a package.json script: `npm run db:reset`, `pnpm db:reset`, `yarn db:reset`. */
const SCRIPT_RUNNERS = table<{ run: string[]; bare: boolean }>({
  npm: { run: ['run', 'run-script', 'rum', 'urn'], bare: false },
  pnpm: { run: ['run'], bare: true },
  yarn: { run: ['run'], bare: true },
  bun: { run: ['run'], bare: false },
});

/** A Makefile/justfile recipe's command lines: the indented lines under `target:` (make's `@`/`-` prefixes dropped). */
export function recipeLines(file: string, target: string): string[] {
  const lines = file.split('\n');
  const head = new RegExp(`^${target.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:\\s[^:=]*)?:(?!=)`);
  const at = lines.findIndex((l) => head.test(l));
  if (at < 0) return [];
  const out: string[] = [];
  for (const l of lines.slice(at + 1, at + 201)) {
    if (!/^(\t| {2,})/.test(l)) {
      if (l.trim() === '' || l.trimStart().startsWith('#')) continue;
      break;
    }
    out.push(l.trim().replace(/^[@-]+/, ''));
  }
  return out;
}

function peel(v: CommandView, depth: number, out: CommandView[], scripts: () => Record<string, string>, read: (f: string) => string | undefined): void {
  out.push(v);
  if (depth >= MAX_DEPTH || v.args.length === 0) return;
  const { name, args } = v;
  const next = (i: number): void => {
    if (i >= args.length) return;
    // `heroku run "python manage.py flush"`: one quoted word holding a whole command line
    if (/\s/.test(args[i])) script(args[i]);
    else peel(view(args[i], args.slice(i + 1)), depth + 1, out, scripts, read);
  };
  /** A command line carried as a string (`fly ssh console -C "…"`), split by the real shell parser. */
  const script = (text: string): void => {
    for (const c of commandsOf(text)) if (c.name !== undefined) peel(view(c.name, c.args), depth + 1, out, scripts, read);
  };

  // `make db-reset` / `just reset`: the recipe's lines are what runs
  if (name === 'make' || name === 'gmake' || name === 'just') {
    const file = name === 'just' ? read('justfile') ?? read('Justfile') : read('Makefile') ?? read('makefile') ?? read('GNUmakefile');
    // `make -n nuke`, `just --dry-run x`: the recipe is printed, not run (effects/follow.ts keeps make's `+` lines)
    // `make -q x` only asks whether x is up to date
    if (file === undefined || (name === 'just' && justRunsNothing(args)) || args.some((a) => a === '-n' || a === '--dry-run' || a === '--just-print' || a === '--recon' || a === '--dry' || (name === 'make' && (a === '--question' || /^-[a-zA-Z]*q[a-zA-Z]*$/.test(a))) || /^-[a-zA-Z]*n[a-zA-Z]*$/.test(a) && name !== 'just')) return;
    const targets = args.filter((a) => !isOption(a) && !a.includes('='));
    for (const t of targets.slice(0, 4)) for (const line of recipeLines(file, t).slice(0, 50)) script(line);
    return;
  }
  if (SCRIPT_INTERPRETERS.has(name)) {
    // `python3 -m sqlite3 app.db 'DROP TABLE t'`: the module is the program, as its name says.
    const m = args.indexOf('-m');
    if (m >= 0 && args[m + 1] !== undefined && /^python/.test(name)) {
      peel(view(args[m + 1]!.split('.').pop()!, args.slice(m + 2)), depth + 1, out, scripts, read);
      return;
    }
    const i = afterValuedOptions(args, 0, ['-m', '-W', '-X']);
    if (args[i] && !isOption(args[i])) next(i);
    return;
  }
  const runner = PREFIX_RUNNERS[name];
  if (runner) {
    let i = afterValuedOptions(args, 0, runner.valued);
    // `npm run db:reset`: what runs is the package.json script's own command line
    const sr = SCRIPT_RUNNERS[name];
    if (sr) {
      // `npm run --silent db:reset`: options may sit between the verb and the script name
      const scriptName = sr.run.includes(args[i]) ? args[afterValuedOptions(args, i + 1, runner.valued)] : sr.bare ? args[i] : undefined;
      const body = scriptName !== undefined ? scripts()[scriptName] : undefined;
      if (body !== undefined) script(body);
    }
    if (runner.sub && runner.sub.length && runner.sub.includes(args[i])) i = afterValuedOptions(args, i + 1, runner.valued);
    // `pnpm prisma …` and `yarn prisma …` run a bin directly too, so the plain word is also a view.
    next(i);
    return;
  }
  if (name === 'docker' || name === 'podman' || name === 'nerdctl' || name === 'docker-compose' || name === 'podman-compose') {
    let i = afterValuedOptions(args, 0, ['-H', '--host', '--context', '-c', '-f', '--file', '-p', '--project-name', '--env-file', '--profile']);
    if (args[i] === 'compose') i = afterValuedOptions(args, i + 1, ['-f', '--file', '-p', '--project-name', '--env-file', '--profile']);
    const verb = args[i];
    if (verb === 'exec' || verb === 'run') {
      i = afterValuedOptions(args, i + 1, verb === 'run' ? DOCKER_RUN_VALUED : DOCKER_EXEC_VALUED);
      next(i + 1); // skip the container / service / image
    }
    return;
  }
  if (name === 'kubectl' || name === 'oc') {
    const dd = args.indexOf('--');
    if (args.includes('exec') && dd >= 0) next(dd + 1);
    return;
  }
  if ((name === 'fly' || name === 'flyctl') && args[0] === 'ssh') {
    const c = optionValue(args, ['--command'], ['-C']);
    if (c !== undefined) script(c);
    return;
  }
  if (name === 'gcloud' && args.includes('ssh')) {
    const c = optionValue(args, ['--command']);
    if (c !== undefined) script(c);
    return;
  }
  if ((name === 'microk8s' || name === 'k3s') && args[0] === 'kubectl') next(0);
}

/**
 * Small most-recently-used caches keyed by text: the same package.json, Makefile recipe or script line is seen by
 * every action in a session, and parsing them is the costly part. Keyed by content, so a changed file is re-read.
 */
function lruCache<T>(size: number): (key: string, make: () => T) => T {
  const map = new Map<string, T>();
  return (key, make) => {
    const hit = map.get(key);
    if (hit !== undefined) {
      map.delete(key);
      map.set(key, hit);
      return hit;
    }
    const v = make();
    map.set(key, v);
    if (map.size > size) map.delete(map.keys().next().value as string);
    return v;
  };
}

const parsedScripts = lruCache<readonly { name: string | undefined; args: string[] }[]>(64);
function commandsOf(text: string): readonly { name: string | undefined; args: string[] }[] {
  if (text.length > 4096) return analyzeShell(text).commands;
  return parsedScripts(text, () => analyzeShell(text).commands.map((c) => ({ name: c.name, args: c.args })));
}

const parsedPackages = lruCache<Record<string, string>>(8);

/** package.json `scripts` in the action's directory, read through the injected reader; empty when unreadable. */
function packageScripts(ctx: RuleContext | undefined): Record<string, string> {
  const text = ctx?.readFile?.('package.json');
  if (text === undefined) return {};
  return parsedPackages(text, () => parseScripts(text));
}

function parseScripts(text: string): Record<string, string> {
  try {
    const scripts = (JSON.parse(text) as { scripts?: unknown }).scripts;
    if (!scripts || typeof scripts !== 'object') return {};
    return Object.fromEntries(Object.entries(scripts).filter((e): e is [string, string] => typeof e[1] === 'string'));
  } catch {
    return {};
  }
}

const viewCache = new RecentByIdentity<SimpleCommand, RuleContext | undefined, readonly CommandView[]>();

/**
 * The command as written, then every runner-peeled view of it (package.json scripts included when `ctx` can
 * read them). Bounded depth; never throws. Memoised per command and context: callers must not mutate the result.
 */
export function commandViews(cmd: SimpleCommand, ctx?: RuleContext): readonly CommandView[] {
  const hit = viewCache.get(cmd, ctx);
  if (hit) return hit;
  const out: CommandView[] = [];
  if (cmd.name !== undefined) {
    let scripts: Record<string, string> | undefined;
    const read = (f: string): string | undefined => ctx?.readFile?.(f);
    peel(view(cmd.name, cmd.args), 0, out, () => (scripts ??= packageScripts(ctx)), read);
  }
  viewCache.set(cmd, ctx, out);
  return out;
}

/**
 * `terraform destroy --help`, `helm uninstall -h`, `aws s3 rm s3://b --recursive --dryrun`, `pulumi destroy
 * --preview-only`: the CLI prints usage or what it would do, and exits without acting. Only the exact words count,
 * and each view is judged on its own, so `bash -c "… destroy" --help` still sees the inner command.
 */
export function onlyDescribes(v: CommandView): boolean {
  if (v.args.some((a) => a === '--help' || a === '-help')) return true;
  if (v.args.some((a) => a === '--dryrun' || a === '--preview-only' || a === '--what-if')) return true;
  // kubectl's `--dry-run=none` and helm's `--dry-run=false` are real runs; the AWS CLI's `--dry-run` exists only for
  // EC2 (elsewhere it is an unknown option, judged as written).
  const dry = v.args.some((a) => /^--dry-run(?:=|$)/.test(a) && !/^--dry-run=(?:none|false|0|no)$/i.test(a));
  if (dry && (v.name !== 'aws' || v.args.includes('ec2'))) return true;
  if ((v.name === 'gsutil' && v.args.some((a, i) => a === 'rsync' && v.args.slice(i + 1).some((x) => /^-[a-zA-Z]*n[a-zA-Z]*$/.test(x))))) return true;
  // `-h` is help only for CLIs that say so (for gsutil it is a header, for sort and du "human"); the AWS CLI
  // prints help for a trailing `help` word (`aws s3 rb help`).
  if (DASH_H_IS_HELP.has(v.name) && v.args.includes('-h')) return true;
  return v.name === 'aws' && v.args[v.args.length - 1] === 'help';
}

const DASH_H_IS_HELP = new Set([
  'kubectl', 'helm', 'gh', 'glab', 'terraform', 'tofu', 'terragrunt', 'az', 'gcloud', 'pulumi', 'doctl', 'fly', 'flyctl', 'vercel', 'netlify',
  'supabase', 'railway', 'heroku', 'wrangler', 'eksctl', 'argocd', 'velero', 'hcloud', 'linode-cli', 'firebase', 'stripe',
]);
