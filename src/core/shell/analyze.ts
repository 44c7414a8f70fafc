// analyzeShell(): command line -> the simple commands bash would run, with every wrapper peeled,
// plus findings for what cannot be seen into. Synchronous and pure once initShell() has run.
import type { SimpleCommand } from '../rules/types';
import { canonicalOptions } from './canonical';
import { isTrivial, splitTrivial } from './fastpath';
import { walk } from './extract';
import { MAX_PARSE_CHARS, parseBash, type ParseOutcome } from './parser';
import { splitSimple } from './simple';
import { AnalysisState, type Extracted, MAX_UNWRAP_DEPTH } from './state';
import type { AnalyzeOptions, ShellAnalysis } from './types';
import { programName } from './words';
import { respell } from './respell';
import { unsetReading } from './unset';
import { WRAPPERS, type Step } from './wrappers';
import { Aliases, callArguments } from './later';
import { dedupe, expansionValues, type Alt, MAX_COMBINATIONS, type Outer, replacement, UNKNOWN, Values } from './values';

export function analyzeShell(command: string, options: AnalyzeOptions = {}): ShellAnalysis {
  const state = new AnalysisState(options.trace === true, options.fastPath !== false, options.keepDeadCode !== true && !REDEFINES_TRUTH.test(command));
  try {
    analyzeScript(command, 0, [], state);
  } catch (err) {
    // Never let an analyzer bug turn into an allow: report it as too complex (verdict: ask).
    state.tooComplex(`the analyzer failed on this command (${err instanceof Error ? err.message : String(err)})`, command);
  }
  const commands: SimpleCommand[] = state.commands.map(publicCommand);
  const rebound = reboundNames(command);
  // git's own environment (GIT_DIR, GIT_WORK_TREE, GIT_INDEX_FILE, GIT_CONFIG_*) named anywhere, or variables
  // exported wholesale: a git command may act on another repository than the folder it runs in
  if (/\bGIT_[A-Z0-9_]+|\bset\s+(?:-[a-zA-Z]*a|-o\s+allexport)/.test(command)) rebound.push('GIT');
  if (rebound.length > 0) for (const c of commands) c.rebound = rebound;
  // A cd the command itself redefines (a function, an alias, a disabled builtin) may go nowhere: no `&&` chain
  // after it is placed in its directory alone.
  if (CD_REDEFINED.test(command)) for (const c of commands) delete c.afterCd;
  markGitChanges(command, commands);
  const result: ShellAnalysis = { commands, findings: state.findings };
  if (state.trace) result.trace = state.trace;
  return result;
}

/**
 * A line that could give `true`, `false` or `:` another meaning (a function or alias of that name, `enable`, an
 * exported function for a child shell, code it evaluates or sources): no branch is read as dead in it.
 */
export const REDEFINES_TRUTH = /(?:^|[\s;&|(])(?:function\s+)?(?:true|false|:)\s*\(\s*\)|\bfunction\s+(?:true|false)\b|\balias\b|\benable\b|\bBASH_FUNC_|\bexport\s+-[a-z]*f|\bdeclare\s+-[a-z]*f|\bBASH_ENV\b|\bENV=|\beval\b|\bsource\b|(?:^|[;&|(\n])\s*\.\s/;
const LITERAL_TRUTH_CHAIN = /(?:^|[;&|(]\s*)(?:true|false|:)\s*(?:&&|\|\|)/;

/** Commands that leave a repository as it is: what runs after them meets the state read at decision time. */
const KEEPS_GIT_STATE = new Set(['cd', 'pushd', 'popd', 'echo', 'printf', 'ls', 'pwd', 'true', ':', 'test', '[', '[[', 'cat', 'head', 'tail', 'wc', 'grep', 'rg', 'sleep', 'date', 'which', 'type', 'command', 'export', 'set', 'sort', 'jq']);
const READ_ONLY_GIT = /^(?:status|log|diff|show|rev-parse|ls-files|ls-remote|describe|blame|shortlog|grep|fetch|remote|config|branch|tag|stash list|stash show|for-each-ref|cat-file|whatchanged|reflog|version|help)$/;
/** Loops run commands again after later ones; functions, traps and sourced files run them out of order. */
const OUT_OF_ORDER = /(?:^|[\s;&|(])(?:while|until|for|select|function|trap|source|alias)(?=[\s;&|)]|$)|(?:^|[;&|(\n])\s*\.\s|\(\)\s*\{/;

/** Sets `gitMayHaveChanged` on each command after one that may change a repository (see its doc). */
function markGitChanges(command: string, commands: SimpleCommand[]): void {
  if (OUT_OF_ORDER.test(command)) {
    for (const c of commands) c.gitMayHaveChanged = true;
    return;
  }
  let changed = false;
  for (const c of commands) {
    if (changed) c.gitMayHaveChanged = true;
    const name = c.name;
    if (name === undefined) changed = true;
    else if (name === 'git') {
      const words = c.args.filter((a) => !a.startsWith('-'));
      const sub = words[0] === 'stash' ? `stash ${words[1] ?? 'push'}` : words[0];
      // `git branch x`, `git tag v1`, `git config k v` write; only their listing forms are left alone
      const lists = sub === 'branch' || sub === 'tag' || sub === 'config' || sub === 'remote' ? words.length <= 1 || c.args.some((a) => /^(?:-l|--list|-a|-r|-v|-vv|--get.*|--show-current)$/.test(a)) : true;
      if (sub === undefined || !READ_ONLY_GIT.test(sub) || !lists) changed = true;
    } else if (!KEEPS_GIT_STATE.has(name)) changed = true;
  }
}

const CD_REDEFINED = /(?:^|[^\w-])(?:cd|pushd)\s*\(|\bfunction\s+(?:cd|pushd)\b|\b(?:cd|pushd)=|\benable\b|\bCDPATH\b|\bBASH_ENV\b|\bPROMPT_COMMAND\b/;

/** Variables whose value rules trust from the agent's environment ($TMPDIR is temp, ~ and $HOME are the home). */
const TRUSTED_VARS = ['TMPDIR', 'HOME'] as const;
/** A read that leaves the variable as it is: `$X`, `${X}`, `${X:-w}`, `${X#p}`, `${X/a/b}`, … (not `${X=w}` / `${X:=w}`). */
const READ_AFTER_BRACE = /^(?:\}|:?[-+?]|[#%/^,@]|:\s*[0-9-])/;

/** `=value` after an assigned name, up to where the word ends: single-quoted, double-quoted without expansions, or bare. */
const ASSIGNED_VALUE = /^=(?:'([^']*)'|"([^"$`\\]*)"|([^\s;&|()<>'"$`\\]*))(?=[\s;&|()<>]|$)/;
/** A temp directory written out: /tmp, /var/tmp, /private/tmp and paths below them. */
const CLEAN_TEMP = /^\/(?:tmp|var\/tmp|private\/tmp)(?:\/[^\s]*)?$/;

/**
 * Of TRUSTED_VARS, those the command text may set anywhere: `TMPDIR=/x cmd`, `export HOME=…`, `read TMPDIR`,
 * `for HOME in …`, `${TMPDIR:=…}`, `env TMPDIR=…`, `declare`/`printf -v`/`getopts`. A same-command prefix does not
 * change that command's own `$TMPDIR` (bash expands words before the assignment applies), but it shows the value
 * is not what the agent's environment holds: any mention other than a plain read counts (the safe reading).
 */
export function reboundNames(text: string): string[] {
  const out: string[] = [];
  for (const name of TRUSTED_VARS) {
    if (!text.includes(name)) continue;
    const re = new RegExp(`(?<![A-Za-z0-9_])${name}(?![A-Za-z0-9_])`, 'g');
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const at = m.index;
      if (text[at - 1] === '$') continue;
      if (text.slice(at - 2, at) === '${' && READ_AFTER_BRACE.test(text.slice(at + name.length))) continue;
      // `TMPDIR=/tmp/build cmd`: whichever value a `$TMPDIR` then holds (the old or this one), it is a temp path.
      if (name === 'TMPDIR' && (at === 0 || /[\s;&|(]/.test(text[at - 1]))) {
        const v = ASSIGNED_VALUE.exec(text.slice(at + name.length));
        const value = v ? (v[1] ?? v[2] ?? v[3]) : undefined;
        if (value !== undefined && CLEAN_TEMP.test(value) && !value.split('/').includes('..')) continue;
      }
      out.push(name);
      break;
    }
  }
  return out;
}

/**
 * Redirections that set stdin. Of several, bash reads only the last, but a `</dev/null` added anywhere must not
 * change a decision (`mysql </dev/null … < wipe.sql` reads wipe.sql; `< .env </dev/null cat` still opens .env):
 * so `</dev/null` beside another stdin redirect is dropped and the others are all kept, as if each were read.
 */
const STDIN_OP = /^0?(?:<|<<|<<-|<<<)$/;

function publicCommand(c: Extracted): SimpleCommand {
  canonicalOptions(c);
  const fromNull = (r: { op: string; target: string }): boolean => /^0?<$/.test(r.op) && r.target === '/dev/null';
  if (c.redirects.some(fromNull) && c.redirects.some((r) => STDIN_OP.test(r.op) && !fromNull(r))) c.redirects = c.redirects.filter((r) => !fromNull(r));
  const out: SimpleCommand = {
    name: c.name,
    args: c.args,
    dynamicName: c.dynamicName,
    argDynamic: c.argDynamic,
    assignments: c.assignments,
    redirects: c.redirects,
    text: c.text,
    via: c.via,
  };
  if (c.stdin !== undefined) out.stdin = c.stdin;
  if (c.pipedIn) out.pipedIn = true;
  if (c.pipedPaths) out.pipedPaths = c.pipedPaths;
  if (c.pipedTo) out.pipedTo = c.pipedTo;
  if (c.pipedFrom) out.pipedFrom = c.pipedFrom;
  if (c.doubt !== undefined) out.doubt = c.doubt;
  if (c.afterCd) out.afterCd = true;
  return out;
}

/** Parses one script (the top-level command, or a `bash -c` / `eval` / heredoc body) and unwraps it. */
/** `rm${IFS}-rf${IFS}/`: unquoted $IFS splits words at run time, so read it as the space it becomes. */
const IFS = /\$\{IFS\}|\$IFS(?![A-Za-z0-9_])/g;

/** Values a script inherits: a function body sees its caller's variables and its call's arguments. */
interface Inherited {
  outer?: Outer;
  positional?: Alt[];
}

/** Only text that can hold an expansion, a function, `set` or a stored command needs the values pass. */
const MAY_BIND = /[$]|\(\s*\)|\bfunction\b|\bset\b|PROMPT_COMMAND|BASH_ENV|\bENV=|\bPS[0124]=/;

function analyzeScript(rawText: string, depth: number, via: string[], state: AnalysisState, inherited: Inherited = {}): void {
  let text = rawText.includes('IFS') ? rawText.replace(IFS, ' ') : rawText;
  if (text.includes('\\\n') && depth <= MAX_UNWRAP_DEPTH) {
    const joined = joinContinuations(text);
    if (joined !== text) {
      state.note(() => `backslash-newline removed (bash joins the lines before splitting words): ${JSON.stringify(joined)}`);
      // A quoted heredoc keeps its backslash-newlines, which this scan does not tell apart: judge both readings then.
      if (/<<-?\s*['"\\]/.test(text)) analyzeScript(joined, depth + 1, [...via, 'joined lines'], state, inherited);
      else text = joined;
    }
  }
  if (depth > MAX_UNWRAP_DEPTH) {
    state.tooComplex(`commands nested more than ${MAX_UNWRAP_DEPTH} levels deep (bash -c inside bash -c …)`, text);
    return;
  }
  if (text.length > MAX_PARSE_CHARS) {
    // Same limit with or without the parser: rules over megabyte arguments would cost more than the budget,
    // and no person reviews a command that long. Fail closed.
    state.tooComplex(`the command is ${text.length} characters long, more than the ${MAX_PARSE_CHARS} Airlock analyses`, text);
    return;
  }
  // each script it unwraps (`bash -c "$(… | base64 -d)"`) is checked by its own text as well
  const found = new AnalysisState(false, true, state.deadCodeOk && !REDEFINES_TRUTH.test(text));
  let top: Extracted[];
  let values: Values | undefined;
  // `false && rm -rf x`: the parser's walk knows what can never run; the fast path does not
  const simple = state.fastPath && !(state.deadCodeOk && LITERAL_TRUTH_CHAIN.test(text)) ? (isTrivial(text) ? splitTrivial(text, via) : splitSimple(text, via)) : undefined;
  if (simple) {
    top = simple;
    state.note(() => `fast path (plain and quoted words, ; && || | &): ${JSON.stringify(text)}`);
  } else {
    let parsed = parseBash(text);
    if ('tooComplex' in parsed) {
      state.tooComplex(parsed.tooComplex, text);
      return;
    }
    const closed = parsed.tree.rootNode.hasError ? closeQuote(text) ?? withoutNullRedirects(text) : undefined;
    if (closed) {
      state.note(() => `reparsed (a quote closed at the end, or null redirects dropped): ${JSON.stringify(closed.text)}`);
      parsed.tree.delete();
      parsed = closed.parsed;
      text = closed.text;
    }
    try {
      state.note(() => `parse tree: ${parsed.tree.rootNode.toString()}`);
      const root = parsed.tree.rootNode;
      const hasError = root.hasError;
      if (hasError) found.parseError('bash would not accept this command as written (unbalanced quotes, brackets or keywords)', text);
      walk(root, { source: text, via, state: found, checkMissing: hasError, deadCode: found.deadCodeOk }, 0);
      if (MAY_BIND.test(text) || inherited.outer || inherited.positional) {
        values = new Values(text, inherited.outer, inherited.positional);
        values.collect(root);
      }
    } finally {
      parsed.tree.delete();
    }
    top = found.commands;
    state.findings.push(...found.findings);
  }
  if (values?.overflow) state.tooComplex('the command has more assignments or expansions than Airlock follows', text);
  for (const step of values?.later ?? []) {
    if (step.script === '') state.unknownCode(`${step.label} stores a command computed at run time`, text);
    else analyzeScript(step.script, depth + 1, [...via, step.label], state);
  }
  const aliases = new Aliases();
  /** Pipelines and redirected statements already judged as a whole in a rewrite with known values (see expand). */
  const replaced: { at: [number, number]; via: number }[] = [];
  const tfArgs = text.includes('TF_CLI_ARGS') ? terraformArgVars(text) : undefined;
  for (const cmd of top) {
    // `export TF_CLI_ARGS_apply=-destroy; …; terraform apply`: set anywhere in this script, it may reach terraform.
    if (tfArgs && TERRAFORMS.has(cmd.name ?? '')) cmd.assignments = { ...tfArgs, ...cmd.assignments };
    for (const step of aliases.stepsFor(cmd)) {
      if ('unknown' in step) state.unknownCode(step.unknown, cmd.text);
      else analyzeScript(step.script, depth + 1, [...cmd.via, step.label], state);
    }
    // `$P x | xargs rm`, rewritten whole as `find x | xargs rm`: its other stages were judged in the rewrite.
    if (cmd.span && replaced.some((r) => cmd.via.length === r.via && cmd.span![0] >= r.at[0] && cmd.span![1] <= r.at[1])) continue;
    if (values && !values.isEmpty && cmd.span && expand(cmd, values, text, depth, state)) {
      if (cmd.context) replaced.push({ at: cmd.context, via: cmd.via.length });
      continue;
    }
    unwrap(cmd, depth, state);
  }
}

/**
 * `r\\<newline>m -rf src` runs `rm`: bash removes every backslash-newline outside single quotes (and comments)
 * before it splits words. tree-sitter-bash reads one as a word break instead, so the pairs are removed first.
 */
export function joinContinuations(text: string): string {
  let out = '';
  let quote: '' | "'" | '"' | '$' = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote === '$') {
      // $'…': backslash escapes (an escaped quote does not end it); a backslash-newline stays.
      out += c;
      if (c === '\\' && i + 1 < text.length) out += text[++i];
      else if (c === "'") quote = '';
      continue;
    }
    if (quote === "'") {
      out += c;
      if (c === "'") quote = '';
      continue;
    }
    if (c === '\\') {
      if (text[i + 1] === '\n') {
        i++;
        continue;
      }
      out += c + (text[i + 1] ?? '');
      i++;
      continue;
    }
    if (quote === '"') {
      if (c === '"') quote = '';
      out += c;
      continue;
    }
    if (c === "'" || c === '"') quote = c === "'" && text[i - 1] === '$' ? '$' : c;
    else if (c === '#' && (i === 0 || /[\s;&|(]/.test(text[i - 1]))) {
      // A comment runs to the end of its line; a backslash in it continues nothing.
      const end = text.indexOf('\n', i);
      const stop = end < 0 ? text.length : end;
      out += text.slice(i, stop);
      i = stop - 1;
      continue;
    }
    out += c;
  }
  return out;
}

/**
 * `echo 'unterminated`: bash reads to the end looking for the closing quote and runs nothing of that line
 * (earlier lines have run). Closing it at the end reads every word after the quote as quoted text, which is
 * what bash would have seen had the line run (and what any text appended after it would see), and still
 * judges everything before the quote. Only when that alone makes the command parse; other errors stay errors.
 */
function closeQuote(text: string): { text: string; parsed: Extract<ParseOutcome, { tree: unknown }> } | undefined {
  for (const quote of ["'", '"']) {
    const candidate = text + quote;
    const parsed = parseBash(candidate);
    if ('tooComplex' in parsed) return undefined;
    if (!parsed.tree.rootNode.hasError) return { text: candidate, parsed };
    parsed.tree.delete();
  }
  return undefined;
}

/** `2>/dev/null`, `>/dev/null`, `</dev/null`, `&>/dev/null`, `2>&1` as words of their own. */
const NULL_REDIRECT = /(^|[ \t])(?:\d*>>?|&>>?|\d*<)[ \t]*\/dev\/null(?=[ \t;&|)]|$)|(^|[ \t])\d*>&\d-?(?=[ \t;&|)]|$)/gm;

/**
 * `tee 2>/dev/null -a notes.md <<< 'x'`: bash takes redirects anywhere, tree-sitter-bash not always. Redirects
 * to /dev/null and between descriptors move no data into or out of a file, so when only they make the parse
 * fail, the command is judged without them (the same effects; the property tests pin that adding them never
 * changes a decision).
 */
function withoutNullRedirects(text: string): { text: string; parsed: Extract<ParseOutcome, { tree: unknown }> } | undefined {
  const candidate = text.replace(NULL_REDIRECT, (_m, a: string | undefined, b: string | undefined) => a ?? b ?? '');
  if (candidate === text) return undefined;
  const parsed = parseBash(candidate);
  if ('tooComplex' in parsed) return undefined;
  if (!parsed.tree.rootNode.hasError) return { text: candidate, parsed };
  parsed.tree.delete();
  return undefined;
}

/**
 * Judges `cmd` with the values its expansions can hold, and calls of functions defined in this script
 * with their body. Returns true when the rewritten forms replace the command as written (every value each
 * expansion can hold is known); false when the command must be judged as written too.
 */
function expand(cmd: Extracted, values: Values, text: string, depth: number, state: AnalysisState): boolean {
  const [start, end] = cmd.span!;
  const fn = cmd.name !== undefined ? values.functions.get(cmd.name) : undefined;
  const label = `${cmd.name}()`;
  if (fn && !cmd.via.includes(label) && depth < MAX_UNWRAP_DEPTH) {
    analyzeScript(fn.body, depth + 1, [...cmd.via, label], state, { outer: values.outerAt(start), positional: callArguments(cmd) });
  }
  const dynamicTarget = cmd.redirects.some((r) => /[$`]/.test(r.target));
  if (!cmd.dynamicName && !cmd.argDynamic.some(Boolean) && !dynamicTarget) return false;
  const inside = values.expansions.filter((e) => e.start >= start && e.end <= end);
  // Only a redirect's target holds a value: the command is judged as written and, besides, with the values in place
  if (inside.length === 0 && !(dynamicTarget && cmd.context)) return false;
  // `read a; $a …`: the program is whatever the input said, which Airlock cannot see.
  if (cmd.dynamicName && inside.length > 0) {
    const first = inside.reduce((a, b) => (b.start < a.start ? b : a));
    if (values.readFromInput(first.name, first.start)) state.unknownCode(`the program is named by input \`read\` takes at run time ($${first.name})`, cmd.text);
  }
  let sure = inside.length > 0;
  const choices: { e: (typeof inside)[number]; words: string[][] }[] = [];
  for (const e of inside) {
    const alts = dedupe(expansionValues(e, values));
    const known = alts.filter((a): a is string[] => a !== UNKNOWN);
    // Every value it can hold is known (one, or each word of `for d in a b`): the rewritten forms are the command.
    // One known in none of its values stays as written in the rewrite, which judges it as it judges the original.
    if (known.length > 0 && known.length !== alts.length) sure = false;
    if (known.length > 0) choices.push({ e, words: known });
  }
  if (choices.length === 0 && inside.length > 0) return false;
  // The rewrite keeps the pipeline or redirects around the command (`$P '' > .env` is `echo '' > .env`), with the
  // other known values there filled in as well, so the rewritten text expands nothing again.
  const [from, to] = cmd.context ?? [start, end];
  if (from !== start || to !== end) {
    for (const e of values.expansions) {
      if (e.start < from || e.end > to || (e.start >= start && e.end <= end)) continue;
      const known = dedupe(expansionValues(e, values)).filter((a): a is string[] => a !== UNKNOWN);
      if (known.length > 0) choices.push({ e, words: known });
    }
    choices.sort((a, b) => a.e.start - b.e.start);
  }
  if (choices.length === 0) return false;
  let combos: string[][][] = [[]];
  for (const c of choices) {
    const next: string[][][] = [];
    for (const combo of combos) for (const w of c.words) if (next.length < MAX_COMBINATIONS) next.push([...combo, w]);
    if (combos.length * c.words.length > MAX_COMBINATIONS) sure = false;
    combos = next;
  }
  for (const combo of combos) {
    let out = text.slice(from, to);
    // Right to left, so earlier offsets stay valid.
    for (let k = choices.length - 1; k >= 0; k--) {
      const e = choices[k].e;
      out = out.slice(0, e.start - from) + replacement(e, combo[k], values.extraSplit) + out.slice(e.end - from);
    }
    state.note(() => `expand: ${JSON.stringify(out)}`);
    analyzeScript(out, depth + 1, [...cmd.via, 'expanded'], state, { outer: values.outerAt(start) });
  }
  return sure;
}

/** Programs a globbed name (`/bin/r?`, `/???/c?t`) is checked against when the file system is not consulted. */
const RISKY_PROGRAMS = [
  'rm', 'rmdir', 'shred', 'unlink', 'truncate', 'dd', 'mkfs', 'cat', 'tac', 'less', 'more', 'head', 'tail', 'cp', 'mv', 'scp', 'base64', 'xxd', 'od',
  'strings', 'psql', 'mysql', 'mongosh', 'mongo', 'redis-cli', 'sqlite3', 'curl', 'wget', 'git', 'kubectl', 'helm', 'terraform', 'aws', 'gcloud', 'az',
  'docker', 'find', 'chmod', 'chown', 'sh', 'bash', 'zsh', 'dash', 'python', 'python3', 'node', 'perl', 'ruby', 'env', 'sudo', 'xargs', 'eval',
];
const GLOB_CHARS = /[*?[]/;

/** The programs an unexpanded glob in a command name could be: `r?` can be rm. Bounded by the list. */
function globCandidates(name: string): string[] {
  if (name.length > 64) return [];
  let re = '';
  for (let i = 0; i < name.length; i++) {
    const c = name[i];
    if (c === '*') re += '.*';
    else if (c === '?') re += '.';
    else if (c === '[') {
      const close = name.indexOf(']', i + 2);
      if (close < 0) re += '\\[';
      else {
        const body = name.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\');
        re += `[${body}]`;
        i = close;
      }
    } else re += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  let pattern: RegExp;
  try {
    pattern = new RegExp(`^${re}$`);
  } catch {
    return [];
  }
  return RISKY_PROGRAMS.filter((p) => pattern.test(p));
}

const TERRAFORMS = new Set(['terraform', 'tofu', 'terragrunt']);
const TF_ASSIGNED = /(?:^|[\s;&|(])(TF_CLI_ARGS(?:_[A-Za-z0-9_]+)?)=(?:"([^"$`\\]*)"|'([^']*)'|([^\s;&|()<>'"$`\\]*))/g;

/** `TF_CLI_ARGS…=value` assignments written in a script (exported or not: either way terraform may see them). */
function terraformArgVars(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of text.matchAll(TF_ASSIGNED)) out[m[1]] = [out[m[1]], m[2] ?? m[3] ?? m[4] ?? ''].filter(Boolean).join(' ');
  return out;
}

/**
 * terraform (and OpenTofu) read extra arguments from TF_CLI_ARGS and TF_CLI_ARGS_<subcommand>, inserted after the
 * subcommand: `TF_CLI_ARGS_apply="-destroy -auto-approve" terraform apply` is `terraform apply -destroy -auto-approve`.
 */
function terraformWithEnvArgs(cmd: Extracted): Extracted | undefined {
  const vars = Object.keys(cmd.assignments).filter((k) => k.startsWith('TF_CLI_ARGS'));
  if (vars.length === 0 || cmd.via.includes('TF_CLI_ARGS')) return undefined;
  const at = cmd.args.findIndex((a) => !a.startsWith('-'));
  if (at < 0) return undefined;
  const sub = cmd.args[at];
  const extra = [cmd.assignments.TF_CLI_ARGS, cmd.assignments[`TF_CLI_ARGS_${sub}`], cmd.assignments[`TF_CLI_ARGS_${sub.replace(/-/g, '_')}`]]
    .filter((v): v is string => v !== undefined)
    .flatMap((v) => v.split(/\s+/).filter(Boolean));
  if (extra.length === 0) return undefined;
  const args = [...cmd.args.slice(0, at + 1), ...extra, ...cmd.args.slice(at + 1)];
  const argDynamic = [...cmd.argDynamic.slice(0, at + 1), ...extra.map(() => false), ...cmd.argDynamic.slice(at + 1)];
  return { ...cmd, args, argDynamic, via: [...cmd.via, 'TF_CLI_ARGS'] };
}

/** Interpreters that take code after each flag: a computed program name given one of these flags may be any of them. */
const CODE_FLAG_PROGRAMS: Readonly<Record<string, readonly string[]>> = {
  '-c': ['sh', 'bash', 'python3'],
  '-e': ['node', 'perl', 'ruby'],
  '-E': ['perl'],
  '-r': ['php'],
  '--eval': ['node'],
};

/**
 * `$PY -c '…'`, `"$(find_node)" -e '…'`: the program is computed, but the code flag says what kind it is. Judged as
 * each interpreter that reads code after that flag, in doubt (the hits ask, whichever program it turns out to be).
 */
function asInterpreters(cmd: Extracted): Extracted[] {
  if (!cmd.dynamicName || cmd.via.includes('code flag')) return [];
  const at = cmd.args.findIndex((a, i) => !cmd.argDynamic[i] && Object.hasOwn(CODE_FLAG_PROGRAMS, a));
  if (at < 0 || at + 1 >= cmd.args.length) return [];
  return CODE_FLAG_PROGRAMS[cmd.args[at]].map((name) => ({
    ...cmd,
    name,
    dynamicName: false,
    via: [...cmd.via, 'code flag'],
    doubt: cmd.doubt ?? `the program is computed at run time; its ${cmd.args[at]} flag reads like ${name}'s`,
  }));
}

/** A program named `${VAR:-word}`: with VAR unset (nothing in the line sets it) bash runs `word`. */
const DEFAULT_NAME = /^(\s*"?)\$\{[A-Za-z_][A-Za-z0-9_]*:?-([A-Za-z0-9_./+-]+)\}("?)(?=\s|$)/;

function unwrap(cmd: Extracted, depth: number, state: AnalysisState): void {
  for (const alt of asInterpreters(cmd)) unwrap(alt, depth, state);
  if (cmd.dynamicName && !cmd.via.includes('default value') && depth < MAX_UNWRAP_DEPTH) {
    const d = DEFAULT_NAME.exec(cmd.text);
    if (d) analyzeScript(cmd.text.replace(DEFAULT_NAME, (_m, a: string, word: string, b: string) => `${a}${word}${b}`), depth + 1, [...cmd.via, 'default value'], state);
  }
  if (TERRAFORMS.has(cmd.name ?? '')) {
    const withArgs = terraformWithEnvArgs(cmd);
    if (withArgs) unwrap(withArgs, depth, state);
  }
  if (cmd.name !== undefined && GLOB_CHARS.test(cmd.name) && !cmd.via.includes('glob')) {
    // bash expands a globbed program path before running it: judge every program it could name.
    for (const name of globCandidates(cmd.name)) unwrap({ ...cmd, name, via: [...cmd.via, 'glob'] }, depth, state);
  }
  // `GIT CHECKOUT`, `1A=2 git …`, `git reset ‐‐hard`: also judge the command it resembles (respell.ts).
  const alt = respell(cmd);
  if (alt) unwrap(alt, depth, state);
  // `cat $X.env`, `cat .e${X}nv`: a variable nothing sets is likely unset and expands to nothing (unset.ts).
  if (!cmd.via.includes('unset variables')) {
    const unset = unsetReading(cmd);
    if (unset) unwrap(unset, depth, state);
  }
  // `LESSOPEN='|cat .env # %s' less f`, `MANPAGER='sh -c …' man ls`: variables whose value the program runs.
  for (const step of commandEnvSteps(cmd)) applyStep(cmd, step, depth, state);
  // Own keys only: a command named `toString` or `constructor` is no wrapper.
  const wrapper = cmd.name !== undefined && Object.hasOwn(WRAPPERS, cmd.name) ? WRAPPERS[cmd.name] : undefined;
  if (!wrapper) {
    state.add(cmd);
    return;
  }
  if (depth > MAX_UNWRAP_DEPTH) {
    state.tooComplex(`commands nested more than ${MAX_UNWRAP_DEPTH} levels deep`, cmd.text);
    state.add(cmd);
    return;
  }
  for (const step of wrapper(cmd)) applyStep(cmd, step, depth, state);
}

/** Variables a program runs as a shell command: less's input preprocessors, man's pager. git's are config_wrappers.ts's. */
function commandEnvSteps(cmd: Extracted): Step[] {
  const out: Step[] = [];
  for (const name of ['LESSOPEN', 'LESSCLOSE']) {
    const v = cmd.assignments[name];
    // `|cmd %s` pipes, `||cmd %s` too, a plain `cmd %s` writes a replacement file: each runs cmd with the file name
    if (v !== undefined && v.trim() !== '') out.push({ script: v.replace(/^\s*-?\|{1,2}/, '').replace(/%s/g, 'FILE'), label: name });
  }
  const pager = cmd.name === 'man' ? cmd.assignments.MANPAGER ?? cmd.assignments.PAGER : cmd.name === 'systemctl' || cmd.name === 'journalctl' ? cmd.assignments.SYSTEMD_PAGER : undefined;
  if (pager !== undefined && pager.trim() !== '') out.push({ script: pager, label: 'pager' });
  return out;
}

function applyStep(cmd: Extracted, step: Step, depth: number, state: AnalysisState): void {
  if ('self' in step) {
    state.add(cmd);
  } else if ('unknown' in step) {
    state.note(`unknown code: ${step.unknown}`);
    state.unknownCode(step.unknown, cmd.text);
    state.add(cmd);
  } else if ('script' in step) {
    state.note(() => `unwrap ${step.label}: ${JSON.stringify(step.script)}`);
    const before = state.commands.length;
    analyzeScript(step.script, depth + 1, [...cmd.via, step.label], state);
    // What a reading in doubt runs is in doubt too.
    if (cmd.doubt !== undefined) for (let k = before; k < state.commands.length; k++) state.commands[k].doubt ??= cmd.doubt;
  } else {
    const [first, ...args] = step.exec.args;
    const dynamicName = step.exec.dyn[0] === true;
    const inner: Extracted = {
      name: dynamicName ? undefined : programName(first),
      args,
      dynamicName,
      argDynamic: step.exec.dyn.slice(1),
      assignments: { ...cmd.assignments, ...step.assignments },
      redirects: cmd.redirects,
      text: cmd.text,
      via: [...cmd.via, step.label],
    };
    if (cmd.stdin !== undefined) inner.stdin = cmd.stdin;
    if (cmd.pipedIn) inner.pipedIn = true;
    if (cmd.pipeSource) inner.pipeSource = cmd.pipeSource;
    if (cmd.pipedPaths) inner.pipedPaths = cmd.pipedPaths;
    if (cmd.pipedTo) inner.pipedTo = cmd.pipedTo;
    if (cmd.pipedFrom) inner.pipedFrom = cmd.pipedFrom;
    if (cmd.afterCd) inner.afterCd = true;
    const doubt = [cmd.doubt, step.doubt].filter((d) => d !== undefined).join('; ');
    if (doubt !== '') inner.doubt = doubt;
    state.note(() => `unwrap ${step.label}: ${[inner.name ?? '(computed)', ...args].join(' ')}`);
    unwrap(inner, depth + 1, state);
  }
}
