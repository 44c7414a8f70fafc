// One file, start to finish: read (size and binary checks) then the pure scan. Runs in a worker
// thread or, for single files and tests, on the caller's thread.
import path from 'node:path';
import { credentialFileFinding } from '../core/secrets/credential_files';
import { scanText } from '../core/secrets/scan';
import type { IgnoreRules } from '../core/secrets/silence';
import type { SecretFinding } from '../core/secrets/types';
import { readForScan } from './read';

export type FileOutcome = 'scanned' | 'binary' | 'too-large' | 'unreadable';

export interface FileResult {
  /** Root-relative, forward slashes. */
  file: string;
  outcome: FileOutcome;
  bytes: number;
  findings: SecretFinding[];
  message?: string;
}

export interface ScanFileOptions {
  maxFileBytes: number;
  ignore?: IgnoreRules;
}

export function scanFileAt(root: string, rel: string, options: ScanFileOptions): FileResult {
  // Keystores and PKCS#12 files are credentials by name; their bytes are never read.
  const byName = credentialFileFinding(rel, options.ignore);
  if (byName) return { file: rel, outcome: 'scanned', bytes: 0, findings: [byName] };
  const read = readForScan(path.join(root, rel), options.maxFileBytes);
  switch (read.kind) {
    case 'text':
      return {
        file: rel,
        outcome: 'scanned',
        bytes: read.bytes,
        findings: scanText(rel, read.text, options.ignore ? { ignore: options.ignore } : {}),
      };
    case 'binary':
      return { file: rel, outcome: 'binary', bytes: read.bytes, findings: [] };
    case 'too-large':
      return { file: rel, outcome: 'too-large', bytes: read.bytes, findings: [] };
    case 'unreadable':
      return { file: rel, outcome: 'unreadable', bytes: 0, findings: [], message: read.message };
  }
}
