// `airlock classify`: JSON lines in, one verdict line out per input line, same order (DESIGN.md contract).
// Streams: each line is answered as it arrives. A line that is not a valid action (bad JSON, unknown kind,
// missing field, or blank) gets {"decision":"deny","error":"…"} and the run goes on, so answers stay aligned
// with input lines.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as readline from 'node:readline';
import { z } from 'zod';
import type { AgentAction, Verdict } from '../core/action';
import { classify, type ClassifyContext } from '../core/classify';
import { resolvePolicy } from '../core/policy';
import { ruleDefaultsFromRegistry } from '../core/rules/index';
import type { FsFacts } from '../core/facts';
import { createHostFacts } from '../host/facts';
import { realPathOf } from '../host/real_path';
import { loadShellParser, preferQuickStartWasm } from '../host/shell_wasm';
import { parseOptions, usageError, wantsHelp } from './options';
import type { CliCommand, CliIo } from './types';
import { enableLinearRegex } from '../host/regex_engine';

// Before any policy compiles its patterns.
enableLinearRegex();

const USAGE = `Usage: airlock classify [--policy FILE] < actions.jsonl

Reads one action per line, e.g.
  {"kind":"shell","command":"rm -rf /","cwd":"/repo"}
  {"kind":"read","path":".env","cwd":"/repo"}      (also write, edit, delete, search, mcp, fetch)
and writes one verdict per line, in the same order:
  {"decision":"allow"|"ask"|"deny","rules":[...],"reason":"...","severity":"...","target":"...","environment":"..."}
A line that is not a valid action (including a blank line) gets {"decision":"deny","error":"..."}.
--policy FILE  also apply a policy file (same format as .airlock/policy.json; it can only tighten).
`;

const base = { cwd: z.string().optional(), agent: z.string().optional(), workspaceRoots: z.array(z.string()).optional(), event: z.string().optional(), tool: z.string().optional() };

const actionSchema = z.discriminatedUnion('kind', [
  z.object({ ...base, kind: z.literal('shell'), command: z.string() }),
  z.object({ ...base, kind: z.literal('read'), path: z.string() }),
  z.object({ ...base, kind: z.literal('write'), path: z.string(), content: z.string().optional() }),
  // An agent's edit tool (Claude Code's Edit, Cline's replace_in_file): judged as the write the hook maps it to.
  z.object({ ...base, kind: z.literal('edit'), path: z.string(), old_string: z.string().optional(), new_string: z.string(), replace_all: z.boolean().optional() }),
  z.object({ ...base, kind: z.literal('delete'), path: z.string() }),
  z.object({ ...base, kind: z.literal('search'), pattern: z.string().optional(), path: z.string().optional(), glob: z.string().optional(), context: z.number().int().min(0).max(10_000).optional() }),
  z.object({ ...base, kind: z.literal('mcp'), tool: z.string(), server: z.string().optional(), input: z.unknown().optional() }),
  z.object({ ...base, kind: z.literal('fetch'), url: z.string(), method: z.string().optional(), body: z.string().optional() }),
  z.object({ ...base, kind: z.literal('prompt'), text: z.string() }),
]);

/** Parses one input line into an action, or says what is wrong with it (never echoing its content). */
export function parseActionLine(line: string): AgentAction | { error: string } {
  if (line.trim().length === 0) return { error: 'blank line: expected one JSON action per line' };
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return { error: 'not valid JSON' };
  }
  const r = actionSchema.safeParse(json);
  if (!r.success) {
    const issue = r.error.issues[0];
    const where = issue && issue.path.length > 0 ? `${issue.path.map(String).join('.')}: ` : '';
    return { error: `not a valid action: ${where}${issue?.message ?? 'invalid'}` };
  }
  if (r.data.kind === 'edit') {
    const { old_string: _old, new_string, replace_all: _all, ...rest } = r.data;
    return { ...rest, kind: 'write', content: new_string } as AgentAction;
  }
  return r.data as AgentAction;
}

/** Exactly the contract's fields, in the contract's order. */
export function verdictLine(v: Verdict): string {
  const out: Record<string, unknown> = { decision: v.decision, rules: v.rules, reason: v.reason, severity: v.severity };
  if (v.target !== undefined) out.target = v.target;
  out.environment = v.environment;
  return JSON.stringify(out);
}

/** Small files only, for rules that read a request body (`curl -d @body.json`). */
function fileReader(cwd: string | undefined): (p: string) => string | undefined {
  return (p) => {
    try {
      const full = path.resolve(cwd ?? process.cwd(), p.replace(/^~(?=\/|$)/, os.homedir()));
      const st = fs.statSync(full);
      if (!st.isFile() || st.size > 256 * 1024) return undefined;
      return fs.readFileSync(full, 'utf8');
    } catch {
      return undefined;
    }
  };
}

function loadPolicyFile(file: string, io: CliIo): ClassifyContext['policy'] | null {
  let values: unknown;
  try {
    values = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    io.stderr.write(`airlock classify: cannot read policy ${file}: ${err instanceof Error ? err.message : String(err)}\n`);
    return null;
  }
  const { policy, errors } = resolvePolicy([{ level: 'policyFile', label: file, values: values as Record<string, unknown> }], ruleDefaultsFromRegistry);
  for (const e of errors) io.stderr.write(`airlock classify: ${e}\n`);
  return policy;
}

let facts: FsFacts | undefined;
/** One facts object for the whole run, so content checks are cached across lines. */
function hostFacts(): FsFacts {
  return (facts ??= createHostFacts());
}

function answer(line: string, home: string, policy: ClassifyContext['policy']): string {
  const action = parseActionLine(line);
  if ('error' in action) return JSON.stringify({ decision: 'deny', error: action.error });
  try {
    const ctx: ClassifyContext = { home, readFile: fileReader(action.cwd), realPath: realPathOf, facts: hostFacts() };
    if (action.cwd) ctx.cwd = action.cwd;
    if (policy) ctx.policy = policy;
    return verdictLine(classify(action, ctx));
  } catch (err) {
    return JSON.stringify({ decision: 'deny', error: `could not classify: ${err instanceof Error ? err.message : String(err)}` });
  }
}

async function run(args: string[], io: CliIo): Promise<number> {
  let policy: ClassifyContext['policy'];
  if (wantsHelp(args)) {
    io.stdout.write(USAGE);
    return 0;
  }
  const opts = parseOptions(args, { values: ['--policy'] });
  if (typeof opts === 'string') return usageError(io, 'classify', opts);
  if (opts.positional.length > 0) return usageError(io, 'classify', `unexpected argument '${opts.positional[0]}' (actions come on stdin)`);
  const policyFile = opts.values.get('--policy');
  if (policyFile !== undefined) {
    const p = loadPolicyFile(policyFile, io);
    if (p === null) return 2;
    policy = p;
  }
  preferQuickStartWasm();
  await loadShellParser();
  const home = os.homedir();
  const rl = readline.createInterface({ input: io.stdin, crlfDelay: Infinity, terminal: false });
  let pending: string[] = [];
  let scheduled = false;
  const write = (): boolean => {
    if (pending.length === 0) return true;
    const chunk = pending.join('');
    pending = [];
    return io.stdout.write(chunk);
  };
  for await (const line of rl) {
    pending.push(`${answer(line, home, policy)}\n`);
    if (pending.length >= 512) {
      // Lines are pouring in: write in batches and respect the reader's pace.
      if (!write()) await new Promise<void>((resolve) => io.stdout.once('drain', () => resolve()));
    } else if (!scheduled) {
      // Lines trickle in (another program talking to us): answer as soon as the buffered input is consumed.
      scheduled = true;
      setImmediate(() => {
        scheduled = false;
        write();
      });
    }
  }
  write();
  return 0;
}

export const classifyCommand: CliCommand = {
  name: 'classify',
  summary: 'decide JSON-line actions from stdin: one verdict line per input line',
  run,
};
