// Symlink resolution for classify(): core/ does no I/O, so the hook and the gate inject this.
// `ln -s .env notes.txt` makes `cat notes.txt` a secret read; only the real path tells.
import * as fs from 'node:fs';

/** The real path behind an absolute, normalised path (`/C:/x` on Windows), or undefined when it does not exist. */
export function realPathOf(p: string): string | undefined {
  try {
    return fs.realpathSync.native(process.platform === 'win32' ? p.replace(/^\/([A-Za-z]:)/, '$1') : p);
  } catch {
    return undefined;
  }
}
