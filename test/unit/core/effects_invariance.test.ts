// Spelling invariance (issue #10): the cores "recursive delete of the real directory src" and "read .env",
// rewritten as globs (in arguments and in the program name), braces, and routed through npm run, make, just,
// bash FILE, ./FILE, source FILE, python -c and node -e, are never allowed against a fixture workspace that
// holds what they reach for. Generated scripts are written into the fixture by the test itself, from strings.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import { loadShellParser } from '../../../src/host/shell_wasm';
import { type Fixture, makeFixture } from './effects/fixture';

let fx: Fixture;

before(async () => {
  await loadShellParser();
  fx = makeFixture();
});

after(() => fx.cleanup());

/** One character of a word as a glob would spell it: itself, `?`, or a bracket that holds it. */
const charSpelling = (c: string): fc.Arbitrary<string> => fc.constantFrom(c, '?', `[${c}]`, `[${c}x]`, `[!~]`);

/** A word spelled as a glob that still matches it (a leading dot stays literal, as bash requires). */
function globbed(word: string): fc.Arbitrary<string> {
  const dot = word.startsWith('.') ? '.' : '';
  const body = word.slice(dot.length);
  const perChar = fc.tuple(...[...body].map(charSpelling)).map((xs) => dot + xs.join(''));
  const prefixStar = fc.integer({ min: 1, max: body.length }).map((n) => `${dot}${body.slice(0, n)}*`);
  const braces = fc.constant(`{${word},no-such-dir}`);
  return fc.oneof(perChar, prefixStar, braces, fc.constant(word), perChar.map((w) => `./${w}`));
}

/** A program name spelled by a globbed absolute path that the real /bin or /usr/bin resolves. */
function program(name: string): fc.Arbitrary<string> {
  const dir = fs.existsSync(`/bin/${name}`) ? '/bin' : '/usr/bin';
  const dirs = dir === '/bin' ? ['/bin', '/b?n', '/???', '/[b]in'] : ['/usr/bin', '/u?r/bin', '/usr/b*n'];
  return fc.oneof(
    fc.constant(name),
    fc.tuple(fc.constantFrom(...dirs), fc.tuple(...[...name].map((c) => fc.constantFrom(c, '?', `[${c}]`)))).map(([d, cs]) => `${d}/${cs.join('')}`),
  );
}

const deleteCore = fc
  .tuple(program('rm'), fc.constantFrom('-rf', '-fr', '-r -f', '-R', '--recursive --force'), globbed('src'))
  .map(([p, flags, target]) => [p, ...flags.split(' '), target]);
const readCore = fc.tuple(program('cat'), fc.constantFrom('', '-n', '--'), globbed('.env')).map(([p, opt, target]) => [p, ...(opt ? [opt] : []), target]);
const core = fc.oneof(deleteCore, readCore);

type Route = (words: string[]) => string;

function write(rel: string, text: string, mode = 0o644): void {
  const p = path.join(fx.cwd, rel);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, text);
  fs.chmodSync(p, mode);
}

function setScripts(body: string): void {
  const pkg = JSON.parse(fs.readFileSync(path.join(fx.cwd, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  pkg.scripts.gen = body;
  write('package.json', JSON.stringify(pkg, null, 2));
}

const ROUTES: Record<string, Route> = {
  direct: (w) => w.join(' '),
  'bash FILE': (w) => {
    write('scripts/gen.sh', `#!/bin/bash\n${w.join(' ')}\n`, 0o755);
    return 'bash scripts/gen.sh';
  },
  './FILE': (w) => {
    write('scripts/gen.sh', `#!/usr/bin/env bash\n${w.join(' ')}\n`, 0o755);
    return './scripts/gen.sh';
  },
  'source FILE': (w) => {
    write('scripts/gen.sh', `${w.join(' ')}\n`);
    return 'source scripts/gen.sh';
  },
  'npm run': (w) => {
    setScripts(w.join(' '));
    return 'npm run gen';
  },
  'npm run → bash FILE': (w) => {
    write('scripts/gen.sh', `${w.join(' ')}\n`);
    setScripts('bash scripts/gen.sh');
    return 'npm run gen';
  },
  make: (w) => {
    write('gen.mk', `gen:\n\t${w.join(' ')}\n`);
    return 'make -f gen.mk gen';
  },
  'python -c os.system': (w) => `python3 -c "import os; os.system('${w.join(' ')}')"`,
  'python -c subprocess list': (w) => `python3 -c "import subprocess; subprocess.run([${w.map((x) => `'${x}'`).join(', ')}])"`,
  'node -e execSync': (w) => `node -e "require('child_process').execSync('${w.join(' ')}')"`,
  'bash -c': (w) => `bash -c '${w.join(' ')}'`,
};

test('globbed, braced and routed spellings of rm -rf src and cat .env are never allowed', () => {
  fc.assert(
    fc.property(core, fc.constantFrom(...Object.keys(ROUTES)), (words, route) => {
      // A list-form call passes words to the program as they are: no shell, so no glob. `s[r]c` there is another file.
      if (route === 'python -c subprocess list') fc.pre(!words.some((x) => /[*?[{]/.test(x)));
      const command = ROUTES[route](words);
      const v = fx.decide(command);
      assert.notEqual(v.decision, 'allow', `${route}: ${command} (core: ${words.join(' ')})`);
    }),
    { numRuns: 300 },
  );
});

test('string-built names in interpreter code are never allowed', () => {
  const split = (s: string): fc.Arbitrary<string> => fc.integer({ min: 1, max: s.length - 1 }).map((i) => `'${s.slice(0, i)}'+'${s.slice(i)}'`);
  const cases = fc.oneof(
    split('.env').map((e) => `python3 -c "print(open(${e}).read())"`),
    split('.env').map((e) => `node -e "console.log(require('fs').readFileSync(${e}, 'utf8'))"`),
    split('rmtree').map((n) => `python3 -c "import shutil; getattr(shutil, ${n})('src')"`),
    split('rmSync').map((n) => `node -e "require('fs')[${n}]('src', {recursive: true})"`),
    split('src').map((d) => `python3 -c "import shutil; shutil.rmtree(${d})"`),
  );
  fc.assert(
    fc.property(cases, (command) => {
      assert.notEqual(fx.decide(command).decision, 'allow', command);
    }),
    { numRuns: 100 },
  );
});
