// Built-in protected paths. Two lists: secrets (agents may neither read nor change them) and
// Airlock's own files (agents may read them, but writing or deleting them could switch Airlock off).

/** Secret stores and credential files. Globs without a slash match the name in any directory. */
export const SECRET_PATH_GLOBS: readonly string[] = [
  '.env',
  '.env.*',
  '*.env',
  '.envrc',
  '.dev.vars',
  '*.pem',
  '*.key',
  '*.p12',
  '*.pfx',
  '*.jks',
  '*.keystore',
  '*.tfstate',
  '*.tfstate.backup',
  '*.tfvars',
  'id_rsa*',
  'id_dsa*',
  'id_ecdsa*',
  'id_ed25519*',
  '.ssh/**',
  '.aws/credentials',
  '.kube/config',
  '.docker/config.json',
  '.netrc',
  '_netrc',
  '.npmrc',
  '.pypirc',
  '.pgpass',
  '.my.cnf',
  '.git-credentials',
  '.vault-token',
  '.htpasswd',
  '.railway/config.json',
  '.config/railway/**',
  '.config/gcloud/**',
  '.config/gh/hosts.yml',
  '.azure/**',
  '.fly/config.yml',
  '.terraform.d/credentials.tfrc.json',
  'credentials.json',
  'service-account*.json',
  'secrets.json',
  'secrets.yml',
  'secrets.yaml',
  '.secrets',
  'master.key',
  'credentials.yml.enc',
  '/proc/*/environ',
  // Each editor window's gate token: with it a process could talk to the gate as a hook would.
  '~/.airlock/windows/*.token',
  'AppData/Local/Airlock/windows/*.token',
];

/** Names that look like secret files but are shared templates: never protected by the globs above. */
export const SECRET_PATH_EXCEPTIONS: readonly string[] = [
  '*.example',
  '*.sample',
  '*.template',
  '*.dist',
  '.env.example*',
  '.env.sample*',
  '.env.template*',
  '.env.defaults',
  '.env.{ts,js,mjs,cjs,d.ts,py,rb,go}',
  '*.pub',
  'known_hosts',
  'known_hosts.old',
  '.ssh/config',
];

/** Airlock's own hook configs, policy and state: agents may read them but not write or delete them. */
export const AIRLOCK_PATH_GLOBS: readonly string[] = [
  '.cursor/hooks.json',
  '.claude/settings.json',
  '.claude/settings.local.json',
  '.github/hooks/airlock.json',
  '.gemini/settings.json',
  '.windsurf/hooks.json',
  '.codeium/windsurf/hooks.json',
  '.codex/hooks.json',
  '.clinerules/hooks/**',
  '.airlock/**',
  '.airlock',
  '~/.airlock/**',
  'AppData/Local/Airlock/**',
];

/** Environment variable names treated as credentials when printed (`echo $X`). Regex sources. */
export const CREDENTIAL_ENV_PATTERNS: readonly string[] = [
  '(?:^|_)(?:TOKENS?|SECRETS?|PASSWORD|PASSWD|PASS|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|CREDENTIALS?)(?:_|$)',
  '(?:^|_)KEY$',
  '^(?:AWS_SECRET_ACCESS_KEY|AWS_SESSION_TOKEN|GITHUB_TOKEN|GH_TOKEN|NPM_TOKEN|DATABASE_URL|RAILWAY_TOKEN|OPENAI_API_KEY|ANTHROPIC_API_KEY|STRIPE_SECRET_KEY)$',
];
