// Stopping what runs in integrated terminals: SIGINT to every process group below
// the terminal's shell (like Ctrl+C, so tools can clean up), then SIGKILL after a
// grace period to whatever is still alive. The shell itself is left running.
// On Windows there are no process groups: we send Ctrl+C to the terminal and,
// after the grace period, kill the process tree with taskkill.
import * as vscode from 'vscode';
import { execFile } from 'node:child_process';
import { groupsToSignal, parsePs, sameGroupChildren, type ProcessInfo } from './processTree';

export interface KillReport {
  terminals: number;
  interrupted: number;
  killed: number;
}

function ps(): Promise<ProcessInfo[]> {
  return new Promise((resolve) => {
    execFile('ps', ['-A', '-o', 'pid=,ppid=,pgid='], { timeout: 3000, maxBuffer: 8 << 20 }, (err, stdout) => {
      resolve(err ? [] : parsePs(stdout));
    });
  });
}

function alive(pgidOrPid: number, group: boolean): boolean {
  try {
    process.kill(group ? -pgidOrPid : pgidOrPid, 0);
    return true;
  } catch {
    return false;
  }
}

function signal(target: number, group: boolean, sig: NodeJS.Signals): boolean {
  try {
    process.kill(group ? -target : target, sig);
    return true;
  } catch {
    return false;
  }
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Interrupt, wait up to `graceMs` (returning early once everything has exited), then kill. */
export async function stopTerminalProcesses(terminals: readonly vscode.Terminal[], graceMs: number, log: (m: string) => void): Promise<KillReport> {
  const report: KillReport = { terminals: 0, interrupted: 0, killed: 0 };
  const pids = (await Promise.all(terminals.map((t) => Promise.resolve(t.processId).catch(() => undefined)))).filter(
    (p): p is number => typeof p === 'number' && p > 1,
  );
  report.terminals = pids.length;
  if (pids.length === 0) return report;

  if (process.platform === 'win32') {
    for (const t of terminals) t.sendText('\x03', false);
    await sleep(graceMs);
    await Promise.all(pids.map((pid) => new Promise<void>((r) => execFile('taskkill', ['/T', '/F', '/PID', String(pid)], () => r()))));
    report.killed = pids.length;
    return report;
  }

  const own = process.pid;
  const table = await ps();
  const ownGroup = table.find((p) => p.pid === own)?.pgid ?? own;
  const groups = new Set<number>();
  const loose = new Set<number>();
  for (const shell of pids) {
    for (const g of groupsToSignal(table, shell, [ownGroup])) groups.add(g);
    for (const p of sameGroupChildren(table, shell)) loose.add(p);
  }
  for (const g of groups) if (signal(g, true, 'SIGINT')) report.interrupted++;
  for (const p of loose) if (signal(p, false, 'SIGINT')) report.interrupted++;
  log(`lockdown: interrupted ${report.interrupted} process group(s) in ${pids.length} terminal(s)`);

  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline && ([...groups].some((g) => alive(g, true)) || [...loose].some((p) => alive(p, false)))) {
    await sleep(Math.min(100, Math.max(0, deadline - Date.now())));
  }
  for (const g of groups) if (alive(g, true) && signal(g, true, 'SIGKILL')) report.killed++;
  for (const p of loose) if (alive(p, false) && signal(p, false, 'SIGKILL')) report.killed++;
  if (report.killed) log(`lockdown: killed ${report.killed} process(es) still running after ${graceMs} ms`);
  return report;
}
