// Shared bookkeeping for one analysis: collected commands, findings, the optional trace, and the
// budgets that keep hostile input (deep nesting, huge fan-out) bounded.
import type { SimpleCommand } from '../rules/types';
import type { ShellFinding } from './types';

/** Nested scripts/wrappers (`bash -c "sudo bash -c '…'"`) deeper than this are not followed: ask instead. */
export const MAX_UNWRAP_DEPTH = 12;
/** Syntax tree nesting deeper than this is not walked (stack safety): ask instead. */
export const MAX_TREE_DEPTH = 200;
/** More simple commands than this in one action is not a command a person reviews: ask instead. */
export const MAX_COMMANDS = 5000;

/** A simple command plus how its stdin arrives, which only the analyzer needs. */
export interface Extracted extends SimpleCommand {
  /** stdin comes from a pipe (its content is `stdin` when knowable). */
  pipedIn?: boolean;
  /** Name of the command on the left of the pipe, for messages. */
  pipeSource?: string;
  /** Paths the left of the pipe lists, as globs, when it is `find START…` (`find ~/.aws -type f | xargs cat`). */
  pipedPaths?: string[];
  /** The previous stage's commands, whose output this one reads. */
  pipedFrom?: { name: string | undefined; args: string[] }[];
  /** The next stage's commands, which read this one's output. */
  pipedTo?: { name: string | undefined; args: string[] }[];
  /** Where the command is in the script text it was parsed from (parser path only). */
  span?: [number, number];
  /** The pipeline or redirected statement around it (parser path, for commands with expansions only). */
  context?: [number, number];
}

export class AnalysisState {
  readonly commands: Extracted[] = [];
  readonly findings: ShellFinding[] = [];
  readonly trace: string[] | undefined;
  readonly fastPath: boolean;
  private tooComplexReported = false;

  /** Whether code behind a literal `false`/`true` may be read as dead (see extract.ts deadBranches). */
  readonly deadCodeOk: boolean;

  constructor(trace: boolean, fastPath = true, deadCodeOk = false) {
    this.trace = trace ? [] : undefined;
    this.fastPath = fastPath;
    this.deadCodeOk = deadCodeOk;
  }

  note(line: string | (() => string)): void {
    if (this.trace) this.trace.push(typeof line === 'string' ? line : line());
  }

  add(cmd: Extracted): void {
    if (this.commands.length >= MAX_COMMANDS) {
      this.tooComplex(`more than ${MAX_COMMANDS} commands in one action`, cmd.text);
      return;
    }
    this.commands.push(cmd);
  }

  tooComplex(detail: string, text: string): void {
    if (this.tooComplexReported) return;
    this.tooComplexReported = true;
    this.findings.push({ rule: 'shell.too-complex', detail, text: clip(text) });
  }

  unknownCode(detail: string, text: string): void {
    this.findings.push({ rule: 'shell.unknown-code', detail, text: clip(text) });
  }

  parseError(detail: string, text: string): void {
    if (this.findings.some((f) => f.rule === 'shell.parse-error')) return;
    this.findings.push({ rule: 'shell.parse-error', detail, text: clip(text) });
  }
}

export function clip(text: string, max = 200): string {
  return text.length <= max ? text : `${text.slice(0, max)}…`;
}
