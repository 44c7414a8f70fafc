// One rule over a few command-line tools, seen through runners (`npx`, `doppler run --`, `docker compose exec`):
// the shape the data-loss packs for backups, secret stores, object storage, code hosting, messaging and DNS share.
import { guessEnvironment } from '../../environment';
import type { PackId, RuleContext, RuleMatch, ShellRule, SimpleCommand } from '../types';
import { commandViews, onlyDescribes, type CommandView } from './runners';
import { positionals } from './words';

export interface CliRuleSpec {
  /** `<pack>.<name>` becomes the rule id. */
  pack: PackId;
  name: string;
  /** Program names (lower-cased basenames) the rule looks at. */
  clis: readonly string[];
  reason: string;
  severity?: ShellRule['severity'];
  /** Options whose value is the next word, so their values are not mistaken for sub-commands. */
  valued?: readonly string[];
  /** What would be lost when the command words (options removed) are destructive, else undefined. */
  /** `cmd` is the simple command the view came from (its stdin, assignments), for the few rules that read it. */
  test(words: string[], view: CommandView, rule: RuleContext, cmd: SimpleCommand): string | undefined;
  examples: ShellRule['examples'];
}

export function cliRule(spec: CliRuleSpec): ShellRule {
  const valued = new Set(spec.valued ?? []);
  const clis = new Set(spec.clis);
  return {
    id: `${spec.pack}.${spec.name}`,
    pack: spec.pack,
    kind: 'shell',
    // match() only looks at views named one of `clis`; classify() skips the rule for other commands
    viewNames: spec.clis,
    severity: spec.severity ?? 'high',
    reason: spec.reason,
    defaultDecision: 'ask',
    match(cmd, ctx): RuleMatch | undefined {
      for (const v of commandViews(cmd, ctx)) {
        if (!clis.has(v.name) || onlyDescribes(v)) continue;
        const words = positionals(v.args, valued);
        const target = spec.test(words, v, ctx, cmd);
        if (target !== undefined) return { target, environment: guessEnvironment([target, cmd.text]), detail: `${v.name} ${words.slice(0, 3).join(' ')}`.trim() };
      }
      return undefined;
    },
    examples: spec.examples,
  };
}

/** True when `words` starts with the given sub-command path, e.g. `kv destroy`. */
export function startsWith(words: readonly string[], ...path: string[]): boolean {
  return path.every((p, i) => words[i] === p);
}

/** Index of the first of `verbs` among the first `depth` words, or -1. */
export function verbIndex(words: readonly string[], verbs: ReadonlySet<string>, depth = 4): number {
  for (let i = 0; i < Math.min(words.length, depth); i++) if (verbs.has(words[i].toLowerCase())) return i;
  return -1;
}
