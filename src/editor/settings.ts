// The editor-only settings (how the sidebar, watchers and kill switch behave), as
// one zod shape with the descriptions the Settings UI shows. Pure (no vscode), so
// the generator of contributes.configuration can import it next to the policy
// schema. What agents may do is the policy's business (core/policy), not this.
import { z } from 'zod';

export const editorSettingsShape = {
  'activity.maxEntries': z
    .number()
    .int()
    .min(100)
    .max(200_000)
    .default(20_000)
    .describe('How many recent agent actions the Activity view keeps in memory. Older ones stay in the audit log.'),
  'watch.terminals': z
    .boolean()
    .default(true)
    .describe('Show every command run in an integrated terminal (with shell integration) in the Activity view, and warn about flagged commands that no agent hook asked about.'),
  'watch.files': z
    .boolean()
    .default(true)
    .describe('Watch the workspace for mass deletions and changes to protected files, and alert.'),
  'watch.massDelete.count': z
    .number()
    .int()
    .min(2)
    .max(100_000)
    .default(20)
    .describe('A mass deletion is this many files deleted within `#airlock.watch.massDelete.seconds#` seconds.'),
  'watch.massDelete.seconds': z.number().min(1).max(600).default(5).describe('The time window for `#airlock.watch.massDelete.count#`, in seconds.'),
  'terminal.blankCredentialVariables': z
    .boolean()
    .default(true)
    .describe('Blank credential-named environment variables (`*_TOKEN`, `*_SECRET`, `*_API_KEY`, ... and `#airlock.credentialEnvPatterns#`) in new integrated terminals, so an agent cannot print them.'),
  'killSwitch.graceMs': z
    .number()
    .int()
    .min(0)
    .max(30_000)
    .default(2000)
    .describe('After "Kill All Agents" interrupts terminal commands (SIGINT), how long they get to exit before they are killed (SIGKILL), in milliseconds.'),
  'hiding.ignoreFiles': z
    .enum(['connected', 'all', 'off'])
    .default('connected')
    .describe('Mirror the protected paths (and files where a secret was found) into agents\' own ignore files (`.cursorignore`, `.geminiignore`, `.aiexclude`, `.codeiumignore`, `.clineignore`, `.rooignore`, `.aiderignore`) and Claude Code\'s `permissions.deny`, in a marked block that leaves your lines alone. `connected`: only for agents connected to Airlock; `all`: every file; `off`: none (Airlock\'s blocks are removed). These are hints to the agents; the hooks are what enforce.'),
  'hiding.editorExclude': z
    .boolean()
    .default(false)
    .describe('Also add files where a secret was found to `files.exclude` and `search.exclude` in this workspace, so they disappear from the Explorer and search. Hides them from you too; not a boundary for agents.'),
} as const;

export type EditorSettingKey = keyof typeof editorSettingsShape;
export type EditorSettings = { [K in EditorSettingKey]: z.output<(typeof editorSettingsShape)[K]> };
export const EDITOR_SETTING_KEYS = Object.keys(editorSettingsShape) as EditorSettingKey[];

/** One setting's value: the given one when valid, else its default (a bad value never breaks a feature). */
export function settingValue<K extends EditorSettingKey>(key: K, raw: unknown): EditorSettings[K] {
  const schema = editorSettingsShape[key] as unknown as z.ZodType<EditorSettings[K]>;
  const parsed = schema.safeParse(raw);
  return parsed.success ? parsed.data : (schema.parse(undefined) as EditorSettings[K]);
}

/**
 * Settings that weaken a safeguard when changed are `application` scope: VS Code honours them only in
 * user settings, never in a workspace's .vscode/settings.json, which an agent can write.
 */
const USER_ONLY: ReadonlySet<EditorSettingKey> = new Set<EditorSettingKey>([
  'watch.terminals',
  'watch.files',
  'watch.massDelete.count',
  'watch.massDelete.seconds',
  'terminal.blankCredentialVariables',
  'killSwitch.graceMs',
  'hiding.ignoreFiles',
]);

/** package.json `contributes.configuration` entries for these settings (scripts/gen-settings.mjs writes them). */
export function editorSettingsProperties(): Record<string, Record<string, unknown>> {
  const properties: Record<string, Record<string, unknown>> = {};
  EDITOR_SETTING_KEYS.forEach((key, index) => {
    const schema = editorSettingsShape[key];
    const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
    delete json.$schema;
    const description = schema.description ?? '';
    properties[`airlock.${key}`] = {
      ...json,
      description: description.replace(/`#?|#`/g, '').replace(/`/g, ''),
      markdownDescription: description,
      scope: USER_ONLY.has(key) ? 'application' : 'window',
      order: 100 + index,
    };
  });
  return properties;
}
