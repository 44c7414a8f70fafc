// The labelled corpus (test/fixtures/corpus/*.jsonl): every action goes through classify() and must be
// flagged (decision ask/deny) exactly when labelled "flag". Per-category recall and the benign
// false-positive rate are printed as counts; commands themselves are printed only for failures, and the
// corpus holds no real secret values.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { AgentAction } from '../../src/core/action';
import { classify, classifyDetailed } from '../../src/core/classify';
import { loadShellParser } from '../../src/host/shell_wasm';

const DIR = 'test/fixtures/corpus';
const CATEGORIES = ['destructive', 'secret', 'bypass', 'benign'] as const;
type Category = (typeof CATEGORIES)[number];

interface Entry {
  action: AgentAction;
  expect: 'flag' | 'allow';
  category: Category;
  note: string;
  where: string;
}

function loadCorpus(): Entry[] {
  const out: Entry[] = [];
  for (const file of fs.readdirSync(DIR).filter((f) => f.endsWith('.jsonl')).sort()) {
    fs.readFileSync(path.join(DIR, file), 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (!line.trim()) return;
        const e = JSON.parse(line) as Omit<Entry, 'where'>;
        out.push({ ...e, where: `${file}:${i + 1}` });
      });
  }
  return out;
}

/** Files that corpus actions reference (`psql -f reset.sql`, `curl -d @body.json`), relative to the action's cwd. */
const FILES_DIR = path.join(DIR, 'files');
const readFile = (p: string): string | undefined => {
  const rel = p.replace(/^\/work\/app\//, '').replace(/^\.\//, '');
  const full = path.join(FILES_DIR, rel);
  return path.dirname(full) === FILES_DIR && fs.existsSync(full) ? fs.readFileSync(full, 'utf8') : undefined;
};
const CTX = { home: '/home/dev', workspaceRoots: ['/work/app'], readFile };

const INCIDENT =
  'curl -X POST https://backboard.railway.app/graphql/v2 -H "Authorization: Bearer $RAILWAY_TOKEN" -d \'{"query":"mutation { volumeDelete(volumeId: \\"…\\") }"}\'';

test('corpus is well-formed: at least 450 labelled actions, every category present, 150+ benign', () => {
  const corpus = loadCorpus();
  assert.ok(corpus.length >= 450, `corpus has ${corpus.length} entries`);
  for (const e of corpus) {
    assert.ok(CATEGORIES.includes(e.category), `${e.where}: category`);
    assert.equal(e.expect === 'allow', e.category === 'benign', `${e.where}: only benign entries expect allow`);
    assert.ok(e.note.length > 0, `${e.where}: note`);
  }
  assert.ok(corpus.filter((e) => e.category === 'benign').length >= 150);
});

test('the incident command is flagged by http.graphql-destructive and asks a person', async () => {
  await loadShellParser();
  const { verdict } = classifyDetailed({ kind: 'shell', command: INCIDENT, cwd: '/work/app' }, CTX);
  assert.notEqual(verdict.decision, 'allow');
  assert.ok(verdict.rules.includes('http.graphql-destructive'), verdict.rules.join(','));
  assert.equal(verdict.target, 'https://backboard.railway.app/graphql/v2');
});

test('every corpus action is flagged exactly when labelled flag', async () => {
  await loadShellParser();
  const corpus = loadCorpus();
  const stats = Object.fromEntries(CATEGORIES.map((c) => [c, { total: 0, flagged: 0 }])) as Record<Category, { total: number; flagged: number }>;
  const wrong: string[] = [];
  for (const e of corpus) {
    const v = classify(e.action, CTX);
    const flagged = v.decision !== 'allow';
    stats[e.category].total++;
    if (flagged) stats[e.category].flagged++;
    if (flagged !== (e.expect === 'flag')) {
      wrong.push(`${e.where} expected ${e.expect}, got ${v.decision}${v.rules.length ? ` (${v.rules.join(', ')})` : ''}: ${e.note}`);
    }
  }
  const pct = (s: { total: number; flagged: number }): string => `${s.flagged}/${s.total} (${((100 * s.flagged) / Math.max(1, s.total)).toFixed(1)}%)`;
  console.log(
    [
      `corpus: ${corpus.length} actions`,
      `  destructive flagged ${pct(stats.destructive)}`,
      `  secret      flagged ${pct(stats.secret)}`,
      `  bypass      flagged ${pct(stats.bypass)}`,
      `  benign      flagged ${pct(stats.benign)} (false positives)`,
    ].join('\n'),
  );
  assert.deepEqual(wrong, [], `${wrong.length} corpus actions decided wrongly`);
});
