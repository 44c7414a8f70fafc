// Agents that read Airlock's hook file yet will not run it: Codex runs a project hook only once
// the person trusted it (/hooks; the trust is kept per hook in ~/.codex/config.toml), Gemini CLI
// and the Copilot CLI run project hooks only in a folder the person trusted, Claude Code skips
// every hook under `disableAllHooks`. Measured with the real CLIs (test/agents): untrusted, the
// hooks are skipped silently and nothing is stopped. Each check reads the agent's own files and
// says how the person fixes it; an unreadable file is "not known", never "trusted".
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { HookAgentId } from '../core/action';

export interface TrustProblem {
  /** What the agent will do with Airlock's hook. */
  problem: string;
  /** What the person does about it. */
  fix: string;
  /** The agent's file that records the trust (or the switch). */
  file: string;
}

function readText(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

function readJson(file: string): unknown {
  const text = readText(file);
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** `dir` is `root` or inside it (both resolved; no symlink tricks needed for a person's own config). */
function within(dir: string, root: string): boolean {
  const rel = path.relative(path.resolve(root), path.resolve(dir));
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

function geminiTrust(workspace: string, home: string, env: NodeJS.ProcessEnv): TrustProblem | undefined {
  if (env.GEMINI_CLI_TRUST_WORKSPACE === 'true') return undefined;
  const settings = readJson(path.join(home, '.gemini', 'settings.json')) as { security?: { folderTrust?: { enabled?: boolean } } } | undefined;
  // With folder trust turned off, Gemini treats every folder as trusted.
  if (settings?.security?.folderTrust?.enabled === false) return undefined;
  const file = path.join(home, '.gemini', 'trustedFolders.json');
  const rules = readJson(file);
  let trusted = false;
  if (rules && typeof rules === 'object') {
    for (const [dir, level] of Object.entries(rules as Record<string, unknown>)) {
      if (level === 'DO_NOT_TRUST' && within(workspace, dir)) return untrustedGemini(file);
      if (level === 'TRUST_FOLDER' && within(workspace, dir)) trusted = true;
      if (level === 'TRUST_PARENT' && within(workspace, path.dirname(dir))) trusted = true;
    }
  }
  return trusted ? undefined : untrustedGemini(file);
}

function untrustedGemini(file: string): TrustProblem {
  return {
    problem: 'Gemini CLI runs project hooks only in a trusted folder: here it skips Airlock\'s hook (and --skip-trust drops it too)',
    fix: 'start gemini in this folder and answer "Trust folder", or add the folder to ~/.gemini/trustedFolders.json as TRUST_FOLDER',
    file,
  };
}

function copilotTrust(workspace: string, home: string): TrustProblem | undefined {
  const file = path.join(home, '.copilot', 'config.json');
  const cfg = readJson(file) as { trusted_folders?: unknown; trustedFolders?: unknown } | undefined;
  const list = cfg?.trusted_folders ?? cfg?.trustedFolders;
  if (Array.isArray(list) && list.some((d) => typeof d === 'string' && within(workspace, d))) return undefined;
  return {
    problem: 'the Copilot CLI runs .github/hooks only in a trusted folder: here it skips Airlock\'s hook',
    fix: 'start copilot in this folder and choose to trust it, or add the folder to "trusted_folders" in ~/.copilot/config.json',
    file,
  };
}

function codexTrust(workspace: string, home: string, env: NodeJS.ProcessEnv): TrustProblem | undefined {
  const file = path.join(env.CODEX_HOME || path.join(home, '.codex'), 'config.toml');
  const text = readText(file) ?? '';
  const hooksFile = path.join(workspace, '.codex', 'hooks.json');
  // Trust is kept per hook as [hooks.state."<key>"] trusted_hash = "sha256:..."; a key names the hook's file.
  const sections = text.split(/^(?=\[)/m);
  const trusted = sections.some((s) => /^\[hooks\.state\./.test(s) && s.includes(hooksFile) && /^\s*trusted_hash\s*=/m.test(s));
  if (trusted) return undefined;
  return {
    problem: 'Codex silently skips project hooks until you trust them: Airlock\'s hooks in .codex/hooks.json are not trusted yet',
    fix: 'run codex in this folder, open /hooks and trust the Airlock hooks (Codex asks again whenever the hook file changes)',
    file,
  };
}

function claudeTrust(workspace: string, home: string): TrustProblem | undefined {
  for (const file of [path.join(home, '.claude', 'settings.json'), path.join(workspace, '.claude', 'settings.json'), path.join(workspace, '.claude', 'settings.local.json')]) {
    const s = readJson(file) as { disableAllHooks?: unknown } | undefined;
    if (s?.disableAllHooks === true) {
      return { problem: 'Claude Code has disableAllHooks set: it runs no hook, Airlock\'s included', fix: `remove "disableAllHooks" from ${file}`, file };
    }
  }
  return undefined;
}

/** Why `agent` will ignore Airlock's installed hook in `workspace`, or undefined when nothing is known to stop it. */
export function trustProblem(agent: HookAgentId, workspace: string, home: string = os.homedir(), env: NodeJS.ProcessEnv = process.env): TrustProblem | undefined {
  switch (agent) {
    case 'gemini':
      return geminiTrust(workspace, home, env);
    case 'copilot':
      return copilotTrust(workspace, home);
    case 'codex':
      return codexTrust(workspace, home, env);
    case 'claude':
      return claudeTrust(workspace, home);
    default:
      return undefined;
  }
}

function writeJsonFile(file: string, value: unknown): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(value, null, 2)}\n`);
  fs.renameSync(tmp, file);
}

/**
 * Does the agent's own trust step for `workspace`, where the agent keeps it in a file (Gemini's
 * trustedFolders.json, the Copilot CLI's trusted_folders), exactly as the agent's trust prompt
 * records it. Only ever called after the person said yes. Returns the file written, or undefined
 * where the agent keeps its trust elsewhere (Codex: hashes only Codex computes; Claude: a switch
 * that is the person's to flip). A file that is there but unreadable is left alone.
 */
export function grantTrust(agent: HookAgentId, workspace: string, home: string = os.homedir()): string | undefined {
  const ws = path.resolve(workspace);
  if (agent === 'gemini') {
    const file = path.join(home, '.gemini', 'trustedFolders.json');
    const cur = fs.existsSync(file) ? readJson(file) : {};
    if (!cur || typeof cur !== 'object' || Array.isArray(cur)) return undefined;
    writeJsonFile(file, { ...(cur as Record<string, unknown>), [ws]: 'TRUST_FOLDER' });
    return file;
  }
  if (agent === 'copilot') {
    const file = path.join(home, '.copilot', 'config.json');
    const cur = fs.existsSync(file) ? readJson(file) : {};
    if (!cur || typeof cur !== 'object' || Array.isArray(cur)) return undefined;
    const c = cur as Record<string, unknown>;
    const list = Array.isArray(c.trusted_folders) ? (c.trusted_folders as unknown[]) : [];
    writeJsonFile(file, { ...c, trusted_folders: [...list.filter((d) => d !== ws), ws] });
    return file;
  }
  return undefined;
}
