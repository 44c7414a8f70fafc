// Background CPU load for the parts of the hardening suite that must hold on a busy machine: two busy
// processes per core, each bounded in time by itself (it exits after `maxMs` even if nobody stops it),
// killed when the test is done and when the test process exits, whatever happened.
import { spawn, type ChildProcess } from 'node:child_process';
import * as os from 'node:os';

const live = new Set<ChildProcess>();
process.on('exit', () => {
  for (const c of live) c.kill('SIGKILL');
});

export interface CpuLoad {
  readonly processes: number;
  stop(): Promise<void>;
}

export function cpuLoad(opts: { perCore?: number; maxMs?: number } = {}): CpuLoad {
  const n = Math.max(1, os.cpus().length) * (opts.perCore ?? 2);
  const maxMs = opts.maxMs ?? 180_000;
  const children = Array.from({ length: n }, () => {
    const c = spawn(process.execPath, ['-e', `const end = Date.now() + ${maxMs}; let x = 0; while (Date.now() < end) x++;`], { stdio: 'ignore' });
    live.add(c);
    c.once('exit', () => live.delete(c));
    return c;
  });
  return {
    processes: n,
    stop: async () => {
      await Promise.all(
        children.map((c) =>
          c.exitCode !== null || c.signalCode !== null
            ? Promise.resolve()
            : new Promise<void>((resolve) => {
                c.once('exit', () => resolve());
                c.kill('SIGKILL');
              }),
        ),
      );
    },
  };
}
