// The words of the confirmation dialog. Pure, so what a person reads is tested.
import type { ApprovalRequest } from '../../gate/contract';
import { redactText } from '../../gate/audit';
import { summarizeAction } from '../../core/action';

export const COMMAND_MAX = 400;

/** Keep the start and the end of a long command (where the verb and the target usually are). */
export function shortenMiddle(s: string, max = COMMAND_MAX): string {
  if (s.length <= max) return s;
  const keep = max - 3;
  const head = Math.ceil(keep * 0.6);
  const tail = keep - head;
  return `${s.slice(0, head)} … ${s.slice(s.length - tail)}`;
}

const AGENT_NAMES: Record<string, string> = {
  cursor: 'Cursor',
  claude: 'Claude Code',
  copilot: 'Copilot',
  codex: 'Codex',
  gemini: 'Gemini CLI',
  windsurf: 'Windsurf',
  cline: 'Cline',
  terminal: 'A terminal',
  unknown: 'An agent',
};

export function agentName(agent: string): string {
  return AGENT_NAMES[agent] ?? agent;
}

const VERB: Record<string, string> = {
  shell: 'run a command',
  read: 'read a protected file',
  search: 'search protected files',
  write: 'write a file',
  delete: 'delete a file',
  mcp: 'call an MCP tool',
  fetch: 'send a web request',
  prompt: 'send a prompt',
};

export interface DialogText {
  title: string;
  detail: string;
}

export function dialogText(req: ApprovalRequest, now: number, redact: (s: string) => string = redactText): DialogText {
  const { action, verdict, agent } = req.event;
  const production = verdict.environment === 'production';
  const title = `${production ? '⚠ PRODUCTION ⚠ ' : ''}${agentName(agent)} wants to ${VERB[action.kind] ?? 'act'}`;
  const what = action.kind === 'shell' ? action.command : summarizeAction(action);
  const lines = [
    `${action.kind === 'shell' ? 'Command' : 'Action'}: ${shortenMiddle(redact(what))}`,
    '',
    `Why: ${redact(verdict.reason)}`,
    `Rule: ${verdict.rules.length ? verdict.rules.join(', ') : '(none)'} · severity ${verdict.severity}`,
  ];
  if (verdict.target) lines.push(`Target: ${redact(verdict.target)}`);
  lines.push(
    production
      ? 'Environment: PRODUCTION. This looks like a production system: data lost here may not come back.'
      : `Environment: ${verdict.environment}`,
  );
  if (action.cwd) lines.push(`Working directory: ${action.cwd}`);
  const secs = Math.max(0, Math.round((req.deadline - now) / 1000));
  lines.push('', `"Allow once" lets this one action run. Block or Cancel stops it. No answer within ${secs}s blocks it.`);
  return { title, detail: lines.join('\n') };
}
