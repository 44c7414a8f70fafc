// A proven-exact shortcut around the parser. For text made only of these characters bash does no
// quoting, expansion, globbing, redirection or control operators: word splitting on spaces is all
// that happens, so splitting here gives exactly the words bash would. Anything else goes to the parser.
import type { Extracted } from './state';
import { programName } from './words';

// letters, digits, space, and . _ / = : , @ % + -   (no quotes, $, `, \, ;|&<>(){}[]*?!~#, tab, newline)
const TRIVIAL = /^[A-Za-z0-9 ._\/=:,@%+-]*$/;
// `a=x` and `a+=x` (append) are both assignments when they precede the command name.
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*\+?=/;
/** Reserved words change the grammar when they start a command (`if`, `for`, …): those go to the parser. */
const RESERVED = new Set(['if', 'then', 'else', 'elif', 'fi', 'case', 'esac', 'for', 'select', 'while', 'until', 'do', 'done', 'in', 'function', 'time', 'coproc']);

export function isTrivial(text: string): boolean {
  if (!TRIVIAL.test(text)) return false;
  const first = text.split(' ').find((w) => w.length > 0 && !ASSIGNMENT.test(w));
  return first === undefined || !RESERVED.has(first);
}

/** Precondition: isTrivial(text). Returns no command for blank text. */
export function splitTrivial(text: string, via: string[]): Extracted[] {
  const words = text.split(' ').filter((w) => w.length > 0);
  const assignments: Record<string, string> = {};
  let i = 0;
  while (i < words.length && ASSIGNMENT.test(words[i])) {
    const eq = words[i].indexOf('=');
    assignments[words[i].slice(0, eq).replace(/\+$/, '')] = words[i].slice(eq + 1);
    i++;
  }
  if (i >= words.length) return [];
  const args = words.slice(i + 1);
  return [
    {
      // Same reduction as the parser path (`/bin/rm`, `rm.exe` -> `rm`), so both paths name the program alike.
      name: programName(words[i]),
      args,
      dynamicName: false,
      argDynamic: args.map(() => false),
      assignments,
      redirects: [],
      text: text.trim(),
      via,
    },
  ];
}
