// How a pipe joins stages: each stage reads the previous stage's output, whose text is known when that
// stage only prints literal words (echo, printf, cat <<EOF). Shared by the parser walk and the fast path.
import type { Extracted } from './state';
import { passedThrough } from './pass_through';
import { decodeAnsiC, decodedText } from './words';

/** Sets each stage's stdin from the previous stage's output when that output is knowable. */
export function connect(stages: Extracted[][]): void {
  // `timeout 60 echo 'DROP …' | psql`: a pass-through wrapper prints what the command it runs prints.
  const seen = stages.map((stage) => stage.map((c) => passedThrough(c)));
  for (let i = 1; i < stages.length; i++) {
    const readers = seen[i].map((c) => ({ name: c.name, args: c.args }));
    for (const c of stages[i - 1]) c.pipedTo = readers;
    const writers = seen[i - 1].map((c) => ({ name: c.name, args: c.args }));
    for (const c of stages[i]) c.pipedFrom = writers;
    // `echo Z2l0IGdj | base64 -d | bash`: a decoder's output is known when what it reads is
    const prevSeen = seen[i - 1].length === 1 ? seen[i - 1][0] : undefined;
    const prevStdin = stages[i - 1].length === 1 ? stages[i - 1][0]!.stdin : undefined;
    const output = knownOutput(seen[i - 1]) ?? (prevSeen?.name !== undefined && prevStdin !== undefined && stages[i - 1][0]!.redirects.length === 0 ? decodedText(prevSeen.name, prevSeen.args, prevStdin) : undefined);
    const source = seen[i - 1].map((c) => c.name ?? '(computed)').join(' ');
    const prev = seen[i - 1].length === 1 ? seen[i - 1][0] : undefined;
    const listed = prev?.name === 'find' ? findMatches(prev.args) : prev?.name === 'ls' ? lsMatches(prev.args) : undefined;
    for (const cmd of stages[i]) {
      cmd.pipedIn = true;
      cmd.pipeSource = source;
      if (listed) cmd.pipedPaths = listed;
      else delete cmd.pipedPaths;
      if (output !== undefined) cmd.stdin = output;
      else delete cmd.stdin;
    }
  }
}

/** `ls scripts/*.sh`: with only patterns for operands (no folders to list the inside of), ls prints their matches. */
function lsMatches(args: readonly string[]): string[] | undefined {
  const ops = args.filter((a) => !a.startsWith('-'));
  if (ops.length === 0 || ops.length > 8 || args.some((a) => /^-[a-zA-Z]*[lRsi]/.test(a)) || !ops.every((a) => /[*?[]/.test(a) && !/[$`]/.test(a))) return undefined;
  return ops;
}

/**
 * What `find START… [-name P]` lists, as globs (every match under each start): what `| xargs cmd` hands to cmd.
 */
export function findMatches(args: readonly string[]): string[] {
  const starts: string[] = [];
  let k = 0;
  while (k < args.length && !/^[-(!]/.test(args[k])) starts.push(args[k++]);
  if (starts.length === 0) starts.push('.');
  return starts.slice(0, 8).map((start) => findMatch(start, findNamePattern(args, k, args.length)));
}

/**
 * The name test among find's words `from`..`to` that narrows its matches (the last one wins), or undefined for
 * every file: `! -name node_modules` / `-not -name x` selects everything else.
 */
export function findNamePattern(args: readonly string[], from: number, to: number): string | undefined {
  let pattern: string | undefined;
  for (let i = from; i < Math.min(to, args.length - 1); i++) {
    // A negated test (`-not -path './.venv/*'`) narrows what matches; it never widens the positive one before it
    if ((args[i] === '-name' || args[i] === '-iname' || args[i] === '-path') && args[i - 1] !== '!' && args[i - 1] !== '-not') pattern = args[i + 1];
  }
  return pattern;
}

/** What `{}` / -delete / a listed line stands for: every match under the start directory, written as a glob. */
export function findMatch(start: string, namePattern: string | undefined): string {
  if (!namePattern) return `${start.replace(/\/+$/, '')}/**`;
  if (namePattern.includes('/')) return namePattern;
  return `${start.replace(/\/+$/, '')}/**/${namePattern}`;
}

/** The text a stage writes to stdout when it is fixed in the command itself (echo, printf, cat <<EOF). */
export function knownOutput(stage: Extracted[]): string | undefined {
  if (stage.length !== 1) return undefined;
  const cmd = stage[0];
  // `x >/dev/null | sh`: whatever x prints goes to the file, and the pipe carries nothing (unless stderr is sent there).
  if (cmd.redirects.some(movesStdout)) return cmd.redirects.some((r) => r.op === '2>&' && r.target === '1') ? undefined : '';
  if (cmd.argDynamic.some(Boolean)) return undefined;
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
    const args = cmd.args[0] === '--' ? cmd.args.slice(1) : cmd.args;
    if (args.length === 0 || args[0] === '-v') return undefined;
    return printfOutput(args[0], args.slice(1));
  }
  if (cmd.name === 'cat' && cmd.args.length === 0 && cmd.stdin !== undefined) return cmd.stdin;
  // `: | tee f`, `cat /dev/null | tee f`: nothing comes out.
  if ((cmd.name === ':' || cmd.name === 'true' || cmd.name === 'false') && cmd.args.length === 0) return '';
  if (cmd.name === 'cat' && cmd.args.length > 0 && cmd.args.every((a) => a === '/dev/null')) return '';
  // Django's `sqlflush` prints the SQL of `flush`: a DELETE of every row of every table (piped into dbshell, it runs)
  const django = /^python[0-9.]*$/.test(cmd.name ?? '') ? cmd.args.slice(/manage\.py$/.test(cmd.args[0] ?? '') ? 1 : cmd.args.length) : /^(?:manage\.py|django-admin)$/.test(cmd.name ?? '') ? cmd.args : [];
  if (django.find((a) => !a.startsWith('-')) === 'sqlflush') return 'DELETE FROM "every table";\n';
  return undefined;
}

/** `> f`, `1>> f`, `&> f`, `>&2`: stdout goes elsewhere. `2>/dev/null` and `2>&1` leave it in the pipe. */
function movesStdout(r: { op: string; target: string }): boolean {
  const m = /^(\d*)(.*)$/.exec(r.op)!;
  if (!m[2].includes('>') || (m[1] !== '' && m[1] !== '1')) return false;
  // Writing to its own stdout (or a process substitution, walked on its own) is not moving it away from the pipe.
  return !/^(?:1|\/dev\/stdout|\/dev\/fd\/1|\/proc\/self\/fd\/1|>\(.*)$/s.test(r.target);
}

/** Past this much output, printf's text is not worth reading as a script (and a format loop stays bounded). */
const MAX_PRINTF_OUTPUT = 65_536;

/**
 * What `printf FORMAT ARGS…` prints: the format's backslash escapes decoded (`\x72`, `\162`, `\n`), each
 * conversion filled from the arguments (`%b` decodes escapes in its argument too), and the format reused while
 * arguments remain, as printf does. `printf '%b' 'r\x6d -rf x' | sh` runs what it prints.
 */
export function printfOutput(format: string, args: readonly string[]): string {
  let out = '';
  let k = 0;
  do {
    const start = k;
    out += format.replace(/%%|%[-+ #0]*(?:\d+|\*)?(?:\.(?:\d+|\*)?)?([a-zA-Z])|((?:\\.|[^%\\])+)|\\$/g, (m, conv: string | undefined, text: string | undefined) => {
      if (m === '%%') return '%';
      if (text !== undefined) return decodeAnsiC(text.replace(/\\c[\s\S]*$/, ''));
      if (conv === undefined) return m;
      const arg = args[k++] ?? '';
      if (conv === 'b') return decodeAnsiC(arg.replace(/\\0([0-7]{1,3})/g, '\\$1'));
      if (conv === 'q') return arg;
      if ('diouxXc'.includes(conv)) return conv === 'c' ? arg.slice(0, 1) : String(Number.parseInt(arg, 10) || 0);
      return arg;
    });
    // No argument used: the format is printed once.
    if (k === start) break;
  } while (k < args.length && out.length < MAX_PRINTF_OUTPUT);
  return out;
}
