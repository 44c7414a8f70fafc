// Turns a resolved (plain JSON) policy into the matchers classify() needs, once per policy object.
import { type Decision, stricter } from '../action';
import { compileGlobs, normalizePath, type PathContext } from '../paths';
import type { Rule } from '../rules/types';
import { AIRLOCK_PATH_GLOBS, CREDENTIAL_ENV_PATTERNS, SECRET_PATH_EXCEPTIONS, SECRET_PATH_GLOBS } from './defaults';
import { compileUserRegex, type UserRegex } from './regex';
import type { CustomRule, Policy } from './schema';

export interface CompiledCustomRule extends CustomRule {
  regex: UserRegex;
}

export interface CompiledPolicy {
  policy: Policy;
  /** Path already normalised (absolute when cwd known). */
  isSecretPath(normalized: string): boolean;
  /** Cheap pre-check on the raw path: false means isSecretPath is false whatever the normalisation. */
  mightBeSecret(raw: string): boolean;
  mightBeAirlock(raw: string): boolean;
  isAirlockPath(normalized: string): boolean;
  isCredentialEnvName(name: string): boolean;
  customRules: CompiledCustomRule[];
  decisionFor(rule: Pick<Rule, 'id' | 'pack' | 'defaultDecision'>): Decision;
}

const cache = new WeakMap<Policy, Map<string, CompiledPolicy>>();

export function compilePolicy(policy: Policy, ctx: PathContext = {}): CompiledPolicy {
  const key = ctx.home ?? '';
  let byHome = cache.get(policy);
  if (!byHome) {
    byHome = new Map();
    cache.set(policy, byHome);
  }
  const hit = byHome.get(key);
  if (hit) return hit;
  const compiled = build(policy, { home: ctx.home });
  byHome.set(key, compiled);
  return compiled;
}

function build(policy: Policy, ctx: PathContext): CompiledPolicy {
  const builtinSecret = compileGlobs(SECRET_PATH_GLOBS, ctx);
  const extra = compileGlobs(policy.protectedPaths, ctx);
  const exception = compileGlobs([...SECRET_PATH_EXCEPTIONS, ...policy.unprotectedPaths], ctx);
  const airlock = compileGlobs(AIRLOCK_PATH_GLOBS, ctx);
  const credential = new RegExp(CREDENTIAL_ENV_PATTERNS.map((s) => `(?:${s})`).join('|'), 'i');
  // The policy's own patterns may come from a snapshot an agent rewrote: each runs safely or not at all.
  const userCredential = policy.credentialEnvPatterns.map((p) => (typeof p === 'string' ? compileUserRegex(p) : undefined)).filter((r): r is UserRegex => r !== undefined);
  const customRules: CompiledCustomRule[] = [];
  for (const c of policy.customRules) {
    const regex = typeof c?.pattern === 'string' ? compileUserRegex(c.pattern) : undefined;
    if (regex) customRules.push({ ...c, regex });
  }
  return {
    policy,
    // Exceptions (.env.example, *.pub) only carve out of the built-in list; paths the user or
    // workspace added explicitly stay protected whatever their name.
    isSecretPath: (p) => extra(p) || (builtinSecret(p) && !exception(p)),
    isAirlockPath: (p) => airlock(p),
    mightBeSecret: (raw) => extra.mayMatch(raw) || builtinSecret.mayMatch(raw),
    mightBeAirlock: (raw) => airlock.mayMatch(raw),
    // In doubt (a name past the bound) counts as a credential name.
    isCredentialEnvName: (n) => n.length <= 200 && (credential.test(n) || userCredential.some((r) => r.test(n) !== false)),
    customRules,
    decisionFor(rule) {
      const override = policy.rules[rule.id];
      if (override) return override;
      const category = rule.pack === 'secrets' ? policy.secretAccessDecision : policy.destructiveDecision;
      return stricter(rule.defaultDecision ?? 'ask', category);
    },
  };
}

export { normalizePath };
