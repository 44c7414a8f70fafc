// Turns a tree-sitter word node into the string bash would pass to the program: quotes removed,
// backslash escapes applied, ANSI-C $'..' decoded. Anything computed at run time ($VAR, $(..), `..`)
// keeps its literal text and marks the word dynamic, because its value is unknowable here.
import type { Node } from 'web-tree-sitter';
import { table } from '../table';

export interface WordValue {
  value: string;
  dynamic: boolean;
}

const DYNAMIC_TYPES = new Set([
  'simple_expansion',
  'expansion',
  'command_substitution',
  'process_substitution',
  'arithmetic_expansion',
]);

/** Unquoted backslash: `\x` is `x`, a backslash-newline disappears. */
export function unescapeBare(text: string): string {
  if (!text.includes('\\')) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\' && i + 1 < text.length) {
      i++;
      if (text[i] !== '\n') out += text[i];
    } else out += c;
  }
  return out;
}

/** Inside double quotes a backslash only escapes $ ` " \ and newline. */
function unescapeDouble(text: string): string {
  if (!text.includes('\\')) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const n = text[i + 1];
    if (c === '\\' && n !== undefined && '$`"\\\n'.includes(n)) {
      i++;
      if (n !== '\n') out += n;
    } else out += c;
  }
  return out;
}

const SIMPLE_ESCAPES = table<string>({
  n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', e: '\x1b', E: '\x1b', f: '\f', v: '\v',
  '\\': '\\', "'": "'", '"': '"', '?': '?',
});

/** Decodes the body of $'...' the way bash does (the common escapes; unknown ones stay as written). */
export function decodeAnsiC(body: string): string {
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c !== '\\' || i + 1 >= body.length) {
      out += c;
      continue;
    }
    const e = body[++i];
    if (e in SIMPLE_ESCAPES) {
      out += SIMPLE_ESCAPES[e];
    } else if (e === 'x') {
      const m = /^[0-9a-fA-F]{1,2}/.exec(body.slice(i + 1));
      if (m) {
        out += String.fromCharCode(parseInt(m[0], 16));
        i += m[0].length;
      } else out += '\\x';
    } else if (e === 'u' || e === 'U') {
      const m = (e === 'u' ? /^[0-9a-fA-F]{1,4}/ : /^[0-9a-fA-F]{1,8}/).exec(body.slice(i + 1));
      const cp = m ? parseInt(m[0], 16) : NaN;
      if (m && cp <= 0x10ffff) {
        out += String.fromCodePoint(cp);
        i += m[0].length;
      } else out += `\\${e}`;
    } else if (e >= '0' && e <= '7') {
      const m = /^[0-7]{1,3}/.exec(body.slice(i));
      const digits = m ? m[0] : e;
      out += String.fromCharCode(parseInt(digits, 8) & 0xff);
      i += digits.length - 1;
    } else if (e === 'c' && i + 1 < body.length) {
      out += String.fromCharCode(body.charCodeAt(++i) & 0x1f);
    } else {
      out += `\\${e}`;
    }
  }
  return out;
}

function evalDoubleQuoted(node: Node, source: string): WordValue {
  // Fill the gaps between children from the source so no character is lost.
  let value = '';
  let dynamic = false;
  let pos = node.startIndex + (node.type === 'translated_string' ? 2 : 1);
  const end = node.endIndex - 1;
  for (const child of node.children) {
    if (child.startIndex < pos || child.endIndex > end) continue; // the quote tokens
    if (child.startIndex > pos) value += unescapeDouble(source.slice(pos, child.startIndex));
    const type = child.type;
    if (type === 'string_content') value += unescapeDouble(child.text);
    else if (type === 'command_substitution' && echoedValue(child, source) !== undefined) value += echoedValue(child, source)!;
    else if (DYNAMIC_TYPES.has(type)) {
      value += child.text;
      dynamic = true;
    } else value += child.text;
    pos = child.endIndex;
  }
  if (end > pos) value += unescapeDouble(source.slice(pos, end));
  return { value, dynamic };
}

export function evalWord(node: Node, source: string): WordValue {
  // Every property read is a call into wasm: read the type once.
  const type = node.type;
  switch (type) {
    case 'word':
      return { value: unescapeBare(node.text), dynamic: false };
    case 'command_name': {
      const n = node.childCount;
      if (n === 1) return evalWord(node.child(0)!, source);
      if (n > 1) return evalConcat(node, source);
      return { value: unescapeBare(node.text), dynamic: false };
    }
    case 'raw_string':
      return { value: node.text.slice(1, -1), dynamic: false };
    case 'ansi_c_string':
      return { value: decodeAnsiC(node.text.slice(2, -1)), dynamic: false };
    case 'string':
    case 'translated_string':
      return evalDoubleQuoted(node, source);
    case 'concatenation':
    // `9=a''` or `x=$y` read as a word (a command name or argument): quotes and expansions count as in any word.
    case 'variable_assignment':
      return evalConcat(node, source);
    case 'command_substitution': {
      const known = echoedValue(node, source);
      return known !== undefined ? { value: known, dynamic: false } : { value: node.text, dynamic: true };
    }
    default:
      if (DYNAMIC_TYPES.has(type)) return { value: node.text, dynamic: true };
      return { value: unescapeBare(node.text), dynamic: false };
  }
}

/** `$(echo rm)`, `` `printf rm` ``: a substitution that only prints literal words has a known value. */
function echoedValue(node: Node, source: string): string | undefined {
  const inner = node.namedChildren;
  if (inner.length !== 1) return undefined;
  // `$(echo cm0gLXJmIG5vdGVz | base64 -d)`, `$(echo 'sf- mr' | rev)`: a known text through decoders
  if (inner[0].type === 'pipeline') {
    const stages = inner[0].namedChildren;
    if (stages.length < 2 || stages.length > 4 || stages.some((st) => st.type !== 'command')) return undefined;
    let text = commandOutput(stages[0]!, source);
    for (const st of stages.slice(1)) text = text === undefined ? undefined : decoded(st, source, text);
    return text?.replace(/\n+$/, '');
  }
  if (inner[0].type !== 'command') return undefined;
  return commandOutput(inner[0], source);
}

/** ROT13 of the ASCII letters (`tr 'A-Za-z' 'N-ZA-Mn-za-m'`, Python's `codecs.decode(…, 'rot13')`). */
export function rot13(text: string): string {
  return text.replace(/[A-Za-z]/g, (c) => String.fromCharCode(((c.toLowerCase().charCodeAt(0) - 97 + 13) % 26) + (c <= 'Z' ? 65 : 97)));
}

/** decodedText() for a stage of a pipeline inside `$(…)`. */
function decoded(cmd: Node, source: string, input: string): string | undefined {
  const words = [cmd.childForFieldName('name'), ...cmd.childrenForFieldName('argument')].filter((x): x is Node => x !== null).map((w) => evalWord(w, source));
  if (words.some((w) => w.dynamic) || cmd.namedChildren.some((c) => c.type.endsWith('redirect'))) return undefined;
  const [prog, ...args] = words.map((w) => w.value);
  return decodedText(prog!, args, input);
}

/** What base64 -d, rev or a rot13 `tr` print for a known input; undefined for anything else or unprintable output. */
export function decodedText(prog: string, args: readonly string[], input: string): string | undefined {
  let out: string | undefined;
  if (prog === 'base64' && args.length === 1 && ['-d', '--decode', '-D'].includes(args[0]!)) {
    try {
      out = atob(input.replace(/\s+/g, ''));
    } catch {
      return undefined;
    }
  } else if (prog === 'rev' && args.length === 0) out = input.replace(/\n$/, '').split('\n').map((l) => [...l].reverse().join('')).join('\n') + '\n';
  else if (prog === 'tr' && args.length === 2 && /^(?:A-Za-z|a-zA-Z)$/.test(args[0]!) && /^(?:N-ZA-Mn-za-m|n-za-mN-ZA-M)$/.test(args[1]!)) {
    out = rot13(input);
  }
  return out !== undefined && /^[\x20-\x7e\t\n]*$/.test(out) ? out : undefined;
}

/** The text a plain `echo`/`printf`/`which` command prints, when it is fixed in the command itself. */
function commandOutput(cmd: Node, source: string): string | undefined {
  const name = cmd.childForFieldName('name');
  if (!name || cmd.namedChildren.some((c) => c.type === 'variable_assignment' || c.type.endsWith('redirect'))) return undefined;
  const program = evalWord(name, source);
  if (program.dynamic) return undefined;
  const args = cmd.childrenForFieldName('argument').map((a) => evalWord(a, source));
  // `$(which node)`, `$(command -v python3)`, `$(type -P perl)`: the path of that program (where, is not known here).
  const located = locatedProgram(program.value, args);
  if (located !== undefined) return located;
  if (program.value !== 'echo' && program.value !== 'printf') return undefined;
  // `printf '\x64\x72\x6f\x70\x64\x62'`, `printf '%s%s' g it`: the formatted text
  if (program.value === 'printf' && args.length >= 1 && !args.some((a) => a.dynamic)) {
    const printed = printfText(args[0]!.value, args.slice(1).map((a) => a.value));
    if (printed !== undefined) return printed.replace(/\n+$/, '');
  }
  // `printf %s WORD` (or '%s\n'): the word itself (`$(…)` drops the trailing newline)
  if (program.value === 'printf' && args.length === 2 && !args.some((a) => a.dynamic) && /^%s(?:\\n)?$/.test(args[0]!.value) && !args[1]!.value.includes('\\')) return args[1]!.value;
  if (args.some((a) => a.dynamic) || (program.value === 'printf' && args.length !== 1) || args.some((a) => a.value.startsWith('-') || a.value.includes('%') || a.value.includes('\\'))) return undefined;
  return args.map((a) => a.value).join(' ');
}

/**
 * What bash's printf prints for a format of `%s`, `%%`, literal text and the escapes `\xHH`, `\NNN`, `\n`, `\t`,
 * `\\`; the format is reused while arguments remain. Undefined for any other directive.
 */
export function printfText(format: string, args: readonly string[]): string | undefined {
  if (format.length > 1024 || args.length > 64) return undefined;
  let out = '';
  let k = 0;
  for (let round = 0; round < 64; round++) {
    let used = false;
    for (let i = 0; i < format.length; i++) {
      const c = format[i]!;
      if (c === '\\') {
        const n = format[i + 1];
        const hex = /^x([0-9a-fA-F]{1,2})/.exec(format.slice(i + 1));
        const oct = /^0?([0-7]{1,3})/.exec(format.slice(i + 1));
        if (hex) {
          out += String.fromCharCode(parseInt(hex[1]!, 16));
          i += hex[0].length;
        } else if (oct) {
          out += String.fromCharCode(parseInt(oct[1]!, 8));
          i += oct[0].length;
        } else if (n === 'n' || n === 't' || n === '\\' || n === '"' || n === "'") {
          out += n === 'n' ? '\n' : n === 't' ? '\t' : n;
          i++;
        } else return undefined;
      } else if (c === '%') {
        const n = format[i + 1];
        if (n === '%') out += '%';
        else if (n === 's') {
          out += args[k++] ?? '';
          used = true;
        } else return undefined;
        i++;
      } else out += c;
    }
    if (!used || k >= args.length) break;
  }
  return out.length > 4096 ? undefined : out;
}

function locatedProgram(program: string, args: WordValue[]): string | undefined {
  if (args.some((a) => a.dynamic)) return undefined;
  const words = args.map((a) => a.value);
  let operand: string | undefined;
  if (program === 'which' && words.length === 1) operand = words[0];
  else if (program === 'command' && words.length === 2 && words[0] === '-v') operand = words[1];
  else if (program === 'type' && words.length === 2 && (words[0] === '-P' || words[0] === '-p')) operand = words[1];
  if (operand === undefined || !/^[A-Za-z0-9_.+-]+$/.test(operand) || operand.startsWith('-')) return undefined;
  return `/usr/bin/${operand}`;
}

function evalConcat(node: Node, source: string): WordValue {
  let value = '';
  let dynamic = false;
  let pos = node.startIndex;
  for (const child of node.children) {
    if (child.startIndex > pos) value += unescapeBare(source.slice(pos, child.startIndex));
    const w = evalWord(child, source);
    value += w.value;
    dynamic ||= w.dynamic;
    pos = child.endIndex;
  }
  if (node.endIndex > pos) value += unescapeBare(source.slice(pos, node.endIndex));
  return { value, dynamic };
}

/** `/bin/rm`, `./rm`, `C:\x\rm.exe` -> `rm`: bash runs the same program whatever directory names it. */
export function programName(word: string): string {
  const slash = Math.max(word.lastIndexOf('/'), word.lastIndexOf('\\'));
  const base = slash >= 0 ? word.slice(slash + 1) : word;
  return base.replace(/\.exe$/i, '');
}
