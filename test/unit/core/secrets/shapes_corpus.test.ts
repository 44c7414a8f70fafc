// The generated corpus (shapes_corpus.ts) written to a temp folder and scanned like a workspace:
// every planted value is found on its line by its rule, and nothing else is reported.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createScanner } from '../../../../src/scan/scanner';
import type { SecretFinding } from '../../../../src/core/secrets/types';
import { buildShapesCorpus, type Planted } from './shapes_corpus';

let root = '';
let planted: Planted[] = [];
let findings: SecretFinding[] = [];

before(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'airlock-shapes-'));
  const corpus = buildShapesCorpus();
  planted = corpus.planted;
  for (const [file, text] of Object.entries(corpus.files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  }
  const scanner = createScanner({ root, workers: 0 });
  findings = (await scanner.scanAll()).findings.filter((f) => !f.silenced);
  await scanner.dispose();
});

after(() => fs.rmSync(root, { recursive: true, force: true }));

const key = (f: { file: string; line: number }): string => `${f.file}:${f.line}`;

test('the generated corpus plants every shape and provider', () => {
  assert.ok(planted.length >= 80, `only ${planted.length} planted`);
  for (const rule of ['generic-secret', 'generic-password', 'huggingface-token', 'curl-basic-auth', 'url-password', 'jwt-base64', 'kubernetes-secret'])
    assert.ok(planted.some((p) => p.rule === rule), `${rule} not planted`);
});

test('every planted value is found on its line by its rule', () => {
  const found = new Map<string, SecretFinding[]>();
  for (const f of findings) found.set(key(f), [...(found.get(key(f)) ?? []), f]);
  const missed = planted.filter((p) => !(found.get(key(p)) ?? []).some((f) => f.rule === p.rule)).map((p) => `${key(p)} ${p.rule} (got ${(found.get(key(p)) ?? []).map((f) => f.rule).join(',') || 'nothing'})`);
  assert.deepEqual(missed, []);
});

test('nothing but the planted values is reported', () => {
  const expected = new Set(planted.map(key));
  const extra = findings.filter((f) => !expected.has(key(f))).map((f) => `${key(f)} ${f.rule} ${f.secret}`);
  assert.deepEqual(extra, []);
});
