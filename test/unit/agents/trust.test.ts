// Agents that would skip Airlock's hook: untrusted folders (Gemini, Copilot CLI), untrusted hooks
// (Codex), all hooks off (Claude). Each is found from the agent's own files and named with a fix.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { doctor } from '../../../src/agents/doctor';
import { connectAgents } from '../../../src/agents/install/index';
import { grantTrust, trustProblem } from '../../../src/agents/trust';
import { agentStatus } from '../../../src/editor/views/agentStatus';

function world() {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'alt-'));
  const ws = path.join(base, 'projects', 'shop');
  const home = path.join(base, 'home');
  fs.mkdirSync(ws, { recursive: true });
  fs.mkdirSync(home, { recursive: true });
  return { base, ws, home };
}

function write(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

test('Gemini: untrusted until the folder or a parent is trusted; DO_NOT_TRUST wins; folder trust off or the env switch counts', () => {
  const { ws, home } = world();
  const file = path.join(home, '.gemini', 'trustedFolders.json');
  assert.match(trustProblem('gemini', ws, home, {})!.problem, /trusted folder/);
  assert.match(trustProblem('gemini', ws, home, {})!.problem, /--skip-trust/);
  write(file, JSON.stringify({ [ws]: 'TRUST_FOLDER' }));
  assert.equal(trustProblem('gemini', ws, home, {}), undefined);
  write(file, JSON.stringify({ [path.dirname(ws)]: 'TRUST_FOLDER' }));
  assert.equal(trustProblem('gemini', ws, home, {}), undefined, 'a trusted parent covers the folder');
  write(file, JSON.stringify({ [path.join(ws, 'x')]: 'TRUST_PARENT' }));
  assert.equal(trustProblem('gemini', ws, home, {}), undefined, 'TRUST_PARENT trusts the parent of the named folder');
  write(file, JSON.stringify({ [path.dirname(ws)]: 'TRUST_FOLDER', [ws]: 'DO_NOT_TRUST' }));
  assert.ok(trustProblem('gemini', ws, home, {}));
  write(file, JSON.stringify({ [`${ws}-other`]: 'TRUST_FOLDER' }));
  assert.ok(trustProblem('gemini', ws, home, {}), 'a sibling with the same prefix is not a parent');
  write(file, '{not json');
  assert.ok(trustProblem('gemini', ws, home, {}), 'an unreadable trust file is not trust');
  assert.equal(trustProblem('gemini', ws, home, { GEMINI_CLI_TRUST_WORKSPACE: 'true' }), undefined);
  write(path.join(home, '.gemini', 'settings.json'), JSON.stringify({ security: { folderTrust: { enabled: false } } }));
  assert.equal(trustProblem('gemini', ws, home, {}), undefined);
});

test('Copilot CLI: trusted_folders in ~/.copilot/config.json', () => {
  const { ws, home } = world();
  assert.match(trustProblem('copilot', ws, home, {})!.fix, /trusted_folders/);
  write(path.join(home, '.copilot', 'config.json'), JSON.stringify({ trusted_folders: [path.dirname(ws)] }));
  assert.equal(trustProblem('copilot', ws, home, {}), undefined);
  write(path.join(home, '.copilot', 'config.json'), JSON.stringify({ trusted_folders: ['/elsewhere'] }));
  assert.ok(trustProblem('copilot', ws, home, {}));
});

test('Codex: a trusted_hash for this workspace\'s hooks.json in config.toml, or a problem naming /hooks', () => {
  const { ws, home } = world();
  const file = path.join(home, '.codex', 'config.toml');
  assert.match(trustProblem('codex', ws, home, {})!.fix, /\/hooks/);
  const hooks = path.join(ws, '.codex', 'hooks.json');
  write(file, `[hooks.state."${hooks}:pre_tool_use:0:0"]\ntrusted_hash = "sha256:00"\n`);
  assert.equal(trustProblem('codex', ws, home, {}), undefined);
  write(file, `[hooks.state."/other/.codex/hooks.json:pre_tool_use:0:0"]\ntrusted_hash = "sha256:00"\n`);
  assert.ok(trustProblem('codex', ws, home, {}), "another project's trust does not count");
  write(file, `[projects."${ws}"]\ntrust_level = "trusted"\n\n[hooks.state."${hooks}:pre_tool_use:0:0"]\ntrusted_hash = "sha256:00"\n`);
  assert.equal(trustProblem('codex', ws, path.join(home, 'nowhere'), { CODEX_HOME: path.join(home, '.codex') }), undefined, 'CODEX_HOME is where Codex keeps it');
  assert.ok(trustProblem('codex', ws, path.join(home, 'nowhere'), {}));
});

test('Claude: disableAllHooks in any settings file', () => {
  const { ws, home } = world();
  assert.equal(trustProblem('claude', ws, home, {}), undefined);
  write(path.join(ws, '.claude', 'settings.json'), JSON.stringify({ disableAllHooks: true }));
  assert.match(trustProblem('claude', ws, home, {})!.problem, /disableAllHooks/);
});

test('doctor: an installed but untrusted agent is not reported as guarded, and says how to fix it', async () => {
  const { base, ws, home } = world();
  const root = path.join(base, 'state');
  const cliJs = path.join(base, 'ext', 'dist', 'cli.js');
  write(cliJs, '');
  connectAgents({ workspace: ws, agents: ['gemini', 'copilot', 'cursor'], root, cliJs });
  const r = await doctor(ws, root, home);
  const gemini = r.agents.find((a) => a.agent === 'gemini')!;
  assert.equal(gemini.state, 'not-connected');
  assert.match(gemini.why, /trusted folder.*Fix: /);
  const copilot = r.agents.find((a) => a.agent === 'copilot')!;
  assert.equal(copilot.state, 'hook-only', "VS Code's Copilot still runs the hook; the CLI's problem is a warning");
  assert.ok(copilot.trust);
  assert.equal(r.agents.find((a) => a.agent === 'cursor')!.trust, undefined);
  write(path.join(home, '.gemini', 'trustedFolders.json'), JSON.stringify({ [ws]: 'TRUST_FOLDER' }));
  assert.equal((await doctor(ws, root, home)).agents.find((a) => a.agent === 'gemini')!.state, 'hook-only');
});

test('Agents view: an installed hook the agent will skip carries the problem and its fix', () => {
  const { base, ws, home } = world();
  connectAgents({ workspace: ws, agents: ['codex', 'cursor'], root: path.join(base, 'state'), cliJs: path.join(base, 'cli.js') });
  const presence = { extensions: new Set<string>(), appName: 'Code', seen: new Set<string>() };
  const codex = agentStatus('codex', ws, presence, home);
  assert.equal(codex.status, 'guarded');
  assert.match(codex.trust?.fix ?? '', /\/hooks/);
  assert.equal(agentStatus('cursor', ws, presence, home).trust, undefined);
});

test('grantTrust records the folder where the agent keeps trust in a file, keeps what was there, and clears the problem', () => {
  const { ws, home } = world();
  write(path.join(home, '.gemini', 'trustedFolders.json'), JSON.stringify({ '/other': 'DO_NOT_TRUST' }));
  assert.match(grantTrust('gemini', ws, home) ?? '', /trustedFolders\.json$/);
  assert.equal(trustProblem('gemini', ws, home, {}), undefined);
  assert.equal(JSON.parse(fs.readFileSync(path.join(home, '.gemini', 'trustedFolders.json'), 'utf8'))['/other'], 'DO_NOT_TRUST');
  write(path.join(home, '.copilot', 'config.json'), JSON.stringify({ model: 'x', trusted_folders: ['/a'] }));
  grantTrust('copilot', ws, home);
  grantTrust('copilot', ws, home);
  const cfg = JSON.parse(fs.readFileSync(path.join(home, '.copilot', 'config.json'), 'utf8'));
  assert.deepEqual(cfg.trusted_folders, ['/a', ws], 'added once, others kept');
  assert.equal(cfg.model, 'x');
  assert.equal(trustProblem('copilot', ws, home, {}), undefined);
  assert.equal(grantTrust('codex', ws, home), undefined, 'Codex keeps hashes only Codex computes');
  write(path.join(home, '.gemini', 'trustedFolders.json'), '{broken');
  assert.equal(grantTrust('gemini', ws, home), undefined, 'an unreadable file is left alone');
  assert.equal(fs.readFileSync(path.join(home, '.gemini', 'trustedFolders.json'), 'utf8'), '{broken');
});
