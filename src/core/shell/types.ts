// What the shell analyzer hands to classify(): the simple commands bash would run (wrappers peeled),
// plus findings about code it cannot see into. Findings are never dropped: each one maps to a
// `shell.*` rule that makes the verdict at least `ask` (fail closed).
import type { SimpleCommand } from '../rules/types';

export type ShellFindingRule = 'shell.unknown-code' | 'shell.too-complex' | 'shell.parse-error';

export interface ShellFinding {
  rule: ShellFindingRule;
  /** Why, in words a person understands (never a secret value: only command shape). */
  detail: string;
  /** The part of the command the finding is about. */
  text: string;
}

export interface ShellAnalysis {
  commands: SimpleCommand[];
  findings: ShellFinding[];
  /** Present only when requested (`explain`): parse tree and unwrapping steps, one line each. */
  trace?: string[];
}

export interface AnalyzeOptions {
  /** Collect a readable trace for `airlock explain`. Off on the hot path. */
  trace?: boolean;
  /** Tests turn the fast path off to prove it gives the parser's answer. */
  fastPath?: boolean;
  /** Judge code behind a literal `false` too (a script run by a line that redefines `true`/`false`). */
  keepDeadCode?: boolean;
}
