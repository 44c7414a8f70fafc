// The effects corpus (test/fixtures/effects/corpus.jsonl): commands whose verdict depends on what they will run,
// classified against the fixture workspace through createHostFacts(). Every "flag" entry must not be allowed and
// every "allow" entry must be allowed; the rates are printed (commands only for failures).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { after, before, test } from 'node:test';
import { loadShellParser } from '../../../../src/host/shell_wasm';
import { type Fixture, makeFixture } from './fixture';

interface Entry {
  command: string;
  expect: 'flag' | 'allow';
  note: string;
  line: number;
}

const ENTRIES: Entry[] = fs
  .readFileSync('test/fixtures/effects/corpus.jsonl', 'utf8')
  .split('\n')
  .map((l, i) => ({ l, i }))
  .filter(({ l }) => l.trim())
  .map(({ l, i }) => ({ ...(JSON.parse(l) as Omit<Entry, 'line'>), line: i + 1 }));

let fx: Fixture;

before(async () => {
  await loadShellParser();
  fx = makeFixture();
});

after(() => fx.cleanup());

test('effects corpus: destructive and secret routes flagged, benign neighbours allowed', () => {
  const missed: string[] = [];
  const falseAlarms: string[] = [];
  for (const e of ENTRIES) {
    const v = fx.decide(e.command);
    if (e.expect === 'flag' && v.decision === 'allow') missed.push(`line ${e.line} (${e.note}): ${e.command}`);
    if (e.expect === 'allow' && v.decision !== 'allow') falseAlarms.push(`line ${e.line} (${e.note}): ${e.command} -> ${v.rules.join(',')}`);
  }
  const flags = ENTRIES.filter((e) => e.expect === 'flag').length;
  const allows = ENTRIES.length - flags;
  console.log(`effects corpus: ${flags - missed.length}/${flags} flagged, ${falseAlarms.length}/${allows} benign false alarms`);
  assert.ok(flags >= 50 && allows >= 50, 'corpus size');
  assert.deepEqual(missed, [], 'missed');
  assert.deepEqual(falseAlarms, [], 'false alarms');
});
