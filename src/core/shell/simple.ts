// A second exact shortcut around the parser, for the most common shape agents send: plain and quoted words
// joined by ; && || | & and newlines (`cd app && npm test | tee log`, `psql -c "DROP TABLE x;"`).
// Inside this subset bash only splits words, removes quotes and joins commands: no expansion ($, `, ~, globs),
// no escapes (\), no redirections, no grouping, no comments, no reserved words. Anything outside it, or any
// doubt about the grammar (an empty command between operators, a line continued after `&&`), returns
// undefined and goes to the real parser. A property test checks this against tree-sitter-bash.
import { connect } from './pipes';
import type { Extracted } from './state';
import { programName } from './words';

/** Unquoted word characters: letters, digits and . _ / = : , @ % + - */
const PLAIN = new Uint8Array(128);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._/=:,@%+-') PLAIN[c.charCodeAt(0)] = 1;
/** Inside quotes these are literal too (no $, `, \ or !, which bash or the parser treat specially there). */
const QUOTED = new Uint8Array(128);
for (let i = 0; i < 128; i++) QUOTED[i] = PLAIN[i];
for (const c of ' ;&|<>()*?[]{}#~') QUOTED[c.charCodeAt(0)] = 1;

const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*\+?=/;
const RESERVED = new Set(['if', 'then', 'else', 'elif', 'fi', 'case', 'esac', 'for', 'select', 'while', 'until', 'do', 'done', 'in', 'function', 'time', 'coproc']);

interface Word {
  raw: string;
  value: string;
  start: number;
  end: number;
}

type Operator = ';' | '\n' | '&' | '&&' | '||' | '|';

/**
 * The commands bash would run for `text`, or undefined when `text` is outside the subset this scanner
 * reads exactly. Same objects, in the same order, as the parser walk gives.
 */
export function splitSimple(text: string, via: string[]): Extracted[] | undefined {
  const out: Extracted[] = [];
  let stages: Extracted[][] = [];
  let words: Word[] = [];
  /** The operator that ended the previous command when it needs a command after it (&&, ||, |). */
  let pending: Operator | undefined;
  /** Inside an `&&` chain after a standalone `cd`/`pushd`: the commands that follow run in its directory. */
  let afterCd = false;
  let i = 0;
  const n = text.length;

  /** Ends the current command at operator `op`; false when the grammar is not one this scanner is sure of. */
  const endCommand = (op: Operator | 'end'): boolean => {
    if (words.length === 0) {
      // Blank lines between commands are fine; an empty command next to an operator is not ours to judge.
      if ((op === '\n' || op === 'end') && pending === undefined && stages.length === 0) return true;
      return false;
    }
    const cmd = build(words, text, via);
    if (cmd === null) return false;
    if (afterCd) cmd.afterCd = true;
    const standalone = stages.length === 0;
    stages.push([cmd]);
    words = [];
    if (op === '|') {
      pending = '|';
      return true;
    }
    if (op !== '&&') afterCd = false;
    else if (standalone && (cmd.name === 'cd' || cmd.name === 'pushd')) afterCd = true;
    connect(stages);
    for (const stage of stages) out.push(...stage);
    stages = [];
    pending = op === '&&' || op === '||' ? op : undefined;
    return true;
  };

  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 32) {
      i++;
      continue;
    }
    if (c === 10 || c === 59 /* ; */) {
      if (c === 59 && text.charCodeAt(i + 1) === 59) return undefined; // `;;` belongs to case
      if (!endCommand(c === 10 ? '\n' : ';')) return undefined;
      i++;
      continue;
    }
    if (c === 38 /* & */) {
      const two = text.charCodeAt(i + 1) === 38;
      if (!endCommand(two ? '&&' : '&')) return undefined;
      i += two ? 2 : 1;
      continue;
    }
    if (c === 124 /* | */) {
      const next = text.charCodeAt(i + 1);
      if (next === 38) return undefined; // `|&` also pipes stderr
      const two = next === 124;
      if (!endCommand(two ? '||' : '|')) return undefined;
      i += two ? 2 : 1;
      continue;
    }
    // A word: plain characters and quoted runs, up to a space or an operator.
    const start = i;
    let value = '';
    for (;;) {
      const d = text.charCodeAt(i);
      if (i >= n || d === 32 || d === 10 || d === 59 || d === 38 || d === 124) break;
      if (d === 39 /* ' */ || d === 34 /* " */) {
        const close = text.indexOf(text[i], i + 1);
        if (close < 0) return undefined;
        for (let k = i + 1; k < close; k++) {
          const q = text.charCodeAt(k);
          if (q >= 128 || (QUOTED[q] === 0 && q !== (d === 39 ? 34 : 39))) return undefined;
        }
        value += text.slice(i + 1, close);
        i = close + 1;
        continue;
      }
      if (d >= 128 || PLAIN[d] === 0) return undefined;
      const from = i;
      while (i < n && text.charCodeAt(i) < 128 && PLAIN[text.charCodeAt(i)] === 1) i++;
      value += text.slice(from, i);
    }
    // tree-sitter-bash reads `==` / `=~` in a command as a test operator and splits what follows differently.
    if (text.charCodeAt(start) === 61 /* = */) return undefined;
    words.push({ raw: text.slice(start, i), value, start, end: i });
  }
  if (pending !== undefined && words.length === 0) return undefined; // `a &&` at the end: bash wants more
  if (!endCommand('end')) return undefined;
  return out;
}

/** One simple command from its words; null when the parser should decide (reserved word, assignments only). */
function build(words: Word[], text: string, via: string[]): Extracted | null {
  const assignments: Record<string, string> = {};
  let k = 0;
  for (; k < words.length; k++) {
    const m = ASSIGNMENT.exec(words[k].raw);
    if (!m) break;
    const key = m[0].slice(0, m[0].endsWith('+=') ? -2 : -1);
    // The value is everything after the unquoted `=`, quotes removed.
    assignments[key] = words[k].value.slice(m[0].length);
  }
  // Assignment-only statements are rare from agents and tree-sitter-bash reads some of them differently
  // (it joins `A=1` to a command on the next line): leave them to the parser, whose answer the tests pin.
  if (k >= words.length) return null;
  const first = words[k];
  // An empty name (`''`) is no program, and tree-sitter-bash places it oddly: the parser decides those.
  if (first.value === '' || RESERVED.has(first.raw) || RESERVED.has(first.value)) return null;
  const args = words.slice(k + 1).map((w) => w.value);
  return {
    name: programName(first.value),
    args,
    dynamicName: false,
    argDynamic: args.map(() => false),
    assignments,
    redirects: [],
    text: text.slice(words[0].start, words[words.length - 1].end),
    via,
  };
}
