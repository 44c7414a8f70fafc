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
  if (inner.length !== 1 || inner[0].type !== 'command') return undefined;
  const cmd = inner[0];
  const name = cmd.childForFieldName('name');
  if (!name || cmd.namedChildren.some((c) => c.type === 'variable_assignment' || c.type.endsWith('redirect'))) return undefined;
  const program = evalWord(name, source);
  if (program.dynamic) return undefined;
  const args = cmd.childrenForFieldName('argument').map((a) => evalWord(a, source));
  // `$(which node)`, `$(command -v python3)`, `$(type -P perl)`: the path of that program (where, is not known here).
  const located = locatedProgram(program.value, args);
  if (located !== undefined) return located;
  if (program.value !== 'echo' && program.value !== 'printf') return undefined;
  // `printf %s WORD` (or '%s\n'): the word itself (`$(…)` drops the trailing newline)
  if (program.value === 'printf' && args.length === 2 && !args.some((a) => a.dynamic) && /^%s(?:\\n)?$/.test(args[0]!.value) && !args[1]!.value.includes('\\')) return args[1]!.value;
  if (args.some((a) => a.dynamic) || (program.value === 'printf' && args.length !== 1) || args.some((a) => a.value.startsWith('-') || a.value.includes('%') || a.value.includes('\\'))) return undefined;
  return args.map((a) => a.value).join(' ');
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
