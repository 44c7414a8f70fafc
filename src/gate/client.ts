// The hook's side of the gate: find the window for a cwd, send one request, wait for one
// answer until a deadline. Any failure (no window, dead socket, bad answer, deadline) is
// "no answer": the caller falls back to deciding locally, which blocks what is flagged.
import * as fs from 'node:fs';
import * as net from 'node:net';
import { ACK_WITHIN_MS, MAX_LINE_BYTES, PROTOCOL_VERSION, responseSchemas, type GateDecision, type ResponseT } from './protocol';
import { removeWindowEntry, windowsFor, type WindowEntryT } from './registry';
import { checkGate, type GateTrust } from './trust';
import type { AgentAction, AgentId } from '../core/action';

export class GateUnreachable extends Error {
  constructor(message: string, readonly stale: boolean) {
    super(message);
  }
}

/**
 * Fires after `ms` of time this process was actually given: ticks that come late (the machine is busy,
 * so the gate is starved just as we are) count only their scheduled length. A frozen editor on a quiet
 * machine is still given up on after `ms`; a busy machine stretches the wait instead of failing every call.
 */
export function patientTimer(ms: number, onExpire: () => void, tick = 100): () => void {
  let elapsed = 0;
  let last = Date.now();
  let timer: ReturnType<typeof setTimeout>;
  const step = (): void => {
    const now = Date.now();
    elapsed += Math.min(now - last, tick * 2);
    last = now;
    if (elapsed >= ms) onExpire();
    else timer = setTimeout(step, Math.min(tick, ms - elapsed));
  };
  timer = setTimeout(step, Math.min(tick, ms));
  return () => clearTimeout(timer);
}

/**
 * How long a gate may take to acknowledge. Unix sockets "connect" while still in the gate's accept queue,
 * so this also covers the wait to be accepted: on a busy 2-core machine with a burst of hooks that is many
 * seconds. A third of the time left (between ACK_WITHIN_MS and 30 s), counted by patientTimer, still leaves
 * two thirds for the offline decision when the editor is frozen.
 */
export function ackWindow(deadline: number, now = Date.now()): number {
  return Math.max(ACK_WITHIN_MS, Math.min(30_000, (deadline - now) / 3));
}

/**
 * Sends one request line and resolves with the parsed response line. With `expectAck`, the gate
 * must acknowledge within ACK_WITHIN_MS (a frozen editor would otherwise hold the agent until
 * the deadline).
 */
export function sendLine(socketPath: string, request: object, deadline: number, expectAck = false): Promise<ResponseT> {
  return new Promise((resolve, reject) => {
    const ms = Math.max(1, deadline - Date.now());
    let sock = net.createConnection(socketPath);
    let buf = '';
    let done = false;
    const finish = (err: Error | undefined, value?: ResponseT): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      stopAck();
      sock.destroy();
      if (err) reject(err);
      else resolve(value!);
    };
    const timer = setTimeout(() => finish(new GateUnreachable('the editor did not answer in time', false)), ms);
    // Counted from "connect", which for a Unix socket includes the wait in the accept queue; the gate acks on accept.
    let stopAck: () => void = () => undefined;
    let retries = 0;
    const attach = (): void => {
      const mine = sock;
      let retired = false;
      sock.setEncoding('utf8');
      sock.on('connect', () => {
        if (expectAck) stopAck = patientTimer(Math.max(1, ackWindow(deadline)), () => finish(new GateUnreachable('the editor accepted the request but is not responding', false)));
        sock.write(`${JSON.stringify(request)}\n`);
      });
      sock.on('data', (chunk: string) => {
        buf += chunk;
        if (buf.length > MAX_LINE_BYTES) return finish(new GateUnreachable('oversized answer from gate', false));
        let nl: number;
        while ((nl = buf.indexOf('\n')) >= 0) {
          const line = buf.slice(0, nl);
          buf = buf.slice(nl + 1);
          let parsed: unknown;
          try {
            parsed = JSON.parse(line);
          } catch {
            return finish(new GateUnreachable('gate sent a line that is not JSON', false));
          }
          const { Ack, Response } = responseSchemas();
          if (Ack.safeParse(parsed).success) {
            stopAck();
            continue;
          }
          const r = Response.safeParse(parsed);
          if (!r.success) return finish(new GateUnreachable('gate answer failed validation', false));
          return finish(undefined, r.data);
        }
      });
      sock.on('error', (err: NodeJS.ErrnoException) => {
        // EAGAIN: the gate's accept queue is full (a burst of hooks; macOS caps it at 128). It is alive
        // and will take us shortly: connect again, with jitter, until the deadline.
        if (err.code === 'EAGAIN' && !done && Date.now() + 20 < deadline) {
          retired = true;
          mine.destroy();
          // Full jitter, growing to a quarter second: a thousand hooks retrying every few ms would starve the gate.
          setTimeout(() => {
            if (done) return;
            sock = net.createConnection(socketPath);
            attach();
          }, Math.min(250, 10 * 2 ** Math.min(retries++, 5)) * Math.random() + 5);
          return;
        }
        const stale = err.code === 'ENOENT' || err.code === 'ECONNREFUSED';
        finish(new GateUnreachable(`gate socket: ${err.code ?? err.message}`, stale));
      });
      sock.on('close', () => {
        if (!retired) finish(new GateUnreachable('gate closed the connection without answering', false));
      });
    };
    attach();
  });
}

function socketExists(p: string): boolean {
  if (process.platform === 'win32') return true;
  try {
    fs.lstatSync(p);
    return true;
  } catch {
    return false;
  }
}

function readToken(entry: WindowEntryT): string | undefined {
  try {
    return fs.readFileSync(entry.tokenFile, 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}

export interface GateTarget {
  root: string;
  /** Directory the action runs in; picks the window. */
  cwd: string;
  deadline: number;
  /** Which registered windows to believe (default: checkGate, the real check). */
  trust?: GateTrust;
  /** Told about each window that was ignored as untrustworthy (the hook records it for the editor). */
  onIgnored?: (entry: WindowEntryT, why: string) => void;
}

async function firstAnswer(target: GateTarget, build: (token: string, id: string) => object, expectAck = false): Promise<ResponseT | undefined> {
  for (const entry of windowsFor(target.root, target.cwd)) {
    const why = (target.trust ?? checkGate)(target.root, entry);
    if (why !== undefined) {
      // Nothing listens where it says: a window that crashed, not an imitation. Forget it.
      if (!socketExists(entry.socket)) removeWindowEntry(target.root, entry.id);
      else target.onIgnored?.(entry, why);
      continue;
    }
    const token = readToken(entry);
    if (!token) continue;
    // Only pairs an answer with its request (the token authenticates); not loading node:crypto saves start-up time.
    const id = `${process.pid.toString(36)}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
    try {
      return await sendLine(entry.socket, build(token, id), target.deadline, expectAck);
    } catch (err) {
      // A window whose socket refuses is gone (crashed without cleaning up): forget it and try the next.
      if (err instanceof GateUnreachable && err.stale) {
        removeWindowEntry(target.root, entry.id);
        continue;
      }
      return undefined;
    }
  }
  return undefined;
}

export async function requestDecision(target: GateTarget, agent: AgentId, event: string, actions: AgentAction[]): Promise<GateDecision | undefined> {
  const res = await firstAnswer(target, (token, id) => ({ v: PROTOCOL_VERSION, id, token, type: 'decide', agent, event, actions, deadline: target.deadline }), true);
  if (!res || !res.ok || !res.decision) return undefined;
  return { decision: res.decision, reason: res.reason ?? '', rules: res.rules ?? [], decidedBy: res.decidedBy ?? 'policy' };
}

export interface ReportFields {
  phase: 'pre' | 'post';
  outcome?: 'allowed' | 'blocked';
  decidedBy?: 'lockdown' | 'offline' | 'error';
  reason?: string;
  exitCode?: number;
  durationMs?: number;
}

/** Best effort: a report that cannot be delivered is dropped, never retried into the agent's time. */
export async function sendReport(target: GateTarget, agent: AgentId, event: string, actions: AgentAction[], fields: ReportFields): Promise<boolean> {
  const res = await firstAnswer(target, (token, id) => ({ v: PROTOCOL_VERSION, id, token, type: 'report', agent, event, actions, ...fields }));
  return res?.ok === true;
}

/** For `airlock doctor`: does a window for this directory answer, with the right token? */
export async function pingGate(target: GateTarget): Promise<{ ok: boolean; detail: string }> {
  const ignored: string[] = [];
  const res = await firstAnswer({ ...target, onIgnored: (e, why) => (ignored.push(why), target.onIgnored?.(e, why)) }, (token, id) => ({ v: PROTOCOL_VERSION, id, token, type: 'ping', agent: 'unknown', event: 'doctor' }));
  if (!res) {
    const also = ignored.length ? ` (ignored as not a real editor: ${ignored.slice(0, 2).join('; ')})` : '';
    return { ok: false, detail: `no editor window with Airlock answers for this folder${also}` };
  }
  return res.ok ? { ok: true, detail: res.reason ?? 'answering' } : { ok: false, detail: res.error };
}
