// Which environment variables to blank in new integrated terminals, so an agent's
// shell cannot simply `echo $RAILWAY_TOKEN`. Names come from the editor's own
// environment (what terminals inherit); patterns are globs on the name.

export const DEFAULT_CREDENTIAL_PATTERNS = [
  '*_TOKEN',
  '*_TOKEN_*',
  '*_SECRET',
  '*_SECRET_*',
  '*_API_KEY',
  '*_APIKEY',
  '*_PASSWORD',
  '*_PASSWD',
  '*_PRIVATE_KEY',
  '*_ACCESS_KEY',
  '*_ACCESS_KEY_ID',
  '*_CREDENTIALS',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'GITHUB_TOKEN',
  'GH_TOKEN',
  'NPM_TOKEN',
  'OPENAI_API_KEY',
  'ANTHROPIC_API_KEY',
] as const;

/** Variables a terminal needs to work even if their names look like credentials. */
const NEVER_BLANK = new Set(['SSH_AUTH_SOCK', 'GPG_AGENT_INFO', 'VSCODE_GIT_IPC_HANDLE', 'VSCODE_GIT_ASKPASS_NODE', 'VSCODE_GIT_ASKPASS_MAIN', 'GIT_ASKPASS']);

export function globToRegExp(glob: string): RegExp {
  const body = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`, 'i');
}

export function credentialVariables(names: Iterable<string>, patterns: readonly string[]): string[] {
  const res = patterns.filter((p) => p.trim()).map(globToRegExp);
  const out: string[] = [];
  for (const name of names) {
    if (NEVER_BLANK.has(name)) continue;
    if (res.some((re) => re.test(name))) out.push(name);
  }
  return out.sort();
}
