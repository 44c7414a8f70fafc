// On start, the editor takes what the hook recorded while no editor answered (gate/offline_log.ts)
// into its audit log and the Activity view, once: the files are taken away before reading, and the
// hashes already imported are remembered in global state in case a crash interrupts the import.
// Edited or missing records are not dropped quietly: an alert entry and a warning name them.
import type * as vscode from 'vscode';
import type { AgentAction } from '../core/action';
import type { AuditLog } from '../gate/audit';
import type { GateEvent, GateListener } from '../gate/contract';
import { readOfflineText, takeOfflineLogs, type OfflineLine } from '../gate/offline_log';

const SEEN_KEY = 'airlock.offlineImported';
const SEEN_MAX = 5000;

export interface OfflineImportDeps {
  root: string;
  audit: AuditLog;
  listener: GateListener;
  state: vscode.Memento;
  warn(message: string): void;
}

export function offlineEvent(line: OfflineLine): GateEvent {
  const ignoredGate = line.type === 'ignored-gate';
  const action: AgentAction = line.action ?? { kind: 'prompt', text: line.reason };
  const decision = ignoredGate ? 'deny' : (line.decision ?? 'deny');
  return {
    id: `offline-${line.hash.slice(0, 16)}`,
    time: line.t,
    agent: line.agent,
    phase: 'pre',
    action,
    verdict: { decision, rules: ignoredGate ? ['airlock.untrusted-gate'] : (line.rules ?? []), reason: line.reason, severity: decision === 'allow' ? 'none' : 'high', environment: 'unknown' },
    outcome: ignoredGate ? 'observed' : decision === 'allow' ? 'allowed' : 'blocked',
    decidedBy: 'offline',
  };
}

/** Returns how many records were imported. */
export async function importOfflineDecisions(d: OfflineImportDeps): Promise<number> {
  const taken = takeOfflineLogs(d.root);
  if (taken.texts.length === 0) {
    taken.done();
    return 0;
  }
  const { lines, problems } = readOfflineText(taken.texts);
  const seen = new Set(d.state.get<string[]>(SEEN_KEY) ?? []);
  const fresh = lines.filter((l) => !seen.has(l.hash));
  for (const line of fresh) d.listener.onEvent(offlineEvent(line));
  if (fresh.length || problems.length) await d.audit.append('note', { offlineImport: fresh.length, problems }).catch(() => undefined);
  if (problems.length) {
    await d.audit.append('alert', { offlineLogTampered: true, problems }).catch(() => undefined);
    d.warn(`The hook's offline log was changed while the editor was closed: ${problems.slice(0, 3).join('; ')}.`);
  }
  await d.audit.flush().catch(() => undefined);
  await d.state.update(SEEN_KEY, [...seen, ...fresh.map((l) => l.hash)].slice(-SEEN_MAX));
  taken.done();
  return fresh.length;
}
