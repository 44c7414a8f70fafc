// Binary credential containers (PKCS#12, Java keystores, ...) are found by their name: their contents
// are binary and often password-protected, but the file itself is the credential. Only the first bytes
// are read, to tell a keystore from an empty file or a `.p12` that is not PKCS#12 at all; when the whole
// of a small PKCS#12 file is at hand, its MAC tells whether a well-known password opens it (a finding,
// critical) or a password kept elsewhere protects it (encrypted content, like an ansible-vault file: no
// finding). One whose MAC cannot be checked is judged by its name.
import type { Severity } from '../action';
import { findingFingerprint } from './fingerprint';
import { pkcs12Access } from './pkcs12';
import { redact } from './redact';
import { fileSilence, type IgnoreRules } from './silence';
import type { SecretFinding } from './types';

export interface PathRule {
  id: string;
  reason: string;
  severity: Severity;
  /** Matched against the file's base name, lower-cased. */
  name: RegExp;
  examples: { flag: string[]; allow: string[] };
}

export const CREDENTIAL_FILE_RULE: PathRule = {
  id: 'credential-file',
  reason: 'A binary credential store (PKCS#12, Java or Android keystore, Kerberos keytab, KeePass database); whoever copies it holds the keys inside.',
  severity: 'high',
  name: /^(?:.+\.(?:p12|pfx|jks|jceks|bks|keystore|pkcs12|keytab|kdbx|gpg-key|asc-key)|keystore|\.keystore|truststore\.jks)$/,
  examples: {
    flag: ['certs/server.p12', 'deploy/client.pfx', 'android/app/release.keystore', 'conf/broker.jks', 'keys/host.keytab', 'secrets/vault.kdbx'],
    allow: ['docs/p12-format.md', 'src/keystore.ts', 'lib/jks_reader.py', 'test.p12.md'],
  },
};

export const PATH_RULES: readonly PathRule[] = [CREDENTIAL_FILE_RULE];

/** The start of a file and its size; undefined when it cannot be read (then the name decides alone). */
export interface FileHead {
  /**
   * The first bytes: 16 are enough to tell PKCS#12 from other bytes; the whole file (up to
   * CREDENTIAL_FILE_READ_BYTES) also lets a PKCS#12 file's password be checked.
   */
  bytes: Uint8Array;
  size: number;
}

/** Read this much of a credential-named file (PKCS#12 key stores are a few kilobytes) to check its MAC. */
export const CREDENTIAL_FILE_READ_BYTES = 64 * 1024;

function describePassword(password: string): string {
  if (password === '') return 'no password';
  if (password === 'notasecret') return "Google Cloud's service-account password `notasecret`";
  return `the well-known password \`${password}\``;
}

/**
 * A PKCS#12 file is one DER SEQUENCE (PFX) whose first element is the version, INTEGER 3, and whose
 * declared length fits in the file. Random bytes, an empty file or a truncated copy are not.
 */
export function isPkcs12(head: FileHead): boolean {
  const b = head.bytes;
  if (b.length < 5 || b[0] !== 0x30) return false;
  let hdr = 2;
  let len = b[1]!;
  if (len === 0x80) len = -1; // BER indefinite length: the end is not declared
  else if (len > 0x80) {
    const n = len & 0x7f;
    if (n > 4 || b.length < 2 + n + 3) return false;
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + b[2 + i]!;
    hdr += n;
  }
  if (b[hdr] !== 0x02 || b[hdr + 1] !== 0x01 || b[hdr + 2] !== 0x03) return false;
  return len < 0 || hdr + len <= head.size;
}

const PKCS12_NAME = /\.(?:p12|pfx|pkcs12)$/;

/**
 * The finding for a credential file at `path` (root-relative, forward slashes), or undefined. `head`
 * reads the file's first bytes when its name matches: an empty file holds no key, and a `.p12`/`.pfx`
 * that is not PKCS#12 is not a keystore.
 */
export function credentialFileFinding(path: string, ignore?: IgnoreRules, head?: () => FileHead | undefined): SecretFinding | undefined {
  const base = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  const rule = PATH_RULES.find((r) => r.name.test(base));
  if (!rule) return undefined;
  const start = head?.();
  if (start && (start.size === 0 || (PKCS12_NAME.test(base) && !isPkcs12(start)))) return undefined;
  // The whole file at hand: a PKCS#12 MAC says whether a well-known password opens it.
  const access = start && start.bytes.length === start.size && isPkcs12(start) ? pkcs12Access(start.bytes) : undefined;
  if (access?.kind === 'protected') return undefined;
  const opens = access?.kind === 'opens' ? access.password : undefined;
  const finding: SecretFinding = {
    file: path,
    line: 1,
    column: 1,
    length: 0,
    rule: rule.id,
    reason:
      opens === undefined
        ? rule.reason
        : `A PKCS#12 key store that opens with ${describePassword(opens)}: whoever copies it holds the private key inside.`,
    severity: opens === undefined ? rule.severity : 'critical',
    secret: redact(''),
    fingerprint: findingFingerprint(rule.id, path, ''),
  };
  let ignored = false;
  try {
    ignored = ignore?.paths.ignores(path) ?? false;
  } catch {
    ignored = false;
  }
  const silence = ignore?.fingerprints.has(finding.fingerprint)
    ? { by: 'ignore-file' as const, detail: `fingerprint:${finding.fingerprint}` }
    : ignore?.rules.has(rule.id)
      ? { by: 'ignore-file' as const, detail: `rule:${rule.id}` }
      : ignored
        ? { by: 'ignore-file' as const, detail: 'path matches .airlockignore' }
        : fileSilence(path, '');
  if (silence) finding.silenced = silence;
  return finding;
}
