// What the policy adds to the RuleContext every rule receives: the credential variable names and
// Airlock's own files. Rules written against plain RuleContext (other packs) simply ignore them.
import type { RuleContext } from '../rules/types';

export interface PolicyRuleContext extends RuleContext {
  /** Environment variable names whose values are credentials (printing one is secret access). */
  isCredentialEnvName(name: string): boolean;
  /** Airlock's own hook configs, policy file and state: readable, but not writable or deletable by agents. */
  isAirlockPath(path: string): boolean;
}

const FALLBACK_CREDENTIAL = /(?:^|_)(?:TOKEN|SECRET|PASSWORD|PASSWD|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|CREDENTIALS?)(?:_|$)/i;

/** Reads the policy additions when present; falls back to the built-in credential pattern. */
export function policyContext(ctx: RuleContext): PolicyRuleContext {
  const p = ctx as Partial<PolicyRuleContext> & RuleContext;
  // classify() always passes the full context: no copy per rule and command on the hot path.
  if (p.isCredentialEnvName && p.isAirlockPath) return p as PolicyRuleContext;
  return {
    ...ctx,
    isProtectedPath: ctx.isProtectedPath,
    isCredentialEnvName: p.isCredentialEnvName ?? ((n) => FALLBACK_CREDENTIAL.test(n)),
    isAirlockPath: p.isAirlockPath ?? (() => false),
  };
}
