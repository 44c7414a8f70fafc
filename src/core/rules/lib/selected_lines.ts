// What a partial read prints of one file, computed from the file as it is at decision time: `head -n 2 f`,
// `tail -n 5 f`, `sed -n '3,8p' f`, `grep -n region f` (a plain-word pattern, with its context lines). A read
// that prints none of the lines holding a credential shows the agent no credential. Anything this does not
// simulate exactly (regexes, inverted matches, several files, option spellings it does not know) is undefined,
// and the caller judges the command as a read of the whole file.
import { printsNoLines } from './search_output';
import type * as YamlLib from 'yaml';
import { activeFindings, scanText } from '../../secrets/scan';
import type { RuleContext, SimpleCommand } from '../types';

const MAX_TEXT = 256 * 1024;
const REGEX_META = /[\\[\]*+?^$(){}|]/;

/**
 * Search patterns a grep-like tool reads as plain words (`TODO`, `process.env`: `.` means any character in every
 * grep dialect, as in JavaScript), compiled; undefined when any is a real regex, empty, multi-line or too long.
 */
export function plainWordTests(patterns: readonly string[], fixed: boolean, nocase: boolean, basic = false): RegExp[] | undefined {
  if (patterns.length === 0 || patterns.length > 16) return undefined;
  // `secrets\.`, `api\-key`: escaped punctuation is that character
  // (`ENV\["X"\]`, `a\(b\)`: any escaped punctuation is that character; the rest must be plain)
  const escapedLiteral = new Set<string>();
  if (!fixed) {
    patterns = patterns.map((p) => {
      if (!p.includes('\\') || !/^(?:[^\\[\]*+?^$(){}|]|\\[^A-Za-z0-9])+$/.test(p)) return p;
      const lit = p.replace(/\\(.)/g, (_m, c: string) => (c === '.' ? '\u0000' : c));
      if (/[[\]*+?^$(){}|]/.test(lit)) escapedLiteral.add(lit);
      return lit;
    });
  }
  // grep's basic regex (no -E/-P): `?`, `+`, `(`, `)`, `{`, `}`, `|` are plain characters (`def overdue?`)
  const literalPunct = (p: string): boolean => basic && !fixed && /[?+(){}|]/.test(p) && !/[\\[\]*^$]/.test(p);
  // `TODO|FIXME` (rg, grep -E) and `TODO\|FIXME` (grep): alternatives of plain words are plain words each
  // (`Variable.get|os.environ`: a `.` in a word is any character, as below)
  if (!fixed && patterns.some((p) => /^[\w.-]+(?:\\?\|[\w.-]+)+$/.test(p))) patterns = patterns.flatMap((p) => (/^[\w.-]+(?:\\?\|[\w.-]+)+$/.test(p) ? p.split(/\\?\|/) : [p]));
  // `describe\|test(` (grep's basic regex): alternatives that are literal text there (`(`, `+`, `?` are plain
  // characters in a basic regex) are searched as literals. Read so by rg too, this finds more lines, never fewer.
  const literal = new Set<string>();
  if (!fixed) {
    patterns = patterns.flatMap((p) => {
      if (!p.includes('\\|')) return [p];
      const parts = p.split('\\|');
      if (parts.some((x) => x === '' || /[\\[\]*^$.]/.test(x))) return [p];
      for (const x of parts) literal.add(x);
      return parts;
    });
  }
  for (const p of patterns) if (literalPunct(p) || escapedLiteral.has(p)) literal.add(p);
  if (patterns.some((p) => p === '' || p.length > 256 || p.includes('\n') || (!fixed && !literal.has(p) && REGEX_META.test(p.replace(/\u0000/g, ''))))) return undefined;
  return patterns.map((p) => {
    const source = fixed || literal.has(p) ? p.replace(/[*+?^${}()|[\]\\]/g, '\\$&').replace(/\./g, fixed ? '\\.' : '.') : p;
    return new RegExp(source.replace(/\u0000/g, '\\.'), nocase ? 'i' : '');
  });
}

/**
 * `grep '^\[' ~/.aws/credentials`, `grep '^machine' ~/.netrc`: a pattern made of literal text, escaped brackets and
 * dots, `.`/`.*`, with `^`/`$` at its ends, which every grep dialect and JavaScript read the same way.
 */
function anchoredTests(patterns: readonly string[], fixed: boolean, nocase: boolean): RegExp[] | undefined {
  if (fixed || patterns.length !== 1) return undefined;
  const p = patterns[0]!;
  if (p.length === 0 || p.length > 128 || !/^\^?(?:[\w \t:=@/,-]|\\[[\].]|\.\*?)+\$?$/.test(p)) return undefined;
  return [new RegExp(p, nocase ? 'i' : '')];
}

/** Patterns as line filters (`-E 'DB_(HOST|USER)'`, `-v -i 'key|token'`); undefined when one cannot be read exactly. */
function lineFilters(patterns: readonly string[], fixed: boolean, extended: boolean, nocase: boolean): RegExp[] | undefined {
  const out: RegExp[] = [];
  for (const p of patterns) {
    const re = fixed ? (p.length > 0 && !p.includes('\n') ? new RegExp(p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), nocase ? 'i' : '') : undefined) : posixRegex(p, extended, nocase ? 'i' : '', true);
    if (!re) return undefined;
    out.push(re);
  }
  return out.length > 0 ? out : undefined;
}

function count(v: string | undefined): number | undefined {
  return v !== undefined && /^\d{1,6}$/.test(v) ? Number(v) : undefined;
}

/** The lines `cmd` prints of `text` (its only file), or undefined when that cannot be said exactly. */
export function selectedLines(cmd: SimpleCommand, text: string): string[] | undefined {
  const a = cmd.args;
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const n = cmd.name;
  if (n === 'head' || n === 'tail') {
    let k: number | undefined = 10;
    for (let i = 0; i < a.length; i++) {
      const x = a[i]!;
      if (x === '-n' || x === '--lines') k = count(a[++i]);
      else if (/^-n\d+$/.test(x)) k = count(x.slice(2));
      else if (/^--lines=\d+$/.test(x)) k = count(x.slice(8));
      else if (/^-\d+$/.test(x)) k = count(x.slice(1));
      else if (x.startsWith('-')) return undefined;
    }
    if (k === undefined) return undefined;
    return n === 'head' ? lines.slice(0, k) : lines.slice(Math.max(0, lines.length - k));
  }
  if (n === 'sed') {
    if (!a.includes('-n')) return sedSubstitute(a, lines);
    const scripts = a.filter((x) => !x.startsWith('-'));
    const m = /^\s*(\d+)(?:\s*,\s*(\d+))?\s*p\s*$/.exec(scripts[0] ?? '');
    if (!m) return undefined;
    const from = Number(m[1]);
    const to = m[2] !== undefined ? Number(m[2]) : from;
    return lines.slice(Math.max(0, from - 1), to);
  }
  if (n === 'grep' || n === 'egrep' || n === 'fgrep' || n === 'rg') {
    // `grep -c KEY .env`, `grep -q KEY .env`, `grep -l KEY .env`: a count, an exit status or the file's name
    if (printsNoLines(n, a)) return [];
    const keys = onlyKeys(n, a, lines);
    if (keys !== undefined) return keys;
    let nocase = false;
    let fixed = n === 'fgrep';
    let before = 0;
    let after = 0;
    let extended = n === 'egrep' || n === 'rg';
    let invert = false;
    let word = false;
    const patterns: string[] = [];
    const operands: string[] = [];
    for (let i = 0; i < a.length; i++) {
      const x = a[i]!;
      if (x === '-e' || x === '--regexp') patterns.push(a[++i] ?? '');
      else if (x === '-A' || x === '-B' || x === '-C') {
        const c = count(a[++i]);
        if (c === undefined) return undefined;
        if (x !== '-B') after = Math.max(after, c);
        if (x !== '-A') before = Math.max(before, c);
      } else if (/^-[inwFHhsocrREv]+$/.test(x) && !x.includes('c')) {
        if (x.includes('i')) nocase = true;
        if (x.includes('F')) fixed = true;
        if (x.includes('E')) extended = true;
        if (x.includes('v')) invert = true;
        if (x.includes('w')) word = true;
      } else if (x === '--ignore-case') nocase = true;
      else if (x === '--extended-regexp') extended = true;
      else if (x === '--invert-match') invert = true;
      else if (x === '--fixed-strings') fixed = true;
      else if (x === '--line-number' || x === '--with-filename' || x === '--no-filename' || x === '--word-regexp' || x === '--recursive') continue;
      else if (x.startsWith('-')) return undefined;
      else operands.push(x);
    }
    if (patterns.length === 0) patterns.push(operands.shift() ?? '');
    // An inverted match keeps what the pattern misses: only a pattern read exactly (no -w, no context) will do
    if (invert && (word || before > 0 || after > 0)) return undefined;
    const tests = operands.length === 1 ? (invert ? undefined : plainWordTests(patterns, fixed, nocase, n === 'grep' && !extended && !a.some((x) => /^-[a-zA-Z]*P/.test(x) || x === '--perl-regexp'))) ?? (invert ? undefined : anchoredTests(patterns, fixed, nocase)) ?? (lines.some((l) => l.length > MAX_SIMULATED_LINE) ? undefined : lineFilters(patterns, fixed, extended, nocase)) : undefined;
    if (tests === undefined) return undefined;
    const keep = new Set<number>();
    lines.forEach((l, i) => {
      if (tests.some((t) => t.test(l)) === invert) return;
      for (let k = Math.max(0, i - before); k <= Math.min(lines.length - 1, i + after); k++) keep.add(k);
    });
    return [...keep].sort((x, y) => x - y).map((i) => lines[i]!);
  }
  if (n === 'gsed') return sedSubstitute(a, lines);
  if (n === 'cut') return cutFields(a, lines);
  if (n === 'awk' || n === 'gawk' || n === 'mawk' || n === 'nawk') return awkPrint(a, lines);
  if (n === 'jq' || n === 'gojq' || n === 'jaq') return jqOutput(a, text, jsonDoc);
  if (n === 'yq') return jqOutput(a, text, yamlDoc);
  return undefined;
}

/**
 * A POSIX regex (basic or extended) of the plain kind, as a JavaScript one; undefined for anything whose meaning
 * could differ (alternation, which POSIX matches longest-first; back-references; word anchors; collating classes).
 */
function posixRegex(pattern: string, extended: boolean, flags: string, alternation = false): RegExp | undefined {
  // (whether a line matches does not depend on which alternative wins: a line filter may use `|`)
  if (pattern.length === 0 || pattern.length > 200 || /\\[1-9<>bBwW`']|\[[.=]/.test(pattern) || (!alternation && /\|/.test(pattern))) return undefined;
  const classes: Record<string, string> = { alnum: 'A-Za-z0-9', alpha: 'A-Za-z', digit: '0-9', upper: 'A-Z', lower: 'a-z', space: ' \\t', blank: ' \\t', xdigit: '0-9A-Fa-f', punct: '!-\\/:-@\\[-`{-~' };
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '[') {
      // a bracket expression, copied with its POSIX classes spelled out; `]` first is a member
      let j = i + 1;
      let body = '';
      if (pattern[j] === '^') body += pattern[j++];
      if (pattern[j] === ']') (body += '\\]'), j++;
      for (; j < pattern.length && pattern[j] !== ']'; j++) {
        const cls = /^\[:(\w+):\]/.exec(pattern.slice(j));
        if (cls) {
          const v = classes[cls[1]!];
          if (v === undefined) return undefined;
          body += v;
          j += cls[0].length - 1;
        } else body += pattern[j] === '\\' ? '\\\\' : pattern[j];
      }
      if (j >= pattern.length) return undefined;
      out += `[${body}]`;
      i = j;
    } else if (c === '\\') {
      const d = pattern[++i];
      if (d === undefined) return undefined;
      if (!extended && '(){}+?|'.includes(d)) out += d;
      else if (/[.*[\]^$\\/+?(){}]/.test(d)) out += `\\${d}`;
      else if (d === 's' || d === 'S' || d === 't' || d === 'n') out += `\\${d}`;
      else out += d.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    } else if (!extended && '(){}+?|'.includes(c)) out += `\\${c}`;
    else out += c;
  }
  // A repeated group (`(a|aa)+`, `\(x*\)*`) can take exponential time on a crafted line: not simulated
  // and several unbounded repeats in a row (`.*.*.*x`) take polynomial time on a long one
  if (/\)[*+?{]/.test(out) || (out.replace(/\\./g, '').match(/[*+]|\{\d+,\}/g)?.length ?? 0) > 3) return undefined;
  try {
    return new RegExp(out, flags);
  } catch {
    return undefined;
  }
}

/**
 * `sed 's/=.*$/=XXX/' .env`, `sed -E 's/(=).+/\1<redacted>/' f`: one substitution applied to every line, printed.
 * Undefined for anything else (several commands, -n, in-place, the `e`/`w`/`p` flags, an nth match).
 */
/** Lines longer than this are not run through a simulated regex (a read of the file instead). */
const MAX_SIMULATED_LINE = 8192;

function sedSubstitute(args: readonly string[], lines: readonly string[]): string[] | undefined {
  if (lines.some((l) => l.length > MAX_SIMULATED_LINE)) return undefined;
  let extended = false;
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const x = args[i]!;
    if (x === '-E' || x === '-r' || x === '--regexp-extended') extended = true;
    else if (x === '-e' || x === '--expression') rest.unshift(args[++i] ?? '');
    else if (x === '--posix' || x === '-u' || x === '--unbuffered') continue;
    else if (x.startsWith('-')) return undefined;
    else rest.push(x);
  }
  if (rest.length !== 2) return undefined;
  const script = rest[0]!.trim();
  const delim = script[1];
  if (script[0] !== 's' || delim === undefined || /[\w\s\\]/.test(delim)) return undefined;
  const parts: string[] = [''];
  for (let i = 2; i < script.length; i++) {
    const c = script[i]!;
    if (c === '\\' && i + 1 < script.length) {
      // an escaped delimiter is the character itself
      parts[parts.length - 1] += script[i + 1] === delim ? delim : `${c}${script[i + 1]}`;
      i++;
    } else if (c === delim) parts.push('');
    else parts[parts.length - 1] += c;
  }
  if (parts.length !== 3 || !/^[gI]*$/.test(parts[2]!)) return undefined;
  const re = posixRegex(parts[0]!, extended, `${parts[2]!.includes('g') ? 'g' : ''}${parts[2]!.includes('I') ? 'i' : ''}`);
  if (!re) return undefined;
  // sed's replacement: `&` is the match, `\N` a group, `\&` and `\\` themselves
  let repl = '';
  const r = parts[1]!;
  for (let i = 0; i < r.length; i++) {
    const c = r[i]!;
    if (c === '&') repl += '$&';
    else if (c === '$') repl += '$$';
    else if (c === '\\' && i + 1 < r.length) {
      const d = r[++i]!;
      repl += /[1-9]/.test(d) ? `$${d}` : d === 'n' ? '\n' : d === '$' ? '$$' : d;
    } else repl += c;
  }
  return lines.flatMap((l) => l.replace(re, repl).split('\n'));
}

/** `cut -d: -f1-4 f`, `cut -f2 f`, `cut -c1-8 f`: the fields or characters each line keeps. */
function cutFields(args: readonly string[], lines: readonly string[]): string[] | undefined {
  let delim = '\t';
  let fields: string | undefined;
  let chars: string | undefined;
  let onlyDelimited = false;
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const x = args[i]!;
    const m = /^(-d|--delimiter=?|-f|--fields=?|-c|--characters=?|-b|--bytes=?)(.*)$/.exec(x);
    if (m) {
      const flag = m[1]!.replace(/=$/, '');
      const v = m[2] !== '' ? m[2]! : args[++i];
      if (v === undefined) return undefined;
      if (flag === '-d' || flag === '--delimiter') delim = v;
      else if (flag === '-f' || flag === '--fields') fields = v;
      else chars = v;
    } else if (x === '-s' || x === '--only-delimited') onlyDelimited = true;
    else if (x.startsWith('-')) return undefined;
    else rest.push(x);
  }
  const list = fields ?? chars;
  if (rest.length !== 1 || list === undefined || delim.length !== 1 || !/^(?:\d*-?\d*)(?:,\d*-?\d*)*$/.test(list)) return undefined;
  const ranges = list.split(',').map((r) => {
    const [a, b] = r.includes('-') ? r.split('-') : [r, r];
    return [a === '' ? 1 : Number(a), b === '' ? Infinity : Number(b)] as const;
  });
  const keep = (k: number): boolean => ranges.some(([lo, hi]) => k >= lo && k <= hi);
  return lines.flatMap((l) => {
    if (chars !== undefined) return [[...l].filter((_, k) => keep(k + 1)).join('')];
    if (!l.includes(delim)) return onlyDelimited ? [] : [l];
    return [l.split(delim).filter((_, k) => keep(k + 1)).join(delim)];
  });
}

/**
 * `awk '{print $1}' f`, `awk -F= '!/^#/ {print $1, length($2)}' .env`: fields, their lengths, NR/NF and literal
 * strings printed for every line a simple pattern selects. Undefined for any other program.
 */
function awkPrint(args: readonly string[], lines: readonly string[]): string[] | undefined {
  if (lines.some((l) => l.length > MAX_SIMULATED_LINE)) return undefined;
  let sep: string | undefined;
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const x = args[i]!;
    if (x === '-F') sep = args[++i];
    else if (x.startsWith('-F')) sep = x.slice(2);
    else if (x.startsWith('-')) return undefined;
    else rest.push(x);
  }
  if (rest.length !== 2 || (sep !== undefined && !/^(?:[^\s\\]|\\t|\[[^\]\\]+\])$/.test(sep))) return undefined;
  const m = /^\s*(!?\/((?:[^/\\]|\\.)*)\/|NF|NR\s*(?:[<>]=?|==|!=)\s*\d+)?\s*\{\s*print\s+([^;{}]*?)\s*;?\s*\}\s*$/.exec(rest[0]!);
  if (!m) return undefined;
  let select: (line: string, nr: number, nf: number) => boolean = () => true;
  const pattern = m[1];
  if (pattern !== undefined) {
    if (pattern === 'NF') select = (_l, _nr, nf) => nf > 0;
    else if (pattern.startsWith('NR')) {
      const [, op, num] = /^NR\s*([<>]=?|==|!=)\s*(\d+)$/.exec(pattern)!;
      const k = Number(num);
      select = (_l, nr) => (op === '<' ? nr < k : op === '<=' ? nr <= k : op === '>' ? nr > k : op === '>=' ? nr >= k : op === '==' ? nr === k : nr !== k);
    } else {
      const re = posixRegex(m[2]!, true, '');
      if (!re) return undefined;
      const neg = pattern.startsWith('!');
      select = (l) => re.test(l) !== neg;
    }
  }
  // the print list: items separated by `,` (a space between them) or juxtaposed (joined)
  const items: { join: string; item: string }[] = [];
  const ITEM = /^\s*(,)?\s*(\$\d+|length\(\$\d+\)|length(?:\(\))?|NR|NF|"[^"\\]*")/;
  let text = m[3]!;
  while (text.trim().length > 0) {
    const it = ITEM.exec(text);
    if (!it) return undefined;
    items.push({ join: items.length === 0 ? '' : it[1] ? ' ' : '', item: it[2]! });
    text = text.slice(it[0].length);
  }
  if (items.length === 0) return undefined;
  const splitter = sep === undefined ? undefined : sep === '\\t' ? '\t' : sep.length === 1 ? sep : new RegExp(sep);
  return lines.flatMap((line, i) => {
    const fields = splitter === undefined ? line.trim().split(/[ \t]+/).filter((f) => f.length > 0) : line.length === 0 ? [] : line.split(splitter);
    if (!select(line, i + 1, fields.length)) return [];
    const field = (k: number): string => (k === 0 ? line : fields[k - 1] ?? '');
    return [items.map(({ join, item }) => {
      const v = item.startsWith('$') ? field(Number(item.slice(1))) : item.startsWith('length(') && item.includes('$') ? String(field(Number(/\d+/.exec(item)![0])).length) : item.startsWith('length') ? String(line.length) : item === 'NR' ? String(i + 1) : item === 'NF' ? String(fields.length) : item.slice(1, -1);
      return join + v;
    }).join('')];
  });
}

/**
 * `grep -o '^[A-Z_]*=' .env`, `grep -Eo '^[A-Z0-9_]+'`, `grep -o '^[^=]*'`: only the part of each line before its
 * first `=` can match (a pattern anchored at the start made of name characters, or of "not =", then at most a `=`),
 * so only names are printed. Those parts are returned; undefined for any other use of grep.
 */
function onlyKeys(name: string, args: readonly string[], lines: readonly string[]): string[] | undefined {
  let only = false;
  let extended = name === 'egrep' || name === 'rg';
  const rest: string[] = [];
  for (const x of args) {
    if (x === '--only-matching') only = true;
    else if (/^-[a-zA-Z]+$/.test(x) && /^-[oEhHsnI]+$/.test(x)) {
      if (x.includes('o')) only = true;
      if (x.includes('E')) extended = true;
    } else if (x === '--extended-regexp') extended = true;
    else if (x.startsWith('-')) return undefined;
    else rest.push(x);
  }
  if (!only || rest.length !== 2) return undefined;
  const pattern = rest[0]!;
  const unit = String.raw`(?:\[\^=\]|\[(?:[A-Za-z0-9_.]|[A-Za-z0-9]-[A-Za-z0-9])+\]|[A-Za-z0-9_])`;
  const quant = extended ? '[*+?]?' : String.raw`(?:\*|\\\+|\\\?)?`;
  if (!new RegExp(`^\\^(?:${unit}${quant})+=?$`).test(pattern)) return undefined;
  const js = extended ? pattern : pattern.replace(/\\([+?])/g, '$1');
  let re: RegExp;
  try {
    re = new RegExp(js);
  } catch {
    return undefined;
  }
  return lines.map((l) => re.exec(l)?.[0]).filter((m): m is string => m !== undefined && m.length > 0);
}

/** jq projections that print no value of the input: names, counts, the type. */
const PROJECTION = /^(?:keys(?:_unsorted)?(?:\[\])?|length|type|paths|paths\(scalars\))$/;

/** Every path to a leaf (`paths(scalars)`) or to any node (`paths`) of a JSON value, as jq prints them: keys only. */
function jqPaths(v: unknown, leavesOnly: boolean, at: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  if (out.length > 10_000) return out;
  const kids: [string | number, unknown][] = Array.isArray(v) ? v.map((x, i) => [i, x]) : typeof v === 'object' && v !== null ? Object.entries(v) : [];
  for (const [k, x] of kids) {
    const p = [...at, k];
    const leaf = typeof x !== 'object' || x === null;
    if (!leavesOnly || leaf) out.push(p);
    if (!leaf) jqPaths(x, leavesOnly, p, out);
  }
  return out;
}

/** Marks a jq result that is a stream of values (`.[]`), one printed after another. */
const STREAM = '\u0000stream';

/**
 * What `jq FILTER FILE` prints for the filters that only project (`keys`, `keys_unsorted`, `length`, `type`, a path
 * of plain fields such as `.deploy.region`), evaluated on the file's JSON; undefined for any other filter.
 */
function jsonDoc(text: string): unknown {
  return JSON.parse(text) as unknown;
}

// yq reads YAML; the parser loads on first use (most commands never need it)
let yaml: typeof YamlLib | undefined;
function yamlDoc(text: string): unknown {
  yaml ??= require('yaml') as typeof YamlLib;
  return yaml.parse(text, { maxAliasCount: 50 }) as unknown;
}

function jqOutput(args: readonly string[], text: string, parse: (text: string) => unknown): string[] | undefined {
  let raw = false;
  const ops: string[] = [];
  for (const x of args) {
    if (x === '--raw-output' || x === '--join-output') raw = true;
    else if (x === '--compact-output' || x === '--sort-keys' || x === '--tab' || x === '--monochrome-output' || x === '--color-output') continue;
    else if (/^-[rjcSMCe]+$/.test(x)) raw ||= /[rj]/.test(x);
    else if (x.startsWith('-')) return undefined;
    else ops.push(x);
  }
  if (ops.length !== 2) return undefined;
  // `.auths | keys`, `.cells | length`: a path, then projections that print no value
  const stages = ops[0]!.split('|').map((x) => x.trim());
  // a bare projection (`keys`) is the same projection of the whole document (`. | keys`)
  if (PROJECTION.test(stages[0]!)) stages.unshift('.');
  const filter = stages[0]!;
  const after = stages.slice(1);
  if (after.length > 2 || after.some((x) => !PROJECTION.test(x) && x !== 'sort')) return undefined;
  let doc: unknown;
  try {
    doc = parse(text);
  } catch {
    return undefined;
  }
  const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  let out: unknown;
  if (filter === '.' && after.length > 0) out = doc;
  else if (/^(?:\.[A-Za-z_][A-Za-z0-9_]*|\[\d*\])+$/.test(filter) && filter.startsWith('.')) {
    // `.a.b`, `.resources[].type`, `.items[0].name`: fields, every element, or one element
    let values: unknown[] = [doc];
    for (const step of filter.match(/\.[A-Za-z_][A-Za-z0-9_]*|\[\d*\]/g) ?? []) {
      if (step === '[]') values = values.flatMap((v) => (Array.isArray(v) ? v : isObj(v) ? Object.values(v) : []));
      else if (step.startsWith('[')) values = values.map((v) => (Array.isArray(v) ? v[Number(step.slice(1, -1))] ?? null : null));
      else values = values.map((v) => (isObj(v) && Object.hasOwn(v, step.slice(1)) ? v[step.slice(1)] : null));
      if (values.length > 10_000) return undefined;
    }
    out = values.length === 1 ? values[0] : { [STREAM]: values };
  } else return undefined;
  if (out === undefined) return undefined;
  let stream = isObj(out) && Object.hasOwn(out, STREAM) ? (out[STREAM] as unknown[]) : [out];
  for (const step of after) {
    const f = step.replace(/\[\]$/, '');
    if (f === 'paths' || f === 'paths(scalars)') {
      stream = stream.flatMap((v) => jqPaths(v, f !== 'paths'));
      continue;
    }
    stream = stream.map((v) => (f === 'keys' || f === 'keys_unsorted' ? (Array.isArray(v) ? v.map((_, i) => i) : isObj(v) ? (f === 'keys' ? Object.keys(v).sort() : Object.keys(v)) : null) : f === 'length' ? (Array.isArray(v) ? v.length : isObj(v) ? Object.keys(v).length : typeof v === 'string' ? v.length : null) : f === 'type' ? (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v) : Array.isArray(v) ? [...v].sort() : v));
    if (stream.some((v) => v === null)) return undefined;
  }
  // after a projection no value of the file is left: the key line below must not name the path's key as if it were printed
  if (after.some((f) => f !== 'sort')) return stream.map((v) => JSON.stringify(v, null, 2)).join('\n').split('\n');
  const printed = stream.map((v) => (raw && typeof v === 'string' ? v : JSON.stringify(v, null, 2))).join('\n');
  const lines = printed.split('\n');
  // A value printed on its own carries no name, yet the path names it (`.cloudflare.api_token`): the path's keys
  // are given as a `KEY=` line so a credential name along it counts as it would on the line itself.
  if (filter.startsWith('.') && filter.length > 1) lines.unshift(`${filter.slice(1).replace(/\[\d*\]/g, '').split('.').filter(Boolean).join('_')}=${lines[0] ?? ''}`);
  // An opaque token-like string pulled out on its own (`.auths[].auth`, a base64 blob) is judged as a secret value
  // (a UUID is an identifier: Terraform's lineage, a resource id)
  if (stream.some((v) => typeof v === 'string' && /^[A-Za-z0-9+/=_.-]{20,}$/.test(v) && /\d/.test(v) && /[A-Za-z]/.test(v) && !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v))) lines.unshift('SECRET_VALUE=(opaque value)');
  return lines;
}

/** `KEY=value` / `key: value` / `key = "value"` names on the selected lines, with a value after them. */
const KEY = /^\s*(?:export\s+)?["']?([A-Za-z_][A-Za-z0-9_.-]*)["']?\s*[=:]\s*\S/;

/**
 * True when `cmd` provably prints no credential of the file at `abs`: the lines it selects hold no detector finding
 * and (for a file protected by its name) no value under a credential-named key.
 */
export function printsNoCredential(cmd: SimpleCommand, abs: string, ctx: RuleContext, isCredentialName: (name: string) => boolean): boolean {
  const text = ctx.facts?.readText(abs, MAX_TEXT);
  if (text === undefined || text.length >= MAX_TEXT) return false;
  const shown = selectedLines(cmd, text);
  if (shown === undefined) return false;
  // `head -n 100 ~/.vault-token`: a "partial" read that shows the whole file is a read of it
  if (cmd.name !== 'jq' && cmd.name !== 'yq' && text.trim().length > 0 && shown.join('\n').trim() === text.trim()) return false;
  // A credential-named key printed with its value, on a line as the file has it. (Lines a substitution or an awk
  // print made are judged by the pieces of values they hold, below: `sed 's/=.*/=XXX/'` prints names and a mark.)
  const original = new Set(text.split('\n'));
  // a private key's body lines are the key, with or without the BEGIN/END lines around them (`grep -v BEGIN key`)
  if (/-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/.test(text) && shown.some((l) => /^[A-Za-z0-9+/]{16,}={0,2}$/.test(l.trim()))) return false;
  const structured = cmd.name === 'jq' || cmd.name === 'yq';
  if (shown.some((l) => {
    const k = structured || original.has(l) ? KEY.exec(l)?.[1] : undefined;
    return k !== undefined && isCredentialName(k.replace(/[.-]/g, '_'));
  })) return false;
  const pgpass = /(?:^|\/)\.?pgpass$/.test(abs);
  // a password line of ~/.pgpass printed as it stands
  if (pgpass && shown.some((l) => original.has(l) && PGPASS_LINE.test(l))) return false;
  if (!structured && showsPartOfAValue(original, shown, isCredentialName, pgpass)) return false;
  return activeFindings(scanText(abs, shown.join('\n'))).length === 0;
}

/**
 * Lines a substitution or an awk print made up: they show none of the file's values unless a piece of one is in
 * them. Any 8 characters in a row of a value (a credential-named value of fewer: the whole of it) count, so
 * `sed 's/postgres/pg/'` (the rest of the URL, password and all) is a read while `sed 's/=.*$//'` (names only) is not.
 */
const PGPASS_LINE = /^[^:#\s]*:[^:\s]*:[^:\s]*:[^:\s]*:(\S.*)$/;

function showsPartOfAValue(original: ReadonlySet<string>, shown: readonly string[], isCredentialName: (name: string) => boolean, pgpass: boolean): boolean {
  const made = shown.filter((l) => !original.has(l));
  if (made.length === 0) return false;
  const WINDOW = 8;
  const windows = new Set<string>();
  const whole: string[] = [];
  for (const line of original) {
    // a .pgpass line (`host:port:db:user:password`): only the last field is a value
    const pg = pgpass ? PGPASS_LINE.exec(line) : null;
    if (pg) {
      const v = pg[1]!;
      if (v.length >= WINDOW) for (let i = 0; i + WINDOW <= v.length; i++) windows.add(v.slice(i, i + WINDOW));
      else if (v.length >= 3) whole.push(v);
      continue;
    }
    const k = KEY.exec(line);
    // a line with no key counts when it looks like key material (a PEM body, a bare token), not a header or a comment
    if (!k && !/^[A-Za-z0-9+/=_.:-]{16,}$/.test(line.trim())) continue;
    const value = (k ? line.slice(k[0].length - 1) : line).trim().replace(/^["']|["']$/g, '');
    if (value.length >= WINDOW) for (let i = 0; i + WINDOW <= value.length; i++) windows.add(value.slice(i, i + WINDOW));
    else if (k && value.length >= 3 && isCredentialName(k[1]!.replace(/[.-]/g, '_'))) whole.push(value);
  }
  return made.some((l) => whole.some((v) => l.includes(v)) || [...Array(Math.max(0, l.length - WINDOW + 1)).keys()].some((i) => windows.has(l.slice(i, i + WINDOW))));
}
