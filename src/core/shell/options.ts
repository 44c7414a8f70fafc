// Skips a wrapper's own options to find where the wrapped command starts. Each wrapper lists the
// options that take a value; everything else starting with '-' is a flag.

export interface OptionSpec {
  /** Short options that consume the next word when written alone (`-u root`). */
  short?: string;
  /** Long options that consume the next word unless written `--opt=value`. */
  long?: string[];
  /** Stop at the first word that is not an option (most wrappers). */
  stopAtOperand?: boolean;
}

/** Index of the first word after the wrapper's options, and the options seen (for flags like -c). */
export function skipOptions(args: string[], spec: OptionSpec): { index: number; flags: string[]; values: Record<string, string> } {
  const flags: string[] = [];
  const values: Record<string, string> = {};
  let i = 0;
  while (i < args.length) {
    const a = args[i];
    if (a === '--') return { index: i + 1, flags, values };
    if (!a.startsWith('-') || a === '-') break;
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const key = eq >= 0 ? a.slice(0, eq) : a;
      flags.push(key);
      if (eq >= 0) values[key] = a.slice(eq + 1);
      else if (spec.long?.includes(key)) {
        values[key] = args[i + 1] ?? '';
        i++;
      }
      i++;
      continue;
    }
    // Bundled short flags: `-nE`, `-u root`, `-uroot`.
    let consumed = false;
    for (let k = 1; k < a.length; k++) {
      const f = a[k];
      flags.push(`-${f}`);
      if (spec.short?.includes(f)) {
        if (k + 1 < a.length) values[`-${f}`] = a.slice(k + 1);
        else {
          values[`-${f}`] = args[i + 1] ?? '';
          consumed = true;
        }
        break;
      }
    }
    i += consumed ? 2 : 1;
  }
  return { index: i, flags, values };
}
