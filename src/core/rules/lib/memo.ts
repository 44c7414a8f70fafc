// classify() runs every rule over the same SimpleCommand object; several rules of a pack need the same
// derived data (runner views, the SQL findings, the HTTP request). Memoising per command object keeps
// the hot path to one computation per command. WeakMaps: nothing outlives the command, nothing is global state
// that could change a decision.
import type { RuleContext, SimpleCommand } from '../types';

export function memoByCommand<T>(fn: (cmd: SimpleCommand) => T): (cmd: SimpleCommand) => T {
  const cache = new WeakMap<SimpleCommand, { v: T }>();
  return (cmd) => {
    const hit = cache.get(cmd);
    if (hit) return hit.v;
    const v = fn(cmd);
    cache.set(cmd, { v });
    return v;
  };
}

/** Same, for results that also depend on the rule context (they read files through it). */
export function memoByCommandAndContext<T>(fn: (cmd: SimpleCommand, ctx: RuleContext) => T): (cmd: SimpleCommand, ctx: RuleContext) => T {
  const cache = new WeakMap<SimpleCommand, { ctx: RuleContext; v: T }>();
  return (cmd, ctx) => {
    const hit = cache.get(cmd);
    if (hit && hit.ctx === ctx) return hit.v;
    const v = fn(cmd, ctx);
    cache.set(cmd, { ctx, v });
    return v;
  };
}
