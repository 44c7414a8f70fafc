// classify(): one AgentAction -> one Verdict. Pure and synchronous (the shell parser must have been
// initialised with initShell()). Every enabled rule runs; the policy turns each hit into a decision;
// decisions merge with stricter(), so nothing (no rule, no override, no source) can loosen a deny.
import { type AgentAction, ALLOW_VERDICT, type Decision, type Environment, higherSeverity, type Severity, severityRank, stricter, type Verdict } from './action';
import { guessEnvironment, worseEnvironment } from './environment';
import type { FsFacts } from './facts';
import { normalizePath } from './paths';
import { gitSubcommand, isKnownArg, isOption } from './shell/argv';
// Straight from the files, not the policy barrel: that one re-exports the zod schema, which the classifier
// never needs and which would triple the hook's offline bundle.
import { compilePolicy, type CompiledPolicy } from './policy/compile';
import type { PolicyRuleContext } from './policy/context';
import { defaultPolicy } from './policy/default_policy';
import type { Policy } from './policy/schema';
import { mcpStrings } from './rules/files';
import { commandViews } from './rules/lib/runners';
import { ACTION_RULE_LIST, ruleById, SHELL_RULE_LIST, shellRulesFor } from './rules/index';
import { activeFindings, scanText } from './secrets/scan';
import type { Rule, RuleMatch, ShellRule, SimpleCommand } from './rules/types';
import { analyzeShell, REDEFINES_TRUTH, type ShellAnalysis } from './shell';
import { WRAPPERS } from './shell/wrappers';
import { remoteHop } from './shell/remote_hops';
import { deriveEffects, type EffectsContext, globOptions } from './effects';
import { commandLine } from './effects/words';
import { mcpGitCommands } from './effects/mcp_git';
import { CREATED_DIR_KEY, MOVED_INTO_KEY, recordWrites, type WrittenFiles } from './effects/written';

export interface ClassifyContext {
  /** The resolved policy (core/policy resolvePolicy()). Built-in defaults when omitted. */
  policy?: Policy;
  /** Used when the action has no cwd / workspaceRoots of its own. */
  cwd?: string;
  home?: string;
  workspaceRoots?: readonly string[];
  /** Small-file reader for rules that need content (`curl -d @body.json`). Injected: core does no I/O. */
  readFile?(path: string): string | undefined;
  /**
   * Where an absolute path really leads (symlinks followed), or undefined when it does not exist.
   * Injected by the hook and the gate: `ln -s .env notes.txt` then `cat notes.txt` reads the secret.
   */
  realPath?(path: string): string | undefined;
  /**
   * The real file system at decision time: globs expanded, scripts behind `npm run x` read, file
   * contents checked for live credentials. Injected by the hook, the gate and the CLI (host/facts.ts).
   */
  facts?: FsFacts;
}

export interface RuleHit {
  rule: Pick<Rule, 'id' | 'pack' | 'severity' | 'reason'>;
  match: RuleMatch;
  decision: Decision;
  /** The simple command it hit, for shell actions (explain shows it). */
  command?: SimpleCommand;
}

export interface Classification {
  verdict: Verdict;
  hits: RuleHit[];
  /** Rules that matched but the policy set to allow. */
  allowedByPolicy: RuleHit[];
  analysis?: ShellAnalysis;
}

const DEFAULT_POLICY = defaultPolicy();
const MAX_MCP_SHELL = 8;
const EXEC_TOOL = /(?:^|[_\-.]|\b)(?:shell|bash|zsh|terminal|powershell|run_command|exec_command|shell_exec)(?:$|[_\-.]|\b)/i;
/** Keys whose string (or argv array) is a command line: `command`, `cmd`, `cli_command`, `commandLine`, `script`, `run`, … */
const EXEC_KEY = /^(?:cmd|commands?|cli_?command|command_?line|cmd_?line|shell|shell_?command|script|exec|execute|run|run_?command|bash|sh|powershell)$/i;
/** An argv array, on its own or after a program key: `{ "argv": [...] }`, `{ "command": "rm", "args": [...] }`. */
const ARGV_KEY = /^(?:argv|args|arguments)$/i;
const PROGRAM_KEY = /^(?:command|cmd|program|executable|bin|binary)$/i;
const MAX_MCP_NODES = 400;

export function classify(action: AgentAction, ctx: ClassifyContext = {}): Verdict {
  return classifyDetailed(action, ctx).verdict;
}

/** classify() with the evidence: every hit and, for shell actions, the analysis (for `airlock explain`). */
export function classifyDetailed(action: AgentAction, ctx: ClassifyContext = {}, options: { trace?: boolean } = {}): Classification {
  const policy = compilePolicy(ctx.policy ?? DEFAULT_POLICY, { home: ctx.home });
  const ruleCtx = makeRuleContext(action, ctx, policy);
  const hits: RuleHit[] = [];
  let analysis: ShellAnalysis | undefined;
  switch (action.kind) {
    case 'shell':
      analysis = shellHits(action.command, ruleCtx, policy, hits, options.trace === true, (cwd) => ({ ...makeRuleContext({ ...action, cwd }, ctx, policy), ...(ruleCtx.cwd !== undefined ? { startCwd: ruleCtx.cwd } : {}) }));
      break;
    case 'prompt':
      break;
    default:
      // A write of exactly what the file already holds changes nothing (and reads nothing new).
      if (action.kind === 'write' && action.content !== undefined && unchangedByWrite(action.path, action.content, ruleCtx)) break;
      for (const rule of ACTION_RULE_LIST) {
        const m = safeMatch(() => rule.match(action, ruleCtx), rule.id);
        if (m) hits.push({ rule, match: m, decision: policy.decisionFor(rule) });
      }
      if (action.kind === 'mcp') mcpShellHits(action.tool, action.input, ruleCtx, policy, hits);
  }
  const result = verdictOf(hits, action);
  return { ...result, ...(analysis ? { analysis } : {}) };
}

function makeRuleContext(action: AgentAction, ctx: ClassifyContext, policy: CompiledPolicy): PolicyRuleContext {
  const cwd = action.cwd ?? ctx.cwd;
  const home = ctx.home;
  const pathCtx = { cwd, home };
  // A relative path inside a protected directory (`cat credentials.db` with cwd ~/.config/gcloud) only
  // shows the directory's name through the cwd: then every path gets the full check.
  const cwdSecret = cwd !== undefined && policy.mightBeSecret(`${cwd}/`);
  const cwdAirlock = cwd !== undefined && policy.mightBeAirlock(`${cwd}/`);
  // A name that says nothing (notes.txt) may be a symlink to a protected file: ask the injected
  // resolver where it leads. Only absolute paths can be resolved; globs and options are not paths.
  const viaLink = (p: string, test: (real: string) => boolean): boolean => {
    if (!ctx.realPath || /[*?[{\n]/.test(p)) return false;
    const abs = normalizePath(p, pathCtx);
    if (!abs.startsWith('/')) return false;
    const real = ctx.realPath(abs);
    return real !== undefined && real !== abs && test(normalizePath(real));
  };
  // `.env.test`, `tests/fixtures/credentials.json`, `example.tfvars`: a test or example file by its name or folder,
  // whose content holds no live credential (the detectors of `airlock scan` say so), is no secret store.
  // (Every detector finding counts here, silenced ones too: a live token is live in a fixtures folder as well.)
  const holdsNoCredential = (abs: string): boolean => {
    const text = ctx.facts?.readText(abs, 256 * 1024);
    return text !== undefined && text.length < 256 * 1024 && !text.includes('\u0000') && scanText(abs.replace(/^\/+/, ''), text).length === 0;
  };
  const secretByName = (abs: string): boolean => policy.isSecretPath(abs) && !(ctx.facts && FIXTURE_PATH.test(abs) && !BINARY_STORE.test(abs) && holdsNoCredential(abs));
  const rc: PolicyRuleContext = {
    workspaceRoots: action.workspaceRoots ?? ctx.workspaceRoots ?? [],
    isProtectedPath: (p) =>
      p.length > 0 && (((cwdSecret || policy.mightBeSecret(p)) && secretByName(normalizePath(p, pathCtx))) || viaLink(p, (r) => secretByName(r))),
    isProtectedByName: (p) => p.length > 0 && (cwdSecret || policy.mightBeSecret(p)) && secretByName(normalizePath(p, pathCtx)),
    isAirlockPath: (p) =>
      p.length > 0 && (((cwdAirlock || policy.mightBeAirlock(p)) && policy.isAirlockPath(normalizePath(p, pathCtx))) || viaLink(p, (r) => policy.isAirlockPath(r))),
    isCredentialEnvName: (n) => policy.isCredentialEnvName(n),
  };
  if (cwd !== undefined) rc.cwd = cwd;
  if (home !== undefined) rc.home = home;
  // A request body or script named by a command (`curl -d @volume.json`, `open("volume.json")`) is read the same
  // way in every caller: the hook passes its own reader; the gate and tests give facts, which read bounded text.
  const facts = ctx.facts;
  const given = ctx.readFile;
  // The caller's reader resolves a relative path against the action's cwd; after `cd DIR` the rules run in a
  // context for DIR, so the path is made absolute here first (`cd app && psql db < drop.sql` reads app/drop.sql).
  const readFile =
    (given && cwd !== undefined ? (p: string) => given(p.length > 0 ? normalizePath(p, pathCtx) : p) : given) ??
    (facts
      ? (p: string) => {
          const abs = p.length > 0 ? normalizePath(p, pathCtx) : '';
          return abs.startsWith('/') ? facts.readText(abs, 256 * 1024) : undefined;
        }
      : undefined);
  if (readFile) rc.readFile = readFile;
  if (facts) rc.facts = facts;
  return rc;
}

/** A test or example file: its name says so (`.env.test`, `example.tfvars`, `fake.env`) or it sits in a fixtures folder. */
const FIXTURE_PATH = /(?:^|\/)(?:testdata|fixtures?|__fixtures__|test-fixtures|examples?|samples?|mocks?|__mocks__)\/|\/src\/(?:test|androidTest|testFixtures)\/resources\/|(?:^|\/|[._-])(?:example|sample|template|fake|dummy|mock|fixture|stub|test|testing)(?:[._-][^/]*)?$/i;

/** Binary key stores: their content is not text the detectors read, so their name alone decides. */
const BINARY_STORE = /\.(?:p12|pfx|jks|jceks|bks|keystore|kdbx|keytab|der|gpg|kbx)$/i;

/** A rule that throws is a bug; it must not turn into an allow, so it counts as a hit. */
function safeMatch(fn: () => RuleMatch | undefined, id: string): RuleMatch | undefined {
  try {
    return fn();
  } catch (err) {
    return { detail: `rule ${id} failed (${err instanceof Error ? err.message : String(err)}); treated as a match` };
  }
}

/** safeMatch() without a closure per rule and command: this loop runs rules × commands times. */
function matchShellRule(rule: ShellRule, cmd: SimpleCommand, ctx: PolicyRuleContext): RuleMatch | undefined {
  try {
    return rule.match(cmd, ctx);
  } catch (err) {
    return { detail: `rule ${rule.id} failed (${err instanceof Error ? err.message : String(err)}); treated as a match` };
  }
}

function unchangedByWrite(path: string, content: string, ctx: PolicyRuleContext): boolean {
  if (!ctx.facts || content.length > 256 * 1024) return false;
  const abs = normalizePath(path, { ...(ctx.cwd !== undefined ? { cwd: ctx.cwd } : {}), ...(ctx.home !== undefined ? { home: ctx.home } : {}) });
  if (!abs.startsWith('/') || ctx.facts.lstat(abs)?.kind !== 'file') return false;
  return ctx.facts.readText(abs, 256 * 1024) === content;
}

/** Programs that, given `--help` among their options, print help and exit without doing anything. */
const HELP_EXITS = new Set(['rm', 'shred', 'truncate', 'mv', 'cp', 'rsync', 'tar', 'git', 'kubectl', 'helm', 'terraform', 'dropdb', 'psql', 'docker']);

/** `rm -rf notes --help`, `git push --force --help`: GNU getopt and git see --help before acting, and only print. */
function printsHelpOnly(cmd: SimpleCommand): boolean {
  if (cmd.name === undefined) return false;
  // Requests built but not sent, queries validated but not run, pushes simulated
  if ((cmd.name === 'http' || cmd.name === 'https' || cmd.name === 'xh') && cmd.args.includes('--offline')) return true;
  if (cmd.name === 'bq' && cmd.args.some((a) => a === '--dry_run' || a === '--dry_run=true')) return true;
  if (cmd.name === 'git' && gitSubcommand(cmd.args)?.sub === 'push' && gitSubcommand(cmd.args)!.args.some((a) => a === '--dry-run' || a === '-n' || (/^-[a-zA-Z]+$/.test(a) && a.includes('n')))) return true;
  if (!HELP_EXITS.has(cmd.name)) return false;
  for (let i = 0; i < cmd.args.length; i++) {
    if (cmd.args[i] === '--') return false;
    if (cmd.args[i] === '--help' && !cmd.argDynamic[i]) return true;
  }
  return false;
}

/** Where `cd DIR` / `pushd DIR` leaves the shell, or undefined when the directory is computed at run time. */
function cdTarget(cmd: SimpleCommand, cwd: string | undefined, home: string | undefined): string | undefined {
  if (cmd.name !== 'cd' && cmd.name !== 'pushd') return undefined;
  const i = cmd.args.findIndex((a) => !isOption(a));
  if (i < 0) return cmd.name === 'cd' && home !== undefined ? home : undefined;
  if (!isKnownArg(cmd.args, cmd.argDynamic, i) || cmd.args[i] === '-') return undefined;
  return normalizePath(cmd.args[i]!, { ...(cwd !== undefined ? { cwd } : {}), ...(home !== undefined ? { home } : {}) });
}

/**
 * Whether `cd DIR` surely leaves the shell in DIR: DIR is an existing directory, so a cd-replacing jumper
 * (zoxide's `cd`, which cds into an existing directory given alone) goes there too.
 */
function cdIsSure(cmd: SimpleCommand, dir: string, ctx: PolicyRuleContext, fromStart: boolean): boolean {
  const operands = cmd.args.filter((a) => !isOption(a));
  if (operands.length !== 1) return false;
  const word = operands[0]!;
  // A relative name is relative to where the shell is, known for sure only when that is known (`fromStart`).
  // (A CDPATH the user's own shell setup exports could send a bare name elsewhere; one set in the command is seen
  // by shell/analyze.ts, which then places no chain.)
  const named = /^(?:\/|~\/|~$)/.test(word) || (fromStart && !/^[~$-]/.test(word));
  return named && ctx.facts?.stat(dir)?.kind === 'dir';
}

/** How far what a command runs is followed (`npm run a` → `make b` → `bash c.sh` → …), and how much per action. */
const MAX_EFFECT_DEPTH = 6;
const MAX_DERIVED_SCRIPTS = 64;
const MAX_FILES_READ = 16;
/** What a globbed program name could be: every name a rule acts on, and the wrappers the analyzer sees through. */
const PROGRAM_NAMES: ReadonlySet<string> = new Set([...SHELL_RULE_LIST.flatMap((r) => [...(r.names ?? []), ...(r.viewNames ?? [])]), ...Object.keys(WRAPPERS), 'bash', 'sh', 'zsh', 'dash', 'python', 'python3', 'node', 'perl', 'ruby', 'php']);

/** One action's shared budget for effects: scripts judged and files read, however deep. */
interface EffectsRun {
  scriptsLeft: number;
  /** Derived command lines already judged (text and directory): the same expansion reached twice is judged once. */
  seen: Set<string>;
  budget: { files: number };
  dotglob: boolean;
  globstar: boolean;
  /** Files the action writes, in order, for a later command that runs them (effects/written.ts). */
  written: WrittenFiles;
  /**
   * The action's command line and the program names the analysis found in it, for EffectsContext.line; undefined
   * when a program name is computed at run time (then anything a sourced file defines may be what runs).
   */
  line: string | undefined;
}

function shellHits(command: string, ruleCtx: PolicyRuleContext, policy: CompiledPolicy, hits: RuleHit[], trace: boolean, inDir?: (cwd: string) => PolicyRuleContext): ShellAnalysis {
  const analysis = analyzeShell(command, { trace });
  // `source ~/.bashrc; $(echo bnVrZQ== | base64 -d)`: a call the line does not spell is still a call
  const names = analysis.commands.map((c) => c.name);
  const line = names.some((n) => n === undefined) ? undefined : `${command}\n${names.join('\n')}`;
  const run: EffectsRun = { scriptsLeft: MAX_DERIVED_SCRIPTS, seen: new Set(), budget: { files: MAX_FILES_READ }, ...globOptions(command), written: new Map(), line };
  judgeCommands(analysis.commands, ruleCtx, policy, hits, inDir, run, 0, undefined);
  for (const f of analysis.findings) {
    const rule = ruleById(f.rule);
    if (rule) hits.push({ rule, match: { target: f.text, detail: f.detail }, decision: policy.decisionFor(rule) });
  }
  for (const c of policy.customRules) {
    const texts = c.on === 'command' ? [command] : analysis.commands.map((x) => [x.name ?? '(computed)', ...x.args].join(' '));
    // A user regex runs on a bounded input (core/policy/regex.ts); one it cannot check in time is in doubt: ask.
    let doubt: string | undefined;
    const hit = texts.find((t) => {
      const r = c.regex.test(t);
      if (r === undefined) doubt ??= t;
      return r === true;
    });
    const target = hit ?? doubt;
    if (target !== undefined) {
      const decision = stricter(policy.policy.rules[`custom.${c.id}`] ?? c.decision, c.decision);
      hits.push({
        rule: { id: `custom.${c.id}`, pack: 'custom', severity: c.severity, reason: hit !== undefined ? c.reason : `${c.reason} (the command is too long for this rule to check it safely)` },
        match: { target: target.length > 120 ? `${target.slice(0, 120)}…` : target },
        decision: hit !== undefined ? decision : 'ask',
      });
    }
  }
  return analysis;
}

function judgeCommands(commands: readonly SimpleCommand[], ruleCtx: PolicyRuleContext, policy: CompiledPolicy, hits: RuleHit[], inDir: ((cwd: string) => PolicyRuleContext) | undefined, run: EffectsRun, depth: number, via: readonly string[] | undefined): void {
  // `cd ~/.aws; cat credentials`: after a cd, commands are judged in the new directory as well as the
  // original one (a subshell's cd may not last), so following cd can only add hits, never remove one.
  let here = ruleCtx;
  // The last cd moved to a directory that exists (see cdIsSure).
  let surelyMoved = false;
  for (const [index, raw] of commands.entries()) {
    const cmd = via === undefined ? raw : { ...raw, via: [...via, ...raw.via] };
    const lineCommands = (): { all: readonly SimpleCommand[]; index: number } => ({ all: commands, index });
    if (printsHelpOnly(cmd)) continue;
    // `cd /srv/app && rm -rf dist`: after a sure cd in its own `&&` chain, the command runs there only.
    const base = cmd.afterCd && surelyMoved && here !== ruleCtx ? here : ruleCtx;
    // `ssh host 'rm -rf /tmp/x'`: judged with the other machine as its environment (no local exemptions).
    const hop = remoteHop(cmd.via);
    const start = hop === undefined ? base : { ...base, remote: hop };
    const at = hop === undefined ? here : here === ruleCtx ? start : { ...here, remote: hop };
    const [wStart, wAt] = run.written.size > 0 ? [throughWritten(start, run.written), at === start ? undefined : throughWritten(at, run.written)] : [start, at];
    const aStart = { ...wStart, lineCommands };
    const aAt = wAt === undefined || wAt === wStart ? undefined : { ...wAt, lineCommands };
    const mark = hits.length;
    judgeCommand(cmd, aStart, aAt ?? aStart, policy, hits);
    const own = hits.splice(mark);
    // `rm -rf {build,dist}`, `rm -rf .*_cache` with every match on disk: the expanded command is exactly what
    // bash runs, so it is judged instead of the words as written.
    let exact = judgeEffects(cmd, at, policy, hits, inDir, run, depth);
    if (at !== start) exact = judgeEffects(cmd, start, policy, hits, inDir, run, depth) && exact;
    if (!exact) hits.push(...own);
    recordWrites(cmd, here, run.written);
    const moved = inDir ? cdTarget(cmd, here.cwd, ruleCtx.home) : undefined;
    if (moved !== undefined && inDir) {
      // a relative cd is sure when where the shell stood was: the start, or the folder of a sure cd before it
      surelyMoved = cdIsSure(cmd, moved, ruleCtx, here === ruleCtx || (surelyMoved && cmd.afterCd === true));
      here = inDir(moved);
    }
  }
}

function judgeCommand(cmd: SimpleCommand, ruleCtx: PolicyRuleContext, here: PolicyRuleContext, policy: CompiledPolicy, hits: RuleHit[]): void {
  // Runner views are memoised per (command, context): the data-loss rules reuse these, so this costs nothing extra.
  const rules = shellRulesFor(cmd.name, commandViews(cmd, ruleCtx), here !== ruleCtx ? commandViews(cmd, here) : undefined);
  for (const rule of rules) {
    const m = matchShellRule(rule, cmd, ruleCtx) ?? (here !== ruleCtx ? matchShellRule(rule, cmd, here) : undefined);
    if (m) hits.push({ rule, match: m, decision: inDoubt(cmd, policy.decisionFor(rule)), command: cmd });
  }
}

/**
 * Paths through links and copies made earlier (throughCopies), and files written earlier in the line read as what
 * was written: `printf 'DROP TABLE users;' > x.sql && psql -f x.sql` reads the DROP, not what x.sql holds now. A
 * write whose content the line does not say reads as unknown (undefined), never as the old file.
 */
function throughWritten(ctx: PolicyRuleContext, written: WrittenFiles): PolicyRuleContext {
  const out = throughCopies(ctx, written);
  const read = ctx.readFile;
  const pc = { ...(ctx.cwd !== undefined ? { cwd: ctx.cwd } : {}), ...(ctx.home !== undefined ? { home: ctx.home } : {}) };
  const readWritten = (p: string, hops: number): string | undefined => {
    const abs = p.length > 0 && p.length <= 1024 ? normalizePath(p, pc) : '';
    if (!written.has(abs)) return read?.(p);
    const v = written.get(abs);
    if (typeof v === 'string') return v;
    if (v !== undefined && 'copyOf' in v && hops < 4) return readWritten(v.copyOf, hops + 1);
    return undefined;
  };
  const result: PolicyRuleContext = { ...out, readFile: (p) => readWritten(p, 0) };
  const moved = [...written.keys()].filter((k) => k.startsWith(MOVED_INTO_KEY)).map((k) => k.slice(MOVED_INTO_KEY.length));
  if (moved.length > 0) {
    result.receivedMoves = (p) => {
      if (moved.includes('*')) return true;
      const abs = p.length > 0 && p.length <= 1024 ? normalizePath(p.replace(/\/\*\*?$/, ''), pc) : '';
      return moved.some((d) => d === abs || d.startsWith(`${abs}/`) || abs.startsWith(`${d}/`));
    };
  }
  const created = [...written.keys()].filter((k) => k.startsWith(CREATED_DIR_KEY)).map((k) => k.slice(CREATED_DIR_KEY.length));
  if (created.length > 0) {
    result.createdByLine = (p) => {
      const abs = p.length > 0 && p.length <= 1024 && !/[$`*?[]/.test(p) ? normalizePath(p, pc) : '';
      return abs.startsWith('/') && created.some((d) => abs === d || abs.startsWith(`${d}/`));
    };
  }
  // Content checks see what was written too: `git checkout stash@{0} -- f && cat f` reads the stash's f
  const facts = ctx.facts;
  if (facts) {
    const text = (abs: string): string | undefined | null => (written.has(abs) ? (typeof written.get(abs) === 'string' ? (written.get(abs) as string) : undefined) : null);
    result.facts = {
      ...facts,
      readText: (abs, max) => {
        const t = text(abs);
        return t === null ? facts.readText(abs, max) : t;
      },
      secretsIn: (abs) => {
        const t = text(abs);
        if (t === null) return facts.secretsIn(abs);
        // written with text the line does not say (`sed -i`, a download): what is there now may still be in it
        return t === undefined ? facts.secretsIn(abs) : activeFindings(scanText(abs.replace(/^\/+/, ''), t)).slice(0, 5).map((f) => ({ detector: f.rule, preview: f.secret, line: f.line }));
      },
    };
  }
  return result;
}

/**
 * `ln -s ~/.aws aw && cat aw/credentials`, `cp -r ~/.ssh k && cat k/id_rsa`: a path under a link or copy this
 * action made earlier is also checked as the path it leads to (the link does not exist yet when this is decided).
 */
function throughCopies(ctx: PolicyRuleContext, written: WrittenFiles): PolicyRuleContext {
  const links: Array<[string, string]> = [];
  for (const [k, v] of written) if (typeof v === 'object' && 'copyOf' in v) links.push([k, v.copyOf]);
  if (links.length === 0) return ctx;
  const pc = { ...(ctx.cwd !== undefined ? { cwd: ctx.cwd } : {}), ...(ctx.home !== undefined ? { home: ctx.home } : {}) };
  const via = (p: string): string | undefined => {
    if (p.length === 0 || p.length > 1024) return undefined;
    const abs = normalizePath(p, pc);
    for (const [link, target] of links) {
      if (abs === link) return target;
      if (abs.startsWith(`${link}/`)) return `${target}${abs.slice(link.length)}`;
    }
    return undefined;
  };
  const test = (f: (p: string) => boolean) => (p: string): boolean => {
    if (f(p)) return true;
    const t = via(p);
    return t !== undefined && f(t);
  };
  const out: PolicyRuleContext = { ...ctx, isProtectedPath: test(ctx.isProtectedPath), isAirlockPath: test(ctx.isAirlockPath) };
  if (ctx.isProtectedByName) out.isProtectedByName = test(ctx.isProtectedByName);
  return out;
}

/** A reading bash would not run as written (SimpleCommand.doubt) asks a person at most; it never denies. */
function inDoubt(cmd: SimpleCommand, decision: Decision): Decision {
  return cmd.doubt !== undefined && decision === 'deny' ? 'ask' : decision;
}

function findingHit(rule: string, text: string, detail: string, policy: CompiledPolicy, hits: RuleHit[]): void {
  const r = ruleById(rule);
  if (r) hits.push({ rule: r, match: { target: text, detail }, decision: policy.decisionFor(r) });
}

/**
 * What the command really runs or touches (core/effects): glob expansions, `$(<file)`, the scripts behind
 * `npm run x` / `make x` / `bash x.sh`, inline interpreter code. Each is judged like a command of its own.
 */
/** Judges what `cmd` runs besides itself; true when its expansion alone is exactly the command bash runs. */
function judgeEffects(cmd: SimpleCommand, ctx: PolicyRuleContext, policy: CompiledPolicy, hits: RuleHit[], inDir: ((cwd: string) => PolicyRuleContext) | undefined, run: EffectsRun, depth: number): boolean {
  const effCtx: EffectsContext = { programNames: PROGRAM_NAMES, dotglob: run.dotglob, globstar: run.globstar, budget: run.budget, isProtectedPath: ctx.isProtectedPath, roots: ctx.workspaceRoots };
  if (ctx.cwd !== undefined) effCtx.cwd = ctx.cwd;
  if (ctx.home !== undefined) effCtx.home = ctx.home;
  if (ctx.facts !== undefined) effCtx.facts = ctx.facts;
  if (run.written.size > 0) effCtx.written = run.written;
  // (through a local wrapper too, `bash -c 'source ~/.bash_aliases\ngpf'`: every call the analysis found is in run.line)
  if (depth === 0 && run.line !== undefined && remoteHop(cmd.via) === undefined) effCtx.line = run.line;
  let derived;
  try {
    derived = deriveEffects(cmd, effCtx);
  } catch (err) {
    // A bug (or a host fact that throws) must not turn into an allow, nor crash the hook: ask.
    findingHit('shell.too-complex', cmd.text.length > 200 ? `${cmd.text.slice(0, 200)}…` : cmd.text, `what this command runs could not be worked out (${err instanceof Error ? err.message : String(err)})`, policy, hits);
    return false;
  }
  if (derived === undefined) return false;
  if (depth >= MAX_EFFECT_DEPTH) {
    findingHit('shell.too-complex', cmd.text.length > 200 ? `${cmd.text.slice(0, 200)}…` : cmd.text, `scripts run scripts more than ${MAX_EFFECT_DEPTH} levels deep`, policy, hits);
    return false;
  }
  for (const s of derived.scripts) {
    const key = `${s.cwd ?? ctx.cwd ?? ''}\u0000${s.text}`;
    if (run.seen.has(key)) continue;
    run.seen.add(key);
    if (--run.scriptsLeft < 0) {
      findingHit('shell.too-complex', s.via, `more than ${MAX_DERIVED_SCRIPTS} scripts and expansions behind one command`, policy, hits);
      return false;
    }
    const sctx = s.cwd !== undefined && s.cwd !== ctx.cwd && inDir ? inDir(s.cwd) : ctx;
    // (a line that redefines `true`/`false` may hand that to the script it runs: no branch of it is dead then)
    const sub = analyzeShell(s.text, run.line === undefined || REDEFINES_TRUTH.test(run.line) ? { keepDeadCode: true } : {});
    // what ran before the command that runs this script ran before the script too
    const inner = cmd.gitMayHaveChanged === true ? sub.commands.map((c) => ({ ...c, gitMayHaveChanged: true as const })) : sub.commands;
    judgeCommands(cmd.doubt === undefined ? inner : inner.map((c) => ({ ...c, doubt: c.doubt ?? cmd.doubt })), sctx, policy, hits, inDir, run, depth + 1, [...cmd.via, s.via]);
    // What cannot be seen into inside a followed script still counts; a script bash would reject part-way does not
    // run the rest, so a parse error there is no reason to stop the command that runs it.
    for (const f of sub.findings) if (f.rule !== 'shell.parse-error') findingHit(f.rule, f.text, `${s.via}: ${f.detail}`, policy, hits);
  }
  for (const d of derived.commands) {
    const c = cmd.gitMayHaveChanged === true ? { ...d, gitMayHaveChanged: true as const } : d;
    judgeCommand(cmd.doubt === undefined || c.doubt !== undefined ? c : { ...c, doubt: cmd.doubt }, ctx, ctx, policy, hits);
  }
  for (const f of derived.findings) findingHit(f.rule, f.text, f.detail, policy, hits);
  return derived.exact === true;
}

/** MCP tools that run shell commands (`run_command`, `terminal_exec`) get the full shell analysis. */
function mcpShellHits(tool: string, input: unknown, ruleCtx: PolicyRuleContext, policy: CompiledPolicy, hits: RuleHit[]): void {
  if (!input || typeof input !== 'object') return;
  const commands = mcpCommandLines(input);
  if (commands.length === 0 && EXEC_TOOL.test(tool)) commands.push(...mcpStrings(input, MAX_MCP_SHELL).filter((s) => s.length < 50_000));
  commands.push(...mcpGitCommands(tool, input));
  for (const c of [...new Set(commands)].slice(0, MAX_MCP_SHELL)) shellHits(c, ruleCtx, policy, hits, false);
}

const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.length > 0 && v.length <= 1000 && v.every((x) => typeof x === 'string');

/**
 * The command lines an MCP input carries, at any depth: strings under a command-like key, argv arrays joined with
 * shell quoting (`{ "cmd": ["rm", "-rf", "src"] }`, `{ "command": "rm", "args": ["-rf", "src"] }`), and an `args`
 * string that starts with a program Airlock knows.
 */
function mcpCommandLines(input: unknown): string[] {
  const out: string[] = [];
  const stack: unknown[] = [input];
  let nodes = 0;
  while (stack.length > 0 && nodes++ < MAX_MCP_NODES && out.length < MAX_MCP_SHELL * 2) {
    const v = stack.pop();
    if (Array.isArray(v)) {
      stack.push(...v.slice(0, 200));
      continue;
    }
    if (!v || typeof v !== 'object') continue;
    const record = v as Record<string, unknown>;
    const entries = Object.entries(record).slice(0, 200);
    const program = entries.find(([k, x]) => PROGRAM_KEY.test(k) && typeof x === 'string' && !/\s/.test(x.trim()))?.[1] as string | undefined;
    for (const [k, x] of entries) {
      if (EXEC_KEY.test(k)) {
        if (typeof x === 'string' && x.length < 50_000) out.push(x);
        else if (isStringArray(x)) out.push(commandLine(x));
      }
      if (ARGV_KEY.test(k)) {
        if (isStringArray(x)) {
          if (program !== undefined) out.push(commandLine([program.trim(), ...x]));
          else if (k.toLowerCase() === 'argv' || PROGRAM_NAMES.has(x[0]!.replace(/^.*\//, ''))) out.push(commandLine(x));
        } else if (typeof x === 'string' && x.length < 50_000) {
          const first = /^\s*(\S+)/.exec(x)?.[1]?.replace(/^.*\//, '');
          if (program !== undefined) out.push(`${program.trim()} ${x}`);
          else if (first !== undefined && PROGRAM_NAMES.has(first)) out.push(x);
        }
      }
      if (x && typeof x === 'object') stack.push(x);
    }
  }
  return out;
}

function verdictOf(hits: RuleHit[], action: AgentAction): Omit<Classification, 'analysis'> {
  const active = hits.filter((h) => h.decision !== 'allow');
  const allowedByPolicy = hits.filter((h) => h.decision === 'allow');
  if (active.length === 0) {
    const reason = allowedByPolicy.length > 0 ? `Allowed by your policy (${unique(allowedByPolicy.map((h) => h.rule.id)).join(', ')}).` : ALLOW_VERDICT.reason;
    return { verdict: { ...ALLOW_VERDICT, rules: [], reason }, hits: active, allowedByPolicy };
  }
  // Most severe first, so the reason and target describe the worst thing the action would do.
  const ordered = [...active].sort((a, b) => severityRank(b.rule.severity) - severityRank(a.rule.severity) || rankOf(b.decision) - rankOf(a.decision));
  let decision: Decision = 'allow';
  let severity: Severity = 'none';
  for (const h of ordered) {
    decision = stricter(decision, h.decision);
    severity = higherSeverity(severity, h.rule.severity);
  }
  const top = ordered[0];
  const ids = unique(ordered.map((h) => h.rule.id));
  const rawTarget = ordered.find((h) => h.match.target)?.match.target;
  const target = rawTarget === undefined ? undefined : redactSecrets(rawTarget.length > 300 ? `${rawTarget.slice(0, 300)}…` : rawTarget);
  const environment = environmentOf(ordered, action, target);
  let reason = top.rule.reason;
  if (top.match.note) reason += ` ${redactSecrets(top.match.note)}`;
  if (top.command && top.command.via.length > 0) reason += ` (found inside ${top.command.via.join(' → ')})`;
  if (top.command?.doubt !== undefined) reason += ` Judged as written out plainly: ${top.command.doubt}.`;
  if (ids.length > 1) reason += ` Also: ${ids.slice(1).join(', ')}.`;
  const verdict: Verdict = { decision, rules: ids, reason, severity, environment };
  if (target !== undefined) verdict.target = target;
  return { verdict, hits: ordered, allowedByPolicy };
}

/**
 * Every signal in the action counts and the strongest wins: a rule that saw a loopback endpoint says
 * "local", but `vol-prod-…` in the same request says production, and the person must hear the latter.
 */
function environmentOf(hits: RuleHit[], action: AgentAction, target: string | undefined): Environment {
  let env: Environment = 'unknown';
  for (const h of hits) if (h.match.environment) env = worseEnvironment(env, h.match.environment);
  if (env === 'production') return env;
  const texts = [target ?? '', ...hits.map((h) => h.command?.text ?? '')];
  if (action.kind === 'shell') texts.push(action.command.length > 4096 ? action.command.slice(0, 4096) : action.command);
  if (action.kind === 'mcp') texts.push(action.server ?? '', action.tool, mcpInputText(action.input));
  if (action.kind === 'fetch') texts.push(action.url, action.body?.slice(0, 4096) ?? '');
  return worseEnvironment(env, guessEnvironment(texts.join(' ')));
}

function mcpInputText(input: unknown): string {
  try {
    const s = JSON.stringify(input) ?? '';
    return s.length > 4096 ? s.slice(0, 4096) : s;
  } catch {
    return '';
  }
}

/**
 * Targets are cut from what the agent sent (`curl -H "Authorization: Bearer …"`), and verdicts end up in
 * dialogs, logs and the audit trail: any credential in them is replaced by its redacted preview.
 */
export function redactSecrets(text: string): string {
  if (text.length === 0) return text;
  const findings = scanText('command', text);
  if (findings.length === 0) return text;
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  let out = text;
  // Right to left so earlier offsets stay valid.
  for (const f of [...findings].sort((a, b) => b.line - a.line || b.column - a.column)) {
    const start = (lineStarts[f.line - 1] ?? 0) + f.column - 1;
    out = out.slice(0, start) + f.secret + out.slice(start + f.length);
  }
  return out;
}

function rankOf(d: Decision): number {
  return d === 'deny' ? 2 : d === 'ask' ? 1 : 0;
}

function unique<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}

export { initShell } from './shell';
