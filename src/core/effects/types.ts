// What the effects analysis hands back to classify(): more to judge for one simple command. Everything here
// only adds: the command as written is always judged too, so no effect can hide a hit.
import type { WrittenContent } from './written';
import type { FsFacts } from '../facts';
import type { SimpleCommand } from '../rules/types';

/** A command line that will really run (a glob's expansion, a script's content), judged in full. */
export interface DerivedScript {
  text: string;
  /** Where it was found, for the verdict: `npm run clean`, `scripts/cleanup.sh`. */
  via: string;
  /** The directory it runs in, when not the command's own. */
  cwd?: string;
}

/** Code nobody can see into, or a shape that is risky whatever it turns out to be: at least `ask`. */
export interface DerivedFinding {
  rule: 'shell.unknown-code' | 'shell.too-complex';
  detail: string;
  text: string;
}

export interface Derived {
  scripts: DerivedScript[];
  /** Commands built directly (no shell text), e.g. a name that stays unknown. */
  commands: SimpleCommand[];
  findings: DerivedFinding[];
  /**
   * The command's brace expansion (one of `scripts`) is exactly what bash runs: no glob, nothing computed at run
   * time. It is judged instead of the words as written.
   */
  exact?: boolean;
}

export interface EffectsContext {
  cwd?: string;
  home?: string;
  facts?: FsFacts;
  /** Program names some rule acts on: what a globbed program name could be when the disk cannot say. */
  programNames: ReadonlySet<string>;
  /** `shopt -s dotglob` / `globstar` seen in the action. */
  dotglob: boolean;
  globstar: boolean;
  /** The workspace folders (files an agent may have written live here). */
  roots?: readonly string[];
  /** Files this action may still read (shared by everything it derives, however deep). */
  budget: { files: number };
  /** Files this action writes before this command runs (content, or undefined when unknown): see written.ts. */
  written?: ReadonlyMap<string, WrittenContent>;
  /**
   * The agent's whole command line, when the command is in it directly (not in a script it runs): what a file it
   * sources defines can be called from there.
   */
  line?: string;
  /** Secret files' content is never spliced into a command (it would end up in verdicts). */
  isProtectedPath?(path: string): boolean;
}

export function emptyDerived(): Derived {
  return { scripts: [], commands: [], findings: [] };
}
