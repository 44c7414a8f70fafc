// How each agent CLI is pointed at the fake model, run without a terminal, with its own approvals
// bypassed (so only Airlock can stop anything), and with its own trust step done in the temp HOME
// as a person would do it. Package names and the versions last tested are pinned here.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';

const PROMPT = 'Airlock conformance test: carry out the task with your tools, then say done.';

function writeJson(file, value) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}

function mergeJson(file, patch) {
  let cur = {};
  try {
    cur = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    cur = {};
  }
  writeJson(file, { ...cur, ...patch });
}

/** The MCP server every agent that speaks MCP is given: `volumes` with a delete_volume tool. */
export function mcpServer(ctx) {
  return { command: process.execPath, args: [ctx.mcpScript, ctx.mcpMarker], env: { AIRLOCK_MCP_MARKER: ctx.mcpMarker } };
}

/** Every object in `v` (deeply) that has the given keys. */
function objectsWith(v, keys, out = []) {
  if (Array.isArray(v)) for (const x of v) objectsWith(x, keys, out);
  else if (v && typeof v === 'object') {
    if (keys.every((k) => k in v)) out.push(v);
    for (const x of Object.values(v)) objectsWith(x, keys, out);
  }
  return out;
}

/**
 * Codex's hook trust, done the way its own /hooks screen does it: through the app-server, list the
 * hooks for this folder and record each untrusted one's current hash as trusted. Returns how many
 * hooks were trusted, or throws with what Codex answered.
 */
export async function trustCodexHooks(bin, env, cwd) {
  const child = spawn(bin, ['app-server'], { cwd, env, stdio: ['pipe', 'pipe', 'pipe'] });
  const pending = new Map();
  let stderr = '';
  child.stderr.on('data', (c) => (stderr += c));
  readline.createInterface({ input: child.stdout }).on('line', (line) => {
    try {
      const msg = JSON.parse(line);
      if (msg.id !== undefined && pending.has(msg.id)) {
        pending.get(msg.id)(msg);
        pending.delete(msg.id);
      }
    } catch {
      /* not ours */
    }
  });
  let next = 0;
  const call = (method, params) =>
    new Promise((resolve, reject) => {
      const id = ++next;
      const timer = setTimeout(() => reject(new Error(`codex app-server: no answer to ${method}; stderr: ${stderr.slice(-400)}`)), 30_000);
      pending.set(id, (msg) => {
        clearTimeout(timer);
        if (msg.error) reject(new Error(`codex app-server ${method}: ${JSON.stringify(msg.error)}`));
        else resolve(msg.result);
      });
      child.stdin.write(`${JSON.stringify({ id, method, params })}\n`);
    });
  try {
    await call('initialize', { clientInfo: { name: 'airlock-conformance', title: 'Airlock conformance suite', version: '1.0.0' } });
    child.stdin.write(`${JSON.stringify({ method: 'initialized' })}\n`);
    const listed = await call('hooks/list', { cwds: [cwd] });
    const hooks = objectsWith(listed, ['key', 'currentHash']).filter((h) => JSON.stringify(h).includes('airlock-hook'));
    if (hooks.length === 0) throw new Error(`codex lists no Airlock hook for ${cwd}: ${JSON.stringify(listed).slice(0, 400)}`);
    const state = Object.fromEntries(hooks.map((h) => [h.key, { trusted_hash: h.currentHash }]));
    await call('config/batchWrite', { edits: [{ keyPath: 'hooks.state', value: state, mergeStrategy: 'upsert' }] });
    return hooks.length;
  } finally {
    child.kill('SIGKILL');
  }
}

export const DRIVERS = [
  {
    agent: 'claude',
    name: 'Claude Code',
    pkg: '@anthropic-ai/claude-code',
    version: '2.1.332',
    bin: 'claude',
    mcp: true,
    // Also run inside `airlock run --` with no hooks (the sandbox rows of the suite's second table).
    sandbox: true,
    // `airlock run` removes credential-named variables; the agent's own model key is passed on by name.
    sandboxRunArgs: ['--keep-env', 'ANTHROPIC_API_KEY'],
    setup(ctx) {
      const mcpConfig = path.join(ctx.home, 'mcp.json');
      writeJson(mcpConfig, { mcpServers: { volumes: mcpServer(ctx) } });
      return {
        env: {
          ANTHROPIC_BASE_URL: ctx.modelUrl,
          ANTHROPIC_API_KEY: 'airlock-fake-key',
          // Claude Code refuses to skip its permissions as root unless told it is in a sandbox.
          IS_SANDBOX: '1',
          CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
          DISABLE_AUTOUPDATER: '1',
          // MCP tools are otherwise deferred behind ToolSearch; the fake model calls them directly.
          ENABLE_TOOL_SEARCH: 'false',
        },
        args: ['-p', PROMPT, '--dangerously-skip-permissions', '--mcp-config', mcpConfig, '--strict-mcp-config'],
      };
    },
  },
  {
    agent: 'gemini',
    needsTrust: true,
    name: 'Gemini CLI',
    pkg: '@google/gemini-cli',
    version: '0.61.0',
    bin: 'gemini',
    mcp: true,
    setup(ctx) {
      // Trust step: the folder marked trusted, as the CLI's own trust dialog records it.
      writeJson(path.join(ctx.home, '.gemini', 'trustedFolders.json'), { [ctx.ws]: 'TRUST_FOLDER' });
      mergeJson(path.join(ctx.home, '.gemini', 'settings.json'), {
        security: { auth: { selectedType: 'gemini-api-key' } },
        general: { disableAutoUpdate: true, disableUpdateNag: true },
        privacy: { usageStatisticsEnabled: false },
        mcpServers: { volumes: mcpServer(ctx) },
      });
      return {
        env: { GEMINI_API_KEY: 'airlock-fake-key', GOOGLE_GEMINI_BASE_URL: ctx.modelUrl },
        // An explicit model skips the router's classifier calls (slow side requests, retried on any doubt).
        args: ['-p', PROMPT, '--approval-mode', 'yolo', '--model', 'gemini-2.5-flash'],
      };
    },
  },
  {
    agent: 'codex',
    needsTrust: true,
    name: 'Codex',
    pkg: '@openai/codex',
    version: '0.171.0',
    bin: 'codex',
    mcp: true,
    // Codex has no file-read tool of its own: it reads files through exec_command (the shell rows).
    fileTool: false,
    setup(ctx) {
      const m = mcpServer(ctx);
      const q = (s) => JSON.stringify(s);
      const toml = [
        'model = "fake-model"',
        'model_provider = "fake"',
        'check_for_update_on_startup = false',
        '',
        '[model_providers.fake]',
        'name = "fake"',
        `base_url = ${q(`${ctx.modelUrl}/v1`)}`,
        'wire_api = "responses"',
        'env_key = "FAKE_MODEL_KEY"',
        'request_max_retries = 0',
        'stream_max_retries = 0',
        '',
        '[mcp_servers.volumes]',
        `command = ${q(m.command)}`,
        `args = [${m.args.map(q).join(', ')}]`,
        `env = { AIRLOCK_MCP_MARKER = ${q(m.env.AIRLOCK_MCP_MARKER)} }`,
        '',
        `[projects.${q(ctx.ws)}]`,
        'trust_level = "trusted"',
        '',
      ].join('\n');
      fs.mkdirSync(path.join(ctx.home, '.codex'), { recursive: true });
      fs.writeFileSync(path.join(ctx.home, '.codex', 'config.toml'), toml);
      return {
        env: { FAKE_MODEL_KEY: 'airlock-fake-key', CODEX_HOME: path.join(ctx.home, '.codex') },
        args: ['exec', '--dangerously-bypass-approvals-and-sandbox', '--skip-git-repo-check', PROMPT],
      };
    },
    // Hook trust as a person gives it in /hooks (Codex skips untrusted project hooks silently).
    trust: (ctx, bin, env) => trustCodexHooks(bin, env, ctx.ws),
  },
  {
    agent: 'cline',
    name: 'Cline CLI',
    pkg: 'cline',
    version: '3.0.65',
    bin: 'cline',
    mcp: true,
    // A hook script can only end the task (cancel) or swap the input; Airlock's plugin in
    // .cline/plugins/ carries the hook's verdict on MCP calls and skips a blocked one with the reason
    // as the tool result (docs/agents.md, "Cline CLI 3.x"). No reasonGap: the MCP scenario asserts it.
    setup(ctx) {
      // What `cline mcp add volumes --yes -- <command>` writes.
      const m = mcpServer(ctx);
      writeJson(path.join(ctx.home, '.cline', 'data', 'settings', 'cline_mcp_settings.json'), { mcpServers: { volumes: { transport: { type: 'stdio', command: m.command, args: m.args } } } });
      // What `cline auth -p openai-compatible -k KEY -m MODEL -b URL` writes (the command itself waits ~20 s offline).
      writeJson(path.join(ctx.home, '.cline', 'data', 'settings', 'providers.json'), {
        version: 1,
        lastUsedProvider: 'openai-compatible',
        modes: {},
        providers: { 'openai-compatible': { settings: { provider: 'openai-compatible', apiKey: 'airlock-fake-key', model: 'fake-model', baseUrl: `${ctx.modelUrl}/v1` }, updatedAt: new Date().toISOString(), tokenSource: 'manual' } },
      });
      // --retries 2, not 1: a skipped (blocked) MCP call is a failed tool result, which Cline counts as a
      // "mistake"; with a limit of 1 the run would end before the model reads it (Cline's default is 6).
      return { env: {}, args: ['--json', '--auto-approve', 'true', '--retries', '2', PROMPT] };
    },
  },
  {
    agent: 'copilot',
    needsTrust: true,
    name: 'Copilot CLI',
    pkg: '@github/copilot',
    version: '1.0.102',
    bin: 'copilot',
    mcp: true,
    setup(ctx) {
      // Trust step: the folder in trusted_folders, as the CLI's own "trust this folder" answer records it.
      mergeJson(path.join(ctx.home, '.copilot', 'config.json'), { trusted_folders: [ctx.ws] });
      writeJson(path.join(ctx.home, '.copilot', 'mcp-config.json'), { mcpServers: { volumes: { type: 'local', tools: ['*'], ...mcpServer(ctx) } } });
      return {
        env: {
          COPILOT_PROVIDER_BASE_URL: `${ctx.modelUrl}/v1`,
          COPILOT_PROVIDER_API_KEY: 'airlock-fake-key',
          COPILOT_MODEL: 'fake-model',
          COPILOT_OFFLINE: 'true',
        },
        args: ['-p', PROMPT, '--allow-all-tools'],
      };
    },
  },
];
