// A stable, non-reversible id for one finding, so "Not a secret" can be recorded in .airlockignore
// without writing the secret (or anything that reveals it) there.

/** FNV-1a 64-bit over UTF-16 code units, as 16 hex digits. */
export function fnv1a64(s: string): string {
  let h = 0xcbf29ce484222325n;
  const prime = 0x100000001b3n;
  const mask = 0xffffffffffffffffn;
  for (let i = 0; i < s.length; i++) {
    h ^= BigInt(s.charCodeAt(i));
    h = (h * prime) & mask;
  }
  return h.toString(16).padStart(16, '0');
}

export function findingFingerprint(rule: string, file: string, value: string): string {
  return fnv1a64(`${rule}\u0000${file}\u0000${value}`);
}
