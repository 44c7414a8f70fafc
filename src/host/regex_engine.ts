// Switches on V8's linear-time regular expression engine (the `l` flag) for this process, so the
// patterns people and policy files supply (core/policy/regex.ts) cannot backtrack for minutes. The flag
// only makes the engine available; no other regular expression changes. Where V8 refuses it, user
// patterns fall back to the stricter check and shorter inputs.
import * as v8 from 'node:v8';

let done = false;

export function enableLinearRegex(): void {
  if (done) return;
  done = true;
  try {
    v8.setFlagsFromString('--enable-experimental-regexp-engine');
  } catch {
    // fall back, see above
  }
}
