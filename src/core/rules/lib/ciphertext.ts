// A protected file whose whole content is ciphertext (Rails' encrypted credentials, an ansible-vault file, an
// age- or PGP-armored message) shows nothing to a reader without the key, which lives elsewhere and stays
// protected (config/master.key, the vault password file, the age identity).
import { normalizePath } from '../../paths';
import type { RuleContext } from '../types';

const RAILS_ENCRYPTED = /^[A-Za-z0-9+/]+={0,2}--[A-Za-z0-9+/]+={0,2}--[A-Za-z0-9+/]+={0,2}$/;
const ANSIBLE_VAULT = /^\$ANSIBLE_VAULT;\d+\.\d+;AES256(?:;[\w-]+)?\r?\n[0-9a-f\r\n]+$/;
const ARMORED = /^-----BEGIN (AGE ENCRYPTED FILE|PGP MESSAGE)-----\r?\n[\s\S]*\r?\n-----END \1-----$/;

export function ciphertextOnly(path: string, ctx: RuleContext): boolean {
  if (!ctx.facts || /[*?[{$`]/.test(path)) return false;
  const abs = normalizePath(path, { ...(ctx.cwd !== undefined ? { cwd: ctx.cwd } : {}), ...(ctx.home !== undefined ? { home: ctx.home } : {}) });
  if (!abs.startsWith('/') || ctx.facts.lstat(abs)?.kind !== 'file') return false;
  const text = ctx.facts.readText(abs, 256 * 1024)?.trim();
  return text !== undefined && text.length > 0 && (RAILS_ENCRYPTED.test(text) || ANSIBLE_VAULT.test(text) || ARMORED.test(text));
}
