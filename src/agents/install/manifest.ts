// What Airlock created in each config file (the file itself, or keys that were not there), so
// uninstall can take back exactly that and nothing the person had before.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ensurePrivateDir, writeFileAtomic } from '../../gate/state_dir';

export interface FileRecord {
  createdFile: boolean;
  /** JSON paths (as JSON strings) of keys Airlock added. */
  createdPaths: string[];
  /** Directories Airlock created for a new file, deepest first. */
  createdDirs?: string[];
  /** Strings Airlock appended to lists the person may also use (e.g. Claude permissions.deny). */
  addedStrings?: Array<{ path: Array<string | number>; value: string }>;
}

type Manifest = Record<string, FileRecord>;

function manifestFile(root: string): string {
  return path.join(root, 'installs.json');
}

function load(root: string): Manifest {
  try {
    const m = JSON.parse(fs.readFileSync(manifestFile(root), 'utf8')) as unknown;
    return m && typeof m === 'object' ? (m as Manifest) : {};
  } catch {
    return {};
  }
}

export function getRecord(root: string, file: string): FileRecord | undefined {
  return load(root)[path.resolve(file)];
}

export function putRecord(root: string, file: string, rec: FileRecord | undefined): void {
  const m = load(root);
  const key = path.resolve(file);
  if (rec) m[key] = rec;
  else delete m[key];
  ensurePrivateDir(root);
  writeFileAtomic(manifestFile(root), `${JSON.stringify(m, null, 2)}\n`);
}
