// Every place a secret is shown (scan output, diagnostics, logs, test messages) goes through here:
// a short prefix and the length, never enough of the value to use or guess it.

/** `ghp_…(40 chars)`. Short values show less of their prefix, and values under 8 chars show none. */
export function redact(value: string): string {
  const n = value.length;
  const shown = n >= 16 ? 4 : n >= 8 ? 2 : 0;
  return `${value.slice(0, shown)}…(${n} chars)`;
}

/** Replaces every occurrence of the given secrets in a text with their redacted form (for log lines). */
export function redactIn(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of [...secrets].sort((a, b) => b.length - a.length)) {
    if (s.length > 0) out = out.split(s).join(redact(s));
  }
  return out;
}
