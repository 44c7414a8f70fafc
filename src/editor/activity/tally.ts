// Today's counts in words, the same in the status bar and the sidebar. Every agent action is counted once
// (allowed or blocked); "asked you" says how many of those waited for a person, so nothing adds up twice.
import type { DayCountsView } from './protocol';

export function tallyText(c: DayCountsView): string {
  const decided = c.allowed + c.blocked;
  const parts = [`${decided} agent action${decided === 1 ? '' : 's'} today: ${c.allowed} allowed, ${c.blocked} blocked`];
  if (c.asked > 0) parts.push(`${c.asked} asked you`);
  if (c.observed > 0) parts.push(`${c.observed} observed`);
  return parts.join('; ');
}

/** The status bar's short form: what was stopped, and how many times the person was asked. */
export function shortTally(c: DayCountsView): string {
  return [c.blocked > 0 ? `${c.blocked} blocked` : '', c.asked > 0 ? `${c.asked} asked` : ''].filter(Boolean).join(' · ');
}
