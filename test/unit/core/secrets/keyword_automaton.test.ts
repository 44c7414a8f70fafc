// The scan prefilter's automaton must report exactly the keywords a plain `includes` finds, for any text:
// a keyword it missed would switch its detectors off for that file.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { keywordAutomaton } from '../../../../src/core/secrets/keyword_automaton';
import { DETECTORS } from '../../../../src/core/secrets/scan';

const naive = (keywords: readonly string[], text: string): string[] => [...new Set(keywords)].filter((k) => text.includes(k)).sort();

test('overlapping, nested and suffix-sharing keywords are all reported', () => {
  const kws = ['sk-', 'sk-ant-', 'ant', 'k-a', 'secret', 'cret', 'é-key'];
  const a = keywordAutomaton(kws);
  assert.deepEqual([...a.present('my sk-ant-x and secrets')].sort(), ['ant', 'cret', 'k-a', 'secret', 'sk-', 'sk-ant-']);
  assert.deepEqual([...a.present('no match here ☃')].sort(), []);
  assert.deepEqual([...a.present('an é-key')].sort(), ['é-key']);
});

test('agrees with includes() on random texts built from the detectors\' own keywords', () => {
  const keywords = DETECTORS.flatMap((d) => d.keywords);
  const a = keywordAutomaton(keywords);
  const piece = fc.oneof(fc.constantFrom(...keywords), fc.string({ maxLength: 6 }), fc.constantFrom(':', '_', '-', '"', '\u00e9', '\n'));
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 30 }), (parts) => {
      const text = parts.join('').toLowerCase();
      assert.deepEqual([...a.present(text)].sort(), naive(keywords, text));
    }),
    { numRuns: 500 },
  );
});
