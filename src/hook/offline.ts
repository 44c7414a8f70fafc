// The hook's own decision when no editor window answers. Loaded lazily by hook/main.ts.
// INTERIM: until core/classify lands, every action is treated as flagged (fail closed).
import type { AgentAction, Verdict } from '../core/action';

export async function decideOffline(actions: AgentAction[], _root: string): Promise<Verdict[]> {
  return actions.map(() => ({
    decision: 'ask',
    rules: ['airlock.no-classifier'],
    reason: 'Airlock could not analyse this action here.',
    severity: 'high',
    environment: 'unknown',
  }));
}
