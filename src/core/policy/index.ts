// Policy: one zod schema, built-in defaults, tighten-only merging of workspace sources, compiled matchers.
export { compilePolicy, type CompiledPolicy } from './compile';
export { policyContext, type PolicyRuleContext } from './context';
export { AIRLOCK_PATH_GLOBS, CREDENTIAL_ENV_PATTERNS, SECRET_PATH_EXCEPTIONS, SECRET_PATH_GLOBS } from './defaults';
export { defaultPolicy, resolvePolicy, type PolicySource, type ResolvedPolicy, type RuleDefaults, type SourceLevel } from './resolve';
export { customRuleSchema, POLICY_KEYS, policySchema, policyShape, SETTINGS_PREFIX, type CustomRule, type Policy, type PolicyInput } from './schema';
