// xargs: the command it runs gets the words (or, with a replace string, the lines) it reads from stdin or a
// file. Known input is spelled out; unknown input is a dynamic `{xargs input}` argument. A shell whose script
// is that input (`xargs bash -c`, `xargs -I{} sh -c {}`) runs the input as code: the rule
// shell.input-as-code asks about it whatever the input is, so the xargs command itself is kept for the rules.
import { skipOptions } from './options';
import { programName } from './words';
import { rest, SHELLS, type Step, type Wrapper } from './steps';

export const XARGS_INPUT = '{xargs input}';
/** Known xargs input longer than this many words is not expanded (one command per word with -I). */
export const MAX_XARGS_WORDS = 256;

interface XargsReading {
  /** Where the command xargs runs starts (past xargs' own options). */
  index: number;
  values: Record<string, string>;
  /** The replace string (`-I R`, `-J R`, `--replace[=R]`, `-i[R]`), when each input line is substituted. */
  replace: string | undefined;
}

function readXargs(args: string[]): XargsReading {
  const { index, values, flags } = skipOptions(args, {
    // -J is BSD's replace string; GNU's `-i`/`--replace` without a value mean `{}`.
    short: 'ILnPsdEaRJ',
    long: ['--max-lines', '--max-args', '--max-procs', '--max-chars', '--delimiter', '--eof', '--arg-file', '--process-slot-var'],
  });
  // GNU `-i[R]` takes its replace string glued to it, or none (then `{}`): `-i{}`, `-i%`.
  const glued = args.slice(0, index).find((a) => /^-i/.test(a));
  const replace = values['-I'] ?? values['-J'] ?? values['--replace'] ?? (glued !== undefined ? glued.slice(2) || '{}' : flags.includes('--replace') ? '{}' : undefined);
  return { index, values, replace };
}

/**
 * The shell whose script is xargs' input itself: `xargs bash -c` (the input becomes the script), `xargs -I{} sh -c {}`
 * (the script is the replace string), and `xargs -I{} bash -c` (no script at all). A script that only mentions the
 * input (`bash -c 'echo {}'`) is judged by its content instead.
 */
export function inputShell(xargsArgs: readonly string[]): string | undefined {
  const { index, replace } = readXargs([...xargsArgs]);
  const inner = xargsArgs.slice(index);
  const name = programName(inner[0] ?? '');
  if (!SHELLS.includes(name)) return undefined;
  const { index: at, flags } = skipOptions(inner.slice(1), { short: 'oO', long: ['--rcfile', '--init-file'] });
  if (!flags.includes('-c')) return undefined;
  const script = inner[1 + at];
  if (script === undefined) return name;
  return replace !== undefined && (script.trim() === replace || script === XARGS_INPUT) ? name : undefined;
}

/** `xargs bash -c`, `xargs -I% sh -c 'echo %'` with unknown input: the shell's script is (or holds) the input. */
function unknownScriptShell(args: string[]): string | undefined {
  const name = programName(args[0] ?? '');
  if (!SHELLS.includes(name)) return undefined;
  const { index, flags } = skipOptions(args.slice(1), { short: 'oO', long: ['--rcfile', '--init-file'] });
  if (!flags.includes('-c')) return undefined;
  const script = args[1 + index];
  return script === undefined || script.includes(XARGS_INPUT) ? name : undefined;
}

export const xargsWrapper: Wrapper = (cmd) => {
  const { index, values, replace: given } = readXargs(cmd.args);
  const inner = index < cmd.args.length ? rest(cmd, index) : { args: ['echo'], dyn: [false] };
  // A shell running the input as its script: the xargs command stays for shell.input-as-code, whatever the input.
  const keep: Step[] = inputShell(cmd.args) !== undefined ? [{ self: true }] : [];
  // `xargs -I{} rm -rf`: with the replace string nowhere in the command, xargs runs it once per line with no
  // input at all (inert), but it is written as the delete of the input; in doubt it is judged as that.
  const replace = given !== undefined && inner.args.some((a) => a.includes(given)) ? given : undefined;
  const args = inner.args.map((a) => (replace && a.includes(replace) ? a.split(replace).join(XARGS_INPUT) : a));
  const dyn = inner.dyn.map((d, k) => d || args[k] !== inner.args[k]);
  // `echo src | xargs rm -rf`: stdin known in the command itself is the argument list (bounded). With a
  // replace string each line is one item; otherwise blanks separate items.
  const text = cmd.stdin !== undefined && cmd.stdin.length <= 64 * 1024 ? cmd.stdin : undefined;
  // -0/--null: items end at NUL bytes (`printf '%s\0' a b | xargs -0 rm`)
  const nul = cmd.args.some((a) => a === '-0' || a === '--null' || /^-[a-zA-Z]*0[a-zA-Z]*$/.test(a));
  const known = text === undefined ? undefined : nul ? text.split('\0').filter(Boolean) : given ? text.split('\n').map((l) => l.trim()).filter(Boolean) : text.split(/\s+/).filter(Boolean);
  if (known !== undefined && known.length > 0 && known.length <= MAX_XARGS_WORDS) {
    if (replace) return [...keep, ...known.map((w) => ({ exec: { args: inner.args.map((a) => (a.includes(replace) ? a.split(replace).join(w) : a)), dyn: inner.dyn }, label: 'xargs' }))];
    return [...keep, { exec: { args: [...args, ...known], dyn: [...dyn, ...known.map(() => false)] }, label: 'xargs' }];
  }
  // `find ~/.aws -type f | xargs cat`: the input is what find lists there, so each listed glob is judged too
  const listed = cmd.pipedPaths && !cmd.args.some((a) => a === '-a' || a === '--arg-file' || a.startsWith('--arg-file=')) ? cmd.pipedPaths : undefined;
  // (as a command line with the glob left live, so its expansion is judged like any other glob)
  const fromList: Step[] =
    listed && !inner.dyn.some(Boolean)
      ? listed.map((p) => {
          const glob = liveGlob(p);
          const words = replace ? inner.args.map((a) => (a.includes(replace) ? a.split(replace).map(shellQuote).join(glob) : shellQuote(a))) : [...inner.args.map(shellQuote), glob];
          return { script: words.join(' '), label: 'xargs' };
        })
      : [];
  if (!replace) {
    // xargs appends what it reads from stdin: arguments unknown here.
    args.push(XARGS_INPUT);
    dyn.push(true);
  }
  // `xargs -a .env echo`: xargs reads that file and hands its words on, so the file is read as `cat` would
  const argFile = values['-a'] ?? values['--arg-file'];
  const readsFile: Step[] = argFile !== undefined && argFile !== '-' && argFile !== '/dev/stdin' ? [{ exec: { args: ['cat', argFile], dyn: [false, false] }, label: 'xargs -a' }] : [];
  const shell = unknownScriptShell(args);
  if (shell !== undefined) return [...readsFile, { unknown: `xargs hands each input it reads to ${shell} -c as a script to run, and Airlock cannot see that input` }];
  // What find lists is known (as globs): those readings are what runs, not an unknown input
  if (fromList.length > 0 && !replace) return [...fromList, ...readsFile];
  return [{ exec: { args, dyn }, label: 'xargs' }, ...fromList, ...readsFile];
};

const shellQuote = (w: string): string => `'${w.replace(/'/g, `'\\''`)}'`;
/** A glob as shell text: its `*?[` stay live, everything else is quoted; a leading `~/` stays a tilde. */
function liveGlob(p: string): string {
  const tilde = p.startsWith('~/') ? '~/' : '';
  const body = tilde ? p.slice(2) : p;
  return tilde + body.split(/([*?[])/).map((part) => (part === '' ? '' : /^[*?[]$/.test(part) ? part : shellQuote(part))).join('');
}
