// Whether a literal under a secret-named key is plausibly a live credential rather than a word,
// an identifier, a path, a URL or a placeholder. Thresholds are tuned on test/fixtures/secrets.
import { charClasses, shannonEntropy, UUID_RE } from './entropy';
import { isPlaceholder } from './placeholders';

const FILE_LIKE = /\.(json|ya?ml|toml|pem|key|crt|cer|p12|pfx|txt|env|js|ts|py|rb|sh|conf|cfg|ini)$/i;

function isStructural(value: string): boolean {
  if (/\s/.test(value)) return true;
  if (/^(?:true|false|null|nil|none|undefined|yes|no|on|off)$/i.test(value)) return true;
  if (/^[0-9.+-]+$/.test(value)) return true; // numbers, versions
  if (/^(?:\/|\.\.?\/|~\/|[A-Za-z]:\\)/.test(value)) return true; // paths
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return true; // URLs (credentials in URLs have their own rule)
  if (/^[^@\s]+@[^@\s]+\.[a-z]{2,}$/i.test(value)) return true; // e-mail
  if (FILE_LIKE.test(value)) return true;
  // Dotted / namespaced identifiers: config.auth.token, Foo::Bar, my_module.SECRET
  if (/^[A-Za-z_$][\w$]*(?:(?:\.|::)[A-Za-z_$][\w$]*)+$/.test(value)) return true;
  // kebab/snake/camel identifiers made only of letters: db-password-name, SECRET_NAME, mySecretName
  if (/^[A-Za-z]+(?:[-_][A-Za-z]+)*$/.test(value) && value.length < 32) return true;
  return false;
}

export function isPlausiblePassword(value: string): boolean {
  if (value.length < 8 || value.length > 200) return false;
  if (isStructural(value) || isPlaceholder(value)) return false;
  return charClasses(value) >= 2 && shannonEntropy(value) >= 2.5;
}

export function isPlausibleToken(value: string): boolean {
  if (value.length < 16 || value.length > 1024) return false;
  if (isStructural(value) || isPlaceholder(value)) return false;
  if (UUID_RE.test(value)) return true;
  const h = shannonEntropy(value);
  if (/[0-9]/.test(value) && /[A-Za-z]/.test(value)) return h >= 3.0;
  return value.length >= 32 && h >= 3.8;
}
