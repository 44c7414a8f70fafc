import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileGlobs } from '../../../../src/core/paths';
import type { SecretFinding } from '../../../../src/core/secrets';
import { parseIgnoreFile } from '../../../../src/core/secrets';
import { FindingsStore } from '../../../../src/editor/secrets/findings';
import { addNotASecret } from '../../../../src/editor/secrets/not_a_secret';
import { gateGlobFor, ignoreLineFor, rememberFindings, releaseFile, workspaceGlobs } from '../../../../src/editor/secrets/protection';
import { claudeReadDenyRules } from '../../../../src/agents/ignore_files';
import { classify } from '../../../../src/core/classify';
import { defaultPolicy } from '../../../../src/core/policy';

function finding(file: string, line: number, over: Partial<SecretFinding> = {}): SecretFinding {
  return { file, line, column: 3, length: 36, rule: 'railway-token', reason: 'Railway token.', severity: 'critical', secret: '3f2a…(36 chars)', fingerprint: '0123456789abcdef', ...over };
}

test('store: streamed findings, full replace and per-file updates report the files that changed', () => {
  const s = new FindingsStore();
  const seen: string[][] = [];
  s.onDidChange((files) => seen.push([...files].sort()));
  s.add(finding('b.json', 4));
  s.add(finding('a.json', 9));
  s.add(finding('a.json', 2));
  s.add(finding('a.json', 2)); // the same finding twice (streamed, then in the summary) is kept once
  assert.deepEqual(s.forFile('a.json').map((f) => f.line), [2, 9]);
  s.replaceAll([finding('a.json', 2), finding('c.json', 1, { silenced: { by: 'inline', detail: 'airlock:allow' } })]);
  assert.deepEqual(seen.at(-1), ['a.json', 'b.json', 'c.json'], 'b.json lost its findings, c.json gained one');
  assert.deepEqual(s.files(), ['a.json', 'c.json']);
  assert.deepEqual(s.liveFiles(), ['a.json'], 'a silenced finding does not make a file live');
  assert.equal(s.live().length, 1);
  s.setFile('a.json', []);
  assert.deepEqual(seen.at(-1), ['a.json']);
  const count = seen.length;
  s.setFile('nothing.json', []);
  assert.equal(seen.length, count, 'no event when nothing changed');
});

test('remembered files: live findings join, silencing alone never releases, a scan that finds nothing or the person does', () => {
  const f = 'config/legacy-deploy.json';
  let r = rememberFindings([], { liveFiles: [f], foundFiles: [f], scanned: 'all' });
  assert.deepEqual(r, [f]);
  // An agent writes an airlock:allow comment: the finding is silenced, not live, but the file stays remembered.
  r = rememberFindings(r, { liveFiles: [], foundFiles: [f], scanned: [f] });
  assert.deepEqual(r, [f]);
  // The same after a full scan.
  assert.deepEqual(rememberFindings(r, { liveFiles: [], foundFiles: [f], scanned: 'all' }), [f]);
  // A scan of another file says nothing about this one.
  assert.deepEqual(rememberFindings(r, { liveFiles: [], foundFiles: [], scanned: ['src/app.ts'] }), [f]);
  // The file could not be read (too large, gone): nothing either way.
  assert.deepEqual(rememberFindings(r, { liveFiles: [], foundFiles: [], scanned: [f], skipped: [f] }), [f]);
  // The value is gone from the file (saved, or found gone by the next full scan, e.g. after a restart).
  assert.deepEqual(rememberFindings(r, { liveFiles: [], foundFiles: [], scanned: [f] }), []);
  assert.deepEqual(rememberFindings(r, { liveFiles: [], foundFiles: [], scanned: 'all' }), []);
  assert.deepEqual(releaseFile(['a', 'b'], 'a'), ['b']);
});

test('gate globs match exactly the one file, even with glob characters in its name, and classify blocks reads of it', () => {
  const root = '/work/ws';
  for (const rel of ['config/legacy-deploy.json', 'odd/[v1] {a,b} *.json', 'x?.env.json']) {
    // Through the policy's own glob compiler, as the gate uses it.
    const matches = compileGlobs([gateGlobFor(root, rel)]);
    assert.ok(matches(`${root}/${rel}`), `${rel}: matches itself`);
    assert.ok(!matches(`${root}/config/other.json`), `${rel}: does not match a sibling`);
    assert.ok(!matches(`/elsewhere/${rel}`), `${rel}: does not match the same name in another root`);
  }
  const policy = { ...defaultPolicy(), protectedPaths: [gateGlobFor(root, 'config/legacy-deploy.json')], secretAccessDecision: 'deny' as const };
  const read = classify({ kind: 'read', path: `${root}/config/legacy-deploy.json`, cwd: root }, { policy, cwd: root, workspaceRoots: [root] });
  assert.equal(read.decision, 'deny');
  const other = classify({ kind: 'read', path: `${root}/config/app.json`, cwd: root }, { policy, cwd: root, workspaceRoots: [root] });
  assert.equal(other.decision, 'allow');
  const grep = classify({ kind: 'shell', command: 'cat config/legacy-deploy.json', cwd: root }, { policy, cwd: root, workspaceRoots: [root] });
  assert.notEqual(grep.decision, 'allow', 'a shell read of the file is not allowed either');
});

test('ignore lines are anchored, escaped gitignore lines; Claude gets a Read() deny for them', () => {
  assert.equal(ignoreLineFor('config/legacy-deploy.json'), '/config/legacy-deploy.json');
  assert.equal(ignoreLineFor('a/#b[1]*.json'), '/a/\\#b\\[1\\]\\*.json');
  assert.deepEqual(claudeReadDenyRules([ignoreLineFor('config/legacy-deploy.json')]), ['Read(./config/legacy-deploy.json)']);
  assert.deepEqual(workspaceGlobs(['.env', '~/.aws/**', '/proc/*/environ', '*.pem', 'AppData/Local/Airlock/windows/*.token']), ['.env', '*.pem']);
});

test('"Not a secret" writes a visible, commented fingerprint line the scanner honours; twice changes nothing', () => {
  const entry = { fingerprint: 'ABCDEF0123456789', rule: 'railway-token', file: 'config/legacy-deploy.json', line: 3, date: '2026-11-22' };
  const text = addNotASecret('# mine\nbuild/', entry);
  assert.equal(text, '# mine\nbuild/\n# Not a secret (marked in the editor 2026-11-22): railway-token at config/legacy-deploy.json:3\nfingerprint:abcdef0123456789\n');
  assert.equal(addNotASecret(text, entry), text);
  assert.ok(parseIgnoreFile(text).fingerprints.has('abcdef0123456789'));
  assert.throws(() => addNotASecret('', { ...entry, fingerprint: 'not-hex' }), /16 hex digits/);
});
