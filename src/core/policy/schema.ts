// The one policy schema. It validates every source (user settings, workspace settings, the workspace
// policy file) and generates package.json `contributes.configuration` (scripts/gen-settings.mjs), so the
// Settings UI, validation and documentation cannot drift apart.
import { z } from 'zod';
import { HOST_PATTERN_HELP, HOST_PATTERN_SOURCE, type SandboxNetwork } from '../sandbox/network';

export const RULE_DECISIONS = ['allow', 'ask', 'deny'] as const;
export const FLAG_DECISIONS = ['ask', 'deny'] as const;

const WORKSPACE_TIGHTEN_ONLY =
  'Workspace settings and `.airlock/policy.json` live in the repository, which agents can write, so there they can only tighten (ask → deny); loosening is honoured only from user settings.';

export const customRuleSchema = z
  .object({
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9.-]*$/, 'use lower-case letters, digits, dots and dashes')
      .describe('Stable id, shown in verdicts as `custom.<id>`.'),
    reason: z.string().min(1).max(300).describe('One sentence shown to the person who confirms.'),
    pattern: z
      .string()
      .min(1)
      .max(500)
      .describe('Regular expression (JavaScript syntax, case-insensitive) tested against the text below.'),
    on: z
      .enum(['command', 'argv'])
      .default('command')
      .describe('`command`: the whole command line. `argv`: each simple command after unwrapping, as `name arg1 arg2`.'),
    decision: z.enum(FLAG_DECISIONS).default('ask').describe('What happens when the pattern matches.'),
    severity: z.enum(['low', 'medium', 'high', 'critical']).default('high'),
  })
  .strict();

export type CustomRule = z.infer<typeof customRuleSchema>;

/** Every key, with its Settings UI text. Setting ids are `airlock.<key>`; the policy file uses `<key>`. */
export const policyShape = {
  destructiveDecision: z
    .enum(FLAG_DECISIONS)
    .default('ask')
    .describe(`What happens to destructive actions (deletes, force pushes, drops, destroys) unless a rule override says otherwise. ${WORKSPACE_TIGHTEN_ONLY}`),
  secretAccessDecision: z
    .enum(FLAG_DECISIONS)
    .default('ask')
    .describe(`What happens when an agent reads or exfiltrates secrets (protected files, credential variables, token dumps). ${WORKSPACE_TIGHTEN_ONLY}`),
  rules: z
    .record(z.string().regex(/^[a-z0-9-]+\.[a-z0-9.-]+$/, 'rule ids look like `pack.name`'), z.enum(RULE_DECISIONS))
    .default({})
    .describe(`Per-rule overrides, e.g. \`{ "git.force-push": "deny" }\`. Run \`airlock explain "<command>"\` to see rule ids. \`allow\` switches a rule off. ${WORKSPACE_TIGHTEN_ONLY}`),
  protectedPaths: z
    .array(z.string().min(1))
    .default([])
    .describe('Extra protected path globs (minimatch; a glob without `/` matches the name in any folder, `~/` is your home). Agents may not read, write or delete them. Added to the built-in list; any source may add.'),
  unprotectedPaths: z
    .array(z.string().min(1))
    .default([])
    .describe('Globs exempted from the built-in protected paths (e.g. a fixture named `test.key`). Honoured only from user settings, never from the workspace.'),
  customRules: z
    .array(customRuleSchema)
    .default([])
    .describe('Your own rules as data: `{ "id", "reason", "pattern", "on": "command"|"argv", "decision": "ask"|"deny" }`. Any source may add rules; they can only make decisions stricter.'),
  credentialEnvPatterns: z
    .array(z.string().min(1).max(300))
    .default([])
    .describe('Extra regular expressions for environment variable names that hold credentials (printing them is secret access). Added to the built-in list.'),
  sandboxNetwork: z
    .object({
      deny: z.array(z.string().regex(new RegExp(HOST_PATTERN_SOURCE), HOST_PATTERN_HELP)).default([]),
      allow: z.array(z.string().regex(new RegExp(HOST_PATTERN_SOURCE), HOST_PATTERN_HELP)).optional(),
    })
    .strict()
    .default({ deny: [] })
    .describe('Network for commands in `airlock run` and the Sandboxed Terminal: `{ "deny": ["*.railway.app"] }` blocks those hosts, `{ "allow": ["api.anthropic.com", "127.0.0.1:5173"] }` allows only those (`[]`: no network); nothing set: open. Hosts are names, `*.example.com` (every name below it) or IP addresses, each optionally with `:PORT`. With a list set the sandbox has no network of its own, only Airlock\'s proxy. Workspace settings and `.airlock/policy.json` can only add deny entries or narrow the allow-list.'),
} as const;

export const policySchema = z.object(policyShape).strict();
export type PolicyInput = z.input<typeof policySchema>;
export type PolicyKey = keyof typeof policyShape;
export const POLICY_KEYS = Object.keys(policyShape) as PolicyKey[];

/** The resolved policy: plain JSON (the gate snapshots it for the hook's offline fallback). */
export interface Policy {
  destructiveDecision: 'ask' | 'deny';
  secretAccessDecision: 'ask' | 'deny';
  rules: Record<string, 'allow' | 'ask' | 'deny'>;
  protectedPaths: string[];
  unprotectedPaths: string[];
  customRules: CustomRule[];
  credentialEnvPatterns: string[];
  /** `airlock run`'s network; absent: open. */
  sandboxNetwork?: SandboxNetwork;
}

export const SETTINGS_PREFIX = 'airlock.';
