// Binary credential containers (PKCS#12, Java keystores, ...) are found by their name and never read:
// their contents are binary and often password-protected, but the file itself is the credential.
import type { Severity } from '../action';
import { findingFingerprint } from './fingerprint';
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

/** The finding for a credential file at `path` (root-relative, forward slashes), or undefined. */
export function credentialFileFinding(path: string, ignore?: IgnoreRules): SecretFinding | undefined {
  const base = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  const rule = PATH_RULES.find((r) => r.name.test(base));
  if (!rule) return undefined;
  const finding: SecretFinding = {
    file: path,
    line: 1,
    column: 1,
    length: 0,
    rule: rule.id,
    reason: rule.reason,
    severity: rule.severity,
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
