// Regular expressions that come from outside the code (settings, .airlock/policy.json, the policy
// snapshot the hook reads, which an agent could have rewritten): every one passes the same check,
// and runs on V8's linear-time engine when the host has switched it on (host/regex_engine.ts), so no
// input can make it backtrack for minutes. Without that engine a pattern only runs if it has no nested
// quantifiers, on a shorter input. Past a bound the answer is "in doubt" (undefined), which callers
// treat as a match: a rule that cannot be checked in time asks a person rather than passing silently.

/** Patterns that can backtrack catastrophically: a quantified group that itself contains a quantifier. */
const NESTED_QUANTIFIER = /\((?:[^()\\]|\\.)*[+*}](?:[^()\\]|\\.)*\)\s*(?:[+*]|\{\d+,?\d*\})/;

/** Why `pattern` may not run, or undefined. Settings errors show this text. */
export function checkRegex(pattern: string): string | undefined {
  try {
    new RegExp(pattern, 'i');
  } catch (err) {
    return `not a valid regular expression (${err instanceof Error ? err.message : String(err)})`;
  }
  if (NESTED_QUANTIFIER.test(pattern)) return 'nested quantifiers like (a+)+ can take exponential time; rewrite the pattern';
  return undefined;
}

/** Inputs longer than this are not matched at all ("in doubt"). */
export const LINEAR_INPUT_LIMIT = 64 * 1024;
export const BACKTRACKING_INPUT_LIMIT = 2048;

export interface UserRegex {
  source: string;
  /** true / false, or undefined when the input is past the bound for this engine. */
  test(input: string): boolean | undefined;
  linear: boolean;
}

/**
 * Lower-cases a pattern outside its escapes, so it can run without the `i` flag (V8's linear engine
 * does not take `i`) against a lower-cased input.
 */
function foldCase(pattern: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\' && i + 1 < pattern.length) {
      out += c + pattern[i + 1];
      i++;
      continue;
    }
    out += c.toLowerCase();
  }
  return out;
}

/** Compiles a user pattern, case-insensitively; undefined when it must not run (see checkRegex). */
export function compileUserRegex(pattern: string): UserRegex | undefined {
  const problem = checkRegex(pattern);
  const folded = foldCase(pattern);
  let linear: RegExp | undefined;
  try {
    linear = new RegExp(folded, 'l');
  } catch {
    linear = undefined; // engine off, or a pattern it cannot run (backreferences, lookaround)
  }
  if (linear) {
    const re = linear;
    return { source: pattern, linear: true, test: (s) => (s.length > LINEAR_INPUT_LIMIT ? undefined : re.test(s.toLowerCase())) };
  }
  if (problem) return undefined;
  const re = new RegExp(pattern, 'i');
  return { source: pattern, linear: false, test: (s) => (s.length > BACKTRACKING_INPUT_LIMIT ? undefined : re.test(s)) };
}
