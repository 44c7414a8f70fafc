// SQL and data-store shells: statements that drop, truncate or rewrite every row, sent through psql, mysql,
// sqlite3, mongosh, redis-cli, cqlsh and friends (arguments, -c/-e/--eval, heredocs, here-strings, piped
// echo, `-f file.sql` and `< file.sql` when readable), plus the drop/clean flags of the admin tools.
import type { Severity } from '../action';
import { guessEnvironment } from '../environment';
import { findMongoDataLoss, findRedisFlush, findSqlDataLoss, findSqlBroadGrants, dropsData, type SqlDialect, type SqlFinding } from './lib/sql';
import { memoByCommandAndContext } from './lib/memo';
import { commandViews, type CommandView } from './lib/runners';
import { baseName, clip, hasOption, identifierWords, optionValue, optionValues, positionals } from './lib/words';
import type { RuleContext, RuleMatch, ShellRule, SimpleCommand } from './types';
import { table } from '../table';

const SQL_CLIENTS = table<SqlDialect>({
  psql: 'generic', pgcli: 'generic', cockroach: 'generic', usql: 'generic', duckdb: 'generic', sqlite3: 'generic', sqlite: 'generic',
  litecli: 'generic', cqlsh: 'generic', 'clickhouse-client': 'generic', clickhouse: 'generic', sqlcmd: 'generic', snowsql: 'generic',
  bq: 'generic', dbshell: 'generic', dbconsole: 'generic', mysql: 'mysql', mariadb: 'mysql', mycli: 'mysql', turso: 'generic', wrangler: 'generic',
  // `heroku pg:psql -c …` arrives as the view `pg:psql` (lib/runners peels heroku topics)
  'pg:psql': 'generic',
  // More clients that take SQL as an argument or on stdin: Dolt, Trino/Presto, Spark, Snowflake CLI, Oracle,
  // Neo4j's Cypher (its DELETE/DROP read like SQL's), InfluxQL, sqlite-utils, Databricks, Hive/Impala.
  dolt: 'mysql', trino: 'generic', presto: 'generic', 'spark-sql': 'generic', snow: 'generic', sqlplus: 'generic', sql: 'generic',
  'cypher-shell': 'generic', influx: 'generic', 'sqlite-utils': 'generic', databricks: 'generic', beeline: 'generic', hive: 'generic',
  'impala-shell': 'generic', vsql: 'generic', isql: 'generic', 'bteq': 'generic', harlequin: 'generic', mssql: 'generic',
  // PlanetScale's `pscale shell DB BRANCH` is a MySQL client reading SQL on stdin
  pscale: 'mysql',
});
const MONGO_CLIENT_NAMES = ['mongosh', 'mongo', 'arangosh'];
const REDIS_CLIENT_NAMES = ['redis-cli', 'valkey-cli', 'keydb-cli'];
const MONGO_CLIENTS = new Set(MONGO_CLIENT_NAMES);
const KV_TOOL_NAMES = ['etcdctl', 'consul', 'zkCli.sh', 'zkcli.sh', 'zkCli', 'zkcli', 'zookeeper-shell', 'zookeeper-shell.sh'];

/**
 * What a key-value store CLI deletes: `etcdctl del KEY [--prefix|--from-key]`, `consul kv delete [-recurse] KEY`,
 * `zkCli deleteall|rmr|delete PATH`. An empty key with --prefix/--from-key is every key.
 */
function kvDelete(name: string, args: readonly string[]): string | undefined {
  if (name === 'etcdctl') {
    const words = positionals(args, new Set(['--endpoints', '--user', '--password', '--cacert', '--cert', '--key', '--command-timeout', '--dial-timeout']));
    if (words[0] !== 'del' && words[0] !== 'delete') return undefined;
    const key = words[1] ?? '';
    const ranged = args.some((a) => a === '--prefix' || a === '--from-key' || a.startsWith('--prefix=') || a.startsWith('--from-key='));
    if (ranged && key === '') return 'every etcd key';
    return ranged ? `etcd keys under ${clip(key)}` : `etcd key ${clip(key) || '?'}`;
  }
  if (name === 'consul') {
    const k = args.indexOf('kv');
    if (k < 0 || args[k + 1] !== 'delete') return undefined;
    const rest = args.slice(k + 2);
    const key = rest.find((a) => !a.startsWith('-')) ?? '';
    const recurse = rest.some((a) => /^--?recurse(?:=true)?$/.test(a));
    return recurse ? (key === '' ? 'every Consul key' : `Consul keys under ${clip(key)}`) : `Consul key ${clip(key) || '?'}`;
  }
  if (!name.startsWith('zk') && !name.startsWith('zookeeper-shell')) return undefined;
  const i = args.findIndex((a) => /^(?:deleteall|rmr|delete)$/.test(a));
  if (i < 0) return undefined;
  return `ZooKeeper ${args[i] === 'delete' ? 'node' : 'tree'} ${clip(args[i + 1] ?? '?')}`;
}
const REDIS_CLIENTS = new Set(REDIS_CLIENT_NAMES);
const RAW_SOCKET_NAMES = ['nc', 'ncat', 'netcat', 'socat', 'telnet'];

/** `\\i file` (psql), `source file` / `\\. file` (mysql), `.read file` (sqlite): SQL that pulls in another file. */
// [ \t] rather than \s: a run of blank lines must not let each line start rescan the rest (quadratic).
const INCLUDE = /^[ \t]*(?:\\i|\\ir|\\include|\\include_relative|\\\.|source|\.read)[ \t]+['"]?([^\s'";]+)/gim;

interface SqlSources {
  texts: string[];
  /** Files the SQL comes from that could not be read (no reader, missing, too big). */
  unreadable: string[];
}

/** Where a client's SQL can come from: every argument (so `-tAc "…"`, `--command=…` and positional SQL all count), stdin, and files (`-f`, `< file`, includes one level deep). */
function sqlSources(v: CommandView, cmd: SimpleCommand, ctx: RuleContext, fileOpts: string[]): SqlSources {
  const texts: string[] = [];
  for (const a of v.args) {
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    texts.push(eq > 0 ? a.slice(eq + 1) : a);
    // -cDROP… : a value glued to a short option
    if (/^-[A-Za-z][^-]/.test(a) && a.includes(' ')) texts.push(a.slice(2));
  }
  if (cmd.stdin !== undefined) texts.push(cmd.stdin);
  const files = optionValues(v.args, fileOpts.filter((o) => o.startsWith('--')), fileOpts.filter((o) => !o.startsWith('--')));
  const redirected = cmd.redirects.find((r) => r.op === '<')?.target;
  if (redirected) files.push(redirected);
  // `cat drop.sql | psql app`: the SQL is the file cat prints
  const from = cmd.pipedFrom;
  if (!redirected && from?.length === 1 && from[0]!.name === 'cat') files.push(...from[0]!.args.filter((a) => !a.startsWith('-')).slice(0, 4));
  for (const t of [...texts]) for (const m of t.matchAll(INCLUDE)) files.push(m[1]);
  const unreadable: string[] = [];
  for (const f of files) {
    const text = ctx.readFile?.(f);
    if (text === undefined) unreadable.push(f);
    else texts.push(text);
  }
  return { texts, unreadable };
}

/** A SQL file we cannot read is judged by its name: `drop_all.sql`, `reset-db.sql`, `wipe.sql`. */
const DESTRUCTIVE_FILE_WORDS = new Set(['drop', 'truncate', 'wipe', 'purge', 'destroy', 'nuke', 'teardown', 'reset', 'delete', 'erase', 'clear']);

/** The options that carry a statement, per client. */
const OPAQUE_FLAGS = table<string[]>({
  psql: ['-c', '--command'], mysql: ['-e', '--execute'], mariadb: ['-e', '--execute'], sqlite3: [], cqlsh: ['-e', '--execute'],
  mongosh: ['--eval'], mongo: ['--eval'], 'clickhouse-client': ['-q', '--query'], duckdb: ['-c'],
});

// Each inline rule below declares the view names it acts on (`viewNames`) and skips every other view first.
const DROPDB_NAMES = ['dropdb', 'pg_dropcluster', 'mysqladmin'];
const DROPDB_TOOLS = new Set(DROPDB_NAMES);
const RESTORE_NAMES = ['pg_restore', 'mongorestore', 'mongoimport', 'psql', 'mysql', 'mariadb'];
const RESTORE_TOOLS = new Set(RESTORE_NAMES);

/** `$SQL`, `"${SQL}"`, `$(cat q.sql)`, `` `…` ``, `"$(echo DROP) TABLE t"`: the statement's verb is produced at run time. */
function isWholeExpansion(word: string): boolean {
  const w = word.trim();
  return w.startsWith('$') || w.startsWith('`');
}

/** Cloud CLIs that take a SQL statement as an option value (aws's own `--query` is JMESPath, not SQL). */
const SQL_OPTIONS = table<string[]>({
  aws: ['--sql', '--sqls', '--query-string', '--statement'],
  gcloud: ['--sql'],
  az: ['--querytext', '--query-text'],
});

/** Framework database shells read SQL from stdin just like psql: `manage.py dbshell`, `rails dbconsole`, `gcloud sql connect`. */
function frameworkShell(v: CommandView): CommandView | undefined {
  if (v.name === 'gcloud' && v.args[0] === 'sql' && v.args[1] === 'connect') return { name: 'dbconsole', args: [] };
  const opts = SQL_OPTIONS[v.name];
  if (opts) {
    const sql = optionValues(v.args, opts);
    return sql.length ? { name: 'dbconsole', args: sql } : undefined;
  }
  if (v.name === 'manage.py' && v.args[0] === 'dbshell') return { name: 'dbshell', args: v.args.slice(v.args.indexOf('--') + 1 || 1) };
  if (v.name === 'rails' && (v.args[0] === 'dbconsole' || v.args[0] === 'db')) return { name: 'dbconsole', args: [] };
  // `sqlite-utils drop-table app.db users`: the same as DROP TABLE
  if (v.name === 'sqlite-utils' && (v.args[0] === 'drop-table' || v.args[0] === 'drop-view')) {
    const ops = v.args.slice(1).filter((a) => !a.startsWith('-'));
    return { name: 'sqlite3', args: [ops[0] ?? '', `DROP ${v.args[0] === 'drop-table' ? 'TABLE' : 'VIEW'} ${ops[1] ?? 'x'}`] };
  }
  // `prisma db execute --stdin` / `--file x.sql`: raw SQL against the schema's database
  if (v.name === 'prisma' && v.args[0] === 'db' && v.args[1] === 'execute') return { name: 'dbconsole', args: optionValues(v.args, ['--file']).map((f) => `\\i ${f}`) };
  return undefined;
}

/**
 * Every view name sqlFindings() looks at: the clients, and the programs frameworkShell() turns into one. It skips
 * all other views, so the rules built on it declare these as `viewNames` and classify() skips them elsewhere.
 */
const SQL_VIEW_NAMES: readonly string[] = [...Object.keys(SQL_CLIENTS), ...Object.keys(SQL_OPTIONS), 'gcloud', 'manage.py', 'rails', 'grant', 'prisma'];
const SQL_VIEWS = new Set(SQL_VIEW_NAMES);

/**
 * `GRANT ALL ON *.* TO 'admin'@'%';` typed as a line: what an agent sends to a terminal running psql or mysql, which
 * the terminal watcher sees as a command line. Read from the text as written (quotes and `*.*` intact), then judged
 * by the SQL rules like any statement a client runs. Destructive verbs typed that way are sql.bare-statement's.
 */
function bareSqlLines(cmd: SimpleCommand): string[] | undefined {
  const name = cmd.name?.toLowerCase();
  if (name !== 'grant') return undefined;
  const text = cmd.text.trimStart();
  // The words as the shell reads them too: a redirect written inside the line (`ON 2>/dev/null *.*`) is no SQL.
  const words = [cmd.name, ...cmd.args].join(' ');
  return text.toLowerCase().startsWith(name) ? [text, words] : [words];
}

/**
 * `sqlite3 :memory: '…'`, `duckdb -c '…'` with no database file: the database lives and dies with the process, so
 * what the SQL drops was made by the same command.
 */
function inMemory(v: CommandView): boolean {
  if (v.name !== 'sqlite3' && v.name !== 'sqlite' && v.name !== 'duckdb') return false;
  const ops = positionals(v.args, new Set(['-c', '-cmd', '-s', '-separator', '-nullvalue', '-newline', '-init', '-cmd']));
  const db = ops[0];
  if (db === ':memory:' || db === '') return true;
  // duckdb reads SQL from -c; without a file operand its database is in memory
  return v.name === 'duckdb' && (db === undefined || /^\s*(?:create|select|insert|drop|with|pragma|attach)\b/i.test(db)) && v.args.includes('-c') && !v.args.some((a) => /^attach\b/i.test(a) || /\battach\s/i.test(a));
}

const sqlFindings = memoByCommandAndContext((cmd: SimpleCommand, ctx: RuleContext): { findings: SqlFinding[]; view: CommandView } | undefined => {
  const lines = bareSqlLines(cmd);
  if (lines !== undefined) {
    const findings = lines.map((l) => findSqlBroadGrants(l, 'mysql')).find((f) => f.length > 0) ?? [];
    return findings.length ? { findings, view: { name: 'sql line', args: [] } } : undefined;
  }
  for (const raw of commandViews(cmd, ctx)) {
    if (!SQL_VIEWS.has(raw.name)) continue;
    const v = frameworkShell(raw) ?? raw;
    const dialect = SQL_CLIENTS[v.name];
    if (dialect === undefined) continue;
    if (v.name === 'wrangler' && !(v.args[0] === 'd1' && v.args[1] === 'execute')) continue;
    if (v.name === 'turso' && !(v.args[0] === 'db' && v.args[1] === 'shell')) continue;
    if (v.name === 'cockroach' && v.args[0] !== 'sql') continue;
    if (v.name === 'bq' && v.args[0] !== 'query') continue;
    if (inMemory(v)) continue;
    const { texts, unreadable } = sqlSources(v, cmd, ctx, ['-f', '--file', '-i', '--input-file']);
    const findings = texts.flatMap((t) => [...findSqlDataLoss(t, dialect), ...findSqlBroadGrants(t, dialect)]);
    for (const f of unreadable) {
      if (identifierWords(baseName(f).replace(/\.[a-z]+$/i, '')).some((w) => DESTRUCTIVE_FILE_WORDS.has(w))) findings.push({ kind: 'unreadable-script', target: f });
    }
    if (findings.length) return { findings, view: v };
  }
  return undefined;
});

function envOf(cmd: SimpleCommand, target: string): RuleMatch['environment'] {
  return guessEnvironment([cmd.text, target, ...Object.entries(cmd.assignments).map(([k, v]) => `${k}=${v}`)]);
}

function sqlRule(id: string, severity: Exclude<Severity, 'none'>, reason: string, pick: (f: SqlFinding) => boolean, examples: ShellRule['examples']): ShellRule {
  return {
    id,
    pack: 'sql',
    kind: 'shell',
    viewNames: SQL_VIEW_NAMES,
    severity,
    reason,
    defaultDecision: 'ask',
    match(cmd, ctx) {
      const found = sqlFindings(cmd, ctx);
      const hit = found?.findings.find(pick);
      if (!hit) return undefined;
      return { target: hit.target, environment: envOf(cmd, hit.target), detail: `${hit.kind} via ${found!.view.name}` };
    },
    examples,
  };
}

export const SQL_RULES: ShellRule[] = [
  sqlRule(
    'sql.drop',
    'critical',
    'Drops a database, schema, table or other object: its data is gone unless restored from a backup.',
    (f) => f.kind === 'drop' && dropsData(f.target),
    {
      flag: [
        'psql -c "DROP TABLE users"',
        'psql "$DATABASE_URL" -tAc "drop database app_production;"',
        'mysql -u root -p -e "DROP DATABASE shop"',
        "sqlite3 app.db 'DROP TABLE IF EXISTS sessions'",
        "duckdb data/app.duckdb -c 'DROP TABLE users'",
        'echo "DROP SCHEMA public CASCADE;" | psql -h db.prod.internal app',
        'psql app <<SQL\nBEGIN;\nDROP TABLE orders;\nCOMMIT;\nSQL',
        'cqlsh -e "DROP KEYSPACE analytics"',
        'docker compose exec db psql -U postgres -c "DROP TABLE audit_log"',
        'npx wrangler d1 execute prod-db --remote --command "DROP TABLE users"',
        'python manage.py dbshell <<< "DROP TABLE auth_user;"',
        "aws redshift-data batch-execute-statement --cluster-identifier prod --database app --sqls 'DROP TABLE users'",
        'sqlite-utils drop-table data/app.db users',
        'npx prisma db execute --schema prisma/schema.prisma --stdin <<< \'DROP TABLE "User";\'',
        'echo "DROP TABLE posts;" | bin/rails dbconsole -p',
        'aws rds-data execute-statement --resource-arn arn:db --secret-arn arn:s --sql "DROP TABLE users"',
        'gcloud sql connect prod-db --user=postgres <<< "DROP TABLE users;"',
        "psql -c 'DO $$ BEGIN EXECUTE ''DROP TABLE users''; END $$'",
        'mysql -e \'SET @q="DROP TABLE users"; PREPARE s FROM @q; EXECUTE s;\' shop',
        "mysql -e \"PREPARE s FROM 'DROP TABLE orders'; EXECUTE s\"",
        "snowsql -c prod -q 'CREATE OR REPLACE TABLE ANALYTICS.PUBLIC.PAYMENTS (id INT)'",
        "snowsql -c prod -q 'REMOVE @ANALYTICS.PUBLIC.RAW_STAGE'",
        "bq query --use_legacy_sql=false 'CREATE OR REPLACE TABLE web.sessions AS SELECT 1 AS x'",
        "pscale shell acme-shop main --org acme <<< 'DROP TABLE orders;'",
      ],
      allow: ["sqlite3 :memory: 'CREATE TABLE t(x); DROP TABLE t;'", "duckdb -c 'CREATE TABLE t AS SELECT 42 AS x; DROP TABLE t;'", 
        'psql -c "SELECT * FROM users LIMIT 5"',
        "psql -c \"SELECT 'DROP TABLE users' AS example\"",
        'psql -c "-- DROP TABLE users\nSELECT 1"',
        'echo "DROP TABLE users"',
        'mysql -e "SHOW TABLES"',
        'psql -c "DROP INDEX idx_users_email"',
        'python manage.py dbshell',
        "echo 'SELECT 1;' > /tmp/x.sql && psql -f /tmp/x.sql",
        "printf 'SELECT count(*) FROM users;\\n' > /tmp/x.sql && psql < /tmp/x.sql",
        "echo 'CREATE TABLE t (id int);' > x.sql; mysql shop < x.sql",
        'aws rds describe-db-instances --query "DBInstances[?DBInstanceIdentifier==\'drop\']"',
        'aws athena start-query-execution --query-string "SELECT * FROM logs LIMIT 10"',
        "snowsql -c prod -q 'CREATE OR REPLACE VIEW v AS SELECT 1'",
        "snowsql -c prod -q 'CREATE OR REPLACE TEMPORARY TABLE scratch (id INT)'",
        "snowsql -c prod -q 'LIST @ANALYTICS.PUBLIC.RAW_STAGE'",
      ],
    },
  ),
  sqlRule(
    'sql.drop-object',
    'medium',
    'Drops a view, index, function or other definition; the data stays but whatever depends on it breaks.',
    (f) => f.kind === 'drop' && !dropsData(f.target),
    {
      flag: ['psql -c "DROP INDEX idx_users_email"', 'mysql -e "DROP VIEW active_users"'],
      allow: ['psql -c "CREATE INDEX idx_users_email ON users(email)"', 'psql -c "DROP TABLE users"'],
    },
  ),
  sqlRule(
    'sql.truncate',
    'critical',
    'Empties a table: every row is deleted at once and cannot be rolled back outside a transaction.',
    (f) => f.kind === 'truncate',
    {
      flag: ['psql -c "TRUNCATE TABLE events"', 'mysql shop -e "truncate orders"', "psql <<< 'TRUNCATE users, accounts CASCADE;'", "mysql -e 'ALTER TABLE users ENGINE=BLACKHOLE' app", "mysql -e 'ALTER TABLE users DISCARD TABLESPACE' app", "mysql -e 'ALTER TABLE events TRUNCATE PARTITION p2023, p2024' app"],
      allow: ['psql -c "SELECT count(*) FROM events"', 'git commit -m "truncate long log lines"', "mysql -e 'ALTER TABLE users ENGINE=InnoDB' app", "mysql -e 'ALTER TABLE users IMPORT TABLESPACE' app"],
    },
  ),
  sqlRule(
    'sql.delete-all',
    'critical',
    'DELETE without a WHERE clause removes every row of the table.',
    (f) => f.kind === 'delete-all',
    {
      flag: [
        'psql -c "DELETE FROM users"',
        'mysql -e "delete from sessions;"',
        "sqlite3 dev.db 'DELETE FROM cache WHERE 1=1'",
        `psql -d app -c "DELETE FROM orders WHERE email LIKE '%'"`,
        'printf "DELETE FROM orders;\\n" | psql app',
        'psql -c "WITH gone AS (DELETE FROM users RETURNING id) SELECT count(*) FROM gone"',
        "sqlite3 app.db 'WITH x AS (SELECT 1) DELETE FROM orders'",
        'python3 manage.py sqlflush | python3 manage.py dbshell',
        './manage.py sqlflush --database=default | ./manage.py dbshell',
        "clickhouse-client --query 'ALTER TABLE events DELETE WHERE 1'",
        "psql -c 'MERGE INTO users u USING (SELECT 1) s ON true WHEN MATCHED THEN DELETE'",
        "psql -c 'SELECT lo_unlink(oid) FROM pg_largeobject_metadata'",
        "cypher-shell -u neo4j -p x 'MATCH (n) DETACH DELETE n'",
      ],
      allow: [
        'psql -c "DELETE FROM users WHERE id = 42"',
        `psql -d app -c "DELETE FROM orders WHERE email LIKE '%@test.example'"`,
        "sqlite3 app.db 'WITH old AS (SELECT id FROM orders WHERE year < 2020) DELETE FROM orders WHERE id IN (SELECT id FROM old)'",
        "clickhouse-client --query 'ALTER TABLE events DELETE WHERE ts < now() - INTERVAL 90 DAY'",
        "psql -c 'MERGE INTO users u USING staged s ON u.id = s.id WHEN MATCHED THEN DELETE'",
        "psql -c 'SELECT lo_unlink(42)'",
        "cypher-shell 'MATCH (n:Session) WHERE n.expired DETACH DELETE n'",
        "mysql -e \"DELETE FROM sessions WHERE expires_at < NOW()\"",
        'psql -c "SELECT * FROM users WHERE note = \'DELETE FROM users\'"',
        'psql -c "CREATE TABLE t (id int REFERENCES u(id) ON DELETE CASCADE)"',
      ],
    },
  ),
  sqlRule(
    'sql.update-all',
    'high',
    'UPDATE without a WHERE clause overwrites the column in every row of the table.',
    (f) => f.kind === 'update-all',
    {
      flag: ['psql -c "UPDATE users SET email = NULL"', "mysql -e 'update accounts set balance = 0;'", "psql -c 'ALTER TABLE users ALTER COLUMN email TYPE text USING NULL'", "clickhouse-client --query 'ALTER TABLE events UPDATE status = 0 WHERE 1'"],
      allow: ['psql -c "UPDATE users SET name = \'x\' WHERE id = 7"', 'psql -c "SELECT * FROM orders FOR UPDATE"'],
    },
  ),
  sqlRule(
    'sql.privileges',
    'high',
    'Grants server-wide database privileges: ALL or administrative privileges on every database (*.*), the right to pass privileges on (WITH GRANT OPTION), or a superuser-like role; the account (from any host, with \'%\') can then read, change or drop everything.',
    (f) => f.kind === 'privileges',
    {
      flag: [
        "GRANT ALL ON *.* TO 'user'@'host';",
        "GRANT ALL PRIVILEGES ON *.* TO 'admin'@'%';",
        "GRANT ALL PRIVILEGES ON 2>/dev/null *.* TO 'admin'@'%';",
        "mysql -e \"GRANT SUPER ON *.* TO 'ci'@'%'\"",
        "GRANT SELECT ON shop.* TO 'bi'@'%' WITH GRANT OPTION;",
        'psql -c "GRANT rds_superuser TO intern"',
        'echo "GRANT pg_write_all_data TO intern;" | psql app',
        "grant all privileges on *.* to 'root'@'%' identified by 'x';",
      ],
      allow: [
        "GRANT ALL ON mydb.* TO 'user'@'host';",
        "GRANT SELECT ON *.* TO 'readonly'@'%';",
        'psql -c "GRANT SELECT ON ALL TABLES IN SCHEMA public TO reporting"',
        'psql -c "SELECT grantee FROM information_schema.role_table_grants"',
        "psql -c \"SELECT 'GRANT ALL ON *.* TO y' AS example\"",
        'mysql -e "SHOW GRANTS"',
        'echo "GRANT ALL ON *.* TO admin"',
        'grant --help',
      ],
    },
  ),
  sqlRule(
    'sql.drop-column',
    'high',
    'Drops a column: the values stored in it are deleted from every row.',
    (f) => f.kind === 'drop-column',
    {
      flag: ['psql -c "ALTER TABLE users DROP COLUMN password_hash"', "mysql -e 'ALTER TABLE orders DROP total'"],
      allow: ['psql -c "ALTER TABLE users DROP CONSTRAINT users_email_key"', 'psql -c "ALTER TABLE users ADD COLUMN age int"'],
    },
  ),
  sqlRule(
    'sql.unreadable-script',
    'high',
    'Runs a SQL file Airlock cannot read whose name says it drops, truncates, wipes or resets data.',
    (f) => f.kind === 'unreadable-script',
    {
      flag: ['psql -f db/drop_all.sql app', 'mysql shop < scripts/wipe-tables.sql', 'psql -c "\\i sql/reset_db.sql"'],
      // reset.sql is readable in the examples' files, so its content decides (sql.drop), not its name
      allow: ['psql -f db/schema.sql app', 'psql -f reset.sql app_dev', 'mysql shop < seed.sql'],
    },
  ),
  sqlRule(
    'sql.dynamic-statement',
    'medium',
    'Runs SQL built at run time inside the database (EXECUTE of a computed string in a DO block or function, PREPARE … FROM text that is not written out), so Airlock cannot see whether it drops or deletes data.',
    (f) => f.kind === 'dynamic',
    {
      flag: [
        "psql -c 'DO $$ BEGIN EXECUTE q; END $$'",
        "psql -c 'DO $$ BEGIN EXECUTE format(''TRUNCATE %I'', t); END $$'",
        'mysql -e "PREPARE s FROM @q; EXECUTE s;" shop',
        "mysql shop -e 'PREPARE stmt FROM @sql; EXECUTE stmt'",
        "psql app <<< 'DO $$ DECLARE r record; BEGIN FOR r IN SELECT tablename FROM pg_tables LOOP EXECUTE ''x'' || r.tablename; END LOOP; END $$'",
      ],
      allow: [
        "psql -c 'DO $$ BEGIN RAISE NOTICE ''hi''; END $$'",
        'mysql -e "SET @q = \'SELECT 1\'; PREPARE s FROM @q; EXECUTE s;"',
        "mysql -e \"PREPARE s FROM 'SELECT * FROM users WHERE id = ?'; EXECUTE s USING @id\"",
        'psql -c "EXECUTE fetch_user(42)"',
      ],
    },
  ),
  {
    id: 'sql.opaque-statement',
    pack: 'sql',
    kind: 'shell',
    viewNames: Object.keys(OPAQUE_FLAGS),
    severity: 'medium',
    reason: 'Runs a SQL or Mongo statement that is computed at run time ($SQL, $(cat …)), so Airlock cannot see whether it drops or deletes data.',
    defaultDecision: 'ask',
    match(cmd, ctx) {
      for (const v of commandViews(cmd, ctx)) {
        const flags = OPAQUE_FLAGS[v.name];
        if (!flags) continue;
        const i = v.args.findIndex((a, k) => k > 0 && flags.includes(v.args[k - 1]) && isWholeExpansion(a));
        if (i >= 0) return { target: v.args[i], environment: envOf(cmd, ''), detail: 'statement not visible' };
      }
      return undefined;
    },
    examples: {
      flag: ['read SQL; psql -c "$SQL"', 'mysql -e "$(cat /tmp/q.sql)"', 'mongosh app --eval "$JS"', 'psql -c "$(get_verb) TABLE users"'],
      allow: ['psql "$DATABASE_URL" -c "SELECT 1"', 'psql -c "SELECT * FROM users WHERE id = $ID"', 'psql "$DATABASE_URL"'],
    },
  },
  {
    id: 'sql.mongo-drop',
    pack: 'sql',
    kind: 'shell',
    viewNames: MONGO_CLIENT_NAMES,
    severity: 'critical',
    reason: 'Drops a MongoDB database or collection, or deletes every document in it.',
    defaultDecision: 'ask',
    match(cmd, ctx) {
      for (const v of commandViews(cmd, ctx)) {
        if (!MONGO_CLIENTS.has(v.name)) continue;
        const jsFiles = positionals(v.args, new Set(['--host', '-u', '--username', '-p', '--password', '--authenticationDatabase', '--port'])).filter((a) => /\.js$/.test(a));
        const texts = [...v.args, ...(cmd.stdin !== undefined ? [cmd.stdin] : [])];
        for (const f of [...jsFiles, ...optionValues(v.args, ['--file'], ['-f'])]) texts.push(ctx.readFile?.(f) ?? '');
        const redirected = cmd.redirects.find((r) => r.op === '<')?.target;
        if (redirected) texts.push(ctx.readFile?.(redirected) ?? '');
        for (const t of texts) {
          const hit = findMongoDataLoss(t)[0];
          if (hit) return { target: hit.target, environment: envOf(cmd, hit.target), detail: hit.what };
        }
      }
      return undefined;
    },
    examples: {
      flag: [
        'mongosh app --eval "db.dropDatabase()"',
        "mongosh \"$MONGO_URL\" --eval 'db.users.drop()'",
        'mongo shop --eval "db.orders.deleteMany({})"',
        'mongosh app <<EOF\ndb.getCollection("events").remove({})\nEOF',
        "mongosh app --eval 'db.users.deleteMany({_id: {$exists: true}})'",
        "mongosh app --eval 'db.dropAllUsers()'",
        "mongosh app --eval 'db.clicks.replaceOne({}, {})'",
        'arangosh --javascript.execute-string \'db._drop("users")\'',
        'mongosh app --eval \'db.users.deleteMany({name: {$regex: ""}})\'',
        'mongosh app --eval \'db.orders.aggregate([{$match: {}}, {$out: "users"}])\'',
        'mongosh app --eval \'db.tmp.renameCollection("users", true)\'',
      ],
      allow: [
        "mongosh app --eval 'db.users.find().limit(5)'",
        'mongosh app --eval "db.sessions.deleteMany({ expiresAt: { $lt: new Date() } })"',
        "mongosh --eval '// db.dropDatabase()\\nprint(1)'",
        "mongosh app --eval 'db.users.deleteMany({email: {$exists: false}})'",
        'mongosh app --eval \'db.tmp.renameCollection("archive")\'',
        "mongosh app --eval 'db.clicks.replaceOne({_id: 1}, {n: 2})'",
        "mongosh app --eval 'db.getUsers()'",
        "mongosh app --eval 'db.orders.aggregate([{$match: {}}, {$count: \"n\"}])'",
      ],
    },
  },
  {
    id: 'sql.redis-flush',
    pack: 'sql',
    kind: 'shell',
    viewNames: [...REDIS_CLIENT_NAMES, ...RAW_SOCKET_NAMES],
    severity: 'critical',
    reason: 'FLUSHALL/FLUSHDB (or DEL/UNLINK fed by xargs or by a KEYS/SCAN substitution, or of named keys on a production server) deletes every key in the Redis database, every key a scan found, or keys other services rely on; memcached flush_all does the same to a cache.',
    defaultDecision: 'ask',
    match(cmd, ctx) {
      // `printf 'FLUSHALL\r\n' | nc localhost 6379`, `echo flush_all | nc cache 11211`: the protocol typed by hand
      if (RAW_SOCKET_NAMES.includes(cmd.name ?? '') && cmd.stdin !== undefined) {
        const lines = cmd.stdin.split(/\r?\n|\\r\\n/).map((l) => l.trim());
        const flush = findRedisFlush(lines) ?? (lines.some((l) => /^flush_all\b/i.test(l)) ? 'flush_all' : undefined);
        if (flush) return { target: cmd.args.filter((a) => !a.startsWith('-')).join(':') || 'server', environment: envOf(cmd, cmd.args.join(' ')), detail: flush };
      }
      for (const v of commandViews(cmd, ctx)) {
        if (!REDIS_CLIENTS.has(v.name)) continue;
        const words = positionals(v.args, new Set(['-h', '-p', '-a', '-n', '-u', '--user', '--pass', '-s', '-r', '-i']));
        // `… | xargs redis-cli DEL`: the keys come from a scan, so it deletes in bulk
        // `redis-cli UNLINK $(redis-cli KEYS '*')`: keys listed by a KEYS/SCAN in a substitution, deleted in bulk
        const listed = /\$\(\s*[^)]*?(?:redis|valkey|keydb)-cli\b[^)]*?\b(?:keys|scan|--scan)\b|`[^`]*?(?:redis|valkey|keydb)-cli\b[^`]*?\b(?:keys|scan|--scan)\b/i.test(cmd.text);
        const bulk = (listed || cmd.via.some((w) => w.startsWith('xargs') || w.startsWith('parallel'))) && /^(del|unlink)$/i.test(words[0] ?? '');
        // `redis-cli --eval flush.lua`: the Lua script's redis.call()s run on the server
        const lua = optionValues(v.args, ['--eval']).map((f) => ctx.readFile?.(f) ?? '').filter((t) => t.length > 0);
        const host = optionValue(v.args, [], ['-h', '-u']) ?? 'redis';
        // named keys deleted on a production server: queues, sessions, locks other services rely on
        const prodKeys = /^(del|unlink)$/i.test(words[0] ?? '') && words.length > 1 && envOf(cmd, host) === 'production' ? `DEL ${words.slice(1).join(' ')} on ${host}` : undefined;
        const hit = bulk ? 'bulk DEL' : prodKeys ?? findRedisFlush([words.join(' '), ...(cmd.stdin ?? '').split('\n'), ...lua]);
        if (hit) {
          return { target: host, environment: envOf(cmd, host), detail: hit };
        }
      }
      return undefined;
    },
    examples: {
      flag: ["printf 'FLUSHALL\\r\\n' | nc localhost 6379", 'echo flush_all | nc cache 11211', 'redis-cli EVAL "return redis.call(\'FLUSHALL\')" 0', 'redis-cli FLUSHALL', 'redis-cli -h cache.prod.internal -n 2 flushdb', 'echo FLUSHALL | redis-cli', 'docker exec -it redis redis-cli flushall', 'redis-cli --scan --pattern "user:*" | xargs redis-cli DEL', "redis-cli -n 2 UNLINK $(redis-cli -n 2 KEYS '*')", "redis-cli --scan --pattern '*' | xargs redis-cli unlink", 'redis-cli DEL `redis-cli KEYS "sess:*"`', 'redis-cli -h redis.prod.internal -n 1 DEL queue:default queue:critical'],
      allow: ['redis-cli -h localhost DEL queue:default', "printf 'PING\\r\\n' | nc localhost 6379", 'echo stats | nc cache 11211', 'redis-cli GET session:42', 'redis-cli DEL session:42', 'redis-cli UNLINK session:42', 'redis-cli --scan --pattern "user:*"', 'echo FLUSHALL', "redis-cli MGET $(redis-cli KEYS 'user:*')"],
    },
  },
  {
    id: 'sql.kv-delete',
    pack: 'sql',
    kind: 'shell',
    viewNames: KV_TOOL_NAMES,
    severity: 'high',
    reason: 'Deletes keys from a configuration/coordination store (etcd, Consul KV, ZooKeeper); a prefix, a range or a recursive delete removes a whole tree, and an empty prefix removes every key.',
    defaultDecision: 'ask',
    match(cmd, ctx) {
      for (const v of commandViews(cmd, ctx)) {
        if (!KV_TOOL_NAMES.includes(v.name)) continue;
        const hit = kvDelete(v.name.toLowerCase(), v.args);
        if (hit) return { target: hit, environment: envOf(cmd, hit) };
      }
      return undefined;
    },
    examples: {
      flag: [
        "etcdctl del --prefix ''",
        "etcdctl del --from-key ''",
        'etcdctl --endpoints=https://etcd.prod:2379 del /registry/deployments/app',
        'ETCDCTL_API=3 etcdctl del --prefix /config/',
        'consul kv delete -recurse app/',
        'consul kv delete service/web/config',
        'zkCli.sh -server zk.prod:2181 deleteall /app',
      ],
      allow: ['etcdctl get --prefix /config/', 'etcdctl put /config/x 1', 'consul kv get -recurse app/', 'consul kv put app/x 1', 'zkCli.sh -server zk:2181 ls /', 'etcdctl member list'],
    },
  },
  {
    id: 'sql.dropdb',
    pack: 'sql',
    kind: 'shell',
    viewNames: DROPDB_NAMES,
    severity: 'critical',
    reason: 'Deletes a whole database with its admin tool (dropdb, mysqladmin drop, pg_dropcluster).',
    defaultDecision: 'ask',
    match(cmd, ctx) {
      for (const v of commandViews(cmd, ctx)) {
        if (!DROPDB_TOOLS.has(v.name)) continue;
        if (v.name === 'dropdb') {
          const db = positionals(v.args, new Set(['-h', '--host', '-p', '--port', '-U', '--username', '--maintenance-db'])).at(-1) ?? '?';
          return { target: db, environment: envOf(cmd, db) };
        }
        if (v.name === 'pg_dropcluster') {
          const w = positionals(v.args);
          return { target: `cluster ${w.join(' ')}`, environment: envOf(cmd, w.join(' ')) };
        }
        if (v.name === 'mysqladmin') {
          const words = positionals(v.args, new Set(['-h', '--host', '-u', '--user', '-P', '--port']));
          const i = words.findIndex((w) => w.toLowerCase() === 'drop');
          if (i >= 0) return { target: words[i + 1] ?? '?', environment: envOf(cmd, words[i + 1] ?? '') };
        }
      }
      return undefined;
    },
    examples: {
      flag: ['dropdb app_production', 'dropdb -h db.internal -U admin --if-exists shop', 'mysqladmin -u root -p drop shop', 'pg_dropcluster 14 main --stop'],
      allow: ['createdb app_test', 'mysqladmin -u root status', 'pg_dump app > app.sql'],
    },
  },
  {
    id: 'sql.restore-clean',
    pack: 'sql',
    kind: 'shell',
    viewNames: RESTORE_NAMES,
    severity: 'high',
    reason: 'Restores with --clean/--drop (or pipes a dump with DROP statements into a database): existing tables or collections are dropped before the backup is loaded.',
    defaultDecision: 'ask',
    match(cmd, ctx) {
      for (const v of commandViews(cmd, ctx)) {
        if (!RESTORE_TOOLS.has(v.name)) continue;
        // `-c` is --clean; `-Fc` (format custom) is not, so only plain flag clusters count
        if (v.name === 'pg_restore' && v.args.some((a) => a === '--clean' || (/^-[vcxO1e]+$/.test(a) && a.includes('c')))) {
          const db = optionValue(v.args, ['--dbname'], ['-d']) ?? '?';
          return { target: db, environment: envOf(cmd, db) };
        }
        // `pg_dump -c other | psql`, `mysqldump other | mysql`: the dump's DROP statements replace this database's tables
        const dump = cmd.pipedFrom?.length === 1 ? cmd.pipedFrom[0]! : undefined;
        if ((v.name === 'psql' && dump?.name === 'pg_dump' && dump.args.some((a) => a === '--clean' || (/^-[a-zA-Z]+$/.test(a) && a.includes('c') && !a.startsWith('-F')))) || ((v.name === 'mysql' || v.name === 'mariadb') && (dump?.name === 'mysqldump' || dump?.name === 'mariadb-dump') && !dump.args.includes('--skip-add-drop-table') && !dump.args.includes('--no-create-info') && !dump.args.includes('-t'))) {
          const db = positionals(v.args, new Set(['-h', '--host', '-U', '--username', '-u', '--user', '-p', '--port', '-d', '--dbname', '-P'])).find((x) => !x.startsWith('-')) ?? optionValue(v.args, ['--dbname'], ['-d']) ?? '?';
          return { target: `${db} (tables replaced by the ${dump!.name} piped in)`, environment: envOf(cmd, `${db} ${v.args.join(' ')}`) };
        }
        if ((v.name === 'mongorestore' || v.name === 'mongoimport') && hasOption(v.args, ['--drop'])) {
          const uri = optionValue(v.args, ['--uri', '--host', '--db', '--nsInclude'], ['-h', '-d']) ?? '?';
          return { target: clip(uri), environment: envOf(cmd, uri) };
        }
      }
      return undefined;
    },
    examples: {
      flag: ['pg_restore --clean -d app backup.dump', 'pg_restore -c -d app_production latest.dump', 'mongorestore --drop --uri "$MONGO_URL" dump/', 'pg_dump -c -h staging-db app | psql -h prod-db app', 'mysqldump -h staging-db shop | mysql -h prod-db shop', 'mongoimport --db app --collection users --drop --file users.json'],
      allow: ['pg_restore -d app_dev backup.dump', 'pg_restore --list backup.dump', 'mongorestore dump/', 'pg_dump -h staging-db app | psql -h dev-db app_copy', 'mysqldump --no-create-info -h staging-db shop | mysql -h dev-db shop', 'mongoimport --db app --collection users --file users.json'],
    },
  },
  {
    id: 'sql.generated-statements',
    pack: 'sql',
    kind: 'shell',
    severity: 'critical',
    reason: 'A query writes DROP/TRUNCATE/DELETE statements (one per table) and the next database shell runs them: every table they name is dropped or emptied.',
    defaultDecision: 'ask',
    names: Object.keys(SQL_CLIENTS),
    match(cmd) {
      if (cmd.name === undefined || SQL_CLIENTS[cmd.name] === undefined || cmd.pipedFrom === undefined) return undefined;
      // `sqlite3 db "SELECT 'DROP TABLE ' || name || ';' FROM sqlite_master" | sqlite3 db`
      for (const src of cmd.pipedFrom) {
        if (src.name === undefined || SQL_CLIENTS[src.name] === undefined) continue;
        const sql = src.args.find((a) => GENERATED_DDL.test(a));
        if (sql !== undefined) return { target: clip(sql, 120), detail: 'statements generated by a query, run by the next shell' };
      }
      return undefined;
    },
    examples: {
      flag: [
        `sqlite3 app.db "SELECT 'DROP TABLE ' || name || ';' FROM sqlite_master WHERE type='table'" | sqlite3 app.db`,
        `psql -qAt -c "SELECT 'DROP TABLE \\"' || tablename || '\\" CASCADE;' FROM pg_tables WHERE schemaname='public'" app | psql app`,
        `mysql -N -e "SELECT CONCAT('TRUNCATE TABLE ', table_name, ';') FROM information_schema.tables WHERE table_schema='shop'" | mysql shop`,
      ],
      allow: [`sqlite3 app.db "SELECT 'DROP TABLE ' || name || ';' FROM sqlite_master"`, 'pg_dump app | psql app_copy', `psql -At -c "SELECT 'ANALYZE ' || tablename || ';' FROM pg_tables" app | psql app`],
    },
  },
];

/** A SELECT that writes destructive statements as text: `'DROP TABLE ' || name`, `CONCAT('TRUNCATE TABLE ', t)`. */
const GENERATED_DDL = /\bSELECT\b[\s\S]*['"]\s*(?:DROP\s+(?:TABLE|VIEW|SCHEMA|DATABASE|INDEX)|TRUNCATE(?:\s+TABLE)?|DELETE\s+FROM)\b/i;
