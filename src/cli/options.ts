// Option handling every verb shares: `--help` always answers with usage and exit 0, and a bad option
// gets one line on stderr and exit 2 (scripts and CI read the exit code; people read the one line).
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CliIo } from './types';

export function wantsHelp(args: readonly string[]): boolean {
  return args.includes('--help') || args.includes('-h');
}

/** One clear line and exit 2. */
export function usageError(io: CliIo, verb: string, message: string): number {
  io.stderr.write(`airlock ${verb}: ${message} (see 'airlock ${verb} --help')\n`);
  return 2;
}

export interface ParsedOptions {
  values: Map<string, string>;
  flags: Set<string>;
  positional: string[];
}

/**
 * Splits args into `--name value` / `--name=value` options, bare flags and positional words.
 * Anything else that starts with `-` is an error, as is a value-taking option with no value.
 */
export function parseOptions(args: readonly string[], spec: { values?: readonly string[]; flags?: readonly string[] }): ParsedOptions | string {
  const values = new Map<string, string>();
  const flags = new Set<string>();
  const positional: string[] = [];
  const valued = new Set(spec.values ?? []);
  const bare = new Set(spec.flags ?? []);
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      positional.push(...args.slice(i + 1));
      break;
    }
    if (!a.startsWith('-') || a === '-') {
      positional.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = a.startsWith('--') && eq > 0 ? a.slice(0, eq) : a;
    if (valued.has(name)) {
      const v = eq > 0 && a.startsWith('--') ? a.slice(eq + 1) : args[++i];
      if (v === undefined || v === '' || (eq < 0 && v.startsWith('--'))) return `${name} needs a value`;
      values.set(name, v);
    } else if (bare.has(a)) {
      flags.add(a);
    } else {
      return `unknown option '${a}'`;
    }
  }
  return { values, flags, positional };
}

/** An existing directory, resolved; or why not. */
export function existingDir(value: string): { dir: string } | { error: string } {
  const dir = path.resolve(value);
  try {
    if (!fs.statSync(dir).isDirectory()) return { error: `'${value}' is not a directory` };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return { error: code === 'ENOENT' ? `'${value}' does not exist` : `cannot use '${value}' (${code ?? 'unreadable'})` };
  }
  return { dir };
}

/** An existing regular file, resolved; or why not. */
export function existingFile(value: string): { file: string } | { error: string } {
  const file = path.resolve(value);
  try {
    if (!fs.statSync(file).isFile()) return { error: `'${value}' is not a file` };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return { error: code === 'ENOENT' ? `'${value}' does not exist` : `cannot use '${value}' (${code ?? 'unreadable'})` };
  }
  return { file };
}
