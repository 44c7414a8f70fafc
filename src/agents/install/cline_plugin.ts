// Airlock's Cline plugin, written to `.cline/plugins/airlock.js` next to the hook scripts. Cline's
// CLI (3.x) loads every .js/.ts module under a workspace's `.cline/plugins/` into its plugin sandbox
// (a child process; each hook call has a fixed 3 s limit) and calls its `beforeTool` after the hook
// scripts. It carries the hook script's verdict on MCP calls, so a block becomes the tool's error
// result, which the model reads, instead of an unexplained end of the task. The protocol is in
// ../cline_handoff.ts; this file must run alone (no import from Airlock), so it repeats the names.
export const CLINE_PLUGIN_FILE = '.cline/plugins/airlock.js';
export const CLINE_PLUGIN_MARKER = '// airlock-plugin: managed by Airlock (airlock uninstall --agent cline removes it)';

export const CLINE_PLUGIN_SOURCE = `${CLINE_PLUGIN_MARKER}
// Carries Airlock's verdict on MCP tool calls from its PreToolUse hook to the model: a blocked call
// is skipped with Airlock's reason as the tool result. Other tools are left to the hook scripts.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const MCP_TOOL = /^[A-Za-z0-9._-]+?__[A-Za-z0-9._-]+$/;
const NOT_RUN = 'The call was not run. Do not retry or work around this.';

function stateDir() {
  if (process.platform === 'win32') return path.join(process.env.LOCALAPPDATA || path.join(os.homedir(), 'AppData', 'Local'), 'Airlock');
  return path.join(os.homedir(), '.airlock');
}
function h(...parts) {
  return createHash('sha256').update(parts.join('\\0')).digest('hex').slice(0, 40);
}
export function isMcpTool(name) {
  return typeof name === 'string' && (name === 'use_mcp_tool' || MCP_TOOL.test(name));
}

// The root session this plugin was loaded for; set only once its marker is written.
let session;

export function setup(_api, ctx) {
  const id = ctx && ctx.session && typeof ctx.session.sessionId === 'string' ? ctx.session.sessionId : '';
  if (!id) return;
  try {
    const file = path.join(stateDir(), 'cline', 'sessions', h(id));
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    fs.writeFileSync(file, JSON.stringify({ pid: process.pid, at: new Date().toISOString() }), { mode: 0o600 });
    session = id;
  } catch {
    // No marker: the hook scripts keep cancelling blocked MCP calls themselves.
  }
}

function skip(reason) {
  return { skip: true, reason };
}

export function beforeTool(ctx) {
  const name = (ctx && ctx.tool && ctx.tool.name) || (ctx && ctx.toolCall && ctx.toolCall.toolName);
  if (!isMcpTool(name) || session === undefined) return undefined;
  const id = ctx.toolCall && ctx.toolCall.toolCallId;
  if (typeof id !== 'string' || !id) return skip('Airlock blocked this: the MCP call has no id, so Airlock cannot match it to its hook\\'s decision. ' + NOT_RUN);
  const file = path.join(stateDir(), 'cline', 'calls', h(session, id) + '.json');
  let text;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return skip("Airlock blocked this: its PreToolUse hook gave no decision for this MCP call (are Cline's hooks enabled, with Airlock's files in .clinerules/hooks?). " + NOT_RUN);
  }
  try {
    fs.rmSync(file, { force: true });
  } catch {
    // A record left behind is overwritten by the hook's next decision for this id.
  }
  let record;
  try {
    record = JSON.parse(text);
  } catch {
    record = undefined;
  }
  if (record && record.decision === 'allow') return undefined;
  if (record && record.decision === 'block' && typeof record.reason === 'string' && record.reason) return skip(record.reason);
  return skip("Airlock blocked this: its hook's decision for this MCP call could not be read. " + NOT_RUN);
}

export default {
  name: 'airlock',
  manifest: { capabilities: ['hooks'] },
  setup,
  hooks: { beforeTool },
};
`;
