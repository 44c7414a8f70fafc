import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { doctor } from '../../../src/agents/doctor';
import { connectAgents } from '../../../src/agents/install/index';
import { trustFilesOnly } from '../../../src/gate/trust';
import { GateServer } from '../../../src/gate/server';

test('doctor: not connected -> hook-only -> guarded / watched, and a broken launcher is named', async () => {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'ald-'));
  const ws = path.join(base, 'ws');
  const root = path.join(base, 'state');
  const cliJs = path.join(base, 'ext', 'dist', 'cli.js');
  fs.mkdirSync(ws);
  fs.mkdirSync(path.dirname(cliJs), { recursive: true });
  fs.writeFileSync(cliJs, '');

  let r = await doctor(ws, root, undefined, trustFilesOnly);
  assert.ok(r.agents.every((a) => a.state === 'not-connected'));
  assert.match(r.agents[0]!.why, /no Airlock hook/);
  assert.equal(r.gate.ok, false);

  connectAgents({ workspace: ws, agents: ['cursor'], root, cliJs });
  r = await doctor(ws, root, undefined, trustFilesOnly);
  const cursor = () => r.agents.find((a) => a.agent === 'cursor')!;
  assert.equal(cursor().state, 'hook-only');
  assert.match(cursor().why, /blocked without asking/);

  const gate = new GateServer({ root, workspaceRoots: [ws], classify: () => ({ decision: 'allow', rules: [], reason: '', severity: 'none', environment: 'unknown' }), ui: { ask: async () => 'deny' }, listener: { onEvent() {} } });
  await gate.start();
  try {
    r = await doctor(ws, root, undefined, trustFilesOnly);
    assert.equal(r.gate.ok, true);
    assert.equal(cursor().state, 'guarded');
    assert.equal(r.agents.find((a) => a.agent === 'claude')!.state, 'watched');
    fs.rmSync(cliJs);
    r = await doctor(ws, root, undefined, trustFilesOnly);
    assert.equal(cursor().state, 'not-connected');
    assert.match(cursor().why, /no longer exists/);
  } finally {
    await gate.close();
  }
});
