// Pure pieces of hiding: which files stay protected because a live credential was found in them,
// and how one file is written as a pattern for the gate (absolute glob) and for the agents' ignore
// files (anchored gitignore line). No vscode, no fs: hiding.ts does the I/O.
import { escape as escapeGlob } from 'minimatch';

/** What one scan (of the whole tree, or of some files) says, for the remembered set. */
export interface ScanOutcome {
  /** Files with at least one unsilenced finding. */
  liveFiles: readonly string[];
  /** Files with any finding, silenced ones included. */
  foundFiles: readonly string[];
  /** What was scanned: the whole tree, or these files. */
  scanned: 'all' | readonly string[];
  /** Files the scan could not read (too large, unreadable): they say nothing either way. */
  skipped?: readonly string[];
}

/**
 * The remembered set of files protected by a finding. A file joins as soon as a live (unsilenced)
 * finding is seen in it. It leaves only when the person says so in the editor ("Not a secret",
 * "Move value to .env") or when a scan of it finds nothing at all any more (the value is gone, or
 * the file is). Silencing alone does not release it: an agent can write an `airlock:allow` comment
 * or an `.airlockignore` line, and nothing an agent writes may turn a block into an allow. (Removing
 * the value needs a write to the file, which the hooks already guard.)
 */
export function rememberFindings(remembered: readonly string[], scan: ScanOutcome): string[] {
  const set = new Set(remembered);
  for (const f of scan.liveFiles) set.add(f);
  const found = new Set(scan.foundFiles);
  const skipped = new Set(scan.skipped ?? []);
  const scanned = scan.scanned === 'all' ? undefined : new Set(scan.scanned);
  for (const f of remembered) {
    if ((scanned === undefined || scanned.has(f)) && !found.has(f) && !skipped.has(f)) set.delete(f);
  }
  return [...set].sort();
}

export function releaseFile(remembered: readonly string[], file: string): string[] {
  return remembered.filter((f) => f !== file);
}

/**
 * A policy glob for this literal path. Magic characters become character classes, not backslash
 * escapes, because the policy compiler reads a backslash as a path separator. Braces cannot be
 * escaped that way (brace expansion runs first), so each becomes `?`: one character, slightly wider,
 * which only ever protects more.
 */
export function literalGlob(p: string): string {
  return escapeGlob(p.replace(/\\/g, '/'), { windowsPathsNoEscape: true }).replace(/[{}]/g, '?');
}

/** Policy glob matching exactly this absolute file. */
export function gateGlobFor(root: string, rel: string): string {
  return literalGlob(`${root.replace(/\\/g, '/').replace(/\/+$/, '')}/${rel}`);
}

/** gitignore line matching exactly this workspace-relative file (anchored, specials escaped). */
export function ignoreLineFor(rel: string): string {
  const escaped = rel
    .replace(/\\/g, '/')
    .replace(/[\\*?[\]!#]/g, (c) => `\\${c}`)
    .replace(/^ | $/g, (c) => `\\${c}`);
  return `/${escaped}`;
}

/**
 * Policy globs that mean something inside a workspace, for ignore files: `~/…` (home) and absolute
 * paths such as `/proc/*\/environ` would be read as workspace-root paths there, so they are left out.
 */
export function workspaceGlobs(globs: readonly string[]): string[] {
  // Home and absolute paths (`AppData/...` is a Windows home path) are outside every workspace.
  return globs.filter((g) => !g.startsWith('~/') && !g.startsWith('/') && !/^[A-Za-z]:/.test(g) && !/^AppData\//i.test(g));
}

/** What Airlock mirrors for each agent it can hint to, by the agent's own ignore file. */
export const IGNORE_FILES_BY_AGENT: Readonly<Record<string, readonly string[]>> = {
  cursor: ['.cursorignore'],
  gemini: ['.geminiignore', '.aiexclude'],
  windsurf: ['.codeiumignore'],
  cline: ['.clineignore', '.rooignore'],
};

/** How each route hides secrets, in words for the UI. Only the hooks are a boundary. */
export interface HidingRoute {
  route: string;
  kind: 'boundary' | 'hint';
  detail: string;
}
