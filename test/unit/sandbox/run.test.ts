// `airlock run` in a real bubblewrap sandbox (.ci/run installs bubblewrap): secrets read as nothing by
// every route (the file, a hardlink, a copy, a glob, python), Airlock's and the agents' files are
// read-only, the workspace stays writable, credential variables are gone, and a hook inside still
// reaches the editor's gate (test/integration/suite/sandbox.itest.ts, in the real editor).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { bwrapArgs } from '../../../src/core/sandbox/plan';
import { planSandbox, sandboxAvailable } from '../../../src/sandbox/run';

const CLI = path.resolve('dist/cli.js');
// Made of pieces so no scanner mistakes this test for a leak; long and random enough to be unmistakable in output.
const SECRET = ['sbx', 'Q7xK2mP9wR4t', 'Z8vB3nL6c'].join('-');

function tmp(prefix: string): string {
  return fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
}

function fixture(): { home: string; ws: string } {
  const home = tmp('airlock-sbx-home-');
  const ws = tmp('airlock-sbx-ws-');
  fs.mkdirSync(path.join(home, '.airlock'), { recursive: true, mode: 0o700 });
  fs.mkdirSync(path.join(home, '.config', 'Code', 'User'), { recursive: true });
  fs.writeFileSync(path.join(home, '.config', 'Code', 'User', 'settings.json'), '{}\n');
  fs.mkdirSync(path.join(home, '.aws'), { recursive: true });
  fs.writeFileSync(path.join(home, '.aws', 'credentials'), `[default]\naws_secret_access_key = ${SECRET}\n`);
  fs.writeFileSync(path.join(ws, '.env'), `RAILWAY_TOKEN=${SECRET}\n`);
  fs.linkSync(path.join(ws, '.env'), path.join(ws, 'notes.txt'));
  fs.mkdirSync(path.join(ws, '.claude'));
  fs.writeFileSync(path.join(ws, '.claude', 'settings.local.json'), '{}\n');
  fs.writeFileSync(path.join(ws, 'README.md'), '# sandbox fixture\n');
  return { home, ws };
}

function runInside(home: string, ws: string, script: string, extraEnv: Record<string, string> = {}) {
  fs.writeFileSync(path.join(ws, 'inside.sh'), script);
  return spawnSync(process.execPath, [CLI, 'run', '--', 'bash', 'inside.sh'], {
    cwd: ws,
    env: { ...process.env, HOME: home, ...extraEnv },
    encoding: 'utf8',
    timeout: 120_000,
  });
}

const available = sandboxAvailable();

describe('airlock run', () => {
  test('bubblewrap is there (the suite installs it; without it the sandbox must refuse, which the next test checks)', () => {
    assert.ok('bwrap' in available, 'problem' in available ? available.problem : '');
  });

  test('secrets read as nothing by every route; the workspace stays writable', () => {
    const { home, ws } = fixture();
    const r = runInside(
      home,
      ws,
      [
        'cat .env',
        'cat notes.txt',
        'cp .env copy.txt && cat copy.txt',
        'cat .e*',
        'cat "$HOME/.aws/credentials"',
        'python3 -c "print(open(\'.env\').read())"',
        'echo written > out.txt && cat out.txt',
      ].join('\n'),
    );
    assert.equal(r.status, 0, r.stderr);
    assert.ok(!r.stdout.includes(SECRET) && !r.stderr.includes(SECRET), 'the secret was printed inside the sandbox');
    assert.match(r.stdout, /written/);
    assert.equal(fs.readFileSync(path.join(ws, 'out.txt'), 'utf8'), 'written\n');
    // Outside, nothing was changed: the secret is still where it was.
    assert.ok(fs.readFileSync(path.join(ws, '.env'), 'utf8').includes(SECRET));
  });

  test("Airlock's state, the editor's user settings and the agents' hook folders are read-only", () => {
    const { home, ws } = fixture();
    const r = runInside(
      home,
      ws,
      [
        'for f in "$HOME/.airlock/lockdown-gone" "$HOME/.config/Code/User/settings.json" .claude/settings.local.json; do',
        '  if echo x > "$f" 2>/dev/null; then echo "WROTE $f"; else echo "refused $f"; fi',
        'done',
        'rm -f .claude/settings.local.json 2>/dev/null && echo REMOVED || echo "kept hook file"',
      ].join('\n'),
    );
    assert.equal(r.status, 0, r.stderr);
    assert.doesNotMatch(r.stdout, /WROTE|REMOVED/);
    assert.equal((r.stdout.match(/refused/g) ?? []).length, 3);
    assert.equal(fs.readFileSync(path.join(ws, '.claude', 'settings.local.json'), 'utf8'), '{}\n');
  });

  test('credential-named variables are removed; others stay', () => {
    const { home, ws } = fixture();
    const r = runInside(home, ws, 'echo "token=[$RAILWAY_API_TOKEN] lang=[$AIRLOCK_SBX_PLAIN] marker=[$AIRLOCK_SANDBOX]"', { RAILWAY_API_TOKEN: SECRET, AIRLOCK_SBX_PLAIN: 'kept' });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /token=\[\] lang=\[kept\] marker=\[1\]/);
  });

  test('--keep-env passes a named credential variable (the agent’s own model key) and only that one; the rest are removed and named on stderr', () => {
    const { home, ws } = fixture();
    fs.writeFileSync(path.join(ws, 'inside.sh'), 'echo "model=[$ANTHROPIC_API_KEY] token=[$RAILWAY_API_TOKEN]"');
    const env = { ...process.env, HOME: home, ANTHROPIC_API_KEY: 'sbx-model-key', RAILWAY_API_TOKEN: SECRET };
    const kept = spawnSync(process.execPath, [CLI, 'run', '--keep-env', 'ANTHROPIC_API_KEY', '--', 'bash', 'inside.sh'], { cwd: ws, env, encoding: 'utf8', timeout: 120_000 });
    assert.equal(kept.status, 0, kept.stderr);
    assert.match(kept.stdout, /model=\[sbx-model-key\] token=\[\]/);
    assert.match(kept.stderr, /removed from the environment: .*RAILWAY_API_TOKEN.*--keep-env NAME/);
    assert.doesNotMatch(kept.stderr, /ANTHROPIC_API_KEY/);
    const dropped = spawnSync(process.execPath, [CLI, 'run', '--', 'bash', 'inside.sh'], { cwd: ws, env, encoding: 'utf8', timeout: 120_000 });
    assert.match(dropped.stdout, /model=\[\] token=\[\]/);
    assert.match(dropped.stderr, /ANTHROPIC_API_KEY/);
    const bad = spawnSync(process.execPath, [CLI, 'run', '--keep-env', 'A B', '--', 'true'], { cwd: ws, env, encoding: 'utf8' });
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /--keep-env takes variable names/);
  });

  test('the command’s exit code comes back; a missing workspace or command refuses with one line and exit 2', () => {
    const { home, ws } = fixture();
    assert.equal(runInside(home, ws, 'exit 7').status, 7);
    const none = spawnSync(process.execPath, [CLI, 'run', '--workspace', path.join(ws, 'missing'), '--', 'true'], { cwd: ws, env: { ...process.env, HOME: home }, encoding: 'utf8' });
    assert.equal(none.status, 2);
    assert.equal(none.stderr.trim().split('\n').length, 1);
    const empty = spawnSync(process.execPath, [CLI, 'run', '--'], { cwd: ws, env: { ...process.env, HOME: home }, encoding: 'utf8' });
    assert.equal(empty.status, 2);
  });

  test('plan: masks come after read-only binds, so a masked file inside a read-only folder stays masked', () => {
    const { home, ws } = fixture();
    const plan = planSandbox({ workspace: ws, home, env: { RAILWAY_TOKEN: 'x', PATH: '/bin' }, command: ['true'], cwd: ws, scratch: tmp('airlock-sbx-scratch-') });
    assert.ok(plan.mask.includes(path.join(ws, '.env')));
    assert.ok(plan.mask.includes(path.join(ws, 'notes.txt')), 'the hardlink to .env is masked too');
    assert.ok(plan.mask.includes(path.join(home, '.aws', 'credentials')));
    assert.deepEqual(plan.dropEnv, ['RAILWAY_TOKEN']);
    const keeping = planSandbox({ workspace: ws, home, env: { RAILWAY_TOKEN: 'x', ANTHROPIC_API_KEY: 'k', PATH: '/bin' }, command: ['true'], cwd: ws, scratch: tmp('airlock-sbx-scratch-'), keepEnv: ['ANTHROPIC_API_KEY'] });
    assert.deepEqual(keeping.dropEnv, ['RAILWAY_TOKEN']);
    const args = bwrapArgs(plan);
    const lastRo = args.lastIndexOf(path.join(home, '.airlock'));
    const firstMask = args.indexOf(plan.emptyFile);
    assert.ok(lastRo >= 0 && firstMask > lastRo);
  });
});
