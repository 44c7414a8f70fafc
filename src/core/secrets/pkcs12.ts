// Whether a PKCS#12 key store (.p12, .pfx, a PKCS#12 .keystore) opens with no password or a well-known
// one. Its MAC (RFC 7292, section 4 and appendix B) is an HMAC over the content, keyed from the password,
// so trying a password needs neither the keys nor any decryption: a MAC that holds for `notasecret`
// (Google Cloud service-account keys) or `changeit` (Java's default) means anyone can read the private
// key inside; one that holds for none of them means the contents are encrypted under a password that
// is not in the file. Hashes from @noble/hashes (pure JS, as core loads no node:crypto).
import { hmac } from '@noble/hashes/hmac';
import { sha1 } from '@noble/hashes/legacy';
import { sha256, sha384, sha512 } from '@noble/hashes/sha2';
import type { CHash } from '@noble/hashes/utils';

/**
 * Passwords that protect nothing: none, Google Cloud's service-account `.p12` password, Java keytool's
 * and Android's debug-keystore defaults, and the words people type when asked for one.
 */
export const WELL_KNOWN_PKCS12_PASSWORDS: readonly string[] = ['', 'notasecret', 'changeit', 'android', 'password', 'changeme', 'secret', '123456'];

/**
 * Most MAC iterations tried per password. OpenSSL writes 2,048, Java's keytool 10,000, Windows 2,000;
 * a higher count (a crafted file could ask for billions) is not worked through: the file cannot be
 * checked and is judged by its name. At the limit, trying every password takes about a quarter of a
 * second (SHA-1) to half a second (SHA-512).
 */
export const MAX_MAC_ITERATIONS = 20_000;

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
const MAC_HASHES: readonly { oid: Uint8Array; hash: CHash }[] = [
  { oid: Uint8Array.of(0x2b, 0x0e, 0x03, 0x02, 0x1a), hash: sha1 },
  { oid: Uint8Array.of(0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01), hash: sha256 },
  { oid: Uint8Array.of(0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x02), hash: sha384 },
  { oid: Uint8Array.of(0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x03), hash: sha512 },
];

interface MacData {
  /** The authenticated content: authSafe's OCTET STRING contents. */
  content: Uint8Array;
  hash: CHash;
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
  // PBMAC1 (RFC 9579) and others are not checked here.
  const hash = MAC_HASHES.find((h) => bytesEqual(oidBytes, h.oid))?.hash;
  if (!hash) return 'MAC algorithm not checked here';
  const digest = readTlv(buf, alg.end, digestInfo.end);
  const salt = readTlv(buf, digestInfo.end, mac.end);
  // A digest of the wrong length would fail for every password and pass for "protected": not readable.
  if (!digest || digest.tag !== 0x04 || digest.end - digest.start !== hash.outputLen || !salt || salt.tag !== 0x04) return 'MAC not readable';
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

/** `src` repeated to fill a whole number of `v`-byte blocks (empty stays empty). */
function fillBlocks(src: Uint8Array, v: number): Uint8Array {
  if (src.length === 0) return src;
  const out = new Uint8Array(Math.ceil(src.length / v) * v);
  for (let i = 0; i < out.length; i++) out[i] = src[i % src.length]!;
  return out;
}

/** The MAC key (ID 3), as long as the hash output: one block A of appendix B.2 is enough. */
function macKey(hash: CHash, password: Uint8Array, salt: Uint8Array, iterations: number): Uint8Array {
  const v = hash.blockLen;
  const s = fillBlocks(salt, v);
  const p = fillBlocks(password, v);
  const input = new Uint8Array(v + s.length + p.length);
  input.fill(3, 0, v);
  input.set(s, v);
  input.set(p, v + s.length);
  let a = hash(input);
  for (let i = 1; i < iterations; i++) a = hash(a);
  return a;
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
