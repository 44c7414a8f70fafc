// What one line of the activity sidebar shows, built from a GateEvent. Pure: the
// same rows feed the webview, the status-bar counts and the unit tests.
import { summarizeAction, type AgentAction } from '../../core/action';
import type { GateEvent } from '../../gate/contract';
import { redactText } from '../../gate/audit';

export type { RowKind, Badge, Answer, ActivityRow } from './model';
export { BADGE_LABEL } from './model';
import type { RowKind, Badge, Answer, ActivityRow } from './model';

export const SUMMARY_MAX = 240;

export function rowKind(e: GateEvent): RowKind {
  if (e.agent === 'terminal' && e.action.kind === 'shell') return 'terminal';
  return e.action.kind;
}

export function badgeOf(e: GateEvent): Badge {
  switch (e.outcome) {
    case 'pending':
      return 'waiting';
    case 'approved':
      return 'approved';
    case 'observed':
      return 'observed';
    case 'allowed':
      return 'allowed';
    case 'blocked':
      return e.verdict.decision === 'ask' && (e.decidedBy === 'person' || e.decidedBy === 'deadline') ? 'asked-blocked' : 'blocked';
  }
}

function fullText(a: AgentAction): string {
  switch (a.kind) {
    case 'mcp':
      return `${summarizeAction(a)} ${a.input === undefined ? '' : safeJson(a.input)}`.trim();
    case 'fetch':
      return `${summarizeAction(a)}${a.body ? `\n${a.body.slice(0, 2000)}` : ''}`;
    case 'write':
      // Never file contents: only where it goes and how much.
      return `${summarizeAction(a)}${a.content === undefined ? '' : ` (${a.content.length} chars)`}`;
    default:
      return summarizeAction(a);
  }
}

function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v).slice(0, 4000);
  } catch {
    return '[unserializable input]';
  }
}

export function oneLine(s: string, max = SUMMARY_MAX): string {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

export function toRow(e: GateEvent, answer?: Answer, redact: (s: string) => string = redactText): ActivityRow {
  const full = redact(fullText(e.action));
  const row: ActivityRow = {
    id: e.id,
    time: e.time,
    agent: e.agent,
    kind: rowKind(e),
    summary: oneLine(full),
    full,
    badge: badgeOf(e),
    decision: e.verdict.decision,
    rule: e.verdict.rules[0] ?? '',
    rules: e.verdict.rules,
    reason: redact(e.verdict.reason),
    severity: e.verdict.severity,
    target: redact(e.verdict.target ?? ''),
    environment: e.verdict.environment,
    cwd: e.action.cwd ?? '',
    phase: e.phase,
    decidedBy: e.decidedBy,
    tool: e.action.tool ?? '',
  };
  if (e.exitCode !== undefined) row.exitCode = e.exitCode;
  if (answer) row.answer = answer;
  return row;
}
