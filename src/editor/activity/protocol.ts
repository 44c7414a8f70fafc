// The typed messages between the activity webview and the extension. Both sides
// import this file, so a renamed field fails the build instead of the UI.
import type { ActivityRow } from './model';
import type { ActivityFilter } from './filter';

export interface WaitingItem {
  id: string;
  agent: string;
  summary: string;
  rule: string;
  environment: string;
  deadline: number;
  /** True for the one whose dialog is on screen. */
  showing: boolean;
}

export interface SessionRuleView {
  rule: string;
  since: number;
  allowedCount: number;
}

export interface LockdownView {
  on: boolean;
  since?: number;
  reason?: string;
}

export interface DayCountsView {
  allowed: number;
  asked: number;
  blocked: number;
  observed: number;
}

export interface ViewState {
  lockdown: LockdownView;
  waiting: WaitingItem[];
  sessionRules: SessionRuleView[];
  counts: DayCountsView;
  capacity: number;
}

export type ToView =
  /** Everything the extension remembers, oldest first. Sent when the view (re)loads. */
  | { type: 'reset'; rows: ActivityRow[]; state: ViewState }
  /** New or updated rows since the last message, oldest first, batched. */
  | { type: 'rows'; rows: ActivityRow[] }
  | { type: 'state'; state: ViewState }
  | { type: 'setFilter'; filter: Partial<ActivityFilter> }
  | { type: 'focus'; target: 'filter' | 'list' };

export type FromView =
  | { type: 'ready' }
  | { type: 'kill' }
  | { type: 'release' }
  | { type: 'allowRuleForSession'; rule: string; rowId: string }
  | { type: 'revokeSessionRule'; rule: string }
  | { type: 'exportAudit' }
  /** What the view currently shows: lets tests and the drift probe see that rendering kept up. */
  | { type: 'rendered'; total: number; matching: number; firstId: string | undefined; renderMs: number; filter: ActivityFilter };

const FROM_VIEW_TYPES = new Set(['ready', 'kill', 'release', 'allowRuleForSession', 'revokeSessionRule', 'exportAudit', 'rendered']);

/** Messages from a webview are input like any other: check the shape before acting on it. */
export function parseFromView(msg: unknown): FromView | undefined {
  if (!msg || typeof msg !== 'object') return undefined;
  const m = msg as Record<string, unknown>;
  if (typeof m['type'] !== 'string' || !FROM_VIEW_TYPES.has(m['type'])) return undefined;
  switch (m['type']) {
    case 'allowRuleForSession':
      return typeof m['rule'] === 'string' && m['rule'] && typeof m['rowId'] === 'string'
        ? { type: 'allowRuleForSession', rule: m['rule'], rowId: m['rowId'] }
        : undefined;
    case 'revokeSessionRule':
      return typeof m['rule'] === 'string' ? { type: 'revokeSessionRule', rule: m['rule'] } : undefined;
    case 'rendered':
      return typeof m['total'] === 'number' && typeof m['matching'] === 'number' ? (m as unknown as FromView) : undefined;
    default:
      return { type: m['type'] } as FromView;
  }
}
