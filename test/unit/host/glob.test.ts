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
/** Bounds no busy machine reaches, so these tests see the whole expansion; the bounds test sets its own. */
const ROOMY = { maxEntries: 20_000, maxDepth: 12, maxMatches: 2_000, maxMs: 120_000 };

test('? * and [..] match as in bash; dotfiles only with an explicit leading dot', () => {
  assert.deepEqual(rel(globFacts('.en?', root, {}, ROOMY)!.matches), ['.env']);
  assert.deepEqual(rel(globFacts('.env*', root, {}, ROOMY)!.matches), ['.env', '.env.local', '.envrc']);
  assert.deepEqual(rel(globFacts('*env*', root, {}, ROOMY)!.matches), ['env.txt']);
  assert.deepEqual(rel(globFacts('src/[ab].*', root, {}, ROOMY)!.matches), ['src/a.ts', 'src/b.js']);
  assert.deepEqual(rel(globFacts('src/[!a]*', root, {}, ROOMY)!.matches), ['src/b.js', 'src/deep']);
  assert.deepEqual(rel(globFacts('.s?h/id_*', root, {}, ROOMY)!.matches), ['.ssh/id_ed25519.pub', '.ssh/id_rsa']);
  assert.equal(globFacts('*.nothing', root, {}, ROOMY)!.matches.length, 0);
  assert.equal(globFacts('*.nothing', root, {}, ROOMY)!.complete, true);
});

test('dotglob lets * reach dotfiles; never . or ..', () => {
  const all = rel(globFacts('*', root, { dotglob: true }, ROOMY)!.matches);
  assert.ok(all.includes('.env') && all.includes('src'));
  assert.ok(!all.includes('.') && !all.includes('..') && !all.includes(''));
  assert.ok(!rel(globFacts('*', root, {}, ROOMY)!.matches).includes('.env'));
});

test('** crosses directories only under globstar, and not through symlinks or hidden dirs', () => {
  assert.deepEqual(rel(globFacts('**/*.ts', root, { globstar: true }, ROOMY)!.matches), ['lib/x.ts', 'src/a.ts', 'src/deep/c.ts']);
  // without globstar `**` is `*`: one level
  assert.deepEqual(rel(globFacts('**/*.ts', root, {}, ROOMY)!.matches), ['lib/x.ts', 'linked/a.ts', 'src/a.ts']);
  assert.ok(rel(globFacts('**/*.ts', root, { globstar: true, dotglob: true }, ROOMY)!.matches).includes('src/.hidden/d.ts'));
});

test('absolute patterns and a glob in a directory part', () => {
  const m = globFacts(`${root}/s*/a.ts`, '/nonexistent', {}, ROOMY)!;
  assert.deepEqual(rel(m.matches), ['src/a.ts']);
  assert.deepEqual(rel(globFacts('*/deep', root, {}, ROOMY)!.matches), ['linked/deep', 'src/deep']);
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
  // The default time bound can cut a walk on a busy machine; a cut answer says so, and a later one completes.
  let g = facts.glob('.en?', root)!;
  for (let i = 0; i < 20 && !g.complete; i++) g = facts.glob('.en?', root)!;
  assert.equal(g.complete, true);
  assert.deepEqual(rel(g.matches), ['.env']);
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

test('a reused listing never hides an entry added, removed or renamed since it was read', () => {
  // racyMs 0 lets the freshly made directory be cached at once; the default waits until it has been quiet.
  const CACHING = { ...ROOMY, racyMs: 0 };
  put('cache/a.txt');
  // each change below moves the directory's mtime off this old one, whatever the clock's granularity
  const old = new Date(Date.now() - 60_000);
  const age = (): void => fs.utimesSync(path.join(root, 'cache'), old, old);
  age();
  assert.deepEqual(rel(globFacts('cache/*', root, {}, CACHING)!.matches), ['cache/a.txt']);
  assert.deepEqual(rel(globFacts('cache/*', root, {}, CACHING)!.matches), ['cache/a.txt']);
  put('cache/.env2');
  assert.deepEqual(rel(globFacts('cache/.e*', root, {}, CACHING)!.matches), ['cache/.env2']);
  age();
  assert.deepEqual(rel(globFacts('cache/.e*', root, {}, CACHING)!.matches), ['cache/.env2']);
  fs.renameSync(path.join(root, 'cache/.env2'), path.join(root, 'cache/.env3'));
  assert.deepEqual(rel(globFacts('cache/.e*', root, {}, CACHING)!.matches), ['cache/.env3']);
  age();
  assert.deepEqual(rel(globFacts('cache/.e*', root, {}, CACHING)!.matches), ['cache/.env3']);
  fs.rmSync(path.join(root, 'cache/.env3'));
  assert.deepEqual(rel(globFacts('cache/.e*', root, {}, CACHING)!.matches), []);
  // a cached listing still counts against the entry bound
  const tight = { ...CACHING, maxEntries: 0 };
  assert.equal(globFacts('cache/*', root, {}, tight)!.complete, false);
});
