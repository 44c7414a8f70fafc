// The built-in policy as plain data. Its own file so the classifier (and the hook's offline path) can use
// it without loading the zod schema, which only validating settings needs.
import type { Policy } from './schema';

export function defaultPolicy(): Policy {
  return {
    destructiveDecision: 'ask',
    secretAccessDecision: 'ask',
    rules: {},
    protectedPaths: [],
    unprotectedPaths: [],
    customRules: [],
    credentialEnvPatterns: [],
  };
}
