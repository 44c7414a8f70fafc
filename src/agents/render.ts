// Small helpers every dialect shares: the refusal text, JSON output, one-line stderr.
import type { HookAnswer, HookOutput } from './types';

export function json(value: unknown): string {
  return `${JSON.stringify(value)}\n`;
}

/** stderr lines are read by agents and people: one line, no stack, capped. */
export function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 600 ? `${flat.slice(0, 597)}...` : flat;
}

export function blocked(answer: HookAnswer): boolean {
  return answer.decision !== 'allow';
}

export function messageFor(answer: HookAnswer): string {
  return oneLine(`Airlock: ${answer.reason}`);
}

/** Plain "exit 2 + reason on stderr" output, understood by every agent. */
export function exit2(reason: string, stdout = ''): HookOutput {
  return { stdout, stderr: `${oneLine(reason)}\n`, exitCode: 2 };
}

export function pass(stdout = ''): HookOutput {
  return { stdout, stderr: '', exitCode: 0 };
}

export function zodMessage(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): string {
  const first = issues.slice(0, 3).map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`);
  return first.join('; ');
}

/**
 * Builds a value on first use. The hook process serves one agent, so each dialect builds its
 * schemas only when it is the one in use (zod schema construction is a measurable share of the
 * hook's start-up).
 */
export function lazy<T>(make: () => T): () => T {
  let value: T | undefined;
  let made = false;
  return () => {
    if (!made) {
      value = make();
      made = true;
    }
    return value as T;
  };
}
