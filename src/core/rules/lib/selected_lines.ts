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
    if (!a.includes('-n')) return undefined;
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
      } else if (/^-[inwFHhsocrR]+$/.test(x) && !x.includes('c')) {
        if (x.includes('i')) nocase = true;
        if (x.includes('F')) fixed = true;
      } else if (x === '--ignore-case') nocase = true;
      else if (x === '--fixed-strings') fixed = true;
      else if (x === '--line-number' || x === '--with-filename' || x === '--no-filename' || x === '--word-regexp' || x === '--recursive') continue;
      else if (x.startsWith('-')) return undefined;
      else operands.push(x);
    }
    if (patterns.length === 0) patterns.push(operands.shift() ?? '');
    const tests = operands.length === 1 ? plainWordTests(patterns, fixed, nocase, n === 'grep' && !a.some((x) => /^-[a-zA-Z]*[EP]/.test(x) || x === '--extended-regexp' || x === '--perl-regexp')) ?? anchoredTests(patterns, fixed, nocase) : undefined;
    if (tests === undefined) return undefined;
    const keep = new Set<number>();
    lines.forEach((l, i) => {
      if (!tests.some((t) => t.test(l))) return;
      for (let k = Math.max(0, i - before); k <= Math.min(lines.length - 1, i + after); k++) keep.add(k);
    });
    return [...keep].sort((x, y) => x - y).map((i) => lines[i]!);
  }
  if (n === 'jq' || n === 'gojq' || n === 'jaq') return jqOutput(a, text, jsonDoc);
  if (n === 'yq') return jqOutput(a, text, yamlDoc);
  return undefined;
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
  if (stream.some((v) => typeof v === 'string' && /^[A-Za-z0-9+/=_.-]{20,}$/.test(v) && /\d/.test(v) && /[A-Za-z]/.test(v))) lines.unshift('SECRET_VALUE=(opaque value)');
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
  if (shown.some((l) => {
    const k = KEY.exec(l)?.[1];
    return k !== undefined && isCredentialName(k.replace(/[.-]/g, '_'));
  })) return false;
  return activeFindings(scanText(abs, shown.join('\n'))).length === 0;
}
