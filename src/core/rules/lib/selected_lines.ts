// What a partial read prints of one file, computed from the file as it is at decision time: `head -n 2 f`,
// `tail -n 5 f`, `sed -n '3,8p' f`, `grep -n region f` (a plain-word pattern, with its context lines). A read
// that prints none of the lines holding a credential shows the agent no credential. Anything this does not
// simulate exactly (regexes, inverted matches, several files, option spellings it does not know) is undefined,
// and the caller judges the command as a read of the whole file.
import { activeFindings, scanText } from '../../secrets/scan';
import type { RuleContext, SimpleCommand } from '../types';

const MAX_TEXT = 256 * 1024;
const REGEX_META = /[\\[\]*+?^$(){}|]/;

/**
 * Search patterns a grep-like tool reads as plain words (`TODO`, `process.env`: `.` means any character in every
 * grep dialect, as in JavaScript), compiled; undefined when any is a real regex, empty, multi-line or too long.
 */
export function plainWordTests(patterns: readonly string[], fixed: boolean, nocase: boolean): RegExp[] | undefined {
  if (patterns.length === 0 || patterns.length > 16) return undefined;
  // `TODO|FIXME` (rg, grep -E) and `TODO\|FIXME` (grep): alternatives of plain words are plain words each
  if (!fixed && patterns.some((p) => /^[\w-]+(?:\\?\|[\w-]+)+$/.test(p))) patterns = patterns.flatMap((p) => (/^[\w-]+(?:\\?\|[\w-]+)+$/.test(p) ? p.split(/\\?\|/) : [p]));
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
  if (patterns.some((p) => p === '' || p.length > 256 || p.includes('\n') || (!fixed && !literal.has(p) && REGEX_META.test(p)))) return undefined;
  return patterns.map((p) => new RegExp(fixed || literal.has(p) ? p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : p, nocase ? 'i' : ''));
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
    const tests = operands.length === 1 ? plainWordTests(patterns, fixed, nocase) : undefined;
    if (tests === undefined) return undefined;
    const keep = new Set<number>();
    lines.forEach((l, i) => {
      if (!tests.some((t) => t.test(l))) return;
      for (let k = Math.max(0, i - before); k <= Math.min(lines.length - 1, i + after); k++) keep.add(k);
    });
    return [...keep].sort((x, y) => x - y).map((i) => lines[i]!);
  }
  if (n === 'jq' || n === 'gojq' || n === 'jaq') return jqOutput(a, text);
  return undefined;
}

/**
 * What `jq FILTER FILE` prints for the filters that only project (`keys`, `keys_unsorted`, `length`, `type`, a path
 * of plain fields such as `.deploy.region`), evaluated on the file's JSON; undefined for any other filter.
 */
function jqOutput(args: readonly string[], text: string): string[] | undefined {
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
  const filter = ops[0]!.trim();
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return undefined;
  }
  const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  let out: unknown;
  if (filter === 'keys' || filter === 'keys_unsorted') {
    if (Array.isArray(doc)) out = doc.map((_, i) => i);
    else if (isObj(doc)) out = filter === 'keys' ? Object.keys(doc).sort() : Object.keys(doc);
    else return undefined;
  } else if (filter === 'length') out = Array.isArray(doc) ? doc.length : isObj(doc) ? Object.keys(doc).length : typeof doc === 'string' ? doc.length : undefined;
  else if (filter === 'type') out = doc === null ? 'null' : Array.isArray(doc) ? 'array' : typeof doc === 'number' ? 'number' : typeof doc;
  else if (/^(?:\.[A-Za-z_][A-Za-z0-9_]*)+$/.test(filter)) {
    out = doc;
    for (const k of filter.slice(1).split('.')) out = isObj(out) && Object.hasOwn(out, k) ? out[k] : null;
  } else return undefined;
  if (out === undefined) return undefined;
  const printed = raw && typeof out === 'string' ? out : JSON.stringify(out, null, 2);
  const lines = printed.split('\n');
  // A value printed on its own carries no name, yet the path names it (`.cloudflare.api_token`): the path's keys
  // are given as a `KEY=` line so a credential name along it counts as it would on the line itself.
  if (filter.startsWith('.') && filter.length > 1) lines.unshift(`${filter.slice(1).split('.').join('_')}=${lines[0] ?? ''}`);
  return lines;
}

/** `KEY=value` / `key: value` / `key = "value"` names on the selected lines. */
const KEY = /^\s*(?:export\s+)?["']?([A-Za-z_][A-Za-z0-9_.-]*)["']?\s*[=:]/;

/**
 * True when `cmd` provably prints no credential of the file at `abs`: the lines it selects hold no detector finding
 * and (for a file protected by its name) no value under a credential-named key.
 */
export function printsNoCredential(cmd: SimpleCommand, abs: string, ctx: RuleContext, isCredentialName: (name: string) => boolean): boolean {
  const text = ctx.facts?.readText(abs, MAX_TEXT);
  if (text === undefined || text.length >= MAX_TEXT) return false;
  const shown = selectedLines(cmd, text);
  if (shown === undefined) return false;
  if (shown.some((l) => {
    const k = KEY.exec(l)?.[1];
    return k !== undefined && isCredentialName(k.replace(/[.-]/g, '_'));
  })) return false;
  return activeFindings(scanText(abs, shown.join('\n'))).length === 0;
}
