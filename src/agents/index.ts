// The dialect for each hook agent.
import type { HookAgentId } from '../core/action';
import { claude, codex, copilot } from './claude';
import { cline } from './cline';
import { cursor } from './cursor';
import { gemini } from './gemini';
import type { Dialect } from './types';
import { windsurf } from './windsurf';

export const DIALECTS: Record<HookAgentId, Dialect> = { cursor, claude, copilot, codex, gemini, windsurf, cline };

export function dialectFor(agent: string): Dialect | undefined {
  return Object.prototype.hasOwnProperty.call(DIALECTS, agent) ? DIALECTS[agent as HookAgentId] : undefined;
}
