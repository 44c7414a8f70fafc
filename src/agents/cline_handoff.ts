// The Cline CLI (3.x) hook script and Airlock's Cline plugin, talking through files in Airlock's
// per-user state dir. A hook script can only end Cline's whole task (`cancel`, its reason lost) or
// swap the input (which an MCP server still receives); only a plugin's `beforeTool` can skip a call
// and hand its reason to the model as the tool's result. Plugins run in Cline's plugin sandbox with a
// fixed 3 s limit per hook, too short to wait for a person, so the hook script keeps deciding
// (asking in the editor as before) and the plugin only carries the verdict of MCP calls:
//
//   1. The plugin, when Cline loads it for a session, writes `cline/sessions/<h(session)>`.
//   2. The hook script, for an MCP tool_call whose session has that marker, writes its verdict to
//      `cline/calls/<h(session, toolCallId)>.json` and answers "continue" instead of `cancel`.
//      Without the marker (plugin not loaded, disabled, failed) it cancels as before.
//   3. The plugin's `beforeTool`, which Cline runs after the hook scripts, reads and deletes the
//      record: block -> skip with the reason; allow -> continue; no record -> skip (fail closed).
//
// The plugin's own copy of the names below lives in install/cline_plugin.ts (it must run alone,
// with no import from Airlock); test/unit/agents/cline_plugin.test.ts checks that the two agree.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { sha256 } from '../gate/audit';
import { stateDir } from '../gate/state_dir';

export interface HandoffRecord {
  decision: 'allow' | 'block';
  reason: string;
}

function h(...parts: string[]): string {
  return sha256(parts.join('\0')).slice(0, 40);
}

export function handoffDir(root: string = stateDir()): string {
  return path.join(root, 'cline');
}

export function sessionMarkerPath(session: string, root: string = stateDir()): string {
  return path.join(handoffDir(root), 'sessions', h(session));
}

export function callRecordPath(session: string, toolCallId: string, root: string = stateDir()): string {
  return path.join(handoffDir(root), 'calls', `${h(session, toolCallId)}.json`);
}

/** The CLI's MCP tools: `<server>__<tool>`, or the extension-era `use_mcp_tool`. */
export function isClineMcpTool(name: string): boolean {
  return name === 'use_mcp_tool' || /^[A-Za-z0-9._-]+?__[A-Za-z0-9._-]+$/.test(name);
}

/** True when Airlock's plugin was loaded for this Cline session (it wrote its marker). */
export function pluginActive(session: string, root: string = stateDir()): boolean {
  try {
    return fs.lstatSync(sessionMarkerPath(session, root)).isFile();
  } catch {
    return false;
  }
}

/** Writes the verdict for the plugin. False when it could not: the caller must then cancel. */
export function writeCallRecord(session: string, toolCallId: string, record: HandoffRecord, root: string = stateDir()): boolean {
  try {
    const file = callRecordPath(session, toolCallId, root);
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(record), { mode: 0o600 });
    fs.renameSync(tmp, file);
    return true;
  } catch {
    return false;
  }
}
