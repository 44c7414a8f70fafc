// What a rule is: data (id, pack, severity, reason, examples) plus a matcher.
// The shell analyzer (core/shell) turns a command line into SimpleCommands with
// every wrapper unwrapped; shell rules look at one SimpleCommand at a time.
import type { FsFacts } from '../facts';
import type { AgentAction, Decision, Environment, Severity } from '../action';

export const PACKS = [
  'fs',
  'git',
  'sql',
  'orm',
  'cloud',
  'http',
  'iac',
  'k8s',
  'containers',
  'system',
  'secrets',
  'backups',
  'vaults', // secret managers and CI secret stores losing secrets (reading them is 'secrets')
  'storage',
  'search', // search indexes (Elasticsearch/OpenSearch, Meilisearch, Algolia, Typesense, Solr)
  'hosting',
  'messaging',
  'dns',
  'platform', // self-hosted platforms and SaaS control planes (GitLab admin, Stripe, Kong, feature flags, monitoring)
  'services', // availability: stopping services, servers and hosts
  'publish', // outward: publishing and withdrawing packages
  'remote', // other hosts: copies over system paths, the ssh agent
  'shell', // analysis results: unknown code executed, computed command names, too complex to analyse
  'custom',
] as const;
export type PackId = (typeof PACKS)[number];

export interface Redirect {
  /** '>', '>>', '<', '2>', '&>', '>|', '<<<', ... */
  op: string;
  /** Target word with quotes removed (a file, a fd like '&1'). */
  target: string;
}

/** One command as the shell would run it, after unwrapping. */
export interface SimpleCommand {
  /**
   * The program name as bash resolves it, quotes and escapes removed and reduced to its
   * basename (`\rm`, `/bin/rm`, `r''m`, `"rm"` -> `rm`). `undefined` when the name is
   * computed at run time (`$CMD`, `$(echo rm)`): see `dynamicName`.
   */
  name: string | undefined;
  /** Arguments after the name, quotes removed. Words with run-time expansions keep their literal text. */
  args: string[];
  /** True when the command name is computed at run time. */
  dynamicName: boolean;
  /** For each arg, whether it contains a run-time expansion ($VAR, $(...), `...`). Same length as args. */
  argDynamic: boolean[];
  /** Leading `VAR=value` assignments (and `env VAR=value`). */
  assignments: Record<string, string>;
  redirects: Redirect[];
  /** Text that reaches this command's stdin when it is knowable: heredoc/here-string body, or the output of
   * `echo`/`printf`/`cat <<EOF` on the left side of a pipe. */
  stdin?: string;
  /** stdin comes from a pipe (its text is `stdin` when knowable): `ls | rm -rf` feeds rm something. */
  pipedIn?: boolean;
  /** Paths the left of the pipe lists, as globs, when the analyzer could tell (`find START…`); see shell/pipes.ts. */
  pipedPaths?: string[];
  /** The commands of the previous pipeline stage, whose output this one reads (`cat x.sql | psql`). */
  pipedFrom?: { name: string | undefined; args: string[] }[];
  /** The commands of the next pipeline stage, which read this one's output (`printenv | wc -l`). */
  pipedTo?: { name: string | undefined; args: string[] }[];
  /** Source text of this simple command as written. */
  text: string;
  /** Of TMPDIR and HOME, those the action itself (re)assigns anywhere: their value here is not the agent's environment's. */
  rebound?: readonly string[];
  /** Wrappers peeled to reach it, outermost first, e.g. ['sudo', 'bash -c']. Empty for a top-level command. */
  via: string[];
  /**
   * Set on the `-c`/`-e` reading of a workspace file's code (`python job.py` judged as `python3 -c <its text>`):
   * the literal values in it are the file's, not something the agent wrote into the command.
   */
  codeOfFile?: string;
  /**
   * Set on a reading bash would not run as written but another shell, system or a corrected retry would
   * (`1A=2 git …`, `command -v git …`, `git reset ‐‐hard`): why it is judged anyway. Its hits ask at most.
   */
  doubt?: string;
  /**
   * Runs only after a `cd`/`pushd` earlier in the same `&&` chain succeeded (`cd /srv/app && rm -rf dist`), in the
   * same shell: it runs in that directory and nowhere else.
   */
  afterCd?: true;
  /**
   * Something earlier in the same line may have changed the repository (`git stash && git stash clear`, a commit,
   * a checkout, a program Airlock does not know), or the line loops or defines code: the git state read at decision
   * time is not the state this command meets, so no allowance rests on it.
   */
  gitMayHaveChanged?: true;
}

export interface RuleContext {
  /**
   * The commands of the line (or derived script) this command belongs to, and its place among them: for the few
   * rules whose answer depends on what the rest of the line does with a value (`source .env && pytest`).
   */
  lineCommands?(): { all: readonly SimpleCommand[]; index: number };
  cwd?: string;
  /** The action's own cwd when `cwd` is where a `cd` in the command moved to (the workspace the agent started in). */
  startCwd?: string;
  home?: string;
  workspaceRoots: readonly string[];
  /** Whether a path (absolute or relative to cwd) is protected by policy or by a secret finding. */
  isProtectedPath(path: string): boolean;
  /** isProtectedPath by name only, without following links (for regular files found in a tree walk). */
  isProtectedByName?(path: string): boolean;
  /** Reads a small file for rules that need its content (`curl -d @body.json`). Injected: core does no I/O. */
  readFile?(path: string): string | undefined;
  /** The real file system at decision time (globs, stats, content checks), when a host injected it. */
  facts?: FsFacts;
  /**
   * Whether the path is (inside) a folder this same line made with mkdir where nothing was before, and nothing since
   * could have moved existing files into (effects/written.ts CREATED_DIR_KEY): deleting it loses only the line's own.
   */
  createdByLine?(path: string): boolean;
  /** Whether this line moved existing files into the path or a folder inside it (`mv src dist/`): see MOVED_INTO_KEY. */
  receivedMoves?(path: string): boolean;
  /**
   * Set when the command runs on another host or in a container (`ssh host '…'`, `docker exec`): the wrapper that
   * sends it there. Local exemptions (temp folders, build outputs in the workspace) say nothing about its files.
   */
  remote?: string;
}

export interface RuleMatch {
  /** What would be hit: a path, a database, a bucket, a URL, a branch. */
  target?: string;
  /** What the target looks like, when the rule can tell. */
  environment?: Environment;
  /** Extra words for `explain` (never a secret value). */
  detail?: string;
  /**
   * A sentence added to the verdict's reason, which the agent reads: what was found (a detector and a
   * redacted preview) and how to do the same without touching secrets. Never a secret value.
   */
  note?: string;
}

interface RuleBase {
  /** Stable id `<pack>.<name>`, e.g. `fs.recursive-delete`. Never renamed once released. */
  id: string;
  pack: PackId;
  severity: Exclude<Severity, 'none'>;
  /** One sentence a person understands: what would happen. */
  reason: string;
  /** The decision when the policy does not override it. Destructive and secret access: 'ask'. */
  defaultDecision?: Exclude<Decision, 'allow'>;
}

export interface ShellRule extends RuleBase {
  kind: 'shell';
  /**
   * The command names this rule can match (`cmd.name`), when it only ever looks at a few: classify() then
   * skips it for every other name. Omitted = any name. Commands whose name is computed at run time reach
   * every rule. Tests check that a rule never matches a command outside its names.
   */
  names?: readonly string[];
  /**
   * For rules that see through runners (`npx prisma …`, `docker compose exec db psql …`, package.json scripts):
   * the runner-view names (lib/runners commandViews) this rule can match. classify() then runs it only on
   * commands one of whose views has such a name. The pack's rule helper skips every other view, so the
   * declaration holds by construction; tests check it as for `names`. Omitted = any command.
   */
  viewNames?: readonly string[];
  match(cmd: SimpleCommand, ctx: RuleContext): RuleMatch | undefined;
  /** Whole command lines: every `flag` example must hit this rule, no `allow` example may hit it. */
  examples: { flag: string[]; allow: string[] };
}

/** Rules over non-shell actions (file tools, MCP calls, fetches). */
export interface ActionRule extends RuleBase {
  kind: 'action';
  match(action: AgentAction, ctx: RuleContext): RuleMatch | undefined;
  examples: { flag: AgentAction[]; allow: AgentAction[] };
}

export type Rule = ShellRule | ActionRule;
