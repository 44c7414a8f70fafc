// Packaging may only wave through vsce's secret findings that are our own marked fake examples.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
// @ts-expect-error plain ESM helper without type declarations
import { allowedExampleTypes, vsceSecretFindings } from '../../../scripts/lib/vsce-secrets.mjs';

// Built at run time so no scanner (ours, vsce's, GitHub's) sees a token-shaped literal in this file.
const marked = `ghp_${'AirlockFake'}${'Q'.repeat(25)}`;
const unmarked = `ghp_${'Q7'.repeat(18)}`;

function fixture(lines: string[]): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'airlock-vsce-secrets-'));
  fs.mkdirSync(path.join(dir, 'dist'));
  fs.writeFileSync(path.join(dir, 'dist', 'cli.js'), lines.join('\n'));
  return dir;
}

/** What vsce prints for a finding: detector, preview, [type], then file#line:col-line:col (1-based, end exclusive). */
function report(line: number, col: number, value: string): string {
  return `\tfound GitHub Token(GitHub personal access tokens): ${value.slice(0, 10)}... [github]\n\tdist/cli.js#${line}:${col}-${line}:${col + value.length}\n`;
}

test('locates every finding with its type, file and span', () => {
  const out = `ERROR Potential security issue\n${report(2, 5, marked)}\n${report(3, 1, marked)}`;
  const found = vsceSecretFindings(out);
  assert.equal(found.length, 2);
  assert.deepEqual(found[0], { kind: 'GitHub Token', type: 'github', file: 'dist/cli.js', from: [2, 5], to: [2, 5 + marked.length] });
});

test('allows a type when every reported span is a marked fake example', () => {
  const dir = fixture(['// bundle', `x = "${marked}";`]);
  try {
    const r = allowedExampleTypes(report(2, 6, marked), dir);
    assert.deepEqual(r, { types: ['github'], count: 1 });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('refuses an unmarked token and names where it is without printing it', () => {
  const dir = fixture(['// bundle', `x = "${marked}"; y = "${unmarked}";`]);
  try {
    const col = `x = "${marked}"; y = "`.length + 1;
    assert.throws(
      () => allowedExampleTypes(report(2, 6, marked) + report(2, col, unmarked), dir),
      (err: Error) => /dist\/cli\.js:2:/.test(err.message) && !err.message.includes(unmarked),
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('refuses everything when vsce reports a finding it cannot locate', () => {
  const dir = fixture(['// bundle', `x = "${marked}";`]);
  try {
    const garbled = `${report(2, 6, marked)}\tfound slack token: xox... [slack]\n\t(no location)\n`;
    assert.throws(() => allowedExampleTypes(garbled, dir), /could be located/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('no findings means nothing to allow', () => {
  assert.equal(allowedExampleTypes('Error: something else entirely', os.tmpdir()), null);
});
