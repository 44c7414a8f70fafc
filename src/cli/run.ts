// `airlock run [--workspace DIR] [--keep-env NAME[,NAME...]] [--dry-run] -- <command> [args...]`: run an agent (or a shell) in a
// sandbox where secret files cannot be read and Airlock's own files cannot be changed. See
// src/sandbox/run.ts for what is masked and what is read-only. Exit: the command's own code; 2 when the
// sandbox cannot start (it never starts the command unprotected).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { summarizePlan } from '../core/sandbox/plan';
import { ENV_NAME, planSandbox, runSandboxed, SandboxError, sandboxAvailable } from '../sandbox/run';
import { parseOptions, usageError, wantsHelp } from './options';
import type { CliCommand } from './types';

const USAGE = `Usage: airlock run [--workspace DIR] [--keep-env NAME[,NAME...]] [--dry-run] -- <command> [args...]

Runs the command (an agent CLI such as claude, codex, gemini or aider, or a shell) in a bubblewrap sandbox:
  - protected files (.env*, keys, credential stores) and files your editor's scan found secrets in read as
    empty, and so does every hardlink to them in the workspace; a copy or a glob made inside reaches nothing;
  - Airlock's state (~/.airlock), the editors' extension folders and user settings, and the agents' hook
    folders (.cursor, .claude, .codex, .gemini, ...) are read-only;
  - credential-named environment variables are removed, except those named with --keep-env (the agent's own
    model key, e.g. --keep-env ANTHROPIC_API_KEY: its shell commands can then print it);
  - the workspace (DIR, default: the current directory) stays writable, and hooks inside still reach the
    editor's gate.
--dry-run prints what would be masked and kept read-only, as JSON, and runs nothing.
Linux with bubblewrap only for now. Exit: the command's own exit code; 2 if the sandbox cannot start.
`;

export const runCommand: CliCommand = {
  name: 'run',
  summary: 'run an agent or a shell in a sandbox where secret files read as empty and Airlock cannot be switched off',
  async run(args, io) {
    const dashdash = args.indexOf('--');
    const own = dashdash >= 0 ? args.slice(0, dashdash) : args;
    if (wantsHelp(own)) {
      io.stdout.write(USAGE);
      return 0;
    }
    const parsed = parseOptions(own, { values: ['--workspace', '--keep-env'], flags: ['--dry-run'] });
    if (typeof parsed === 'string') return usageError(io, 'run', parsed);
    const keepEnv = (parsed.values.get('--keep-env') ?? '').split(',').filter((n) => n !== '');
    const badName = keepEnv.find((n) => !ENV_NAME.test(n));
    if (badName !== undefined) return usageError(io, 'run', `--keep-env takes variable names separated by commas, not '${badName}'`);
    const command = dashdash >= 0 ? args.slice(dashdash + 1) : parsed.positional;
    if (dashdash >= 0 && parsed.positional.length > 0) return usageError(io, 'run', `unexpected '${parsed.positional[0]}' before --`);
    if (command.length === 0) return usageError(io, 'run', 'no command given: airlock run -- <command> [args...]');
    const available = sandboxAvailable();
    if ('problem' in available && !parsed.flags.has('--dry-run')) {
      io.stderr.write(`airlock run: cannot start the sandbox: ${available.problem}\n`);
      return 2;
    }
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'airlock-sandbox-'));
    try {
      const plan = planSandbox({ workspace: parsed.values.get('--workspace') ?? process.cwd(), home: os.homedir(), env: process.env, command, cwd: process.cwd(), scratch, keepEnv });
      if (parsed.flags.has('--dry-run')) {
        io.stdout.write(`${JSON.stringify({ ...summarizePlan(plan), mask: plan.mask, readOnly: plan.readOnly, command: plan.command }, null, 2)}\n`);
        return 0;
      }
      // Say what was removed: an agent whose own API key was among them reports only "not logged in".
      if (plan.dropEnv.length > 0) io.stderr.write(`airlock run: removed from the environment: ${[...plan.dropEnv].sort().join(', ')} (to pass one the agent itself needs, such as its model API key: --keep-env NAME)\n`);
      return await runSandboxed(plan, 'bwrap' in available ? available.bwrap : 'bwrap');
    } catch (err) {
      io.stderr.write(`airlock run: cannot start the sandbox: ${err instanceof SandboxError ? err.message : err instanceof Error ? err.message : String(err)}\n`);
      return 2;
    } finally {
      fs.rmSync(scratch, { recursive: true, force: true });
    }
  },
};
