// Every relative link in the contributor-facing docs points at a file inside this repository
// (CONTRIBUTING.md once sent people to ../shared/, which a clone does not have).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

const ROOT = process.cwd();
const DOCS = ['README.md', 'CONTRIBUTING.md', ...fs.readdirSync(path.join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

for (const doc of DOCS) {
  test(`${doc}: relative links and backticked paths stay in the repository and exist`, () => {
    const text = fs.readFileSync(path.join(ROOT, doc), 'utf8');
    const targets = [...text.matchAll(/\]\(([^)\s#]+)(?:#[^)]*)?\)/g)].map((m) => m[1]!).filter((t) => !/^[a-z]+:/i.test(t));
    const outside = [...text.matchAll(/`(\.\.\/[^`\s]+)`/g)].map((m) => m[1]!);
    assert.deepEqual(outside, [], 'names a file outside the repository');
    for (const t of targets) {
      const abs = path.resolve(path.dirname(path.join(ROOT, doc)), t);
      assert.ok(abs.startsWith(`${ROOT}${path.sep}`), `${t} points outside the repository`);
      assert.ok(fs.existsSync(abs), `${t} does not exist`);
    }
  });
}
