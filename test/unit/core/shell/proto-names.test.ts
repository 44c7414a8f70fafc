// Program names that are also Object.prototype keys (`toString`, `constructor`, `__proto__`) are ordinary
// programs: lookups by name must use own keys, or the analyzer and rules trip over inherited functions.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { classify } from '../../../../src/core/classify';
import { analyzeShell } from '../../../../src/core/shell';
import { loadShellParser } from '../../../../src/host/shell_wasm';

before(async () => {
  await loadShellParser();
});

const PROTO_NAMES = ['toString', 'constructor', 'valueOf', '__proto__', 'hasOwnProperty', 'isPrototypeOf', 'toLocaleString', '__defineGetter__'];

test('a command named like an Object.prototype key is analysed as that command, with no finding', () => {
  for (const name of PROTO_NAMES) {
    for (const line of [name, `${name} a b`, `${name} "a" | wc -l`, `echo "$X" | ${name} a`]) {
      const a = analyzeShell(line);
      assert.deepEqual(a.findings, [], line);
      assert.ok(a.commands.some((c) => c.name === name), line);
    }
  }
});

test('the secret-read rule does not mistake inherited keys for key options', () => {
  for (const name of ['toString', 'valueOf', 'hasOwnProperty', 'toLocaleString']) {
    assert.equal(classify({ kind: 'shell', command: `${name} a b`, cwd: '/work/app' }).decision, 'allow', name);
  }
});
