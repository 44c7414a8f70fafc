// Waiting on conditions, never on the clock. waitFor is the one the UI suite uses too.
export { waitFor } from '../../e2e/lib/wait';

/** Resolves with the first event that matches, or rejects after timeoutMs. */
export function nextEvent<E>(
  subscribe: (listener: (e: E) => void) => { dispose(): void },
  matches: (e: E) => boolean,
  what: string,
  timeoutMs = 15_000,
): Promise<E> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
    }, timeoutMs);
    const sub = subscribe((e) => {
      if (!matches(e)) return;
      clearTimeout(timer);
      sub.dispose();
      resolve(e);
    });
  });
}
