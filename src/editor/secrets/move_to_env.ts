// "Move value to .env", planned without I/O: which variable name, what replaces the literal in the
// source (a language's own environment lookup where there is one, `${NAME}` elsewhere), and the
// new .env text. The editor applies the plan; the plan never contains the value except in envText.

export interface MoveInput {
  /** The whole line holding the value. */
  lineText: string;
  /** 0-based column of the value in the line (UTF-16). */
  column: number;
  length: number;
  /** VS Code language id of the document. */
  languageId: string;
  /** Detector id, the fallback for the variable name. */
  rule: string;
  /** Current .env text ('' when there is none). */
  envText: string;
}

export interface MovePlan {
  name: string;
  /** Replace [start, end) of the line with `replacement`. */
  start: number;
  end: number;
  replacement: string;
  /** Whether the replacement reads the variable by itself (code) or needs the reader changed (config). */
  readsEnvironment: boolean;
  /** The .env text after the move (unchanged when the same name already holds this value). */
  envText: string;
  /** What the person still has to do, if anything. */
  note: string;
}

const CODE_LOOKUP: Record<string, (name: string) => string> = {
  javascript: (n) => `process.env.${n}`,
  typescript: (n) => `process.env.${n}`,
  javascriptreact: (n) => `process.env.${n}`,
  typescriptreact: (n) => `process.env.${n}`,
  python: (n) => `os.environ["${n}"]`,
  go: (n) => `os.Getenv("${n}")`,
  ruby: (n) => `ENV["${n}"]`,
  php: (n) => `getenv('${n}')`,
  java: (n) => `System.getenv("${n}")`,
  csharp: (n) => `Environment.GetEnvironmentVariable("${n}")`,
  kotlin: (n) => `System.getenv("${n}")`,
};

const NEEDS_IMPORT: Record<string, string> = {
  python: 'add `import os` at the top if it is not there',
  go: 'import "os" if it is not imported',
};

/** Languages whose own syntax expands `${NAME}` from the environment (shell, dotenv, compose files). */
const EXPANDS_DOLLAR = new Set(['shellscript', 'dotenv', 'properties', 'makefile', 'dockercompose']);

/** `railwayToken` / `railway-token` / `db.password` -> `RAILWAY_TOKEN` / `DB_PASSWORD`. */
export function envName(raw: string): string {
  const name = raw
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toUpperCase();
  if (name === '') return 'SECRET';
  return /^[0-9]/.test(name) ? `_${name}` : name;
}

/** The key the value is assigned to on this line (`"railwayToken": "…"`, `TOKEN=…`, `api_key = '…'`). */
export function keyBefore(lineText: string, column: number): string | undefined {
  const left = lineText.slice(0, column);
  const m = /([A-Za-z_][A-Za-z0-9_.-]*)["'`]?\s*(?::=|=>|[:=])\s*["'`]?$/.exec(left);
  return m?.[1];
}

function envValue(value: string): string {
  if (/^[A-Za-z0-9_./:@+=,-]*$/.test(value)) return value;
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

/** Existing `NAME=value` lines in a .env text (export prefix and quotes tolerated). */
function envEntries(text: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const e = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!e) continue;
    let v = e[2]!.trim();
    if (v.length >= 2 && (v[0] === '"' || v[0] === "'") && v.endsWith(v[0]!)) v = v.slice(1, -1).replace(/\\n/g, '\n').replace(/\\"/g, '"').replace(/\\\\/g, '\\');
    m.set(e[1]!, v);
  }
  return m;
}

export function planMoveToEnv(input: MoveInput): MovePlan {
  const value = input.lineText.slice(input.column, input.column + input.length);
  const base = envName(keyBefore(input.lineText, input.column) ?? input.rule);
  const existing = envEntries(input.envText);
  let name = base;
  for (let i = 2; existing.has(name) && existing.get(name) !== value; i++) name = `${base}_${i}`;
  const eol = input.envText.includes('\r\n') ? '\r\n' : '\n';
  const envText = existing.get(name) === value
    ? input.envText
    : `${input.envText}${input.envText === '' || input.envText.endsWith('\n') ? '' : eol}${name}=${envValue(value)}${eol}`;

  const before = input.lineText[input.column - 1];
  const after = input.lineText[input.column + input.length];
  const quoted = before !== undefined && before === after && (before === '"' || before === "'" || before === '`');
  const lookup = CODE_LOOKUP[input.languageId];
  if (lookup && quoted) {
    const importNote = NEEDS_IMPORT[input.languageId];
    return {
      name,
      start: input.column - 1,
      end: input.column + input.length + 1,
      replacement: lookup(name),
      readsEnvironment: true,
      envText,
      note: `The value is now ${name} in .env and the code reads it from the environment${importNote ? ` (${importNote})` : ''}. Make sure .env is loaded when this code runs (for example with dotenv).`,
    };
  }
  const expands = EXPANDS_DOLLAR.has(input.languageId);
  return {
    name,
    start: input.column,
    end: input.column + input.length,
    replacement: `\${${name}}`,
    readsEnvironment: expands,
    envText,
    note: expands
      ? `The value is now ${name} in .env; this file reads it as \${${name}}.`
      : `The value is now ${name} in .env and this file says \${${name}} instead. This file type does not read environment variables by itself: change the code that loads it to take ${name} from the environment.`,
  };
}
