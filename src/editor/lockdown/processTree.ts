// Which process groups to signal in a terminal: every group that a descendant of
// the terminal's shell belongs to, except the shell's own (the terminal stays
// open, so the person sees what was stopped). Pure; the table comes from `ps`.

export interface ProcessInfo {
  pid: number;
  ppid: number;
  pgid: number;
  /** Executable name, when ps gave one. */
  comm?: string;
}

/** Parse `ps -A -o pid=,ppid=,pgid=[,comm=]` output. */
export function parsePs(text: string): ProcessInfo[] {
  const out: ProcessInfo[] = [];
  for (const line of text.split('\n')) {
    const m = /^\s*(\d+)\s+(\d+)\s+(\d+)(?:\s+(\S.*?))?\s*$/.exec(line);
    if (m) out.push({ pid: Number(m[1]), ppid: Number(m[2]), pgid: Number(m[3]), ...(m[4] ? { comm: m[4] } : {}) });
  }
  return out;
}

export function descendants(table: readonly ProcessInfo[], root: number): ProcessInfo[] {
  const children = new Map<number, ProcessInfo[]>();
  for (const p of table) {
    const list = children.get(p.ppid) ?? [];
    list.push(p);
    children.set(p.ppid, list);
  }
  const out: ProcessInfo[] = [];
  const seen = new Set<number>([root]);
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop() as number;
    for (const c of children.get(pid) ?? []) {
      if (seen.has(c.pid)) continue;
      seen.add(c.pid);
      out.push(c);
      stack.push(c.pid);
    }
  }
  return out;
}

/** Process groups to signal for the shell `shellPid`; never the shell's group, never `protect` (our own). */
export function groupsToSignal(table: readonly ProcessInfo[], shellPid: number, protect: readonly number[] = []): number[] {
  const shell = table.find((p) => p.pid === shellPid);
  const skip = new Set<number>([shell?.pgid ?? shellPid, ...protect, 0, 1]);
  const groups = new Set<number>();
  for (const p of descendants(table, shellPid)) if (!skip.has(p.pgid)) groups.add(p.pgid);
  return [...groups].sort((a, b) => a - b);
}

/** Processes in the shell's own group other than the shell (non-interactive shells run children there). */
export function sameGroupChildren(table: readonly ProcessInfo[], shellPid: number): number[] {
  const shell = table.find((p) => p.pid === shellPid);
  if (!shell) return [];
  return descendants(table, shellPid)
    .filter((p) => p.pgid === shell.pgid)
    .map((p) => p.pid);
}
