// The planted-fakes-and-decoys corpus: every planted credential must be found (file, line, rule), no
// decoy may produce an active finding, and marked fixtures/examples/inline-allowed lines must come
// back silenced (visible), not dropped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { DETECTORS } from '../../../../src/core/secrets/scan';
import { createScanner } from '../../../../src/scan/scanner';
import { buildShapesCorpus } from './shapes_corpus';

const ROOT = path.resolve('test/fixtures/secrets/tree');
interface Manifest {
  planted: { file: string; line: number; rule: string }[];
  silenced: { file: string; by: string }[];
}
const manifest = JSON.parse(fs.readFileSync('test/fixtures/secrets/manifest.json', 'utf8')) as Manifest;

test('corpus has at least 40 planted credentials, and with the generated one covers every detector', () => {
  assert.ok(manifest.planted.length >= 40, `only ${manifest.planted.length} planted`);
  // Detectors added since the committed tree are planted in the generated corpus (its fakes are
  // token-shaped, so it is written at test time and never committed).
  const covered = new Set([...manifest.planted, ...buildShapesCorpus().planted].map((p) => p.rule));
  const missing = DETECTORS.map((d) => d.id).filter((id) => !covered.has(id) && id !== 'generic-password' && id !== 'generic-secret');
  assert.deepEqual(missing, [], 'detectors without a planted fake in the corpus');
});

test('every planted credential is found, no decoy is, silenced ones are visible', async () => {
  const scanner = createScanner({ root: ROOT, workers: 0 });
  const summary = await scanner.scanAll();
  await scanner.dispose();
  const active = summary.findings.filter((f) => !f.silenced);
  const key = (f: { file: string; line: number }): string => `${f.file}:${f.line}`;
  const found = new Map(active.map((f) => [key(f), f]));
  const expected = new Set(manifest.planted.map(key));

  const missed = manifest.planted.filter((p) => !found.has(key(p))).map((p) => `${key(p)} ${p.rule}`);
  assert.deepEqual(missed, [], 'planted credentials not found');
  const wrongRule = manifest.planted.filter((p) => found.get(key(p))?.rule !== p.rule).map((p) => `${key(p)} want ${p.rule} got ${found.get(key(p))?.rule}`);
  assert.deepEqual(wrongRule, [], 'found under a different rule');
  const falseFindings = active.filter((f) => !expected.has(key(f))).map((f) => `${key(f)} ${f.rule} ${f.secret}`);
  assert.deepEqual(falseFindings, [], 'decoys reported as findings');

  for (const s of manifest.silenced) {
    const hits = summary.findings.filter((f) => f.file === s.file);
    assert.ok(hits.length > 0, `${s.file}: silenced finding must still be reported`);
    assert.ok(hits.every((f) => f.silenced?.by === s.by), `${s.file}: expected silenced by ${s.by}`);
  }
  for (const f of summary.findings) assert.match(f.secret, /^.{0,4}…\(\d+ chars\)$/, 'secret must be redacted');
});
