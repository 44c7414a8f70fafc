// Whether a literal under a secret-named key is plausibly a live credential rather than a word,
// an identifier, a path, a URL or a placeholder. Thresholds are tuned on test/fixtures/secrets.
import { charClasses, shannonEntropy, UUID_RE } from './entropy';
import { isPasswordPlaceholder, isPlaceholder } from './placeholders';

export const TELEGRAM_BOT_TOKEN = /^\d{5,16}:A[A-Za-z0-9_-]{34}$/;

const FILE_LIKE = /\.(json|ya?ml|toml|pem|key|crt|cer|p12|pfx|txt|env|js|ts|py|rb|sh|conf|cfg|ini)$/i;

function isStructural(value: string): boolean {
  if (/\s/.test(value)) return true;
  // 32+ characters drawn from every class at random (WordPress salts, generated passwords): no path, type or
  // template reads like that, whatever character it starts with
  if (value.length >= 32 && /[^\w]/.test(value) && shannonEntropy(value) >= 5) return false;
  if (value.includes('${') || value.includes('{{')) return true; // interpolated, so not a literal
  if (/^(?:true|false|null|nil|none|undefined|yes|no|on|off)$/i.test(value)) return true;
  if (/^[0-9.+-]+$/.test(value)) return true; // numbers, versions
  if (/^(?:\/|\.\.?\/|~\/|[A-Za-z]:\\)/.test(value)) return true; // paths
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return true; // URLs (credentials in URLs have their own rule)
  if (/^urn:/i.test(value)) return true;
  if (/^[^@\s]+@[^@\s]+\.[a-z]{2,}$/i.test(value)) return true; // e-mail
  if (FILE_LIKE.test(value)) return true;
  // Dotted / namespaced identifiers: config.auth.token, Foo::Bar, my_module.SECRET (not `pat123x.f867…`,
  // whose parts are random).
  if (/^[A-Za-z_$][A-Za-z_$]*\d{0,2}(?:(?:\.|::)[A-Za-z_$][A-Za-z_$]*\d{0,2})+$/.test(value)) return true;
  // Package coordinates and versioned names: jjwt-jackson-0.11.2, lib@1.2.3
  if (/[-@:]v?\d+\.\d+(?:\.\d+)?(?:[-.][A-Za-z0-9]+)?$/.test(value) && !/\d{5}/.test(value)) return true;
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

/** Base64 (padded) of a placeholder: `Y2hhbmdlbWU=` is `changeme` in a Kubernetes Secret. */
function isEncodedPlaceholder(value: string): boolean {
  if (!/^[A-Za-z0-9+/]{6,}={1,2}$/.test(value)) return false;
  try {
    const decoded = atob(value);
    return /^[\x20-\x7e]+$/.test(decoded) && (isPlaceholder(decoded) || decoded.length < 6);
  } catch {
    return false;
  }
}

/**
 * Letters in random case (`rZBqWkeP-aLmXnTq`, what a password generator makes) rather than words someone wrote.
 * Split into humps as camelCase reads (`get|User|By|Id`): a name's humps average several letters, mostly longer
 * than two, and are pronounceable; a random string's are short, or several have no vowel.
 */
function isRandomCase(value: string): boolean {
  const letters = value.replace(/[^A-Za-z]/g, '');
  if (letters.length < 12 || !/[a-z]/.test(letters) || !/[A-Z]/.test(letters)) return false;
  const humps = value.match(/[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+/g) ?? [];
  if (humps.length === 0) return false;
  const short = humps.filter((h) => h.length <= 2).length;
  const vowelless = humps.filter((h) => h.length >= 2 && h !== h.toUpperCase() && !/[aeiouy]/i.test(h)).length;
  return letters.length / humps.length < 2.5 || short * 2 > humps.length || vowelless >= 2;
}

export function isPlausiblePassword(value: string): boolean {
  if (value.length < 6 || value.length > 200) return false;
  if (isStructural(value) || isPasswordPlaceholder(value) || isEncodedPlaceholder(value)) return false;
  if (isIdentifier(value) && !isPassphrase(value) && !isRandomCase(value)) return false;
  return charClasses(value) >= 2 && shannonEntropy(value) >= 2.5;
}

/**
 * camelCase or PascalCase words run together (`refreshTokenClientAcquireToken`): mostly one capital
 * followed by three or more lower-case letters. Random mixed-case letters rarely are.
 */
function isRunTogetherWords(letters: string): boolean {
  const words = letters.match(/[A-Z]?[a-z]+|[A-Z]+(?![a-z])/g) ?? [];
  return words.length > 0 && words.filter((w) => w.length >= 4).length * 2 >= words.length && letters.length / words.length >= 4;
}

/**
 * Entropy needed per character set, as gitleaks does it: hex carries 4 bits a character at most,
 * base64 6, so the same threshold would let long hex through and stop short base64.
 */
function entropyThreshold(value: string): number {
  if (/^[0-9a-f]+$/i.test(value)) return value.length >= 32 ? 3.0 : 2.8;
  return 3.0;
}

export function isPlausibleToken(value: string): boolean {
  if (value.length < 16 || value.length > 8192) return false;
  if (isStructural(value) || isIdentifier(value) || isPlaceholder(value) || isEncodedPlaceholder(value)) return false;
  if (UUID_RE.test(value)) return true;
  if (!/[A-Za-z]/.test(value)) return false;
  // Shaped like a Telegram bot token (`<bot id>:A…`) but not one: the real format is exact, so a
  // near miss was written by hand (telegram-bot-token reports the real ones).
  if (/^\d{3,20}:A/.test(value) && !TELEGRAM_BOT_TOKEN.test(value)) return false;
  if (!/[0-9]/.test(value)) {
    // Letters-only tokens exist (HuggingFace `hf_…`): random mixed case, not words run together.
    const letters = value.replace(/[^A-Za-z]/g, '');
    if (letters.length < 20 || isRunTogetherWords(letters)) return false;
    const mixed = /[a-z]/.test(letters) && /[A-Z]/.test(letters);
    return shannonEntropy(value) >= (mixed ? 3.8 : 4.0);
  }
  return shannonEntropy(value) >= entropyThreshold(value);
}
