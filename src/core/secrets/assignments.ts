// Finds `secret-named key = value` pairs in any common syntax (.env, shell, JSON, YAML, TOML, code,
// CLI flags, HTTP headers), so credentials with no recognisable format (a bare UUID under
// "railwayToken") are still found. Only keys that name a secret are considered, so ids, hashes and
// UUIDs under ordinary keys never become findings.
import { shannonEntropy } from './entropy';
import { isPlausiblePassword, isPlausibleToken } from './values';
import { table } from '../table';

export const PLATFORMS = [
  'railway',
  'heroku',
  'vercel',
  'fly',
  'supabase',
  'netlify',
  'render',
  'cloudflare',
  'twilio',
  'aws',
] as const;
export type Platform = (typeof PLATFORMS)[number];

const PLATFORM_WORDS = table<Platform>({
  railway: 'railway',
  heroku: 'heroku',
  vercel: 'vercel',
  fly: 'fly',
  flyio: 'fly',
  supabase: 'supabase',
  netlify: 'netlify',
  render: 'render',
  cloudflare: 'cloudflare',
  cf: 'cloudflare',
  wrangler: 'cloudflare',
  twilio: 'twilio',
  aws: 'aws',
});

/** File names that say which platform their secrets belong to. */
const PLATFORM_FILES: [RegExp, Platform][] = [
  [/(^|\/)(\.?railway)[^/]*$|(^|\/)\.railway\//i, 'railway'],
  [/(^|\/)(\.?vercel)[^/]*$|(^|\/)\.vercel\//i, 'vercel'],
  [/(^|\/)fly\.toml$|(^|\/)\.fly\//i, 'fly'],
  [/(^|\/)netlify\.toml$|(^|\/)\.netlify\//i, 'netlify'],
  [/(^|\/)render\.ya?ml$/i, 'render'],
  [/(^|\/)wrangler\.(toml|json|jsonc)$/i, 'cloudflare'],
  [/(^|\/)\.?heroku[^/]*$/i, 'heroku'],
  [/(^|\/)supabase\//i, 'supabase'],
  [/(^|\/)\.aws\/credentials$/i, 'aws'],
];

/** Last word of a key that, alone, names a secret. */
const SECRET_WORDS = new Set([
  'token',
  'secret',
  'password',
  'passwd',
  'pwd',
  'pass',
  'passphrase',
  'apikey',
  'secretkey',
  'accesskey',
  'privatekey',
  'credential',
  'credentials',
  'auth',
  'authorization',
  'bearer',
  // WordPress' AUTH_SALT, LOGGED_IN_SALT…: random keys that sign the login cookies
  'salt',
]);
const PASSWORD_WORDS = new Set(['password', 'passwd', 'pwd', 'pass', 'passphrase']);
const JOINED_SUFFIXES = ['password', 'passwd', 'passphrase', 'secret', 'token', 'apikey'];

/** `key` names a secret only with one of these before it (`apiKey` yes, `key`/`sortKey` no). */
const KEY_QUALIFIERS = new Set([
  'api',
  'access',
  'secret',
  'private',
  'signing',
  'encryption',
  'master',
  'auth',
  'service',
  'role',
  'admin',
  'client',
  'app',
  'account',
  'deploy',
  'write',
  'session',
  'webhook',
  'ssh',
  'server',
  'license',
]);

/** Qualifiers that make a secret-sounding key a non-secret (public keys, pagination cursors, LLM limits). */
const NOT_SECRET_QUALIFIERS = new Set([
  'csrf',
  'xsrf',
  'next',
  'page',
  'pagination',
  'continuation',
  'cursor',
  'sync',
  'cancellation',
  'max',
  'min',
  'num',
  'total',
  'input',
  'output',
  'prompt',
  'completion',
  'public',
  'publishable',
  'anon',
  'no',
  'has',
  'is',
  'show',
  'use',
  'require',
  'requires',
  'forgot',
  'reset',
  'confirm',
  'hide',
  'non',
  'invalid',
  'fake',
  'mock',
  'dummy',
  'toggle',
  'hash',
  'hashed',
]);

export interface Assignment {
  key: string;
  /** Lowercased words of the key: `RAILWAY_API_TOKEN` -> railway, api, token. */
  words: string[];
  /** Offset of the value in the text. */
  index: number;
  value: string;
  kind: 'password' | 'token';
  /** The platform the key (or its enclosing section, or the file) names. */
  platform?: Platform;
}

export function keyWords(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0 && !/^\d+$/.test(w));
}

/** 'password' | 'token' when the key names a secret, else undefined. */
export function secretKeyKind(words: readonly string[]): 'password' | 'token' | undefined {
  if (words.length === 0) return undefined;
  if (words.some((w) => NOT_SECRET_QUALIFIERS.has(w))) return undefined;
  const last = words[words.length - 1]!;
  const prev = words[words.length - 2];
  // Rails' secret_key_base.
  if (last === 'base' && prev === 'key' && words.includes('secret')) return 'token';
  if (last === 'key') {
    if (prev === undefined) return undefined;
    if (KEY_QUALIFIERS.has(prev) || PLATFORM_WORDS[prev] !== undefined) return 'token';
    if (words.some((w) => PLATFORM_WORDS[w] !== undefined) && prev !== 'public') return 'token';
    return undefined;
  }
  if (SECRET_WORDS.has(last)) return PASSWORD_WORDS.has(last) ? 'password' : 'token';
  // Run-together names: PGPASSWORD, dbpassword, mytoken, slacktoken.
  const suffix = JOINED_SUFFIXES.find((x) => last.length > x.length && last.endsWith(x));
  if (suffix) return PASSWORD_WORDS.has(suffix) ? 'password' : 'token';
  return undefined;
}

/** Words after a secret word that make the key about the secret, not the secret (`token_url`, `secret_name`). */
const METADATA_WORDS = new Set(
  (
    'id ids name names type types url uri urls endpoint path file files dir length len size expiry expires expiration exp ttl ' +
    'timeout version field fields label prefix suffix header headers param params hash hashed count regex pattern policy arn ' +
    'ref refs env var vars format kind mode enabled disabled required rotation provider manager store storage location source ' +
    'scope scopes method algorithm alg min max placeholder description hint help message error errors title text created ' +
    'updated at date time status state valid validity lifetime audience issuer subject user username login email key keys ' +
    'file path command cmd script helper plugin backend'
  ).split(' '),
);
const INNER_SECRET_WORDS = new Set(['token', 'secret', 'password', 'passwd', 'apikey', 'credential', 'credentials', 'passphrase']);

/**
 * A secret word inside the key rather than at its end (`VERY_SECRET_TOO`, `db_password_prod`), as
 * gitleaks' generic rule reads keys; only when no metadata word follows it. Values under such keys
 * must look more random than under a plain `token` key.
 */
export function innerSecretKind(words: readonly string[]): 'password' | 'token' | undefined {
  if (words.length < 2 || words.some((w) => NOT_SECRET_QUALIFIERS.has(w))) return undefined;
  for (let i = words.length - 2; i >= 0; i--) {
    if (!INNER_SECRET_WORDS.has(words[i]!)) continue;
    if (words.slice(i + 1).some((w) => METADATA_WORDS.has(w))) return undefined;
    return PASSWORD_WORDS.has(words[i]!) ? 'password' : 'token';
  }
  return undefined;
}

function platformOfWords(words: readonly string[]): Platform | undefined {
  for (const w of words) {
    const p = PLATFORM_WORDS[w];
    if (p) return p;
  }
  // `flyApiToken` splits to fly/api/token, but `FLYIO` or `railwaytoken` stay whole.
  for (const w of words) for (const [name, p] of Object.entries(PLATFORM_WORDS)) if (name.length > 3 && w.startsWith(name)) return p;
  return undefined;
}

const SECTION_RE = new RegExp(
  String.raw`(?:^|[\s{,\[])["']?(?:\[)?([A-Za-z_.-]*(?:${Object.keys(PLATFORM_WORDS).join('|')})[A-Za-z_.-]*)["']?(?:\])?\s*(?::\s*(?:\{|\n)|=\s*\{|\n)`,
  'gi',
);

/** The platform named by an enclosing JSON/YAML/TOML section shortly before `at`. */
function platformOfSection(text: string, at: number): Platform | undefined {
  const start = Math.max(0, at - 300);
  const window = text.slice(start, at);
  let found: Platform | undefined;
  SECTION_RE.lastIndex = 0;
  for (let m = SECTION_RE.exec(window); m; m = SECTION_RE.exec(window)) {
    found = platformOfWords(keyWords(m[1]!)) ?? found;
  }
  return found;
}

export function platformOfPath(path: string): Platform | undefined {
  for (const [re, p] of PLATFORM_FILES) if (re.test(path)) return p;
  return undefined;
}

// Hits on these substrings are where secret-named keys can be; everything else is skipped.
const HIT_RE = /token|secret|pass|pwd|key|auth|credential|bearer|salt/gi;
const KEY_CHAR = /[A-Za-z0-9_.-]/;

// A backslash ends an unquoted value: `"X_TOKEN=abc\nNEXT=1"` inside a JSON string is two lines.
const UNQUOTED_RE = /(?:(?:Bearer|Basic|Token|bearer|token) +)?[^\s,;'"`)}\]\\]+/y;
/** Every assignment operator: make's `:::=`/`::=`/`?=`, Go's `:=`, PHP's `.=`, `??=`, `=>`, YAML's `:`. */
const SEP_RE = /:::=|::=|:=|=>|\?\?=|\?=|\.=|\+=|=(?!=)|:(?!:)/y;
/**
 * A type between the name and `=` (TS `apiToken: string = `, Python `TOKEN: str = `, Rust
 * `TOKEN: &'static str = `, Kotlin/Swift `val token: String = `), only before a quoted literal.
 */
const TYPED_SEP_RE = /[ \t]*:[ \t]*(?:&(?:'static[ \t]+)?)?[A-Za-z_][\w.]*(?:<[^>\n]{0,40}>)?(?:\[\])?\??[ \t]*=(?!=)[ \t]*(?=["'`])/y;
/** Go's `var apiToken string = "…"` and C-style `char *token = "…"` type after the name. */
const GO_TYPED_SEP_RE = /[ \t]+(?:\[\])?\*?[A-Za-z_][\w.]*[ \t]*=(?!=)[ \t]*(?=["'`])/y;
/** `setProperty("X_TOKEN", "…")`, `put("token", "…")`, `Setenv("TOKEN", "…")`: the name as a call's first argument. */
const ARG_SEP_RE = /[ \t]*,[ \t]*(?=["'`])/y;

// Keys repeat across a tree (password, apiKey, token): split each distinct key once.
const wordsCache = new Map<string, string[]>();
function cachedKeyWords(key: string): string[] {
  let w = wordsCache.get(key);
  if (!w) {
    if (wordsCache.size > 5000) wordsCache.clear();
    w = keyWords(key);
    wordsCache.set(key, w);
  }
  return w;
}

/** Source files, where an unquoted right-hand side is an expression (a variable), never a literal. */
const CODE_FILE = /\.(?:[cm]?[jt]sx?|py|rb|go|java|kts?|scala|cs|php|swift|rs|c|cc|cpp|h|hpp|m|dart|lua|pl|exs?|groovy|vue|svelte)$/i;

function readValue(text: string, i: number, code: boolean): { index: number; value: string } | undefined {
  const q = text[i];
  if (q === '"' || q === "'" || q === '`') {
    let j = i + 1;
    while (j < text.length && text[j] !== q && text[j] !== '\n') {
      if (text[j] === '\\') j++;
      j++;
    }
    if (text[j] !== q) return undefined;
    const value = text.slice(i + 1, j);
    if (q === '`' && value.includes('${')) return undefined;
    return { index: i + 1, value };
  }
  if (code) return undefined;
  // `Authorization: Bearer abc` unquoted (curl -H, HTTP files): the scheme and the token are one value.
  UNQUOTED_RE.lastIndex = i;
  const m = UNQUOTED_RE.exec(text);
  // Long unquoted values (certificates, long tokens in .env/YAML) are still values; past 8 kB it is data.
  if (!m || m[0].length > 8192) return undefined;
  // Unquoted values with calls, member access on identifiers or operators are code, not literals.
  if (/[(]/.test(m[0])) return undefined;
  return { index: i, value: m[0] };
}

/** `<password>value</password>`: the element's text, up to the next tag. */
function readXmlValue(text: string, i: number): { index: number; value: string } | undefined {
  const end = text.indexOf('<', i);
  if (end < 0 || end - i > 512) return undefined;
  const raw = text.slice(i, end);
  const value = raw.trim();
  return value ? { index: i + raw.indexOf(value), value } : undefined;
}

function sticky(re: RegExp, text: string, at: number): string | undefined {
  re.lastIndex = at;
  return re.exec(text)?.[0];
}

/**
 * The separator after a key ending at `e` (`i` is past an optional closing quote and blanks), as the
 * text it spans from `i`, or undefined. Typed forms are tried from the key's end.
 */
function matchSeparator(text: string, e: number, i: number, callArgument: boolean): { length: number } | undefined {
  const typed = sticky(TYPED_SEP_RE, text, e) ?? sticky(GO_TYPED_SEP_RE, text, e);
  if (typed) return { length: e + typed.length - i };
  if (callArgument) {
    const arg = sticky(ARG_SEP_RE, text, i);
    if (arg) return { length: arg.length };
  }
  const plain = sticky(SEP_RE, text, i);
  return plain ? { length: plain.length } : undefined;
}

/** The key at `s` is the first word after `ENV` on its line. */
function dockerEnvKey(text: string, s: number): boolean {
  const lineStart = text.lastIndexOf('\n', s - 1) + 1;
  return /^[ \t]*ENV[ \t]+$/i.test(text.slice(lineStart, s));
}

const ENV_DEFAULT_RE = /ENV\.fetch\(\s*["']([A-Za-z_][\w.-]*)["']\s*(?:\)\s*\{\s*|,\s*)|os\.(?:getenv|environ\.get)\(\s*["']([A-Za-z_]\w*)["']\s*,\s*|process\.env\.([A-Za-z_]\w*)\s*(?:\|\||\?\?)\s*|\$\{([A-Za-z_]\w*):?-/g;

/** The assignment of a literal value under `key` (at `s`), its value starting at `i`; undefined when either is no secret. */
function assignmentAt(text: string, key: string, s: number, i: number, code: boolean, xml: boolean, filePlatform: Platform | undefined): Assignment | undefined {
  const words = cachedKeyWords(key);
  // A bare `key` ("railway": { "key": … }) names a secret only inside a platform's section or file.
  const bareKey = words.length === 1 && words[0] === 'key';
  const direct = secretKeyKind(words) ?? (bareKey ? 'token' : undefined);
  const kind = direct ?? innerSecretKind(words);
  if (!kind) return undefined;
  const read = xml ? readXmlValue(text, i) : readValue(text, i, code);
  if (!read) return undefined;
  let { index, value } = read;
  const scheme = /^(?:Bearer|Basic|Token|token|bearer)\s+/.exec(value);
  if (scheme) {
    index += scheme[0].length;
    value = value.slice(scheme[0].length);
  }
  // Implausible values (references, placeholders, identifiers) go no further; the section lookup
  // below is the expensive part.
  if (!(kind === 'password' ? isPlausiblePassword(value) : isPlausibleToken(value))) return undefined;
  if (!direct && shannonEntropy(value) < 3.5) return undefined;
  const platform = platformOfWords(words) ?? platformOfSection(text, s) ?? filePlatform;
  if (bareKey && !platform) return undefined;
  return { key, words, index, value, kind, ...(platform ? { platform } : {}) };
}

/** Every `secret-named key = literal value` in the text. */
export function findSecretAssignments(text: string, path: string): Assignment[] {
  const out: Assignment[] = [];
  const filePlatform = platformOfPath(path);
  const code = CODE_FILE.test(path);
  // .netrc separates keys and values with spaces: `machine api.heroku.com login me password …`.
  const spaced = /(^|\/)[._]?netrc$/.test(path);
  // Dockerfiles' legacy `ENV KEY value` form separates with a space too.
  const dockerfile = /(^|\/)(?:[^/]*\.)?dockerfile(?:\.[^/]*)?$/i.test(path);
  HIT_RE.lastIndex = 0;
  for (let m = HIT_RE.exec(text); m; m = HIT_RE.exec(text)) {
    let s = m.index;
    let e = m.index + m[0].length;
    while (s > 0 && KEY_CHAR.test(text[s - 1]!)) s--;
    while (e < text.length && KEY_CHAR.test(text[e]!)) e++;
    HIT_RE.lastIndex = e;
    const cliFlag = text.startsWith('--', s);
    let i = e;
    if (text[i] === '"' || text[i] === "'") i++;
    // `os.environ["API_TOKEN"] = "…"`, `ENV['TOKEN'] = …`: a subscript key.
    if (text[i] === ']' && text[s - 2] === '[') i++;
    while (text[i] === ' ' || text[i] === '\t') i++;
    const quotedKey = (text[e] === '"' || text[e] === "'") && text[s - 1] === text[e];
    // `define('DB_PASSWORD', '…')`, `define( 'AUTH_KEY', '…' )`: the name as a call's first argument
    const callArgument = quotedKey && /\(\s*$/.test(text.slice(Math.max(0, s - 9), s - 1));
    const sep = matchSeparator(text, e, i, callArgument);
    // `<password>…</password>` in XML-ish files; in code the same shape is a regex group or a generic.
    const xml = !code && text[s - 1] === '<' && text[e] === '>';
    if (xml) i = e + 1;
    else if (sep) i += sep.length;
    else if (!((cliFlag || spaced || (dockerfile && dockerEnvKey(text, s))) && (text[e] === ' ' || text[e] === '\t' || text[e] === '='))) continue;
    while (text[i] === ' ' || text[i] === '\t') i++;
    const found = assignmentAt(text, text.slice(s, e).replace(/^-+/, ''), s, i, code, xml, filePlatform);
    if (found) out.push(found);
  }
  // `ENV.fetch("DB_PASSWORD") { "…" }`, `os.getenv("API_TOKEN", "…")`, `process.env.SECRET || "…"`,
  // `${DB_PASSWORD:-…}`: the default a program falls back to is a literal value under that name
  ENV_DEFAULT_RE.lastIndex = 0;
  for (let m = ENV_DEFAULT_RE.exec(text); m; m = ENV_DEFAULT_RE.exec(text)) {
    const name = m[1] ?? m[2] ?? m[3] ?? m[4]!;
    const found = assignmentAt(text, name, m.index, m.index + m[0].length, code, false, filePlatform);
    if (found) out.push(found);
  }
  return out;
}
