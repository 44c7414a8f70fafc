// What the next stage of a pipeline keeps of a command's output. `printenv | wc -l`, `env | cut -d= -f1`,
// `cat .env | awk -F= '{print $1}'` show counts or variable names, never a value: the read that feeds them is not
// secret access. Anything else (a grep that prints lines, sort, head, tee, a file) passes the values on.
import type { SimpleCommand } from '../types';
import { printsNoLines } from './search_output';
import { tarLetters } from './archives';

const AWK = new Set(['awk', 'gawk', 'mawk', 'nawk']);
/** jq filters that print a document's key names or a count, never a value: `keys`, `keys[]`, `. | keys`, `length`. */
export const JQ_NAMES_ONLY = /^\s*(?:\.\s*\|\s*)?(?:keys(?:_unsorted)?(?:\[\])?|length|\[?\s*paths(?:\(scalars\))?\s*\|\s*join\(\s*"[^"]*"\s*\)\s*\]?)\s*$/;
/** Programs that print only a count or a digest of what they read. */
export const COUNTERS = ['wc', 'sha1sum', 'sha224sum', 'sha256sum', 'sha384sum', 'sha512sum', 'md5sum', 'b2sum', 'b3sum', 'cksum', 'shasum'] as const;
const GREPS = new Set(['grep', 'egrep', 'fgrep', 'rg']);

function equalsDelimiter(args: readonly string[], short: string, long: string): boolean {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === short || a === long) return args[i + 1] === '=';
    if (a === `${short}=` || a === `${long}==`) return true;
  }
  return false;
}

/** True when the only reader of `cmd`'s output keeps names, counts or an exit status, and no value. */
export function pipedToNamesOrCount(cmd: SimpleCommand): boolean {
  const next = cmd.pipedTo;
  if (next === undefined || next.length !== 1) return false;
  const { name, args } = next[0]!;
  if (name === undefined) return false;
  if (name === 'wc') return true;
  if (name === 'cut') {
    const fields = args.find((_, i) => args[i - 1] === '-f' || args[i - 1] === '--fields') ?? args.find((a) => /^-f\S|^--fields=/.test(a))?.replace(/^-f|^--fields=/, '');
    return fields === '1' && equalsDelimiter(args, '-d', '--delimiter');
  }
  if (AWK.has(name)) {
    const program = args.filter((a, i) => !a.startsWith('-') && args[i - 1] !== '-F')[0] ?? '';
    return equalsDelimiter(args, '-F', '--field-separator') && /^\s*\{?\s*print\s+\$1\s*;?\s*\}?\s*$/.test(program);
  }
  if (name === 'sed') {
    const program = args.filter((a) => !a.startsWith('-'))[0] ?? '';
    return args.every((a) => a === '-e' || a === '-E' || a === '-r' || !a.startsWith('-')) && /^s([/|#])=\.\*\$?\1\1g?$/.test(program);
  }
  if (GREPS.has(name)) return printsNoLines(name, args);
  // `git archive HEAD | tar -t`, `tar -c . | tar tv`: an archive's member names, listed from stdin
  if (name === 'tar' || name === 'bsdtar' || name === 'gtar') {
    const letters = tarLetters(args);
    const lists = letters.includes('t') || args.includes('--list');
    const file = args.findIndex((a, i) => a === '-f' || a === '--file' || (/^-[A-Za-z]*f$/.test(a) && i >= 0));
    return lists && !/[xcruOA]/.test(letters.replace(/[^A-Za-z]/g, '')) && !args.includes('--to-stdout') && (file < 0 || args[file + 1] === '-');
  }
  // `… | jq keys`, `… | jq 'keys[]'`, `… | jq length`: names or a count of what came in
  if (name === 'jq' || name === 'gojq' || name === 'jaq' || name === 'yq') {
    const filter = args.filter((a) => !a.startsWith('-'));
    return filter.length === 1 && JQ_NAMES_ONLY.test(filter[0]!);
  }
  return false;
}

/**
 * Code or shell that only tests or measures a variable and prints none of its value: `${#KEY}`, `len(os.environ["KEY"])`,
 * `"KEY" in os.environ` (or `dotenv_values()`), `process.env.KEY?.length`, `ENV["KEY"].nil?`. For one variable by
 * name, or for any.
 */
export function presenceTests(name = String.raw`[A-Za-z_]\w*`): RegExp {
  return new RegExp(
    [
      String.raw`\$\{#${name}\}`,
      String.raw`\b(?:len|bool)\s*\(\s*os\s*\.\s*(?:environ\s*\[\s*["']${name}["']\s*\]|(?:getenv|environ\s*\.\s*get)\s*\(\s*["']${name}["']\s*\))\s*\)`,
      String.raw`["']${name}["']\s+(?:not\s+)?in\s+(?:os\s*\.\s*environ\b|dotenv_values\s*\([^()]*\))`,
      String.raw`(?:!!|Boolean\s*\(\s*)?\bprocess\s*\.\s*env\s*(?:\?\.|\.)\s*${name}\s*(?:\?\.|\.)\s*length\b`,
      String.raw`\bENV\s*(?:\[\s*["']${name}["']\s*\]|\.\s*key\?\s*\(\s*["']${name}["']\s*\))\s*(?:\.\s*(?:nil\?|present\?|blank\?|empty\?|to_s\s*\.\s*length|length|size))?(?=\s*[);\s]|$)(?<=\?\s*\(\s*["']${name}["']\s*\)|nil\?|present\?|blank\?|empty\?|length|size)`,
    ].join('|'),
    'g',
  );
}
