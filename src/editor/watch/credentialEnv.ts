// Which environment variables to blank in new integrated terminals, so an agent's
// shell cannot simply `echo $RAILWAY_TOKEN`. Names come from the editor's own
// environment (what terminals inherit); which names are credentials is the
// policy's call (core/policy: built-in patterns plus airlock.credentialEnvPatterns).

/** Variables a terminal needs to work even if their names look like credentials. */
const NEVER_BLANK = new Set(['SSH_AUTH_SOCK', 'GPG_AGENT_INFO', 'GPG_TTY', 'VSCODE_GIT_IPC_HANDLE', 'VSCODE_GIT_ASKPASS_NODE', 'VSCODE_GIT_ASKPASS_MAIN', 'VSCODE_GIT_ASKPASS_EXTRA_ARGS', 'GIT_ASKPASS', 'SSH_ASKPASS', 'SUDO_ASKPASS']);

export function credentialVariables(names: Iterable<string>, isCredential: (name: string) => boolean): string[] {
  const out: string[] = [];
  for (const name of names) {
    if (NEVER_BLANK.has(name)) continue;
    if (isCredential(name)) out.push(name);
  }
  return out.sort();
}
