// Whether a PKCS#12 key store (.p12, .pfx, a PKCS#12 .keystore) opens with no password or a well-known
// one. Its MAC (RFC 7292, section 4 and appendix B) is an HMAC over the content, keyed from the password,
// so trying a password needs neither the keys nor any decryption: a MAC that holds for `notasecret`
// (Google Cloud service-account keys) or `changeit` (Java's default) means anyone can read the private
// key inside; one that holds for none of them means the contents are encrypted under a password that
// is not in the file. Pure: SHA-1 and SHA-256 are written out below, as core has no crypto module.

/**
 * Passwords that protect nothing: none, Google Cloud's service-account `.p12` password, Java keytool's
 * and Android's debug-keystore defaults, and the words people type when asked for one.
 */
export const WELL_KNOWN_PKCS12_PASSWORDS: readonly string[] = ['', 'notasecret', 'changeit', 'android', 'password', 'changeme', 'secret', '123456'];

/**
 * Most MAC iterations tried per password. OpenSSL writes 2,048, Java's keytool 10,000, Windows 2,000;
 * a higher count (a crafted file could ask for billions) is not worked through: the file cannot be
 * checked and is judged by its name.
 */
export const MAX_MAC_ITERATIONS = 50_000;

export type Pkcs12Access =
  /** The MAC holds for this well-known password (`''` is no password). */
  | { kind: 'opens'; password: string }
  /** The MAC holds for none of them: the contents are encrypted under a password kept elsewhere. */
  | { kind: 'protected' }
  /** Not a PKCS#12 PFX, no MAC (`-nomac`), a MAC algorithm not checked here, or too many iterations. */
  | { kind: 'unknown'; why: string };

// ---- ASN.1 DER, just enough to find the MAC ----

interface Tlv {
  tag: number;
  /** Content start and end offsets in the buffer. */
  start: number;
  end: number;
}

function readTlv(buf: Uint8Array, at: number, limit: number): Tlv | undefined {
  if (at + 2 > limit) return undefined;
  const tag = buf[at]!;
  let len = buf[at + 1]!;
  let start = at + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    // n = 0 is BER's indefinite length: not DER, not checked here.
    if (n === 0 || n > 4 || start + n > limit) return undefined;
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + buf[start + i]!;
    start += n;
  }
  if (start + len > limit) return undefined;
  return { tag, start, end: start + len };
}

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

const OID_DATA = Uint8Array.of(0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x01);
const OID_SHA1 = Uint8Array.of(0x2b, 0x0e, 0x03, 0x02, 0x1a);
const OID_SHA256 = Uint8Array.of(0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01);

interface MacData {
  /** The authenticated content: authSafe's OCTET STRING contents. */
  content: Uint8Array;
  hash: Hash;
  digest: Uint8Array;
  salt: Uint8Array;
  iterations: number;
}

/** PFX ::= SEQUENCE { version INTEGER (3), authSafe ContentInfo, macData MacData OPTIONAL }. */
function parseMacData(buf: Uint8Array): MacData | string {
  const pfx = readTlv(buf, 0, buf.length);
  if (!pfx || pfx.tag !== 0x30) return 'not a PKCS#12 structure';
  const version = readTlv(buf, pfx.start, pfx.end);
  if (!version || version.tag !== 0x02 || version.end - version.start !== 1 || buf[version.start] !== 3) return 'not a PKCS#12 v3 structure';
  // authSafe ContentInfo ::= SEQUENCE { contentType OID (data), content [0] EXPLICIT OCTET STRING }
  const authSafe = readTlv(buf, version.end, pfx.end);
  if (!authSafe || authSafe.tag !== 0x30) return 'not a PKCS#12 structure';
  const type = readTlv(buf, authSafe.start, authSafe.end);
  if (!type || type.tag !== 0x06) return 'not a PKCS#12 structure';
  // signedData is the public-key integrity mode: no password MAC to try.
  if (!bytesEqual(buf.subarray(type.start, type.end), OID_DATA)) return 'integrity by signature, not by password';
  const explicit = readTlv(buf, type.end, authSafe.end);
  const octets = explicit && explicit.tag === 0xa0 ? readTlv(buf, explicit.start, explicit.end) : undefined;
  if (!octets || octets.tag !== 0x04) return 'content not in DER form';
  if (authSafe.end >= pfx.end) return 'no MAC';
  // MacData ::= SEQUENCE { mac DigestInfo, macSalt OCTET STRING, iterations INTEGER DEFAULT 1 }
  const mac = readTlv(buf, authSafe.end, pfx.end);
  if (!mac || mac.tag !== 0x30) return 'no MAC';
  const digestInfo = readTlv(buf, mac.start, mac.end);
  const alg = digestInfo && digestInfo.tag === 0x30 ? readTlv(buf, digestInfo.start, digestInfo.end) : undefined;
  const oid = alg && alg.tag === 0x30 ? readTlv(buf, alg.start, alg.end) : undefined;
  if (!digestInfo || !alg || !oid || oid.tag !== 0x06) return 'MAC not readable';
  const oidBytes = buf.subarray(oid.start, oid.end);
  const hash = bytesEqual(oidBytes, OID_SHA1) ? SHA1 : bytesEqual(oidBytes, OID_SHA256) ? SHA256 : undefined;
  if (!hash) return 'MAC algorithm not checked here';
  const digest = readTlv(buf, alg.end, digestInfo.end);
  const salt = readTlv(buf, digestInfo.end, mac.end);
  if (!digest || digest.tag !== 0x04 || !salt || salt.tag !== 0x04) return 'MAC not readable';
  let iterations = 1;
  if (salt.end < mac.end) {
    const iter = readTlv(buf, salt.end, mac.end);
    if (!iter || iter.tag !== 0x02 || iter.end - iter.start > 4) return 'MAC iterations out of range';
    iterations = 0;
    for (let i = iter.start; i < iter.end; i++) iterations = iterations * 256 + buf[i]!;
  }
  if (iterations < 1 || iterations > MAX_MAC_ITERATIONS) return 'MAC iterations out of range';
  return {
    content: buf.subarray(octets.start, octets.end),
    hash,
    digest: buf.subarray(digest.start, digest.end),
    salt: buf.subarray(salt.start, salt.end),
    iterations,
  };
}

// ---- RFC 7292 appendix B: the MAC key from the password ----

/** BMPString (UTF-16 big-endian) with a two-byte terminator; no password is no bytes at all. */
function passwordBytes(password: string, terminated: boolean): Uint8Array {
  if (password === '' && !terminated) return new Uint8Array(0);
  const out = new Uint8Array(password.length * 2 + 2);
  for (let i = 0; i < password.length; i++) {
    out[i * 2] = password.charCodeAt(i) >> 8;
    out[i * 2 + 1] = password.charCodeAt(i) & 0xff;
  }
  return out;
}

/** `src` repeated to fill a whole number of 64-byte blocks (empty stays empty). */
function fillBlocks(src: Uint8Array): Uint8Array {
  if (src.length === 0) return src;
  const out = new Uint8Array(Math.ceil(src.length / 64) * 64);
  for (let i = 0; i < out.length; i++) out[i] = src[i % src.length]!;
  return out;
}

/** The MAC key (ID 3), as long as the hash output: one block A of appendix B.2 is enough. */
function macKey(hash: Hash, password: Uint8Array, salt: Uint8Array, iterations: number): Uint8Array {
  const s = fillBlocks(salt);
  const p = fillBlocks(password);
  const input = new Uint8Array(64 + s.length + p.length);
  input.fill(3, 0, 64);
  input.set(s, 64);
  input.set(p, 64 + s.length);
  const a = hash.digest(input);
  return iterations > 1 ? hash.iterate(a, iterations - 1) : a;
}

function hmac(hash: Hash, key: Uint8Array, data: Uint8Array): Uint8Array {
  const k = new Uint8Array(64);
  k.set(key.length > 64 ? hash.digest(key) : key);
  const inner = new Uint8Array(64 + data.length);
  const outer = new Uint8Array(64 + hash.size);
  for (let i = 0; i < 64; i++) {
    inner[i] = k[i]! ^ 0x36;
    outer[i] = k[i]! ^ 0x5c;
  }
  inner.set(data, 64);
  outer.set(hash.digest(inner), 64);
  return hash.digest(outer);
}

/** Whether the PFX in `buf` opens with a well-known password, is protected by another, or cannot be told. */
export function pkcs12Access(buf: Uint8Array, passwords: readonly string[] = WELL_KNOWN_PKCS12_PASSWORDS): Pkcs12Access {
  const mac = parseMacData(buf);
  if (typeof mac === 'string') return { kind: 'unknown', why: mac };
  for (const password of passwords) {
    // No password is written two ways (no bytes, or just the terminator); OpenSSL tries both.
    for (const terminated of password === '' ? [false, true] : [true]) {
      const key = macKey(mac.hash, passwordBytes(password, terminated), mac.salt, mac.iterations);
      if (bytesEqual(hmac(mac.hash, key, mac.content), mac.digest)) return { kind: 'opens', password };
    }
  }
  return { kind: 'protected' };
}

// ---- SHA-1 and SHA-256 (FIPS 180-4) ----

interface Hash {
  /** Output size in bytes (u in RFC 7292). */
  size: number;
  digest(data: Uint8Array): Uint8Array;
  /** `digest` applied `times` times to a digest (`times` >= 1): the KDF's loop, without allocating per round. */
  iterate(first: Uint8Array, times: number): Uint8Array;
}

/** A Merkle–Damgård hash over 64-byte blocks with big-endian words, from its start state and compression. */
function mdHash(size: number, initial: readonly number[], compress: (state: Int32Array, w: Int32Array) => void): Hash {
  const words = size / 4;
  const out = (state: Int32Array): Uint8Array => {
    const bytes = new Uint8Array(size);
    const view = new DataView(bytes.buffer);
    for (let i = 0; i < words; i++) view.setInt32(i * 4, state[i]!);
    return bytes;
  };
  return {
    size,
    digest(data) {
      const blocks = ((data.length + 8) >>> 6) + 1;
      const bytes = new Uint8Array(blocks * 64);
      bytes.set(data);
      bytes[data.length] = 0x80;
      const view = new DataView(bytes.buffer);
      const bits = data.length * 8;
      view.setUint32(bytes.length - 8, Math.floor(bits / 0x100000000));
      view.setUint32(bytes.length - 4, bits >>> 0);
      const state = Int32Array.from(initial);
      const w = new Int32Array(80);
      for (let b = 0; b < blocks; b++) {
        for (let i = 0; i < 16; i++) w[i] = view.getInt32(b * 64 + i * 4);
        compress(state, w);
      }
      return out(state);
    },
    iterate(first, times) {
      // A digest fits one block: its words, the 0x80 marker, zeros, its bit length.
      const state = new Int32Array(8);
      const w = new Int32Array(80);
      const view = new DataView(first.buffer, first.byteOffset, size);
      for (let i = 0; i < words; i++) state[i] = view.getInt32(i * 4);
      for (let round = 0; round < times; round++) {
        for (let i = 0; i < words; i++) w[i] = state[i]!;
        w[words] = 0x80000000 | 0;
        for (let i = words + 1; i < 15; i++) w[i] = 0;
        w[15] = size * 8;
        state.set(initial);
        compress(state, w);
      }
      return out(state);
    },
  };
}

export const SHA1: Hash = mdHash(20, [0x67452301, 0xefcdab89 | 0, 0x98badcfe | 0, 0x10325476, 0xc3d2e1f0 | 0], (h, w) => {
  for (let i = 16; i < 80; i++) {
    const x = w[i - 3]! ^ w[i - 8]! ^ w[i - 14]! ^ w[i - 16]!;
    w[i] = (x << 1) | (x >>> 31);
  }
  let a = h[0]!, b = h[1]!, c = h[2]!, d = h[3]!, e = h[4]!;
  for (let i = 0; i < 80; i++) {
    const f = i < 20 ? (b & c) | (~b & d) : i < 40 || i >= 60 ? b ^ c ^ d : (b & c) | (b & d) | (c & d);
    const k = i < 20 ? 0x5a827999 : i < 40 ? 0x6ed9eba1 : i < 60 ? 0x8f1bbcdc | 0 : 0xca62c1d6 | 0;
    const t = (((a << 5) | (a >>> 27)) + f + e + k + w[i]!) | 0;
    e = d;
    d = c;
    c = (b << 30) | (b >>> 2);
    b = a;
    a = t;
  }
  h[0] = (h[0]! + a) | 0;
  h[1] = (h[1]! + b) | 0;
  h[2] = (h[2]! + c) | 0;
  h[3] = (h[3]! + d) | 0;
  h[4] = (h[4]! + e) | 0;
});

const K256 = Int32Array.from(
  [
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01,
    0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc,
    0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
    0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08,
    0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
    0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
  ].map((x) => x | 0),
);

const rotr = (x: number, n: number): number => (x >>> n) | (x << (32 - n));

export const SHA256: Hash = mdHash(
  32,
  [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19].map((x) => x | 0),
  (h, w) => {
    for (let i = 16; i < 64; i++) {
      const x = w[i - 15]!;
      const y = w[i - 2]!;
      w[i] = (w[i - 16]! + (rotr(x, 7) ^ rotr(x, 18) ^ (x >>> 3)) + w[i - 7]! + (rotr(y, 17) ^ rotr(y, 19) ^ (y >>> 10))) | 0;
    }
    let a = h[0]!, b = h[1]!, c = h[2]!, d = h[3]!, e = h[4]!, f = h[5]!, g = h[6]!, k = h[7]!;
    for (let i = 0; i < 64; i++) {
      const t1 = (k + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K256[i]! + w[i]!) | 0;
      const t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
      k = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) | 0;
    }
    h[0] = (h[0]! + a) | 0;
    h[1] = (h[1]! + b) | 0;
    h[2] = (h[2]! + c) | 0;
    h[3] = (h[3]! + d) | 0;
    h[4] = (h[4]! + e) | 0;
    h[5] = (h[5]! + f) | 0;
    h[6] = (h[6]! + g) | 0;
    h[7] = (h[7]! + k) | 0;
  },
);
