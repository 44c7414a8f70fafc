// What `airlock run` puts around an agent: which files are masked (their content replaced by an empty
// file, so a hardlink made inside, a copy or a glob reaches nothing), which paths are read-only (Airlock's
// own files, the editors' settings, the agents' hook folders), which variables are dropped. Pure: the
// host finds the paths; this turns a plan into bubblewrap arguments, in an order where later mounts win.

export interface SandboxPlan {
  /** Absolute paths of regular files whose content must not be readable (protected files, found secrets, their hardlinks). */
  mask: string[];
  /** Absolute paths (files or folders) that stay readable but not writable. */
  readOnly: string[];
  /** An empty regular file the host made; bound over every masked file. */
  emptyFile: string;
  /** Environment variable names removed before the command starts. */
  dropEnv: string[];
  cwd: string;
  command: string[];
}

export interface SandboxSummary {
  masked: number;
  readOnly: number;
  droppedVariables: string[];
}

/** bubblewrap's argv (without the program name). The whole file system stays as it is, then narrowed. */
export function bwrapArgs(plan: SandboxPlan): string[] {
  if (plan.command.length === 0) throw new Error('no command to run');
  const args = ['--dev-bind', '/', '/'];
  // Read-only first, masks after: a masked file inside a read-only folder is still masked.
  for (const p of uniqueSorted(plan.readOnly)) args.push('--ro-bind', p, p);
  for (const p of uniqueSorted(plan.mask)) args.push('--ro-bind', plan.emptyFile, p);
  for (const name of uniqueSorted(plan.dropEnv)) args.push('--unsetenv', name);
  args.push('--setenv', 'AIRLOCK_SANDBOX', '1', '--die-with-parent', '--chdir', plan.cwd, '--', ...plan.command);
  return args;
}

export function summarizePlan(plan: SandboxPlan): SandboxSummary {
  return { masked: new Set(plan.mask).size, readOnly: new Set(plan.readOnly).size, droppedVariables: uniqueSorted(plan.dropEnv) };
}

function uniqueSorted(xs: readonly string[]): string[] {
  // Parents before children, so a read-only folder never re-exposes a masked file bound earlier.
  return [...new Set(xs)].sort((a, b) => a.length - b.length || a.localeCompare(b));
}
