// Hook <-> gate wire format: newline-delimited JSON, one request and one response per line,
// versioned and validated on both ends. There is deliberately no verb that approves: `decide`
// asks for a decision (only the person in the editor can turn "ask" into "allow") and
// `report` tells the gate what happened, for the live view and the audit log.
import * as z from 'zod/mini';
import type { AgentAction, Decision } from '../core/action';
import { AGENT_IDS } from '../core/action';

export const PROTOCOL_VERSION = 1;
/** A request line may carry an 8 MB payload's worth of action, JSON-escaped. */
export const MAX_LINE_BYTES = 20 * 1024 * 1024;

const base = {
  agent: z.optional(z.enum(AGENT_IDS)),
  cwd: z.optional(z.string()),
  workspaceRoots: z.optional(z.array(z.string())),
  event: z.optional(z.string()),
  tool: z.optional(z.string()),
};
export const ActionSchema = z.discriminatedUnion('kind', [
  z.object({ ...base, kind: z.literal('shell'), command: z.string() }),
  z.object({ ...base, kind: z.literal('read'), path: z.string() }),
  z.object({ ...base, kind: z.literal('search'), pattern: z.optional(z.string()), path: z.optional(z.string()), glob: z.optional(z.string()) }),
  z.object({ ...base, kind: z.literal('write'), path: z.string(), content: z.optional(z.string()) }),
  z.object({ ...base, kind: z.literal('delete'), path: z.string() }),
  z.object({ ...base, kind: z.literal('mcp'), tool: z.string(), server: z.optional(z.string()), input: z.optional(z.unknown()) }),
  z.object({ ...base, kind: z.literal('fetch'), url: z.string(), method: z.optional(z.string()), body: z.optional(z.string()) }),
  z.object({ ...base, kind: z.literal('prompt'), text: z.string() }),
]);

const head = {
  v: z.literal(PROTOCOL_VERSION),
  id: z.string().check(z.minLength(1), z.maxLength(100)),
  token: z.string().check(z.minLength(1), z.maxLength(200)),
  agent: z.enum(AGENT_IDS),
  event: z.string().check(z.maxLength(200)),
};

export const DecideRequest = z.object({
  ...head,
  type: z.literal('decide'),
  actions: z.array(ActionSchema).check(z.minLength(1), z.maxLength(200)),
  /** epoch ms by which the hook needs an answer; the gate answers "block" at this time. */
  deadline: z.number(),
});

export const ReportRequest = z.object({
  ...head,
  type: z.literal('report'),
  phase: z.enum(['pre', 'post']),
  actions: z.array(ActionSchema).check(z.maxLength(200)),
  /** For 'pre' reports: what the hook itself decided without the gate (lockdown). */
  outcome: z.optional(z.enum(['allowed', 'blocked'])),
  decidedBy: z.optional(z.enum(['lockdown', 'offline', 'error'])),
  reason: z.optional(z.string()),
  exitCode: z.optional(z.number()),
  durationMs: z.optional(z.number()),
});

/** Liveness check for `airlock doctor`: proves the token is right and the gate answers. Decides nothing. */
export const PingRequest = z.object({ ...head, type: z.literal('ping') });

export const Request = z.discriminatedUnion('type', [DecideRequest, ReportRequest, PingRequest]);
export type DecideRequestT = z.infer<typeof DecideRequest>;
export type ReportRequestT = z.infer<typeof ReportRequest>;
export type RequestT = z.infer<typeof Request>;

export const Response = z.union([
  z.object({
    v: z.literal(PROTOCOL_VERSION),
    id: z.string(),
    ok: z.literal(true),
    /** Final: 'ask' never crosses the wire, the gate resolves it with the person first. */
    decision: z.optional(z.enum(['allow', 'deny'])),
    reason: z.optional(z.string()),
    rules: z.optional(z.array(z.string())),
    decidedBy: z.optional(z.string()),
  }),
  z.object({ v: z.literal(PROTOCOL_VERSION), id: z.string(), ok: z.literal(false), error: z.string() }),
]);
export type ResponseT = z.infer<typeof Response>;

/**
 * Sent at once for every `decide` before the (possibly long) wait for a person, so the hook can
 * tell a live gate that is asking someone from a frozen editor that accepted the connection but
 * will never answer: no ack within ACK_WITHIN_MS means no answer.
 */
export const Ack = z.object({ v: z.literal(PROTOCOL_VERSION), id: z.string(), ack: z.literal(true) });
export const ACK_WITHIN_MS = 2000;

export interface GateDecision {
  decision: Exclude<Decision, 'ask'>;
  reason: string;
  rules: string[];
  decidedBy: string;
}

/** The protocol type is structurally an AgentAction; this keeps the two from drifting apart. */
export function asAction(a: z.infer<typeof ActionSchema>): AgentAction {
  return a as AgentAction;
}
