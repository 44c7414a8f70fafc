// Rules for non-shell actions (file tools, searches, MCP tool calls; fetches are in http.ts), plus the shell-side
// guard for Airlock's own files. Paths are normalised by the context (./.env, src/../.env, ~, case).
import { policyContext } from '../policy/context';
import { gitSubcommand, hasFlag, isKnownArg, operands } from '../shell/argv';
import { destructiveMutationFields } from './lib/graphql';
import { findSqlDataLoss } from './lib/sql';
import { DATA_FILE } from './fs';
import { isCredentialHunt } from './secrets';
import type { ActionRule, RuleContext, ShellRule } from './types';

/** A search glob names what it would match: `.env*` covers `.env` and `.env.local`. */
function globCovers(glob: string, ctx: RuleContext): boolean {
  return [glob, glob.replace(/\*+/g, ''), glob.replace(/\*+/g, '.local'), glob.replace(/\*+/g, 'x')].some((g) => g.length > 0 && ctx.isProtectedPath(g));
}

const readFile: ActionRule = {
  id: 'secrets.read-file',
  pack: 'secrets',
  kind: 'action',
  severity: 'high',
  reason: 'Opens or searches a protected secret file (keys, tokens, .env, cloud credentials).',
  match(action, ctx) {
    if (action.kind === 'read' && ctx.isProtectedPath(action.path)) return { target: action.path };
    if (action.kind === 'search') {
      if (action.path && ctx.isProtectedPath(action.path)) return { target: action.path };
      if (action.glob && globCovers(action.glob, ctx)) return { target: action.glob };
    }
    return undefined;
  },
  examples: {
    flag: [
      { kind: 'read', path: '.env' },
      { kind: 'read', path: './.env.production', cwd: '/w' },
      { kind: 'read', path: 'src/../.env', cwd: '/w' },
      { kind: 'read', path: '/w/.ENV' },
      { kind: 'read', path: '~/.aws/credentials' },
      { kind: 'read', path: '/home/u/.ssh/id_ed25519' },
      { kind: 'search', pattern: 'KEY', path: '.env' },
      { kind: 'search', pattern: 'x', glob: '.env*' },
    ],
    allow: [
      { kind: 'read', path: '.env.example' },
      { kind: 'read', path: 'src/env.ts' },
      { kind: 'read', path: '/home/u/.ssh/id_ed25519.pub' },
      { kind: 'search', pattern: 'useState', glob: '**/*.tsx' },
    ],
  },
};

const searchCredentials: ActionRule = {
  id: 'secrets.search-credentials',
  pack: 'secrets',
  kind: 'action',
  severity: 'high',
  reason: 'Searches the workspace for tokens, passwords or keys: the first step of using credentials the agent was not given.',
  match(action) {
    if (action.kind !== 'search' || !action.pattern || action.pattern.length > 2000) return undefined;
    return isCredentialHunt(action.pattern) ? { target: action.pattern } : undefined;
  },
  examples: {
    flag: [{ kind: 'search', pattern: 'RAILWAY_TOKEN' }, { kind: 'search', pattern: 'api[_-]?key', path: 'src' }, { kind: 'search', pattern: 'password' }],
    allow: [{ kind: 'search', pattern: 'useEffect' }, { kind: 'search', pattern: 'TODO', glob: '*.ts' }, { kind: 'search', pattern: 'useToken' }],
  },
};

const writeProtected: ActionRule = {
  id: 'fs.write-protected',
  pack: 'fs',
  kind: 'action',
  severity: 'high',
  reason: 'Overwrites or deletes a protected secret file; its current contents would be lost.',
  match(action, ctx) {
    if ((action.kind === 'write' || action.kind === 'delete') && ctx.isProtectedPath(action.path)) return { target: action.path };
    return undefined;
  },
  examples: {
    flag: [{ kind: 'write', path: '.env', content: 'X=1' }, { kind: 'delete', path: '~/.ssh/id_rsa' }, { kind: 'write', path: 'infra/terraform.tfstate' }],
    allow: [{ kind: 'write', path: '.env.example', content: 'X=' }, { kind: 'delete', path: 'src/old.ts' }, { kind: 'write', path: 'README.md' }],
  },
};

const deleteData: ActionRule = {
  id: 'fs.delete-data',
  pack: 'fs',
  kind: 'action',
  severity: 'high',
  reason: 'Deletes a database or state file (SQLite, Redis dump, Terraform state); the data in it is gone.',
  match(action) {
    if (action.kind === 'delete' && DATA_FILE.test(action.path)) return { target: action.path };
    return undefined;
  },
  examples: {
    flag: [{ kind: 'delete', path: '/work/app/data/app.db' }, { kind: 'delete', path: 'db.sqlite3' }],
    allow: [{ kind: 'delete', path: 'src/old.ts' }, { kind: 'write', path: 'app.db' }],
  },
};

/** Words in an MCP tool name that mean it changes files (`write_file`, `editFile`, `move_file`). */
const MCP_FILE_WRITE = new Set(['write', 'edit', 'create', 'delete', 'remove', 'move', 'rename', 'patch', 'append', 'put', 'update', 'save', 'replace', 'truncate', 'unlink', 'rm', 'mv']);

const airlockFiles: ActionRule = {
  id: 'fs.airlock-files',
  pack: 'fs',
  kind: 'action',
  severity: 'critical',
  defaultDecision: 'deny',
  reason: 'Changes Airlock\'s own hook configuration, policy or state, which could switch off the guard for every agent.',
  match(action, ctx) {
    if ((action.kind === 'write' || action.kind === 'delete') && policyContext(ctx).isAirlockPath(action.path)) return { target: action.path };
    // MCP file servers (write_file, edit_file, move_file, …) are file tools under another name.
    if (action.kind === 'mcp' && words(action.tool).some((w) => MCP_FILE_WRITE.has(w))) {
      const hit = mcpStrings(action.input, 50).find((s) => s.length < 1024 && policyContext(ctx).isAirlockPath(s));
      if (hit !== undefined) return { target: hit, detail: `MCP tool ${action.tool}` };
    }
    return undefined;
  },
  examples: {
    flag: [
      { kind: 'write', path: '.cursor/hooks.json', content: '{}' },
      { kind: 'write', path: '/w/.claude/settings.json', content: '{}' },
      { kind: 'write', path: '.claude/settings.local.json', content: '{}' },
      { kind: 'delete', path: '.github/hooks/airlock.json' },
      { kind: 'write', path: '.gemini/settings.json' },
      { kind: 'write', path: '.windsurf/hooks.json' },
      { kind: 'write', path: '.clinerules/hooks/PreToolUse' },
      { kind: 'write', path: '.airlock/policy.json', content: '{"rules":{}}' },
      { kind: 'delete', path: '~/.airlock/lockdown' },
      { kind: 'mcp', tool: 'write_file', server: 'filesystem', input: { path: '~/.airlock/lockdown.json', content: '' } },
      { kind: 'mcp', tool: 'edit_file', server: 'filesystem', input: { path: '/w/.cursor/hooks.json', edits: [] } },
      { kind: 'mcp', tool: 'move_file', input: { source: '.airlock/policy.json', destination: '/tmp/p.json' } },
    ],
    allow: [
      { kind: 'read', path: '.cursor/hooks.json' },
      { kind: 'write', path: '.cursor/rules/style.mdc' },
      { kind: 'write', path: '.github/workflows/ci.yml' },
      { kind: 'mcp', tool: 'read_file', input: { path: '.cursor/hooks.json' } },
      { kind: 'mcp', tool: 'write_file', input: { path: 'src/app.ts', content: '' } },
    ],
  },
};

/** git subcommands that overwrite or delete the paths they are given (`git checkout -- .cursor/hooks.json`). */
const GIT_PATH_WRITERS = new Set(['checkout', 'restore', 'rm', 'mv']);

/** Shell commands that would write, move or delete Airlock's own files. */
const WRITERS = new Set(['rm', 'unlink', 'mv', 'cp', 'tee', 'truncate', 'shred', 'sed', 'perl', 'chmod', 'chown', 'ln', 'install', 'dd', 'touch', 'rmdir']);

const airlockTamper: ShellRule = {
  id: 'fs.airlock-tamper',
  pack: 'fs',
  kind: 'shell',
  severity: 'critical',
  defaultDecision: 'deny',
  reason: 'Changes Airlock\'s own hook configuration, policy or state from the shell, which could switch off the guard.',
  match(cmd, ctx) {
    const pc = policyContext(ctx);
    for (const r of cmd.redirects) if (/>/.test(r.op) && !r.op.includes('&') && pc.isAirlockPath(r.target)) return { target: r.target };
    if (cmd.name === 'git') {
      // Restoring a hook file from history drops Airlock's entries as surely as deleting them.
      const git = gitSubcommand(cmd.args);
      if (!git || !GIT_PATH_WRITERS.has(git.sub)) return undefined;
      const hit = git.args.find((a, i) => !a.startsWith('-') && pc.isAirlockPath(a) && isKnownArg(git.args, cmd.argDynamic.slice(-git.args.length), i));
      return hit ? { target: hit } : undefined;
    }
    if (cmd.name === undefined || !WRITERS.has(cmd.name)) return undefined;
    if ((cmd.name === 'sed' || cmd.name === 'perl') && !hasFlag(cmd.args, ['--in-place'], 'i')) return undefined;
    let ops = operands(cmd.args).filter((o) => isKnownArg(cmd.args, cmd.argDynamic, o.index));
    // Copies and links only change their destination; reading an Airlock file is fine.
    if (cmd.name === 'cp' || cmd.name === 'install' || cmd.name === 'ln') ops = ops.slice(-1);
    if (cmd.name === 'dd') ops = ops.filter((o) => o.value.startsWith('of='));
    const hit = ops.find((o) => pc.isAirlockPath(o.value.replace(/^of=/, '')));
    return hit ? { target: hit.value } : undefined;
  },
  examples: {
    flag: [
      'echo "{}" > .cursor/hooks.json',
      'rm .claude/settings.json',
      'rm -rf ~/.airlock',
      'sed -i "s/airlock//" .claude/settings.local.json',
      'tee .github/hooks/airlock.json < /dev/null',
      'mv .cursor/hooks.json /tmp/',
      'cat x >> .airlock/policy.json',
      'rm ${HOME}/.airlock/lockdown.json',
      'cd ~/.airlock && rm lockdown.json',
      'git checkout -- .cursor/hooks.json',
      'git restore --source=HEAD~3 .claude/settings.local.json',
      'git rm --cached .github/hooks/airlock.json',
    ],
    allow: [
      'cat .cursor/hooks.json',
      'cp .cursor/hooks.json /tmp/backup.json',
      'ls ~/.airlock',
      'sed "s/a/b/" .claude/settings.json',
      'git diff .cursor/hooks.json',
      'git checkout -- src/app.ts',
      'git log -p .claude/settings.json',
    ],
  },
};

const DESTRUCTIVE_WORDS = new Set(['delete', 'destroy', 'drop', 'remove', 'purge', 'wipe', 'truncate', 'erase', 'terminate', 'uninstall', 'unlink', 'rm', 'rmdir', 'reset', 'flush']);

function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** Every string inside an MCP input, bounded so a huge payload cannot stall the hook. */
export function mcpStrings(input: unknown, limit = 200): string[] {
  const out: string[] = [];
  const stack: unknown[] = [input];
  let seen = 0;
  while (stack.length > 0 && out.length < limit && seen++ < 2000) {
    const v = stack.pop();
    if (typeof v === 'string') out.push(v.length > 100_000 ? v.slice(0, 100_000) : v);
    else if (Array.isArray(v)) stack.push(...v.slice(0, 200));
    else if (v && typeof v === 'object') stack.push(...Object.values(v as Record<string, unknown>).slice(0, 200));
  }
  return out;
}

const mcpDestructive: ActionRule = {
  id: 'system.mcp-destructive',
  pack: 'system',
  kind: 'action',
  severity: 'high',
  reason: 'Calls an MCP tool whose name or input deletes, drops or destroys data.',
  match(action) {
    if (action.kind !== 'mcp') return undefined;
    const verb = words(action.tool).find((w) => DESTRUCTIVE_WORDS.has(w));
    if (verb) return { target: action.tool, detail: `tool name says ${verb}` };
    for (const s of mcpStrings(action.input)) {
      const sql = findSqlDataLoss(s);
      if (sql.length > 0) return { target: sql[0].target || action.tool, detail: 'SQL that drops or deletes data' };
      if (/mutation/i.test(s)) {
        const fields = destructiveMutationFields(s);
        if (fields.length > 0) return { target: fields[0], detail: 'destructive GraphQL mutation' };
      }
    }
    return undefined;
  },
  examples: {
    flag: [
      { kind: 'mcp', tool: 'mcp__railway__volumeDelete', input: { volumeId: 'v1' } },
      { kind: 'mcp', tool: 'delete_file', input: { path: 'x' } },
      { kind: 'mcp', tool: 'drop_table', server: 'postgres' },
      { kind: 'mcp', tool: 'query', server: 'postgres', input: { sql: 'DROP TABLE users' } },
      { kind: 'mcp', tool: 'execute_sql', input: { query: 'DELETE FROM orders' } },
      { kind: 'mcp', tool: 'graphql', input: { query: 'mutation { volumeDelete(volumeId: "1") }' } },
    ],
    allow: [
      { kind: 'mcp', tool: 'read_file', input: { path: 'src/a.ts' } },
      { kind: 'mcp', tool: 'query', input: { sql: 'SELECT * FROM users' } },
      { kind: 'mcp', tool: 'execute_sql', input: { query: 'DELETE FROM orders WHERE id = 3' } },
      { kind: 'mcp', tool: 'list_deployments' },
    ],
  },
};

const PATH_KEYS = /^(?:path|paths|file|files|filename|filepath|file_path|uri|source|target|destination|dir|directory)$/i;

const mcpProtectedPath: ActionRule = {
  id: 'secrets.mcp-protected-path',
  pack: 'secrets',
  kind: 'action',
  severity: 'high',
  reason: 'Passes a protected secret file to an MCP tool.',
  match(action, ctx) {
    if (action.kind !== 'mcp' || !action.input || typeof action.input !== 'object') return undefined;
    const stack: unknown[] = [action.input];
    let seen = 0;
    while (stack.length > 0 && seen++ < 2000) {
      const v = stack.pop();
      if (Array.isArray(v)) stack.push(...v.slice(0, 200));
      else if (v && typeof v === 'object') {
        for (const [k, x] of Object.entries(v as Record<string, unknown>).slice(0, 200)) {
          const paths = typeof x === 'string' ? [x] : Array.isArray(x) ? x.filter((e): e is string => typeof e === 'string') : [];
          if (PATH_KEYS.test(k)) {
            const hit = paths.find((p) => p.length < 1024 && ctx.isProtectedPath(p.replace(/^file:\/\//, '')));
            if (hit) return { target: hit };
          }
          if (x && typeof x === 'object') stack.push(x);
        }
      }
    }
    return undefined;
  },
  examples: {
    flag: [{ kind: 'mcp', tool: 'read_file', input: { path: '.env' } }, { kind: 'mcp', tool: 'upload', input: { files: ['a.txt', '~/.ssh/id_rsa'] } }],
    allow: [{ kind: 'mcp', tool: 'read_file', input: { path: 'README.md' } }, { kind: 'mcp', tool: 'search', input: { query: '.env' } }],
  },
};

export const FILE_ACTION_RULES: readonly ActionRule[] = [readFile, searchCredentials, writeProtected, deleteData, airlockFiles, mcpDestructive, mcpProtectedPath];
export const FILE_SHELL_RULES: readonly ShellRule[] = [airlockTamper];
