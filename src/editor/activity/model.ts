// The shape of one sidebar row. No imports: the webview bundle (a browser
// context) uses these types and labels too.

/** The kinds a person filters by. Terminal commands are their own kind even though they are shell commands. */
export type RowKind = 'shell' | 'terminal' | 'read' | 'search' | 'write' | 'delete' | 'mcp' | 'fetch' | 'prompt';

/** The badge: what happened, including the two-step "asked, then ..." outcomes. */
export type Badge = 'allowed' | 'observed' | 'waiting' | 'approved' | 'asked-blocked' | 'blocked';

export const BADGE_LABEL: Record<Badge, string> = {
  allowed: 'allowed',
  observed: 'observed',
  waiting: 'waiting',
  approved: 'asked → approved',
  'asked-blocked': 'asked → blocked',
  blocked: 'blocked',
};

/** How the person (or something on their behalf) answered an ask. */
export interface Answer {
  answer: 'allow' | 'deny';
  by: 'person' | 'cancel' | 'deadline' | 'withdrawn' | 'session-rule' | 'lockdown' | 'no-ui';
  at: number;
  /** The rule that an allow-for-session covered. */
  rule?: string;
}

export interface ActivityRow {
  id: string;
  time: number;
  agent: string;
  kind: RowKind;
  /** One line, redacted, at most SUMMARY_MAX characters. */
  summary: string;
  /** Full text (command, path, tool + input), redacted. */
  full: string;
  badge: Badge;
  decision: string;
  rule: string;
  rules: string[];
  reason: string;
  severity: string;
  target: string;
  environment: string;
  cwd: string;
  phase: string;
  decidedBy: string;
  tool: string;
  exitCode?: number;
  answer?: Answer;
}

