// Symlink resolution for classify(): core/ does no I/O, so the hook and the gate inject this.
// `ln -s .env notes.txt` makes `cat notes.txt` a secret read; only the real path tells.
import * as fs from 'node:fs';
import * as path from 'node:path';

const MAX_HOPS = 8;

/**
 * The real path behind an absolute, normalised path (`/C:/x` on Windows). A dangling link resolves to
 * where it points (writing through it creates that file); a missing file to its real parent directory
 * plus its name (a new file inside a linked directory). Undefined when even that cannot be known.
 */
export function realPathOf(p: string): string | undefined {
  let cur = process.platform === 'win32' ? p.replace(/^\/([A-Za-z]:)/, '$1') : p;
  for (let hop = 0; hop < MAX_HOPS; hop++) {
    try {
      return fs.realpathSync.native(cur);
    } catch {
      /* missing, or a dangling link: look closer */
    }
    let target: string;
    try {
      target = fs.readlinkSync(cur);
    } catch {
      try {
        return path.join(fs.realpathSync.native(path.dirname(cur)), path.basename(cur));
      } catch {
        return undefined;
      }
    }
    cur = path.resolve(path.dirname(cur), target);
  }
  return undefined;
}
