// Starts a program in its own session (setsid, via detached: true) so that it and
// everything it forks (code-server's pty host, terminals, the extension host) share one
// process group, which is stopped as a whole.
import { spawn } from 'node:child_process';
import { onTeardown } from './teardown.mjs';

function groupAlive(pgid) {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}

function signalGroup(pgid, signal) {
  try {
    process.kill(-pgid, signal);
  } catch {
    // group already gone
  }
}

async function waitGone(pgid, ms) {
  const until = Date.now() + ms;
  while (groupAlive(pgid)) {
    if (Date.now() > until) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
  return true;
}

/**
 * @param {string} name for messages
 * @param {string} command
 * @param {string[]} args
 * @param {import('node:child_process').SpawnOptions} options
 * @returns {{ child: import('node:child_process').ChildProcess, stop: () => Promise<void> }}
 */
export function spawnGroup(name, command, args, options = {}) {
  const child = spawn(command, args, { ...options, detached: true });
  const pgid = child.pid;
  if (pgid === undefined) throw new Error(`could not start ${name}`);
  let stopped = null;
  const stop = () => {
    stopped ??= (async () => {
      signalGroup(pgid, 'SIGTERM');
      if (!(await waitGone(pgid, 5000))) {
        signalGroup(pgid, 'SIGKILL');
        await waitGone(pgid, 5000);
      }
      unregister();
    })();
    return stopped;
  };
  const unregister = onTeardown(`stop ${name}`, stop, () => signalGroup(pgid, 'SIGKILL'));
  return { child, stop };
}
