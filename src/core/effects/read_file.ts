// One bounded read of a file that a command will run (a script, a task runner's config), within the action's
// file budget, seen through what this same action wrote first. Shared by follow.ts and task_runners.ts.
import { normalizePath } from '../paths';
import type { Derived, EffectsContext } from './types';

export const SYSTEM_DIRS = /^\/(?:bin|sbin|usr|lib|lib32|lib64|libx32|opt|nix|snap|System|Library|Applications)\//;

export function pathCtx(ctx: EffectsContext): { cwd?: string; home?: string } {
  return { ...(ctx.cwd !== undefined ? { cwd: ctx.cwd } : {}), ...(ctx.home !== undefined ? { home: ctx.home } : {}) };
}

/**
 * A large file that is the user's own tool setup (`source ~/.nvm/nvm.sh`, `/usr/share/…`) is not read past the
 * bound and is no reason to stop the command. Anywhere else (the workspace, /tmp, …) an agent may have written
 * it to hide what it runs, so past the bound it asks.
 */
export function overBoundAsks(abs: string, ctx: EffectsContext): boolean {
  const roots = [...(ctx.cwd !== undefined ? [ctx.cwd] : []), ...(ctx.roots ?? [])];
  const under = (r: string): boolean => abs === r || abs.startsWith(r.endsWith('/') ? r : `${r}/`);
  if (roots.some(under)) return true;
  const home = ctx.home?.replace(/\/+$/, '');
  if (home !== undefined && abs.startsWith(`${home}/.`)) return false;
  return !SYSTEM_DIRS.test(abs);
}

/** Reads one workspace file within the action's budget; a file over the bound is reported (ask), not skipped silently. */
export function readFile(rel: string, ctx: EffectsContext, out: Derived, max: number, label: string): { abs: string; text: string } | undefined {
  const abs = normalizePath(rel, pathCtx(ctx));
  if (!abs.startsWith('/')) return undefined;
  // Written earlier in this same action: what runs is what was written, not what is on disk now.
  if (ctx.written?.has(abs)) {
    const text = ctx.written.get(abs);
    // A copy or link of a file on disk (`cp hook.sh .git/hooks/pre-commit`): what runs is that file.
    if (typeof text === 'object' && 'copyOf' in text) return text.copyOf === abs ? undefined : readFile(text.copyOf, { ...ctx, written: undefined }, out, max, label);
    if (typeof text === 'object') return undefined; // a copy of an installed program (see followScriptFile) or a plan file
    if (text === undefined) out.findings.push({ rule: 'shell.unknown-code', detail: `${label}: runs ${rel}, which this command writes with content Airlock cannot see`, text: rel });
    return text === undefined ? undefined : { abs, text };
  }
  const facts = ctx.facts;
  if (!facts) return undefined;
  const st = facts.stat(abs);
  if (!st) return undefined;
  if (ctx.budget.files <= 0) {
    out.findings.push({ rule: 'shell.too-complex', detail: `${label}: more scripts behind this command than Airlock follows`, text: rel });
    return undefined;
  }
  ctx.budget.files--;
  if (st.kind !== 'file') {
    if (st.kind !== 'dir') out.findings.push({ rule: 'shell.unknown-code', detail: `${label}: runs ${rel}, which is not a regular file`, text: rel });
    return undefined;
  }
  if (st.size > max) {
    if (overBoundAsks(abs, ctx)) out.findings.push({ rule: 'shell.too-complex', detail: `${label}: ${rel} is larger than the ${max / 1024} KB Airlock reads`, text: rel });
    return undefined;
  }
  const text = facts.readText(abs, max);
  if (text === undefined) {
    out.findings.push({ rule: 'shell.too-complex', detail: `${label}: ${rel} could not be read`, text: rel });
    return undefined;
  }
  return { abs, text };
}
