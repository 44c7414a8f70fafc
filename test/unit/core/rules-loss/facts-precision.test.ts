// Data loss without rm, decided with the real file system (injected FsFacts): emptying a file that exists with
// content is flagged; creating a new file the same way (`: > new.txt`, `cp /dev/null x`) is not. And git checkout of
// a name that is a file in the working tree is a discard even when the name does not look like a file.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { FileFacts, FsFacts } from '../../../../src/core/facts';
import { classifyDetailed } from '../../../../src/core/classify';
import { loadShellParser } from '../../../../src/host/shell_wasm';

function fakeFacts(files: Record<string, number | 'dir'>): FsFacts {
  const lstat = (p: string): FileFacts | undefined => {
    const f = files[p];
    if (f === undefined) return undefined;
    return { kind: f === 'dir' ? 'dir' : 'file', size: f === 'dir' ? 4096 : f, mtimeMs: 0, dev: 1, ino: 1, nlink: 1 };
  };
  return {
    lstat,
    stat: lstat,
    realPath: (p) => (files[p] !== undefined ? p : undefined),
    listDir: () => undefined,
    glob: () => undefined,
    readText: () => undefined,
    secretsIn: () => [],
  };
}

const FACTS = fakeFacts({ '/w/notes.txt': 120, '/w/empty.txt': 0, '/w/src': 'dir', '/w/Makefile': 300, '/w/data': 'dir', '/w/report.pdf': 10 });
const CTX = { cwd: '/w', home: '/home/u', workspaceRoots: ['/w'], facts: FACTS };

function rules(command: string, ctx: object = CTX): string[] {
  return classifyDetailed({ kind: 'shell', command, cwd: '/w' }, ctx).verdict.rules;
}

before(async () => {
  await loadShellParser();
});

test('emptying an existing file with content is flagged; a new or already empty file is not', () => {
  // Destructive strings live in this file, never on a shell line.
  assert.ok(rules(': > notes.txt').includes('fs.redirect-truncate'));
  assert.ok(rules('cp /dev/null notes.txt').includes('fs.overwrite-empty'));
  assert.ok(rules('dd if=/dev/zero of=Makefile bs=1 count=1').includes('fs.overwrite-empty'));
  assert.deepEqual(rules(': > new-file.txt'), []);
  assert.deepEqual(rules('> out.txt'), []);
  assert.deepEqual(rules(': > empty.txt'), []);
  assert.deepEqual(rules('cp /dev/null fresh.md'), []);
});

test('without facts the name decides: kept files count, build output does not', () => {
  const noFacts = { cwd: '/w', home: '/home/u', workspaceRoots: ['/w'] };
  assert.ok(rules(': > new-file.txt', noFacts).includes('fs.redirect-truncate'));
  assert.deepEqual(rules(': > build.log', noFacts), []);
});

test('moving a directory out of the workspace is flagged only when it is a directory', () => {
  assert.ok(rules('mv data /tmp/').includes('fs.move-away'));
  assert.deepEqual(rules('mv report.pdf /tmp/'), []);
  // A name with no extension that the file system says is a file: not a directory move.
  assert.deepEqual(rules('mv Makefile /tmp/Makefile.old'), []);
});

test('git checkout of a name that exists in the working tree discards it', () => {
  assert.ok(rules('git checkout Makefile').includes('git.discard-paths'));
  assert.ok(!rules('git checkout main').includes('git.discard-paths'));
});
