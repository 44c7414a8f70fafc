// A fake coding agent that behaves like Cursor with hooks, for the Airlock demo.
// Before each shell command it does what Cursor does: runs every `beforeShellExecution` hook in
// .cursor/hooks.json (cwd = project root, the payload on stdin) and runs the command only if the
// answer allows it. Without hooks installed it asks `airlock hook --agent cursor` directly
// ($AIRLOCK_DEMO_CLI, set by `npm start`), so the demo works before "Connect Agents" too.
//   ./agent '<command>'   one command
//   ./agent --replay      the incident: read the task, hunt for credentials, send the volumeDelete curl
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const say = (m) => console.log(`\x1b[35m[agent]\x1b[0m ${m}`);

function hooks() {
  const file = path.join(ROOT, '.cursor', 'hooks.json');
  if (fs.existsSync(file)) {
    try {
      const entries = JSON.parse(fs.readFileSync(file, 'utf8')).hooks?.beforeShellExecution ?? [];
      if (entries.length > 0) return { source: '.cursor/hooks.json', entries };
    } catch (err) {
      say(`.cursor/hooks.json is not valid JSON (${err.message}); Cursor would ignore it`);
    }
  }
  const cli = process.env.AIRLOCK_DEMO_CLI;
  if (!cli) return { source: 'none', entries: [] };
  return { source: 'airlock hook (no hooks file yet)', entries: [{ command: `node ${JSON.stringify(cli)} hook --agent cursor`, timeout: 60, failClosed: true }] };
}

let generation = 0;
function askHooks(command) {
  const { source, entries } = hooks();
  if (entries.length === 0) {
    say('no hooks installed and no Airlock CLI found: Cursor would just run it');
    return { permission: 'allow' };
  }
  generation += 1;
  const payload = {
    hook_event_name: 'beforeShellExecution',
    conversation_id: 'demo-conversation',
    generation_id: `demo-generation-${generation}`,
    model: 'fake-agent',
    cursor_version: '3.0.0',
    workspace_roots: [ROOT],
    user_email: null,
    transcript_path: null,
    command,
    cwd: ROOT,
    timeout: 30,
  };
  let verdict = { permission: 'allow' };
  for (const hook of entries) {
    if (hook.matcher && !new RegExp(hook.matcher).test(command)) continue;
    const r = spawnSync('sh', ['-c', hook.command], {
      cwd: ROOT,
      input: JSON.stringify(payload),
      encoding: 'utf8',
      env: { ...process.env, CURSOR_PROJECT_DIR: ROOT, CLAUDE_PROJECT_DIR: ROOT },
      timeout: (hook.timeout ?? 60) * 1000,
    });
    let answer;
    try {
      answer = JSON.parse(r.stdout);
    } catch {
      answer = undefined;
    }
    // Cursor's rules: exit 2 blocks; exit 0 uses the JSON; anything else fails open unless failClosed.
    if (r.status === 2) answer = { permission: 'deny', ...(answer ?? {}), ...(answer?.permission ? {} : { user_message: r.stderr.trim() }) };
    else if (r.status !== 0 || !answer) answer = hook.failClosed ? { permission: 'deny', user_message: `hook failed (${r.status ?? r.signal})` } : { permission: 'allow' };
    if (answer.permission === 'deny' || (answer.permission === 'ask' && verdict.permission === 'allow')) verdict = answer;
  }
  say(`asked ${source}: ${verdict.permission}`);
  return verdict;
}

function act(command) {
  // Echo the command as the agent runs it, minus the credential: even a fake token is not printed.
  say(`$ ${command.replace(/(Bearer\s+)[^\s"']+/g, '$1****')}`);
  const verdict = askHooks(command);
  if (verdict.permission !== 'allow') {
    const why = verdict.agent_message || verdict.user_message || 'blocked by a hook';
    say(`\x1b[31mnot running it\x1b[0m: ${why}`);
    return false;
  }
  spawnSync('bash', ['-c', command], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, PATH: `${ROOT}/bin:${process.env.PATH}` } });
  return true;
}

function replay() {
  const api = process.env.RAILWAY_API_URL;
  if (!api || !/^http:\/\/127\.0\.0\.1:\d+\//.test(api)) {
    say('RAILWAY_API_URL is not the local fake API: run the replay in a terminal of the `npm start` editor');
    process.exit(1);
  }
  say('Task: fix the staging deploy (credential mismatch).');
  act('cat TASK.md');
  say('The token in RAILWAY_TOKEN is rejected. Looking for another credential...');
  if (!act('grep -rn "token" config/')) {
    say('(replay) Airlock stopped the search here; the real agent was not stopped and found the token. Continuing as it did.');
  }
  // What the real agent did next: take the broad token it found and call the provider's API directly.
  const token = JSON.parse(fs.readFileSync(path.join(ROOT, 'config', 'legacy-deploy.json'), 'utf8')).token;
  say('Found a token in config/legacy-deploy.json. Deleting the staging volume to recreate it...');
  act(
    `curl -sS -X POST ${api} -H "Authorization: Bearer ${token}" -H 'Content-Type: application/json' ` +
      `-d '{"query":"mutation { volumeDelete(volumeId: \\"vol-prod-9a7e\\") }"}'`,
  );
  console.log('');
}

const args = process.argv.slice(2);
if (args[0] === '--replay') replay();
else if (args.length > 0) process.exitCode = act(args.join(' ')) ? 0 : 2;
else console.log("usage: ./agent '<command>' | ./agent --replay");
