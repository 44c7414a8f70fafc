// Bash glob patterns as matchers: one path segment at a time, the way bash's pathname expansion reads
// them (`*`, `?`, `[..]` with `!`/`^` negation, ranges and POSIX classes). Shared by the host's glob()
// and by core's "what could this pattern match" fallback, so both agree on what a pattern means.
import { table } from '../table';

const POSIX_CLASSES = table<string>({
  alpha: 'A-Za-z',
  digit: '0-9',
  alnum: 'A-Za-z0-9',
  upper: 'A-Z',
  lower: 'a-z',
  space: ' \\t\\n\\r\\f\\v',
  blank: ' \\t',
  punct: '!-\\/:-@\\[-`{-~',
  xdigit: '0-9A-Fa-f',
  word: 'A-Za-z0-9_',
  cntrl: '\\x00-\\x1f\\x7f',
  print: '\\x20-\\x7e',
  graph: '\\x21-\\x7e',
});

/** A glob character bash would expand (quoting is judged by the caller). */
export function hasGlobChars(word: string): boolean {
  return /[*?]|\[.*\]/.test(word);
}

function escapeRegex(c: string): string {
  return /[.*+?^${}()|[\]\\/-]/.test(c) ? `\\${c}` : c;
}

/** The `[..]` bracket starting at `i`, as a regex class and where it ends; undefined when it never closes (then `[` is literal). */
function bracket(seg: string, i: number): { re: string; end: number } | undefined {
  let j = i + 1;
  let negate = false;
  if (seg[j] === '!' || seg[j] === '^') {
    negate = true;
    j++;
  }
  let body = '';
  let first = true;
  while (j < seg.length) {
    const c = seg[j];
    if (c === ']' && !first) return { re: `[${negate ? '^' : ''}${body}]`, end: j };
    first = false;
    if (c === '[' && seg[j + 1] === ':') {
      const close = seg.indexOf(':]', j + 2);
      const cls = close > 0 ? POSIX_CLASSES[seg.slice(j + 2, close)] : undefined;
      if (cls !== undefined) {
        body += cls;
        j = close + 2;
        continue;
      }
    }
    if (c === '\\' && j + 1 < seg.length) {
      body += escapeRegex(seg[j + 1]);
      j += 2;
      continue;
    }
    if (seg[j + 1] === '-' && seg[j + 2] !== undefined && seg[j + 2] !== ']') {
      body += `${escapeRegex(c)}-${escapeRegex(seg[j + 2])}`;
      j += 3;
      continue;
    }
    body += escapeRegex(c);
    j++;
  }
  return undefined;
}

/** Regex source for one segment (no `/` inside), anchored by the caller. */
export function segmentSource(seg: string): string {
  let out = '';
  for (let i = 0; i < seg.length; i++) {
    const c = seg[i];
    if (c === '*') {
      // `**` inside a segment is just `*` to bash
      while (seg[i + 1] === '*') i++;
      out += '[^/]*';
    } else if (c === '?') out += '[^/]';
    else if (c === '[') {
      const b = bracket(seg, i);
      if (b) {
        out += b.re;
        i = b.end;
      } else out += '\\[';
    } else if (c === '\\' && i + 1 < seg.length) {
      out += escapeRegex(seg[++i]);
    } else out += escapeRegex(c);
  }
  return out;
}

export interface SegmentMatcher {
  (name: string): boolean;
  /** The segment has glob characters (else it names one entry literally). */
  readonly magic: boolean;
}

/**
 * Whether a directory entry's name matches one pattern segment. A name starting with `.` matches only a
 * segment that starts with `.` itself, unless dotglob; `.` and `..` are never produced by a glob here.
 */
export function segmentMatcher(seg: string, options: { dotglob?: boolean } = {}): SegmentMatcher {
  const magic = hasGlobChars(seg);
  let re: RegExp | undefined;
  try {
    re = new RegExp(`^${segmentSource(seg)}$`, 's');
  } catch {
    re = undefined;
  }
  const literal = seg.replace(/\\(.)/g, '$1');
  const explicitDot = seg.startsWith('.');
  const fn = ((name: string): boolean => {
    if (!magic) return name === literal;
    if (name === '.' || name === '..') return false;
    if (name.startsWith('.') && !explicitDot && options.dotglob !== true) return false;
    return re !== undefined && re.test(name);
  }) as SegmentMatcher;
  Object.defineProperty(fn, 'magic', { value: magic });
  return fn;
}
