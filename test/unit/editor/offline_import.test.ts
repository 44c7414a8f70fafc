import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AuditLog } from '../../../src/gate/audit';
import type { GateEvent } from '../../../src/gate/contract';
import { appendOffline, type OfflineRecord } from '../../../src/gate/offline_log';
import { statePaths } from '../../../src/gate/state_dir';
import { importOfflineDecisions } from '../../../src/editor/offlineImport';

function memento() {
  const m = new Map<string, unknown>();
  return { keys: () => [...m.keys()], get: <T>(k: string, d?: T) => (m.has(k) ? (m.get(k) as T) : d), update: async (k: string, v: unknown) => void m.set(k, v) };
}

const rec = (command: string, decision: 'allow' | 'deny', type: OfflineRecord['type'] = 'decision'): OfflineRecord => ({ t: Date.now(), type, agent: 'claude', event: 'PreToolUse', action: { kind: 'shell', command }, decision, rules: decision === 'deny' ? ['fs.recursive-delete'] : [], reason: 'r' });

test('offline decisions are imported into the Activity view and the audit log once, and the files are gone after', async () => {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'aloffimp-'));
  const root = path.join(base, 'state');
  appendOffline(root, [rec('git status', 'allow'), rec('rm -rf src', 'deny')]);
  appendOffline(root, [{ t: Date.now(), type: 'ignored-gate', agent: 'claude', event: 'PreToolUse', reason: 'Ignored a registered Airlock window that is not a real editor: process 9: it is not an editor extension host' }]);
  const events: GateEvent[] = [];
  const audit = new AuditLog({ file: path.join(base, 'audit.jsonl') });
  const state = memento();
  const warnings: string[] = [];
  const deps = { root, audit, listener: { onEvent: (e: GateEvent) => events.push(e) }, state: state as never, warn: (m: string) => warnings.push(m) };
  assert.equal(await importOfflineDecisions(deps), 3);
  assert.deepEqual(events.map((e) => [e.outcome, e.decidedBy]), [['allowed', 'offline'], ['blocked', 'offline'], ['observed', 'offline']]);
  assert.match(events[2]!.verdict.reason, /not a real editor/);
  assert.equal(fs.existsSync(statePaths(root).offlineLog), false);
  assert.equal(await importOfflineDecisions(deps), 0, 'nothing twice');
  assert.deepEqual(warnings, []);

  // A crash mid-import leaves the taken file behind: the next start finds it, and skips what it already had.
  appendOffline(root, [rec('ls', 'allow')]);
  const text = fs.readFileSync(statePaths(root).offlineLog, 'utf8');
  fs.writeFileSync(`${statePaths(root).offlineLog}.importing-1`, text);
  fs.rmSync(statePaths(root).offlineLog);
  assert.equal(await importOfflineDecisions(deps), 1);

  // Edited while the editor was closed: imported minus the edit, with an alert and a warning.
  appendOffline(root, [rec('rm -rf build', 'deny'), rec('ls -la', 'allow')]);
  const lines = fs.readFileSync(statePaths(root).offlineLog, 'utf8').trimEnd().split('\n');
  fs.writeFileSync(statePaths(root).offlineLog, `${lines[0]!.replace('"deny"', '"allow"')}\n${lines[1]}\n`);
  assert.equal(await importOfflineDecisions(deps), 1);
  assert.match(warnings.join(), /was edited/);
  await audit.flush();
  assert.match(fs.readFileSync(audit.file, 'utf8'), /"offlineLogTampered":true/);
});
