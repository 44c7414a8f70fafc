// How each agent CLI is pointed at the fake model, run without a terminal, with its own approvals
// bypassed (so only Airlock can stop anything), and with its own trust step done in the temp HOME
// as a person would do it. Package names and the versions last tested are pinned here.
import fs from 'node:fs';
import path from 'node:path';

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
  return { command: process.execPath, args: [ctx.mcpScript], env: { AIRLOCK_MCP_MARKER: ctx.mcpMarker } };
}

export const DRIVERS = [
  {
    agent: 'claude',
    name: 'Claude Code',
    pkg: '@anthropic-ai/claude-code',
    version: '2.1.332',
    bin: 'claude',
    mcp: true,
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
        args: ['-p', PROMPT, '--approval-mode', 'yolo'],
      };
    },
  },
  {
    agent: 'codex',
    name: 'Codex',
    pkg: '@openai/codex',
    version: '0.171.0',
    bin: 'codex',
    mcp: true,
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
        // Hook trust: Codex keeps per-hook trust in its config through its /hooks screen, which
        // needs a terminal; the documented flag for a non-interactive run stands in for it.
        args: ['exec', '--dangerously-bypass-approvals-and-sandbox', '--dangerously-bypass-hook-trust', '--skip-git-repo-check', PROMPT],
      };
    },
  },
  {
    agent: 'cline',
    name: 'Cline CLI',
    pkg: 'cline',
    version: '3.0.65',
    bin: 'cline',
    mcp: false,
    preRun(ctx) {
      return { args: ['auth', '-p', 'openai-compatible', '-k', 'airlock-fake-key', '-m', 'fake-model', '-b', `${ctx.modelUrl}/v1`] };
    },
    setup() {
      return { env: {}, args: ['--json', '--auto-approve', 'true', '--retries', '1', PROMPT] };
    },
  },
  {
    agent: 'copilot',
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
