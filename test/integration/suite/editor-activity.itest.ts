// The activity sidebar under load, in the real extension host and the real webview:
// 10,000 events stream in, render, and filter while a timer probe measures how long
// the extension host's event loop is ever blocked.
import * as assert from 'node:assert/strict';
import * as os from 'node:os';
import * as vscode from 'vscode';
import type { AirlockApi } from '../../../src/editor/extension';
import { waitFor } from './wait';

async function airlock(): Promise<AirlockApi> {
  const ext = vscode.extensions.all.find((e) => e.packageJSON?.name === 'airlock');
  assert.ok(ext, 'the Airlock extension is not installed');
  return (ext.isActive ? ext.exports : await ext.activate()) as AirlockApi;
}

/** The jank budget from the issue: the extension host never blocks longer than this while the sidebar works. */
const MAX_BLOCK_MS = 50;

describe('editor: activity sidebar', function () {
  this.timeout(120_000);
  let api: AirlockApi;

  before(async () => {
    api = await airlock();
    await vscode.commands.executeCommand('airlock.showActivity');
    await waitFor(() => api.test.rendered(), 'the activity webview to report its first render', 20_000);
  });

  it('renders 10,000 events and filters them, never blocking the extension host for more than 50 ms', async () => {
    const stop = api.test.startDriftProbe(5);
    const t0 = Date.now();
    const ids = await api.test.injectEvents(10_000, { prefix: 'bulk' });
    const last = ids[ids.length - 1];
    await waitFor(() => {
      const r = api.test.rendered();
      return r && r.total >= 10_000 && r.firstId === last;
    }, 'the webview to hold all 10,000 rows with the newest first', 60_000);
    const renderMs = Date.now() - t0;

    const t1 = Date.now();
    api.test.setFilter({ text: 'bulk-9999', agent: '', decision: '' });
    await waitFor(() => {
      const r = api.test.rendered();
      return r && r.matching === 1 && r.firstId === last && r.filter.text === 'bulk-9999';
    }, 'the text filter to leave exactly the one matching row');
    api.test.setFilter({ text: '# bulk-', agent: 'claude', decision: 'observed' });
    await waitFor(() => {
      const r = api.test.rendered();
      return r && r.filter.agent === 'claude' && r.matching === Math.ceil(10_000 / 3) && r;
    }, 'the agent + decision + text filter to match every third synthetic row');
    const filterMs = Date.now() - t1;
    api.test.setFilter({ text: '', agent: '', decision: '' });
    await waitFor(() => api.test.rendered()?.filter.text === '' && api.test.rendered()!.matching >= 10_000, 'the filter to clear');

    const drift = stop();
    console.log(
      `      10,000 events: all rendered ${renderMs} ms after the first; two filters applied in ${filterMs} ms; ` +
        `longest extension-host block ${drift.maxBlockMs} ms (raw timer gap ${drift.maxGapMs} ms; load ${os.loadavg()[0].toFixed(1)}; ${drift.samples} probe samples)`,
    );
    assert.ok(drift.samples > 10, 'the drift probe did not run');
    assert.ok(drift.maxBlockMs <= MAX_BLOCK_MS, `the extension host was blocked for ${drift.maxBlockMs} ms (budget ${MAX_BLOCK_MS} ms)`);
  });

  it('keeps memory bounded: the extension holds at most its ring capacity', async () => {
    const state = api.test.state();
    const cap = vscode.workspace.getConfiguration('airlock').get<number>('activity.maxEntries') ?? 20_000;
    assert.ok(state.rows <= cap, `${state.rows} rows held, capacity ${cap}`);
    assert.ok(state.rows >= 10_000);
    // Figures for `npm run bench` (test/bench/extension.bench.mjs reads this line).
    const mem = process.memoryUsage();
    const mb = (n: number) => (n / 2 ** 20).toFixed(1);
    console.log(`BENCH extension activation_ms=${api.activationMs.toFixed(1)} rows=${state.rows} heap_used_mb=${mb(mem.heapUsed)} rss_mb=${mb(mem.rss)}`);
  });
});

describe('editor: terminal credential blanking', function () {
  this.timeout(60_000);
  let terminal: vscode.Terminal | undefined;
  after(() => terminal?.dispose());

  it('a new integrated terminal sees credential-named variables blank', async () => {
    const api = await airlock();
    // The variable exists in the editor's environment; the collection must blank it in new terminals.
    process.env.AIRLOCK_ITEST_DEPLOY_TOKEN = 'itest-visible-value';
    const blanked = api.test.refreshEnvBlanking();
    assert.ok(blanked.includes('AIRLOCK_ITEST_DEPLOY_TOKEN'), `not blanked: ${blanked.join(', ')}`);
    terminal = vscode.window.createTerminal({ name: 'airlock-itest-env', shellPath: '/bin/bash', env: { AIRLOCK_ITEST_DEPLOY_TOKEN: 'itest-visible-value' } });
    const si = await waitFor(() => terminal?.shellIntegration, 'shell integration in the new terminal', 20_000);
    const execution = si.executeCommand('echo "[token:${AIRLOCK_ITEST_DEPLOY_TOKEN}]" "[path:${PATH:+set}]"');
    let output = '';
    for await (const chunk of execution.read()) output += chunk;
    assert.match(output, /\[path:set\]/, 'the terminal environment otherwise intact');
    assert.match(output, /\[token:\]/, 'the credential variable is still visible in a new terminal');
    delete process.env.AIRLOCK_ITEST_DEPLOY_TOKEN;
  });
});
