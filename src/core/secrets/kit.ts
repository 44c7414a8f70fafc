// Helpers that turn a regular expression into a detector's matcher.
import type { MatchInput, RawMatch } from './types';

/**
 * Matcher for a global regex. The secret is the named group `secret`, else group 1, else the whole
 * match. `validate` sees the value, the match and the text, for checks a regex cannot express
 * (decoding a JWT header, comparing user and password).
 */
export function regexMatcher(
  source: RegExp,
  validate?: (value: string, m: RegExpExecArray, text: string) => boolean,
): (input: MatchInput) => RawMatch[] {
  if (!source.global) throw new Error(`detector regex ${source} must be global`);
  const re = source.hasIndices ? source : new RegExp(source.source, `${source.flags}d`);
  return ({ text }) => {
    const out: RawMatch[] = [];
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      if (m[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      const named = m.groups?.['secret'];
      const value = named ?? m[1] ?? m[0];
      const span = named !== undefined ? m.indices?.groups?.['secret'] : m[1] !== undefined ? m.indices?.[1] : undefined;
      const index = span ? span[0] : m.index;
      if (!validate || validate(value, m, text)) out.push({ index, value });
    }
    return out;
  };
}
