// Reads the agent's whole payload with a size cap and a time cap, so a huge or never-ending
// stdin is refused instead of eating memory or hanging the agent.
export const MAX_PAYLOAD_BYTES = 8 * 1024 * 1024;

export type StdinResult = { ok: true; text: string } | { ok: false; error: string };

export function readStdin(stream: NodeJS.ReadableStream, maxBytes = MAX_PAYLOAD_BYTES, timeoutMs = 10_000): Promise<StdinResult> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (r: StdinResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      stream.removeListener('data', onData);
      stream.removeListener('end', onEnd);
      stream.removeListener('error', onError);
      if (!r.ok) (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
      resolve(r);
    };
    const onData = (chunk: Buffer | string): void => {
      const b = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      size += b.length;
      if (size > maxBytes) return settle({ ok: false, error: `payload is larger than ${Math.round(maxBytes / 1024 / 1024)} MB` });
      chunks.push(b);
    };
    const onEnd = (): void => settle({ ok: true, text: Buffer.concat(chunks).toString('utf8') });
    const onError = (err: Error): void => settle({ ok: false, error: `could not read stdin (${err.message})` });
    const timer = setTimeout(() => settle({ ok: false, error: `no complete payload on stdin within ${timeoutMs / 1000} s` }), timeoutMs);
    stream.on('data', onData);
    stream.on('end', onEnd);
    stream.on('error', onError);
    stream.resume();
  });
}
