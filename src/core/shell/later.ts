// Shell features that run code later, judged now: aliases (`alias x='rm -rf src'; x`), `trap 'cmd' EXIT`,
// `PROMPT_COMMAND=`, prompt strings, `BASH_ENV=`/`ENV=` as prefix assignments, and calls of functions
// defined in the same line (the body is judged with the call's arguments as $1, $2, …).
import type { Extracted } from './state';
import { LATER_VARS, laterStep, UNKNOWN, type Alt } from './values';

export type Later = { script: string; label: string; positional?: Alt[]; fn?: string } | { unknown: string };

/** Aliases seen so far in one script, in the order its commands run. */
export class Aliases {
  private readonly map = new Map<string, string>();

  /** Steps for `cmd`: what an alias, trap or prefix assignment it holds would run. */
  stepsFor(cmd: Extracted): Later[] {
    const out: Later[] = [];
    for (const [k, v] of Object.entries(cmd.assignments)) if (LATER_VARS.has(k)) out.push(laterStep(k, v));
    const name = cmd.name;
    if (name === undefined) return out;
    if (name === 'alias') {
      cmd.args.forEach((a, i) => {
        const eq = a.indexOf('=');
        if (eq <= 0) return;
        if (cmd.argDynamic[i]) out.push({ unknown: `alias ${a.slice(0, eq)} is defined from a value computed at run time` });
        else this.map.set(a.slice(0, eq), a.slice(eq + 1));
      });
      return out;
    }
    if (name === 'unalias') return out;
    if (name === 'trap') {
      let k = 0;
      if (cmd.args[0] === '--') k = 1;
      const action = cmd.args[k];
      if (action === undefined || /^-[lp]$/.test(action) || action === '-' || k + 1 >= cmd.args.length) return out;
      if (cmd.argDynamic[k]) out.push({ unknown: `trap runs a command computed at run time (${action})` });
      else if (action.trim() !== '') out.push({ script: action, label: 'trap' });
      return out;
    }
    const alias = this.map.get(name);
    if (alias !== undefined && !cmd.via.includes(`alias ${name}`)) {
      const args = cmd.args.map((a, i) => (cmd.argDynamic[i] ? a : `'${a.replace(/'/g, `'\\''`)}'`));
      out.push({ script: [alias, ...args].join(' '), label: `alias ${name}` });
    }
    return out;
  }
}

/** The call's arguments as the function sees them in $1, $2, …: unknown where computed at run time. */
export function callArguments(cmd: Extracted): Alt[] {
  return cmd.args.map((a, i) => (cmd.argDynamic[i] ? UNKNOWN : a));
}
