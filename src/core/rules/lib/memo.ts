// classify() runs every rule over the same SimpleCommand object; several rules of a pack need the same
// derived data (runner views, the SQL findings, the HTTP request). Memoising per command object keeps
// the hot path to one computation per command. classify() runs all rules on one command before the next,
// so remembering the last two (command, context) pairs is enough: a WeakMap entry per command made every
// young-generation GC trace ephemerons (~15% of classify time). Keys are compared by identity, so a value is
// never served for another command or context, and nothing grows: at most two entries until the next ones.
import type { RuleContext, SimpleCommand } from '../types';

/** The values of the last two (a, b) key pairs, by identity. */
export class RecentByIdentity<A extends object, B, V> {
  private a0: A | undefined;
  private b0: B | undefined;
  private v0: V | undefined;
  private a1: A | undefined;
  private b1: B | undefined;
  private v1: V | undefined;
  private next = 0;

  has(a: A, b: B): boolean {
    return (a === this.a0 && b === this.b0) || (a === this.a1 && b === this.b1);
  }

  /** Only meaningful after has(a, b) returned true (V may include undefined). */
  get(a: A, b: B): V | undefined {
    if (a === this.a0 && b === this.b0) return this.v0;
    if (a === this.a1 && b === this.b1) return this.v1;
    return undefined;
  }

  set(a: A, b: B, value: V): void {
    if (this.next === 0) {
      this.a0 = a;
      this.b0 = b;
      this.v0 = value;
    } else {
      this.a1 = a;
      this.b1 = b;
      this.v1 = value;
    }
    this.next ^= 1;
  }
}

export function memoByCommand<T>(fn: (cmd: SimpleCommand) => T): (cmd: SimpleCommand) => T {
  const cache = new RecentByIdentity<SimpleCommand, undefined, T>();
  return (cmd) => {
    if (cache.has(cmd, undefined)) return cache.get(cmd, undefined) as T;
    const v = fn(cmd);
    cache.set(cmd, undefined, v);
    return v;
  };
}

/** Same, for results that also depend on the rule context (they read files through it). */
export function memoByCommandAndContext<T>(fn: (cmd: SimpleCommand, ctx: RuleContext) => T): (cmd: SimpleCommand, ctx: RuleContext) => T {
  const cache = new RecentByIdentity<SimpleCommand, RuleContext, T>();
  return (cmd, ctx) => {
    if (cache.has(cmd, ctx)) return cache.get(cmd, ctx) as T;
    const v = fn(cmd, ctx);
    cache.set(cmd, ctx, v);
    return v;
  };
}
