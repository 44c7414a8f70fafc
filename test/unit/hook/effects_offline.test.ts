// The hook's offline path sees the file system: `node dist/hook.js --agent claude` with a Claude PreToolUse payload,
// no editor, HOME in a temp folder, run in a fixture workspace. Commands whose effect only the disk reveals
// (a glob that matches .env, the script behind npm run / make / bash FILE) are blocked; their benign neighbours pass.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { type Fixture, makeFixture } from '../core/effects/fixture';

const HOOK = path.join(process.cwd(), 'dist/hook.js');
let fx: Fixture;
let home = '';

before(() => {
  if (!fs.existsSync(HOOK)) spawnSync(process.execPath, ['esbuild.js'], { stdio: 'inherit' });
  fx = makeFixture();
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'airlock-effects-home-'));
});

after(() => {
  fx.cleanup();
  fs.rmSync(home, { recursive: true, force: true });
});

function hook(command: string): { code: number | null; stdout: string; stderr: string } {
  const payload = { hook_event_name: 'PreToolUse', session_id: 's1', cwd: fx.cwd, permission_mode: 'default', tool_name: 'Bash', tool_input: { command }, tool_use_id: 't1' };
  const r = spawnSync(process.execPath, [HOOK, '--agent', 'claude'], {
    input: JSON.stringify(payload),
    cwd: fx.cwd,
    env: { PATH: process.env.PATH ?? '', HOME: home },
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const BLOCKED = [
  'npm run clean',
  'npm run nuke',
  'make clean',
  'bash scripts/cleanup.sh',
  './scripts/cleanup.sh',
  'cat .en?',
  '/bin/r? -rf src',
  'rm -rf $(cat dirs.txt)',
  `python3 -c "import subprocess; subprocess.run(['rm','-rf','src'])"`,
  'python3 scripts/show.py',
];
const ALLOWED = ['npm run build', 'make build', 'bash scripts/build.sh', 'cat *.md', 'python3 scripts/ok.py'];

describe('offline hook with file-system facts', () => {
  for (const c of BLOCKED) {
    test(`blocks ${c}`, () => {
      const r = hook(c);
      assert.equal(r.code, 2, `${c}: exit ${r.code}\n${r.stdout}\n${r.stderr}`);
      assert.match(r.stderr, /Airlock/);
    });
  }
  for (const c of ALLOWED) {
    test(`allows ${c}`, () => {
      const r = hook(c);
      assert.equal(r.code, 0, `${c}: exit ${r.code}\n${r.stdout}\n${r.stderr}`);
    });
  }
  test('the reason names the script behind npm run', () => {
    const r = hook('npm run nuke');
    assert.match(r.stderr + r.stdout, /npm run nuke → scripts\/cleanup\.sh/);
  });
});
