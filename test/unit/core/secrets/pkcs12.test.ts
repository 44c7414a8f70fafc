// airlock:fixture (the passwords below are made up to build test key stores)
// PKCS#12 key stores judged by their MAC: a well-known password opens them (a critical finding), a
// password kept elsewhere protects them (no finding), and what cannot be checked is judged by its name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { scanFileAt } from '../../../../src/scan/scan_file';
import { credentialFileFinding, type FileHead } from '../../../../src/core/secrets/credential_files';
import { MAX_MAC_ITERATIONS, WELL_KNOWN_PKCS12_PASSWORDS, pkcs12Access } from '../../../../src/core/secrets/pkcs12';

// Written by OpenSSL 3.0 (`openssl pkcs12 -export -nokeys`): a throwaway self-signed certificate, no key.
// SHA-256 MAC, password notasecret:
const OPENSSL_NOTASECRET = [
  'MIICpwIBAzCCAl0GCSqGSIb3DQEHAaCCAk4EggJKMIICRjCCAkIGCSqGSIb3DQEHBqCCAjMwggIvAgEAMIICKAYJKoZIhvcNAQcB',
  'MFcGCSqGSIb3DQEFDTBKMCkGCSqGSIb3DQEFDDAcBAgVJfX7hHpf4QICCAAwDAYIKoZIhvcNAgkFADAdBglghkgBZQMEASoEEEYg',
  'w7Z7yonVMn5ZbFf0cdaAggHANcCE9H1L9rJpOKPuZ20h1QpckuYdZv5CyPhS+Fa7mCXz1+jo4kV5X5R8gewOmChKB+8+K6oTGi7f',
  'gTD55bbfiy1DL+GeDPjSoaRrErHWP3EdyhqRtf3ZVBNGTU0a81YZ8jOgj+c9OJA919RweDDElxHaWf93YoNuwpYK2Z7sVnIqyfA/',
  'pd61H3W7VI5BCA6v3n0pexix1wfwW7JGfHuk8+AurV2psfzXw4nNk4Y6PWkaMe1aPBwFJatNR2h0yETeYtG95AWXKdmjOsdPkT5m',
  'Yc3CwUQw/MzSREUtNRBQHY63NA7QjuwZNZmgZh2/ILwaFMDbD05uUiNktxP5HrskFUG9MspqcThMVSOyovOdR4BcCBIneou+PVXd',
  'fPdkkryMoCXvpMtWlRYYSya5EZjIYVJygZUYDtsViwLHKRX6ouYV8JY6nVY/jKDCPh87WkZNYxnF9IcJan5n8RwUsQqAtxNOlXxL',
  'tJRbdUH2zscRfCNPL0JC6jZ+MsAFxosyz7+uIkzdEjOXV6W9cxXeRdd9n0lj16VTmI1mpqxH2P/jO2TGLIbRuEUYPSp4wg9gnpGc',
  'ot+UVp/NmecMK4Wb8gkW0DBBMDEwDQYJYIZIAWUDBAIBBQAEIIToPDOOrHbQudkZbKmoqHVKclsCJQKlJi3ZIbuVeH1jBAiD1TbJ',
  'xGJrwQICCAA=',
].join('');
// SHA-1 MAC (`-macalg sha1`), no password (`-passout pass:`):
const OPENSSL_NO_PASSWORD = [
  'MIIClwIBAzCCAl0GCSqGSIb3DQEHAaCCAk4EggJKMIICRjCCAkIGCSqGSIb3DQEHBqCCAjMwggIvAgEAMIICKAYJKoZIhvcNAQcB',
  'MFcGCSqGSIb3DQEFDTBKMCkGCSqGSIb3DQEFDDAcBAiwQLgCdQCGCgICCAAwDAYIKoZIhvcNAgkFADAdBglghkgBZQMEASoEEIEC',
  'W/U/3rUO+0ms51twdPuAggHAKYtHPRtUp4pexG34MAAtRalaOFQpNUSq0ZeOeHGoAZ7PX9sSfWVXLr0PNmyfEFsub9gbHYqAKwym',
  'ThDaR2rGi1rVo2cOZZ2WEnleP9yFnwTH0gCzJD8oVAj5SoWKvTDsi3QjEDZPfbf1ABGYngFhd0S+rEEiaAh5iu6DJXM5OnekraIK',
  'HW7LqH2nwBxylsJMhSuawm9s9koM6bQ3hgzF7xGbbWcuFTTAhDYVyztbR5T01QQSQQUq+VmoAHcGBb5dCwLdzWIDBvxfrMnSWgGn',
  'Cjn9Ohi/V9eJBDPOU8wQrNmOkkx3TUFIFp7MN25T2XqCvgnHIYrktPB6s0luPJlZ0VDPQjAuK3uYwl6xTCB3lsVJAJneI1tIPM8m',
  '3nUVO1/BFeM4gLWmtUR70OQuVIwukaHvnPhPtoxfHHgY0CsMrNdbMruR1CvkPOVWF92oUSOogEO2m2iwWIx48REGmV8BraR/xxfg',
  'PUGHhWG56GBTQbExtmB3o/w8G60wD0LF3+Zf20hLWjN3I1IO1mntJx1VtXZQTTei4CT1Kxepu0mhbZjU/8Sg0ZldVFTMe3kbpiBu',
  '8NTb2L9XFpkOPoXdcYTP3jAxMCEwCQYFKw4DAhoFAAQUMu9+yR/rsb/AMxGEsLrCIsa0YBYECJce5i4ZdUCQAgIIAA==',
].join('');
// SHA-256 MAC, a password of its own:
const OPENSSL_PROTECTED = [
  'MIICpwIBAzCCAl0GCSqGSIb3DQEHAaCCAk4EggJKMIICRjCCAkIGCSqGSIb3DQEHBqCCAjMwggIvAgEAMIICKAYJKoZIhvcNAQcB',
  'MFcGCSqGSIb3DQEFDTBKMCkGCSqGSIb3DQEFDDAcBAjyOTVRqz+ueAICCAAwDAYIKoZIhvcNAgkFADAdBglghkgBZQMEASoEEFl6',
  'T6xBkQLFLgqdydEz2JWAggHAZdlf7ngll7EUMQLROLvFTn2dRgiE1oA9VD+SqwYe0nQNckka0Qazt1ac4hiVjEla2oEh8M+4eOY+',
  'CdMrNE150CZgBmtWxBIWMQHD27ejYg64Bu712WFLvKHZNr05Pp/4yjcLddUql0MTjNzhhEk16UVm6320Uu3w5MqiYmHz0hrSjBvf',
  'peodiauDmH5g53b41tr6vcCx9xbg0HHNdjt7EMqKQqmWTIN+vROS/469Bxfkn3yl82rDIr1VxVJ3fL6tGZHOZoDAm4gw4NU5rDkO',
  'sKVU2FaX/covfY4vv55RXaOWpt2vcHm0StKdyEoI2cIM8cZ4xVNJOV79kgoQn/g3/bPcc3L/ZyY00yj3QAuLlmnC5qqVlleUxUMN',
  'mI/gToUCbEHPQspxTJMwDpxzHiWfpC7dyemf05wiMaS3WMM94+ulCky3AIGrCMyIBtd2HGcotMnZGXMZQmCdjtPfjzMdq090zP7o',
  'AcuYr1+LlR99WI2EXFJYujFXAqpJPYCZ5BqkSDLFMZ2rJEJ394eTKev3278Bc3jNU8fa/yQdf1nVYnbx0ajWqgiT2SSV+CANLeUI',
  'H4pFNnfMh5RZcy3ISjuEODBBMDEwDQYJYIZIAWUDBAIBBQAEIMoLOHPi8dfPskswHOWzKd1J4XTFsFQLGIHCxifjgTKoBAhPxbyh',
  'hNjYsQICCAA=',
].join('');

const bytes = (b64: string): Uint8Array => new Uint8Array(Buffer.from(b64, 'base64'));

function der(tag: number, ...parts: Uint8Array[]): Buffer {
  const body = Buffer.concat(parts);
  const n = body.length;
  const len = n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : n < 0x10000 ? [0x82, n >> 8, n & 0xff] : [0x83, n >> 16, (n >> 8) & 0xff, n & 0xff];
  return Buffer.concat([Buffer.from([tag, ...len]), body]);
}

function derInt(n: number): Buffer {
  const out: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) out.unshift(v % 256);
  if (out.length === 0 || out[0]! >= 0x80) out.unshift(0);
  return der(0x02, Buffer.from(out));
}

const OIDS = {
  data: '2a864886f70d010701',
  signedData: '2a864886f70d010702',
  sha1: '2b0e03021a',
  sha256: '608648016503040201',
  sha384: '608648016503040202',
  sha512: '608648016503040203',
  md5: '2a864886f70d0205',
};

type MacAlg = 'sha1' | 'sha256' | 'sha384' | 'sha512' | 'md5';

/** RFC 7292 appendix B with node's crypto: an implementation independent of the one under test. */
function referenceMac(alg: MacAlg, password: string, salt: Buffer, iterations: number, content: Buffer): Buffer {
  const block = alg === 'sha384' || alg === 'sha512' ? 128 : 64;
  const fill = (b: Buffer): Buffer => (b.length === 0 ? b : Buffer.alloc(Math.ceil(b.length / block) * block, b));
  const pw = password === '' ? Buffer.alloc(0) : Buffer.concat([Buffer.from(password, 'utf16le').swap16(), Buffer.alloc(2)]);
  let a = createHash(alg).update(Buffer.concat([Buffer.alloc(block, 3), fill(salt), fill(pw)])).digest();
  for (let i = 1; i < iterations; i++) a = createHash(alg).update(a).digest();
  return createHmac(alg, a).update(content).digest();
}

interface PfxOptions {
  alg?: MacAlg;
  /** The algorithm the MAC says it uses, when not `alg`. */
  label?: MacAlg;
  password?: string;
  iterations?: number;
  mac?: boolean;
  contentType?: keyof typeof OIDS;
}

/** A PFX whose authSafe holds arbitrary bytes (the MAC does not look inside) and, unless told, a MAC. */
function pfx(o: PfxOptions = {}): Uint8Array {
  const alg = o.alg ?? 'sha256';
  const iterations = o.iterations ?? 2048;
  const content = der(0x30, der(0x04, Buffer.from('airlock test: not a key store, only its outer shape')));
  const authSafe = der(0x30, der(0x06, Buffer.from(OIDS[o.contentType ?? 'data'], 'hex')), der(0xa0, der(0x04, content)));
  const salt = Buffer.from('a1b2c3d4e5f60718', 'hex');
  // Past the limit the MAC is never computed by the code under test; a real one would take seconds here.
  const digest = iterations > MAX_MAC_ITERATIONS ? Buffer.alloc(32) : referenceMac(alg, o.password ?? 'notasecret', salt, iterations, content);
  const macData = der(0x30, der(0x30, der(0x30, der(0x06, Buffer.from(OIDS[o.label ?? alg], 'hex')), der(0x05)), der(0x04, digest)), der(0x04, salt), derInt(iterations));
  return new Uint8Array(der(0x30, derInt(3), authSafe, ...(o.mac === false ? [] : [macData])));
}

const whole = (b: Uint8Array) => (): FileHead => ({ bytes: b, size: b.length });

test('key stores written by OpenSSL: a well-known password or none opens them; their own password protects them', () => {
  assert.deepEqual(pkcs12Access(bytes(OPENSSL_NOTASECRET)), { kind: 'opens', password: 'notasecret' });
  assert.deepEqual(pkcs12Access(bytes(OPENSSL_NO_PASSWORD)), { kind: 'opens', password: '' });
  assert.deepEqual(pkcs12Access(bytes(OPENSSL_PROTECTED)), { kind: 'protected' });
});

test('every well-known password is tried, with SHA-1 and SHA-2 MACs', () => {
  for (const alg of ['sha1', 'sha256', 'sha384', 'sha512'] as const) {
    // Few iterations: the count is not what this test is about.
    for (const password of WELL_KNOWN_PKCS12_PASSWORDS) assert.deepEqual(pkcs12Access(pfx({ alg, password, iterations: 100 })), { kind: 'opens', password }, `${alg} ${password}`);
    assert.deepEqual(pkcs12Access(pfx({ alg, password: 'Correct-Horse-Battery-Staple-7', iterations: 100 })), { kind: 'protected' }, alg);
    assert.deepEqual(pkcs12Access(pfx({ alg, password: 'notasecret', iterations: 1 })), { kind: 'opens', password: 'notasecret' }, `${alg}, one iteration`);
  }
});

test('what cannot be checked is unknown, never protected: no MAC, other MACs, huge iteration counts, other shapes', () => {
  const unknown = (b: Uint8Array): string => {
    const r = pkcs12Access(b);
    assert.equal(r.kind, 'unknown');
    return r.kind === 'unknown' ? r.why : '';
  };
  assert.match(unknown(pfx({ mac: false })), /no MAC/);
  assert.match(unknown(pfx({ alg: 'md5' })), /algorithm/);
  // A SHA-256 digest under the SHA-1 name: unreadable, not "protected".
  assert.match(unknown(pfx({ alg: 'sha256', label: 'sha1' })), /not readable/);
  assert.match(unknown(pfx({ iterations: MAX_MAC_ITERATIONS + 1 })), /iterations/);
  assert.match(unknown(pfx({ iterations: 2_000_000 })), /iterations/);
  assert.match(unknown(pfx({ contentType: 'signedData' })), /signature/);
  const good = pfx();
  assert.match(unknown(good.subarray(0, good.length - 10)), /not a PKCS#12/);
  assert.match(unknown(new Uint8Array(0)), /not a PKCS#12/);
  assert.match(unknown(new Uint8Array(Buffer.from('not a key store, only text named like one '.repeat(8)))), /not a PKCS#12/);
  // The MAC at the limit is still worked through.
  assert.equal(pkcs12Access(pfx({ alg: 'sha512', password: 'x-own-password-x', iterations: MAX_MAC_ITERATIONS })).kind, 'protected');
});

test('credential files: opened by a well-known password is critical and says so; protected is no finding; unknown stays a finding', () => {
  const opens = credentialFileFinding('gcp/service-account.p12', undefined, whole(bytes(OPENSSL_NOTASECRET)));
  assert.equal(opens?.rule, 'credential-file');
  assert.equal(opens?.severity, 'critical');
  assert.match(opens!.reason, /notasecret/);
  const none = credentialFileFinding('win/App_TemporaryKey.pfx', undefined, whole(bytes(OPENSSL_NO_PASSWORD)));
  assert.equal(none?.severity, 'critical');
  assert.match(none!.reason, /no password/);
  assert.equal(credentialFileFinding('certs/client.p12', undefined, whole(bytes(OPENSSL_PROTECTED))), undefined);
  // The same bytes under a keystore name: PKCS#12 is PKCS#12 whatever the file is called.
  assert.equal(credentialFileFinding('android/release.keystore', undefined, whole(bytes(OPENSSL_PROTECTED))), undefined);
  assert.equal(credentialFileFinding('android/debug.keystore', undefined, whole(pfx({ password: 'android' })))?.severity, 'critical');
  for (const b of [pfx({ mac: false }), pfx({ iterations: 2_000_000 }), pfx({ alg: 'md5' })]) {
    const f = credentialFileFinding('certs/server.pfx', undefined, whole(b));
    assert.equal(f?.rule, 'credential-file');
    assert.equal(f?.severity, 'high');
  }
  // Only the first bytes at hand (the MAC cannot be read): judged by the name, as before.
  const protectedBytes = bytes(OPENSSL_PROTECTED);
  const head = credentialFileFinding('certs/client.p12', undefined, () => ({ bytes: protectedBytes.subarray(0, 16), size: protectedBytes.length }));
  assert.equal(head?.severity, 'high');
  // Silencing still applies to the critical ones.
  assert.equal(credentialFileFinding('test/fixtures/gcp.p12', undefined, whole(bytes(OPENSSL_NOTASECRET)))?.silenced?.by, 'fixture');
});

test('airlock scan reads enough of a key store on disk to check it: notasecret is critical, its own password no finding', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alp12-'));
  try {
    fs.writeFileSync(path.join(dir, 'open.p12'), bytes(OPENSSL_NOTASECRET));
    fs.writeFileSync(path.join(dir, 'locked.p12'), bytes(OPENSSL_PROTECTED));
    const open = scanFileAt(dir, 'open.p12', { maxFileBytes: 1 << 20 });
    assert.equal(open.findings.length, 1);
    assert.equal(open.findings[0]!.severity, 'critical');
    assert.equal(scanFileAt(dir, 'locked.p12', { maxFileBytes: 1 << 20 }).findings.length, 0);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
