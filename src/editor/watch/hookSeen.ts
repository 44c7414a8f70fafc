// Remembers the shell commands agents' hooks asked about recently, so a terminal
// command that no hook saw (an agent without a hook, a hook that was removed)
// can be told apart from one the gate already decided.

export function normalizeCommand(cmd: string): string {
  return cmd.replace(/\s+/g, ' ').trim();
}

export class RecentHookCommands {
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly windowMs = 120_000,
    private readonly max = 2000,
  ) {}

  record(command: string, time: number): void {
    const key = normalizeCommand(command);
    this.seen.delete(key);
    this.seen.set(key, time);
    if (this.seen.size > this.max) {
      const oldest = this.seen.keys().next().value;
      if (oldest !== undefined) this.seen.delete(oldest);
    }
  }

  /** Whether a hook asked about this command within the window before `time`. */
  saw(command: string, time: number): boolean {
    const at = this.seen.get(normalizeCommand(command));
    return at !== undefined && time - at <= this.windowMs && at <= time + 5_000;
  }
}
