// `airlock run [--workspace DIR] [--keep-env NAME[,NAME...]] [--deny-host H] [--allow-host H] [--no-network] [--dry-run] -- <command> [args...]`: run an agent (or a shell) in a
// sandbox where secret files cannot be read and Airlock's own files cannot be changed. See
// src/sandbox/run.ts for what is masked and what is read-only. Exit: the command's own code; 2 when the
// sandbox cannot start (it never starts the command unprotected).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describeNetwork } from '../core/sandbox/network';
import { summarizePlan } from '../core/sandbox/plan';
import { stateDir } from '../gate/state_dir';
import { ENV_NAME, type NetworkFlags, planSandbox, recordBlocked, resolveSandboxNetwork, runSandboxed, SandboxError, sandboxAvailable } from '../sandbox/run';
import { parseOptions, usageError, wantsHelp } from './options';
import type { CliCommand } from './types';

const USAGE = `Usage: airlock run [--workspace DIR] [--keep-env NAME[,NAME...]] [--deny-host HOST]... [--allow-host HOST]...
                   [--no-network] [--dry-run] -- <command> [args...]

Runs the command (an agent CLI such as claude, codex, gemini or aider, or a shell) in a bubblewrap sandbox:
  - protected files (.env*, keys, credential stores) and files your editor's scan found secrets in read as
    empty, and so does every hardlink to them in the workspace; a copy or a glob made inside reaches nothing;
  - Airlock's state (~/.airlock), the editors' extension folders and user settings, and the agents' hook
    folders (.cursor, .claude, .codex, .gemini, ...) are read-only;
  - credential-named environment variables are removed, except those named with --keep-env (the agent's own
    model key, e.g. --keep-env ANTHROPIC_API_KEY: its shell commands can then print it);
  - the workspace (DIR, default: the current directory) stays writable, and hooks inside still reach the
    editor's gate;
  - the network is open unless a host list is set (airlock.sandboxNetwork, .airlock/policy.json, or
    --deny-host HOST / --allow-host HOST, repeatable; HOST is api.example.com, *.example.com or an IP, each
    optionally :PORT; --no-network allows none). With a list the command has no network of its own: it
    goes out only through Airlock's proxy (HTTPS_PROXY/HTTP_PROXY), which refuses the hosts the list
    rules out and says so on stderr; programs that ignore the proxy have no route, and this machine's
    127.0.0.1 is reachable only for allow-listed 127.0.0.1:PORT entries. Flags can only tighten.
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
    // Repeatable: taken out before the shared parser, which keeps one value per option.
    const flags: NetworkFlags = { deny: [] };
    const rest: string[] = [];
    for (let i = 0; i < own.length; i++) {
      const a = own[i]!;
      const m = /^(--deny-host|--allow-host)(?:=(.*))?$/.exec(a);
      if (!m) {
        if (a === '--no-network') flags.allow = [...(flags.allow ?? [])];
        else rest.push(a);
        continue;
      }
      const value = m[2] ?? own[++i];
      if (value === undefined || value === '' || value.startsWith('--')) return usageError(io, 'run', `${m[1]} needs a host, e.g. ${m[1]} api.example.com`);
      const hosts = value.split(',').filter((h) => h !== '');
      if (m[1] === '--deny-host') flags.deny.push(...hosts);
      else flags.allow = [...(flags.allow ?? []), ...hosts];
    }
    const parsed = parseOptions(rest, { values: ['--workspace', '--keep-env'], flags: ['--dry-run'] });
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
    const workspace = parsed.values.get('--workspace') ?? process.cwd();
    const home = os.homedir();
    const net = resolveSandboxNetwork({ home, workspace, flags });
    if (net.errors.length > 0) {
      io.stderr.write(`airlock run: cannot start the sandbox: bad network list: ${net.errors[0]}${net.errors.length > 1 ? ` (and ${net.errors.length - 1} more)` : ''}\n`);
      return 2;
    }
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'airlock-sandbox-'));
    try {
      const plan = planSandbox({ workspace, home, env: process.env, command, cwd: process.cwd(), scratch, keepEnv, ...(net.network ? { network: net.network } : {}) });
      if (parsed.flags.has('--dry-run')) {
        io.stdout.write(`${JSON.stringify({ ...summarizePlan(plan), mask: plan.mask, readOnly: plan.readOnly, command: plan.command, ...(net.network ? { hosts: net.network } : {}) }, null, 2)}\n`);
        return 0;
      }
      // Say what was removed: an agent whose own API key was among them reports only "not logged in".
      if (plan.dropEnv.length > 0) io.stderr.write(`airlock run: removed from the environment: ${[...plan.dropEnv].sort().join(', ')} (to pass one the agent itself needs, such as its model API key: --keep-env NAME)\n`);
      if (net.network) {
        io.stderr.write(
          `airlock run: network: ${describeNetwork(net.network)}; only through Airlock's proxy (HTTPS_PROXY): programs that ignore it have no route out, and this machine's 127.0.0.1 is not reachable unless allow-listed as 127.0.0.1:PORT\n`,
        );
      }
      const root = stateDir(home);
      const cwd = process.cwd();
      return await runSandboxed(plan, 'bwrap' in available ? available.bwrap : 'bwrap', (b) => recordBlocked(root, cwd, b, (line) => io.stderr.write(line)));
    } catch (err) {
      io.stderr.write(`airlock run: cannot start the sandbox: ${err instanceof SandboxError ? err.message : err instanceof Error ? err.message : String(err)}\n`);
      return 2;
    } finally {
      fs.rmSync(scratch, { recursive: true, force: true });
    }
  },
};
