// The kill switch as a file: while ~/.airlock/lockdown.json exists, every hook answer is
// "block", for every window and even with no editor running. The hook checks it before
// anything else, so lockdown needs no socket and no policy. It persists until released.
import * as fs from 'node:fs';
import { ensurePrivateDir, statePaths, writeFileAtomic } from './state_dir';

export interface LockdownState {
  engagedAt: number;
  by: string;
  reason?: string;
}

export function engageLockdown(by: string, reason?: string, root?: string): LockdownState {
  const p = statePaths(root);
  ensurePrivateDir(p.root);
  const state: LockdownState = { engagedAt: Date.now(), by, ...(reason ? { reason } : {}) };
  writeFileAtomic(p.lockdown, `${JSON.stringify(state)}\n`);
  return state;
}

export function releaseLockdown(root?: string): void {
  fs.rmSync(statePaths(root).lockdown, { force: true });
}

/** Any file at the flag path counts, even an unreadable or empty one: in doubt, stay locked. */
export function isLockdownEngaged(root?: string): boolean {
  return fs.existsSync(statePaths(root).lockdown);
}

export function lockdownState(root?: string): LockdownState | undefined {
  try {
    return JSON.parse(fs.readFileSync(statePaths(root).lockdown, 'utf8')) as LockdownState;
  } catch {
    return isLockdownEngaged(root) ? { engagedAt: 0, by: 'unknown' } : undefined;
  }
}
