// Command names an agent picks must never reach Object.prototype through a lookup table: a program
// named `constructor` is just an unknown program, not a match for every rule.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { classify } from '../../../src/core/classify';
import { loadShellParser } from '../../../src/host/shell_wasm';

const NAMES = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', '__defineGetter__'];

test('prototype property names as commands and options are plain unknown words', async () => {
  await loadShellParser();
  for (const name of NAMES) {
    for (const command of [`${name} --help`, `${name} -c x`, `npx ${name} run`, `curl --${name} x https://example.com`]) {
      const v = classify({ kind: 'shell', command, cwd: '/work/app' });
      assert.equal(v.decision, 'allow', `${command}: ${v.rules.join(',')}`);
    }
  }
  // and the tables still work for the names they hold
  assert.notEqual(classify({ kind: 'shell', command: 'psql -c "DROP TABLE users"', cwd: '/work/app' }).decision, 'allow');
});
