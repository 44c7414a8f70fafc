// A variable nothing in the action sets is, most of the time, unset in the agent's shell, and bash expands it to
// nothing: `cat $X.env` reads `.env`, and so does `cat .e${X}nv`. So a word that mixes unknown variables with
// literal text is also judged with those variables empty. A variable that starts a path (`"$DIR"/.env`) names some
// folder; unset it would put the path at the root, which is seldom the point, so the rest of the path is judged
// where the command runs (`.env`). The agent may have the variables set, so this reading is in doubt (`doubt`):
// its hits ask, never deny. A word that is only a variable (`cat "$FILE"`) says nothing about its target and is
// left as written; variables that a shell or the system sets for every process (`$HOME`, `$PWD`, `$TMPDIR`…) are
// kept, as their empty reading is not what runs.
import type { Extracted } from './state';

/** `$NAME` or `${NAME}`: a plain expansion with no operator, so its value is the variable's value. */
const PLAIN_EXPANSION = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g;
/** A variable that starts the word and is followed by a slash: `$DIR/…`, `${DIR}/…`. */
const LEADING_FOLDER = /^(?:\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*))\/+(?=[^/])/;
/** Anything else that stays unknown (`$(…)`, backticks, `${X:-…}`, `$1`, `$@`): the word is not read here. */
const OTHER_DYNAMIC = /`|\$\(|\$\{(?![A-Za-z_][A-Za-z0-9_]*\})|\$[0-9@*#?$!-]/;
/**
 * Set for every process, by the shell or the system, or by the toolchains agents run in: empty is not their value.
 * TMPDIR and the XDG folders are often unset, but a command aiming at them means the temp or config folder.
 */
const USUALLY_SET = new Set([
  'HOME', 'PWD', 'OLDPWD', 'USER', 'LOGNAME', 'PATH', 'SHELL', 'HOSTNAME', 'HOSTTYPE', 'TERM', 'LANG', 'UID', 'EUID', 'PPID', 'RANDOM', 'SECONDS', 'BASHPID',
  'TMPDIR', 'TMP', 'TEMP', 'XDG_RUNTIME_DIR', 'XDG_CONFIG_HOME', 'XDG_CACHE_HOME', 'XDG_DATA_HOME', 'XDG_STATE_HOME',
  'GOPATH', 'GOROOT', 'JAVA_HOME', 'CARGO_HOME', 'RUSTUP_HOME', 'NVM_DIR', 'VIRTUAL_ENV', 'CONDA_PREFIX', 'PYENV_ROOT',
  'GITHUB_WORKSPACE', 'RUNNER_TEMP', 'CI_PROJECT_DIR', 'WORKSPACE', 'BASH_SOURCE', 'FUNCNAME', 'LINENO',
]);

/** The word with its unset variables read as empty, or undefined when that reading does not apply to it. */
function emptied(written: string): string | undefined {
  let word = written;
  if (OTHER_DYNAMIC.test(word)) return undefined;
  let touched = false;
  // `$DIR/node_modules`, `"$X"/.env`: unset, this is a path at the root (`/node_modules`), which is seldom what the
  // command is about; the variable names some folder, so the rest is judged as a path in the folder it runs in.
  const lead = LEADING_FOLDER.exec(word);
  if (lead && !USUALLY_SET.has(lead[1] ?? lead[2]!)) {
    word = word.slice(lead[0].length);
    touched = true;
  }
  const out = word.replace(PLAIN_EXPANSION, (m, braced: string | undefined, bare: string | undefined, at: number) => {
    if (USUALLY_SET.has(braced ?? bare!)) return m;
    touched = true;
    // `~/.ssh/$k`, `~/.aws/${f}`: a variable that is the last name of a path stands for some entry of that folder
    // (a loop over its listing, a name read from input): every entry is what it may read.
    return at > 0 && word[at - 1] === '/' && at + m.length === word.length ? '*' : '';
  });
  // Only literal text says where the word points; `$X$Y` empty is nothing at all.
  if (!touched || out.replace(PLAIN_EXPANSION, '') === '' || out === written) return undefined;
  return out;
}

/** `cmd` with every word that mixes unknown variables and literal text read with those variables empty. */
export function unsetReading(cmd: Extracted): Extracted | undefined {
  if (cmd.name === undefined || cmd.name === 'cd' || cmd.name === 'export' || cmd.name === 'declare' || cmd.name === 'local') return undefined;
  if (!cmd.argDynamic.some(Boolean)) return undefined;
  let args: string[] | undefined;
  let dyn: boolean[] | undefined;
  const changed: string[] = [];
  for (let i = 0; i < cmd.args.length; i++) {
    if (!cmd.argDynamic[i]) continue;
    const e = emptied(cmd.args[i]);
    if (e === undefined) continue;
    args ??= [...cmd.args];
    dyn ??= [...cmd.argDynamic];
    args[i] = e;
    // `${X}$HOME/.ssh/id_rsa` keeps `$HOME`, which the rules read as the home folder.
    dyn[i] = e.includes('$');
    changed.push(`${cmd.args[i]} as ${e}`);
  }
  if (!args || !dyn) return undefined;
  const doubt = `read with the variables that nothing here sets as unset, which bash expands to nothing (${changed.slice(0, 2).join(', ')})`;
  return { ...cmd, args, argDynamic: dyn, via: [...cmd.via, 'unset variables'], doubt: cmd.doubt !== undefined ? `${cmd.doubt}; ${doubt}` : doubt };
}
