// What a wrapper answers for one command: run it as it is, run the words from some index as a command,
// analyse a script text, or report code that cannot be seen. Shared by every wrapper table.
import type { Extracted } from './state';

export const SHELLS = ['sh', 'bash', 'zsh', 'dash', 'ksh', 'ash', 'mksh', 'yash', 'fish', 'rbash', 'tcsh', 'csh', 'nu', 'xonsh', 'elvish', 'oksh', 'posh'];

export type Step =
  | { exec: { args: string[]; dyn: boolean[] }; label: string; assignments?: Record<string, string>; doubt?: string }
  | { script: string; label: string }
  | { unknown: string }
  | { self: true };

export type Wrapper = (cmd: Extracted) => Step[];

export function rest(cmd: Extracted, from: number): { args: string[]; dyn: boolean[] } {
  return { args: cmd.args.slice(from), dyn: cmd.argDynamic.slice(from) };
}

export function execFrom(cmd: Extracted, from: number, label: string, assignments?: Record<string, string>): Step[] {
  if (from >= cmd.args.length) return [{ self: true }];
  const step: Step = { exec: rest(cmd, from), label };
  if (assignments && Object.keys(assignments).length > 0) step.assignments = assignments;
  return [step];
}

/** The whole value is one run-time expansion: `"$CMD"`, `$(curl …)`, `` `x` ``. */
export function isPureExpansion(word: string): boolean {
  const w = word.trim();
  return /^\$\{?[A-Za-z_@*0-9][A-Za-z0-9_]*\}?$/.test(w) || /^\$\([\s\S]*\)$/.test(w) || /^`[\s\S]*`$/.test(w) || /^<\([\s\S]*\)$/.test(w);
}

/** A program reading code from stdin: known text is analysed, a pipe from elsewhere is unknown code. */
export function stdinCode(cmd: Extracted, name: string, known: (s: string) => Step[]): Step[] {
  if (cmd.stdin !== undefined) return known(cmd.stdin);
  if (cmd.pipedIn) return [{ unknown: `${name} runs whatever ${cmd.pipeSource ?? 'the previous command'} outputs, which Airlock cannot see` }];
  return [{ self: true }];
}

