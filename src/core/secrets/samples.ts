// Fake credentials for detectors' own examples, generated when the module loads from a fixed seed.
// Neither the sources nor the shipped bundle hold a token-shaped literal (vsce's secret check and
// push protection would stop on one), and every run of the tests sees the same values.

export type Charset = 'alnum' | 'lower' | 'upper' | 'hex' | 'HEX' | 'letters' | 'digits' | 'b64' | 'url' | 'bech32' | 'printable';

const CHARSETS: Record<Charset, string> = {
  alnum: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789',
  lower: 'abcdefghijklmnopqrstuvwxyz0123456789',
  upper: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789',
  hex: '0123456789abcdef',
  HEX: '0123456789ABCDEF',
  letters: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz',
  digits: '0123456789',
  b64: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/',
  url: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-',
  bech32: 'QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L',
  // WordPress salts and generated passwords: every class, no quote, backslash or `$`
  printable: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!#%&()*+,-./:;<=>?@[]^_{|}~',
};

/** mulberry32: small, fast, good enough to look random to an entropy check. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function seedOf(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

/**
 * One fake token from literal pieces and `[charset, length]` runs, seeded by `seed` (a detector id)
 * so examples are stable. Runs never repeat a character twice in a row, so no placeholder check
 * (long runs, counting sequences) mistakes a fake for a placeholder.
 */
export function fake(seed: string, ...parts: (string | [Charset, number])[]): string {
  const rnd = prng(seedOf(seed));
  let out = '';
  for (const p of parts) {
    if (typeof p === 'string') {
      out += p;
      continue;
    }
    const cs = CHARSETS[p[0]];
    let prev = '';
    for (let i = 0; i < p[1]; i++) {
      let c = cs[Math.floor(rnd() * cs.length)]!;
      while (c === prev || (prev !== '' && Math.abs(c.charCodeAt(0) - prev.charCodeAt(0)) === 1)) c = cs[Math.floor(rnd() * cs.length)]!;
      out += c;
      prev = c;
    }
  }
  return out;
}

/** The same fake in five places a credential is written: .env, YAML, JSON, code, a command line. */
export function inShapes(key: string, token: string): string[] {
  const camel = key.toLowerCase().replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
  return [
    `${key}=${token}`,
    `${key.toLowerCase()}: "${token}"`,
    `{\n  "${camel}": "${token}"\n}`,
    `const ${camel} = '${token}';`,
    `deploy --verbose ${token}`,
  ];
}
