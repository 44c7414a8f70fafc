// The audit log: append-only JSON lines, each entry hash-chained to the one before
// (sha256 of the previous hash + the entry's canonical JSON), secrets redacted
// before anything reaches the disk.
//
// Why a chain: an edited or deleted line breaks every hash after it, so `airlock
// audit verify` names the first entry that no longer fits. A chain without a key
// can be recomputed by someone who rewrites the whole file; the `.head` file
// (last seq + hash, rewritten atomically after each batch) catches a truncated
// tail and is a second thing such a person has to forge.
//
// Why one writer: entries get their seq and hash synchronously when appended, in
// call order, and one drain loop writes whole batches with one appendFile, so a
// burst of thousands of events is neither reordered nor lost. VS Code opens a
// workspace in one window at a time, so one log file has one writer.
//
// A line torn by a crash mid-write is not tampering: verify reports it as a torn
// tail, and the next writer seals it with a `torn-tail` entry that records the
// torn line's hash, so the chain carries on past it.
// @noble/hashes, not node:crypto: loading node:crypto costs a hook process about 5 ms (it pulls in streams, ciphers,
// key handling), a tenth of what the hook adds to a bare node start, for one short hash per call.
import { sha256 as nobleSha256 } from '@noble/hashes/sha2';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';
import * as fsSync from 'node:fs';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { GateEvent } from './contract';
import { summarizeAction } from '../core/action';

export const AUDIT_FORMAT = 1;
export const GENESIS_HASH = '0'.repeat(64);

export type AuditKind = 'event' | 'lockdown' | 'release' | 'session-rule' | 'answer' | 'alert' | 'torn-tail' | 'note';

export interface AuditEntry {
  v: number;
  seq: number;
  /** epoch ms */
  time: number;
  kind: AuditKind;
  data: Record<string, unknown>;
  prev: string;
  hash: string;
}

export interface AuditHead {
  seq: number;
  hash: string;
}

/** The file operations the log needs, injected so tests can fail them on purpose. */
export interface AuditFs {
  /** Up to `maxBytes` from the end of the file, or undefined when the file does not exist. */
  readTail(file: string, maxBytes: number): Promise<string | undefined>;
  appendFile(file: string, data: string): Promise<void>;
  /** Replace the whole file so a reader sees the old or the new content, never half. */
  writeFileAtomic(file: string, data: string): Promise<void>;
  mkdirp(dir: string): Promise<void>;
}

export const nodeAuditFs: AuditFs = {
  async readTail(file, maxBytes) {
    let handle: fs.FileHandle;
    try {
      handle = await fs.open(file, 'r');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
    try {
      const { size } = await handle.stat();
      const length = Math.min(size, maxBytes);
      const buf = Buffer.alloc(length);
      await handle.read(buf, 0, length, size - length);
      return buf.toString('utf8');
    } finally {
      await handle.close();
    }
  },
  async appendFile(file, data) {
    await fs.appendFile(file, data, { encoding: 'utf8', mode: 0o600 });
  },
  async writeFileAtomic(file, data) {
    const tmp = `${file}.${process.pid}.tmp`;
    await fs.writeFile(tmp, data, { encoding: 'utf8', mode: 0o600 });
    await fs.rename(tmp, file);
  },
  async mkdirp(dir) {
    await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  },
};

// ---------------------------------------------------------------- canonical form and hashing

/** JSON with object keys sorted at every level and undefined dropped: the same entry always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

export function sha256(text: string): string {
  return bytesToHex(nobleSha256(utf8ToBytes(text)));
}

export function entryHash(entry: Omit<AuditEntry, 'hash'>): string {
  const { v, seq, time, kind, data, prev } = entry;
  return sha256(prev + canonicalJson({ v, seq, time, kind, data, prev }));
}

// ---------------------------------------------------------------- redaction

// Conservative on purpose: a false positive hides a harmless string in a log,
// a false negative writes a credential to disk. Replaced when the shared
// redactor in core/secrets lands.
const CREDENTIAL_NAME = String.raw`[A-Za-z0-9_]*(?:TOKEN|SECRET|PASSWORD|PASSWD|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|CREDENTIALS?)[A-Za-z0-9_]*`;
const REDACTIONS: Array<[RegExp, string]> = [
  // PEM private key blocks
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)/g, '[REDACTED private key]'],
  // URL userinfo: scheme://user:password@host
  [/(\b[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:)[^@\s/]+@/gi, '$1[REDACTED]@'],
  // Authorization headers and bearer tokens
  [/\b(authorization\s*[:=]\s*(?:bearer|basic|token)?\s*)[^\s'"]+/gi, '$1[REDACTED]'],
  [/\b(bearer\s+)[A-Za-z0-9._~+/=-]{8,}/gi, '$1[REDACTED]'],
  // NAME=value and "name": "value" where the name says it is a credential
  [new RegExp(String.raw`\b(${CREDENTIAL_NAME}\s*[=:]\s*["']?)[^\s"'&;|]+`, 'gi'), '$1[REDACTED]'],
  [new RegExp(String.raw`("${CREDENTIAL_NAME}"\s*:\s*")[^"]*`, 'gi'), '$1[REDACTED]'],
  // --token X, --password=X, -p X style flags
  [/(--?(?:[a-z-]*token|[a-z-]*secret|password|passwd|api-?key|access-?key)(?:\s+|=))(?!-)[^\s'"]+/gi, '$1[REDACTED]'],
  // Well-known token shapes
  [/\b(gh[pousr]_|github_pat_|glpat-|xox[abposr]-|sk-(?:proj-|ant-)?|sk_live_|rk_live_|AKIA|ASIA|AIza|npm_|hf_|dop_v1_)[A-Za-z0-9_\-]{8,}/g, '$1[REDACTED]'],
  // JWTs
  [/\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g, '[REDACTED jwt]'],
];

// A long run of token characters mixing letters and digits: most likely a key.
const LONG_TOKEN = /[A-Za-z0-9_\-+/=]{32,}/g;

function looksLikeToken(s: string): boolean {
  if (/^[a-f0-9]{40}$|^[a-f0-9]{64}$/.test(s)) return false; // git object ids and sha256 digests are not secrets
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s)) return false; // uuids (event ids)
  if (s.includes('/') && /^[\w./-]+$/.test(s) && s.split('/').every((p) => p.length < 32)) return false; // paths
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/].filter((r) => r.test(s)).length;
  return classes >= 2 && /[0-9]/.test(s);
}

/** Hide anything in `text` that looks like a credential. Idempotent. */
export function redactText(text: string): string {
  let out = text;
  for (const [re, replacement] of REDACTIONS) out = out.replace(re, replacement);
  return out.replace(LONG_TOKEN, (m) => (looksLikeToken(m) ? '[REDACTED]' : m));
}

/** Redact every string inside a JSON-like value. */
export function redactDeep<T>(value: T, redact: (s: string) => string = redactText): T {
  if (typeof value === 'string') return redact(value) as T;
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, redact)) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = redactDeep(v, redact);
    return out as T;
  }
  return value;
}

/** What of a GateEvent goes into the log: enough to reconstruct what happened, never file contents or prompts. */
export function eventRecord(e: GateEvent): Record<string, unknown> {
  const a = e.action;
  return {
    id: e.id,
    at: e.time,
    agent: e.agent,
    phase: e.phase,
    kind: a.kind,
    summary: summarizeAction(a),
    cwd: a.cwd,
    tool: a.tool,
    event: a.event,
    decision: e.verdict.decision,
    outcome: e.outcome,
    decidedBy: e.decidedBy,
    rules: e.verdict.rules,
    reason: e.verdict.reason,
    severity: e.verdict.severity,
    target: e.verdict.target,
    environment: e.verdict.environment,
    exitCode: e.exitCode,
    durationMs: e.durationMs,
    workspaceRoot: e.workspaceRoot,
  };
}

// ---------------------------------------------------------------- writer

export interface AuditLogOptions {
  file: string;
  fs?: AuditFs;
  redact?: (s: string) => string;
  now?: () => number;
  /** Called when a write fails; the entries stay queued and the next append retries. */
  onError?: (err: unknown) => void;
  /**
   * More places that keep the head (besides `<file>.head`), out of reach of anything that only knows
   * the log's name: a copy in the per-user state dir, the editor's global state. Written after each batch.
   */
  headCopies?: HeadStore[];
  /** Called when opening finds the log shorter than a head says: it was cut while nobody was writing. */
  onTruncated?: (message: string) => void;
}

export interface HeadStore {
  name: string;
  read(): HeadCopy | Promise<HeadCopy>;
  write(head: AuditHead): void | Promise<void>;
}

export type HeadCopy = { name: string; state: 'ok'; head: AuditHead } | { name: string; state: 'missing' | 'unreadable' };

/** A head as read from text: missing (no text), unreadable (not a head), or the head. */
export function headCopyOf(name: string, text: string | undefined): HeadCopy {
  if (text === undefined) return { name, state: 'missing' };
  const head = parseHead(text);
  return head ? { name, state: 'ok', head } : { name, state: 'unreadable' };
}

/** Where the per-user state dir keeps its copy of a log's head: named by the log's real path. */
export function headCopyFile(dir: string, logFile: string): string {
  let real = path.resolve(logFile);
  try {
    real = fsSync.realpathSync(real);
  } catch {
    // not there (yet): its own name then
  }
  return path.join(dir, `${sha256(real).slice(0, 32)}.json`);
}

function readText(file: string): string | undefined {
  try {
    return fsSync.readFileSync(file, 'utf8');
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ENOENT' ? undefined : '';
  }
}

/** A head kept as a file (the state dir copy; `<file>.head` itself). */
export function fileHeadStore(name: string, file: string, afs: AuditFs = nodeAuditFs): HeadStore {
  return {
    name,
    read: () => headCopyOf(name, readText(file)),
    write: async (head) => {
      await afs.mkdirp(path.dirname(file));
      await afs.writeFileAtomic(file, `${JSON.stringify(head)}\n`);
    },
  };
}

const TAIL_BYTES = 256 * 1024;

export class AuditLog {
  readonly file: string;
  readonly headFile: string;
  private readonly fs: AuditFs;
  private readonly redact: (s: string) => string;
  private readonly now: () => number;
  private readonly onError: (err: unknown) => void;
  private readonly headCopies: HeadStore[];
  private readonly onTruncated: (message: string) => void;
  private opened: Promise<void> | undefined;
  private seq = 0;
  private prev = GENESIS_HASH;
  private queue: string[] = [];
  private draining: Promise<void> | undefined;
  private waiters: Array<() => void> = [];

  constructor(opts: AuditLogOptions) {
    this.file = opts.file;
    this.headFile = `${opts.file}.head`;
    this.fs = opts.fs ?? nodeAuditFs;
    this.redact = opts.redact ?? redactText;
    this.now = opts.now ?? Date.now;
    this.onError = opts.onError ?? (() => undefined);
    this.headCopies = opts.headCopies ?? [];
    this.onTruncated = opts.onTruncated ?? (() => undefined);
  }

  /**
   * Queue one entry. Its position in the chain is fixed by call order; the
   * promise resolves once it (and everything before it) is on disk.
   */
  append(kind: AuditKind, data: Record<string, unknown>): Promise<void> {
    const clean = redactDeep(data, this.redact);
    const time = this.now();
    // The chain position must be taken synchronously, but seq/prev are known only
    // after the existing tail has been read: entries wait as thunks until then.
    const pending = new Promise<void>((resolve) => this.waiters.push(resolve));
    this.pendingBuild.push(() => this.seal(kind, clean, time));
    void this.kick();
    return pending;
  }

  /** Every copy of the head as it is now: `<file>.head` first, then the extra stores. */
  async readHeadCopies(): Promise<HeadCopy[]> {
    const copies: HeadCopy[] = [headCopyOf('the head file', readText(this.headFile))];
    for (const store of this.headCopies) copies.push(await Promise.resolve(store.read()).catch((): HeadCopy => ({ name: store.name, state: 'unreadable' })));
    return copies;
  }

  appendEvent(e: GateEvent): Promise<void> {
    return this.append('event', eventRecord(e));
  }

  /** Resolves when everything appended so far is written; rejects if the disk refuses it. */
  async flush(): Promise<void> {
    if (this.draining) await this.draining;
    if (this.pendingBuild.length || this.queue.length) await this.kick();
    if (this.pendingBuild.length || this.queue.length) throw new Error(`could not write the audit log ${this.file}`);
  }

  private pendingBuild: Array<() => string> = [];

  private seal(kind: AuditKind, data: Record<string, unknown>, time: number): string {
    const body = { v: AUDIT_FORMAT, seq: this.seq + 1, time, kind, data, prev: this.prev };
    const hash = entryHash(body);
    this.seq = body.seq;
    this.prev = hash;
    return JSON.stringify({ ...body, hash });
  }

  private kick(): Promise<void> {
    if (!this.draining) {
      this.draining = this.drain().finally(() => {
        this.draining = undefined;
      });
    }
    return this.draining;
  }

  private async drain(): Promise<void> {
    try {
      await (this.opened ??= this.open());
    } catch (err) {
      this.opened = undefined;
      this.onError(err);
      return;
    }
    while (this.pendingBuild.length || this.queue.length) {
      for (const build of this.pendingBuild.splice(0)) this.queue.push(build());
      const batch = this.queue.slice();
      const done = this.waiters.splice(0, batch.length);
      try {
        await this.fs.appendFile(this.file, `${batch.join('\n')}\n`);
      } catch (err) {
        // Keep them queued (in order) for the next append; nothing is dropped.
        this.waiters.unshift(...done);
        this.onError(err);
        return;
      }
      this.queue.splice(0, batch.length);
      const head = { seq: this.seq, hash: this.prev };
      try {
        await this.fs.writeFileAtomic(this.headFile, `${JSON.stringify(head)}\n`);
      } catch (err) {
        this.onError(err); // the head only lags behind; the log itself is complete
      }
      for (const copy of this.headCopies) {
        try {
          await copy.write(head);
        } catch (err) {
          this.onError(err);
        }
      }
      for (const resolve of done) resolve();
    }
  }

  /** Learn seq/prev from the existing tail; seal a torn last line so the chain continues past it. */
  private async open(): Promise<void> {
    await this.fs.mkdirp(path.dirname(this.file));
    const tail = await this.fs.readTail(this.file, TAIL_BYTES);
    if (!tail) return;
    const lines = tail.split('\n');
    const torn = lines.pop() ?? ''; // '' when the file ends with a newline, as it should
    let last: AuditEntry | undefined;
    for (let i = lines.length - 1; i >= 0 && !last; i--) {
      const parsed = parseEntry(lines[i] ?? '');
      if (parsed) last = parsed;
    }
    if (last) {
      this.seq = last.seq;
      this.prev = last.hash;
    }
    if (torn) {
      const sealed = this.seal('torn-tail', { tornSha256: sha256(torn), tornBytes: Buffer.byteLength(torn) }, this.now());
      await this.fs.appendFile(this.file, `\n${sealed}\n`);
    }
    await this.checkAgainstHeads();
  }

  /**
   * The next batch rewrites every head, which would erase the evidence of a log cut while the editor was
   * closed: so before writing, a log shorter than any head gets an alert entry saying what is missing.
   */
  private async checkAgainstHeads(): Promise<void> {
    const copies: HeadCopy[] = [headCopyOf('the head file', await this.fs.readTail(this.headFile, 4096).catch(() => ''))];
    for (const store of this.headCopies) copies.push(await Promise.resolve(store.read()).catch((): HeadCopy => ({ name: store.name, state: 'unreadable' })));
    const problems: string[] = [];
    for (const c of copies) {
      if (c.state === 'ok' && (c.head.seq > this.seq || (c.head.seq === this.seq && c.head.hash !== this.prev))) {
        problems.push(`${c.name} says the log reached entry #${c.head.seq}, but it ends at #${this.seq}`);
      }
    }
    if (this.seq > 0 && copies.every((c) => c.state !== 'ok')) problems.push('every copy of its head is missing or unreadable');
    if (problems.length === 0) {
      // Copies that do not exist yet (first run of this version, a new state dir) start from here.
      if (this.seq > 0) {
        for (const [i, store] of this.headCopies.entries()) {
          if (copies[i + 1]?.state === 'missing') await Promise.resolve(store.write({ seq: this.seq, hash: this.prev })).catch((err: unknown) => this.onError(err));
        }
      }
      return;
    }
    const message = `The audit log was cut or its head removed while Airlock was not writing: ${problems.join('; ')}.`;
    const alert = this.seal('alert', { truncated: true, message }, this.now());
    await this.fs.appendFile(this.file, `${alert}\n`);
    this.onTruncated(message);
  }
}

function parseEntry(line: string): AuditEntry | undefined {
  try {
    const e = JSON.parse(line) as AuditEntry;
    return e && typeof e === 'object' && typeof e.seq === 'number' && typeof e.hash === 'string' ? e : undefined;
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------- verification

export interface VerifyReport {
  ok: boolean;
  entries: number;
  lastSeq: number;
  lastHash: string;
  /** The first entry that does not fit: 1-based line number, its seq when readable, and why. */
  broken?: { line: number; seq?: number; reason: string };
  /** A last line without its newline: a write interrupted by a crash, not tampering. */
  tornTail?: { line: number; bytes: number };
  /** Lines torn earlier and sealed by a later writer. */
  sealedTornLines: number[];
  /** Set when a head file was given and the log ends before it. */
  headMismatch?: string;
  /** Set when no readable head exists to compare the end of the log with. */
  truncationUnknown?: string;
}

export function verifyAuditLog(text: string, head?: AuditHead): VerifyReport {
  const report = verifyChain(text);
  const lines = text.split('\n').length - 1;
  if (report.ok && head) {
    if (head.seq > report.lastSeq) {
      report.ok = false;
      report.headMismatch = `the log ends at entry #${report.lastSeq} but its head file says #${head.seq}: entries at the end were removed`;
      report.broken = { line: lines + 1, seq: report.lastSeq + 1, reason: report.headMismatch };
    } else if (head.seq === report.lastSeq && head.hash !== report.lastHash) {
      report.ok = false;
      report.headMismatch = `entry #${head.seq} differs from the one recorded in the head file`;
    }
  }
  return report;
}

function verifyChain(text: string, onEntry: (e: AuditEntry) => void = () => undefined): VerifyReport {
  const report: VerifyReport = { ok: true, entries: 0, lastSeq: 0, lastHash: GENESIS_HASH, sealedTornLines: [] };
  const lines = text.split('\n');
  const last = lines.pop() ?? '';
  if (last !== '') report.tornTail = { line: lines.length + 1, bytes: Buffer.byteLength(last) };
  const fail = (line: number, reason: string, seq?: number): VerifyReport => {
    report.ok = false;
    report.broken = seq === undefined ? { line, reason } : { line, seq, reason };
    return report;
  };
  let pendingTorn: { line: number; sha: string } | undefined;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] ?? '';
    const lineNo = i + 1;
    let entry: AuditEntry;
    try {
      entry = JSON.parse(raw) as AuditEntry;
      if (!entry || typeof entry !== 'object' || Array.isArray(entry)) throw new Error('not an object');
    } catch {
      if (raw === '' && pendingTorn) continue;
      if (pendingTorn) return fail(pendingTorn.line, 'line is not valid JSON');
      // Maybe a torn line that the next writer sealed; decided when we see the next entry.
      pendingTorn = { line: lineNo, sha: sha256(raw) };
      continue;
    }
    const expectedSeq = report.lastSeq + 1;
    if (pendingTorn) {
      const sealsIt = entry.kind === 'torn-tail' && entry.data?.['tornSha256'] === pendingTorn.sha;
      if (!sealsIt) return fail(pendingTorn.line, 'line is not valid JSON', expectedSeq);
      report.sealedTornLines.push(pendingTorn.line);
      pendingTorn = undefined;
    }
    if (entry.seq !== expectedSeq) {
      return fail(lineNo, `expected entry #${expectedSeq} but found #${String(entry.seq)} (entries missing or reordered)`, expectedSeq);
    }
    if (entry.prev !== report.lastHash) {
      return fail(lineNo, `does not chain to the entry before it (previous entry edited or removed)`, entry.seq);
    }
    if (typeof entry.hash !== 'string' || entryHash(entry) !== entry.hash) {
      return fail(lineNo, 'content does not match its hash (entry edited)', entry.seq);
    }
    report.entries++;
    report.lastSeq = entry.seq;
    report.lastHash = entry.hash;
    onEntry(entry);
  }
  if (pendingTorn) return fail(pendingTorn.line, 'line is not valid JSON', report.lastSeq + 1);
  return report;
}

/**
 * The chain, then every copy of the head: one the log falls short of, or disagrees with, means it was
 * cut; one that is missing or unreadable means truncation cannot be ruled out (not ok either).
 */
export function verifyWithHeads(text: string, copies: HeadCopy[]): VerifyReport {
  const hashes = new Map<number, string>([[0, GENESIS_HASH]]);
  const report = verifyChain(text, (e) => hashes.set(e.seq, e.hash));
  if (!report.ok) return report;
  const cut: string[] = [];
  for (const c of copies) {
    if (c.state !== 'ok') continue;
    if (c.head.seq > report.lastSeq) cut.push(`the log ends at entry #${report.lastSeq} but ${c.name} says #${c.head.seq}: entries at the end were removed`);
    else if (hashes.get(c.head.seq) !== c.head.hash) cut.push(`entry #${c.head.seq} differs from the one recorded in ${c.name}`);
  }
  if (cut.length) {
    report.ok = false;
    report.headMismatch = cut.join('; ');
    return report;
  }
  // A copy that is gone could have been the one that disagreed: every copy must be there and agree.
  const unreadable = copies.filter((c) => c.state === 'unreadable').map((c) => c.name);
  const missing = copies.filter((c) => c.state === 'missing').map((c) => c.name);
  if (unreadable.length) report.truncationUnknown = `${unreadable.join(' and ')} cannot be read: truncation cannot be ruled out`;
  else if (missing.length === copies.length) report.truncationUnknown = 'no head was found for this log: truncation cannot be ruled out';
  else if (missing.length) report.truncationUnknown = `${missing.join(' and ')} is missing: truncation cannot be ruled out`;
  if (report.truncationUnknown) report.ok = false;
  return report;
}

export function parseHead(text: string | undefined): AuditHead | undefined {
  if (!text) return undefined;
  try {
    const h = JSON.parse(text) as AuditHead;
    return typeof h.seq === 'number' && typeof h.hash === 'string' ? h : undefined;
  } catch {
    return undefined;
  }
}
