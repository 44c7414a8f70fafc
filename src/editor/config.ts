// Every setting the editor side reads, in one typed place. Features ask Config,
// never vscode.workspace.getConfiguration directly, so a renamed key is one edit
// and a bad value falls back to its default here instead of breaking a feature.
// The settings themselves (titles, descriptions, defaults shown in the Settings
// UI) are declared by the policy schema in contributes.configuration.
import * as vscode from 'vscode';
import { DEFAULT_CREDENTIAL_PATTERNS } from './watch/credentialEnv';

export const SECTION = 'airlock';

function num(v: unknown, fallback: number, min: number, max: number): number {
  return typeof v === 'number' && Number.isFinite(v) ? Math.min(max, Math.max(min, v)) : fallback;
}

function strings(v: unknown, fallback: readonly string[]): string[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : [...fallback];
}

function bool(v: unknown, fallback: boolean): boolean {
  return typeof v === 'boolean' ? v : fallback;
}

export class Config {
  private constructor(private readonly cfg: vscode.WorkspaceConfiguration) {}

  static read(): Config {
    return new Config(vscode.workspace.getConfiguration(SECTION));
  }

  private get(key: string): unknown {
    return this.cfg.get<unknown>(key);
  }

  /** Rows the sidebar keeps in memory; older ones stay in the audit log. */
  get activityMaxEntries(): number {
    return num(this.get('activity.maxEntries'), 20_000, 100, 200_000);
  }

  /** Deletions within `massDeleteSeconds` that count as a mass deletion. */
  get massDeleteCount(): number {
    return num(this.get('watch.massDelete.count'), 20, 2, 100_000);
  }

  get massDeleteSeconds(): number {
    return num(this.get('watch.massDelete.seconds'), 5, 1, 600);
  }

  get watchTerminals(): boolean {
    return bool(this.get('watch.terminals'), true);
  }

  get watchFiles(): boolean {
    return bool(this.get('watch.files'), true);
  }

  get blankCredentialVariables(): boolean {
    return bool(this.get('terminal.blankCredentialVariables'), true);
  }

  get credentialVariablePatterns(): string[] {
    return strings(this.get('terminal.credentialVariablePatterns'), DEFAULT_CREDENTIAL_PATTERNS);
  }

  /** How long interrupted terminal processes get before SIGKILL. */
  get killGraceMs(): number {
    return num(this.get('killSwitch.graceMs'), 2000, 0, 30_000);
  }

  /** Glob patterns of files agents must not touch (reads, writes, deletes). */
  get protectedPaths(): string[] {
    return strings(this.get('protectedPaths'), ['**/.env', '**/.env.*', '**/*.pem', '**/id_rsa*', '**/.airlock/**']);
  }

  static affects(e: vscode.ConfigurationChangeEvent, key = ''): boolean {
    return e.affectsConfiguration(key ? `${SECTION}.${key}` : SECTION);
  }
}
