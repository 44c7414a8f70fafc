// Plays the agent: runs the shipped hook program (`node dist/cli.js hook --agent <id>`) as a
// child process in the editor's sandboxed environment, feeds it a payload, and reports what an
// agent would see: exit code, stdout (parsed when it is JSON) and stderr.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { session } from './session';
import { waitFor } from './wait';

/**
 * Waits until this editor window's gate has registered for the workspace (the hook finds windows
 * through ~/.airlock/windows/*.json). Until then a flagged call is blocked as "no editor open",
 * which is right for the product but not what an approval spec is about.
 */
export async function gateReady(timeoutMs = 30_000, target?: HookTarget): Promise<void> {
  const s = { workspace: target?.workspace ?? session().workspace, home: target?.env.HOME ?? session().editorEnv.HOME };
  const dir = path.join(s.home, '.airlock', 'windows');
  await waitFor(
    () => {
      let names: string[] = [];
      try {
        names = fs.readdirSync(dir).filter((n) => n.endsWith('.json'));
      } catch {
        return false;
      }
      return names.some((n) => {
        try {
          const entry = JSON.parse(fs.readFileSync(path.join(dir, n), 'utf8')) as { workspaceRoots?: string[] };
          return entry.workspaceRoots?.some((r) => s.workspace === r || s.workspace.startsWith(`${r}/`));
        } catch {
          return false;
        }
      });
    },
    "the editor's gate to register for the workspace",
    timeoutMs,
  );
}

export interface HookResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** stdout parsed as JSON, when it is. */
  json: Record<string, unknown> | undefined;
}

export interface RunningHook {
  /** Resolves when the hook process exits. */
  done: Promise<HookResult>;
  /** Has the process exited yet? (for "it is still waiting on the person" checks) */
  exited(): boolean;
}

/** Which editor the hook acts against: the run's own (default) or another one a spec started. */
export interface HookTarget {
  env: Record<string, string>;
  workspace: string;
}

export function startHook(agent: string, payload: unknown, timeoutMs = 60_000, target?: HookTarget): RunningHook {
  const s = session();
  const cli = path.join(s.extensionDir, 'dist', 'cli.js');
  const env = target?.env ?? s.editorEnv;
  const workspace = target?.workspace ?? s.workspace;
  const child = spawn(process.execPath, [cli, 'hook', '--agent', agent], {
    cwd: workspace,
    env: { ...env, CURSOR_PROJECT_DIR: workspace, CLAUDE_PROJECT_DIR: workspace },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let exited = false;
  child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
  child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  const done = new Promise<HookResult>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the hook did not answer within ${timeoutMs} ms (stderr: ${stderr.slice(0, 300)})`));
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      exited = true;
      clearTimeout(timer);
      let json: Record<string, unknown> | undefined;
      try {
        json = JSON.parse(stdout) as Record<string, unknown>;
      } catch {
        json = undefined;
      }
      resolve({ code, stdout, stderr, json });
    });
  });
  child.stdin.end(JSON.stringify(payload));
  return { done, exited: () => exited };
}

export function runHook(agent: string, payload: unknown, timeoutMs?: number): Promise<HookResult> {
  return startHook(agent, payload, timeoutMs).done;
}

let seq = 0;
/** A Cursor `beforeShellExecution` payload for `command`, run from the workspace root. */
export function cursorShell(command: string, cwd = session().workspace, workspace = session().workspace): Record<string, unknown> {
  seq += 1;
  return {
    hook_event_name: 'beforeShellExecution',
    conversation_id: `e2e-conversation`,
    generation_id: `e2e-generation-${seq}`,
    model: 'e2e',
    cursor_version: '3.0.0',
    workspace_roots: [workspace],
    user_email: null,
    transcript_path: null,
    command,
    cwd,
    timeout: 30,
  };
}
