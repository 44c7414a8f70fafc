// Word-level helpers for effects: which expansion characters a command's source leaves unquoted, bash brace
// expansion, tilde expansion, and quoting words back into a command line the analyzer can read again.

export interface UnquotedMeta {
  glob: boolean;
  brace: boolean;
  tilde: boolean;
}

/**
 * Which expansion characters appear outside quotes in a command's source text. Quoted `*` is data to bash
 * (`grep "a*b"`), so words with only quoted glob characters are never expanded.
 */
export function unquotedMeta(text: string): UnquotedMeta {
  const out: UnquotedMeta = { glob: false, brace: false, tilde: false };
  let quote: '' | "'" | '"' = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote === "'") {
      if (c === "'") quote = '';
      continue;
    }
    if (c === '\\') {
      i++;
      continue;
    }
    if (quote === '"') {
      if (c === '"') quote = '';
      continue;
    }
    if (c === "'" || c === '"') quote = c;
    else if (c === '*' || c === '?' || c === '[') out.glob = true;
    else if (c === '{' && text[i - 1] !== '$') out.brace = true;
    else if (c === '~') out.tilde = true;
  }
  return out;
}

const MAX_BRACE_WORDS = 256;

/** The first `{a,b}` or `{1..3}` group in a word: where it starts and ends, its alternatives. */
function braceGroup(word: string): { start: number; end: number; alts: string[] } | undefined {
  for (let s = word.indexOf('{'); s >= 0; s = word.indexOf('{', s + 1)) {
    if (word[s - 1] === '$') continue;
    let depth = 0;
    const commas: number[] = [];
    for (let i = s; i < word.length; i++) {
      const c = word[i];
      if (c === '\\') {
        i++;
        continue;
      }
      if (c === '{') depth++;
      else if (c === '}') {
        depth--;
        if (depth === 0) {
          const body = word.slice(s + 1, i);
          if (commas.length > 0) {
            const alts: string[] = [];
            let from = s + 1;
            for (const k of commas) {
              alts.push(word.slice(from, k));
              from = k + 1;
            }
            alts.push(word.slice(from, i));
            return { start: s, end: i, alts };
          }
          const seq = sequence(body);
          if (seq) return { start: s, end: i, alts: seq };
          break;
        }
      } else if (c === ',' && depth === 1) commas.push(i);
    }
  }
  return undefined;
}

/** `{1..5}`, `{a..e}`, `{01..10..2}` */
function sequence(body: string): string[] | undefined {
  const m = /^(-?\d+|[A-Za-z])\.\.(-?\d+|[A-Za-z])(?:\.\.(-?\d+))?$/.exec(body);
  if (!m) return undefined;
  const step = Math.abs(Number(m[3] ?? 1)) || 1;
  const numeric = /\d/.test(m[1]);
  if (numeric !== /\d/.test(m[2])) return undefined;
  const a = numeric ? Number(m[1]) : m[1].charCodeAt(0);
  const b = numeric ? Number(m[2]) : m[2].charCodeAt(0);
  const width = numeric && (/^-?0\d/.test(m[1]) || /^-?0\d/.test(m[2])) ? Math.max(m[1].length, m[2].length) : 0;
  const out: string[] = [];
  for (let v = a; a <= b ? v <= b : v >= b; v += a <= b ? step : -step) {
    if (out.length >= MAX_BRACE_WORDS) break;
    out.push(numeric ? String(v).padStart(width, '0') : String.fromCharCode(v));
  }
  return out;
}

/** Bash brace expansion of one word, bounded; `complete` is false when the bound cut it. */
export function braceExpand(word: string): { words: string[]; complete: boolean } {
  if (!word.includes('{')) return { words: [word], complete: true };
  const out: string[] = [];
  let complete = true;
  const go = (w: string, depth: number): void => {
    if (out.length >= MAX_BRACE_WORDS || depth > 16) {
      complete = false;
      return;
    }
    const g = braceGroup(w);
    if (!g) {
      out.push(w);
      return;
    }
    for (const alt of g.alts) go(w.slice(0, g.start) + alt + w.slice(g.end + 1), depth + 1);
  };
  go(word, 0);
  return { words: out, complete };
}

/** `~` and `~/x` become the home directory (`~user` stays as written: another account's home is unknown here). */
export function tildeExpand(word: string, home: string | undefined): string {
  if (home === undefined) return word;
  if (word === '~') return home;
  if (word.startsWith('~/')) return `${home.replace(/\/+$/, '')}${word.slice(1)}`;
  return word;
}

const PLAIN_WORD = /^[A-Za-z0-9._/=:,@%+-]+$/;

/** One word as a shell literal (no expansion happens to it when read back). */
export function shellQuote(word: string): string {
  if (word.length > 0 && PLAIN_WORD.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** Words as one command line, each a literal. */
export function commandLine(words: readonly string[]): string {
  return words.map(shellQuote).join(' ');
}
