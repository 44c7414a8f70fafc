// Host glob(): bash pathname expansion against a real temp directory, and its bounds.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { segmentMatcher } from '../../../src/core/effects/pattern';
import { createHostFacts } from '../../../src/host/facts';
import { globFacts } from '../../../src/host/glob';

let root = '';

function put(rel: string, text = 'x'): void {
  const p = path.join(root, rel);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, text);
}

before(() => {
  root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'airlock-glob-')));
  for (const f of ['.env', '.env.local', '.envrc', 'env.txt', 'src/a.ts', 'src/b.js', 'src/deep/c.ts', 'src/.hidden/d.ts', 'lib/x.ts', '.ssh/id_rsa', '.ssh/id_ed25519.pub', 'b[1].txt']) put(f);
  fs.symlinkSync(path.join(root, 'src'), path.join(root, 'linked'));
});

after(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

const rel = (xs: string[]): string[] => xs.map((x) => path.relative(root, x));

test('? * and [..] match as in bash; dotfiles only with an explicit leading dot', () => {
  assert.deepEqual(rel(globFacts('.en?', root)!.matches), ['.env']);
  assert.deepEqual(rel(globFacts('.env*', root)!.matches), ['.env', '.env.local', '.envrc']);
  assert.deepEqual(rel(globFacts('*env*', root)!.matches), ['env.txt']);
  assert.deepEqual(rel(globFacts('src/[ab].*', root)!.matches), ['src/a.ts', 'src/b.js']);
  assert.deepEqual(rel(globFacts('src/[!a]*', root)!.matches), ['src/b.js', 'src/deep']);
  assert.deepEqual(rel(globFacts('.s?h/id_*', root)!.matches), ['.ssh/id_ed25519.pub', '.ssh/id_rsa']);
  assert.equal(globFacts('*.nothing', root)!.matches.length, 0);
  assert.equal(globFacts('*.nothing', root)!.complete, true);
});

test('dotglob lets * reach dotfiles; never . or ..', () => {
  const all = rel(globFacts('*', root, { dotglob: true })!.matches);
  assert.ok(all.includes('.env') && all.includes('src'));
  assert.ok(!all.includes('.') && !all.includes('..') && !all.includes(''));
  assert.ok(!rel(globFacts('*', root)!.matches).includes('.env'));
});

test('** crosses directories only under globstar, and not through symlinks or hidden dirs', () => {
  assert.deepEqual(rel(globFacts('**/*.ts', root, { globstar: true })!.matches), ['lib/x.ts', 'src/a.ts', 'src/deep/c.ts']);
  // without globstar `**` is `*`: one level
  assert.deepEqual(rel(globFacts('**/*.ts', root)!.matches), ['lib/x.ts', 'linked/a.ts', 'src/a.ts']);
  assert.ok(rel(globFacts('**/*.ts', root, { globstar: true, dotglob: true })!.matches).includes('src/.hidden/d.ts'));
});

test('absolute patterns and a glob in a directory part', () => {
  const m = globFacts(`${root}/s*/a.ts`, '/nonexistent')!;
  assert.deepEqual(rel(m.matches), ['src/a.ts']);
  assert.deepEqual(rel(globFacts('*/deep', root)!.matches), ['linked/deep', 'src/deep']);
});

test('bounds cut the expansion and say so', () => {
  const cut = globFacts('**', root, { globstar: true }, { maxEntries: 3, maxDepth: 12, maxMatches: 100, maxMs: 1000 })!;
  assert.equal(cut.complete, false);
  const shallow = globFacts('**/*.ts', root, { globstar: true }, { maxEntries: 1000, maxDepth: 1, maxMatches: 100, maxMs: 1000 })!;
  assert.equal(shallow.complete, false);
  const few = globFacts('src/*', root, {}, { maxEntries: 1000, maxDepth: 12, maxMatches: 1, maxMs: 1000 })!;
  assert.equal(few.complete, false);
  assert.equal(few.matches.length, 1);
});

test('createHostFacts uses the real glob by default', () => {
  const facts = createHostFacts();
  assert.deepEqual(rel(facts.glob('.en?', root)!.matches), ['.env']);
});

test('segment matcher: brackets, classes, unclosed bracket is literal', () => {
  assert.ok(segmentMatcher('[[:digit:]]x')('1x'));
  assert.ok(!segmentMatcher('[[:digit:]]x')('ax'));
  assert.ok(segmentMatcher('a[')('a['));
  assert.ok(segmentMatcher('[]]')(']'));
  assert.ok(segmentMatcher('r?')('rm'));
  assert.ok(!segmentMatcher('*')('.env'));
  assert.ok(segmentMatcher('*', { dotglob: true })('.env'));
  assert.ok(segmentMatcher('b\\[1\\].txt')('b[1].txt'));
});
