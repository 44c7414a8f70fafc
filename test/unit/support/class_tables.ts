// Runs tables of command classes: every class has at least 5 `flag` and 3 `allow` lines, each `flag` line is
// not allowed and each `allow` line is allowed (so a class never buys its catches with false alarms).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Verdict } from '../../../src/core/action';

export type ClassTables = Record<string, { flag: string[]; allow: string[] }>;

export function runClassTables(classes: ClassTables, decide: (command: string) => Verdict): void {
  for (const [name, { flag, allow }] of Object.entries(classes)) {
    describe(name, () => {
      test('has at least 5 flag and 3 allow examples', () => {
        assert.ok(flag.length >= 5 && allow.length >= 3);
      });
      for (const line of flag) {
        test(`flags ${JSON.stringify(line)}`, () => {
          assert.notEqual(decide(line).decision, 'allow', `${line} was allowed`);
        });
      }
      for (const line of allow) {
        test(`allows ${JSON.stringify(line)}`, () => {
          const v = decide(line);
          assert.equal(v.decision, 'allow', `${line} was flagged: ${v.rules.join(', ')} ${v.reason}`);
        });
      }
    });
  }
}
