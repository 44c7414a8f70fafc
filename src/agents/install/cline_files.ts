// Cline runs one executable per event from .clinerules/hooks/<Event>, and the CLI (3.x) loads
// plugin modules from .cline/plugins/. Airlock's files carry a marker line; a file without it is
// the person's and is never overwritten or removed. The plugin (cline_plugin.ts) lets a blocked
// MCP call tell the model why; the hook scripts still decide every call.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CLINE_PLUGIN_FILE, CLINE_PLUGIN_MARKER, CLINE_PLUGIN_SOURCE } from './cline_plugin';
import { CLINE_DIR, CLINE_EVENTS_INSTALLED } from './specs';
import type { InstallResult } from './types';

export const CLINE_MARKER = '# airlock-hook: managed by Airlock (airlock uninstall --agent cline removes it)';

/** The hook command is a shell line that ends by exec-ing the shim (see hookCommand). */
function script(command: string): string {
  return `#!/bin/sh\n${CLINE_MARKER}\n${command}\n`;
}

function ours(file: string, marker: string = CLINE_MARKER): boolean | undefined {
  try {
    return fs.readFileSync(file, 'utf8').includes(marker);
  } catch {
    return undefined;
  }
}

export function installCline(workspace: string, command: (event?: string) => string): InstallResult {
  const dir = path.join(workspace, CLINE_DIR);
  const skipped: string[] = [];
  let changed = false;
  try {
    fs.mkdirSync(dir, { recursive: true });
    for (const event of CLINE_EVENTS_INSTALLED) {
      const file = path.join(dir, event);
      const mine = ours(file);
      if (mine === false) {
        skipped.push(event);
        continue;
      }
      const body = script(command(event));
      if (mine && fs.readFileSync(file, 'utf8') === body) continue;
      fs.writeFileSync(file, body, { mode: 0o755 });
      fs.chmodSync(file, 0o755);
      changed = true;
    }
    // The plugin only carries the verdicts of Airlock's PreToolUse hook: without that hook it would
    // find none and refuse every MCP call, so it goes in only beside Airlock's own PreToolUse.
    const plugin = path.join(workspace, CLINE_PLUGIN_FILE);
    const mine = ours(plugin, CLINE_PLUGIN_MARKER);
    if (mine === false) skipped.push(CLINE_PLUGIN_FILE);
    else if (skipped.includes('PreToolUse')) {
      if (mine) {
        fs.rmSync(plugin);
        changed = true;
      }
    } else if (!mine || fs.readFileSync(plugin, 'utf8') !== CLINE_PLUGIN_SOURCE) {
      fs.mkdirSync(path.dirname(plugin), { recursive: true });
      fs.writeFileSync(plugin, CLINE_PLUGIN_SOURCE, { mode: 0o644 });
      changed = true;
    }
  } catch (err) {
    return { agent: 'cline', file: dir, status: 'error', message: err instanceof Error ? err.message : String(err) };
  }
  if (skipped.length) {
    return { agent: 'cline', file: dir, status: 'skipped', message: `your own ${skipped.join(', ')} hook already exists there; Airlock did not replace it (Cline runs one file per event)` };
  }
  return { agent: 'cline', file: dir, status: changed ? 'installed' : 'unchanged' };
}

export function uninstallCline(workspace: string): InstallResult {
  const dir = path.join(workspace, CLINE_DIR);
  let removed = false;
  for (const event of CLINE_EVENTS_INSTALLED) {
    const file = path.join(dir, event);
    if (ours(file)) {
      fs.rmSync(file);
      removed = true;
    }
  }
  const plugin = path.join(workspace, CLINE_PLUGIN_FILE);
  if (ours(plugin, CLINE_PLUGIN_MARKER)) {
    fs.rmSync(plugin);
    removed = true;
  }
  // Take the directories back too when Airlock's files were all they held.
  for (const start of [dir, path.dirname(plugin)]) {
    for (const d of [start, path.dirname(start)]) {
      try {
        fs.rmdirSync(d);
      } catch {
        break;
      }
    }
  }
  return { agent: 'cline', file: dir, status: removed ? 'removed' : 'absent' };
}

export function clineInstalled(workspace: string): { installed: boolean; missing: string[] } {
  const missing = CLINE_EVENTS_INSTALLED.filter((e) => !ours(path.join(workspace, CLINE_DIR, e))).map((e) => `${CLINE_DIR}/${e}`);
  if (!ours(path.join(workspace, CLINE_PLUGIN_FILE), CLINE_PLUGIN_MARKER)) missing.push(CLINE_PLUGIN_FILE);
  return { installed: missing.length === 0, missing };
}
