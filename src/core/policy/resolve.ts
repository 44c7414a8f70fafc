// Merges policy sources: built-in < user settings < workspace settings < workspace policy file.
// Workspace-level sources live in the repository, which agents can write, so they may only tighten:
// add protected paths and custom rules, raise allow -> ask -> deny. Anything else is ignored with an
// error that names the key. Invalid values never throw and never replace a default.
import { stricter, type Decision } from '../action';
import { defaultPolicy } from './default_policy';
import { checkRegex } from './regex';
import { mergeNetwork } from '../sandbox/network';
import { customRuleSchema, POLICY_KEYS, type Policy, type PolicyKey, policyShape, RULE_DECISIONS, SETTINGS_PREFIX } from './schema';

export type SourceLevel = 'user' | 'workspace' | 'workspaceFolder' | 'policyFile';

export interface PolicySource {
  level: SourceLevel;
  /** Shown in error messages, e.g. "user settings", ".airlock/policy.json". */
  label: string;
  /** Keys with or without the `airlock.` prefix. `undefined` values mean "not set". */
  values: Record<string, unknown> | undefined;
}

export interface ResolvedPolicy {
  policy: Policy;
  /** One line per problem: `<source>: airlock.<key>: <problem>`. */
  errors: string[];
}

/** What a rule's decision is before any override: its own default, raised by the category default. */
export type RuleDefaults = (ruleId: string) => { decision: Decision; secret: boolean } | undefined;

export { defaultPolicy, checkRegex };

const RANK: Record<Decision, number> = { allow: 0, ask: 1, deny: 2 };

function firstIssue(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid value';
  const where = issue.path.length > 0 ? ` (at ${issue.path.map(String).join('.')})` : '';
  return `${issue.message}${where}`;
}

export function resolvePolicy(sources: readonly PolicySource[], ruleDefaults?: RuleDefaults): ResolvedPolicy {
  const policy = defaultPolicy();
  const errors: string[] = [];
  for (const source of sources) {
    if (!source.values || typeof source.values !== 'object' || Array.isArray(source.values)) {
      if (source.values !== undefined) errors.push(`${source.label}: expected an object of settings; ignored`);
      continue;
    }
    const tightenOnly = source.level !== 'user';
    for (const [rawKey, value] of Object.entries(source.values)) {
      if (value === undefined || rawKey === '$schema') continue;
      const key = (rawKey.startsWith(SETTINGS_PREFIX) ? rawKey.slice(SETTINGS_PREFIX.length) : rawKey) as PolicyKey;
      const name = `${SETTINGS_PREFIX}${key}`;
      const fail = (problem: string) => errors.push(`${source.label}: ${name}: ${problem}`);
      if (!POLICY_KEYS.includes(key)) {
        fail(`unknown setting; known: ${POLICY_KEYS.join(', ')}`);
        continue;
      }
      switch (key) {
        case 'destructiveDecision':
        case 'secretAccessDecision': {
          const r = policyShape[key].safeParse(value);
          if (!r.success) fail(firstIssue(r.error));
          else if (tightenOnly && RANK[r.data] < RANK[policy[key]]) fail(`"${r.data}" would loosen "${policy[key]}"; only user settings may loosen`);
          else policy[key] = r.data;
          break;
        }
        case 'rules': {
          if (!value || typeof value !== 'object' || Array.isArray(value)) {
            fail('expected an object of rule id -> "allow" | "ask" | "deny"');
            break;
          }
          for (const [id, decision] of Object.entries(value as Record<string, unknown>)) {
            const at = `${source.label}: ${name}.${id}`;
            if (!/^[a-z0-9-]+\.[a-z0-9.-]+$/.test(id)) {
              errors.push(`${at}: rule ids look like "pack.name"`);
              continue;
            }
            if (typeof decision !== 'string' || !(RULE_DECISIONS as readonly string[]).includes(decision)) {
              errors.push(`${at}: expected "allow", "ask" or "deny", got ${JSON.stringify(decision)}`);
              continue;
            }
            const known = ruleDefaults?.(id);
            if (ruleDefaults && !known && !id.startsWith('custom.')) {
              errors.push(`${at}: no rule has this id (run \`airlock explain\` to see ids)`);
              continue;
            }
            const current = policy.rules[id] ?? effectiveDefault(policy, known);
            if (tightenOnly && RANK[decision as Decision] < RANK[current]) {
              errors.push(`${at}: "${decision}" would loosen "${current}"; only user settings may loosen a rule`);
              continue;
            }
            policy.rules[id] = decision as Decision;
          }
          break;
        }
        case 'unprotectedPaths': {
          if (tightenOnly) {
            fail('exemptions from protected paths are honoured only from user settings; ignored');
            break;
          }
          const r = policyShape.unprotectedPaths.safeParse(value);
          if (!r.success) fail(firstIssue(r.error));
          else policy.unprotectedPaths = unique([...policy.unprotectedPaths, ...r.data]);
          break;
        }
        case 'protectedPaths': {
          const r = policyShape.protectedPaths.safeParse(value);
          if (!r.success) fail(firstIssue(r.error));
          else policy.protectedPaths = unique([...policy.protectedPaths, ...r.data]);
          break;
        }
        case 'credentialEnvPatterns': {
          const r = policyShape.credentialEnvPatterns.safeParse(value);
          if (!r.success) {
            fail(firstIssue(r.error));
            break;
          }
          for (const p of r.data) {
            const bad = checkRegex(p);
            if (bad) fail(`${JSON.stringify(p)}: ${bad}`);
            else policy.credentialEnvPatterns = unique([...policy.credentialEnvPatterns, p]);
          }
          break;
        }
        case 'sandboxNetwork': {
          const r = policyShape.sandboxNetwork.safeParse(value);
          if (!r.success) {
            fail(firstIssue(r.error));
            break;
          }
          const merged = mergeNetwork(policy.sandboxNetwork, r.data, tightenOnly);
          for (const e of merged.errors) fail(e);
          policy.sandboxNetwork = merged.network;
          break;
        }
        case 'customRules': {
          if (!Array.isArray(value)) {
            fail('expected a list of rules');
            break;
          }
          value.forEach((raw, i) => {
            const r = customRuleSchema.safeParse(raw);
            if (!r.success) {
              errors.push(`${source.label}: ${name}[${i}]: ${firstIssue(r.error)}`);
              return;
            }
            const bad = checkRegex(r.data.pattern);
            if (bad) {
              errors.push(`${source.label}: ${name}[${i}].pattern: ${bad}`);
              return;
            }
            if (policy.customRules.some((c) => c.id === r.data.id)) {
              errors.push(`${source.label}: ${name}[${i}]: id "${r.data.id}" is already defined; ignored`);
              return;
            }
            policy.customRules.push(r.data);
          });
          break;
        }
      }
    }
  }
  return { policy, errors };
}

function effectiveDefault(policy: Policy, known: { decision: Decision; secret: boolean } | undefined): Decision {
  if (!known) return 'ask';
  return stricter(known.decision, known.secret ? policy.secretAccessDecision : policy.destructiveDecision);
}

function unique(xs: string[]): string[] {
  return [...new Set(xs)];
}
