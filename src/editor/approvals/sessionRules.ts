// "Allow this rule for the rest of this session": granted only by a click in the
// sidebar (no agent can send or write it), shown there, revocable, forgotten on
// reload. It never covers a production target, a deny, or lockdown.
import type { ApprovalRequest } from '../../gate/contract';
import type { Answer } from '../activity/row';
import type { SessionRuleView } from '../activity/protocol';

export class SessionRules {
  private readonly rules = new Map<string, SessionRuleView>();

  allow(rule: string, now: number): void {
    if (!this.rules.has(rule)) this.rules.set(rule, { rule, since: now, allowedCount: 0 });
  }

  revoke(rule: string): boolean {
    return this.rules.delete(rule);
  }

  list(): SessionRuleView[] {
    return [...this.rules.values()].map((r) => ({ ...r }));
  }

  /** An answer when every rule the request matched is allowed for the session, else undefined. */
  answer(req: ApprovalRequest, now: number): Answer | undefined {
    const { verdict } = req.event;
    if (verdict.decision !== 'ask' || verdict.environment === 'production' || verdict.rules.length === 0) return undefined;
    if (!verdict.rules.every((r) => this.rules.has(r))) return undefined;
    for (const r of verdict.rules) {
      const v = this.rules.get(r);
      if (v) v.allowedCount++;
    }
    return { answer: 'allow', by: 'session-rule', at: now, rule: verdict.rules.join(', ') };
  }
}
