// Mirrors the protected paths into every agent's own ignore mechanism, inside a clearly marked block
// that Airlock owns: the person's own lines are never touched, writing twice changes nothing, and
// removal leaves the file as it was (or deletes it if Airlock created it).
// None of these files is a security boundary (shell and MCP tools read around all of them); the
// hooks are. They are mirrored anyway so agents' search, indexing and @-mentions skip secrets too.
import fs from 'node:fs';
import path from 'node:path';

export interface IgnoreTarget {
  file: string;
  agent: string;
  /** What the file really covers, for the UI ("hint" everywhere: see the header comment). */
  covers: string;
}

export const IGNORE_TARGETS: readonly IgnoreTarget[] = [
  { file: '.cursorignore', agent: 'Cursor', covers: 'hint: search, Tab, Agent reads and @-mentions; not terminal or MCP' },
  { file: '.geminiignore', agent: 'Gemini CLI', covers: 'hint: tools that support it, after a restart' },
  { file: '.aiexclude', agent: 'Gemini Code Assist', covers: 'hint: context and completions' },
  { file: '.codeiumignore', agent: 'Windsurf', covers: 'hint: indexing only' },
  { file: '.rooignore', agent: 'Roo Code', covers: 'hint: read/write tools and @-mentions; not most commands' },
  { file: '.clineignore', agent: 'Cline', covers: 'hint: file tools and @-mentions' },
  { file: '.aiderignore', agent: 'aider', covers: 'hint: repo map and chat' },
];

export const BLOCK_BEGIN = '# >>> airlock: protected paths (managed by Airlock; edit them in Airlock, not here) >>>';
export const BLOCK_END = '# <<< airlock: protected paths <<<';

/** One gitignore-syntax pattern per line; blank, comment and multi-line entries are dropped. */
function cleanPatterns(patterns: readonly string[]): string[] {
  const seen = new Set<string>();
  for (const p of patterns) {
    const t = p.trim();
    if (t === '' || t.startsWith('#') || /[\r\n]/.test(p.trim())) continue;
    seen.add(t);
  }
  return [...seen];
}

/**
 * The text with Airlock's block (markers included, plus the blank line Airlock put before it)
 * removed; text without a block comes back unchanged. An unterminated block (someone deleted the end
 * marker) runs to the end of the file: those lines were Airlock's.
 */
export function removeManagedBlock(text: string): string {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  let lines = text.split(/\r?\n/);
  let begin = lines.findIndex((l) => l.trim() === BLOCK_BEGIN);
  if (begin < 0) return text;
  while (begin >= 0) {
    let end = lines.findIndex((l, i) => i > begin && l.trim() === BLOCK_END);
    if (end < 0) end = lines.length - 1;
    const start = begin > 0 && lines[begin - 1]!.trim() === '' ? begin - 1 : begin;
    lines = [...lines.slice(0, start), ...lines.slice(end + 1)];
    begin = lines.findIndex((l) => l.trim() === BLOCK_BEGIN);
  }
  const result = lines.join(eol);
  return result.trim() === '' ? '' : result;
}

/** The text with Airlock's block replaced (or appended) by one listing `patterns`. Pure. */
export function applyManagedBlock(text: string, patterns: readonly string[]): string {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const base = removeManagedBlock(text);
  const clean = cleanPatterns(patterns);
  if (clean.length === 0) return base;
  const block = [BLOCK_BEGIN, ...clean, BLOCK_END].join(eol) + eol;
  if (base.trim() === '') return block;
  return `${base.endsWith(eol) ? base : base + eol}${eol}${block}`;
}

export interface SyncResult {
  file: string;
  action: 'created' | 'updated' | 'unchanged' | 'removed' | 'deleted';
}

function readOrEmpty(p: string): string | undefined {
  try {
    return fs.readFileSync(p, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

/** Writes the block into every target file under `root`. Writes only files whose text changes. */
export function syncIgnoreFiles(root: string, patterns: readonly string[], targets: readonly IgnoreTarget[] = IGNORE_TARGETS): SyncResult[] {
  return targets.map(({ file }) => {
    const p = path.join(root, file);
    const before = readOrEmpty(p);
    const after = applyManagedBlock(before ?? '', patterns);
    if (before === after || (before === undefined && after === '')) return { file, action: 'unchanged' as const };
    fs.writeFileSync(p, after);
    return { file, action: before === undefined ? ('created' as const) : ('updated' as const) };
  });
}

/** Takes Airlock's block out of every target; a file left empty is deleted (Airlock created it). */
export function removeIgnoreFiles(root: string, targets: readonly IgnoreTarget[] = IGNORE_TARGETS): SyncResult[] {
  return targets.map(({ file }) => {
    const p = path.join(root, file);
    const before = readOrEmpty(p);
    if (before === undefined) return { file, action: 'unchanged' as const };
    const after = removeManagedBlock(before);
    if (after === before) return { file, action: 'unchanged' as const };
    if (after.trim() === '') {
      fs.rmSync(p, { force: true });
      return { file, action: 'deleted' as const };
    }
    fs.writeFileSync(p, after);
    return { file, action: 'removed' as const };
  });
}

/**
 * Claude Code `permissions.deny` rules for the protected paths (gitignore syntax in, Claude's
 * `Read(...)` path syntax out). A Read deny also covers Edit/Write of the path. Negations (`!x`)
 * cannot be expressed as a deny and are left out, which keeps the deny list the stricter side.
 */
export function claudeReadDenyRules(patterns: readonly string[]): string[] {
  const out = new Set<string>();
  for (const raw of cleanPatterns(patterns)) {
    if (raw.startsWith('!')) continue;
    if (raw.startsWith('~/') || raw.startsWith('//')) {
      out.add(`Read(${raw.endsWith('/') ? `${raw}**` : raw})`);
      continue;
    }
    const dirOnly = raw.endsWith('/');
    const body = dirOnly ? raw.slice(0, -1) : raw;
    const anchored = body.startsWith('/') || body.includes('/');
    const rel = body.replace(/^\/+/, '').replace(/^\.\//, '');
    const target = dirOnly ? `${rel}/**` : rel;
    if (anchored) out.add(`Read(./${target})`);
    else {
      // gitignore: a slash-free pattern matches at any depth.
      out.add(`Read(./${target})`);
      out.add(`Read(./**/${target})`);
    }
  }
  return [...out];
}
