// Checksums vendors build into their token formats. A value whose checksum holds is that vendor's
// token whatever it looks like; one whose checksum fails was typed by a person (a fake or a typo).

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

export function crc32(s: string): number {
  let c = 0xffffffff;
  for (let i = 0; i < s.length; i++) c = CRC_TABLE[(c ^ s.charCodeAt(i)) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

const BASE62_UPPER_FIRST = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const BASE62_LOWER_FIRST = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

export function base62(n: number, alphabet = BASE62_UPPER_FIRST, width = 6): string {
  let out = '';
  let v = n;
  while (v > 0) {
    out = alphabet[v % 62]! + out;
    v = Math.floor(v / 62);
  }
  return out.padStart(width, '0');
}

/**
 * GitHub's token formats (`ghp_`, `gho_`, `ghu_`, `ghs_`, `ghr_`, 2021 on) end in 6 base62 characters
 * of the CRC32 of the 30 random ones before them. Both base62 alphabets in use are accepted.
 */
export function githubChecksumValid(token: string): boolean {
  const body = token.slice(token.indexOf('_') + 1);
  if (body.length !== 36) return false;
  const crc = crc32(body.slice(0, 30));
  const tail = body.slice(30);
  return tail === base62(crc) || tail === base62(crc, BASE62_LOWER_FIRST);
}

/** Builds a token with a valid GitHub checksum from a prefix and 30 random characters (tests, examples). */
export function withGithubChecksum(prefix: string, random30: string): string {
  return `${prefix}${random30}${base62(crc32(random30))}`;
}

const BECH32 = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';

function bech32Polymod(values: number[]): number {
  const gen = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];
  let chk = 1;
  for (const v of values) {
    const top = chk >>> 25;
    chk = ((chk & 0x1ffffff) << 5) ^ v;
    for (let i = 0; i < 5; i++) if ((top >>> i) & 1) chk ^= gen[i]!;
  }
  return chk >>> 0;
}

/** Bech32 (BIP 173) checksum, as age secret keys (`AGE-SECRET-KEY-1…`) carry one. */
export function bech32Valid(s: string): boolean {
  const lower = s.toLowerCase();
  const sep = lower.lastIndexOf('1');
  if (sep < 1 || lower.length - sep < 7) return false;
  const hrp = lower.slice(0, sep);
  const data: number[] = [];
  for (const c of lower.slice(sep + 1)) {
    const v = BECH32.indexOf(c);
    if (v < 0) return false;
    data.push(v);
  }
  const expanded = [...[...hrp].map((c) => c.charCodeAt(0) >> 5), 0, ...[...hrp].map((c) => c.charCodeAt(0) & 31)];
  return bech32Polymod([...expanded, ...data]) === 1;
}

/** Appends a valid bech32 checksum to `hrp` + `1` + data characters (tests, examples). */
export function withBech32Checksum(hrp: string, data: string): string {
  const lowerHrp = hrp.toLowerCase();
  const values = [...data.toLowerCase()].map((c) => BECH32.indexOf(c));
  const expanded = [...[...lowerHrp].map((c) => c.charCodeAt(0) >> 5), 0, ...[...lowerHrp].map((c) => c.charCodeAt(0) & 31)];
  const mod = bech32Polymod([...expanded, ...values, 0, 0, 0, 0, 0, 0]) ^ 1;
  let tail = '';
  for (let i = 0; i < 6; i++) tail += BECH32[(mod >>> (5 * (5 - i))) & 31];
  const out = `${lowerHrp}1${data.toLowerCase()}${tail}`;
  return hrp === hrp.toUpperCase() ? out.toUpperCase() : out;
}
