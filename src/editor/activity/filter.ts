// Sidebar filtering, shared by the webview (which filters its own copy of the
// rows, so typing in the filter box never touches the extension host) and tests.
import type { ActivityRow, Badge } from './model';

export interface ActivityFilter {
  /** '' = every agent */
  agent: string;
  /** '' = every decision; 'asked' = both asked outcomes plus waiting */
  decision: '' | Badge | 'asked';
  /** Case-insensitive substring over summary, full text, rule, target, agent, cwd. */
  text: string;
}

export const EMPTY_FILTER: ActivityFilter = { agent: '', decision: '', text: '' };

export function isEmptyFilter(f: ActivityFilter): boolean {
  return !f.agent && !f.decision && !f.text.trim();
}

export function rowMatches(row: ActivityRow, f: ActivityFilter): boolean {
  if (f.agent && row.agent !== f.agent) return false;
  if (f.decision) {
    if (f.decision === 'asked') {
      if (row.badge !== 'approved' && row.badge !== 'asked-blocked' && row.badge !== 'waiting') return false;
    } else if (row.badge !== f.decision) return false;
  }
  const needle = f.text.trim().toLowerCase();
  if (needle) {
    const hay = `${row.full}\n${row.rules.join(' ')}\n${row.target}\n${row.agent}\n${row.cwd}\n${row.kind}`.toLowerCase();
    if (!hay.includes(needle)) return false;
  }
  return true;
}
