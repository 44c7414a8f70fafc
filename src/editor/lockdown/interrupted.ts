// The Activity row for what lockdown interrupted in a terminal: blocked by lockdown, with the reason,
// so the person sees it was Airlock (and why it counted as an agent's), not a crash or an "observed".
import { randomUUID } from 'node:crypto';
import type { AgentAction, Verdict } from '../../core/action';
import type { GateEvent } from '../../gate/contract';

export function interruptedEvent(action: AgentAction, why: string, base?: Pick<GateEvent, 'id' | 'time' | 'workspaceRoot'>, verdict?: Verdict): GateEvent {
  return {
    id: base?.id ?? randomUUID(),
    time: base?.time ?? Date.now(),
    agent: 'terminal',
    phase: 'observed',
    action,
    verdict: { ...(verdict ?? { severity: 'high', environment: 'unknown' }), decision: 'deny', rules: ['airlock.lockdown'], reason: `Interrupted by lockdown: ${why}.` },
    outcome: 'blocked',
    decidedBy: 'lockdown',
    ...(base?.workspaceRoot ? { workspaceRoot: base.workspaceRoot } : {}),
  };
}
