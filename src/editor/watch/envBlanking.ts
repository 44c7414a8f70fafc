// Blanks credential-named variables in new integrated terminals through the
// extension's environmentVariableCollection, so `echo $RAILWAY_TOKEN` in an
// agent's terminal prints nothing. Existing terminals keep their environment
// (VS Code offers to relaunch them); variables a shell's own startup files
// export again are out of reach of this mechanism.
import type * as vscode from 'vscode';
import { credentialVariables } from './credentialEnv';

export function applyEnvBlanking(
  collection: vscode.GlobalEnvironmentVariableCollection,
  enabled: boolean,
  isCredential: (name: string) => boolean,
  env: NodeJS.ProcessEnv = process.env,
): string[] {
  collection.clear();
  if (!enabled) return [];
  const names = credentialVariables(Object.keys(env), isCredential);
  for (const name of names) collection.replace(name, '');
  collection.persistent = true;
  collection.description = names.length
    ? `Airlock blanks credential variables so agents cannot read them: ${names.join(', ')}`
    : 'Airlock blanks credential-named variables in new terminals (none are set now).';
  return names;
}
