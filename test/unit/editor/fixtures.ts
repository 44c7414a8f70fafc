import type { GateEvent, ApprovalRequest } from '../../../src/gate/contract';
import type { Verdict } from '../../../src/core/action';

let n = 0;
export function event(over: Partial<GateEvent> = {}, verdict: Partial<Verdict> = {}): GateEvent {
  n++;
  return {
    id: `ev-${n}`,
    time: 1_700_000_000_000 + n,
    agent: 'claude',
    phase: 'pre',
    action: { kind: 'shell', command: `rm -rf build${n}`, cwd: '/ws' },
    verdict: { decision: 'ask', rules: ['fs.recursive-delete'], reason: 'Deletes a directory tree.', severity: 'high', environment: 'local', ...verdict },
    outcome: 'pending',
    decidedBy: 'none',
    ...over,
  };
}

export function request(deadline: number, over: Partial<GateEvent> = {}, verdict: Partial<Verdict> = {}): ApprovalRequest {
  const e = event(over, verdict);
  return { id: e.id, event: e, deadline };
}
