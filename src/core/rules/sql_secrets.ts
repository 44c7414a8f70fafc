// SQL that reads secrets rather than data: password hashes (pg_shadow, pg_authid, mysql.user), files on the
// database server (pg_read_file, lo_import, LOAD_FILE, LOAD DATA INFILE, sqlite's readfile) and COPY … PROGRAM,
// which also runs a shell command there. Read from psql/mysql/sqlite3 command lines, MCP query inputs and bodies
// of the fetch tool.
import { mcpStringWalk } from './files';
import { commandViews } from './lib/runners';
import { clip, optionValues } from './lib/words';
import type { ActionRule, RuleContext, RuleMatch, ShellRule, SimpleCommand } from './types';

const SQL_SECRET_CLIENTS = ['psql', 'pgcli', 'mysql', 'mariadb', 'mycli', 'sqlite3', 'sqlite', 'litecli', 'duckdb', 'usql', 'cockroach', 'pg:psql', 'dbshell', 'dbconsole'];
const CLIENT_SET = new Set(SQL_SECRET_CLIENTS);

const PATTERNS: readonly { re: RegExp; what: string }[] = [
  { re: /\bfrom\s+(?:"?pg_catalog"?\s*\.\s*)?"?pg_(?:shadow|authid)\b/i, what: 'password hashes from pg_shadow/pg_authid' },
  { re: /\bpg_read_(?:binary_)?file\s*\(/i, what: 'a server file through pg_read_file' },
  { re: /\blo_import\s*\(/i, what: 'a server file through lo_import' },
  { re: /\bcopy\b[^;]{0,2000}?\b(?:from|to)\s+program\b/i, what: 'COPY … PROGRAM, which runs a shell command on the database server' },
  { re: /\breadfile\s*\(/i, what: 'a file through sqlite readfile()' },
  { re: /\bload_file\s*\(/i, what: 'a server file through MySQL LOAD_FILE()' },
  { re: /\bload\s+data\s+(?:(?:low_priority|concurrent)\s+)?(?:local\s+)?infile\b/i, what: 'a file through LOAD DATA INFILE' },
  { re: /\b(?:authentication_string|password)\b[^;]{0,400}?\bfrom\s+`?mysql`?\s*\.\s*`?user\b/i, what: 'password hashes from mysql.user' },
];
const HINT = /pg_shadow|pg_authid|pg_read|lo_import|program|readfile|load_file|infile|mysql/i;
/** Statements, not prose: a word that starts or carries one. */
const SQL_SHAPE = /\b(?:select|copy|load|insert|with|values|call)\b/i;

/** What secret the SQL would read, or undefined. Comments are dropped first so `-- pg_shadow` says nothing. */
export function sqlSecretRead(text: string): string | undefined {
  if (text.length > 256 * 1024 || !HINT.test(text) || !SQL_SHAPE.test(text)) return undefined;
  const sql = text.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/--[^\n]*/g, ' ');
  return PATTERNS.find((p) => p.re.test(sql))?.what;
}

function sqlTexts(cmd: SimpleCommand, ctx: RuleContext): string[] {
  for (const v of commandViews(cmd, ctx)) {
    if (!CLIENT_SET.has(v.name)) continue;
    const texts = v.args.map((a) => (a.startsWith('--') && a.includes('=') ? a.slice(a.indexOf('=') + 1) : a));
    if (cmd.stdin !== undefined) texts.push(cmd.stdin);
    const files = optionValues(v.args, ['--file'], ['-f']);
    const redirected = cmd.redirects.find((r) => r.op === '<')?.target;
    if (redirected) files.push(redirected);
    for (const f of files.slice(0, 4)) {
      const t = ctx.readFile?.(f);
      if (t !== undefined) texts.push(t);
    }
    return texts;
  }
  return [];
}

const sqlSecretShell: ShellRule = {
  id: 'secrets.sql-read',
  pack: 'secrets',
  kind: 'shell',
  viewNames: SQL_SECRET_CLIENTS,
  severity: 'high',
  defaultDecision: 'ask',
  reason: 'Runs SQL that reads secrets: password hashes (pg_shadow, mysql.user) or files on the database server (pg_read_file, LOAD_FILE, readfile, COPY … PROGRAM, which also runs a command).',
  match(cmd, ctx) {
    for (const t of sqlTexts(cmd, ctx)) {
      const what = sqlSecretRead(t);
      if (what !== undefined) return { target: clip(t.trim(), 120), detail: what };
    }
    return undefined;
  },
  examples: {
    flag: [
      'psql -c "select usename, passwd from pg_shadow"',
      "psql -tAc \"SELECT pg_read_file('/etc/passwd')\"",
      "psql -c \"COPY cmd_out FROM PROGRAM 'id'\"",
      "mysql -e \"SELECT LOAD_FILE('/etc/shadow')\"",
      "mysql -e \"LOAD DATA INFILE '/root/.ssh/id_rsa' INTO TABLE t\"",
      'mysql -e "select user, authentication_string from mysql.user"',
      "sqlite3 app.db \"select readfile('/w/.env')\"",
      "psql -c \"select lo_import('/var/lib/postgresql/.pgpass')\"",
      "echo \"select * from pg_authid\" | psql",
    ],
    allow: [
      'psql -c "select * from users"',
      'mysql -e "select id from orders"',
      "sqlite3 app.db 'select count(*) from events'",
      'psql -c "-- pg_shadow is off limits\nselect 1"',
      'grep pg_shadow docs/security.md',
    ],
  },
};

const sqlSecretAction: ActionRule = {
  id: 'secrets.sql-read-tool',
  pack: 'secrets',
  kind: 'action',
  severity: 'high',
  defaultDecision: 'ask',
  reason: 'Sends SQL that reads secrets (password hashes, files on the database server, COPY … PROGRAM) through an MCP tool or an agent HTTP tool.',
  match(action): RuleMatch | undefined {
    if (action.kind === 'fetch') {
      const what = sqlSecretRead(action.body ?? '');
      return what === undefined ? undefined : { target: clip(action.url, 120), detail: what };
    }
    if (action.kind !== 'mcp') return undefined;
    for (const { value } of mcpStringWalk(action.input).strings) {
      const what = sqlSecretRead(value);
      if (what !== undefined) return { target: clip(value.trim(), 120), detail: `${what} via MCP tool ${action.tool}` };
    }
    return undefined;
  },
  examples: {
    flag: [
      { kind: 'mcp', server: 'postgres', tool: 'query', input: { sql: 'select usename, passwd from pg_shadow' } },
      { kind: 'mcp', server: 'sqlite', tool: 'read_query', input: { query: "select readfile('/w/.env')" } },
      { kind: 'mcp', server: 'mysql', tool: 'execute', input: { query: "SELECT LOAD_FILE('/etc/shadow')" } },
      { kind: 'mcp', server: 'postgres', tool: 'query', input: { sql: "COPY t FROM PROGRAM 'cat ~/.aws/credentials'" } },
      { kind: 'mcp', server: 'postgres', tool: 'query', input: { sql: "SELECT pg_read_binary_file('/var/lib/postgresql/data/server.key')" } },
      { kind: 'fetch', url: 'https://api.supabase.com/v1/projects/abc/database/query', method: 'POST', body: '{"query":"select rolpassword from pg_authid"}' },
    ],
    allow: [
      { kind: 'mcp', server: 'postgres', tool: 'query', input: { sql: 'select * from users' } },
      { kind: 'mcp', server: 'sqlite', tool: 'read_query', input: { query: 'select count(*) from events' } },
      { kind: 'mcp', tool: 'create_issue', input: { title: 'Audit pg_shadow access', body: 'Nobody should read pg_shadow.' } },
      { kind: 'fetch', url: 'https://api.supabase.com/v1/projects/abc/database/query', method: 'POST', body: '{"query":"SELECT 1"}' },
    ],
  },
};

export const SQL_SECRET_RULES: readonly ShellRule[] = [sqlSecretShell];
export const SQL_SECRET_ACTION_RULES: readonly ActionRule[] = [sqlSecretAction];
