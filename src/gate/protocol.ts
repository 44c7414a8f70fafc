// Hook <-> gate wire format: newline-delimited JSON, one request and one response per line,
// versioned and validated on both ends. There is deliberately no verb that approves: `decide`
// asks for a decision (only the person in the editor can turn "ask" into "allow") and
// `report` tells the gate what happened, for the live view and the audit log.
// Schemas are built on first use: the hook process only ever needs the response side.
import * as z from 'zod/mini';
import { lazy } from '../agents/render';
import type { AgentAction, Decision } from '../core/action';
import { AGENT_IDS } from '../core/action';

export const PROTOCOL_VERSION = 1;
/** A request line may carry an 8 MB payload's worth of action, JSON-escaped. */
export const MAX_LINE_BYTES = 20 * 1024 * 1024;

function buildRequestSchemas() {
  const base = {
    agent: z.optional(z.enum(AGENT_IDS)),
    cwd: z.optional(z.string()),
    workspaceRoots: z.optional(z.array(z.string())),
    event: z.optional(z.string()),
    tool: z.optional(z.string()),
  };
  const ActionSchema = z.discriminatedUnion('kind', [
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

  const DecideRequest = z.object({
    ...head,
    type: z.literal('decide'),
    actions: z.array(ActionSchema).check(z.minLength(1), z.maxLength(200)),
    /** epoch ms by which the hook needs an answer; the gate answers "block" at this time. */
    deadline: z.number(),
  });

  const ReportRequest = z.object({
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
  const PingRequest = z.object({ ...head, type: z.literal('ping') });

  const Request = z.discriminatedUnion('type', [DecideRequest, ReportRequest, PingRequest]);
  return { ActionSchema, DecideRequest, ReportRequest, PingRequest, Request };
}

export const requestSchemas = lazy(buildRequestSchemas);
type RequestSchemas = ReturnType<typeof buildRequestSchemas>;
export type DecideRequestT = z.infer<RequestSchemas['DecideRequest']>;
export type ReportRequestT = z.infer<RequestSchemas['ReportRequest']>;
export type RequestT = z.infer<RequestSchemas['Request']>;
type ActionT = z.infer<RequestSchemas['ActionSchema']>;

function buildResponseSchemas() {
  const Response = z.union([
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
  /** Sent at once for every `decide` (see ACK_WITHIN_MS). */
  const Ack = z.object({ v: z.literal(PROTOCOL_VERSION), id: z.string(), ack: z.literal(true) });
  return { Response, Ack };
}

export const responseSchemas = lazy(buildResponseSchemas);
export type ResponseT = z.infer<ReturnType<typeof buildResponseSchemas>['Response']>;

/**
 * The gate acks every `decide` at once, before the (possibly long) wait for a person, so the hook
 * can tell a live gate that is asking someone from a frozen editor that accepted the connection
 * but will never answer: no ack within this time means no answer.
 */
export const ACK_WITHIN_MS = 2000;

export interface GateDecision {
  decision: Exclude<Decision, 'ask'>;
  reason: string;
  rules: string[];
  decidedBy: string;
}

/** The protocol type is structurally an AgentAction; this keeps the two from drifting apart. */
export function asAction(a: ActionT): AgentAction {
  return a as AgentAction;
}
