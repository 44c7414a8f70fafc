// Issue #10, one table per class of spelling: each `flag` line must not be allowed, each `allow` line must
// be allowed (so a class never buys its catches with false alarms). The same words run in a fixture
// workspace where `src` is a real directory and `.env` a real file.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { classify } from '../../../../src/core/classify';
import { loadShellParser } from '../../../../src/host/shell_wasm';

const CTX = { cwd: '/w', home: '/home/u', workspaceRoots: ['/w'] };

before(async () => {
  await loadShellParser();
});

export const CLASSES: Record<string, { flag: string[]; allow: string[] }> = {
  'redirects anywhere': {
    flag: [
      'rm -rf 2>/dev/null ~/projects',
      'kubectl 2>&1 delete namespace production',
      'psql 2>/dev/null -c "DROP DATABASE orders"',
      'git push 2>&1 --force origin main',
      'cat 2>/dev/null ~/.aws/credentials',
      'rm >/dev/null -r >/dev/null -f >/dev/null src',
      'cat </dev/null .env',
    ],
    allow: ['ls 2>/dev/null -la src', 'npm 2>&1 test', 'git 2>/dev/null status --short', 'echo >/dev/null hi there'],
  },
};

for (const [name, { flag, allow }] of Object.entries(CLASSES)) {
  describe(name, () => {
    test('has at least 5 flag and 3 allow examples', () => {
      assert.ok(flag.length >= 5 && allow.length >= 3);
    });
    for (const line of flag) {
      test(`flags ${line}`, () => {
        const v = classify({ kind: 'shell', command: line, cwd: '/w' }, CTX);
        assert.notEqual(v.decision, 'allow', `${line} was allowed`);
      });
    }
    for (const line of allow) {
      test(`allows ${line}`, () => {
        const v = classify({ kind: 'shell', command: line, cwd: '/w' }, CTX);
        assert.equal(v.decision, 'allow', `${line} was flagged: ${v.rules.join(', ')}`);
      });
    }
  });
}
