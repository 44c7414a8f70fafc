import { test } from 'node:test';
import fs from 'node:fs';
import { classify } from '../../../../src/core/classify';
import { loadShellParser } from '../../../../src/host/shell_wasm';
test('probe', async () => {
  await loadShellParser();
  const lines = fs.readFileSync('/tmp/probe.jsonl', 'utf8').split('\n').filter(Boolean);
  for (const l of lines) {
    const a = JSON.parse(l);
    const v = classify(a.action ?? a, { home: '/home/dev', workspaceRoots: ['/work/app'] });
    console.log(v.decision, v.rules.join(','), '|', v.target, '|', v.environment, '|', JSON.stringify(a.action ?? a).slice(0, 110));
  }
});
