// Walks a bash syntax tree and collects every simple command bash would run: across ; && || | &,
// subshells, groups, control flow, function bodies, $(…), backticks, <(…), and heredocs. Command
// substitutions inside arguments and strings run too, so they are collected; quoted text is not.
import type { Node } from 'web-tree-sitter';
import type { Redirect } from '../rules/types';
import { type AnalysisState, type Extracted, MAX_TREE_DEPTH } from './state';
import { connect } from './pipes';
import { evalWord, programName, type WordValue } from './words';

const VALID_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** An unquoted `NAME=` or `NAME+=` at the start of a word makes it an assignment when it precedes the command. */
const ASSIGNMENT_PREFIX = /^[A-Za-z_][A-Za-z0-9_]*\+?=/;
const SUBSTITUTIONS = new Set(['command_substitution', 'process_substitution']);
const REDIRECTS = new Set(['file_redirect', 'heredoc_redirect', 'herestring_redirect']);
/** Pure data: nothing inside can run. */
const INERT = new Set(['raw_string', 'ansi_c_string', 'string_content', 'comment', 'heredoc_start', 'heredoc_end', 'word', 'number', 'variable_name']);

export interface WalkScope {
  source: string;
  via: string[];
  state: AnalysisState;
  /** False when the tree has no error: then no node is MISSING and asking each node is wasted wasm calls. */
  checkMissing?: boolean;
  /** Code behind a literal `false` (`false && x`, `if false; then x; fi`) may be skipped: see deadBranches. */
  deadCode?: boolean;
}

/** `true`, `:` or `false` as a whole command: its exit status is known before it runs. */
function literalTruth(node: Node | null | undefined): boolean | undefined {
  if (!node || node.type !== 'command') return undefined;
  const t = node.text.trim();
  return t === 'true' || t === ':' ? true : t === 'false' ? false : undefined;
}

const CASE_WORD = /^[A-Za-z0-9_.,+\/@%=-]+$/;

/**
 * Branches that can never run, given a literal condition: `true || x`, `if false; then x; fi` (the elif/else
 * branches run), `if true; then …; else x; fi`, `while false; do x; done`, `until true; do x; done`, and the
 * items of `case WORD in …` before the first whose plain pattern is WORD or `*`, and after it. Undefined when the
 * node is none of these or its condition is not literal (then every branch is walked). The line was checked
 * for anything that could redefine `true`/`false` (analyze.ts REDEFINES_TRUTH).
 */
function deadBranches(node: Node, type: string, scope: WalkScope, depth: number): Extracted[] | undefined {
  const kids = node.children;
  if (type === 'list' && kids.length === 3 && kids[1]!.type === '||' && literalTruth(kids[0]) === true) return walk(kids[0]!, scope, depth + 1);
  if (type === 'if_statement') {
    // (the field holds the terminating `;` too)
    const conds = node.childrenForFieldName('condition').filter((c) => c.isNamed);
    const truth = conds.length === 1 ? literalTruth(conds[0]) : undefined;
    if (truth === undefined) return undefined;
    const at = conds[0]!.startIndex;
    const out: Extracted[] = walk(conds[0]!, scope, depth + 1);
    for (const child of node.namedChildren) {
      if (child.startIndex === at) continue;
      const clause = child.type === 'elif_clause' || child.type === 'else_clause';
      if (clause === truth) continue; // a true condition skips elif/else; a false one skips the then-body
      out.push(...walk(child, scope, depth + 1));
    }
    return out;
  }
  if (type === 'while_statement') {
    const cond = node.childForFieldName('condition');
    const truth = literalTruth(cond);
    const until = kids[0]?.type === 'until';
    if (truth === undefined || truth !== until) return undefined;
    return walk(cond!, scope, depth + 1);
  }
  if (type === 'case_statement') {
    const value = node.childForFieldName('value');
    // (`;&` and `;;&` carry on into the next items)
    if (!value || value.type !== 'word' || !CASE_WORD.test(value.text) || node.text.includes(';&')) return undefined;
    for (const item of node.namedChildren.filter((c) => c.type === 'case_item')) {
      const patterns = item.childrenForFieldName('value').map((p) => p.text);
      if (patterns.some((p) => p !== '*' && !CASE_WORD.test(p))) return undefined;
      if (patterns.some((p) => p === '*' || p === value.text)) {
        const starts = new Set(item.childrenForFieldName('value').map((p) => p.startIndex));
        return item.namedChildren.filter((c) => !starts.has(c.startIndex)).flatMap((c) => walk(c, scope, depth + 1));
      }
    }
    return [];
  }
  return undefined;
}

/** Returns the commands at this level (whose stdin/redirects the caller may set); nested ones go to state. */
export function walk(node: Node, scope: WalkScope, depth: number): Extracted[] {
  if (depth > MAX_TREE_DEPTH) {
    scope.state.tooComplex(`the command nests more than ${MAX_TREE_DEPTH} levels deep`, scope.source);
    return [];
  }
  // Every property read is a call into wasm: read the type once.
  const type = node.type;
  if (scope.deadCode === true && (type === 'list' || type === 'if_statement' || type === 'while_statement' || type === 'case_statement')) {
    const live = deadBranches(node, type, scope, depth);
    if (live !== undefined) return live;
  }
  switch (type) {
    case 'command': {
      const cmd = command(node, scope, depth);
      return cmd ? [cmd] : [];
    }
    case 'pipeline':
      return pipeline(node, scope, depth);
    case 'list': {
      const chain = andChain(node);
      if (!chain) return walkChildren(node, scope, depth);
      // `cd /srv/app && rm -rf dist`: what follows a standalone cd in an `&&` chain runs only once the cd
      // succeeded, in the same shell, so in its directory (judge.ts uses that to judge it there only).
      const out: Extracted[] = [];
      let afterCd = false;
      for (const part of chain) {
        const before = scope.state.commands.length;
        const got = walk(part, scope, depth + 1);
        if (afterCd) for (let k = before; k < scope.state.commands.length; k++) scope.state.commands[k].afterCd = true;
        out.push(...got);
        // `false && rm -rf x`: the chain stops at a literal false
        if (scope.deadCode === true && literalTruth(part) === false) break;
        if ((part.type === 'command' || part.type === 'redirected_statement') && got.length === 1 && (got[0].name === 'cd' || got[0].name === 'pushd')) afterCd = true;
      }
      return out;
    }
    case 'redirected_statement':
      return redirected(node, scope, depth);
    case 'command_substitution': {
      const sub = { ...scope, via: [...scope.via, '$(…)'] };
      const kids = node.namedChildren;
      if (kids.length > 0 && kids.every((k) => k.type === 'file_redirect')) {
        // `$(<file)` / `$(< file)`: bash's shorthand for `$(cat file)`, the file's content becomes words
        for (const k of kids) {
          const dest = k.childrenForFieldName('destination')[0];
          const op = k.children.find((c) => !c.isNamed)?.text ?? '';
          if (!dest || (op !== '<' && op !== '<>') || (k.childForFieldName('descriptor')?.text ?? '0') !== '0') continue;
          walkWordSubstitutions(dest, sub, depth);
          const w = evalWord(dest, scope.source);
          const cmd: Extracted = { name: 'cat', args: [w.value], dynamicName: false, argDynamic: [w.dynamic], assignments: {}, redirects: [], text: node.text, via: sub.via, span: [node.startIndex, node.endIndex] };
          scope.state.add(cmd);
        }
        return [];
      }
      walkChildren(node, sub, depth);
      return [];
    }
    case 'process_substitution': {
      const writes = node.text.startsWith('>(');
      const inner = walkChildren(node, { ...scope, via: [...scope.via, writes ? '>(…)' : '<(…)'] }, depth);
      // `>(sh)` reads whatever the outer command writes into it (`echo … > >(sh)`, `tee >(sh)`): its stdin
      // is the outer command's output, known only when a redirect connects them (see redirect()).
      if (writes) {
        for (const c of inner) {
          c.pipedIn = true;
          c.pipeSource = 'the command writing into >(…)';
          delete c.stdin;
        }
        scope.state.note(`>(…) readers: ${inner.length}`);
        lastWriteTarget = inner;
      }
      return [];
    }
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
    case 'declaration_command':
    case 'unset_command': {
      // `declare -x`, `export -p`, `typeset`, `unset`: builtins tree-sitter-bash gives a node type of their own.
      // They are commands like any other (a redirect or a pipe around `declare -x` must not hide it).
      const parts = node.children;
      const head = parts[0];
      if (!head) return walkChildren(node, scope, depth);
      const words = parts.slice(1).filter((p) => p.isNamed && p.type !== 'comment').map((p) => evalWord(p, scope.source));
      const cmd: Extracted = {
        name: programName(head.text),
        args: words.map((w) => w.value),
        dynamicName: false,
        argDynamic: words.map((w) => w.dynamic),
        assignments: {},
        redirects: [],
        text: node.text,
        via: scope.via,
      };
      scope.state.add(cmd);
      for (const p of parts.slice(1)) walkWordSubstitutions(p, scope, depth);
      return [cmd];
    }
    case 'ERROR':
      scope.state.parseError('bash would not accept this command as written', node.text);
      return walkChildren(node, scope, depth);
    default:
      if (INERT.has(type)) return [];
      if (scope.checkMissing !== false && node.isMissing) scope.state.parseError(`the command is incomplete (missing ${type})`, scope.source);
      return walkChildren(node, scope, depth);
  }
}

/**
 * The operands of `a && b && c` in order, when every operator of the list is `&&` (tree-sitter-bash nests
 * lists to the left); undefined for any other shape, which the plain walk handles.
 */
function andChain(node: Node): Node[] | undefined {
  const rights: Node[] = [];
  let cur = node;
  while (cur.type === 'list') {
    const kids = cur.children;
    if (kids.length !== 3 || kids[1].type !== '&&' || kids[2].type === 'list' || rights.length >= 256) return undefined;
    rights.push(kids[2]);
    cur = kids[0];
  }
  return [cur, ...rights.reverse()];
}

function walkChildren(node: Node, scope: WalkScope, depth: number): Extracted[] {
  const out: Extracted[] = [];
  for (const child of node.children) out.push(...walk(child, scope, depth + 1));
  return out;
}

/** Collects commands inside substitutions within a word, without treating the word itself as a command. */
function walkWordSubstitutions(node: Node, scope: WalkScope, depth: number): void {
  const type = node.type;
  if (INERT.has(type)) return;
  if (SUBSTITUTIONS.has(type)) {
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
  const feeds: Extracted[] = [];
  const children = node.children;
  for (let i = 0; i < children.length; i++) {
    const child = children[i];
    const type = child.type;
    const field = node.fieldNameForChild(i);
    const key = type === 'variable_assignment' ? child.childForFieldName('name')?.text ?? '' : '';
    if (type === 'variable_assignment' && (nameSeen || !VALID_NAME.test(key))) {
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
    } else if (type === 'variable_assignment') {
      const value = child.childForFieldName('value');
      assignments[key] = value ? evalWord(value, source).value : '';
      if (value) walkWordSubstitutions(value, scope, depth);
    } else if (field === 'name' && nameSeen) {
      const w = evalWord(child, source);
      walkWordSubstitutions(child, scope, depth);
      args.push(w.value);
      argDynamic.push(w.dynamic);
    } else if ((field === 'name' || (!nameSeen && args.length === 0 && (field === 'argument' || child.isNamed))) && ASSIGNMENT_PREFIX.test(child.text)) {
      // After that, `_=x A=1 rm …` gives `A=1` as an argument; bash reads assignments until the first other word.
      // …and reads `_=x cmd` (or `_=a'' cmd`) as a command named `_=x`; bash reads an assignment.
      const prefix = ASSIGNMENT_PREFIX.exec(child.text)![0];
      assignments[prefix.slice(0, -1).replace(/\+$/, '')] = evalWord(child, source).value.slice(prefix.length);
      walkWordSubstitutions(child, scope, depth);
    } else if (field === 'name') {
      nameSeen = true;
      const w = evalWord(child, source);
      walkWordSubstitutions(child, scope, depth);
      if (w.dynamic) dynamicName = true;
      else if (/\s/.test(w.value.trim()) && child.childCount === 1 && child.child(0)?.type === 'command_substitution') {
        // `$(echo cm0g… | base64 -d)` with a known output: bash splits the unquoted output into words
        const [first, ...rest] = w.value.trim().split(/\s+/);
        name = programName(first!);
        args.push(...rest);
        argDynamic.push(...rest.map(() => false));
      } else name = programName(w.value);
    } else if (REDIRECTS.has(type)) {
      const r = redirect(child, scope, depth);
      if (r.redirect) redirects.push(r.redirect);
      if (r.stdin !== undefined) stdin = r.stdin;
      if (r.feeds) feeds.push(...r.feeds);
      for (const w of r.extra ?? []) {
        if (!nameSeen && args.length === 0) {
          nameSeen = true;
          if (w.dynamic) dynamicName = true;
          else name = programName(w.value);
        } else {
          args.push(w.value);
          argDynamic.push(w.dynamic);
        }
      }
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
  const cmd: Extracted = { name, args, dynamicName, argDynamic, assignments, redirects, text: node.text, via: scope.via, span: [node.startIndex, node.endIndex] };
  if (dynamicName || argDynamic.some(Boolean) || node.parent?.type === 'redirected_statement') {
    // What a rewrite with known values must keep around it: `$P '' > .env`, `$P x.sql | psql`, `$SH <<EOF`,
    // and redirects whose target is a value (`tr '\0' '\n' < $p` in a loop over /proc/*/environ).
    let outer = node;
    for (let p = node.parent; p && (p.type === 'redirected_statement' || p.type === 'pipeline'); p = p.parent) outer = p;
    if (outer !== node) cmd.context = [outer.startIndex, outer.endIndex];
  }
  if (stdin !== undefined) cmd.stdin = stdin;
  state.add(cmd);
  if (feeds.length > 0) connect([[cmd], feeds]);
  return cmd;
}

interface RedirectInfo {
  redirect?: Redirect;
  stdin?: string;
  /** Words after the redirect's target: arguments of the command, not part of the redirect. */
  extra?: WordValue[];
  /** `> >(sh)`: the commands that read this command's output. */
  feeds?: Extracted[];
}

/** The readers of the last `>(…)` walked, picked up by the redirect whose target it is. */
let lastWriteTarget: Extracted[] | undefined;

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
  // file_redirect: [descriptor] op destination [words…]. Bash takes only the first word as the file: the
  // words after it (`rm -rf 2>/dev/null ~/x`) are arguments of the command, which tree-sitter-bash hangs here.
  const descriptor = node.childForFieldName('descriptor')?.text ?? '';
  const dests = node.childrenForFieldName('destination');
  const dest = dests[0] ?? node.children.filter((c) => c.isNamed && c.type !== 'file_descriptor').pop();
  const op = node.children.find((c) => !c.isNamed)?.text ?? '>';
  if (dest) walkWordSubstitutions(dest, scope, depth);
  const extra: WordValue[] = [];
  for (let k = 1; k < dests.length; k++) {
    walkWordSubstitutions(dests[k], scope, depth);
    extra.push(evalWord(dests[k], source));
  }
  const out: RedirectInfo = { redirect: { op: `${descriptor}${op}`, target: dest ? evalWord(dest, source).value : '' } };
  if (extra.length > 0) out.extra = extra;
  if (dest?.type === 'process_substitution' && lastWriteTarget && (descriptor === '' || descriptor === '1') && op.includes('>')) out.feeds = lastWriteTarget;
  lastWriteTarget = undefined;
  return out;
}

/**
 * tree-sitter-bash can drop a word outright before a redirect in the middle of a command (`… | make -f - 2>/dev/null x`
 * loses the `-`). Bash would read it, so a statement whose text holds something no leaf covers is not what we think.
 */
function dropsText(node: Node): boolean {
  let at = node.startIndex;
  const src = node.text;
  const base = node.startIndex;
  const stack: Node[] = [node];
  const leaves: Node[] = [];
  while (stack.length > 0 && leaves.length < 4096) {
    const n = stack.pop()!;
    if (n.childCount === 0) leaves.push(n);
    else for (let i = n.childCount - 1; i >= 0; i--) stack.push(n.child(i)!);
  }
  for (const leaf of leaves) {
    if (/\S/.test(src.slice(at - base, leaf.startIndex - base).replace(/\\\n/g, ''))) return true;
    at = Math.max(at, leaf.endIndex);
  }
  return false;
}

function redirected(node: Node, scope: WalkScope, depth: number): Extracted[] {
  if (dropsText(node)) scope.state.parseError('the parser dropped a word around a redirect; bash would read it', node.text);
  const body = node.childForFieldName('body');
  let top = body ? walk(body, scope, depth + 1) : [];
  if (!body) {
    // A bare `> file` still truncates the file: model it as the null command.
    const cmd: Extracted = { name: ':', args: [], dynamicName: false, argDynamic: [], assignments: {}, redirects: [], text: node.text, via: scope.via };
    scope.state.add(cmd);
    top = [cmd];
  }
  const continuations: Node[] = [];
  // tree-sitter-bash also hangs the redirects of `a && b > f` (and `a | b > f`) on the whole list; bash gives them
  // to the last command only (`true && echo x >> t.py` appends x, and `true` writes nothing).
  const chained = body?.type === 'list' || body?.type === 'pipeline' ? lastCommand(top) : undefined;
  const owners = chained ? [chained] : top;
  for (const child of node.children) {
    if (!REDIRECTS.has(child.type)) continue;
    const r = redirect(child, scope, depth);
    for (const cmd of owners) {
      if (r.redirect) cmd.redirects = [...cmd.redirects, r.redirect];
      if (r.stdin !== undefined) cmd.stdin = r.stdin;
    }
    if (r.feeds) connect([owners, r.feeds]);
    if (r.extra) {
      // Only a simple command can take words after a redirect; anything else bash rejects.
      // tree-sitter-bash hangs `a && b 2>/dev/null c` on the whole list: the words belong to the last command.
      const plain = body?.type === 'command' || body?.type === 'declaration_command' || body?.type === 'unset_command';
      const last = plain && top.length >= 1 ? top[0] : body?.type === 'list' || body?.type === 'pipeline' ? lastCommand(top) : undefined;
      if (last) {
        last.args = [...last.args, ...r.extra.map((w) => w.value)];
        last.argDynamic = [...last.argDynamic, ...r.extra.map((w) => w.dynamic)];
        // Its words now reach past the redirect: so does its text, for anything that rewrites it.
        if (last.span) {
          last.span = [last.span[0], node.endIndex];
          // and so does its source text: `cat 2>/dev/null .e?v` expands the glob like `cat .e?v`
          last.text = scope.source.slice(last.span[0], node.endIndex);
        }
      } else if (body?.type !== 'declaration_command' && body?.type !== 'unset_command') {
        // `export 2>/dev/null A=1` only sets variables (substitutions in the words were walked above).
        scope.state.parseError('bash would not accept words after a redirect here', node.text);
      }
    }
    if (r.continuation) continuations.push(...r.continuation);
  }
  // tree-sitter-bash hangs whatever follows a heredoc start on the same line (`cat <<EOF | psql`,
  // `<<EOF && rm x`) inside the heredoc node; a leading `|` means it reads this command's output.
  for (const cont of continuations) {
    // `cat <<'EOF' > x.sh`: a redirect after the heredoc start is the command's own
    if (cont.type === 'file_redirect') {
      const r = redirect(cont, scope, depth);
      if (r.redirect) for (const cmd of owners) cmd.redirects = [...cmd.redirects, r.redirect];
      continue;
    }
    if (cont.type === 'pipeline' && cont.child(0)?.type === '|') {
      const stages = stagesOf(cont).map((s) => walk(s, scope, depth + 1));
      connect([owners, ...stages]);
    } else walk(cont, scope, depth + 1);
  }
  return top;
}

/** The simple command that ends last in the text, when it is a plain command (not a group or a loop). */
function lastCommand(top: Extracted[]): Extracted | undefined {
  let best: Extracted | undefined;
  for (const c of top) if (c.span && (!best || c.span[1] > best.span![1])) best = c;
  return best;
}

/** tree-sitter-bash nests `a | b | c` as pipeline(a, pipeline(b, c)) or the other way; bash runs flat stages. */
function stagesOf(node: Node): Node[] {
  const out: Node[] = [];
  for (const c of node.children) {
    if (!c.isNamed || c.type === 'comment') continue;
    if (c.type === 'pipeline') out.push(...stagesOf(c));
    else out.push(c);
  }
  return out;
}

function pipeline(node: Node, scope: WalkScope, depth: number): Extracted[] {
  const stages = stagesOf(node).map((s) => walk(s, scope, depth + 1));
  connect(stages);
  return stages.flat();
}
