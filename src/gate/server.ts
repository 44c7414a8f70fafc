// The gate: a local socket server inside the extension, one per editor window. Hooks ask it
// for decisions and report what ran. It classifies, asks the person through ApprovalUi when a
// rule says "ask", answers "block" itself when the deadline passes, and hands every event to
// the GateListener (sidebar, audit log). Nothing a hook sends can approve anything.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { stricter, type AgentAction, type AgentId, type Verdict } from '../core/action';
import type { ApprovalUi, DecidedBy, GateEvent, GateListener, Outcome } from './contract';
import { MAX_LINE_BYTES, PROTOCOL_VERSION, asAction, requestSchemas, type DecideRequestT, type GateDecision, type ReportRequestT } from './protocol';
import { removeWindowEntry, writeWindowEntry } from './registry';
import { ensurePrivateDir, statePaths, stateDir, writeFileAtomic } from './state_dir';
import { isLockdownEngaged } from './lockdown';
import { tmpSocketDir } from './trust';

export interface GateServerOptions {
  /** Per-user state dir (default ~/.airlock). */
  root?: string;
  workspaceRoots: string[];
  classify(action: AgentAction): Verdict;
  ui: ApprovalUi;
  listener: GateListener;
  isLockdown?(): boolean;
  /** The longest a person is given to answer, whatever the hook's deadline (default 5 min). */
  maxWaitMs?: number;
  /** Answer this long before the hook's deadline so the answer arrives in time (default 1.5 s). */
  marginMs?: number;
}

const LISTEN_BACKLOG = 4096;
const SLICE_MS = 8;

const LOCKDOWN_REASON = 'Lockdown is on: every agent action is blocked until a person releases it in the editor.';

function newId(): string {
  return crypto.randomBytes(6).toString('hex');
}

function tokenDigest(t: string): Buffer {
  return crypto.createHash('sha256').update(t).digest();
}

/** Unix socket paths are limited to ~104 bytes; long homes fall back to a private dir in tmp. */
function socketPathFor(root: string, id: string): string {
  if (process.platform === 'win32') return `\\\\.\\pipe\\airlock-${os.userInfo().username}-${id}`;
  const preferred = path.join(statePaths(root).sockets, `${id}.sock`);
  if (Buffer.byteLength(preferred) < 100) {
    ensurePrivateDir(statePaths(root).sockets);
    return preferred;
  }
  const dir = ensurePrivateDir(tmpSocketDir());
  return path.join(dir, `${id}.sock`);
}

export class GateServer {
  readonly id = newId();
  readonly root: string;
  socketPath = '';
  tokenFile = '';
  private token = '';
  private server: net.Server | undefined;
  private workspaceRoots: string[];
  private readonly pending = new Map<string, AbortController>();
  private readonly sockets = new Set<net.Socket>();

  constructor(private readonly opts: GateServerOptions) {
    this.root = opts.root ?? stateDir();
    this.workspaceRoots = [...opts.workspaceRoots];
  }

  get pendingCount(): number {
    return this.pending.size;
  }

  async start(): Promise<void> {
    const paths = statePaths(this.root);
    ensurePrivateDir(this.root);
    ensurePrivateDir(paths.windows);
    this.token = crypto.randomBytes(32).toString('hex');
    this.tokenFile = path.join(paths.windows, `${this.id}.token`);
    writeFileAtomic(this.tokenFile, this.token, 0o600);
    this.socketPath = socketPathFor(this.root, this.id);
    if (process.platform !== 'win32') fs.rmSync(this.socketPath, { force: true });
    const server = net.createServer((sock) => this.onConnection(sock));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      // A burst of hooks (one process per agent call) can outrun the accept loop of a busy extension host:
      // a deep queue lets them wait in the kernel instead of failing with EAGAIN (Linux caps it at somaxconn).
      server.listen({ path: this.socketPath, backlog: LISTEN_BACKLOG }, () => {
        server.off('error', reject);
        resolve();
      });
    });
    if (process.platform !== 'win32') fs.chmodSync(this.socketPath, 0o600);
    this.writeEntry();
  }

  setWorkspaceRoots(roots: string[]): void {
    this.workspaceRoots = [...roots];
    if (this.server) this.writeEntry();
  }

  async close(): Promise<void> {
    for (const c of this.pending.values()) c.abort();
    this.pending.clear();
    removeWindowEntry(this.root, this.id);
    fs.rmSync(this.tokenFile, { force: true });
    for (const s of this.sockets) s.destroy();
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
    if (process.platform !== 'win32' && this.socketPath) fs.rmSync(this.socketPath, { force: true });
  }

  private writeEntry(): void {
    writeWindowEntry(this.root, {
      v: 1,
      id: this.id,
      pid: process.pid,
      socket: this.socketPath,
      workspaceRoots: this.workspaceRoots,
      tokenFile: this.tokenFile,
      startedAt: Date.now(),
    });
  }

  private onConnection(sock: net.Socket): void {
    this.sockets.add(sock);
    // Acknowledged on arrival, before the request is read: under a burst the lines wait their turn behind
    // others' classification, and the hook must not take that queue for a frozen editor. A frozen editor
    // never runs this, so it still gets no ack.
    sock.write(`${JSON.stringify({ v: PROTOCOL_VERSION, id: '', ack: true })}\n`);
    sock.setEncoding('utf8');
    let buf = '';
    sock.on('data', (chunk: string) => {
      buf += chunk;
      if (buf.length > MAX_LINE_BYTES) {
        this.reply(sock, { v: PROTOCOL_VERSION, id: '?', ok: false, error: 'request too large' });
        sock.destroy();
        return;
      }
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        if (line.trim()) this.enqueue(() => void this.onLine(sock, line));
      }
    });
    sock.on('error', () => sock.destroy());
    sock.on('close', () => this.sockets.delete(sock));
  }

  private readonly work: Array<() => void> = [];
  private draining = false;

  /**
   * Requests are handled in slices of a few ms with the event loop free in between: a burst of hundreds
   * must not keep the extension host (its UI, and the acks and answers already due) waiting until all are parsed.
   */
  private enqueue(task: () => void): void {
    this.work.push(task);
    if (this.draining) return;
    this.draining = true;
    setImmediate(() => this.drain());
  }

  private drain(): void {
    const until = performance.now() + SLICE_MS;
    while (this.work.length && performance.now() < until) {
      try {
        this.work.shift()!();
      } catch {
        // onLine answers its own errors; nothing may stop the queue
      }
    }
    if (this.work.length) setImmediate(() => this.drain());
    else this.draining = false;
  }

  private reply(sock: net.Socket, msg: object): void {
    if (!sock.destroyed) sock.write(`${JSON.stringify(msg)}\n`);
  }

  private async onLine(sock: net.Socket, line: string): Promise<void> {
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch {
      return this.reply(sock, { v: PROTOCOL_VERSION, id: '?', ok: false, error: 'not JSON' });
    }
    const rawId = raw && typeof raw === 'object' && typeof (raw as { id?: unknown }).id === 'string' ? (raw as { id: string }).id.slice(0, 100) : '?';
    const r = requestSchemas().Request.safeParse(raw);
    if (!r.success) return this.reply(sock, { v: PROTOCOL_VERSION, id: rawId, ok: false, error: 'invalid request' });
    const req = r.data;
    if (!crypto.timingSafeEqual(tokenDigest(req.token), tokenDigest(this.token))) {
      this.reply(sock, { v: PROTOCOL_VERSION, id: req.id, ok: false, error: 'refused: wrong token' });
      sock.end();
      return;
    }
    try {
      if (req.type === 'ping') return this.reply(sock, { v: PROTOCOL_VERSION, id: req.id, ok: true, reason: `gate ${this.id} for ${this.workspaceRoots.join(', ')}` });
      if (req.type === 'report') {
        this.onReport(req);
        return this.reply(sock, { v: PROTOCOL_VERSION, id: req.id, ok: true });
      }
      this.reply(sock, { v: PROTOCOL_VERSION, id: req.id, ack: true });
      const d = await this.decide(req);
      this.reply(sock, { v: PROTOCOL_VERSION, id: req.id, ok: true, ...d });
    } catch (err) {
      // Never let an internal error turn into an allow: the hook blocks flagged actions on no answer.
      this.reply(sock, { v: PROTOCOL_VERSION, id: req.id, ok: false, error: `gate error: ${err instanceof Error ? err.message : String(err)}` });
    }
  }

  private event(agent: AgentId, phase: GateEvent['phase'], action: AgentAction, verdict: Verdict, outcome: Outcome, decidedBy: DecidedBy, extra: Partial<GateEvent> = {}): GateEvent {
    const root = this.rootFor(action);
    return { id: newId(), time: Date.now(), agent, phase, action, verdict, outcome, decidedBy, ...(root ? { workspaceRoot: root } : {}), ...extra };
  }

  private emit(e: GateEvent): void {
    try {
      this.opts.listener.onEvent(e);
    } catch {
      /* a broken view must not break decisions */
    }
  }

  private rootFor(action: AgentAction): string | undefined {
    const cwd = action.cwd;
    if (!cwd) return this.workspaceRoots[0];
    return this.workspaceRoots.filter((r) => cwd === r || cwd.startsWith(r.endsWith(path.sep) ? r : r + path.sep)).sort((a, b) => b.length - a.length)[0] ?? this.workspaceRoots[0];
  }

  private classify(action: AgentAction): Verdict {
    try {
      return this.opts.classify(action);
    } catch (err) {
      return { decision: 'deny', rules: ['airlock.classify-error'], reason: `Airlock could not analyse this action (${err instanceof Error ? err.message : 'error'}), so it is blocked.`, severity: 'high', environment: 'unknown' };
    }
  }

  private onReport(req: ReportRequestT): void {
    for (const a of req.actions.map(asAction)) {
      const action: AgentAction = { ...a, agent: req.agent, event: req.event };
      const verdict = this.classify(action);
      if (req.phase === 'post') {
        this.emit(this.event(req.agent, 'post', action, verdict, 'observed', 'none', { ...(req.exitCode !== undefined ? { exitCode: req.exitCode } : {}), ...(req.durationMs !== undefined ? { durationMs: req.durationMs } : {}) }));
      } else {
        // A decision the hook made on its own (lockdown): shown as reported, never acted on.
        const reason = req.reason ?? verdict.reason;
        this.emit(this.event(req.agent, 'pre', action, { ...verdict, decision: req.outcome === 'allowed' ? verdict.decision : 'deny', reason }, req.outcome ?? 'blocked', req.decidedBy ?? 'error'));
      }
    }
  }

  private async decide(req: DecideRequestT): Promise<GateDecision> {
    const actions = req.actions.map((a) => ({ ...asAction(a), agent: req.agent, event: req.event }) as AgentAction);
    const lockdown = (this.opts.isLockdown ?? (() => isLockdownEngaged(this.root)))();
    if (lockdown) {
      for (const a of actions) {
        this.emit(this.event(req.agent, 'pre', a, { decision: 'deny', rules: ['airlock.lockdown'], reason: LOCKDOWN_REASON, severity: 'critical', environment: 'unknown' }, 'blocked', 'lockdown'));
      }
      return { decision: 'deny', reason: LOCKDOWN_REASON, rules: ['airlock.lockdown'], decidedBy: 'lockdown' };
    }
    const verdicts = actions.map((a) => this.classify(a));
    const overall = verdicts.reduce((d, v) => stricter(d, v.decision), 'allow' as Verdict['decision']);
    const rules = [...new Set(verdicts.flatMap((v) => v.rules))];
    if (overall === 'allow') {
      actions.forEach((a, i) => this.emit(this.event(req.agent, 'pre', a, verdicts[i]!, 'allowed', 'policy')));
      return { decision: 'allow', reason: verdicts[0]?.reason ?? 'No rule matched.', rules, decidedBy: 'policy' };
    }
    if (overall === 'deny') {
      const worst = verdicts.find((v) => v.decision === 'deny')!;
      actions.forEach((a, i) => this.emit(this.event(req.agent, 'pre', a, verdicts[i]!, verdicts[i]!.decision === 'allow' ? 'allowed' : 'blocked', 'policy')));
      return { decision: 'deny', reason: `Blocked by policy: ${worst.reason}`, rules, decidedBy: 'policy' };
    }
    // 'ask': every flagged action needs the person's "Allow once"; the first "no" ends it.
    const margin = this.opts.marginMs ?? 1500;
    const deadline = Math.min(req.deadline - margin, Date.now() + (this.opts.maxWaitMs ?? 300_000));
    for (let i = 0; i < actions.length; i++) {
      const v = verdicts[i]!;
      if (v.decision === 'allow') {
        this.emit(this.event(req.agent, 'pre', actions[i]!, v, 'allowed', 'policy'));
        continue;
      }
      const { answer, by } = await this.askPerson(req.agent, actions[i]!, v, deadline);
      if (answer !== 'allow') {
        const reason = by === 'deadline' ? `Nobody confirmed in time, so it was blocked: ${v.reason}` : `A person declined this in the editor: ${v.reason}`;
        return { decision: 'deny', reason, rules, decidedBy: by };
      }
    }
    return { decision: 'allow', reason: 'Allowed once by a person in the editor.', rules, decidedBy: 'person' };
  }

  private async askPerson(agent: AgentId, action: AgentAction, verdict: Verdict, deadline: number): Promise<{ answer: 'allow' | 'deny'; by: DecidedBy }> {
    const ev = this.event(agent, 'pre', action, verdict, 'pending', 'none');
    if (deadline <= Date.now()) {
      this.emit({ ...ev, outcome: 'blocked', decidedBy: 'deadline' });
      return { answer: 'deny', by: 'deadline' };
    }
    this.emit(ev);
    const ctrl = new AbortController();
    this.pending.set(ev.id, ctrl);
    let expired = false;
    const timer = setTimeout(() => {
      expired = true;
      ctrl.abort();
    }, deadline - Date.now());
    const aborted = new Promise<'deny'>((resolve) => ctrl.signal.addEventListener('abort', () => resolve('deny'), { once: true }));
    let answer: 'allow' | 'deny';
    try {
      // The UI resolves 'deny' on abort; racing with the signal makes sure a UI that does not still cannot hold the agent.
      answer = await Promise.race([this.opts.ui.ask({ id: ev.id, event: ev, deadline }, ctrl.signal), aborted]);
    } catch {
      answer = 'deny';
    } finally {
      clearTimeout(timer);
      this.pending.delete(ev.id);
    }
    if (ctrl.signal.aborted && !expired) answer = 'deny'; // shutdown or lockdown while waiting
    if (expired) answer = 'deny';
    const by: DecidedBy = expired ? 'deadline' : ctrl.signal.aborted ? 'lockdown' : 'person';
    this.emit({ ...ev, time: Date.now(), outcome: answer === 'allow' ? 'approved' : 'blocked', decidedBy: by });
    return { answer, by };
  }

  /** Withdraw every pending question (lockdown engaged): each is answered "block". */
  abortPending(): void {
    for (const c of this.pending.values()) c.abort();
  }
}
