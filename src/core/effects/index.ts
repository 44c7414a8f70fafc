// Effects: what a simple command will really run or touch, found at decision time through the injected
// file-system facts (globs, `$(<file)`, the script behind `npm run x`) and by reading inline interpreter
// code. classify() judges everything derived here in addition to the command as written.
import type { SimpleCommand } from '../rules/types';
import { expansionsOf } from './expand';
import { followsOf } from './follow';
import { interpreterEffects } from './interpreters';
import { substitutionsOf } from './substitution';
import { type Derived, type EffectsContext, emptyDerived } from './types';

export type { Derived, DerivedFinding, DerivedScript, EffectsContext } from './types';

/** Shell options set anywhere in the action that change how globs expand. */
export function globOptions(command: string): { dotglob: boolean; globstar: boolean } {
  if (!command.includes('shopt')) return { dotglob: false, globstar: false };
  return { dotglob: /\bshopt\b[^;&|\n]*-s\b[^;&|\n]*\bdotglob\b/.test(command), globstar: /\bshopt\b[^;&|\n]*-s\b[^;&|\n]*\bglobstar\b/.test(command) };
}

/** Everything one command derives; undefined when it derives nothing (the common case, kept cheap). */
export function deriveEffects(cmd: SimpleCommand, ctx: EffectsContext): Derived | undefined {
  const out = emptyDerived();
  expansionsOf(cmd, ctx, out);
  substitutionsOf(cmd, ctx, out);
  followsOf(cmd, ctx, out);
  interpreterEffects(cmd, out);
  return out.scripts.length === 0 && out.commands.length === 0 && out.findings.length === 0 ? undefined : out;
}
