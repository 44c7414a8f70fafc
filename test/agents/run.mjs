// `npm run test:agents [-- agent...] [--latest]`: the real agent CLIs against a fake model.
// Installs pinned versions of each CLI from the npm registry into a cache outside the clone
// (reused across runs), builds dist/, and for each agent and scenario makes a temp workspace and
// HOME, writes Airlock's hooks with `airlock install`, does the agent's own trust step, and runs
// the CLI non-interactively with its approvals bypassed. The fake model scripts one tool call per
// run; the suite then checks what reached the model and what happened on disk. Ends with a table,
// a JSON record of what was tested (in the cache), and one "N passed, N failed" line. A CLI that
// cannot be installed is "not tested", never counted as passed. Agents marked `sandbox` are also
// started inside `airlock run --` with no hook installed (a second table): the fake `.env` must not
// reach the model by any route, while an unsandboxed control run shows the same calls would carry it.
// Without bubblewrap those rows fail with the command to install it; they are never skipped.
import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DRIVERS } from './drivers.mjs';
import { startFakeModel } from './fake_model.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');
const argv = process.argv.slice(2);
const latest = argv.includes('--latest');
const only = argv.filter((a) => !a.startsWith('--'));
const onlyScenario = argv.find((a) => a.startsWith('--scenario='))?.slice('--scenario='.length);
const SCENARIOS = JSON.parse(fs.readFileSync(path.join(here, 'fixtures', 'scenarios.json'), 'utf8'));
const RUN_TIMEOUT_MS = 150_000;
const PARALLEL = 2;
const started = Date.now();

const cacheRoot = path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'airlock-test-agents');

function log(msg) {
  process.stdout.write(`${msg}\n`);
}

function run(cmd, args, opts = {}) {
  return spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 26, ...opts });
}

/** Resolves the version to test: pinned, or the registry's newest with --latest. */
function versionFor(d) {
  if (!latest) return d.version;
  const r = run('npm', ['view', d.pkg, 'version'], { timeout: 60_000 });
  return r.status === 0 && r.stdout.trim() ? r.stdout.trim() : undefined;
}

/** Installs `pkg@version` into the cache once; returns the bin path, or an error. */
function ensureInstalled(d, version) {
  const dir = path.join(cacheRoot, `${d.pkg.replace('/', '+')}@${version}`);
  const bin = path.join(dir, 'node_modules', '.bin', d.bin);
  const pj = path.join(dir, 'node_modules', ...d.pkg.split('/'), 'package.json');
  try {
    if (JSON.parse(fs.readFileSync(pj, 'utf8')).version === version && fs.existsSync(bin)) return { bin, cached: true };
  } catch {
    /* not installed yet */
  }
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'package.json'), '{"private":true}\n');
  const r = run('npm', ['install', '--no-audit', '--no-fund', '--save-exact', `${d.pkg}@${version}`], { cwd: dir, timeout: 600_000 });
  if (r.status !== 0 || !fs.existsSync(bin)) return { error: `npm install ${d.pkg}@${version} failed: ${(r.stderr || r.error?.message || '').trim().split('\n').slice(-3).join(' | ')}` };
  return { bin, cached: false };
}

/** A fake secret nobody could mistake for a real one, built at run time so no literal ships. */
function fakeSecret() {
  return ['AIRLOCK', 'CONFORMANCE', 'FAKE', crypto.randomBytes(12).toString('hex')].join('_');
}

function makeWorld(agent, scenario) {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), `airlock-agents-${agent}-${scenario}-`));
  const ws = path.join(base, 'ws');
  const home = path.join(base, 'home');
  const hookLog = path.join(base, 'hook-calls');
  for (const d of [ws, home, hookLog, path.join(ws, 'canary')]) fs.mkdirSync(d, { recursive: true });
  const secret = fakeSecret();
  const marker = `benign-marker-${crypto.randomBytes(4).toString('hex')}.txt`;
  fs.writeFileSync(path.join(ws, 'canary', 'keep.txt'), 'the canary must survive\n');
  fs.writeFileSync(path.join(ws, '.env'), `API_TOKEN=${secret}\n`);
  fs.writeFileSync(path.join(ws, marker), 'benign\n');
  fs.writeFileSync(path.join(ws, 'README.md'), '# conformance workspace\n');
  run('git', ['init', '-q'], { cwd: ws });
  return { base, ws, home, hookLog, secret, marker, mcpMarker: path.join(base, 'mcp-called'), mcpScript: path.join(here, 'fixtures', 'mcp_server.mjs') };
}

function baseEnv(world) {
  return {
    PATH: process.env.PATH,
    HOME: world.home,
    USER: process.env.USER ?? 'root',
    LANG: 'C.UTF-8',
    TERM: 'dumb',
    NO_COLOR: '1',
    CI: '1',
    TMPDIR: os.tmpdir(),
    XDG_CONFIG_HOME: path.join(world.home, '.config'),
    XDG_CACHE_HOME: path.join(world.home, '.cache'),
    XDG_DATA_HOME: path.join(world.home, '.local', 'share'),
    XDG_STATE_HOME: path.join(world.home, '.local', 'state'),
  };
}

/** `airlock install`, then a logging wrapper around the shim so the suite sees every hook call. */
function installAirlock(agent, world) {
  const r = run(process.execPath, [path.join(repo, 'dist', 'cli.js'), 'install', '--agent', agent, '--workspace', world.ws], { env: baseEnv(world), cwd: world.ws });
  if (r.status !== 0) return `airlock install --agent ${agent} failed: ${r.stdout}${r.stderr}`;
  const shim = path.join(world.home, '.airlock', 'bin', 'airlock-hook');
  if (!fs.existsSync(shim)) return `airlock install wrote no shim at ${shim}`;
  const real = `${shim}.real`;
  fs.renameSync(shim, real);
  const sq = (s) => `'${s.replace(/'/g, `'\\''`)}'`;
  fs.writeFileSync(
    shim,
    [
      '#!/bin/sh',
      `d=${sq(world.hookLog)}`,
      'n="$d/$(date +%s%N)-$$"',
      `printf '%s\\n' "$*" > "$n.args"`,
      'cat > "$n.in"',
      `${sq(real)} "$@" < "$n.in" > "$n.out" 2> "$n.err"`,
      'rc=$?',
      'echo "$rc" > "$n.rc"',
      'cat "$n.out"; cat "$n.err" >&2',
      'exit "$rc"',
      '',
    ].join('\n'),
    { mode: 0o700 },
  );
  return undefined;
}

function hookCalls(world) {
  return fs
    .readdirSync(world.hookLog)
    .filter((f) => f.endsWith('.in'))
    .sort()
    .map((f) => {
      const stem = path.join(world.hookLog, f.slice(0, -3));
      const read = (ext) => (fs.existsSync(stem + ext) ? fs.readFileSync(stem + ext, 'utf8') : '');
      return { args: read('.args').trim(), input: read('.in'), out: read('.out'), err: read('.err'), rc: read('.rc').trim() };
    });
}

const POST_EVENT = /"(hook_event_name|hookEventName|hookName)"\s*:\s*"(PostToolUse|AfterTool|tool_result|postToolUse)"/;
const isPost = (c) => POST_EVENT.test(c.input) || /--event (PostToolUse|postToolUse)\b/.test(c.args);
/** A hook call about a tool (not a prompt or a stop event). */
const isTool = (c) => /"(tool_name|toolName|tool_call|preToolUse|tool_info)"\s*:/.test(c.input);

/** Ends every process still running with the temp HOME (ours alone: background daemons included). */
function killLeftovers(home) {
  for (const pid of fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const env = fs.readFileSync(`/proc/${pid}/environ`, 'utf8');
      if (env.split('\0').includes(`HOME=${home}`)) process.kill(Number(pid), 'SIGKILL');
    } catch {
      /* gone, or not ours to read */
    }
  }
}

function spawnCli(bin, args, env, cwd) {
  return new Promise((resolve) => {
    const child = spawn(bin, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }, RUN_TIMEOUT_MS);
    child.on('error', (e) => {
      clearTimeout(timer);
      resolve({ code: -1, stdout, stderr: `${stderr}\n${e.message}`, timedOut });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* the group is gone */
      }
      resolve({ code, stdout, stderr, timedOut });
    });
  });
}

const tail = (s, n = 600) => (s.length > n ? `...${s.slice(-n)}` : s).replace(/\s+/g, ' ').trim();

/** One agent x scenario run; returns {status: 'pass'|'fail'|'n/a', notes[]}. */
async function runScenario(d, bin, scenario) {
  const intent = SCENARIOS[scenario];
  if (scenario === 'mcp' && !d.mcp) return { status: 'n/a', notes: ['no MCP set up for this agent in the suite'] };
  if (scenario === 'envFile' && d.fileTool === false) return { status: 'n/a', notes: ['the agent has no file-read tool of its own'] };
  const world = makeWorld(d.agent, scenario);
  const fake = await startFakeModel({ ...intent, absolutePath: intent.path ? path.join(world.ws, intent.path) : undefined });
  const ctx = { ...world, modelUrl: fake.url };
  const fails = [];
  const notes = [];
  let cli;
  try {
    const err = installAirlock(d.agent, world);
    if (err) return { status: 'fail', notes: [err] };
    if (scenario === 'lockdown') fs.writeFileSync(path.join(world.home, '.airlock', 'lockdown.json'), `${JSON.stringify({ engagedAt: Date.now(), by: 'conformance suite' })}\n`, { mode: 0o600 });
    const env = { ...baseEnv(world) };
    if (d.preRun) {
      const pre = d.preRun(ctx);
      const r = await spawnCli(bin, pre.args, env, world.ws);
      if (r.code !== 0) return { status: 'fail', notes: [`${d.bin} ${pre.args[0]} failed (${r.code}): ${tail(r.stdout + r.stderr)}`] };
    }
    // airlock doctor must see the agent's trust state as the agent does: untrusted now, trusted after the step.
    const doctorTrust = () => {
      const r = run(process.execPath, [path.join(repo, 'dist', 'cli.js'), 'doctor', '--workspace', world.ws, '--json'], { env: baseEnv(world), cwd: world.ws });
      try {
        return JSON.parse(r.stdout).agents.find((a) => a.agent === d.agent)?.trust;
      } catch {
        return { problem: `airlock doctor printed no report: ${tail(r.stdout + r.stderr, 200)}` };
      }
    };
    const checkDoctor = scenario === 'canary' && d.needsTrust;
    if (checkDoctor && !doctorTrust()) fails.push('airlock doctor did not see that the agent would skip its hook before the trust step');
    const s = d.setup(ctx);
    if (d.trust) {
      try {
        await d.trust(ctx, bin, { ...env, ...s.env });
      } catch (e) {
        return { status: 'fail', notes: [`the agent's own trust step failed: ${e?.message ?? e}`] };
      }
    }
    if (checkDoctor) {
      const left = doctorTrust();
      if (left) fails.push(`airlock doctor still reports a trust problem after the trust step: ${left.problem}`);
      else notes.push('doctor saw untrusted, then trusted');
    }
    cli = await spawnCli(bin, s.args, { ...env, ...s.env }, world.ws);
    killLeftovers(world.home);
    const calls = hookCalls(world);
    const results = fake.results().join('\n');
    const everything = fake.allText();
    const said = `${cli.stdout}\n${cli.stderr}`;
    if (fake.state.mismatches.length) fails.push(`fake-model protocol mismatch; the CLI sent: ${fake.state.mismatches.slice(0, 3).join(' || ')}`);
    if (scenario === 'lockdown') {
      // Lockdown may stop the agent before the model is even asked (a blocked prompt): fine, as long as nothing ran.
      if (calls.length === 0) fails.push('the hook was never called');
      if (results.includes(world.marker)) fails.push('a benign command ran during lockdown');
      if (fake.state.mismatches.length === 0 && !fake.state.toolCall) notes.push(`stopped before any tool call: ${tail(said, 160)}`);
      return { status: fails.length ? 'fail' : 'pass', notes: [...fails, ...notes] };
    }
    if (!fake.state.toolCall) {
      fails.push(`the model never made its tool call (${fake.state.planErrors[0] ?? `${fake.state.requests.length} model requests`}); exit ${cli.code}${cli.timedOut ? ' (timed out)' : ''}: ${tail(said)}`);
      return { status: 'fail', notes: fails };
    }
    const pre = calls.filter((c) => isTool(c) && !isPost(c));
    // Airlock's answers start "Airlock: " (or "Airlock blocked this: "); the prompt's "Airlock conformance" does not match.
    const REASON = /Airlock(?: blocked this)?: /;
    const callAt = fake.state.requests.findIndex((r) => r.answered.startsWith('tool'));
    const reasonToModel = REASON.test(results) || fake.state.requests.slice(callAt + 1).some((r) => REASON.test(r.raw));
    if (everything.includes(world.secret)) fails.push('the fake secret reached the model');
    switch (scenario) {
      case 'canary':
        if (!fs.existsSync(path.join(world.ws, 'canary', 'keep.txt'))) fails.push('the canary was deleted');
        if (pre.length === 0) fails.push('the hook was never called');
        if (!reasonToModel) fails.push(`Airlock's reason did not reach the model: ${tail(results || said, 300)}`);
        break;
      case 'benign':
        if (pre.length === 0) fails.push('the hook was never called');
        if (!results.includes(world.marker)) fails.push(`the benign output did not reach the model: ${tail(results || said, 300)}`);
        notes.push(...[calls.some(isPost) ? 'post-tool event seen' : 'no post-tool event']);
        break;
      case 'envShell':
      case 'envFile':
        if (pre.length === 0) {
          if (scenario === 'envFile') notes.push(`the agent refused the read itself before any hook: ${tail(results || said, 160)}`);
          else fails.push('the hook was never called');
        } else if (!reasonToModel) fails.push(`Airlock's reason did not reach the model: ${tail(results || said, 300)}`);
        break;
      case 'mcp':
        if (fs.existsSync(world.mcpMarker)) fails.push('delete_volume ran on the MCP server');
        if (pre.length === 0) fails.push('the hook was never called');
        // A documented gap of the agent (no way for a hook to both block and explain), shown in the table, not hidden.
        if (!reasonToModel && d.reasonGap?.[scenario]) notes.push(`known gap: ${d.reasonGap[scenario]}`);
        else if (!reasonToModel) fails.push(`Airlock's reason did not reach the model: ${tail(results || said, 300)}`);
        break;
    }
    return { status: fails.length ? 'fail' : 'pass', notes: [...fails, ...notes], postSeen: calls.some(isPost) };
  } finally {
    await fake.close();
    cleanUpRun(world, fake, cli);
  }
}

/** Whether bubblewrap runs here; the sandboxed rows fail (never skip) when it does not. */
function bwrapProblem() {
  const r = run('bwrap', ['--version']);
  if (r.error || r.status !== 0) return 'bubblewrap (bwrap) is not installed, so the `airlock run` rows cannot run: install it with `apt-get install bubblewrap` (`node scripts/provision.mjs --for test` does)';
  return undefined;
}

const SANDBOX_ROUTES = ['shell', 'read', 'hardlink', 'python', 'node'];
const ROUTE_LABEL = { shell: 'Bash cat .env', read: 'Read .env', hardlink: 'cat hardlink', python: 'python read', node: 'node read', control: 'control: no sandbox' };

/**
 * The agent started inside `airlock run --` (the built CLI) with no Airlock hook installed, so only the
 * sandbox stands between the fake `.env` and the model; or (`bare`) the same run without the sandbox, the
 * control that proves the same steps do carry the secret to the model when nothing masks it. One run,
 * one tool call per step (fixtures/scenarios.json "sandbox"). Returns per-route {status, notes}.
 */
async function runSandboxed(d, bin, mode) {
  const intent = SCENARIOS.sandbox;
  const world = makeWorld(d.agent, `sbx-${mode}`);
  const control = `airlock-control-${crypto.randomBytes(6).toString('hex')}`;
  fs.writeFileSync(path.join(world.ws, 'control.txt'), `${control}\n`);
  fs.linkSync(path.join(world.ws, '.env'), path.join(world.ws, 'notes.txt'));
  const steps = intent.steps.map((st) => ({ ...st, absolutePath: st.path ? path.join(world.ws, st.path) : undefined }));
  const fake = await startFakeModel({ intent: 'sequence', steps });
  let cli;
  try {
    const s = d.setup({ ...world, modelUrl: fake.url });
    // No hooks: nothing of Airlock's in the agent's settings, the workspace or the home.
    for (const f of [path.join(world.home, '.airlock'), path.join(world.home, '.claude', 'settings.json'), path.join(world.ws, '.claude')]) {
      if (fs.existsSync(f)) return { rows: { all: { status: 'fail', notes: [`an Airlock hook or state file exists before the run: ${f}`] } } };
    }
    const env = { ...baseEnv(world), ...s.env };
    const cmd = mode === 'sandbox' ? [process.execPath, [path.join(repo, 'dist', 'cli.js'), 'run', '--workspace', world.ws, ...(d.sandboxRunArgs ?? []), '--', bin, ...s.args]] : [bin, s.args];
    cli = await spawnCli(cmd[0], cmd[1], env, world.ws);
    killLeftovers(world.home);
    const said = `${cli.stdout}\n${cli.stderr}`;
    const results = fake.stepResults();
    const issued = fake.state.toolCalls.length;
    const general = [];
    if (fake.state.mismatches.length) general.push(`fake-model protocol mismatch; the CLI sent: ${fake.state.mismatches.slice(0, 3).join(' || ')}`);
    if (issued < steps.length) general.push(`the model made ${issued} of ${steps.length} tool calls (${fake.state.planErrors[0] ?? `${fake.state.requests.length} model requests`}); exit ${cli.code}${cli.timedOut ? ' (timed out)' : ''}: ${tail(said)}`);
    const leaked = fake.allText().includes(world.secret);
    const rows = {};
    const resultOf = (route) => results[steps.findIndex((st) => st.route === route)];
    for (const route of SANDBOX_ROUTES) {
      const fails = [...general];
      const r = resultOf(route);
      if (r === undefined) fails.push('no tool result reached the model for this step');
      else if (mode === 'sandbox') {
        if (r.includes(world.secret)) fails.push('the fake secret reached the model');
        // The step ran: the control file read in the same command (or by the same tool) reached the model.
        const ran = route === 'read' ? resultOf('readControl') : r;
        if (!ran?.includes(control)) fails.push(`the control file did not reach the model, so the step may not have run: ${tail(ran ?? '', 200)}`);
      } else if (!r.includes(world.secret)) fails.push(`without the sandbox the secret did not reach the model either, so this step proves nothing: ${tail(r, 200)}`);
      rows[route] = { status: fails.length ? 'fail' : 'pass', notes: fails };
    }
    if (mode === 'sandbox' && leaked) rows.shell.notes.push('the fake secret is in a request the model received');
    if (mode === 'sandbox' && leaked) for (const route of SANDBOX_ROUTES) rows[route].status = 'fail';
    return { rows, leaked };
  } finally {
    await fake.close();
    cleanUpRun(world, fake, cli);
  }
}

/** The sandbox rows for one agent: the sandboxed run per route, and the unsandboxed control run. */
async function sandboxRows(d, bin) {
  const t0 = Date.now();
  const problem = bwrapProblem();
  let rows;
  if (problem) rows = Object.fromEntries(SANDBOX_ROUTES.map((r) => [r, { status: 'fail', notes: [problem] }]));
  else {
    const inside = await runSandboxed(d, bin, 'sandbox').catch((e) => ({ rows: { all: { status: 'fail', notes: [`suite error: ${e?.stack ?? e}`] } } }));
    rows = inside.rows.all ? Object.fromEntries(SANDBOX_ROUTES.map((r) => [r, inside.rows.all])) : inside.rows;
  }
  const sandboxSeconds = Math.round((Date.now() - t0) / 100) / 10;
  const t1 = Date.now();
  const bare = await runSandboxed(d, bin, 'bare').catch((e) => ({ rows: { all: { status: 'fail', notes: [`suite error: ${e?.stack ?? e}`] } } }));
  const bareRows = bare.rows.all ? [bare.rows.all] : Object.values(bare.rows);
  const bareFails = bareRows.flatMap((r, i) => (r.status === 'fail' ? r.notes.map((n) => (bare.rows.all ? n : `${SANDBOX_ROUTES[i]}: ${n}`)) : []));
  rows.control = { status: bareFails.length ? 'fail' : 'pass', notes: bareFails, seconds: Math.round((Date.now() - t1) / 100) / 10 };
  for (const r of SANDBOX_ROUTES) rows[r].seconds = sandboxSeconds;
  for (const r of [...SANDBOX_ROUTES, 'control']) log(`  ${d.agent} under airlock run ${ROUTE_LABEL[r]}: ${rows[r].status}${rows[r].notes.length ? ` (${[...new Set(rows[r].notes)].join('; ')})` : ''} [${rows[r].seconds} s]`);
  return rows;
}

const SCENARIO_ORDER = ['canary', 'benign', 'envShell', 'envFile', 'mcp', 'lockdown'];
const LABEL = { canary: 'destructive canary', benign: 'benign command', envShell: '.env via shell', envFile: '.env via file tool', mcp: 'MCP delete_volume', lockdown: 'lockdown', post: 'post-tool event' };

async function runAgent(d) {
  const version = versionFor(d);
  if (!version) return { d, version: '?', notTested: `npm view ${d.pkg} failed (registry unreachable?)` };
  const inst = ensureInstalled(d, version);
  if (inst.error) return { d, version, notTested: inst.error };
  const rows = {};
  for (const s of SCENARIO_ORDER) {
    if (onlyScenario && s !== onlyScenario && !(onlyScenario === 'post' && s === 'benign')) {
      rows[s] = { status: 'n/a', notes: ['not selected'], seconds: 0 };
      continue;
    }
    const t0 = Date.now();
    rows[s] = await runScenario(d, inst.bin, s).catch((e) => ({ status: 'fail', notes: [`suite error: ${e?.stack ?? e}`] }));
    rows[s].seconds = Math.round((Date.now() - t0) / 100) / 10;
    log(`  ${d.agent} ${version} ${LABEL[s]}: ${rows[s].status}${rows[s].notes.length ? ` (${rows[s].notes.join('; ')})` : ''} [${rows[s].seconds} s]`);
    if (s === 'benign') rows.post = { status: rows.benign.status === 'fail' && !rows.benign.postSeen ? 'fail' : rows.benign.postSeen ? 'pass' : 'fail', notes: rows.benign.postSeen ? [] : ['no post-tool hook call seen in the benign run'], seconds: 0 };
  }
  rows.post ??= { status: 'n/a', notes: ['not selected'], seconds: 0 };
  const sandbox = d.sandbox && (!onlyScenario || onlyScenario === 'sandbox') ? await sandboxRows(d, inst.bin) : undefined;
  return { d, version, cached: inst.cached, rows, sandbox };
}

// Build dist/ (the hook and CLI the agents run).
const build = run(process.execPath, ['esbuild.js'], { cwd: repo });
if (build.status !== 0) {
  log(`build failed: ${build.stderr}`);
  log('0 passed, 1 failed');
  process.exit(1);
}
fs.mkdirSync(cacheRoot, { recursive: true });
const drivers = DRIVERS.filter((d) => only.length === 0 || only.includes(d.agent));
const queue = [...drivers];
const reports = [];
await Promise.all(
  Array.from({ length: Math.min(PARALLEL, queue.length) }, async () => {
    for (let d = queue.shift(); d; d = queue.shift()) reports.push(await runAgent(d));
  }),
);
reports.sort((a, b) => drivers.indexOf(a.d) - drivers.indexOf(b.d));

let passed = 0;
let failed = 0;
const notTested = [];
const cols = [...SCENARIO_ORDER, 'post'];
log('');
log(`| agent | version | ${cols.map((c) => LABEL[c]).join(' | ')} |`);
log(`|---|---|${cols.map(() => '---').join('|')}|`);
for (const r of reports) {
  if (r.notTested) {
    notTested.push(`${r.d.name}: ${r.notTested}`);
    log(`| ${r.d.name} | ${r.version} | ${cols.map(() => 'not tested').join(' | ')} |`);
    continue;
  }
  for (const c of cols) {
    if (r.rows[c].status === 'pass') passed++;
    else if (r.rows[c].status === 'fail') failed++;
  }
  log(`| ${r.d.name} | ${r.version} | ${cols.map((c) => `${r.rows[c].status}${r.rows[c].notes.some((n) => n.startsWith('known gap')) ? ' (reason not delivered)' : ''}`).join(' | ')} |`);
}
// The agents started inside `airlock run` with no hooks (issue 16): one row each, every route a check.
const sandboxed = reports.filter((r) => r.sandbox);
if (sandboxed.length) {
  const sCols = [...SANDBOX_ROUTES, 'control'];
  log('');
  log(`| under airlock run, no hooks | version | ${sCols.map((c) => ROUTE_LABEL[c]).join(' | ')} |`);
  log(`|---|---|${sCols.map(() => '---').join('|')}|`);
  for (const r of sandboxed) {
    for (const c of sCols) {
      if (r.sandbox[c].status === 'pass') passed++;
      else if (r.sandbox[c].status === 'fail') failed++;
    }
    log(`| ${r.d.name} | ${r.version} | ${sCols.map((c) => r.sandbox[c].status).join(' | ')} |`);
  }
}
const seconds = Math.round((Date.now() - started) / 1000);
const record = {
  testedAt: new Date().toISOString(),
  latest,
  seconds,
  agents: Object.fromEntries(reports.map((r) => [r.d.agent, { package: r.d.pkg, version: r.version, ...(r.notTested ? { notTested: r.notTested } : { results: Object.fromEntries(cols.map((c) => [c, r.rows[c].status])) }), ...(r.sandbox ? { underAirlockRun: Object.fromEntries(Object.entries(r.sandbox).map(([k, v]) => [k, v.status])) } : {}) }])),
};
// A run of some agents keeps the others' last record.
const recordFile = path.join(cacheRoot, 'tested.json');
let previous = {};
try {
  previous = JSON.parse(fs.readFileSync(recordFile, 'utf8')).agents ?? {};
} catch {
  previous = {};
}
record.agents = { ...previous, ...Object.fromEntries(Object.entries(record.agents).map(([k, v]) => [k, { ...v, testedAt: record.testedAt }])) };
fs.writeFileSync(recordFile, `${JSON.stringify(record, null, 2)}\n`);
log('');
for (const n of notTested) log(`NOT TESTED ${n}`);
log(`tested versions recorded in ${path.join(cacheRoot, 'tested.json')}; suite took ${seconds} s`);
// A CLI that could not be installed is not a pass: it counts as one failure, so the run is not green.
log(`${passed} passed, ${failed + notTested.length} failed`);
process.exit(failed + notTested.length === 0 ? 0 : 1);

/** After a run: stop what the CLI left behind and remove its world, or keep it (AIRLOCK_KEEP_AGENT_RUNS) with what
 * the model was sent and what the CLI printed, for debugging a protocol. */
function cleanUpRun(world, fake, cli) {
  if (cli) killLeftovers(world.home);
  if (!process.env.AIRLOCK_KEEP_AGENT_RUNS) {
    fs.rmSync(world.base, { recursive: true, force: true });
    return;
  }
  fs.writeFileSync(path.join(world.base, 'model-requests.json'), JSON.stringify(fake.state.requests.map((r) => ({ api: r.api, path: r.path, answered: r.answered, body: r.body })), null, 1));
  if (cli) fs.writeFileSync(path.join(world.base, 'cli-output.txt'), `exit ${cli.code}\n--- stdout\n${cli.stdout}\n--- stderr\n${cli.stderr}`);
  log(`  kept ${world.base}`);
}
