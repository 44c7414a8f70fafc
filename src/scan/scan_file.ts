// One file, start to finish: read (size and binary checks) then the pure scan. Runs in a worker
// thread or, for single files and tests, on the caller's thread.
import fs from 'node:fs';
import path from 'node:path';
import { CREDENTIAL_FILE_READ_BYTES, credentialFileFinding, type FileHead } from '../core/secrets/credential_files';
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

/** The head of the file (up to CREDENTIAL_FILE_READ_BYTES) and its size, or undefined when it cannot be read. */
function readHead(file: string): FileHead | undefined {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    // Enough of a PKCS#12 file to check its MAC against well-known passwords (core/secrets/pkcs12.ts)
    const size = fs.fstatSync(fd).size;
    const bytes = Buffer.alloc(Math.min(Math.max(size, 16), CREDENTIAL_FILE_READ_BYTES));
    let n = 0;
    for (let got = 1; got > 0 && n < bytes.length; n += got) got = fs.readSync(fd, bytes, n, bytes.length - n, n);
    return { bytes: bytes.subarray(0, n), size };
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

export function scanFileAt(root: string, rel: string, options: ScanFileOptions): FileResult {
  // Keystores and PKCS#12 files are credentials by name; only their head is read (an empty file or a `.p12`
  // that is not PKCS#12 is no keystore; a PKCS#12 file whose MAC no well-known password opens is encrypted).
  const byName = credentialFileFinding(rel, options.ignore, () => readHead(path.join(root, rel)));
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
