// Whether a literal under a secret-named key is plausibly a live credential rather than a word,
// an identifier, a path, a URL or a placeholder. Thresholds are tuned on test/fixtures/secrets.
import { charClasses, shannonEntropy, UUID_RE } from './entropy';
import { isPlaceholder } from './placeholders';

const FILE_LIKE = /\.(json|ya?ml|toml|pem|key|crt|cer|p12|pfx|txt|env|js|ts|py|rb|sh|conf|cfg|ini)$/i;

function isStructural(value: string): boolean {
  if (/\s/.test(value)) return true;
  if (value.includes('${') || value.includes('{{')) return true; // interpolated, so not a literal
  if (/^(?:true|false|null|nil|none|undefined|yes|no|on|off)$/i.test(value)) return true;
  if (/^[0-9.+-]+$/.test(value)) return true; // numbers, versions
  if (/^(?:\/|\.\.?\/|~\/|[A-Za-z]:\\)/.test(value)) return true; // paths
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return true; // URLs (credentials in URLs have their own rule)
  if (/^urn:/i.test(value)) return true;
  if (/^[^@\s]+@[^@\s]+\.[a-z]{2,}$/i.test(value)) return true; // e-mail
  if (FILE_LIKE.test(value)) return true;
  // Dotted / namespaced identifiers: config.auth.token, Foo::Bar, my_module.SECRET
  if (/^[A-Za-z_$][\w$]*(?:(?:\.|::)[A-Za-z_$][\w$]*)+$/.test(value)) return true;
  // Password hashes (bcrypt, argon2, scrypt, crypt): stored verifiers, not credentials.
  if (/^\$(?:2[aby]?|argon2(?:id|i|d)|scrypt|pbkdf2[\w-]*|[156])\$/.test(value)) return true;
  // Type expressions and generics: Optional[str], Array<string>, Record<K, V>
  if (/^[A-Za-z_$][\w$]*[[<]/.test(value)) return true;
  return false;
}

/** kebab/snake/camel identifiers made only of letters: db-password-name, SECRET_NAME, mySecretName. */
function isIdentifier(value: string): boolean {
  return /^[A-Za-z]+(?:[-_][A-Za-z]+)*$/.test(value) && value.length < 32;
}

/** A passphrase of three or more words (correct-horse-battery-staple) is a password, not an identifier. */
function isPassphrase(value: string): boolean {
  return value.length >= 12 && value.split(/[-_ ]/).length >= 3;
}

export function isPlausiblePassword(value: string): boolean {
  if (value.length < 6 || value.length > 200) return false;
  if (isStructural(value) || isPlaceholder(value)) return false;
  if (isIdentifier(value) && !isPassphrase(value)) return false;
  return charClasses(value) >= 2 && shannonEntropy(value) >= 2.5;
}

export function isPlausibleToken(value: string): boolean {
  if (value.length < 16 || value.length > 1024) return false;
  if (isStructural(value) || isIdentifier(value) || isPlaceholder(value)) return false;
  if (UUID_RE.test(value)) return true;
  // Random tokens of 16+ characters almost always hold a digit (a 32-char base62 string has none with
  // probability 0.4%); long letter-only strings are names (`refreshTokenClientAcquireToken…`).
  if (!/[0-9]/.test(value) || !/[A-Za-z]/.test(value)) return false;
  return shannonEntropy(value) >= 3.0;
}
