// Constant propagation within one command line. Assignments (`X='rm -rf src'`, `c=(rm -rf src)`,
// `set -- rm -rf src`) are collected from the syntax tree with their position and whether they surely
// run (top level, not in a branch, loop, subshell or function). At each use (`$X`, `"${c[@]}"`, `${a}m`,
// `$1`, `${!n}`, `${X:-w}`, `$PWD`) the possible values are: the last sure assignment before it (or, with
// none, whatever the environment holds: unknown), plus every unsure one anywhere. A command whose
// expansions all have one known value is judged as rewritten; otherwise it is judged rewritten with each
// known value AND as written (computed name, dynamic arguments), so propagation never removes a finding.
import type { Node } from 'web-tree-sitter';
import { passedThrough } from './pass_through';
import { evalWord, printfText, programName } from './words';

export const UNKNOWN = Symbol('unknown');
/** A possible value: a string, an array (`c=(…)`, `set -- …`), or unknown. */
export type Alt = string | readonly string[] | typeof UNKNOWN;

interface Binding {
  name: string;
  value: Alt;
  pos: number;
  sure: boolean;
  /** `for v in a b; do …; done`: inside the body (pos..end) the value is surely one of `choices`. */
  choices?: readonly string[];
  end?: number;
  /** Set by a `read` of input Airlock cannot see. */
  input?: boolean;
}

export interface Expansion {
  start: number;
  end: number;
  /** Inside double quotes: the value is one word, no splitting or globbing. */
  quoted: boolean;
  name: string;
  kind: 'plain' | 'all' | 'index' | 'indirect' | 'default' | 'length';
  index?: number;
  word?: string;
}

/** A way to look up a name's possible values from outside this script (a function's caller). */
export type Outer = (name: string) => Alt[];

/** Past these, a value is unknown: no propagation through huge or numerous values. */
const MAX_VALUE_CHARS = 4096;
const MAX_ARRAY = 256;
const MAX_BINDINGS = 512;
const MAX_EXPANSIONS = 512;
/** A command with more combinations of values than this is judged as written, plus the first ones. */
export const MAX_COMBINATIONS = 16;

export class Values {
  private readonly bindings: Binding[] = [];
  readonly expansions: Expansion[] = [];
  readonly functions = new Map<string, { body: string; pos: number }>();
  /** Names some command may change in a way not modelled (read X, for X in, eval "X=…"): always possibly unknown. */
  private readonly unmodelled = new Set<string>();
  /** A `source`/`.` of a file may set any variable. */
  private anyUnknown = false;
  /** Code stored to run later (`PROMPT_COMMAND=…`, `BASH_ENV=…`): judged now. */
  readonly later: { script: string; label: string }[] = [];
  /** Set when a bound was hit: the caller reports it as too complex. */
  overflow = false;

  constructor(
    private readonly source: string,
    private readonly outer: Outer | undefined,
    private readonly positional: readonly Alt[] | undefined,
  ) {}

  get isEmpty(): boolean {
    return this.bindings.length === 0 && this.expansions.length === 0 && this.functions.size === 0 && this.positional === undefined && this.outer === undefined;
  }

  /** Possible values of `name` at `pos`. */
  lookup(name: string, pos: number): Alt[] {
    if (/^[0-9]$/.test(name) && name !== '0') {
      return this.lookup('@', pos).map((a) => (a === UNKNOWN ? UNKNOWN : typeof a === 'string' ? a.split(/\s+/)[Number(name) - 1] ?? '' : a[Number(name) - 1] ?? ''));
    }
    let base: Alt[] | undefined;
    const maybe: Alt[] = [];
    for (const b of this.bindings) {
      if (b.name !== name) continue;
      if (b.choices !== undefined) {
        if (b.pos < pos && pos < (b.end ?? 0)) base = [...b.choices];
        else maybe.push(...b.choices);
      } else if (b.sure && b.pos < pos) base = [b.value];
      else if (!b.sure) maybe.push(b.value);
    }
    if (base === undefined) {
      if (name === '@' || name === '*') base = this.positional ? [this.positional.every((p) => typeof p === 'string') ? (this.positional as string[]) : UNKNOWN] : this.outer ? this.outer(name) : [UNKNOWN];
      else if (this.outer) base = this.outer(name);
      else if (name === 'PWD') base = ['.'];
      else base = [UNKNOWN];
    }
    const out = [...base, ...maybe];
    if (this.anyUnknown || this.unmodelled.has(name)) out.push(UNKNOWN);
    return out;
  }

  /**
   * `IFS=,; c="rm,-rf,x"; $c`: characters other than blanks that some assignment of IFS in this script makes
   * split unquoted expansions (split on them as well as on blanks: close enough to see the words it runs).
   */
  get extraSplit(): string {
    let out = '';
    for (const b of this.bindings) if (b.name === 'IFS' && typeof b.value === 'string') out += b.value.replace(/[ \t\n]/g, '');
    return out;
  }

  /** What a use of `name` could hold once the whole script has run (for functions called later). */
  outerAt(pos: number): Outer {
    return (name) => this.lookup(name, pos);
  }

  collect(root: Node): void {
    let nodes = 0;
    const visit = (node: Node, sure: boolean, inString: boolean, depth: number): void => {
      if (++nodes > 20_000 || depth > 200) {
        this.overflow = true;
        return;
      }
      const type = node.type;
      if (type === 'variable_assignment') this.assignment(node, sure);
      else if (type === 'function_definition') {
        const name = node.childForFieldName('name')?.text;
        const body = node.childForFieldName('body');
        if (name && body) this.functions.set(name, { body: body.text, pos: node.startIndex });
      } else if (type === 'command') this.commandBinding(node, sure);
      else if (type === 'redirected_statement' && node.childForFieldName('body')?.type === 'declaration_command') this.declarationAfterRedirect(node, sure);
      else if (type === 'simple_expansion' || type === 'expansion') {
        this.expansion(node, inString);
        return;
      } else if (type === 'for_statement') this.forLoop(node);
      const children = node.children;
      for (let i = 0; i < children.length; i++) {
        const c = children[i];
        // Only the first part of `a && b` / `a || b` surely runs; loops, branches, subshells, functions,
        // pipelines (each stage is a subshell) and substitutions may run zero times or elsewhere.
        const stillSure = sure && (type === 'program' || (type === 'list' && i === 0) || type === 'variable_assignments' || type === 'declaration_command' || type === 'redirected_statement');
        visit(c, stillSure, type === 'string' ? true : type === 'command_substitution' ? false : inString, depth + 1);
      }
    };
    visit(root, true, false, 0);
    this.findUnmodelled();
  }

  private push(b: Binding): void {
    if (this.bindings.length >= MAX_BINDINGS) {
      this.overflow = true;
      return;
    }
    this.bindings.push(b);
  }

  private assignment(node: Node, sure: boolean): void {
    const name = node.childForFieldName('name')?.text ?? '';
    const parent = node.parent?.type;
    // `X=1 cmd` sets X for cmd only: not a binding of the shell.
    if (parent === 'command' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return;
    const valueNode = node.childForFieldName('value');
    const append = node.children.some((c) => c.type === '+=');
    let value: Alt = '';
    if (valueNode?.type === 'array') {
      const words = valueNode.namedChildren.filter((c) => c.type !== 'comment').map((c) => evalWord(c, this.source));
      value = words.some((w) => w.dynamic) || words.length > MAX_ARRAY ? UNKNOWN : words.map((w) => w.value);
    } else if (valueNode) {
      const w = evalWord(valueNode, this.source);
      const home = w.dynamic ? homePath(w.value) : undefined;
      value = (w.dynamic && home === undefined) || w.value.length > MAX_VALUE_CHARS ? UNKNOWN : home ?? w.value;
      if (value === UNKNOWN && w.dynamic) value = this.asWritten(valueNode.text, name, node.endIndex) ?? UNKNOWN;
    }
    if (append) {
      // `n=.e; n+=nv`: the earlier value with the new text after it
      const before = [...this.bindings].reverse().find((b) => b.name === name && b.pos < node.startIndex);
      value = before !== undefined && typeof before.value === 'string' && typeof value === 'string' && !value.startsWith(RAW_VALUE) && !before.value.startsWith(RAW_VALUE) && !before.value.startsWith(GLOB_VALUE) ? before.value + value : UNKNOWN;
    }
    this.push({ name, value, pos: node.startIndex, sure });
    if (LATER_VARS.has(name) && typeof value === 'string') this.later.push(laterStep(name, value));
    if (LATER_VARS.has(name) && value === UNKNOWN) this.later.push({ script: '', label: `${name} (computed)` });
  }

  /**
   * `f=$(printf '\x2eenv')`, `X=$(git rev-parse --show-toplevel)/.env`, `k=$(echo … | base64 -d)`: a value made by
   * command substitutions is kept as written, so a use (`cat "$f"`) is judged as that text in its place: the
   * substitution's output is resolved where Airlock can (git rev-parse, echo) and is a computed operand otherwise.
   * Only when nothing in it can mean something else later: no variable other than $PWD, no `cd` in the script, and
   * not the variable itself. `CFG=${CFG:-.env}`: with no earlier value it is the default word.
   */
  private asWritten(text: string, name: string, end: number): string | undefined {
    const self = new RegExp(`^"?\\$\\{${name}:?-([^}$\`"'\\\\]*)\\}"?$`).exec(text);
    if (self) return this.bindings.some((b) => b.name === name) ? undefined : self[1];
    // a cd after the assignment would give the text another meaning where it is used
    if (text.length > MAX_VALUE_CHARS || /(?:^|[\s;&|(])(?:cd|pushd|popd)(?:\s|$)/.test(this.source.slice(end))) return undefined;
    if (!/\$\(|`|\$\{?PWD\b/.test(text)) return undefined;
    const rest = text.replace(/\$\(/g, '').replace(/\$\{PWD\}|\$PWD\b/g, '');
    if (rest.includes('$') || new RegExp(`\\b${name}\\b`).test(text)) return undefined;
    // Only substitutions that compute a name, never ones that read a file: `TOKEN=$(jq -r .token f); echo $TOKEN`
    // stays a print of an unknown credential-named value.
    for (const m of text.matchAll(/\$\(([^()]*)\)|`([^`]*)`/g)) {
      const stages = (m[1] ?? m[2] ?? '').split(/\|\|?|&&|;/).map((st) => st.trim());
      if (stages.some((st) => !NAME_MAKER.test(st))) return undefined;
    }
    return RAW_VALUE + text;
  }

  /**
   * `for d in dist build; do rm -rf "$d"; done`: with only literal words (no glob, no expansion), the variable is
   * one of them inside the body and the body is judged with each. Anything else stays unmodelled.
   */
  private forLoop(node: Node): void {
    const v = node.childForFieldName('variable')?.text;
    if (!v) return;
    const body = node.childForFieldName('body');
    const values = node.childrenForFieldName('value');
    const words = values.map((w) => evalWord(w, this.source));
    const literal = body !== null && words.length > 0 && words.length <= MAX_COMBINATIONS && words.every((w) => !w.dynamic);
    // `for f in $(ls -A ~/.aws)`, `for f in $(find ~/.ssh -type f)`: each round holds one entry of that listing
    const listed = body !== null && values.length === 1 && values[0]!.type === 'command_substitution' ? listingPattern(values[0]!.text) : undefined;
    if (listed !== undefined && body !== null) {
      this.push({ name: v, value: UNKNOWN, pos: body.startIndex, sure: false, choices: [`${GLOB_VALUE}${listed}`], end: body.endIndex });
      return;
    }
    if (!literal) {
      this.unmodelled.add(v);
      return;
    }
    // `for f in ~/.ssh/*`: each round holds one match of the pattern; the body is judged with the pattern in its place
    const globbed = (i: number): boolean => values[i]!.type === 'word' && /[*?[]/.test(words[i]!.value);
    this.push({ name: v, value: UNKNOWN, pos: body.startIndex, sure: false, choices: words.map((w, i) => (globbed(i) ? `${GLOB_VALUE}${w.value}` : w.value)), end: body.endIndex });
  }

  /** `export 2>/dev/null X=1`: tree-sitter-bash hangs the assignment on the redirect as a plain word. */
  private declarationAfterRedirect(node: Node, sure: boolean): void {
    for (const r of node.children) {
      if (r.type !== 'file_redirect') continue;
      for (const w of r.childrenForFieldName('destination').slice(1)) {
        const v = evalWord(w, this.source);
        const m = /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(v.value);
        if (!m) continue;
        const value: Alt = v.dynamic ? UNKNOWN : v.value.slice(m[0].length);
        this.push({ name: m[1], value, pos: w.startIndex, sure });
        if (LATER_VARS.has(m[1])) this.later.push(typeof value === 'string' ? laterStep(m[1], value) : { script: '', label: `${m[1]} (computed)` });
      }
    }
  }

  /** `set -- a b c` / `set a b c` sets the positional parameters. */
  private commandBinding(node: Node, sure: boolean): void {
    const name = node.childForFieldName('name');
    if (name && name.text === 'read') return this.readBinding(node, sure);
    if (name && programName(evalWord(name, this.source).value) === 'printf') return this.printfBinding(node, sure);
    if (!name || name.text !== 'set') return;
    const words = node.childrenForFieldName('argument');
    // `set -- rm 2>/dev/null -rf src`: tree-sitter-bash hangs the words after a redirect on the redirect.
    let parent = node.parent;
    while (parent && (parent.type === 'list' || parent.type === 'pipeline') && parent.endIndex === node.endIndex) parent = parent.parent;
    if (parent?.type === 'redirected_statement' && parent.childForFieldName('body')?.endIndex === node.endIndex) {
      for (const r of parent.children) if (r.type === 'file_redirect') words.push(...r.childrenForFieldName('destination').slice(1));
    }
    for (const r of node.children) if (r.type === 'file_redirect') words.push(...r.childrenForFieldName('destination').slice(1));
    const args = words.map((a) => evalWord(a, this.source));
    let k = 0;
    // (`-o NAME` / `-euo pipefail`: the word after an `o` is the option's name, not a positional parameter)
    while (k < args.length && /^[-+][a-zA-Z]+$/.test(args[k].value)) k += /o$/.test(args[k].value) && k + 1 < args.length ? 2 : 1;
    if (args[k]?.value === '--') k++;
    else if (k === args.length) return; // `set -e`: options only
    const rest = args.slice(k);
    this.push({ name: '@', value: rest.some((w) => w.dynamic) || rest.length > MAX_ARRAY ? UNKNOWN : rest.map((w) => w.value), pos: node.startIndex, sure });
  }

  /** `printf -v f '%s' .env`: f holds what printf would have printed (formats printfText() reads; else unknown). */
  private printfBinding(node: Node, sure: boolean): void {
    // `printf 2>/dev/null -v f …`: tree-sitter-bash hangs the words after a redirect on the redirect
    const nodes = [...node.childrenForFieldName('argument')];
    for (const r of node.children) if (r.type === 'file_redirect') nodes.push(...r.childrenForFieldName('destination').slice(1));
    if (node.parent?.type === 'redirected_statement') for (const r of node.parent.children) if (r.type === 'file_redirect') nodes.push(...r.childrenForFieldName('destination').slice(1));
    nodes.sort((a, b) => a.startIndex - b.startIndex);
    const words = nodes.map((a) => evalWord(a, this.source));
    if (words[0]?.value !== '-v' || words[1] === undefined || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(words[1].value) || words.length < 3) return;
    const rest = words.slice(2);
    const text = rest.some((w) => w.dynamic) ? undefined : printfText(rest[0]!.value, rest.slice(1).map((w) => w.value));
    this.push({ name: words[1].value, value: text ?? UNKNOWN, pos: node.startIndex, sure });
  }

  /**
   * `IFS=: read -r a b c <<< "x:y:z"`: read splits one line of its input on IFS into the names, the last one taking
   * the rest. From a known here-string or heredoc the values are known; from anything else they are unknown, and
   * remembered as input (a program named by input is code Airlock cannot see).
   */
  private readBinding(node: Node, sure: boolean): void {
    const words = node.childrenForFieldName('argument').map((a) => evalWord(a, this.source));
    let ifs = ' \t\n';
    for (const c of node.children) {
      if (c.type !== 'variable_assignment' || c.childForFieldName('name')?.text !== 'IFS') continue;
      const v = c.childForFieldName('value');
      const w = v ? evalWord(v, this.source) : { value: '', dynamic: false };
      if (w.dynamic) return this.readUnknown(words, node, sure);
      ifs = w.value;
    }
    let raw = false;
    let delim = '\n';
    let array: string | undefined;
    let limit: number | undefined;
    let k = 0;
    for (; k < words.length && /^-[a-zA-Z]+$/.test(words[k].value); k++) {
      const w = words[k].value;
      for (let j = 1; j < w.length; j++) {
        const f = w[j];
        if (f === 'r') raw = true;
        else if ('adpntNui'.includes(f)) {
          const value = j + 1 < w.length ? w.slice(j + 1) : words[++k]?.value ?? '';
          if (f === 'a') array = value;
          else if (f === 'd') delim = value === '' ? '\0' : value[0];
          else if (f === 'n' || f === 'N') limit = Number.parseInt(value, 10);
          else if (f === 'u') return this.readUnknown(words.slice(k + 1), node, sure);
          break;
        }
      }
    }
    const names = words.slice(k).map((w) => w.value).filter((n) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(n));
    if (array === undefined && names.length === 0) names.push('REPLY');
    const input = this.readInput(node);
    // `while read f; do …; done <<< "$list"` / `find DIR | while read f`: each round holds one line of the loop's input
    if (input === undefined && array === undefined && names.length === 1 && limit === undefined) {
      const loop = this.loopLines(node);
      if (loop !== undefined) {
        this.push({ name: names[0]!, value: UNKNOWN, pos: loop.body.startIndex, sure: false, choices: loop.lines, end: loop.body.endIndex, input: true });
        return;
      }
    }
    if (input === undefined || limit !== undefined) return this.readUnknown(array !== undefined ? [...names, array] : names, node, sure, true);
    let line = input.split(delim)[0] ?? '';
    if (!raw) line = line.replace(/\\(.)/g, '$1');
    const fields = splitFields(line, ifs, array !== undefined ? Number.MAX_SAFE_INTEGER : names.length);
    if (array !== undefined) this.push({ name: array, value: fields.slice(0, MAX_ARRAY), pos: node.endIndex, sure });
    names.forEach((n, i) => this.push({ name: n, value: fields[i] ?? '', pos: node.endIndex, sure }));
  }

  private readUnknown(words: readonly { value: string }[] | string[], node: Node, sure: boolean, named = false): void {
    const names = (named ? (words as string[]) : (words as { value: string }[]).map((w) => w.value)).filter((n) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(n));
    for (const n of names) this.push({ name: n, value: UNKNOWN, pos: node.endIndex, sure, input: true });
  }

  /** The text a `read` gets from a here-string or heredoc on its own command, when that text is fixed. */
  private readInput(node: Node): string | undefined {
    const parent = node.parent?.type === 'redirected_statement' ? node.parent : undefined;
    const redirects = [...node.children, ...(parent?.children ?? [])].filter((c) => c.type === 'herestring_redirect' || c.type === 'heredoc_redirect' || c.type === 'file_redirect');
    let out: string | undefined;
    for (const r of redirects) {
      if (r.type === 'file_redirect') {
        if (/^0?</.test(r.children.find((c) => !c.isNamed)?.text ?? '')) out = undefined;
        continue;
      }
      if (r.type === 'herestring_redirect') {
        const word = r.children.find((c) => c.isNamed && c.type !== 'file_descriptor');
        const w = word ? evalWord(word, this.source) : { value: '', dynamic: false };
        out = w.dynamic ? undefined : `${w.value}\n`;
      } else {
        const start = r.children.find((c) => c.type === 'heredoc_start')?.text ?? '';
        const body = r.children.find((c) => c.type === 'heredoc_body');
        const quoted = /['"\\]/.test(start);
        out = body && (quoted || !/[$`]/.test(body.text)) ? body.text : undefined;
      }
    }
    return out;
  }

  /**
   * For a `read` that is a while loop's condition: the values it takes, one per round, when the loop's input says
   * them: the lines of a here-string or heredoc on the loop, or what a listing piped into the loop prints (`find DIR`
   * and `fd … DIR` print paths under DIR, `ls DIR` names in it), as a glob pattern.
   */
  private loopLines(node: Node): { body: Node; lines: string[] } | undefined {
    let loop: Node | null = node.parent;
    while (loop && loop.type !== 'while_statement' && (loop.type === 'list' || loop.type === 'command' || loop.type === 'redirected_statement' || loop.type === 'compound_statement')) loop = loop.parent;
    if (!loop || loop.type !== 'while_statement') return undefined;
    const body = loop.childForFieldName('body');
    const cond = loop.childForFieldName('condition');
    if (!body || !cond || node.startIndex < cond.startIndex || node.endIndex > cond.endIndex) return undefined;
    const outer = loop.parent;
    if (outer?.type === 'redirected_statement') {
      for (const r of outer.children) {
        if (r.type === 'herestring_redirect') {
          const word = r.children.find((c) => c.isNamed && c.type !== 'file_descriptor');
          const w = word ? evalWord(word, this.source) : undefined;
          if (!w || w.dynamic) return undefined;
          return { body, lines: w.value.split('\n').filter((l) => l.trim() !== '').slice(0, MAX_COMBINATIONS) };
        }
        if (r.type === 'heredoc_redirect') {
          const b = r.children.find((c) => c.type === 'heredoc_body');
          if (!b || /[$`]/.test(b.text)) return undefined;
          return { body, lines: b.text.split('\n').filter((l) => l.trim() !== '').slice(0, MAX_COMBINATIONS) };
        }
      }
      return undefined;
    }
    if (outer?.type === 'pipeline') {
      const stages = outer.namedChildren;
      const i = stages.findIndex((c) => c.startIndex === loop!.startIndex);
      let prev = i > 0 ? stages[i - 1] : undefined;
      // `find 2>/dev/null ~/.ssh -type f | while read f`: the words after the redirect hang on it
      const extra: Node[] = [];
      if (prev?.type === 'redirected_statement') {
        for (const r of prev.children) if (r.type === 'file_redirect') extra.push(...r.childrenForFieldName('destination').slice(1));
        prev = prev.childForFieldName('body') ?? undefined;
      }
      if (prev?.type !== 'command') return undefined;
      for (const r of prev.children) if (r.type === 'file_redirect') extra.push(...r.childrenForFieldName('destination').slice(1));
      const words = [prev.childForFieldName('name'), ...prev.childrenForFieldName('argument'), ...extra].filter((x): x is Node => x !== null).sort((a, b) => a.startIndex - b.startIndex).map((w) => evalWord(w, this.source));
      if (words.some((w) => w.dynamic)) return undefined;
      const [first, ...rest] = words.map((w) => w.value);
      // `timeout 5 find …`, `env find …`: the wrapper prints what the listing prints.
      const { name: prog, args } = passedThrough({ name: programName(first ?? ''), args: rest, argDynamic: rest.map(() => false) });
      const dirs = args.filter((a) => !a.startsWith('-'));
      if (prog === 'find') {
        const starts = args.slice(0, Math.max(0, args.findIndex((a) => /^[-(!]/.test(a))) || args.length).filter((a) => !a.startsWith('-'));
        const roots = (starts.length > 0 ? starts : ['.']).slice(0, 4);
        return { body, lines: roots.map((d) => `${GLOB_VALUE}${d.replace(/\/+$/, '')}/*`) };
      }
      if (prog === 'ls') return { body, lines: [`${GLOB_VALUE}*`] };
      if (prog === 'fd' || prog === 'fdfind') return { body, lines: [`${GLOB_VALUE}${(dirs[1] ?? '.').replace(/\/+$/, '')}/*`] };
    }
    return undefined;
  }

  /** Whether `name` at `pos` may hold what a `read` took from input Airlock cannot see. */
  readFromInput(name: string, pos: number): boolean {
    return this.bindings.some((b) => b.name === name && b.input === true && b.pos < pos);
  }

  private expansion(node: Node, quoted: boolean): void {
    if (this.expansions.length >= MAX_EXPANSIONS) {
      this.overflow = true;
      return;
    }
    const e = parseExpansion(node.text);
    if (e) this.expansions.push({ ...e, start: node.startIndex, end: node.endIndex, quoted });
  }

  /** Any writer of a bound name other than the assignments seen (`read X`, `for X in`, `eval X=…`, `shift`). */
  private findUnmodelled(): void {
    // `source f` / `. f` in command position (not `find . -name x`, where `.` is an argument).
    if (/(?:^|[;&|(){}\n!`]|\b(?:then|do|else|elif|if|while|until|builtin|command|exec)\s)\s*(?:[A-Za-z_][A-Za-z0-9_]*=\S*\s+)*(?:source|\.)\s/.test(this.source)) this.anyUnknown = true;
    const counts = new Map<string, number>();
    for (const b of this.bindings) counts.set(b.name, (counts.get(b.name) ?? 0) + 1);
    for (const [name, n] of counts) {
      if (name === '@') {
        if (/(?:^|[\s;&|(])shift\b/.test(this.source)) this.unmodelled.add('@');
        continue;
      }
      const bare = this.source.match(new RegExp(`(?<![$\\w{!#])${name}(?![\\w])`, 'g'))?.length ?? 0;
      if (bare > n) this.unmodelled.add(name);
    }
  }
}

/** What `$(ls DIR)` (names in DIR) or `$(find DIR …)` (paths under DIR) lists, as a glob; undefined for anything else. */
function listingPattern(text: string): string | undefined {
  const m = /^\$\(\s*(ls|find|fd|fdfind)((?:\s+[^\s;&|<>()$`'"]+)*)\s*\)$/.exec(text);
  if (!m) return undefined;
  const args = (m[2] ?? '').trim().split(/\s+/).filter(Boolean);
  if (m[1] === 'ls') return args.filter((a) => !a.startsWith('-')).length <= 1 ? '*' : undefined;
  const dirs = m[1] === 'find' ? args.slice(0, Math.max(0, args.findIndex((a) => /^[-(!]/.test(a))) || args.length) : args.filter((a) => !a.startsWith('-')).slice(1, 2);
  const dir = (dirs[0] ?? '.').replace(/\/+$/, '');
  return `${dir}/*`;
}

/**
 * `$HOME/.docker` (or `${HOME}/…`, quoted or not) as a value: the home directory is known to every rule (they read
 * `~/` as it), so the value is `~/.docker` rather than unknown. Any other expansion in it leaves it unknown.
 */
function homePath(text: string): string | undefined {
  const m = /^"?(?:\$HOME|\$\{HOME\})((?:\/[^$`"\\]*)?)"?$/.exec(text);
  return m ? `~${m[1]}` : undefined;
}

const LATER_VARS = new Set(['PROMPT_COMMAND', 'PS0', 'PS1', 'PS2', 'PS4', 'BASH_ENV', 'ENV']);

/** PROMPT_COMMAND runs as a command; prompts run their substitutions; BASH_ENV/ENV name a file bash sources. */
export function laterStep(name: string, value: string): { script: string; label: string } {
  if (name === 'BASH_ENV' || name === 'ENV') return { script: `source ${value}`, label: name };
  if (name === 'PROMPT_COMMAND') return { script: value, label: name };
  return { script: `: ${value.replace(/[;&|<>]/g, ' ')}`, label: name };
}

export { LATER_VARS };

const SIMPLE = /^\$([A-Za-z_][A-Za-z0-9_]*|[0-9@*])$/;
const BRACED = /^\$\{(!?)([A-Za-z_][A-Za-z0-9_]*|[0-9]+|[@*])(?:\[([^\]]*)\])?(?:(:?-)(.*))?\}$/s;

function parseExpansion(text: string): Omit<Expansion, 'start' | 'end' | 'quoted'> | undefined {
  const s = SIMPLE.exec(text);
  if (s) return { name: s[1], kind: s[1] === '@' || s[1] === '*' ? 'all' : 'plain' };
  if (text.startsWith('${#')) return undefined;
  const b = BRACED.exec(text);
  if (!b) return undefined;
  const [, bang, name, index, op, word] = b;
  if (bang) return index === undefined && op === undefined ? { name, kind: 'indirect' } : undefined;
  if (op !== undefined) return index === undefined ? { name, kind: 'default', word } : undefined;
  if (index === '@' || index === '*') return { name, kind: 'all' };
  if (index !== undefined) return /^[0-9]+$/.test(index) ? { name, kind: 'index', index: Number(index) } : undefined;
  return { name, kind: name === '@' || name === '*' ? 'all' : 'plain' };
}

/** Possible texts an expansion stands for (each already a list of words), UNKNOWN when any value is unknown. */
export function expansionValues(e: Expansion, values: Values): (string[] | typeof UNKNOWN)[] {
  const words = (a: Alt, whole: boolean): string[] | typeof UNKNOWN => {
    if (a === UNKNOWN) return UNKNOWN;
    if (typeof a === 'string') return [a];
    return whole ? [...a] : [a[0] ?? ''];
  };
  switch (e.kind) {
    case 'plain':
      return values.lookup(e.name, e.start).map((a) => words(a, false));
    case 'all':
      return values.lookup(e.name === '*' ? '@' : e.name, e.start).map((a) => (a === UNKNOWN ? UNKNOWN : e.name === '*' && e.quoted ? [words(a, true) as string[]].map((w) => w.join(' ')) : words(a, true)));
    case 'index':
      return values.lookup(e.name, e.start).map((a) => (a === UNKNOWN ? UNKNOWN : typeof a === 'string' ? (e.index === 0 ? [a] : ['']) : [a[e.index ?? 0] ?? '']));
    case 'indirect': {
      const out: (string[] | typeof UNKNOWN)[] = [];
      for (const a of values.lookup(e.name, e.start)) {
        if (typeof a !== 'string' || !/^(?:[A-Za-z_][A-Za-z0-9_]*|[1-9])$/.test(a)) out.push(UNKNOWN);
        else out.push(...values.lookup(a, e.start).map((v) => words(v, false)));
      }
      return out;
    }
    case 'default': {
      const out: (string[] | typeof UNKNOWN)[] = [];
      const home = e.word === undefined ? undefined : homePath(e.word);
      const fallback = home !== undefined ? [home] : e.word !== undefined && !/[$`\\]/.test(e.word) ? [e.word.replace(/^(['"])(.*)\1$/s, '$2')] : UNKNOWN;
      for (const a of values.lookup(e.name, e.start)) {
        if (a === UNKNOWN) out.push(UNKNOWN, fallback);
        else if (a === '' || (typeof a !== 'string' && a.length === 0)) out.push(fallback);
        else out.push(words(a, false));
      }
      return out;
    }
    default:
      return [UNKNOWN];
  }
}

/** `'…'` quoting that keeps glob characters live, as an unquoted expansion's result would be. */
function quoteUnquoted(value: string, extraSplit = ''): string {
  const sep = extraSplit ? new RegExp(`[ \\t\\n${extraSplit.replace(/[\\\]^-]/g, '\\$&')}]+`) : /[ \t\n]+/;
  const fields = value.split(sep).filter((f) => f.length > 0);
  return fields.map((f) => f.split(/([*?[])/).map((part) => (part === '' ? '' : /^[*?[]$/.test(part) ? part : `'${part.replace(/'/g, `'\\''`)}'`)).join('')).join(' ');
}

function quoteInDouble(value: string): string {
  return value.replace(/([$`"\\])/g, '\\$1');
}

/**
 * A command whose output is a name made from its own words, a clock, a temp folder or the place it runs, never
 * read from a file (a stage of a substitution: `date +%F`, `mktemp -d`, `git rev-parse --show-toplevel`).
 */
export const NAME_MAKER = /^(?:echo|printf|pwd|basename|dirname|mktemp|date|which|hostname|whoami|uname|id\s+-[ung]+|command\s+-v|git\s+rev-parse|tr\s)(?:\s|$)|^rev$|^base64\s+(?:-d|--decode|-D)$/;

/** Marks a loop value that is a glob pattern (`for f in dir/*`): substituted as the pattern, unquoted. */
export const GLOB_VALUE = '\u0001glob:';
/** Marks a value kept as the shell text that computes it (see Values.asWritten): substituted as written. */
export const RAW_VALUE = '\u0001raw:';

/** A pattern written so the shell expands it: `~/` and glob characters bare, the rest quoted. */
function globWord(pattern: string): string {
  const tilde = /^~[^/]*\//.exec(pattern)?.[0] ?? '';
  return tilde + quoteUnquoted(pattern.slice(tilde.length));
}

/** The replacement text for one expansion holding `words` (one word per array element). */
export function replacement(e: Expansion, words: readonly string[], extraSplit = ''): string {
  if (words.length === 1 && words[0]!.startsWith(RAW_VALUE)) {
    const raw = words[0]!.slice(RAW_VALUE.length);
    // written inside "…" already, or made a single word as an assignment's value is
    return e.quoted || /^".*"$/s.test(raw) ? raw : `"${raw}"`;
  }
  if (words.length === 1 && words[0]!.startsWith(GLOB_VALUE)) {
    const g = globWord(words[0]!.slice(GLOB_VALUE.length));
    return e.quoted ? `"${g}"` : g;
  }
  if (e.quoted) return words.map(quoteInDouble).join('" "');
  return words.map((w) => quoteUnquoted(w, extraSplit)).join(' ');
}

export function dedupe<T>(xs: T[]): T[] {
  const seen = new Set<string>();
  return xs.filter((x) => {
    const k = x === UNKNOWN ? '\u0000unknown' : JSON.stringify(x);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/**
 * Splits a line the way `read` does: IFS whitespace around fields is dropped, each other IFS character ends a field,
 * and the last of `count` fields keeps the rest of the line (trailing IFS whitespace removed).
 */
export function splitFields(line: string, ifs: string, count: number): string[] {
  if (ifs === '') return [line];
  const white = [...ifs].filter((c) => c === ' ' || c === '\t' || c === '\n').join('');
  const isWhite = (c: string): boolean => white.includes(c);
  const isSep = (c: string): boolean => ifs.includes(c);
  const fields: string[] = [];
  let i = 0;
  while (i < line.length && isWhite(line[i])) i++;
  while (i < line.length && fields.length < count - 1) {
    let j = i;
    while (j < line.length && !isSep(line[j])) j++;
    fields.push(line.slice(i, j));
    i = j;
    while (i < line.length && isWhite(line[i])) i++;
    if (i < line.length && isSep(line[i]) && !isWhite(line[i])) {
      i++;
      while (i < line.length && isWhite(line[i])) i++;
    }
  }
  if (i < line.length) {
    let rest = line.slice(i);
    while (rest.length > 0 && isWhite(rest[rest.length - 1])) rest = rest.slice(0, -1);
    fields.push(rest);
  }
  return fields;
}
