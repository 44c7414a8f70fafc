// The packaged hook run as an agent runs it: a child process with the payload on stdin.
// Asynchronous on purpose: the gate that answers lives in this very extension host.
import { spawn } from 'node:child_process';

export interface HookResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runHook(cliJs: string, agent: string, payload: object, cwd: string): Promise<HookResult> {
  return runCli([cliJs, 'hook', '--agent', agent], JSON.stringify(payload), cwd);
}

/** Any `airlock` command line (script first), run with the editor's runtime as Node, `input` on stdin. */
export function runCli(args: string[], input: string, cwd: string): Promise<HookResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd, env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}
