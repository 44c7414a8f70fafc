// Vendors' token checksums: the published test vectors pass, one changed character fails.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bech32Valid, crc32, githubChecksumValid, withBech32Checksum, withGithubChecksum } from '../../../../src/core/secrets/checksums';
import { fake } from '../../../../src/core/secrets/samples';

test('crc32 matches the standard check value', () => {
  assert.equal(crc32('123456789'), 0xcbf43926);
});

test('bech32 accepts BIP 173 vectors and rejects a changed character', () => {
  assert.ok(bech32Valid('A12UEL5L'));
  assert.ok(bech32Valid(['abcdef1qpzry9x8gf2tvdw0s3jn54khce6mu', 'a7lmqqqxw'].join('')));
  assert.ok(!bech32Valid('A12UEL5X'));
  const key = withBech32Checksum('AGE-SECRET-KEY-', fake('age', ['bech32', 52]));
  assert.equal(key.length, 74);
  assert.ok(bech32Valid(key));
  assert.ok(!bech32Valid(key.slice(0, 20) + (key[20] === 'Q' ? 'P' : 'Q') + key.slice(21)));
});

test('GitHub checksum: built tokens pass, a changed character fails', () => {
  const token = withGithubChecksum('ghp_', fake('gh', ['alnum', 30]));
  assert.equal(token.length, 40);
  assert.ok(githubChecksumValid(token));
  const changed = token.slice(0, 10) + (token[10] === 'a' ? 'b' : 'a') + token.slice(11);
  assert.ok(!githubChecksumValid(changed));
  assert.ok(!githubChecksumValid(fake('gh2', 'ghp_', ['alnum', 36])));
});
