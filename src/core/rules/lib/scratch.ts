// Whether losing a path loses nothing. `isRegenerable` (core/paths) answers by name: build outputs, caches, and
// anything under a temp folder. A temp folder can hold somebody's work, though: a workspace opened from /tmp, or
// a HOME that sits under /tmp (sandboxes, CI). Inside those, only build outputs and caches are scratch, as
// anywhere else.
import { isRegenerable, normalizePath } from '../../paths';

/** A real temp folder's path (variables such as $TMPDIR already expanded). */
export const TEMP_PATH = /^(?:\/tmp|\/var\/tmp|\/private\/tmp|\/private\/var\/folders|\/var\/folders)(?:\/|$)/i;

export function isScratch(path: string, ctx: { workspaceRoots: readonly string[]; home?: string }): boolean {
  if (!isRegenerable(path)) return false;
  if (!TEMP_PATH.test(path)) return true;
  const roots = [...ctx.workspaceRoots, ...(ctx.home !== undefined ? [ctx.home] : [])].map((r) => normalizePath(r)).filter((r) => r.length > 1);
  for (const root of roots) {
    if (path === root) return false;
    if (path.startsWith(`${root}/`)) return isRegenerable(path.slice(root.length + 1));
  }
  return true;
}
