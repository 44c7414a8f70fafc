// Every setting the editor side reads, in one typed place. Features ask Config,
// never vscode.workspace.getConfiguration directly, so a renamed key is one edit
// and a bad value falls back to its default instead of breaking a feature.
// Editor settings are validated by their zod shape (settings.ts); what agents may
// do comes from the policy (core/policy), resolved the same way the gate does.
import * as vscode from 'vscode';
import * as os from 'node:os';
import { settingValue, type EditorSettingKey, type EditorSettings } from './settings';
import { compilePolicy, AIRLOCK_PATH_GLOBS, SECRET_PATH_GLOBS, type CompiledPolicy, type Policy } from '../core/policy';
import { policyFromSettings } from './gate_host';

export const SECTION = 'airlock';

export class Config {
  private compiled: CompiledPolicy | undefined;
  private resolved: { policy: Policy; errors: string[] } | undefined;

  private constructor(private readonly cfg: vscode.WorkspaceConfiguration) {}

  static read(): Config {
    return new Config(vscode.workspace.getConfiguration(SECTION));
  }

  private get<K extends EditorSettingKey>(key: K): EditorSettings[K] {
    return settingValue(key, this.cfg.get<unknown>(key));
  }

  get activityMaxEntries(): number {
    return this.get('activity.maxEntries');
  }

  get massDeleteCount(): number {
    return this.get('watch.massDelete.count');
  }

  get massDeleteSeconds(): number {
    return this.get('watch.massDelete.seconds');
  }

  get watchTerminals(): boolean {
    return this.get('watch.terminals');
  }

  get watchFiles(): boolean {
    return this.get('watch.files');
  }

  get blankCredentialVariables(): boolean {
    return this.get('terminal.blankCredentialVariables');
  }

  get killGraceMs(): number {
    return this.get('killSwitch.graceMs');
  }

  get hidingIgnoreFiles(): 'connected' | 'all' | 'off' {
    return this.get('hiding.ignoreFiles');
  }

  get hidingEditorExclude(): boolean {
    return this.get('hiding.editorExclude');
  }

  /** The policy from settings (built-in defaults, tightened by workspace levels), resolved once per Config. */
  get policy(): Policy {
    this.resolved ??= policyFromSettings();
    return this.resolved.policy;
  }

  get policyErrors(): readonly string[] {
    this.resolved ??= policyFromSettings();
    return this.resolved.errors;
  }

  private get matchers(): CompiledPolicy {
    this.compiled ??= compilePolicy(this.policy, { home: os.homedir() });
    return this.compiled;
  }

  /** Protected by the policy: secret stores and Airlock's own files. Takes an absolute path. */
  isProtectedPath(absPath: string): boolean {
    const p = absPath.replace(/\\/g, '/');
    return this.matchers.isSecretPath(p) || this.matchers.isAirlockPath(p);
  }

  isCredentialVariable(name: string): boolean {
    return this.matchers.isCredentialEnvName(name);
  }

  /** The protected globs, grouped for the Protected Files view. */
  get protectedGroups(): Array<{ label: string; globs: readonly string[] }> {
    const extra = this.policy.protectedPaths;
    return [
      ...(extra.length ? [{ label: 'Your protected paths', globs: extra }] : []),
      { label: 'Secret files (built in)', globs: SECRET_PATH_GLOBS },
      { label: "Airlock's own files (built in)", globs: AIRLOCK_PATH_GLOBS },
    ];
  }

  static affects(e: vscode.ConfigurationChangeEvent, key = ''): boolean {
    return e.affectsConfiguration(key ? `${SECTION}.${key}` : SECTION);
  }
}
