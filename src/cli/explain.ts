// `airlock explain "<command>"`: a readable trace of how Airlock decides a shell command: the parse tree,
// each unwrapping step, the simple commands rules saw, the rules that matched, and the decision.
// Credentials in the command are shown redacted.
import * as os from 'node:os';
import { classifyDetailed, redactSecrets } from '../core/classify';
import { loadShellParser, preferQuickStartWasm } from '../host/shell_wasm';
import { existingDir, usageError } from './options';
import type { CliCommand, CliIo } from './types';
import { enableLinearRegex } from '../host/regex_engine';

// Before any policy compiles its patterns.
enableLinearRegex();

const USAGE = `Usage: airlock explain [--cwd DIR] "<command>"

Shows how Airlock reads a shell command: parse tree, unwrapping (sudo, bash -c, xargs, …), the simple
commands the rules see, the rules that match, and the decision under the built-in policy.
`;

function clip(s: string, max = 2000): string {
  return s.length <= max ? s : `${s.slice(0, max)}… (${s.length} chars)`;
}

export async function explainText(command: string, cwd?: string): Promise<string> {
  preferQuickStartWasm();
  await loadShellParser();
  const safe = (s: string) => clip(redactSecrets(s));
  const { verdict, hits, allowedByPolicy, analysis } = classifyDetailed({ kind: 'shell', command, ...(cwd ? { cwd } : {}) }, { home: os.homedir(), ...(cwd ? { cwd } : {}) }, { trace: true });
  const lines: string[] = [`command: ${safe(command)}`, ''];
  const trace = analysis?.trace ?? [];
  const tree = trace.filter((t) => t.startsWith('parse tree: ') || t.startsWith('fast path'));
  const steps = trace.filter((t) => !tree.includes(t));
  lines.push('parse:');
  for (const t of tree) lines.push(`  ${safe(t)}`);
  if (tree.length === 0) lines.push('  (not parsed)');
  lines.push('', 'unwrapping:');
  for (const t of steps) lines.push(`  ${safe(t)}`);
  if (steps.length === 0) lines.push('  (nothing to unwrap)');
  lines.push('', 'simple commands:');
  for (const c of analysis?.commands ?? []) {
    const name = c.dynamicName ? '(computed at run time)' : c.name;
    const parts = [`  ${name} ${JSON.stringify(c.args.map(redactSecrets))}`];
    if (c.via.length > 0) parts.push(`via ${c.via.join(' → ')}`);
    if (Object.keys(c.assignments).length > 0) parts.push(`env ${Object.keys(c.assignments).join(',')}`);
    if (c.redirects.length > 0) parts.push(`redirects ${c.redirects.map((r) => `${r.op}${r.target}`).join(' ')}`);
    if (c.stdin !== undefined) parts.push(`stdin ${JSON.stringify(safe(c.stdin).slice(0, 80))}`);
    lines.push(parts.join('  '));
  }
  for (const f of analysis?.findings ?? []) lines.push(`  ! ${f.rule}: ${safe(f.detail)}`);
  lines.push('', 'rules hit:');
  for (const h of hits) {
    lines.push(`  ${h.rule.id} [${h.rule.severity}] -> ${h.decision}${h.match.target ? `  target: ${safe(h.match.target)}` : ''}`);
    lines.push(`      ${h.rule.reason}${h.match.detail ? ` (${safe(h.match.detail)})` : ''}`);
  }
  for (const h of allowedByPolicy) lines.push(`  ${h.rule.id} -> allow (your policy)`);
  if (hits.length === 0 && allowedByPolicy.length === 0) lines.push('  (none)');
  lines.push('', `decision: ${verdict.decision.toUpperCase()}  severity: ${verdict.severity}  environment: ${verdict.environment}`);
  if (verdict.target) lines.push(`target: ${verdict.target}`);
  lines.push(`reason: ${verdict.reason}`, '');
  return lines.join('\n');
}

async function run(args: string[], io: CliIo): Promise<number> {
  let cwd: string | undefined;
  const words: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--help' || a === '-h') {
      io.stdout.write(USAGE);
      return 0;
    }
    if (a === '--cwd' || a.startsWith('--cwd=')) {
      const value = a === '--cwd' ? args[++i] : a.slice('--cwd='.length);
      if (value === undefined || value === '') return usageError(io, 'explain', '--cwd needs a directory');
      const dir = existingDir(value);
      if ('error' in dir) return usageError(io, 'explain', `--cwd ${dir.error}`);
      cwd = dir.dir;
    } else if (a === '--') {
      words.push(...args.slice(i + 1));
      break;
    } else if (words.length === 0 && a.startsWith('-')) {
      // Before the command, a dash word is a mistyped option; after it, part of the command (rm -rf).
      return usageError(io, 'explain', `unknown option '${a}'`);
    } else words.push(a);
  }
  if (words.length === 0) return usageError(io, 'explain', 'give the command to explain, in quotes');
  io.stdout.write(await explainText(words.join(' '), cwd));
  return 0;
}

export const explainCommand: CliCommand = {
  name: 'explain',
  summary: 'show how a shell command is parsed, unwrapped and decided',
  run,
};
