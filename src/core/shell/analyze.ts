// analyzeShell(): command line -> the simple commands bash would run, with every wrapper peeled,
// plus findings for what cannot be seen into. Synchronous and pure once initShell() has run.
import type { SimpleCommand } from '../rules/types';
import { canonicalOptions } from './canonical';
import { isTrivial, splitTrivial } from './fastpath';
import { walk } from './extract';
import { MAX_PARSE_CHARS, parseBash } from './parser';
import { splitSimple } from './simple';
import { AnalysisState, type Extracted, MAX_UNWRAP_DEPTH } from './state';
import type { AnalyzeOptions, ShellAnalysis } from './types';
import { programName } from './words';
import { WRAPPERS, type Step } from './wrappers';
import { Aliases, callArguments } from './later';
import { dedupe, expansionValues, type Alt, MAX_COMBINATIONS, type Outer, replacement, UNKNOWN, Values } from './values';

export function analyzeShell(command: string, options: AnalyzeOptions = {}): ShellAnalysis {
  const state = new AnalysisState(options.trace === true, options.fastPath !== false);
  try {
    analyzeScript(command, 0, [], state);
  } catch (err) {
    // Never let an analyzer bug turn into an allow: report it as too complex (verdict: ask).
    state.tooComplex(`the analyzer failed on this command (${err instanceof Error ? err.message : String(err)})`, command);
  }
  const commands: SimpleCommand[] = state.commands.map(publicCommand);
  const result: ShellAnalysis = { commands, findings: state.findings };
  if (state.trace) result.trace = state.trace;
  return result;
}

function publicCommand(c: Extracted): SimpleCommand {
  canonicalOptions(c);
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
  const text = rawText.includes('IFS') ? rawText.replace(IFS, ' ') : rawText;
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
  const found = new AnalysisState(false);
  let top: Extracted[];
  let values: Values | undefined;
  const simple = state.fastPath ? (isTrivial(text) ? splitTrivial(text, via) : splitSimple(text, via)) : undefined;
  if (simple) {
    top = simple;
    state.note(() => `fast path (plain and quoted words, ; && || | &): ${JSON.stringify(text)}`);
  } else {
    const parsed = parseBash(text);
    if ('tooComplex' in parsed) {
      state.tooComplex(parsed.tooComplex, text);
      return;
    }
    try {
      state.note(() => `parse tree: ${parsed.tree.rootNode.toString()}`);
      const root = parsed.tree.rootNode;
      const hasError = root.hasError;
      if (hasError) found.parseError('bash would not accept this command as written (unbalanced quotes, brackets or keywords)', text);
      walk(root, { source: text, via, state: found, checkMissing: hasError }, 0);
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
  for (const cmd of top) {
    for (const step of aliases.stepsFor(cmd)) {
      if ('unknown' in step) state.unknownCode(step.unknown, cmd.text);
      else analyzeScript(step.script, depth + 1, [...cmd.via, step.label], state);
    }
    if (values && !values.isEmpty && cmd.span && expand(cmd, values, text, depth, state)) continue;
    unwrap(cmd, depth, state);
  }
}

/**
 * Judges `cmd` with the values its expansions can hold, and calls of functions defined in this script
 * with their body. Returns true when the rewritten forms replace the command as written (every value
 * known for sure); false when the command must be judged as written too.
 */
function expand(cmd: Extracted, values: Values, text: string, depth: number, state: AnalysisState): boolean {
  const [start, end] = cmd.span!;
  const fn = cmd.name !== undefined ? values.functions.get(cmd.name) : undefined;
  const label = `${cmd.name}()`;
  if (fn && !cmd.via.includes(label) && depth < MAX_UNWRAP_DEPTH) {
    analyzeScript(fn.body, depth + 1, [...cmd.via, label], state, { outer: values.outerAt(start), positional: callArguments(cmd) });
  }
  if (!cmd.dynamicName && !cmd.argDynamic.some(Boolean)) return false;
  const inside = values.expansions.filter((e) => e.start >= start && e.end <= end);
  if (inside.length === 0) return false;
  let sure = true;
  const choices: { e: (typeof inside)[number]; words: string[][] }[] = [];
  for (const e of inside) {
    const alts = dedupe(expansionValues(e, values));
    const known = alts.filter((a): a is string[] => a !== UNKNOWN);
    if (known.length !== alts.length || known.length !== 1) sure = false;
    if (known.length > 0) choices.push({ e, words: known });
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
    let out = text.slice(start, end);
    // Right to left, so earlier offsets stay valid.
    for (let k = choices.length - 1; k >= 0; k--) {
      const e = choices[k].e;
      out = out.slice(0, e.start - start) + replacement(e, combo[k]) + out.slice(e.end - start);
    }
    state.note(() => `expand: ${JSON.stringify(out)}`);
    analyzeScript(out, depth + 1, [...cmd.via, 'expanded'], state, { outer: values.outerAt(start) });
  }
  return sure;
}

function unwrap(cmd: Extracted, depth: number, state: AnalysisState): void {
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

function applyStep(cmd: Extracted, step: Step, depth: number, state: AnalysisState): void {
  if ('self' in step) {
    state.add(cmd);
  } else if ('unknown' in step) {
    state.note(`unknown code: ${step.unknown}`);
    state.unknownCode(step.unknown, cmd.text);
    state.add(cmd);
  } else if ('script' in step) {
    state.note(() => `unwrap ${step.label}: ${JSON.stringify(step.script)}`);
    analyzeScript(step.script, depth + 1, [...cmd.via, step.label], state);
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
    state.note(() => `unwrap ${step.label}: ${[inner.name ?? '(computed)', ...args].join(' ')}`);
    unwrap(inner, depth + 1, state);
  }
}
