// Inputs shared by the dispatch soundness tests (rule-names, rule-viewnames): every command line from every
// rule example and the labelled corpus, and a context in which rules go as deep as they can.
import fs from 'node:fs';
import path from 'node:path';
import type { PolicyRuleContext } from '../../../src/core/policy';
import { SHELL_RULE_LIST } from '../../../src/core/rules/index';

export const CORPUS = 'test/fixtures/corpus';

export function commandLines(): string[] {
  const lines = SHELL_RULE_LIST.flatMap((r) => [...r.examples.flag, ...r.examples.allow]);
  for (const file of fs.readdirSync(CORPUS).filter((f) => f.endsWith('.jsonl'))) {
    for (const line of fs.readFileSync(path.join(CORPUS, file), 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const entry = JSON.parse(line) as { action: { kind: string; command?: string } };
      if (entry.action.kind === 'shell' && entry.action.command) lines.push(entry.action.command);
    }
  }
  return lines;
}

/** Every path protected, every variable a credential, every file destructive SQL and a destructive mutation. */
export const everything: PolicyRuleContext = {
  cwd: '/work/app',
  home: '/home/dev',
  workspaceRoots: ['/work/app'],
  isProtectedPath: (p) => p.length > 0,
  isAirlockPath: (p) => p.length > 0,
  isCredentialEnvName: () => true,
  readFile: () => 'DROP TABLE users; mutation { volumeDelete(id: "x") }',
};
