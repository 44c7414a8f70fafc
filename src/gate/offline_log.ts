// What the hook decided while no editor answered, and the windows it refused to believe: one JSON
// line per record in ~/.airlock/offline.jsonl (0600), hash-chained like the audit log so an edited or
// removed line shows, bounded (past MAX_BYTES the file moves to offline.1.jsonl, replacing the older
// one), imported by the editor into its audit log and Activity view on its next start, then removed.
// The writer is the hook, once per call: one open, a read of the last line, one write. Hooks run in
// parallel, so two lines may name the same predecessor; the reader accepts any earlier line as one.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AgentAction, AgentId, Decision } from '../core/action';
import { canonicalJson, GENESIS_HASH, redactDeep, sha256 } from './audit';
import { ensurePrivateDir, statePaths } from './state_dir';

export const OFFLINE_MAX_BYTES = 1024 * 1024;
const TAIL = 8192;

export interface OfflineRecord {
  /** epoch ms */
  t: number;
  type: 'decision' | 'ignored-gate';
  agent: AgentId;
  event: string;
  /** What was asked, without file contents, prompts or MCP inputs; redacted. */
  action?: AgentAction;
  decision?: Decision;
  rules?: string[];
  reason: string;
}

export interface OfflineLine extends OfflineRecord {
  prev: string;
  hash: string;
}

function hashOf(prev: string, record: OfflineRecord): string {
  return sha256(prev + canonicalJson(record));
}

/** Only what the Activity view and the audit log need, never contents. */
export function minimalAction(a: AgentAction): AgentAction {
  const base = { ...(a.cwd ? { cwd: a.cwd } : {}), ...(a.tool ? { tool: a.tool } : {}) };
  switch (a.kind) {
    case 'shell':
      return { kind: 'shell', command: a.command.slice(0, 4000), ...base };
    case 'read':
    case 'delete':
      return { kind: a.kind, path: a.path, ...base };
    case 'write':
      return { kind: 'write', path: a.path, ...base };
    case 'search':
      return { kind: 'search', ...(a.pattern ? { pattern: a.pattern.slice(0, 400) } : {}), ...(a.path ? { path: a.path } : {}), ...(a.glob ? { glob: a.glob } : {}), ...base };
    case 'mcp':
      return { kind: 'mcp', tool: a.tool, ...(a.server ? { server: a.server } : {}), ...base };
    case 'fetch':
      return { kind: 'fetch', url: a.url.slice(0, 2000), ...(a.method ? { method: a.method } : {}), ...base };
    case 'prompt':
      return { kind: 'prompt', text: '(prompt not recorded)', ...base };
  }
}

function lastHash(fd: number, size: number): string {
  if (size === 0) return GENESIS_HASH;
  const len = Math.min(size, TAIL);
  const buf = Buffer.alloc(len);
  fs.readSync(fd, buf, 0, len, size - len);
  const lines = buf.toString('utf8').split('\n').filter(Boolean);
  for (let i = lines.length - 1; i >= 0; i--) {
    try {
      const h = (JSON.parse(lines[i]!) as { hash?: unknown }).hash;
      if (typeof h === 'string' && /^[0-9a-f]{64}$/.test(h)) return h;
    } catch {
      // a torn line: look further back
    }
  }
  return GENESIS_HASH;
}

/** Appends records for one hook call. Never throws: a record that cannot be written costs nothing but itself. */
export function appendOffline(root: string, records: OfflineRecord[], redact?: (s: string) => string): boolean {
  if (records.length === 0) return true;
  try {
    const p = statePaths(root);
    ensurePrivateDir(p.root);
    let fd = fs.openSync(p.offlineLog, fs.constants.O_RDWR | fs.constants.O_APPEND | fs.constants.O_CREAT | fs.constants.O_NOFOLLOW, 0o600);
    try {
      let st = fs.fstatSync(fd);
      if (st.size > OFFLINE_MAX_BYTES) {
        fs.closeSync(fd);
        fs.renameSync(p.offlineLog, rotatedLog(root));
        fd = fs.openSync(p.offlineLog, fs.constants.O_RDWR | fs.constants.O_APPEND | fs.constants.O_CREAT | fs.constants.O_NOFOLLOW, 0o600);
        st = fs.fstatSync(fd);
      }
      let prev = lastHash(fd, st.size);
      let out = '';
      for (const r of records) {
        const clean = redactDeep(r, redact);
        const hash = hashOf(prev, clean);
        out += `${JSON.stringify({ ...clean, prev, hash })}\n`;
        prev = hash;
      }
      fs.writeSync(fd, out);
    } finally {
      fs.closeSync(fd);
    }
    return true;
  } catch {
    return false;
  }
}

export function rotatedLog(root: string): string {
  return path.join(statePaths(root).root, 'offline.1.jsonl');
}

export interface OfflineImport {
  lines: OfflineLine[];
  /** Lines that were edited, or whose predecessor is gone: shown as tampering, never silently dropped. */
  problems: string[];
}

/** Reads and checks the text of one or more offline logs (oldest first). */
export function readOfflineText(texts: string[]): OfflineImport {
  const lines: OfflineLine[] = [];
  const problems: string[] = [];
  const known = new Set<string>([GENESIS_HASH]);
  let firstOfFile = true;
  for (const text of texts) {
    firstOfFile = true;
    for (const raw of text.split('\n')) {
      if (!raw.trim()) continue;
      let line: OfflineLine;
      try {
        line = JSON.parse(raw) as OfflineLine;
      } catch {
        problems.push('a line of the offline log is not valid JSON (torn by a crash, or edited)');
        continue;
      }
      const { prev, hash, ...record } = line;
      if (typeof hash !== 'string' || typeof prev !== 'string' || hashOf(prev, record as OfflineRecord) !== hash) {
        problems.push(`an offline record of ${new Date(Number(line.t) || 0).toISOString()} was edited (its hash does not match)`);
        continue;
      }
      // The first line after a rotation chains to the rotated file, which may already be imported.
      if (!known.has(prev) && !firstOfFile) problems.push(`records before the one of ${new Date(line.t).toISOString()} are missing (removed from the offline log)`);
      firstOfFile = false;
      known.add(hash);
      lines.push(line);
    }
  }
  return { lines, problems };
}

/**
 * Takes the offline logs away from the hooks (rename, so a hook writing now starts a new file) and
 * returns their contents. The caller imports them, then calls `done()` to delete what it took.
 */
export function takeOfflineLogs(root: string): { texts: string[]; done(): void } {
  const taken: string[] = [];
  const texts: string[] = [];
  // Left by an editor that stopped mid-import: theirs first, they are older.
  let leftovers: string[] = [];
  try {
    leftovers = fs
      .readdirSync(statePaths(root).root)
      .filter((n) => /^offline(?:\.1)?\.jsonl\.importing-\d+$/.test(n))
      .sort()
      .map((n) => path.join(statePaths(root).root, n));
  } catch {
    leftovers = [];
  }
  for (const file of leftovers) {
    taken.push(file);
    try {
      texts.push(fs.readFileSync(file, 'utf8'));
    } catch {
      // unreadable: nothing to import
    }
  }
  for (const file of [rotatedLog(root), statePaths(root).offlineLog]) {
    const claimed = `${file}.importing-${process.pid}`;
    try {
      fs.renameSync(file, claimed);
    } catch {
      continue;
    }
    taken.push(claimed);
    try {
      const st = fs.lstatSync(claimed);
      if (st.isFile() && st.size <= 4 * OFFLINE_MAX_BYTES) texts.push(fs.readFileSync(claimed, 'utf8'));
    } catch {
      // unreadable: nothing to import
    }
  }
  return { texts, done: () => taken.forEach((f) => fs.rmSync(f, { force: true })) };
}
