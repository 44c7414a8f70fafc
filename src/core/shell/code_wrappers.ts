// Programs whose own language runs shell commands, deletes or reads files: Tcl (tclsh, wish, expect), the line
// editors' `!` (ed, ex), Emacs Lisp given to `emacs --eval`, and the database shells' escapes (psql `\!`, sqlite3
// `.shell`/`.system`, mysql `system`/`\!`). What that code does is turned into shell text judged like any other
// command (`file delete -force src` is `rm -rf src`); code that builds a command at run time is unknown code.
// The scanners are also used for such code in files (effects/follow.ts: `tclsh x.tcl`, `psql -f x.sql`).
import { stdinCode, type Step, type Wrapper } from './steps';
import { quoteWord } from './argv';

/** Past this many commands from one program's code, stop collecting (the rest asks as too complex). */
const MAX_CODE_COMMANDS = 64;


/** What one scan found: shell lines to judge, and code whose command is built at run time. */
export interface CodeRuns {
  shell: string[];
  unknown: string[];
}

// ---- Tcl ------------------------------------------------------------------------------------------------

interface TclWord {
  text: string;
  dynamic: boolean;
}

/** The words of one Tcl command from `i`, up to a newline, `;` or the `]` closing its bracket. */
function tclWords(code: string, i: number): TclWord[] {
  const words: TclWord[] = [];
  const n = code.length;
  while (i < n && words.length < 256) {
    while (i < n && (code[i] === ' ' || code[i] === '\t' || (code[i] === '\\' && code[i + 1] === '\n'))) i += code[i] === '\\' ? 2 : 1;
    if (i >= n || code[i] === '\n' || code[i] === ';' || code[i] === ']') break;
    if (code[i] === '{') {
      let depth = 0;
      let j = i;
      for (; j < n; j++) {
        if (code[j] === '{') depth++;
        else if (code[j] === '}' && --depth === 0) break;
      }
      words.push({ text: code.slice(i + 1, j), dynamic: false });
      i = j + 1;
    } else if (code[i] === '"') {
      let j = i + 1;
      let text = '';
      let dynamic = false;
      for (; j < n && code[j] !== '"'; j++) {
        if (code[j] === '\\' && j + 1 < n) text += code[++j] === 'n' ? '\n' : code[j];
        else {
          if (code[j] === '$' || code[j] === '[') dynamic = true;
          text += code[j];
        }
      }
      words.push({ text, dynamic });
      i = j + 1;
    } else {
      let j = i;
      let depth = 0;
      for (; j < n; j++) {
        const c = code[j];
        if (c === '[') depth++;
        else if (c === ']') {
          if (depth === 0) break;
          depth--;
        } else if (depth === 0 && (c === ' ' || c === '\t' || c === '\n' || c === ';')) break;
      }
      const text = code.slice(i, j);
      words.push({ text, dynamic: /[$[]/.test(text) });
      i = j;
    }
  }
  return words;
}

const TCL_CMD = /(?:^|[\s;[{])(exec|spawn|open|file\s+delete|source|eval|uplevel)(?=[ \t])/g;
const REDIRECT = /^(?:\||\|&|>|>>|<|<<|2>|2>>|>&|>>&|2>@1|&)$/;

/** What Tcl code runs (`exec`, `open "|cmd"`, expect's `spawn`), deletes (`file delete`) and reads (`open FILE`). */
export function tclRuns(code: string): CodeRuns {
  const out: CodeRuns = { shell: [], unknown: [] };
  for (const m of code.matchAll(TCL_CMD)) {
    if (out.shell.length + out.unknown.length >= MAX_CODE_COMMANDS) break;
    const verb = m[1].replace(/\s+/, ' ');
    const words = tclWords(code, (m.index ?? 0) + m[0].length);
    if (verb === 'exec' || verb === 'spawn') {
      let k = 0;
      while (k < words.length && /^-(?:ignorestderr|keepnewline|noecho|console|nottycopy|nottyinit|pty|open|leaveopen|ignore|-)$/.test(words[k].text)) k++;
      const rest = words.slice(k);
      if (rest.length === 0) continue;
      if (rest[0].dynamic) out.unknown.push(`Tcl ${verb} of a program named at run time (${rest[0].text.slice(0, 60)})`);
      else out.shell.push(rest.map((w) => (w.dynamic ? '"$TCL_VALUE"' : REDIRECT.test(w.text) ? w.text : quoteWord(w.text))).join(' '));
    } else if (verb === 'file delete') {
      let k = 0;
      let force = false;
      for (; k < words.length && words[k].text.startsWith('-'); k++) {
        if (words[k].text === '-force') force = true;
        if (words[k].text === '--') {
          k++;
          break;
        }
      }
      const paths = words.slice(k).map((w) => (w.dynamic ? '"$TCL_VALUE"' : quoteWord(w.text)));
      if (paths.length > 0) out.shell.push(`rm ${force ? '-rf ' : ''}-- ${paths.join(' ')}`);
    } else if (verb === 'open') {
      const f = words[0];
      if (f === undefined) continue;
      if (f.text.startsWith('|')) {
        if (f.dynamic) out.unknown.push('Tcl opens a pipe to a command built at run time');
        else out.shell.push(f.text.slice(1));
      } else if (!f.dynamic) out.shell.push(`cat -- ${quoteWord(f.text)}`);
    } else if (verb === 'source') {
      const f = words[0];
      if (f !== undefined && f.dynamic) out.unknown.push('Tcl sources a file named at run time');
    } else if (words.some((w) => w.dynamic)) {
      out.unknown.push(`Tcl ${verb} runs code built at run time`);
    } else {
      const inner = tclRuns(words.map((w) => w.text).join(' '));
      out.shell.push(...inner.shell);
      out.unknown.push(...inner.unknown);
    }
  }
  return out;
}

function toSteps(runs: CodeRuns, label: string): Step[] {
  const steps: Step[] = runs.shell.map((s) => ({ script: s, label }));
  for (const u of runs.unknown.slice(0, 4)) steps.push({ unknown: `${label}: ${u}` });
  return steps.slice(0, MAX_CODE_COMMANDS);
}

/** tclsh/wish (code on stdin or `-c` for expect) and expect (`-c CODE`, stdin). Script files: effects/follow.ts. */
const tcl: Wrapper = (cmd) => {
  const name = cmd.name ?? 'tclsh';
  const steps: Step[] = [{ self: true }];
  const codes: string[] = [];
  for (let k = 0; k < cmd.args.length; k++) {
    const a = cmd.args[k];
    if (name === 'expect' && a === '-c' && k + 1 < cmd.args.length) codes.push(cmd.args[++k]);
    else if (name === 'expect' && /^-c./.test(a)) codes.push(a.slice(2));
  }
  for (const c of codes) steps.push(...toSteps(tclRuns(c), `${name} -c`));
  const operand = cmd.args.find((a, k) => !a.startsWith('-') && !(k > 0 && cmd.args[k - 1] === '-c'));
  if (operand === undefined || operand === '-') {
    steps.push(...stdinCode(cmd, name, (s) => toSteps(tclRuns(s), `${name} stdin`)).filter((s) => !('self' in s)));
  }
  return steps;
};

// ---- ed / ex ---------------------------------------------------------------------------------------------

/** ed commands that run a shell command: `!cmd`, `r !cmd`, `w !cmd`, `e !cmd` (with an optional address). */
const ED_BANG = /^\s*(?:[0-9.,$;'a-z+-]*\s*[rweE]?\s*)!(.*)$/;

export function edRuns(script: string): CodeRuns {
  const out: CodeRuns = { shell: [], unknown: [] };
  for (const line of script.split('\n').slice(0, 10_000)) {
    const m = ED_BANG.exec(line);
    if (m && m[1].trim() !== '') out.shell.push(m[1]);
    if (out.shell.length >= MAX_CODE_COMMANDS) break;
  }
  return out;
}

/** `ed FILE <<< '!cmd'`, `ed -s < script`: ed reads its commands on stdin. */
const ed: Wrapper = (cmd) => [{ self: true }, ...stdinCode(cmd, cmd.name ?? 'ed', (s) => toSteps(edRuns(s), `${cmd.name ?? 'ed'} !`)).filter((s) => !('self' in s))];

// ---- Emacs Lisp ------------------------------------------------------------------------------------------

const LISP_STRING = '"((?:[^"\\\\]|\\\\.)*)"';
const EL_DELETE_DIR = new RegExp(`\\(\\s*delete-directory\\s+${LISP_STRING}(\\s+[^\\s)]+)?`, 'g');
const EL_DELETE_FILE = new RegExp(`\\(\\s*(?:delete-file|move-file-to-trash)\\s+${LISP_STRING}`, 'g');
const EL_SHELL = new RegExp(`\\(\\s*(?:shell-command|shell-command-to-string|async-shell-command|compile)\\s+${LISP_STRING}`, 'g');
const EL_PROCESS = /\(\s*(call-process|process-lines|start-process|make-process|call-process-shell-command|start-process-shell-command)\b([^()]*)/g;
const EL_READ = new RegExp(`\\(\\s*(?:insert-file-contents(?:-literally)?|find-file(?:-noselect)?|view-file)\\s+${LISP_STRING}`, 'g');
const EL_COMPUTED = /\(\s*(?:shell-command|shell-command-to-string|async-shell-command|call-process|process-lines|start-process|make-process|delete-directory|delete-file|call-process-shell-command|start-process-shell-command|eval)\s+[^"\s]/;

function lispStrings(s: string): string[] {
  return [...s.matchAll(new RegExp(LISP_STRING, 'g'))].map((m) => m[1].replace(/\\(.)/g, '$1'));
}

export function elispRuns(code: string): CodeRuns {
  const out: CodeRuns = { shell: [], unknown: [] };
  const str = (s: string): string => s.replace(/\\(.)/g, '$1');
  for (const m of code.matchAll(EL_DELETE_DIR)) out.shell.push(`rm ${m[2] !== undefined && m[2].trim() !== 'nil' ? '-rf ' : ''}-- ${quoteWord(str(m[1]))}`);
  for (const m of code.matchAll(EL_DELETE_FILE)) out.shell.push(`rm -- ${quoteWord(str(m[1]))}`);
  for (const m of code.matchAll(EL_SHELL)) out.shell.push(str(m[1]));
  for (const m of code.matchAll(EL_READ)) out.shell.push(`cat -- ${quoteWord(str(m[1]))}`);
  for (const m of code.matchAll(EL_PROCESS)) {
    const strings = lispStrings(m[2]);
    if (m[1].endsWith('shell-command')) {
      const s = m[1] === 'call-process-shell-command' ? strings[0] : strings[2];
      if (s !== undefined) out.shell.push(s);
      continue;
    }
    // (call-process PROGRAM INFILE DEST DISPLAY ARGS…), (process-lines PROGRAM ARGS…), (start-process NAME BUFFER PROGRAM ARGS…)
    const words = m[1] === 'start-process' ? strings.slice(strings.length >= 3 ? 1 : 0) : strings;
    const prog = m[1] === 'start-process' && strings.length >= 2 ? strings[strings.length >= 3 ? 1 : 0] : words[0];
    if (m[1] === 'make-process') {
      out.unknown.push('emacs make-process runs a command');
      continue;
    }
    if (prog === undefined) continue;
    const args = m[1] === 'start-process' ? strings.slice(strings.indexOf(prog) + 1) : strings.slice(1);
    out.shell.push([prog, ...args].map(quoteWord).join(' '));
  }
  if (EL_COMPUTED.test(code)) out.unknown.push('Emacs Lisp runs, deletes or evaluates something it builds at run time');
  out.shell.splice(MAX_CODE_COMMANDS);
  return out;
}

/** `emacs --batch --eval '(…)'` (also `-eval`, `--eval=…`, `-x`/`--execute`). Files (`-l`, `--script`): followed as data only. */
const emacs: Wrapper = (cmd) => {
  const steps: Step[] = [{ self: true }];
  for (let k = 0; k < cmd.args.length; k++) {
    const a = cmd.args[k];
    let code: string | undefined;
    if ((a === '--eval' || a === '-eval' || a === '--execute' || a === '-execute') && k + 1 < cmd.args.length) code = cmd.args[++k];
    else if (a.startsWith('--eval=') || a.startsWith('--execute=')) code = a.slice(a.indexOf('=') + 1);
    if (code !== undefined) steps.push(...toSteps(elispRuns(code), 'emacs --eval'));
  }
  return steps;
};

// ---- database shells -------------------------------------------------------------------------------------

/** psql: `\! cmd`, `\o |cmd`, `\g |cmd`, `\w |cmd`. mysql: `system cmd`, `\! cmd`. sqlite3: `.shell`, `.system`, `.output|.once |cmd`. */
export function dbShellRuns(kind: 'psql' | 'mysql' | 'sqlite3', text: string): CodeRuns {
  const out: CodeRuns = { shell: [], unknown: [] };
  const re =
    kind === 'psql'
      ? /\\!\s*(.*)$|\\(?:o|out|g|gx|w|write)\s*\|\s*(.*)$/gm
      : kind === 'mysql'
        ? /(?:^|;)\s*(?:system|\\!)\s+(.*)$/gm
        : /(?:^|;)\s*\.(?:shell|system)\s+(.*)$|(?:^|;)\s*\.(?:output|once)\s+(?:-[a-z]+\s+)*['"]?\|\s*(.*?)['"]?\s*$/gm;
  for (const m of text.matchAll(re)) {
    const s = (m[1] ?? m[2] ?? '').trim();
    if (s !== '') out.shell.push(s);
    if (out.shell.length >= MAX_CODE_COMMANDS) break;
  }
  return out;
}

function dbWrapper(kind: 'psql' | 'mysql' | 'sqlite3'): Wrapper {
  return (cmd) => {
    const label = kind === 'sqlite3' ? 'sqlite3 .shell' : `${kind} \\!`;
    const steps: Step[] = [{ self: true }];
    const texts: string[] = [];
    if (kind === 'psql') {
      for (let k = 0; k < cmd.args.length; k++) {
        const a = cmd.args[k];
        if ((a === '-c' || a === '--command') && k + 1 < cmd.args.length) texts.push(cmd.args[++k]);
        else if (a.startsWith('--command=')) texts.push(a.slice(10));
        else if (/^-c./.test(a)) texts.push(a.slice(2));
      }
    } else if (kind === 'mysql') {
      for (let k = 0; k < cmd.args.length; k++) {
        const a = cmd.args[k];
        if ((a === '-e' || a === '--execute') && k + 1 < cmd.args.length) texts.push(cmd.args[++k]);
        else if (a.startsWith('--execute=')) texts.push(a.slice(10));
        else if (/^-e./.test(a)) texts.push(a.slice(2));
      }
    } else {
      // sqlite3 [OPTIONS] FILENAME [SQL|.cmd …]; -cmd COMMAND runs first
      const valued = ['-cmd', '-init', '-separator', '-newline', '-nullvalue', '-vfs', '-maxsize', '-pagecache', '-lookaside', '-heap', '-mmap', '--cmd', '--init', '--separator', '--newline', '--nullvalue', '--vfs'];
      let k = 0;
      for (; k < cmd.args.length; k++) {
        const a = cmd.args[k];
        if (a === '--') {
          k++;
          break;
        }
        if (!a.startsWith('-')) break;
        if (valued.includes(a)) {
          if (a.endsWith('cmd')) texts.push(cmd.args[k + 1] ?? '');
          k++;
        }
      }
      texts.push(...cmd.args.slice(k + 1));
    }
    for (const t of texts) steps.push(...toSteps(dbShellRuns(kind, t), label));
    if (cmd.stdin !== undefined) steps.push(...toSteps(dbShellRuns(kind, cmd.stdin), label));
    return steps;
  };
}

export const CODE_WRAPPERS: Record<string, Wrapper> = {
  tclsh: tcl,
  wish: tcl,
  expect: tcl,
  jimsh: tcl,
  ed,
  red: ed,
  emacs,
  psql: dbWrapper('psql'),
  mysql: dbWrapper('mysql'),
  mariadb: dbWrapper('mysql'),
  sqlite3: dbWrapper('sqlite3'),
  sqlite: dbWrapper('sqlite3'),
};
