// Walks a workspace the way git sees it: nested .gitignore files apply to their own subtree, .git and
// node_modules are never entered. Files that usually hold credentials (.env, *.pem, ...) are walked
// even when gitignored, because ignored-but-present is exactly where agents find them.
import fs from 'node:fs';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';

const NEVER_ENTER = new Set(['.git', 'node_modules', '.hg', '.svn']);

/** Airlock's own silencing file: read by the scanner, never scanned. */
export const AIRLOCK_IGNORE_FILE = '.airlockignore';

/**
 * Names scanned even when a .gitignore hides them: well-known secret files, and any file whose name
 * says it holds secrets (`secrets.json`, `prod-credentials.yaml`, `api_token.txt`).
 */
export const ALWAYS_SCAN =
  /^(?:\.env(?:\..*)?|.*\.(?:pem|key|p8|p12|pfx|jks|keystore|kdbx|tfvars|tfstate(?:\.backup)?)|id_(?:rsa|ed25519|ecdsa|dsa)|\.npmrc|\.netrc|\.pgpass|\.pypirc|\.dockercfg|.*(?:secret|credential|token|passw|apikey|api[-_]key|auth).*)$/i;

interface Scope {
  /** Directory of the .gitignore, relative to root, '' for the root. */
  dir: string;
  rules: Ignore;
}

export interface WalkOptions {
  /** Set false to walk gitignored files too (the CLI's --no-gitignore). */
  gitignore?: boolean;
}

function isIgnored(scopes: readonly Scope[], rel: string, isDir: boolean): boolean {
  let ignored = false;
  for (const s of scopes) {
    const sub = s.dir === '' ? rel : rel.slice(s.dir.length + 1);
    const probe = isDir ? `${sub}/` : sub;
    // Deeper .gitignore files override shallower ones, including `!re-include` lines.
    const r = s.rules.test(probe);
    if (r.ignored) ignored = true;
    else if (r.unignored) ignored = false;
  }
  return ignored;
}

async function readGitignore(dirAbs: string): Promise<Ignore | undefined> {
  try {
    return ignore().add(await fs.promises.readFile(path.join(dirAbs, '.gitignore'), 'utf8'));
  } catch {
    return undefined;
  }
}

/**
 * Yields every file to scan as a root-relative path with forward slashes. Directories are read with
 * async I/O one at a time, so a caller on the extension host keeps its event loop responsive.
 */
export async function* walkFiles(root: string, options: WalkOptions = {}): AsyncGenerator<string> {
  const useGitignore = options.gitignore !== false;
  const stack: { rel: string; scopes: Scope[] }[] = [{ rel: '', scopes: [] }];
  while (stack.length > 0) {
    const { rel, scopes: parentScopes } = stack.pop()!;
    const abs = rel === '' ? root : path.join(root, rel);
    let entries: fs.Dirent[];
    try {
      entries = await fs.promises.readdir(abs, { withFileTypes: true });
    } catch {
      continue; // vanished or unreadable directory: nothing to scan there
    }
    let scopes = parentScopes;
    if (useGitignore && entries.some((e) => e.name === '.gitignore' && e.isFile())) {
      const rules = await readGitignore(abs);
      if (rules) scopes = [...parentScopes, { dir: rel, rules }];
    }
    const dirs: string[] = [];
    for (const e of entries) {
      const childRel = rel === '' ? e.name : `${rel}/${e.name}`;
      if (e.isDirectory()) {
        if (NEVER_ENTER.has(e.name)) continue;
        if (useGitignore && isIgnored(scopes, childRel, true)) continue;
        dirs.push(childRel);
      } else if (e.isFile()) {
        if (useGitignore && !ALWAYS_SCAN.test(e.name) && isIgnored(scopes, childRel, false)) continue;
        yield childRel;
      }
      // Symlinks are not followed: they can loop, or lead outside the workspace.
    }
    for (let i = dirs.length - 1; i >= 0; i--) stack.push({ rel: dirs[i]!, scopes });
  }
}
