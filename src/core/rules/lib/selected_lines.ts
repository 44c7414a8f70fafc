// What a partial read prints of one file, computed from the file as it is at decision time: `head -n 2 f`,
// `tail -n 5 f`, `sed -n '3,8p' f`, `grep -n region f` (a plain-word pattern, with its context lines). A read
// that prints none of the lines holding a credential shows the agent no credential. Anything this does not
// simulate exactly (regexes, inverted matches, several files, option spellings it does not know) is undefined,
// and the caller judges the command as a read of the whole file.
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
  for (const p of patterns) if (literalPunct(p) || escapedLiteral.has(p)) literal.add(p);
  if (patterns.some((p) => p === '' || p.length > 256 || p.includes('\n') || (!fixed && !literal.has(p) && REGEX_META.test(p.replace(/\u0000/g, ''))))) return undefined;
  return patterns.map((p) => {
    const source = fixed || literal.has(p) ? p.replace(/[*+?^${}()|[\]\\]/g, '\\$&').replace(/\./g, fixed ? '\\.' : '.') : p;
    return new RegExp(source.replace(/\u0000/g, '\\.'), nocase ? 'i' : '');
  });
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
    const tests = operands.length === 1 ? plainWordTests(patterns, fixed, nocase, n === 'grep' && !a.some((x) => /^-[a-zA-Z]*[EP]/.test(x) || x === '--extended-regexp' || x === '--perl-regexp')) : undefined;
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

/** jq projections that print no value of the input: names, counts, the type. */
const PROJECTION = /^(?:keys|keys_unsorted|length|type)$/;

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
  for (const f of after) {
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
  // `head -n 100 ~/.vault-token`: a "partial" read that shows the whole file is a read of it
  const total = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
  if (cmd.name !== 'jq' && cmd.name !== 'yq' && shown.length >= total && total > 0) return false;
  if (shown.some((l) => {
    const k = KEY.exec(l)?.[1];
    return k !== undefined && isCredentialName(k.replace(/[.-]/g, '_'));
  })) return false;
  return activeFindings(scanText(abs, shown.join('\n'))).length === 0;
}
