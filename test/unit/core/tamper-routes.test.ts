// Issue #13, "protected everywhere": every route of "Replace what the hook runs", "Move hook files out of the way"
// and "Loosen through user settings" is one action here, and each must be stopped: `deny` for changes to Airlock's
// own files and extension (a person cannot approve those from the agent's side), at least `ask` for killing the
// editor. Reading any of these files stays allowed. Commands are data in this file; nothing here is run.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { AgentAction } from '../../../src/core/action';
import { classify } from '../../../src/core/classify';
import { loadShellParser } from '../../../src/host/shell_wasm';

const HOME = '/home/u';
const CTX = { cwd: '/w', home: HOME, workspaceRoots: ['/w'] };
const EXT = 'airlock-dev.airlock-0.1.0';
const FLAVOURS = ['.vscode', '.vscode-insiders', '.cursor', '.windsurf', '.vscode-oss', '.local/share/code-server', '.vscode-server', '.cursor-server'];
const SETTINGS = [
  '~/.config/Code/User/settings.json',
  '~/.config/Code - Insiders/User/settings.json',
  '~/.config/Cursor/User/settings.json',
  '~/.config/Windsurf/User/settings.json',
  '~/.config/VSCodium/User/settings.json',
  '~/.local/share/code-server/User/settings.json',
  '~/Library/Application Support/Code/User/settings.json',
  '~/Library/Application Support/Cursor/User/settings.json',
  '~/.config/Code/User/profiles/5a1b/settings.json',
  '~/.vscode-server/data/Machine/settings.json',
];
const AGENT_CONFIG = ['~/.claude/settings.json', '/etc/claude-code/managed-settings.json', '~/.codex/config.toml', '~/.gemini/settings.json', '~/.cursor/hooks.json', '~/.copilot/config.json', '/w/app.code-workspace'];
const LOOSEN = '{"airlock.rules":{"fs.recursive-delete":"allow"},"airlock.unprotectedPaths":["**"]}';

const sh = (command: string): AgentAction => ({ kind: 'shell', command, cwd: '/w' });
const write = (path: string, content = LOOSEN): AgentAction => ({ kind: 'write', path: path.replace(/^~/, HOME), content, cwd: '/w' });

function decide(a: AgentAction): { decision: string; rules: string[] } {
  const v = classify(a, CTX);
  return { decision: v.decision, rules: v.rules };
}

function assertDenied(a: AgentAction): void {
  const { decision, rules } = decide(a);
  assert.equal(decision, 'deny', `${JSON.stringify(a)} -> ${decision} [${rules.join(', ')}]`);
}

before(async () => {
  await loadShellParser();
});

describe('replace what the hook runs', () => {
  for (const f of FLAVOURS) {
    for (const file of ['dist/hook.js', 'dist/offline.js']) {
      test(`Write over ~/${f}/extensions/…/${file}`, () => assertDenied(write(`~/${f}/extensions/${EXT}/${file}`, 'process.exit(0)')));
    }
    test(`cp over ~/${f}/extensions/…/dist/hook.js`, () => assertDenied(sh(`cp /tmp/noop.js ~/${f}/extensions/${EXT}/dist/hook.js`)));
    test(`rm -rf the extension folder in ~/${f}`, () => assertDenied(sh(`rm -rf ~/${f}/extensions/${EXT}`)));
  }
  for (const command of [
    'rm -rf ~/.vscode/extensions',
    'mv ~/.cursor/extensions /tmp/ext',
    'echo "[]" > ~/.vscode/extensions/extensions.json',
    `echo '{"${EXT}":true}' > ~/.vscode/extensions/.obsolete`,
    'find ~/.vscode/extensions -name "airlock*" -exec rm -rf {} +',
    `unzip -o /tmp/evil.zip -d ~/.vscode/extensions/${EXT}`,
    'code --uninstall-extension airlock-dev.airlock',
    'cursor --disable-extension airlock-dev.airlock',
    'code --disable-extensions .',
  ]) {
    test(command, () => assertDenied(sh(command)));
  }
  test('MCP write_file over the hook', () => assertDenied({ kind: 'mcp', tool: 'write_file', server: 'filesystem', input: { path: `${HOME}/.vscode/extensions/${EXT}/dist/hook.js`, content: '' } }));
});

describe('move hook files out of the way', () => {
  for (const command of [
    'mv .cursor .cursor-old',
    'mv .claude /tmp/c',
    'ln -sfn /tmp/empty .claude',
    'mv .clinerules x',
    'mv .codex .codex.bak',
    'mv .gemini /tmp/',
    'rm -rf .windsurf',
    'mv .github/hooks /tmp/h',
    'rm -rf .github',
    'git stash push .cursor/hooks.json',
    'git stash push -- .claude/settings.local.json',
    "jq '.hooks = {}' .cursor/hooks.json | sponge .cursor/hooks.json",
    'rsync -a --delete /tmp/empty/ .claude/',
    'rm -rf .cl*',
    'find .cursor -delete',
    'cd .cursor && rm hooks.json',
    'rm -rf ~/.airlock',
  ]) {
    test(command, () => assertDenied(sh(command)));
  }
  test('MCP move_file on .cursor', () => assertDenied({ kind: 'mcp', tool: 'move_file', server: 'filesystem', input: { source: '/w/.cursor', destination: '/w/cursor-old' } }));
  test('MCP move_file on .claude (relative)', () => assertDenied({ kind: 'mcp', tool: 'move_file', input: { source: '.claude', destination: '/tmp/c' } }));
});

describe('loosen through user settings', () => {
  for (const p of SETTINGS) {
    test(`Write ${p}`, () => assertDenied(write(p)));
    test(`shell write ${p}`, () => assertDenied(sh(`cp /tmp/loose.json "${p.replace(/^~/, '$HOME')}"`)));
  }
  for (const p of AGENT_CONFIG) test(`Write ${p}`, () => assertDenied(write(p, '{}')));
  for (const command of [
    "sed -i 's/\"ask\"/\"allow\"/' ~/.config/Cursor/User/settings.json",
    'tee ~/.config/Windsurf/User/settings.json < /tmp/loose.json',
    'mv ~/.config/Code/User /tmp/user-old',
    'rm -rf ~/.config/Code',
    'echo "approval_policy = \\"never\\"" >> ~/.codex/config.toml',
    'rm ~/.config/Code/User/globalStorage/airlock-dev.airlock/audit.jsonl.head',
    'rm -rf ~/.config/Code/User/workspaceStorage/1f2e/airlock-dev.airlock',
  ]) {
    test(command, () => assertDenied(sh(command)));
  }
});

describe('killing the editor or its extension host', () => {
  for (const command of ['pkill -f code', 'pkill -f extensionHost', 'killall code', 'killall Cursor', 'kill -9 $(pgrep -f extensionHost)', 'pkill -f "code-server"']) {
    test(command, () => {
      const { decision, rules } = decide(sh(command));
      assert.notEqual(decision, 'allow', `${command} -> allow`);
      assert.ok(rules.includes('system.editor-kill'), rules.join(', '));
    });
  }
});

describe('reading and everyday use stay allowed', () => {
  for (const a of [
    sh('cat ~/.config/Code/User/settings.json'),
    sh('cat .cursor/hooks.json'),
    sh(`cat ~/.vscode/extensions/${EXT}/dist/hook.js`),
    sh('ls -la ~/.vscode/extensions'),
    sh('mkdir -p .claude/commands'),
    sh('cp notes.md .claude/commands/review.md'),
    sh('echo x > .cursor/rules/style.mdc'),
    sh('code --install-extension esbenp.prettier-vscode'),
    sh('pkill -f vite'),
    sh('git stash'),
    { kind: 'read', path: `${HOME}/.config/Code/User/settings.json` } as AgentAction,
    { kind: 'read', path: `${HOME}/.vscode/extensions/${EXT}/dist/hook.js` } as AgentAction,
    { kind: 'write', path: '/w/.claude/commands/review.md', content: 'review' } as AgentAction,
    { kind: 'mcp', tool: 'read_file', input: { path: '/w/.cursor/hooks.json' } } as AgentAction,
  ]) {
    test(JSON.stringify(a), () => assert.equal(decide(a).decision, 'allow', JSON.stringify(decide(a))));
  }
});
