// Stopping what runs in integrated terminals: SIGINT to every process group below
// the terminal's shell (like Ctrl+C, so tools can clean up), then SIGKILL after a
// grace period to whatever is still alive. The shell itself is left running.
// On Windows there are no process groups: we send Ctrl+C to the terminal and,
// after the grace period, kill the process tree with taskkill.
import * as vscode from 'vscode';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import { descendants, groupsToSignal, parsePs, sameGroupChildren, type ProcessInfo } from './processTree';
import { interruptedLine, ownerOf, type Owner, type ProcessFacts, type TerminalFacts } from './terminalOwner';

export interface KillReport {
  terminals: number;
  interrupted: number;
  killed: number;
  /** A person's own terminals, left alone. */
  spared: number;
}

export interface StopOptions {
  /** A person asked for it ("Kill terminal"): their own terminal too. */
  includePersons?: boolean;
  /** Told for each terminal whose processes were interrupted, with why it counted as an agent's. */
  onInterrupted?(terminal: vscode.Terminal, why: string, owner: Owner): void;
}

function ps(): Promise<ProcessInfo[]> {
  return new Promise((resolve) => {
    execFile('ps', ['-A', '-o', 'pid=,ppid=,pgid=,comm='], { timeout: 3000, maxBuffer: 8 << 20 }, (err, stdout) => {
      resolve(err ? [] : parsePs(stdout));
    });
  });
}

function readProc(pid: number, what: 'cmdline' | 'environ'): string[] | undefined {
  if (process.platform !== 'linux') return undefined;
  try {
    return fs.readFileSync(`/proc/${pid}/${what}`, 'utf8').split('\0').filter(Boolean);
  } catch {
    return undefined;
  }
}

/** What runs below a terminal's shell, with the agent markers /proc shows (names only, never values). */
function treeFacts(table: readonly ProcessInfo[], shell: number): ProcessFacts[] {
  return descendants(table, shell).map((p) => {
    const args = readProc(p.pid, 'cmdline');
    const env = readProc(p.pid, 'environ');
    return { comm: p.comm ?? '', ...(args ? { args: args.join(' ') } : {}), ...(env ? { envNames: env.map((kv) => kv.slice(0, Math.max(0, kv.indexOf('=')))) } : {}) };
  });
}

function terminalFacts(t: vscode.Terminal): TerminalFacts {
  const o = t.creationOptions as Partial<vscode.TerminalOptions & vscode.ExtensionTerminalOptions>;
  return { ...(o.name ? { name: o.name } : {}), ...(o.env ? { env: o.env } : {}), ...(o.pty ? { extensionPty: true } : {}) };
}

/** A line in the terminal itself, through its shell's tty (Linux); the shell and its prompt are untouched. */
function tellTerminal(shell: number, why: string): void {
  if (process.platform !== 'linux') return;
  try {
    fs.writeFileSync(`/proc/${shell}/fd/2`, interruptedLine(why));
  } catch {
    // no tty to write to: the Activity row still says it
  }
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
export async function stopTerminalProcesses(terminals: readonly vscode.Terminal[], graceMs: number, log: (m: string) => void, opts: StopOptions = {}): Promise<KillReport> {
  const report: KillReport = { terminals: 0, interrupted: 0, killed: 0, spared: 0 };
  const withPid = (await Promise.all(terminals.map(async (t) => ({ t, pid: await Promise.resolve(t.processId).catch(() => undefined) })))).filter(
    (x): x is { t: vscode.Terminal; pid: number } => typeof x.pid === 'number' && x.pid > 1,
  );
  report.terminals = withPid.length;
  if (withPid.length === 0) return report;
  const table = process.platform === 'win32' ? [] : await ps();
  const pids: number[] = [];
  for (const { t, pid } of withPid) {
    const running = descendants(table, pid);
    if (process.platform !== 'win32' && running.length === 0) continue; // an idle shell: nothing to stop
    const { owner, why } = ownerOf(terminalFacts(t), treeFacts(table, pid));
    if (owner === 'person' && !opts.includePersons) {
      report.spared++;
      log(`lockdown: left "${t.name}" alone: ${why}`);
      continue;
    }
    pids.push(pid);
    tellTerminal(pid, why);
    opts.onInterrupted?.(t, why, owner);
  }
  if (pids.length === 0) return report;
  const chosen = new Set(pids);
  terminals = withPid.filter((x) => chosen.has(x.pid)).map((x) => x.t);

  if (process.platform === 'win32') {
    for (const t of terminals) t.sendText('\x03', false);
    await sleep(graceMs);
    await Promise.all(pids.map((pid) => new Promise<void>((r) => execFile('taskkill', ['/T', '/F', '/PID', String(pid)], () => r()))));
    report.killed = pids.length;
    return report;
  }

  const own = process.pid;
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
