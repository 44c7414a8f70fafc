// Built-in protected paths. Two lists: secrets (agents may neither read nor change them) and
// Airlock's own files (agents may read them, but writing or deleting them could switch Airlock off).

/** Chromium-family browsers' user-data folders (Linux under ~/.config, macOS under ~/Library/Application Support). */
const CHROMIUM_DATA_DIRS = [
  '.config/google-chrome',
  '.config/google-chrome-beta',
  '.config/google-chrome-unstable',
  '.config/chromium',
  '.config/BraveSoftware/Brave-Browser',
  '.config/microsoft-edge',
  '.config/microsoft-edge-beta',
  '.config/vivaldi',
  '.config/opera',
  'snap/chromium/common/chromium',
  'Library/Application Support/Google/Chrome',
  'Library/Application Support/Google/Chrome Beta',
  'Library/Application Support/Chromium',
  'Library/Application Support/BraveSoftware/Brave-Browser',
  'Library/Application Support/Microsoft Edge',
  'Library/Application Support/Vivaldi',
];
/** A Chromium profile's saved passwords, cookies (session tokens) and autofill (cards); the key that decrypts them is in Local State. */
const CHROMIUM_PROFILE_STORES = ['Login Data*', 'Login Data For Account*', 'Cookies*', 'Network/Cookies*', 'Web Data*', 'Extension Cookies*'];
/** Firefox profile folders (Linux, snap and macOS) and the files that hold saved logins, their key and cookies. */
const FIREFOX_PROFILES = ['.mozilla/firefox/*', 'snap/firefox/common/.mozilla/firefox/*', 'Library/Application Support/Firefox/Profiles/*'];
const FIREFOX_STORES = ['logins.json', 'logins-backup.json', 'key4.db', 'key3.db', 'signons.sqlite', 'cookies.sqlite*'];
/** Browsers' credential stores and the OS keyrings: reading them is reading every saved password and session. */
const BROWSER_AND_KEYRING_STORES: readonly string[] = [
  ...CHROMIUM_DATA_DIRS.flatMap((d) => [`${d}/Local State`, ...CHROMIUM_PROFILE_STORES.map((f) => `${d}/*/${f}`)]),
  ...FIREFOX_PROFILES.flatMap((p) => FIREFOX_STORES.map((f) => `${p}/${f}`)),
  'Library/Cookies/**',
  'Library/Containers/com.apple.Safari/Data/Library/Cookies/**',
  'Library/Keychains/**',
  '.local/share/keyrings/**',
  '.local/share/kwalletd/**',
];

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
  '.kube/*config*',
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
  // Other CLIs' own logins and tokens (package registries, object stores, platforms, key files).
  '.m2/settings.xml',
  '.m2/settings-security.xml',
  '.gradle/gradle.properties',
  '.cargo/credentials',
  '.cargo/credentials.toml',
  '.gem/credentials',
  '.composer/auth.json',
  '.config/composer/auth.json',
  '.s3cfg',
  '.boto',
  '.config/rclone/rclone.conf',
  '.databrickscfg',
  '.config/doctl/config.yaml',
  '.config/sops/age/keys.txt',
  '.supabase/access-token',
  '.config/heroku/**',
  '.local/share/com.vercel.cli/auth.json',
  '.vercel/auth.json',
  '.config/netlify/config.json',
  '.netlify/config.json',
  '.doppler/.doppler.yaml',
  '.config/stripe/config.toml',
  '.wrangler/config/default.toml',
  '.oci/config',
  '.snowflake/connections.toml',
  '.cache/huggingface/token',
  '.huggingface/token',
  '~/.bundle/config',
  '/etc/shadow',
  '/etc/gshadow',
  '/etc/shadow-',
  'credentials.json',
  'credentials.yml',
  'credentials.yaml',
  'service-account*.json',
  '*service-account*.json',
  '*service_account*.json',
  '*firebase-adminsdk*.json',
  'secrets.json',
  'secrets.yml',
  'secrets.yaml',
  '.secrets',
  'master.key',
  'credentials.yml.enc',
  '/proc/*/environ',
  // Secrets mounted into containers and pods (Docker/Compose secrets, the pod's service-account token).
  '/run/secrets/**',
  '/var/run/secrets/**',
  // Shell and REPL histories hold tokens typed on command lines; editor backups hold a copy of the file.
  '.bash_history',
  '.zsh_history',
  '.sh_history',
  '.histfile',
  'fish_history',
  '.python_history',
  '.node_repl_history',
  '.psql_history',
  '.mysql_history',
  '.rediscli_history',
  '.sqlite_history',
  '.irb_history',
  '.env~',
  '.env.*~',
  '#.env*#',
  '.#.env*',
  '.gnupg/private-keys-v1.d/**',
  '.gnupg/secring.gpg',
  ...BROWSER_AND_KEYRING_STORES,
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
  // gcloud's named configurations hold the account and project names; its tokens live beside them
  '.config/gcloud/configurations/**',
  '.config/gcloud/active_config',
];

/** Where each editor flavour keeps its data and installed extensions, relative to the home directory. */
const EDITOR_HOMES = [
  '.vscode',
  '.vscode-insiders',
  '.cursor',
  '.windsurf',
  '.vscode-oss',
  '.local/share/code-server',
  '.vscode-server',
  '.vscode-server-insiders',
  '.cursor-server',
  '.windsurf-server',
  '.vscodium-server',
];
/** Editors' user-data folder names under ~/.config (Linux) and ~/Library/Application Support (macOS). */
const EDITOR_PRODUCTS = ['Code', 'Code - Insiders', 'Cursor', 'Windsurf', 'VSCodium', 'Code - OSS'];
/** Editors' user-data folders: settings.json, profiles, global and workspace storage (the audit log lives there). */
const USER_DATA = [
  '~/.config/*/User',
  '~/Library/Application Support/*/User',
  'AppData/Roaming/*/User',
  '~/.local/share/code-server/User',
  ...['.vscode-server', '.vscode-server-insiders', '.cursor-server', '.windsurf-server', '.vscodium-server'].flatMap((d) => [`~/${d}/data/User`, `~/${d}/data/Machine`]),
];

/**
 * Airlock's own hook configs, policy and state, and everything that decides whether Airlock runs at all: the
 * installed extension (the hook shim runs its dist/hook.js), editors' user settings (where loosening is honoured),
 * agents' user and managed config, the audit log. Agents may read these but not write, move or delete them.
 * Folders are listed as folders too (`.claude`, `~/.vscode/extensions`), so moving, linking over or deleting the
 * folder (or a parent up to the home directory) counts as well; the home directory, `/` and workspace roots are
 * left to fs.recursive-delete, which asks.
 */
export const AIRLOCK_PATH_GLOBS: readonly string[] = [
  '.cursor/hooks.json',
  '.claude/settings.json',
  '.claude/settings.local.json',
  '.github/hooks/airlock.json',
  '.gemini/settings.json',
  '.windsurf/hooks.json',
  '.codeium/windsurf/hooks.json',
  '.codex/hooks.json',
  '.codex/config.toml',
  '.clinerules/hooks/**',
  // Cline loads every script here in-process; Airlock's plugin there carries blocked MCP calls' reasons
  '.cline/plugins/**',
  '~/.cline/plugins/**',
  '.airlock/**',
  '.airlock',
  '~/.airlock/**',
  '~/.airlock',
  'AppData/Local/Airlock/**',
  // hook config folders as folders
  '.cursor',
  '.claude',
  '.codex',
  '.gemini',
  '.windsurf',
  '.clinerules',
  '.clinerules/hooks',
  '.cline',
  '.cline/plugins',
  '~/.cline',
  '~/.cline/plugins',
  '.github',
  '.github/hooks',
  '.codeium',
  '.codeium/windsurf',
  '~/.copilot',
  '~/.copilot/**',
  // agents' managed (system-wide) config
  '/etc/claude-code/**',
  '/etc/claude-code',
  '/etc/cursor/hooks.json',
  '/etc/windsurf/hooks.json',
  '/etc/gemini-cli/**',
  '/etc/codex/**',
  '/Library/Application Support/ClaudeCode/**',
  '/Library/Application Support/Cursor/hooks.json',
  'ProgramData/ClaudeCode/**',
  'ProgramData/Cursor/hooks.json',
  // installed extension (every editor flavour) and the files that tell the editor what is installed
  ...EDITOR_HOMES.flatMap((d) => [`~/${d}`, `~/${d}/extensions`, `~/${d}/extensions/*airlock*`, `~/${d}/extensions/*airlock*/**`, `~/${d}/extensions/extensions.json`, `~/${d}/extensions/.obsolete`, `~/${d}/argv.json`]),
  '~/.local/share',
  '~/.local',
  // editors' user settings (loosening is honoured only there), their folders, workspace files, the audit log
  ...EDITOR_PRODUCTS.flatMap((p) => [`~/.config/${p}`, `~/Library/Application Support/${p}`, `AppData/Roaming/${p}`]),
  '~/.config',
  '~/Library/Application Support',
  '~/Library',
  ...USER_DATA.flatMap((u) => [
    u,
    `${u}/settings.json`,
    `${u}/profiles/*/settings.json`,
    `${u}/globalStorage`,
    `${u}/globalStorage/airlock-dev.airlock`,
    `${u}/globalStorage/airlock-dev.airlock/**`,
    `${u}/workspaceStorage`,
    `${u}/workspaceStorage/*`,
    `${u}/workspaceStorage/*/airlock-dev.airlock`,
    `${u}/workspaceStorage/*/airlock-dev.airlock/**`,
  ]),
  '*.code-workspace',
];

/** Environment variable names treated as credentials when printed (`echo $X`). Regex sources. */
export const CREDENTIAL_ENV_PATTERNS: readonly string[] = [
  '(?:^|_)(?:TOKENS?|SECRETS?|PASSWORD|PASSWD|PASS|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|CREDENTIALS?)(?:_|$)',
  '(?:^|_)KEY$',
  '^(?:AWS_SECRET_ACCESS_KEY|AWS_SESSION_TOKEN|GITHUB_TOKEN|GH_TOKEN|NPM_TOKEN|DATABASE_URL|RAILWAY_TOKEN|OPENAI_API_KEY|ANTHROPIC_API_KEY|STRIPE_SECRET_KEY)$',
];
