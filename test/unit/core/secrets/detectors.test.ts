// Runs every detector's own examples: each `flag` text must produce a finding of that detector,
// each `allow` text none from any detector. Messages show redacted text only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DETECTORS, scanText } from '../../../../src/core/secrets/scan';
import { redact } from '../../../../src/core/secrets/redact';

function preview(text: string): string {
  // Never print example values, even fake ones: show each word redacted.
  return text.replace(/[^\s"'=:,{}]{8,}/g, (w) => redact(w)).slice(0, 160);
}

test('detector ids are unique and every detector has examples both ways', () => {
  const ids = DETECTORS.map((d) => d.id);
  assert.equal(new Set(ids).size, ids.length, 'duplicate detector id');
  for (const d of DETECTORS) {
    assert.ok(d.examples.flag.length > 0, `${d.id} has no flag examples`);
    assert.ok(d.examples.allow.length > 0, `${d.id} has no allow examples`);
    assert.ok(d.reason.length > 20, `${d.id} needs a reason a person understands`);
    for (const k of d.keywords) assert.equal(k, k.toLowerCase(), `${d.id} keyword must be lowercase (prefilter runs on lowercased text)`);
  }
});

for (const d of DETECTORS) {
  test(`${d.id}: flags its examples`, () => {
    for (const ex of d.examples.flag) {
      const found = scanText('snippet.txt', ex, { detectors: [d] });
      assert.ok(found.length > 0, `${d.id} missed: ${preview(ex)}`);
      assert.ok(found.every((f) => f.rule === d.id && !f.silenced), `${d.id}: unexpected rule or silenced on ${preview(ex)}`);
      // Also wins (or is at least found) when every detector runs together.
      const all = scanText('snippet.txt', ex);
      assert.ok(all.length > 0, `full scan missed: ${preview(ex)}`);
    }
  });
  test(`${d.id}: allows its negative examples (no detector fires)`, () => {
    for (const ex of d.examples.allow) {
      const found = scanText('snippet.txt', ex);
      assert.equal(found.length, 0, `false finding ${found.map((f) => `${f.rule} ${f.secret}`).join(', ')} on: ${preview(ex)}`);
    }
  });
}

test('findings never carry the secret value', () => {
  for (const d of DETECTORS) {
    for (const ex of d.examples.flag) {
      for (const f of scanText('snippet.txt', ex, { detectors: [d] })) {
        const value = ex.slice(ex.split('\n').slice(0, f.line - 1).join('\n').length + (f.line > 1 ? 1 : 0) + f.column - 1).slice(0, f.length);
        assert.equal(value.length, f.length);
        assert.ok(!JSON.stringify(f).includes(value.slice(4)), `${d.id} finding leaks its value`);
        assert.match(f.secret, /^.{0,4}…\(\d+ chars\)$/);
      }
    }
  }
});
