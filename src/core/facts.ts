// What the hook, the gate and the CLI can tell core about the real file system at decision time.
// Core does no I/O: these are injected (src/host/facts.ts builds them). Every method is bounded by
// the host; `undefined` means "could not be known" (missing, unreadable, over a bound, not a regular
// file), and a risky consumer treats unknown as risky (ask), never as harmless.

export interface FileFacts {
  kind: 'file' | 'dir' | 'symlink' | 'other';
  size: number;
  mtimeMs: number;
  dev: number;
  ino: number;
  /** Hard link count: > 1 on a regular file means another name may reach the same content. */
  nlink: number;
}

export interface GlobFacts {
  /** Absolute paths the pattern matched, in bash's order (sorted). */
  matches: string[];
  /** False when a bound (entries listed, depth, time) cut the expansion short. */
  complete: boolean;
}

export interface ContentSecret {
  /** The detector that fired (same ids as `airlock scan`). */
  detector: string;
  /** Redacted preview: never the secret itself. */
  preview: string;
  line: number;
}

/**
 * Whether git can give a file back: 'clean' (its bytes are what the index holds), 'modified' (uncommitted
 * edits, or a merge conflict), 'untracked' (the index does not list it, ignored or not), 'no-repo' (no
 * repository holds it).
 */
export type GitFileState = 'clean' | 'modified' | 'untracked' | 'no-repo';

export interface FsFacts {
  /** Like lstat (a link is reported as 'symlink'), for an absolute path. */
  lstat(absPath: string): FileFacts | undefined;
  /** Like stat (links followed). */
  stat(absPath: string): FileFacts | undefined;
  /** Where an absolute path really leads (symlinks followed); see host/real_path.ts. */
  realPath(absPath: string): string | undefined;
  /**
   * Names in a directory (no `.`/`..`), bounded. `kinds[i]` (when the host knows it without a stat per
   * entry) is what `names[i]` is, so a tree walk need not lstat every entry.
   */
  listDir(absPath: string): { names: string[]; complete: boolean; kinds?: FileFacts['kind'][] } | undefined;
  /**
   * Expand one shell word's glob (`*`, `?`, `[..]`, and `**` when globstar) as bash would, against
   * the real directories, relative to `cwd` when not absolute. Dotfiles match only a leading `.`
   * unless `dotglob`. Brace and tilde expansion happen before this (core does them).
   */
  glob(pattern: string, cwd: string, options?: { dotglob?: boolean; globstar?: boolean }): GlobFacts | undefined;
  /** A small regular file's text (default bound 256 KB); no devices, FIFOs or sockets. */
  readText(absPath: string, maxBytes?: number): string | undefined;
  /**
   * Live credentials in a regular file's content, with the same detectors as `airlock scan`
   * (bounded: ≤ 256 KB, cached by path + size + mtime + inode). [] when clean; undefined when it
   * could not be checked.
   */
  secretsIn(absPath: string): ContentSecret[] | undefined;
  /**
   * Git's hold on an existing file, read from the repository's index (never by running git, which would run
   * the repository's own hooks and filters). Undefined when it could not be known. Optional: a host without
   * it gives "unknown" for every file.
   */
  gitState?(absPath: string): GitFileState | undefined;
  /**
   * What a read-only git history reader prints in `repoDir` (`['show', 'HEAD~4:deploy.sh']`, `['log', '-p', '--',
   * 'f']`), run by the host under rules that let no repository configuration run a program (host/git_read.ts),
   * bounded in time and size. Undefined when it could not (or would not) be run.
   */
  gitRead?(repoDir: string, args: readonly string[]): string | undefined;
  /** Member file names of a zip or tar(.gz) archive, bounded; undefined for formats it cannot list. */
  archiveEntries?(absPath: string): { names: string[]; complete: boolean } | undefined;
}
