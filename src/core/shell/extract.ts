// Walks a bash syntax tree and collects every simple command bash would run: across ; && || | &,
// subshells, groups, control flow, function bodies, $(…), backticks, <(…), and heredocs. Command
// substitutions inside arguments and strings run too, so they are collected; quoted text is not.
import type { Node } from 'web-tree-sitter';
import type { Redirect } from '../rules/types';
import { type AnalysisState, type Extracted, MAX_TREE_DEPTH } from './state';
import { evalWord, programName } from './words';

const VALID_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const PLAIN_ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*\+?=[A-Za-z0-9 ._\/=:,@%+-]*$/;
const SUBSTITUTIONS = new Set(['command_substitution', 'process_substitution']);
const REDIRECTS = new Set(['file_redirect', 'heredoc_redirect', 'herestring_redirect']);
/** Pure data: nothing inside can run. */
const INERT = new Set(['raw_string', 'ansi_c_string', 'string_content', 'comment', 'heredoc_start', 'heredoc_end', 'word', 'number', 'variable_name']);

export interface WalkScope {
  source: string;
  via: string[];
  state: AnalysisState;
}

/** Returns the commands at this level (whose stdin/redirects the caller may set); nested ones go to state. */
export function walk(node: Node, scope: WalkScope, depth: number): Extracted[] {
  if (depth > MAX_TREE_DEPTH) {
    scope.state.tooComplex(`the command nests more than ${MAX_TREE_DEPTH} levels deep`, scope.source);
    return [];
  }
  switch (node.type) {
    case 'command': {
      const cmd = command(node, scope, depth);
      return cmd ? [cmd] : [];
    }
    case 'pipeline':
      return pipeline(node, scope, depth);
    case 'redirected_statement':
      return redirected(node, scope, depth);
    case 'command_substitution':
    case 'process_substitution':
      walkChildren(node, { ...scope, via: [...scope.via, node.type === 'command_substitution' ? '$(…)' : '<(…)'] }, depth);
      return [];
    case 'variable_assignments': {
      // `a=1 9=x y`: bash stops assigning at the first word that is not a valid assignment; it and
      // everything after it form a command. tree-sitter-bash reads them all as assignments.
      const parts = node.namedChildren;
      const at = parts.findIndex((p) => p.type === 'variable_assignment' && !VALID_NAME.test(p.childForFieldName('name')?.text ?? ''));
      if (at < 0) return walkChildren(node, scope, depth);
      const words = parts.slice(at).map((p) => evalWord(p, scope.source));
      const cmd: Extracted = {
        name: programName(words[0].value),
        args: words.slice(1).map((w) => w.value),
        dynamicName: false,
        argDynamic: words.slice(1).map((w) => w.dynamic),
        assignments: Object.fromEntries(parts.slice(0, at).map((p) => [p.childForFieldName('name')?.text ?? '', p.childForFieldName('value') ? evalWord(p.childForFieldName('value')!, scope.source).value : ''])),
        redirects: [],
        text: node.text,
        via: scope.via,
      };
      scope.state.add(cmd);
      for (const p of parts) walkWordSubstitutions(p, scope, depth);
      return [cmd];
    }
    case 'variable_assignment': {
      const key = node.childForFieldName('name')?.text ?? '';
      if (VALID_NAME.test(key) || node.parent?.type === 'declaration_command') return walkChildren(node, scope, depth);
      // `9=x` alone: not an assignment to bash, but a command of that name.
      const cmd: Extracted = { name: programName(evalWord(node, scope.source).value), args: [], dynamicName: false, argDynamic: [], assignments: {}, redirects: [], text: node.text, via: scope.via };
      scope.state.add(cmd);
      walkWordSubstitutions(node, scope, depth);
      return [cmd];
    }
    case 'ERROR':
      scope.state.parseError('bash would not accept this command as written', node.text);
      return walkChildren(node, scope, depth);
    default:
      if (INERT.has(node.type)) return [];
      if (node.isMissing) scope.state.parseError(`the command is incomplete (missing ${node.type})`, scope.source);
      return walkChildren(node, scope, depth);
  }
}

function walkChildren(node: Node, scope: WalkScope, depth: number): Extracted[] {
  const out: Extracted[] = [];
  for (const child of node.children) out.push(...walk(child, scope, depth + 1));
  return out;
}

/** Collects commands inside substitutions within a word, without treating the word itself as a command. */
function walkWordSubstitutions(node: Node, scope: WalkScope, depth: number): void {
  if (INERT.has(node.type)) return;
  if (SUBSTITUTIONS.has(node.type)) {
    walk(node, scope, depth + 1);
    return;
  }
  for (const child of node.children) walkWordSubstitutions(child, scope, depth + 1);
}

function command(node: Node, scope: WalkScope, depth: number): Extracted | undefined {
  const { source, state } = scope;
  const assignments: Record<string, string> = {};
  const args: string[] = [];
  const argDynamic: boolean[] = [];
  const redirects: Redirect[] = [];
  let name: string | undefined;
  let dynamicName = false;
  let nameSeen = false;
  let stdin: string | undefined;
  for (let i = 0; i < node.childCount; i++) {
    const child = node.child(i)!;
    const field = node.fieldNameForChild(i);
    const key = child.type === 'variable_assignment' ? child.childForFieldName('name')?.text ?? '' : '';
    if (child.type === 'variable_assignment' && (nameSeen || !VALID_NAME.test(key))) {
      // tree-sitter-bash reads `0a=x` as an assignment; bash does not (names cannot start with a digit):
      // it is the command name or an argument.
      const w = evalWord(child, source);
      if (!nameSeen) {
        nameSeen = true;
        name = programName(w.value);
      } else {
        args.push(w.value);
        argDynamic.push(w.dynamic);
      }
    } else if (child.type === 'variable_assignment') {
      const value = child.childForFieldName('value');
      assignments[key] = value ? evalWord(value, source).value : '';
      if (value) walkWordSubstitutions(value, scope, depth);
    } else if (field === 'name' && nameSeen) {
      const w = evalWord(child, source);
      walkWordSubstitutions(child, scope, depth);
      args.push(w.value);
      argDynamic.push(w.dynamic);
    } else if (field === 'name' && PLAIN_ASSIGNMENT.test(child.text)) {
      // …and reads `_=x cmd` as a command named `_=x`; bash reads an assignment.
      const eq = child.text.indexOf('=');
      assignments[child.text.slice(0, eq).replace(/\+$/, '')] = child.text.slice(eq + 1);
    } else if (field === 'name') {
      nameSeen = true;
      const w = evalWord(child, source);
      walkWordSubstitutions(child, scope, depth);
      if (w.dynamic) dynamicName = true;
      else name = programName(w.value);
    } else if (REDIRECTS.has(child.type)) {
      const r = redirect(child, scope, depth);
      if (r.redirect) redirects.push(r.redirect);
      if (r.stdin !== undefined) stdin = r.stdin;
    } else if (field === 'argument' || child.isNamed) {
      const w = evalWord(child, source);
      args.push(w.value);
      argDynamic.push(w.dynamic);
      walkWordSubstitutions(child, scope, depth);
    }
  }
  if (!nameSeen && args.length === 0) {
    // Only assignments (`_=x`): nothing runs, unless a redirect truncates a file (then it is `:`).
    if (redirects.length === 0) return undefined;
    name = ':';
  } else if (!nameSeen) {
    // The name slot held an assignment: the first argument is the program.
    const first = args.shift()!;
    const dyn = argDynamic.shift()!;
    if (dyn) dynamicName = true;
    else name = programName(first);
  }
  const cmd: Extracted = { name, args, dynamicName, argDynamic, assignments, redirects, text: node.text, via: scope.via };
  if (stdin !== undefined) cmd.stdin = stdin;
  state.add(cmd);
  return cmd;
}

interface RedirectInfo {
  redirect?: Redirect;
  stdin?: string;
}

function redirect(node: Node, scope: WalkScope, depth: number): RedirectInfo & { continuation?: Node[] } {
  const { source } = scope;
  if (node.type === 'heredoc_redirect') {
    const body = node.children.find((c) => c.type === 'heredoc_body');
    const continuation = node.children.filter((c) => c.isNamed && !['heredoc_start', 'heredoc_body', 'heredoc_end', 'file_descriptor'].includes(c.type));
    if (body) walkWordSubstitutions(body, scope, depth);
    return { redirect: { op: '<<', target: node.children.find((c) => c.type === 'heredoc_start')?.text ?? '' }, stdin: body?.text ?? '', continuation };
  }
  if (node.type === 'herestring_redirect') {
    const word = node.children.find((c) => c.isNamed && c.type !== 'file_descriptor');
    if (word) walkWordSubstitutions(word, scope, depth);
    const value = word ? evalWord(word, source).value : '';
    return { redirect: { op: '<<<', target: value }, stdin: `${value}\n` };
  }
  // file_redirect: [descriptor] op destination
  const descriptor = node.childForFieldName('descriptor')?.text ?? '';
  const dest = node.childForFieldName('destination') ?? node.children.filter((c) => c.isNamed && c.type !== 'file_descriptor').pop();
  const op = node.children.find((c) => !c.isNamed)?.text ?? '>';
  if (dest) walkWordSubstitutions(dest, scope, depth);
  return { redirect: { op: `${descriptor}${op}`, target: dest ? evalWord(dest, source).value : '' } };
}

function redirected(node: Node, scope: WalkScope, depth: number): Extracted[] {
  const body = node.childForFieldName('body');
  let top = body ? walk(body, scope, depth + 1) : [];
  if (!body) {
    // A bare `> file` still truncates the file: model it as the null command.
    const cmd: Extracted = { name: ':', args: [], dynamicName: false, argDynamic: [], assignments: {}, redirects: [], text: node.text, via: scope.via };
    scope.state.add(cmd);
    top = [cmd];
  }
  const continuations: Node[] = [];
  for (const child of node.children) {
    if (!REDIRECTS.has(child.type)) continue;
    const r = redirect(child, scope, depth);
    for (const cmd of top) {
      if (r.redirect) cmd.redirects = [...cmd.redirects, r.redirect];
      if (r.stdin !== undefined) cmd.stdin = r.stdin;
    }
    if (r.continuation) continuations.push(...r.continuation);
  }
  // tree-sitter-bash hangs whatever follows a heredoc start on the same line (`cat <<EOF | psql`,
  // `<<EOF && rm x`) inside the heredoc node; a leading `|` means it reads this command's output.
  for (const cont of continuations) {
    if (cont.type === 'pipeline' && cont.child(0)?.type === '|') {
      const stages = stagesOf(cont).map((s) => walk(s, scope, depth + 1));
      connect([top, ...stages]);
    } else walk(cont, scope, depth + 1);
  }
  return top;
}

function stagesOf(node: Node): Node[] {
  return node.children.filter((c) => c.isNamed && c.type !== 'comment');
}

function pipeline(node: Node, scope: WalkScope, depth: number): Extracted[] {
  const stages = stagesOf(node).map((s) => walk(s, scope, depth + 1));
  connect(stages);
  return stages.flat();
}

/** Sets each stage's stdin from the previous stage's output when that output is knowable. */
function connect(stages: Extracted[][]): void {
  for (let i = 1; i < stages.length; i++) {
    const output = knownOutput(stages[i - 1]);
    const source = stages[i - 1].map((c) => c.name ?? '(computed)').join(' ');
    for (const cmd of stages[i]) {
      cmd.pipedIn = true;
      cmd.pipeSource = source;
      if (output !== undefined) cmd.stdin = output;
      else delete cmd.stdin;
    }
  }
}

/** The text a stage writes to stdout when it is fixed in the command itself (echo, printf, cat <<EOF). */
export function knownOutput(stage: Extracted[]): string | undefined {
  if (stage.length !== 1) return undefined;
  const cmd = stage[0];
  if (cmd.argDynamic.some(Boolean) || cmd.redirects.some((r) => r.op.endsWith('>') || r.op.endsWith('>>'))) return undefined;
  if (cmd.name === 'echo') {
    let args = cmd.args;
    let newline = true;
    while (args.length > 0 && /^-[neE]+$/.test(args[0])) {
      if (args[0].includes('n')) newline = false;
      args = args.slice(1);
    }
    return args.join(' ') + (newline ? '\n' : '');
  }
  if (cmd.name === 'printf' && cmd.args.length > 0) {
    const [format, ...rest] = cmd.args;
    let k = 0;
    return format.replace(/%[sdb]|\\n|\\t/g, (m) => (m === '\\n' ? '\n' : m === '\\t' ? '\t' : (rest[k++] ?? ''))) + rest.slice(k).join(' ');
  }
  if (cmd.name === 'cat' && cmd.args.length === 0 && cmd.stdin !== undefined) return cmd.stdin;
  return undefined;
}
