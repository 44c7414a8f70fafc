// The last resolved policy the extension wrote, for the hook to decide from when no editor
// answers. An agent runs as the same user and could rewrite this file, so the hook only lets
// it tighten: the offline answer is the stricter of the built-in defaults and this policy.
// A file it cannot read or parse simply means "built-in defaults".
import * as fs from 'node:fs';
import { ensurePrivateDir, statePaths, writeFileAtomic } from './state_dir';

export interface PolicySnapshot {
  v: 1;
  writtenAt: number;
  /** The resolved policy object, as core/policy produced it. */
  policy: unknown;
}

export function writePolicySnapshot(policy: unknown, root?: string): void {
  const p = statePaths(root);
  ensurePrivateDir(p.root);
  const snap: PolicySnapshot = { v: 1, writtenAt: Date.now(), policy };
  writeFileAtomic(p.policy, `${JSON.stringify(snap)}\n`);
}

export function readPolicySnapshot(root?: string): PolicySnapshot | undefined {
  try {
    const snap = JSON.parse(fs.readFileSync(statePaths(root).policy, 'utf8')) as PolicySnapshot;
    return snap && snap.v === 1 && typeof snap.writtenAt === 'number' ? snap : undefined;
  } catch {
    return undefined;
  }
}
