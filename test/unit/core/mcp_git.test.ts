// Git MCP servers' tools are judged as the git commands they run: history readers, diffs and discards.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { AgentAction } from '../../../src/core/action';
import { classifyDetailed } from '../../../src/core/classify';
import { mcpGitCommands } from '../../../src/core/effects/mcp_git';
import { loadShellParser } from '../../../src/host/shell_wasm';
import { EXAMPLE_FACTS } from './example_facts';

const CTX = { cwd: '/w', home: '/home/u', workspaceRoots: ['/w'], realPath: EXAMPLE_FACTS.realPath, facts: EXAMPLE_FACTS };

before(async () => {
  await loadShellParser();
});

const mcp = (tool: string, input: unknown, server = 'git'): AgentAction => ({ kind: 'mcp', server, tool, input });

test('each git tool becomes the git command it runs', () => {
  assert.deepEqual(mcpGitCommands('git_show', { repo_path: '/w', revision: 'ae95ea0' }), ['git -C /w show ae95ea0']);
  assert.deepEqual(mcpGitCommands('mcp__git__git_log', { repo_path: '/w', patch: true }), ['git -C /w log -p']);
  assert.deepEqual(mcpGitCommands('git_log', { repo_path: '/w' }), ['git -C /w log --oneline']);
  assert.deepEqual(mcpGitCommands('git_diff', { repo_path: '/my repo', target: 'main~3' }), ["git -C '/my repo' diff main~3"]);
  assert.deepEqual(mcpGitCommands('git_diff_staged', { repo_path: '/w' }), ['git -C /w diff --cached']);
  assert.deepEqual(mcpGitCommands('git_show', { repo_path: '/w', revision: "x'; rm -rf ~; '" }), [`git -C /w show 'x'\\''; rm -rf ~; '\\'''`], 'a revision is one quoted word, never shell text');
  assert.deepEqual(mcpGitCommands('create_issue', { title: 'git_show' }), []);
  assert.deepEqual(mcpGitCommands('git_show', 'not an object'), []);
});

test('history and diffs that reach secret files are flagged; listings are not', () => {
  const flagged = [mcp('git_log', { repo_path: '/w', patch: true }), mcp('git_show', { repo_path: '/w', revision: 'HEAD' }), mcp('git_diff', { repo_path: '/w', target: 'HEAD~5' })];
  for (const a of flagged) assert.notEqual(classifyDetailed(a, CTX).verdict.decision, 'allow', JSON.stringify(a));
  const allowed = [mcp('git_log', { repo_path: '/w' }), mcp('git_status', { repo_path: '/w' }), mcp('git_show', { repo_path: '/w', revision: 'HEAD:package.json' })];
  for (const a of allowed) assert.equal(classifyDetailed(a, CTX).verdict.decision, 'allow', JSON.stringify(a));
});

test('a hard reset through the git MCP server asks like git reset --hard', () => {
  const v = classifyDetailed(mcp('git_reset', { repo_path: '/w', mode: 'hard' }), CTX).verdict;
  assert.notEqual(v.decision, 'allow');
  assert.ok(v.rules.some((r) => r.startsWith('git.')), v.rules.join(','));
});
